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

/**
 * The resources of the kinds Firebreak itself reads and writes, by group and kind (any version):
 * their paths are fixed by Kubernetes and by the official CRDs, so a request for one needs no
 * discovery round trip first (two of an isolation's six, against a cluster 30 ms away). A 404 for
 * one is checked against discovery then, to tell a missing CRD from a missing object.
 */
const WELL_KNOWN: Record<string, Omit<ApiResource, "kind">> = {
  "/Pod": { name: "pods", namespaced: true },
  "/Service": { name: "services", namespaced: true },
  "/Secret": { name: "secrets", namespaced: true },
  "/ConfigMap": { name: "configmaps", namespaced: true },
  "/Namespace": { name: "namespaces", namespaced: false },
  "apps/Deployment": { name: "deployments", namespaced: true },
  "apps/ReplicaSet": { name: "replicasets", namespaced: true },
  "networking.k8s.io/Ingress": { name: "ingresses", namespaced: true },
  "autoscaling/HorizontalPodAutoscaler": { name: "horizontalpodautoscalers", namespaced: true },
  "networking.istio.io/VirtualService": { name: "virtualservices", namespaced: true },
  "networking.istio.io/DestinationRule": { name: "destinationrules", namespaced: true },
  "gateway.networking.k8s.io/HTTPRoute": { name: "httproutes", namespaced: true },
  "split.smi-spec.io/TrafficSplit": { name: "trafficsplits", namespaced: true },
  // read, never written, to refuse a Linkerd mesh route its proxies ignore; sent without discovery,
  // the read reaches a rehearsal's API server whether or not it serves Linkerd's CRDs, and `firebreak rbac` grants it
  "linkerd.io/ServiceProfile": { name: "serviceprofiles", namespaced: true },
};

/**
 * The resource of a kind Firebreak edits, without asking the cluster; undefined for any other kind.
 * @example wellKnownResource("apps/v1", "Deployment"); // { name: "deployments", namespaced: true, kind: "Deployment" }
 */
export function wellKnownResource(apiVersion: string, kind: string): ApiResource | undefined {
  const group = apiVersion.includes("/") ? apiVersion.slice(0, apiVersion.indexOf("/")) : "";
  const known = WELL_KNOWN[`${group}/${kind}`];
  return known && { ...known, kind };
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
    readonly headers: unknown,
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
        const e = err as { code?: unknown; body?: unknown; headers?: unknown; message?: string };
        throw new DiscoveryError(`Failed to fetch resource metadata for ${apiVersion}/${kind}: ${e.message ?? String(err)}`, e.code, e.body, e.headers, { cause: err });
      }
      const found = find(list);
      if (!found) throw new Error(`Unrecognized API version and kind: ${apiVersion} ${kind}`);
      return found;
    },
  };
}
