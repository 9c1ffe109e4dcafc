import { kubeTime } from "../kube-time.ts";
import type { KubeObject } from "../../ports/kube.ts";
import { backendVersion, type Scenario, type ScenarioRoute } from "../scenario.ts";
import type { ObjectStore } from "../store.ts";
import { NGINX_CANARY_ANNOTATIONS } from "../../traffic/routers/ingress-nginx.ts";
import { ROUTE_API_VERSIONS } from "./routes.ts";

/** The API version each route kind is seeded at: the first (preferred) one the model reads. */
const SEED = {
  istio: ROUTE_API_VERSIONS.istio[0],
  httproute: ROUTE_API_VERSIONS.httproute[0],
  trafficsplit: ROUTE_API_VERSIONS.trafficsplit[0],
  ingress: ROUTE_API_VERSIONS.ingress[0],
};

/**
 * The route objects of a scenario, written as the API server stores them (CRD defaults applied),
 * so that what a client reads back after its first write differs only where it wrote.
 */

/** A Service the model creates: its pod selector and port. */
export interface ServiceSeed {
  selector: Record<string, string>;
  port: number;
}

/** The port a service's containers listen on. */
export function servicePort(scenario: Scenario, service: string): number {
  return scenario.services.find((s) => s.name === service)?.port ?? 8080;
}

/**
 * Every Service of the world, by name, in creation order: one per scenario service (selecting its
 * app), and one per backend of a Gateway API, SMI or nginx route (selecting one version of the
 * route's app). A backend named like a scenario service narrows that Service to its version, as an
 * nginx primary backend does.
 */
export function servicesOf(scenario: Scenario): Map<string, ServiceSeed> {
  const out = new Map<string, ServiceSeed>(scenario.services.map((s) => [s.name, { selector: { app: s.name }, port: s.port }]));
  for (const r of scenario.routes) {
    if (r.kind === "istio") continue;
    for (const name of Object.keys(r.split)) {
      out.set(name, { selector: { app: r.service, version: backendVersion(scenario, r, name)! }, port: servicePort(scenario, r.service) });
    }
  }
  return out;
}

const meta = (name: string, namespace: string, at: number, annotations?: Record<string, string>) => ({
  name,
  namespace,
  ...(annotations ? { annotations } : {}),
  creationTimestamp: kubeTime(at),
});

/** Writes the scenario's routes: Istio DestinationRules and VirtualServices, HTTPRoutes, TrafficSplits, Ingresses. */
export function seedRoutes(store: ObjectStore, scenario: Scenario, at: number): void {
  seedDestinationRules(store, scenario, at);
  for (const r of scenario.routes) for (const o of routeObjects(scenario, r, at)) store.create(o);
}

/** Two routes for one service share its DestinationRule: their subsets are merged. */
function seedDestinationRules(store: ObjectStore, scenario: Scenario, at: number): void {
  const subsetsByService = new Map<string, Map<string, string>>();
  for (const r of scenario.routes) {
    if (r.kind !== "istio") continue;
    const subsets = subsetsByService.get(r.service) ?? new Map<string, string>();
    for (const name of Object.keys(r.split)) subsets.set(name, r.subsets[name] ?? name);
    subsetsByService.set(r.service, subsets);
  }
  for (const [service, subsets] of subsetsByService) {
    store.create({
      apiVersion: SEED.istio,
      kind: "DestinationRule",
      metadata: meta(service, scenario.namespace, at),
      spec: { host: service, subsets: [...subsets].map(([name, version]) => ({ name, labels: { version } })) },
    });
  }
}

/** The objects one scenario route is made of. */
function routeObjects(scenario: Scenario, r: ScenarioRoute, at: number): KubeObject[] {
  const port = servicePort(scenario, r.service);
  const object = (apiVersion: string, kind: string, name: string, spec: object, annotations?: Record<string, string>): KubeObject => ({
    apiVersion,
    kind,
    metadata: meta(name, scenario.namespace, at, annotations),
    spec,
  });
  const weights = Object.entries(r.split);
  switch (r.kind) {
    case "istio":
      return [
        object(SEED.istio, "VirtualService", r.name, {
          hosts: [r.service],
          http: [{ name: "primary", route: weights.map(([subset, weight]) => ({ destination: { host: r.service, subset }, weight })) }],
        }),
      ];
    case "httproute":
      return [
        object(SEED.httproute, "HTTPRoute", r.name, {
          // attached to the Service itself: Gateway API for service meshes (GAMMA), as Linkerd reads it
          parentRefs: [{ group: "", kind: "Service", name: r.service, port }],
          rules: [
            {
              matches: [{ path: { type: "PathPrefix", value: "/" } }],
              backendRefs: weights.map(([name, weight]) => ({ group: "", kind: "Service", name, port, weight })),
            },
          ],
        }),
      ];
    case "trafficsplit":
      return [object(SEED.trafficsplit, "TrafficSplit", r.name, { service: r.service, backends: weights.map(([service, weight]) => ({ service, weight })) })];
    case "nginx-canary": {
      // a primary Ingress for the host, and a canary Ingress for the same host taking canary-weight of it
      const host = r.host ?? `${r.service}.example.com`;
      const ingress = (name: string, backend: string, annotations?: Record<string, string>) =>
        object(
          SEED.ingress,
          "Ingress",
          name,
          {
            ingressClassName: "nginx",
            rules: [{ host, http: { paths: [{ path: "/", pathType: "Prefix", backend: { service: { name: backend, port: { number: port } } } }] } }],
          },
          annotations,
        );
      return [
        ingress(r.name, weights.find(([b]) => b !== r.canary)![0]),
        ingress(r.canaryName ?? `${r.name}-canary`, r.canary, {
          [NGINX_CANARY_ANNOTATIONS.canary]: "true",
          [NGINX_CANARY_ANNOTATIONS.weight]: String(r.split[r.canary]),
        }),
      ];
    }
  }
}
