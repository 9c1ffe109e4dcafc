import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { parseAllDocuments } from "yaml";

/**
 * The kind ↔ resource ↔ group table: which resources the simulator serves, at which versions, with
 * which verbs and subresources. Built-in kinds are listed here; custom resources come from the CRD
 * files themselves, so serving a new CRD is dropping its YAML into the directory.
 */

/** A CRD printer column (`additionalPrinterColumns`). */
export interface PrinterColumn {
  name: string;
  type: string;
  jsonPath: string;
  description?: string;
  priority?: number;
}

/** One served resource: its names, versions, scope and subresources. */
export interface ResourceType {
  /** "" for the core group. */
  group: string;
  /** Served versions, highest priority first (the first is the preferred one). */
  versions: string[];
  kind: string;
  listKind: string;
  plural: string;
  singular: string;
  namespaced: boolean;
  shortNames: string[];
  categories: string[];
  /** Subresources served besides the object itself. */
  subresources: { status: boolean; scale: boolean; proxy: boolean };
  /** Present for custom resources: the CRD's per-version schema and printer columns. */
  crd?: { schemas: Record<string, object>; printerColumns: Record<string, PrinterColumn[]> };
}

/** Verbs of a resource, as discovery lists them. Everything listed here is implemented. */
export const RESOURCE_VERBS = ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"];

function builtIn(
  group: string,
  version: string,
  kind: string,
  plural: string,
  o: { namespaced?: boolean; shortNames?: string[]; status?: boolean; scale?: boolean; proxy?: boolean; categories?: string[] } = {},
): ResourceType {
  return {
    group,
    versions: [version],
    kind,
    listKind: `${kind}List`,
    plural,
    singular: kind.toLowerCase(),
    namespaced: o.namespaced ?? true,
    shortNames: o.shortNames ?? [],
    categories: o.categories ?? [],
    subresources: { status: o.status ?? false, scale: o.scale ?? false, proxy: o.proxy ?? false },
  };
}

/** The built-in kinds our clients touch (shortNames and categories as kube-apiserver 1.32 serves them). */
const BUILT_IN: ResourceType[] = [
  builtIn("", "v1", "Namespace", "namespaces", { namespaced: false, shortNames: ["ns"], status: true }),
  builtIn("", "v1", "Pod", "pods", { shortNames: ["po"], status: true, proxy: true, categories: ["all"] }),
  builtIn("", "v1", "Service", "services", { shortNames: ["svc"], status: true, categories: ["all"] }),
  builtIn("", "v1", "Secret", "secrets"),
  builtIn("", "v1", "ConfigMap", "configmaps", { shortNames: ["cm"] }),
  builtIn("", "v1", "Event", "events", { shortNames: ["ev"] }),
  builtIn("apps", "v1", "Deployment", "deployments", { shortNames: ["deploy"], status: true, scale: true, categories: ["all"] }),
  builtIn("apps", "v1", "ReplicaSet", "replicasets", { shortNames: ["rs"], status: true, scale: true, categories: ["all"] }),
  builtIn("networking.k8s.io", "v1", "Ingress", "ingresses", { shortNames: ["ing"], status: true }),
  builtIn("autoscaling", "v2", "HorizontalPodAutoscaler", "horizontalpodautoscalers", { shortNames: ["hpa"], status: true, categories: ["all"] }),
];

/** `apps/v1`, or `v1` for the core group. */
export const groupVersion = (group: string, version: string) => (group ? `${group}/${version}` : version);

/** The resources served, indexed for routing. */
export class ResourceTable {
  readonly all: ResourceType[];
  private byPath = new Map<string, ResourceType>();

  constructor(types: ResourceType[]) {
    this.all = types;
    for (const t of types) for (const v of t.versions) this.byPath.set(`${t.group}|${v}|${t.plural}`, t);
  }

  /** The resource at /apis/{group}/{version}/{plural}, if served. */
  lookup(group: string, version: string, plural: string): ResourceType | undefined {
    return this.byPath.get(`${group}|${version}|${plural}`);
  }

  /** Served groups with their versions (highest priority first), core group first. */
  groups(): { name: string; versions: string[] }[] {
    const out = new Map<string, string[]>();
    for (const t of this.all) {
      const vs = out.get(t.group) ?? [];
      for (const v of t.versions) if (!vs.includes(v)) vs.push(v);
      out.set(t.group, vs);
    }
    return [...out].map(([name, versions]) => ({ name, versions: versions.sort(compareVersions) }));
  }

  /** Resources served at one group/version. */
  at(group: string, version: string): ResourceType[] {
    return this.all.filter((t) => t.group === group && t.versions.includes(version));
  }
}

/**
 * Kube-aware version order (as apimachinery's CompareKubeAwareVersionStrings): GA before beta before
 * alpha, higher numbers first, anything else last in alphabetical order.
 */
export function compareVersions(a: string, b: string): number {
  const rank = (v: string): [number, number, number] | undefined => {
    const m = /^v(\d+)(?:(alpha|beta)(\d+))?$/.exec(v);
    if (!m) return undefined;
    const level = m[2] === undefined ? 3 : m[2] === "beta" ? 2 : 1;
    return [level, Number(m[1]), Number(m[3] ?? 0)];
  };
  const ra = rank(a);
  const rb = rank(b);
  if (!ra || !rb) return ra ? -1 : rb ? 1 : a.localeCompare(b);
  return rb[0] - ra[0] || rb[1] - ra[1] || rb[2] - ra[2];
}

interface CrdVersion {
  name: string;
  served?: boolean;
  schema?: { openAPIV3Schema?: object };
  subresources?: { status?: object; scale?: object };
  additionalPrinterColumns?: PrinterColumn[];
}
interface Crd {
  kind: string;
  spec: {
    group: string;
    scope: "Namespaced" | "Cluster";
    names: { kind: string; listKind?: string; plural: string; singular?: string; shortNames?: string[]; categories?: string[] };
    versions: CrdVersion[];
  };
}

function fromCrd(crd: Crd): ResourceType {
  const served = crd.spec.versions.filter((v) => v.served !== false);
  const n = crd.spec.names;
  const schemas: Record<string, object> = {};
  const printerColumns: Record<string, PrinterColumn[]> = {};
  for (const v of served) {
    // apiextensions/v1 requires a schema per version; an absent one would accept anything
    schemas[v.name] = v.schema?.openAPIV3Schema ?? { type: "object", "x-kubernetes-preserve-unknown-fields": true };
    printerColumns[v.name] = v.additionalPrinterColumns ?? [];
  }
  return {
    group: crd.spec.group,
    versions: served.map((v) => v.name).sort(compareVersions),
    kind: n.kind,
    listKind: n.listKind ?? `${n.kind}List`,
    plural: n.plural,
    singular: n.singular ?? n.kind.toLowerCase(),
    namespaced: crd.spec.scope !== "Cluster",
    shortNames: n.shortNames ?? [],
    categories: n.categories ?? [],
    subresources: {
      status: served.some((v) => v.subresources?.status),
      scale: served.some((v) => v.subresources?.scale),
      proxy: false,
    },
    crd: { schemas, printerColumns },
  };
}

/** Parsing the CRD files costs about half a second: do it once per directory per process. */
const crdCache = new Map<string, Promise<ResourceType[]>>();

async function readCrds(dir: string): Promise<ResourceType[]> {
  const files = (await readdir(dir)).filter((f) => /\.ya?ml$/.test(f)).sort();
  const out: ResourceType[] = [];
  for (const f of files) {
    for (const doc of parseAllDocuments(await readFile(join(dir, f), "utf8"))) {
      if (doc.errors.length) throw new Error(`${join(dir, f)}: ${doc.errors[0]!.message}`);
      const crd = doc.toJS() as Crd | null;
      if (crd?.kind === "CustomResourceDefinition") out.push(fromCrd(crd));
    }
  }
  return out;
}

/** The built-in kinds plus the CRDs found in `crdDir`. */
export async function loadResourceTable(crdDir: string): Promise<ResourceTable> {
  let crds = crdCache.get(crdDir);
  if (!crds) {
    crds = readCrds(crdDir);
    crdCache.set(crdDir, crds);
    crds.catch(() => crdCache.delete(crdDir));
  }
  return new ResourceTable([...BUILT_IN, ...(await crds)]);
}
