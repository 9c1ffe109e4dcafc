import type { KubeObject } from "../../ports/kube.ts";
import type { ObjectStore } from "../store.ts";
import { defaultBuiltIn } from "./builtins.ts";
import type { ResourceTable, ResourceType } from "./resources.ts";
import { groupVersion } from "./resources.ts";
import type { ResourceRoute } from "./routes.ts";

/**
 * What every handler works with: the resource table, the object store seen version-agnostically,
 * and the server's hooks; plus the parsed request and the reply a handler returns.
 */

/** The pod proxy hook of the options (see KubeApiServerOptions.podProxy). */
export type PodProxy = (req: { namespace: string; pod: string; port: number; scheme: "http" | "https"; path: string }) => { status: number; body: string } | undefined;

/** Shared by every handler of one server. */
export interface ServerContext {
  table: ResourceTable;
  objects: VersionedObjects;
  afterWrite: () => void;
  podProxy: PodProxy | undefined;
}

/** A request to a resource URL. */
export interface ApiRequest {
  method: string;
  route: ResourceRoute;
  query: URLSearchParams;
  /** Media type of the body, lower case, without parameters. */
  contentType: string;
  body: Buffer;
  accept: string;
  userAgent: string;
}

/** A handler's answer: a JSON body (or raw text for the pod proxy). */
export interface ApiReply {
  status: number;
  body: unknown;
  contentType?: string;
  /** Header values; an array sends the header several times (Warning). */
  headers?: Record<string, string | string[]>;
}

/**
 * The store seen per resource rather than per apiVersion. A custom resource is stored at the
 * version it was created with ("stored as given") and served at every version of its CRD with only
 * the apiVersion rewritten, as a CRD with conversion strategy None does.
 */
export class VersionedObjects {
  constructor(readonly store: ObjectStore) {}

  private keys(t: ResourceType, namespace: string | undefined, name: string) {
    return t.versions.map((v) => ({ apiVersion: groupVersion(t.group, v), kind: t.kind, ...(namespace !== undefined ? { namespace } : {}), name }));
  }

  /**
   * An object as read from storage: built-in kinds get their defaults, as decoding from etcd applies
   * them (objects the simulator writes straight into the store lack them).
   */
  decode(t: ResourceType, obj: KubeObject): KubeObject {
    if (!t.crd) defaultBuiltIn(obj, t, false);
    return obj;
  }

  /** The stored object (at its stored apiVersion), whatever version it was written at. */
  get(t: ResourceType, namespace: string | undefined, name: string): KubeObject | undefined {
    for (const key of this.keys(t, namespace, name)) {
      const o = this.store.get(key);
      if (o) return this.decode(t, o);
    }
    return undefined;
  }

  /** Every stored object of the resource, in one namespace or all, ordered by namespace and name. */
  list(t: ResourceType, namespace: string | undefined): KubeObject[] {
    const out = t.versions.flatMap((v) => this.store.list(groupVersion(t.group, v), t.kind, namespace)).map((o) => this.decode(t, o));
    return out.sort((a, b) => (a.metadata.namespace ?? "").localeCompare(b.metadata.namespace ?? "") || a.metadata.name.localeCompare(b.metadata.name));
  }

  /** True when the Namespace exists. */
  namespaceExists(name: string): boolean {
    return this.store.get({ apiVersion: "v1", kind: "Namespace", name }) !== undefined;
  }
}

/** The object as served at `apiVersion`. */
export function present(obj: KubeObject, apiVersion: string): KubeObject {
  return obj.apiVersion === apiVersion ? obj : { ...obj, apiVersion };
}
