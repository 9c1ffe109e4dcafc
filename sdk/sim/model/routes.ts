import type { KubeObject } from "../../ports/kube.ts";
import { isNginxCanary, locationsOf, NGINX_CANARY_ANNOTATIONS, nginxCanaryWeight, pathsOf, pathTypeMismatches } from "../../traffic/routers/ingress-nginx.ts";
import { smiWeight } from "../../traffic/routers/smi.ts";
import type { ObjectStore } from "../store.ts";
import { resolveBackend } from "./backend-refs.ts";
import type { MetricChannel } from "./mesh-dialects.ts";

/**
 * The mesh's view of the namespace: which route carries each service's requests, and how it splits
 * them. Read from the route objects as clients left them (VirtualService + DestinationRule, Gateway
 * API HTTPRoute, SMI TrafficSplit, ingress-nginx canary Ingress), after every write.
 */

/** One weighted destination of a service's route. */
export interface RouteDestination {
  /** Relative weight: a share of the sum of the route's weights (Envoy, Gateway API and SMI all read them so). */
  weight: number;
  /** Labels of the pods it sends to; undefined when it names nothing that exists (a subset or Service that is not there). */
  selector: Record<string, string> | undefined;
  /** The version label reported when no pod can take the requests. */
  version: string;
  /** Whose metrics count its requests, under which names. */
  channel: MetricChannel;
}

/** Service (the app users call) → its route's destinations. Absent: plain Service load balancing. */
export type RouteTable = Map<string, RouteDestination[]>;

/**
 * The API versions a client may write each route kind under (the store keeps an object under the
 * version it was written at); the model seeds, and lists first, the first of each.
 */
export const ROUTE_API_VERSIONS = {
  istio: ["networking.istio.io/v1", "networking.istio.io/v1beta1", "networking.istio.io/v1alpha3"],
  httproute: ["gateway.networking.k8s.io/v1", "gateway.networking.k8s.io/v1beta1"],
  trafficsplit: ["split.smi-spec.io/v1alpha2", "split.smi-spec.io/v1alpha1"],
  ingress: ["networking.k8s.io/v1"],
} as const;

const NGINX = NGINX_CANARY_ANNOTATIONS;

/** The service a mesh host names, when it is in `namespace`: "svc", "svc.ns", "svc.ns.svc", "svc.ns.svc.cluster.local". */
function hostService(host: unknown, namespace: string): string | undefined {
  if (typeof host !== "string" || !host) return undefined;
  const [name, ns, ...rest] = host.split(".");
  if (ns === undefined) return name;
  const suffix = rest.join(".");
  return ns === namespace && (suffix === "" || suffix === "svc" || suffix === "svc.cluster.local") ? name : undefined;
}

/** Objects of a kind at any of its versions, one per namespace/name (the first version holding it), by name. */
export function listAny(store: ObjectStore, apiVersions: readonly string[], kind: string, namespace?: string): KubeObject[] {
  const byName = new Map<string, KubeObject>();
  for (const apiVersion of apiVersions) {
    for (const o of store.list(apiVersion, kind, namespace)) {
      const key = `${o.metadata.namespace}/${o.metadata.name}`;
      if (!byName.has(key)) byName.set(key, o);
    }
  }
  return [...byName.values()].sort((a, b) => a.metadata.name.localeCompare(b.metadata.name));
}

/**
 * Reads the namespace's routes into a route table. When two routes claim one service, the first
 * wins (VirtualServices, then HTTPRoutes, TrafficSplits, Ingresses, each by name): the meshes
 * leave that case undefined, and counting both would send the service's traffic twice.
 */
export function readRoutes(store: ObjectStore, namespace: string): RouteTable {
  const table: RouteTable = new Map();
  const claim = (service: string | undefined, destinations: RouteDestination[]) => {
    if (service && destinations.length && !table.has(service)) table.set(service, destinations);
  };
  const services = new Map(store.list("v1", "Service", namespace).map((s) => [s.metadata.name, s]));
  /** A backend Service as a destination: its selector's pods, Linkerd/nginx style. */
  const backend = (name: string, weight: number, channel: MetricChannel): RouteDestination => {
    const selector: Record<string, string> | undefined = services.get(name)?.spec?.selector;
    return { weight, selector: selector && { ...selector }, version: selector?.version ?? "unknown", channel };
  };

  readVirtualServices(store, namespace, services, claim);

  for (const route of listAny(store, ROUTE_API_VERSIONS.httproute, "HTTPRoute", namespace)) {
    // the mesh mode (GAMMA, as Linkerd uses it): the route is attached to the Service callers address
    const parents = (route.spec?.parentRefs ?? []).filter(
      (p: any) => p?.kind === "Service" && (p.group ?? "") === "" && (p.namespace ?? namespace) === namespace,
    );
    const rule = (route.spec?.rules ?? []).find((r: any) => r?.backendRefs?.length);
    if (!rule) continue;
    for (const p of parents) {
      const channel: MetricChannel = { mesh: "linkerd", service: p.name };
      // a reference the gateway cannot resolve keeps its share, and fails it (500s)
      const destination = (b: any): RouteDestination =>
        "service" in resolveBackend(store, namespace, b) ? backend(b.name, b.weight ?? 1, channel) : { weight: b.weight ?? 1, selector: undefined, version: "unknown", channel };
      claim(p.name, (rule.backendRefs as any[]).map(destination));
    }
  }

  for (const split of listAny(store, ROUTE_API_VERSIONS.trafficsplit, "TrafficSplit", namespace)) {
    const apex = hostService(split.spec?.service, namespace);
    if (!apex) continue;
    claim(
      apex,
      (split.spec?.backends ?? []).map((b: any) => backend(b?.service, smiWeight(b?.weight) ?? 0, { mesh: "linkerd", service: apex })),
    );
  }

  readNginxCanaries(store, namespace, backend, claim);
  return table;
}

type Claim = (service: string | undefined, destinations: RouteDestination[]) => void;

/** Istio: the VirtualService's first HTTP route, its subsets from the DestinationRule of each host. */
function readVirtualServices(store: ObjectStore, namespace: string, services: Map<string, KubeObject>, claim: Claim): void {
  const subsets = new Map<string, Map<string, Record<string, string>>>();
  for (const dr of listAny(store, ROUTE_API_VERSIONS.istio, "DestinationRule", namespace)) {
    const service = hostService(dr.spec?.host, namespace);
    if (!service || subsets.has(service)) continue;
    const bySubset = new Map<string, Record<string, string>>();
    for (const s of dr.spec?.subsets ?? []) if (s?.name) bySubset.set(s.name, { ...s.labels });
    subsets.set(service, bySubset);
  }
  for (const vs of listAny(store, ROUTE_API_VERSIONS.istio, "VirtualService", namespace)) {
    const route: any[] = vs.spec?.http?.[0]?.route ?? [];
    if (route.length === 0) continue;
    for (const host of vs.spec?.hosts ?? []) {
      const service = hostService(host, namespace);
      if (!service) continue;
      claim(
        service,
        route.map((r) => {
          const target = hostService(r?.destination?.host, namespace) ?? service;
          const subset: string | undefined = r?.destination?.subset;
          const subsetLabels = subset === undefined ? {} : subsets.get(target)?.get(subset);
          // the host's Service selects the pods, the subset narrows them down
          const base: Record<string, string> = services.get(target)?.spec?.selector ?? { app: target };
          const selector = subsetLabels && { ...base, ...subsetLabels };
          // a lone destination needs no weight; Envoy treats weights as shares of their sum
          return { weight: r?.weight ?? (route.length === 1 ? 100 : 0), selector, version: subsetLabels?.version ?? "unknown", channel: { mesh: "istio", service: target } };
        }),
      );
    }
  }
}

const ingressHost = (ing: KubeObject): string | undefined => ing.spec?.rules?.[0]?.host;
const ingressBackend = (ing: KubeObject): { name: string; port: string } | undefined => {
  const svc = ing.spec?.rules?.[0]?.http?.paths?.[0]?.backend?.service ?? ing.spec?.defaultBackend?.service;
  return svc?.name ? { name: svc.name, port: String(svc.port?.number ?? svc.port?.name ?? "") } : undefined;
};

/**
 * ingress-nginx: each host and path a primary Ingress routes, and the canary Ingress for that same
 * host and path (as the router pairs them) taking `canary-weight` of `canary-weight-total`. The
 * service whose traffic it carries is the app that path's backend selects (users reach the app
 * through the host, not through a Service name).
 */
function readNginxCanaries(
  store: ObjectStore,
  namespace: string,
  backend: (name: string, weight: number, channel: MetricChannel) => RouteDestination,
  claim: Claim,
): void {
  const ingresses = listAny(store, ROUTE_API_VERSIONS.ingress, "Ingress", namespace);
  const canaries = ingresses.filter((i) => isNginxCanary(i) && ingressBackend(i));
  for (const primary of ingresses.filter((i) => !isNginxCanary(i))) {
    const host = ingressHost(primary) ?? "";
    const routed = pathsOf(primary).filter((p) => p.service);
    // an Ingress of no paths sends all to its default backend
    const fallback = ingressBackend(primary);
    const paths = routed.length ? routed : fallback ? [{ location: undefined, service: fallback.name }] : [];
    for (const { location, service } of paths) {
      // nginx merges a canary only into a location of equal path and pathType
      const canaryIngress = canaries.find((c) => locationsOf(c)[0] === location && !pathTypeMismatches(primary, c).some((m) => m.location === location));
      const base = { mesh: "ingress-nginx" as const, service: service!, ingress: primary.metadata.name, host };
      const destinations = [backend(service!, NGINX.defaultTotal, { ...base, canary: "" })];
      if (canaryIngress) {
        const { weight, total } = nginxCanaryWeight(canaryIngress.metadata.annotations ?? {});
        const target = ingressBackend(canaryIngress)!;
        destinations[0]!.weight = total - weight;
        destinations.push(backend(target.name, weight, { ...base, canary: `${namespace}-${target.name}-${target.port}` }));
      }
      claim(destinations[0]!.selector?.app ?? service, destinations);
    }
  }
}
