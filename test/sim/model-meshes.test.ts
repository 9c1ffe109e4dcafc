import { KubeConfig, KubernetesObjectApi, type KubernetesObject } from "@kubernetes/client-node";
import { describe, expect, test } from "vitest";
import { indicatorsFor, type Scope } from "../../sdk/gates/indicators/index.ts";
import type { KubeObject } from "../../sdk/ports/kube.ts";
import { plan } from "../../sdk/index.ts";
import { startKubeApiServer } from "../../sdk/sim/kube-api/index.ts";
import { rehearse } from "../../sdk/sim/rehearse.ts";
import { evaluateInstant } from "../../sdk/sim/promql/index.ts";
import { scenarioSchema } from "../../sdk/sim/scenario.ts";
import { builtinScenarios } from "../../sdk/sim/scenarios/index.ts";
import { readRoutes } from "../../sdk/sim/model/routes.ts";
import { ObjectStore } from "../../sdk/sim/store.ts";
import type { TrafficRouter } from "../../sdk/traffic/router.ts";
import { httpRouteRouter } from "../../sdk/traffic/routers/gateway-api.ts";
import { nginxCanaryRouter } from "../../sdk/traffic/routers/ingress-nginx.ts";
import { trafficSplitRouter } from "../../sdk/traffic/routers/smi.ts";
import { createFakeKube } from "../helpers/fake-kube.ts";
import { createWorld, smiScenario, type World } from "./model-fixtures.ts";

/**
 * The model beyond Istio: Gateway API HTTPRoutes and SMI TrafficSplits (Linkerd metrics) and
 * ingress-nginx canary Ingresses (the controller's metrics). Every metric assertion goes through
 * the built-in indicators' own PromQL, with the scope each router gives a destination: what a
 * gate in a plan would read.
 */

const HTTPROUTE = { apiVersion: "gateway.networking.k8s.io/v1", kind: "HTTPRoute", namespace: "prod", name: "checkout-api" };
const CANARY_INGRESS = { apiVersion: "networking.k8s.io/v1", kind: "Ingress", namespace: "prod", name: "checkout-api-canary" };
const WINDOW = "1m";

/** An indicator's value over the last minute, or null when the query returns nothing. */
function indicator(w: World, mesh: string, which: "requests" | "errors" | "userRequests" | "userErrors", scope: Scope): number | null {
  const v = evaluateInstant(indicatorsFor(mesh)[which](scope, WINDOW), w.tsdb, w.now());
  return v.type === "vector" && v.samples.length ? v.samples[0]!.value : null;
}

const latencyP50 = (w: World, mesh: string, scope: Scope) => {
  const v = evaluateInstant(indicatorsFor(mesh).latency(scope, 0.5, WINDOW), w.tsdb, w.now());
  return v.type === "vector" ? v.samples[0]?.value : undefined;
};

/** The scope a plan's gate would use for `destination`, from the router over the world's store. */
async function scopeOf(w: World, router: TrafficRouter, destination: string): Promise<Scope> {
  const { kube } = createFakeKube(w.store);
  const state = await router.inspect((await kube.get(router.ref))!, kube);
  return router.metricScope(state, destination);
}

function write(w: World, ref: typeof HTTPROUTE, edit: (o: KubeObject) => void) {
  const o = w.store.get(ref)!;
  edit(o);
  return w.write(o);
}

describe("Linkerd with a Gateway API HTTPRoute (linkerd-cold-jvm)", () => {
  const router = httpRouteRouter({ namespace: "prod", name: "checkout-api" });

  test("seeds the Service callers address, one backend Service per version, and the route attached to the Service", () => {
    const w = createWorld("linkerd-cold-jvm");
    const selector = (name: string) => w.store.get({ apiVersion: "v1", kind: "Service", namespace: "prod", name })?.spec.selector;
    expect(selector("checkout-api")).toEqual({ app: "checkout-api" });
    expect(selector("checkout-api-stable")).toEqual({ app: "checkout-api", version: "stable" });
    expect(selector("checkout-api-release")).toEqual({ app: "checkout-api", version: "release" });
    expect(w.store.get(HTTPROUTE)!.spec).toEqual({
      parentRefs: [{ group: "", kind: "Service", name: "checkout-api", port: 8080 }],
      rules: [
        {
          matches: [{ path: { type: "PathPrefix", value: "/" } }],
          backendRefs: [
            { group: "", kind: "Service", name: "checkout-api-stable", port: 8080, weight: 10 },
            { group: "", kind: "Service", name: "checkout-api-release", port: 8080, weight: 90 },
          ],
        },
      ],
    });
  });

  test("each backend's requests are its Deployment's inbound ones; users' are the outbound ones to the Service", async () => {
    const w = createWorld("linkerd-cold-jvm");
    const release = await scopeOf(w, router, "checkout-api-release");
    const stable = await scopeOf(w, router, "checkout-api-stable");
    expect(release).toEqual({ namespace: "prod", service: "checkout-api", version: "checkout-api-release" });
    // 2.0.0 takes 90% of 400 rps and fails 30% of it; 1.9.4 serves its 10% cleanly
    expect(indicator(w, "linkerd", "requests", release)).toBeCloseTo(360 * 60, 6);
    expect(indicator(w, "linkerd", "errors", release)! / indicator(w, "linkerd", "requests", release)!).toBeCloseTo(0.3, 6);
    expect(indicator(w, "linkerd", "requests", stable)).toBeCloseTo(40 * 60, 6);
    expect(indicator(w, "linkerd", "errors", stable)).toBeNull();
    expect(indicator(w, "linkerd", "userRequests", release)).toBeCloseTo(400 * 60, 6);
    expect(indicator(w, "linkerd", "userErrors", release)).toBeCloseTo(0.3 * 360 * 60, 6);
    // exponential latencies around 35 ms: the median is 35 ln 2 (about 24 ms), read off Linkerd's buckets
    expect(latencyP50(w, "linkerd", release)).toBeGreaterThan(20);
    expect(latencyP50(w, "linkerd", release)).toBeLessThan(30);
  });

  test("writes Linkerd's own label names and latency buckets", () => {
    const w = createWorld("linkerd-cold-jvm");
    const [inbound] = w.tsdb.select([{ name: "__name__", op: "=", value: "response_total" }, { name: "direction", op: "=", value: "inbound" }], 0, w.startMs);
    expect(inbound!.labels).toMatchObject({ namespace: "prod", deployment: "checkout-api-stable", status_code: "200", classification: "success", tls: "true" });
    const buckets = w.tsdb.select([{ name: "__name__", op: "=", value: "response_latency_ms_bucket" }, { name: "deployment", op: "=", value: "checkout-api-stable" }], 0, w.startMs);
    expect(buckets.map((b) => b.labels.le)).toEqual(["1", "2", "3", "4", "5", "10", "20", "30", "40", "50", "100", "200", "300", "400", "500", "1000", "2000", "3000", "4000", "5000", "10000", "20000", "30000", "40000", "50000", "+Inf"]);
    expect(w.tsdb.select([{ name: "__name__", op: "=~", value: "istio_.*" }], 0, Infinity)).toEqual([]);
  });

  test("a backendRefs weight change moves the requests; a backend with no Service fails at the caller", async () => {
    const w = createWorld("linkerd-cold-jvm");
    write(w, HTTPROUTE, (o) => {
      o.spec.rules[0].backendRefs = [
        { name: "checkout-api-stable", port: 8080, weight: 3 },
        { name: "checkout-api-release", port: 8080, weight: 0 },
        { name: "checkout-api-v3", port: 8080, weight: 1 },
      ];
    });
    w.advance(60);
    const release = await scopeOf(w, router, "checkout-api-release");
    const stable = await scopeOf(w, router, "checkout-api-stable");
    expect(indicator(w, "linkerd", "requests", release)).toBeCloseTo(0, 6);
    // weights are shares of their sum: 3 of 4 to stable, 1 of 4 to a Service that does not exist
    expect(indicator(w, "linkerd", "requests", stable)).toBeCloseTo(300 * 60, 6);
    expect(indicator(w, "linkerd", "userRequests", stable)).toBeCloseTo(400 * 60, 6);
    expect(indicator(w, "linkerd", "userErrors", stable)).toBeCloseTo(100 * 60, 6);
  });
});

describe("Linkerd with an SMI TrafficSplit", () => {
  const scenario = smiScenario;
  const router = trafficSplitRouter({ namespace: "prod", name: "checkout-api" });
  const TS = { apiVersion: "split.smi-spec.io/v1alpha2", kind: "TrafficSplit", namespace: "prod", name: "checkout-api" };

  test("splits the apex service by the backends' weights", async () => {
    const w = createWorld(scenario);
    expect(w.store.get(TS)!.spec).toEqual({
      service: "checkout-api",
      backends: [
        { service: "checkout-api-stable", weight: 50 },
        { service: "checkout-api-release", weight: 50 },
      ],
    });
    expect(indicator(w, "linkerd", "requests", await scopeOf(w, router, "checkout-api-release"))).toBeCloseTo(200 * 60, 6);
    expect(indicator(w, "linkerd", "userRequests", await scopeOf(w, router, "checkout-api-stable"))).toBeCloseTo(400 * 60, 6);
  });

  test("reads v1alpha1 weights written as quantities", () => {
    const w = createWorld(scenario);
    w.store.delete(TS);
    w.store.create({ ...TS, apiVersion: "split.smi-spec.io/v1alpha1", metadata: { name: "checkout-api", namespace: "prod" }, spec: { service: "checkout-api", backends: [{ service: "checkout-api-stable", weight: "750m" }, { service: "checkout-api-release", weight: "250m" }] } } as KubeObject);
    w.model.reconcile();
    const t0 = w.now();
    w.advance(30);
    const inbound = (deployment: string) => w.increase({ __name__: "response_total", direction: "inbound", deployment }, t0, w.now()) / 30;
    expect(inbound("checkout-api-stable")).toBeCloseTo(300, 6);
    expect(inbound("checkout-api-release")).toBeCloseTo(100, 6);
  });
});

describe("ingress-nginx canary Ingresses (nginx-cold-jvm)", () => {
  const router = nginxCanaryRouter({ namespace: "prod", canaryIngress: "checkout-api-canary" });

  test("pairs a canary with the primary's backend at the canary's host and path, as the router does", () => {
    const store = new ObjectStore();
    const svc = (name: string, app: string, version: string) => store.create({ apiVersion: "v1", kind: "Service", metadata: { name, namespace: "prod" }, spec: { selector: { app, version } } });
    svc("storefront", "storefront", "stable");
    svc("checkout-api", "checkout-api", "stable");
    svc("checkout-api-canary", "checkout-api", "release");
    const path = (p: string, name: string) => ({ path: p, pathType: "Prefix", backend: { service: { name, port: { number: 8080 } } } });
    const ingress = (name: string, paths: object[], annotations?: Record<string, string>) =>
      store.create({ ...CANARY_INGRESS, name, metadata: { name, namespace: "prod", annotations }, spec: { ingressClassName: "nginx", rules: [{ host: "shop.example.com", http: { paths } }] } });
    // one host, two paths: the storefront at /, the API at /api; the canary is the API's
    ingress("shop", [path("/", "storefront"), path("/api", "checkout-api")]);
    ingress("checkout-api-canary", [path("/api", "checkout-api-canary")], { "nginx.ingress.kubernetes.io/canary": "true", "nginx.ingress.kubernetes.io/canary-weight": "10" });
    const routes = readRoutes(store, "prod");
    const shares = (service: string) => routes.get(service)?.map((d) => `${d.selector?.version}:${d.weight}`);
    expect(shares("checkout-api")).toEqual(["stable:90", "release:10"]);
    expect(shares("storefront")).toEqual(["stable:100"]);
  });

  test("leaves a canary whose pathType differs from the primary's out of the split, as ingress-nginx does", () => {
    const store = new ObjectStore();
    store.create({ apiVersion: "v1", kind: "Service", metadata: { name: "checkout-api", namespace: "prod" }, spec: { selector: { app: "checkout-api", version: "stable" } } });
    const ingress = (name: string, service: string, pathType: string, annotations?: Record<string, string>) =>
      store.create({ ...CANARY_INGRESS, name, metadata: { name, namespace: "prod", annotations }, spec: { rules: [{ host: "shop.example.com", http: { paths: [{ path: "/", pathType, backend: { service: { name: service, port: { number: 8080 } } } }] } }] } });
    ingress("checkout-api", "checkout-api", "Prefix");
    ingress("checkout-api-canary", "checkout-api-canary", "Exact", { "nginx.ingress.kubernetes.io/canary": "true", "nginx.ingress.kubernetes.io/canary-weight": "10" });
    expect(readRoutes(store, "prod").get("checkout-api")?.map((d) => `${d.selector?.version}:${d.weight}`)).toEqual(["stable:100"]);
  });

  test("seeds a primary and a canary Ingress for one host, each backend Service selecting one version", () => {
    const w = createWorld("nginx-cold-jvm");
    const ingress = (name: string) => w.store.get({ ...CANARY_INGRESS, name })!;
    expect(ingress("checkout-api").metadata.annotations).toBeUndefined();
    expect(ingress("checkout-api-canary").metadata.annotations).toEqual({ "nginx.ingress.kubernetes.io/canary": "true", "nginx.ingress.kubernetes.io/canary-weight": "90" });
    expect(ingress("checkout-api-canary").spec.rules[0]).toEqual({
      host: "shop.example.com",
      http: { paths: [{ path: "/", pathType: "Prefix", backend: { service: { name: "checkout-api-canary", port: { number: 8080 } } } }] },
    });
    const selector = (name: string) => w.store.get({ apiVersion: "v1", kind: "Service", namespace: "prod", name })!.spec.selector;
    expect(selector("checkout-api")).toEqual({ app: "checkout-api", version: "stable" });
    expect(selector("checkout-api-canary")).toEqual({ app: "checkout-api", version: "release" });
  });

  test("every request carries the primary's service; canary-served ones name the canary upstream", async () => {
    const w = createWorld("nginx-cold-jvm");
    const canary = await scopeOf(w, router, "checkout-api-canary");
    const primary = await scopeOf(w, router, "checkout-api");
    expect(canary).toEqual({ namespace: "prod", service: "checkout-api", version: "checkout-api-canary" });
    expect(indicator(w, "ingress-nginx", "requests", canary)).toBeCloseTo(360 * 60, 6);
    expect(indicator(w, "ingress-nginx", "errors", canary)! / (360 * 60)).toBeCloseTo(0.3, 6);
    expect(indicator(w, "ingress-nginx", "requests", primary)).toBeCloseTo(40 * 60, 6);
    expect(indicator(w, "ingress-nginx", "userRequests", primary)).toBeCloseTo(400 * 60, 6);
    expect(latencyP50(w, "ingress-nginx", canary)).toBeGreaterThan(20);
    expect(latencyP50(w, "ingress-nginx", canary)).toBeLessThan(30);
    const [s] = w.tsdb.select([{ name: "__name__", op: "=", value: "nginx_ingress_controller_requests" }, { name: "status", op: "=", value: "500" }], 0, w.startMs);
    expect(s!.labels).toMatchObject({ ingress: "checkout-api", service: "checkout-api", canary: "prod-checkout-api-canary-8080", host: "shop.example.com", namespace: "prod" });
    const buckets = w.tsdb.select([{ name: "__name__", op: "=", value: "nginx_ingress_controller_request_duration_seconds_bucket" }, { name: "status", op: "=", value: "500" }], 0, w.startMs);
    expect(buckets.map((b) => b.labels.le)).toEqual(["0.005", "0.01", "0.025", "0.05", "0.1", "0.25", "0.5", "1", "2.5", "5", "10", "+Inf"]);
  });

  test("canary-weight moves requests, out of canary-weight-total; a canary that is switched off takes none", () => {
    const w = createWorld("nginx-cold-jvm");
    const canaryRps = (seconds: number) => {
      const t0 = w.now();
      w.advance(seconds);
      return w.increase({ __name__: "nginx_ingress_controller_requests", canary: "prod-checkout-api-canary-8080" }, t0, w.now()) / seconds;
    };
    write(w, CANARY_INGRESS, (o) => Object.assign(o.metadata.annotations!, { "nginx.ingress.kubernetes.io/canary-weight": "0" }));
    expect(canaryRps(30)).toBeCloseTo(0, 6);
    write(w, CANARY_INGRESS, (o) => Object.assign(o.metadata.annotations!, { "nginx.ingress.kubernetes.io/canary-weight": "250", "nginx.ingress.kubernetes.io/canary-weight-total": "1000" }));
    expect(canaryRps(30)).toBeCloseTo(100, 6);
    write(w, CANARY_INGRESS, (o) => Object.assign(o.metadata.annotations!, { "nginx.ingress.kubernetes.io/canary": "false" }));
    expect(canaryRps(30)).toBeCloseTo(0, 6);
  });

  test("with no ready pod behind the primary, the controller answers 503 under the primary's service", () => {
    const w = createWorld("nginx-cold-jvm");
    w.scale("checkout-api-stable", 0);
    const t0 = w.now();
    w.advance(30);
    const unavailable = { __name__: "nginx_ingress_controller_requests", service: "checkout-api", status: "503" };
    expect(w.increase(unavailable, t0, w.now()) / 30).toBeCloseTo(40, 6);
    expect(w.tsdb.select([{ name: "__name__", op: "=", value: "nginx_ingress_controller_requests" }, { name: "status", op: "=", value: "503" }], 0, Infinity)[0]!.labels.canary).toBeUndefined();
  });
});

describe("scenario routes", () => {
  const withRoute = (route: unknown) => scenarioSchema.safeParse({ ...builtinScenarios["nginx-cold-jvm"], routes: [route] });
  const issues = (r: ReturnType<typeof withRoute>) => (r.success ? [] : r.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`));

  test("an nginx canary names exactly two backends, one of them the canary", () => {
    const route = builtinScenarios["nginx-cold-jvm"]!.routes![0] as Record<string, unknown>;
    expect(issues(withRoute({ ...route, canary: "checkout-api-v3" }))).toEqual(["routes.0.canary: 'checkout-api-v3' is not one of the split's backends: checkout-api, checkout-api-canary"]);
    expect(issues(withRoute({ ...route, split: { a: 50, b: 25, c: 25 }, canary: "a", backends: { a: "stable", b: "stable", c: "release" } }))).toEqual([
      "routes.0.split: an nginx canary splits between exactly two backends, not 3",
    ]);
  });

  test("a backend must select a version, and the kind must be known", () => {
    expect(issues(withRoute({ kind: "httproute", name: "r", service: "checkout-api", split: { "checkout-api-v9": 100 } }))).toEqual([
      "routes.0.split.checkout-api-v9: backend 'checkout-api-v9' selects no version: name it like a Deployment or map it in backends",
    ]);
    expect(issues(withRoute({ kind: "consul", name: "r", service: "checkout-api", split: {} }))[0]).toMatch(/^routes\.0\.kind: /);
  });

  test("a destination must select the pods of a Deployment of the route's service: a typo would send traffic nowhere", () => {
    const istioRoute = { kind: "istio", name: "r", service: "checkout-api" };
    expect(issues(withRoute({ ...istioRoute, split: { stable: 10, relase: 90 } }))).toEqual([
      "routes.0.split.relase: subset 'relase' selects version 'relase', which no Deployment of service 'checkout-api' runs (its versions: stable, release): fix the name, or map it in subsets",
    ]);
    expect(issues(withRoute({ ...istioRoute, split: { old: 10, new: 90 }, subsets: { old: "stable", new: "v22" } }))).toEqual([
      "routes.0.split.new: subset 'new' selects version 'v22', which no Deployment of service 'checkout-api' runs (its versions: stable, release): fix the name, or map it in subsets",
    ]);
    expect(issues(withRoute({ kind: "httproute", name: "r", service: "checkout-api", split: { a: 10, b: 90 }, backends: { a: "stable", b: "relase" } }))).toEqual([
      "routes.0.split.b: backend 'b' selects version 'relase', which no Deployment of service 'checkout-api' runs (its versions: stable, release): fix the name, or map it in backends",
    ]);
    expect(issues(withRoute({ ...istioRoute, split: { stable: 10, release: 90 } }))).toEqual([]);
  });
});

test("the seeded route objects are valid against the official CRDs, and stored as the API server would store them", async () => {
  const seeded = ["cold-jvm", "linkerd-cold-jvm", "nginx-cold-jvm", smiScenario].flatMap((name) => {
    const w = createWorld(name);
    const kinds = ["networking.istio.io/v1|VirtualService", "networking.istio.io/v1|DestinationRule", "gateway.networking.k8s.io/v1|HTTPRoute", "split.smi-spec.io/v1alpha2|TrafficSplit", "networking.k8s.io/v1|Ingress"];
    return kinds.flatMap(
      (k) => w.store.list(k.split("|")[0]!, k.split("|")[1]!, "prod"),
    );
  });
  const store = new ObjectStore();
  store.create({ apiVersion: "v1", kind: "Namespace", metadata: { name: "prod" } });
  const api = await startKubeApiServer({ store });
  try {
    const kc = new KubeConfig();
    kc.loadFromString(api.kubeconfig());
    const client = KubernetesObjectApi.makeApiClient(kc);
    for (const o of seeded) {
      const body = { apiVersion: o.apiVersion, kind: o.kind, metadata: { name: o.metadata.name, namespace: "prod", annotations: o.metadata.annotations }, spec: o.spec };
      const created = (await client.create(body as KubernetesObject)) as KubernetesObject & { spec: unknown };
      expect(created.spec, `${o.kind} ${o.metadata.name}`).toEqual(o.spec);
    }
    expect(seeded.map((o) => o.kind).sort()).toEqual(["DestinationRule", "HTTPRoute", "Ingress", "Ingress", "TrafficSplit", "VirtualService"]);
  } finally {
    await api.close();
  }
});

test("a rehearsal reports where every kind of route ended, read as a plan reads it", async () => {
  const nothing = plan({ name: "nothing" }, async () => {});
  expect((await rehearse(nothing, { scenario: smiScenario })).finalSplits).toEqual({ "prod/checkout-api": { "checkout-api-stable": 50, "checkout-api-release": 50 } });
  // the canary Ingress is the route (its primary is read beside it), by name
  expect((await rehearse(nothing, { scenario: "nginx-cold-jvm" })).finalSplits).toEqual({ "prod/checkout-api-canary": { "checkout-api-canary": 90, "checkout-api": 10 } });
});

describe("every mesh stays deterministic", () => {
  for (const name of ["linkerd-cold-jvm", "nginx-cold-jvm"]) {
    test(`${name}: two identical runs with a rollback give identical TSDBs`, () => {
      const run = () => {
        const w = createWorld(name);
        w.rollback(name.startsWith("linkerd") ? "checkout-api-release" : "checkout-api", 2);
        w.advance(600);
        return w;
      };
      const a = run();
      const b = run();
      const everything = [{ name: "__name__", op: "=~" as const, value: ".+" }];
      expect(b.tsdb.select(everything, 0, Infinity)).toEqual(a.tsdb.select(everything, 0, Infinity));
    });
  }
});
