import { RequestTimeout } from "./port-core.ts";

/**
 * Resource discovery for the lean port: which resource (plural, namespaced or not) serves a kind,
 * read from GET /api/v1 or /apis/{group}/{version} and cached per groupVersion, as client-node's
 * KubernetesObjectApi does. Its failures are worded like client-node's, so the shared error
 * mapping reads them alike: a 404 here is a group the cluster does not serve (MissingCrdError), a
 * group without the kind is "Unrecognized API version and kind".
 */

/** One entry of an APIResourceList. */
export interface ApiResource {
  name: string;
  namespaced: boolean;
  kind: string;
}

/** Finds the resource of a kind; one per cluster. */
export interface Discovery {
  resource(apiVersion: string, kind: string): Promise<ApiResource>;
}

/** A failed discovery request, with the status and body the shared mapping reads. */
class DiscoveryError extends Error {
  override name = "DiscoveryError";
  constructor(
    message: string,
    readonly code: unknown,
    readonly body: unknown,
    options: { cause: unknown },
  ) {
    super(message, options);
  }
}

/**
 * The path of a group version's resource list.
 * @example discoveryPath("apps/v1"); // "/apis/apps/v1"
 */
export const discoveryPath = (apiVersion: string) => (apiVersion.includes("/") ? `/apis/${apiVersion}` : `/api/${apiVersion}`);

/**
 * A discovery cache over `fetchList` (which GETs a path and parses the APIResourceList). Concurrent
 * lookups of one group version share one request; a failure is not cached, and a kind missing from a
 * cached list is looked up again (a CRD installed since).
 * @example
 * const discovery = createDiscovery((path) => getJson(path));
 * const { name, namespaced } = await discovery.resource("networking.istio.io/v1", "VirtualService");
 */
export function createDiscovery(fetchList: (path: string) => Promise<{ resources?: ApiResource[] }>): Discovery {
  const cache = new Map<string, ApiResource[]>();
  const inFlight = new Map<string, Promise<ApiResource[]>>();
  const fetchOnce = (apiVersion: string) => {
    let p = inFlight.get(apiVersion);
    if (!p) {
      p = fetchList(discoveryPath(apiVersion))
        .then((list) => {
          const resources = list.resources ?? [];
          cache.set(apiVersion, resources);
          return resources;
        })
        .finally(() => inFlight.delete(apiVersion));
      inFlight.set(apiVersion, p);
    }
    return p;
  };
  return {
    async resource(apiVersion, kind) {
      // subresources (deployments/scale) share the kind's name in some lists: only top-level ones count
      const find = (list: ApiResource[]) => list.find((r) => r.kind === kind && !r.name.includes("/"));
      const cached = cache.get(apiVersion);
      const hit = cached && find(cached);
      if (hit) return hit;
      let list: ApiResource[];
      try {
        list = await fetchOnce(apiVersion);
      } catch (err) {
        // a deadline stays a deadline (it names the server); anything else is worded as client-node words it
        if (err instanceof RequestTimeout) throw err;
        const e = err as { code?: unknown; body?: unknown; message?: string };
        throw new DiscoveryError(`Failed to fetch resource metadata for ${apiVersion}/${kind}: ${e.message ?? String(err)}`, e.code, e.body, { cause: err });
      }
      const found = find(list);
      if (!found) throw new Error(`Unrecognized API version and kind: ${apiVersion} ${kind}`);
      return found;
    },
  };
}
