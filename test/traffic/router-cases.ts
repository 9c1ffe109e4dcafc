import { gatewayApi, ingressNginx, istio, smi, type Route } from "../../sdk/index.ts";
import type { KubeObject, ObjectRef } from "../../sdk/ports/kube.ts";
import type { ScenarioInput } from "../../sdk/sim/scenario.ts";
import type { ObjectStore } from "../../sdk/sim/store.ts";
import type { Split } from "../../sdk/traffic/split.ts";
import { smiScenario } from "../sim/model-fixtures.ts";

/**
 * One traffic router in the world the simulator builds for it: the route a plan shifts, its two
 * destinations, how the stored object shows the weights, and one patch the official CRD (or, for
 * an Ingress, the API server's own validation) must refuse.
 */
export interface RouterCase {
  name: string;
  scenario: string | ScenarioInput;
  /** The route of the scenario, and a handle on one that does not exist. */
  route: () => Route;
  missing: () => Route;
  /** The object a shift writes. */
  ref: ObjectRef;
  /** What the route splits between: the pool that is fine and the one carrying the bad release. */
  stable: string;
  release: string;
  /** The split as the scenario seeds it. */
  initial: Split;
  /** Every destination a message lists for an unknown one, and every object of the kind a missing route's message lists. */
  destinations: string[];
  siblings: string;
  /** The weights as stored in the object, for `{ stable: 100, release: 0 }`. */
  stored: (o: KubeObject) => unknown;
  isolated: unknown;
  /**
   * A destination the route does not name yet (made to exist first), and the entry a shift that
   * gives it traffic must add: the shape of object the CRD has to accept. None for nginx: a canary
   * Ingress has exactly two backends.
   */
  added?: { prepare: (store: ObjectStore) => string; entry: unknown };
  /** Breaks the router's patch; the 422 must name `field`. */
  corrupt: (patch: any) => void;
  field: string;
}

const ns = "prod";

/** A Service for a third version, on its own port. */
function canaryService(store: ObjectStore): string {
  store.create({
    apiVersion: "v1",
    kind: "Service",
    metadata: { name: "checkout-api-canary", namespace: ns },
    spec: { selector: { app: "checkout-api", version: "canary" }, ports: [{ name: "http", port: 9090 }] },
  });
  return "checkout-api-canary";
}

export const routerCases: RouterCase[] = [
  {
    name: "Istio VirtualService",
    scenario: "healthy",
    route: () => istio.virtualService({ namespace: ns, name: "checkout-api" }),
    missing: () => istio.virtualService({ namespace: ns, name: "checkout" }),
    ref: { apiVersion: "networking.istio.io/v1", kind: "VirtualService", namespace: ns, name: "checkout-api" },
    stable: "stable",
    release: "release",
    initial: { stable: 10, release: 90 },
    destinations: ["stable", "release"],
    siblings: "checkout-api",
    stored: (o) => o.spec.http[0].route,
    isolated: [
      { destination: { host: "checkout-api", subset: "stable" }, weight: 100 },
      { destination: { host: "checkout-api", subset: "release" }, weight: 0 },
    ],
    added: {
      prepare: (store) => {
        const ref = { apiVersion: "networking.istio.io/v1", kind: "DestinationRule", namespace: ns, name: "checkout-api" };
        const dr = store.get(ref)!;
        store.update({ ...dr, spec: { ...dr.spec, subsets: [...dr.spec.subsets, { name: "canary", labels: { version: "canary" } }] } });
        // the subset's pod: a subset that selects none is refused
        store.create({ apiVersion: "v1", kind: "Pod", metadata: { name: "checkout-api-canary-0", namespace: ns, labels: { app: "checkout-api", version: "canary" } }, spec: { containers: [{ name: "app", image: "checkout-api:canary" }] } });
        return "canary";
      },
      entry: { destination: { host: "checkout-api", subset: "canary" }, weight: 10 },
    },
    corrupt: (p) => void (p.spec.http[0].route[1].weight = "none"),
    field: "spec.http[0].route[1].weight",
  },
  {
    name: "Gateway API HTTPRoute",
    scenario: "linkerd-cold-jvm",
    route: () => gatewayApi.httpRoute({ namespace: ns, name: "checkout-api" }),
    missing: () => gatewayApi.httpRoute({ namespace: ns, name: "checkout" }),
    ref: { apiVersion: "gateway.networking.k8s.io/v1", kind: "HTTPRoute", namespace: ns, name: "checkout-api" },
    stable: "checkout-api-stable",
    release: "checkout-api-release",
    initial: { "checkout-api-stable": 10, "checkout-api-release": 90 },
    // any Service in the namespace can become a backend
    destinations: ["checkout-api-stable", "checkout-api-release", "checkout-api"],
    siblings: "checkout-api",
    stored: (o) => o.spec.rules[0].backendRefs,
    isolated: [
      { group: "", kind: "Service", name: "checkout-api-stable", port: 8080, weight: 100 },
      { group: "", kind: "Service", name: "checkout-api-release", port: 8080, weight: 0 },
    ],
    added: { prepare: canaryService, entry: { group: "", kind: "Service", name: "checkout-api-canary", port: 9090, weight: 10 } },
    corrupt: (p) => void (p.spec.rules[0].backendRefs[1].weight = -1),
    field: "spec.rules[0].backendRefs[1].weight",
  },
  {
    name: "SMI TrafficSplit",
    scenario: smiScenario,
    route: () => smi.trafficSplit({ namespace: ns, name: "checkout-api" }),
    missing: () => smi.trafficSplit({ namespace: ns, name: "checkout" }),
    ref: { apiVersion: "split.smi-spec.io/v1alpha2", kind: "TrafficSplit", namespace: ns, name: "checkout-api" },
    stable: "checkout-api-stable",
    release: "checkout-api-release",
    initial: { "checkout-api-stable": 50, "checkout-api-release": 50 },
    // any Service but the apex itself
    destinations: ["checkout-api-stable", "checkout-api-release"],
    siblings: "checkout-api",
    stored: (o) => o.spec.backends,
    isolated: [
      { service: "checkout-api-stable", weight: 100 },
      { service: "checkout-api-release", weight: 0 },
    ],
    added: { prepare: canaryService, entry: { service: "checkout-api-canary", weight: 10 } },
    corrupt: (p) => void (p.spec.backends[1].weight = "none"),
    field: "spec.backends[1].weight",
  },
  {
    name: "ingress-nginx canary Ingress",
    scenario: "nginx-cold-jvm",
    route: () => ingressNginx.canary({ namespace: ns, canaryIngress: "checkout-api-canary" }),
    missing: () => ingressNginx.canary({ namespace: ns, canaryIngress: "checkout-canary" }),
    ref: { apiVersion: "networking.k8s.io/v1", kind: "Ingress", namespace: ns, name: "checkout-api-canary" },
    stable: "checkout-api",
    release: "checkout-api-canary",
    initial: { "checkout-api-canary": 90, "checkout-api": 10 },
    destinations: ["checkout-api-canary", "checkout-api"],
    siblings: "checkout-api, checkout-api-canary",
    stored: (o) => o.metadata.annotations,
    isolated: { "nginx.ingress.kubernetes.io/canary": "true", "nginx.ingress.kubernetes.io/canary-weight": "0" },
    corrupt: (p) => void (p.metadata.annotations = { "nginx.ingress.kubernetes.io/canary weight": "0" }),
    field: "metadata.annotations",
  },
];
