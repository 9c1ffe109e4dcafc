import type { ResourceTable, ResourceType } from "./resources.ts";
import { groupVersion } from "./resources.ts";
import { pathNotFound } from "./status.ts";

/**
 * Resource URLs, parsed as kube-apiserver's RequestInfo parses them:
 * /api/v1[/namespaces/{ns}]/{resource}[/{name}[/{subresource}[/{path…}]]] and the same under
 * /apis/{group}/{version}. Anything that names no served resource is the generic 404.
 */
export interface ResourceRoute {
  type: ResourceType;
  group: string;
  version: string;
  /** `apps/v1`, or `v1` for the core group. */
  apiVersion: string;
  namespace?: string;
  name?: string;
  subresource?: "status" | "scale" | "proxy";
  /** What follows `proxy/` (decoded, "/"-joined). */
  proxyPath?: string;
}

/** The path split on "/" with each segment percent-decoded. */
export function splitPath(pathname: string): string[] {
  return pathname
    .split("/")
    .filter((s) => s !== "")
    .map((s) => {
      try {
        return decodeURIComponent(s);
      } catch {
        throw pathNotFound();
      }
    });
}

/** The resource a path names; throws 404 when none does. */
export function parseResourceRoute(table: ResourceTable, segments: string[]): ResourceRoute {
  let group: string;
  let version: string | undefined;
  let rest: string[];
  if (segments[0] === "api") {
    group = "";
    version = segments[1];
    rest = segments.slice(2);
  } else if (segments[0] === "apis") {
    group = segments[1] ?? "";
    version = segments[2];
    rest = segments.slice(3);
  } else throw pathNotFound();
  if (!version || !rest.length) throw pathNotFound();

  let namespace: string | undefined;
  // /api/v1/namespaces/{ns}/{resource}…, except /api/v1/namespaces/{name}/status, a namespace's own subresource
  if (rest[0] === "namespaces" && rest.length >= 3 && !(group === "" && rest.length === 3 && (rest[2] === "status" || rest[2] === "finalize"))) {
    namespace = rest[1];
    rest = rest.slice(2);
  }
  const [plural, name, sub, ...more] = rest as [string, string | undefined, string | undefined, ...string[]];
  const type = table.lookup(group, version, plural);
  if (!type) throw pathNotFound();
  if (namespace !== undefined && !type.namespaced) throw pathNotFound();
  if (name === "" || (name !== undefined && type.namespaced && namespace === undefined)) throw pathNotFound();

  const route: ResourceRoute = {
    type,
    group,
    version,
    apiVersion: groupVersion(group, version),
    ...(namespace !== undefined ? { namespace } : {}),
    ...(name !== undefined ? { name } : {}),
  };
  if (sub === undefined) return route;
  const served = (sub === "status" && type.subresources.status) || (sub === "scale" && type.subresources.scale) || (sub === "proxy" && type.subresources.proxy);
  if (!served) throw pathNotFound();
  if (more.length && sub !== "proxy") throw pathNotFound();
  route.subresource = sub;
  if (sub === "proxy") route.proxyPath = more.join("/");
  return route;
}
