import { describe, expect, it } from "vitest";
import { istio, plan } from "../../sdk/index.ts";
import { runPlan } from "../../sdk/engine/runner.ts";
import { createVirtualClock } from "../../sdk/ports/clock.ts";
import { ObjectStore } from "../../sdk/sim/store.ts";
import { createFakeKube } from "../helpers/fake-kube.ts";
import { ForbiddenError } from "../../sdk/errors.ts";

const API = "networking.istio.io/v1";
const FQDN = "checkout-api.prod.svc.cluster.local";
const entry = (subset: string, weight: number) => ({ destination: { host: FQDN, subset }, weight });

async function shift(store: ObjectStore, route: ReturnType<typeof istio.virtualService>, split: Record<string, number>) {
  const { kube } = createFakeKube(store);
  const p = plan({ name: "shift" }, async (run) => {
    await run.step("shift", () => route.shift(split));
  });
  return runPlan(p, { mode: "run", inputs: {}, kube, clock: createVirtualClock(), target: { kind: "sim" } });
}

describe("Istio: a gateway's VirtualService routing to a service in another namespace", () => {
  const VS = { apiVersion: API, kind: "VirtualService", namespace: "istio-ingress", name: "shop" };
  /** The edge VirtualService lives with the gateway; the service and its DestinationRule in prod. */
  const world = () => {
    const store = new ObjectStore();
    const subsets = [
      { name: "stable", labels: { version: "v1" } },
      { name: "release", labels: { version: "v2" } },
      { name: "canary", labels: { version: "v3" } },
    ];
    store.create({ apiVersion: API, kind: "DestinationRule", metadata: { name: "checkout-api", namespace: "prod" }, spec: { host: "checkout-api", subsets } });
    store.create({
      apiVersion: API,
      kind: "VirtualService",
      metadata: { name: "shop", namespace: "istio-ingress" },
      spec: { hosts: ["shop.example.com"], gateways: ["public-gw"], http: [{ route: [entry("stable", 90), entry("release", 10)] }] },
    });
    return store;
  };

  it("finds the subsets in the DestinationRule of the host's namespace", async () => {
    const store = world();
    const r = await shift(store, istio.virtualService({ namespace: "istio-ingress", name: "shop" }), { stable: 90, release: 0, canary: 10 });
    expect(r.status, r.error?.message).toBe("succeeded");
    expect(store.get(VS)!.spec.http[0].route).toEqual([entry("stable", 90), entry("release", 0), entry("canary", 10)]);
  });

  it("gates read the version Istio reports for the subset's pods, in the service's namespace", async () => {
    const store = world();
    const route = istio.virtualService({ namespace: "istio-ingress", name: "shop" });
    const { kube } = createFakeKube(store);
    const state = await route.router.inspect((await kube.get(route.ref))!, kube);
    expect(route.router.metricScope(state, "release")).toEqual({ service: "checkout-api", namespace: "prod", version: "v2" });
  });

  it("does not take a same-named DestinationRule of the VirtualService's namespace for the host's", async () => {
    const store = world();
    // checkout-api.istio-ingress: another service, whose subsets mean other pods
    store.create({ apiVersion: API, kind: "DestinationRule", metadata: { name: "checkout-api", namespace: "istio-ingress" }, spec: { host: "checkout-api", subsets: [{ name: "release", labels: { version: "edge" } }] } });
    const route = istio.virtualService({ namespace: "istio-ingress", name: "shop" });
    const { kube } = createFakeKube(store);
    const state = await route.router.inspect((await kube.get(route.ref))!, kube);
    expect(route.router.metricScope(state, "release").version).toBe("v2");
  });
});

describe("Istio: the DestinationRule a gateway's proxies use (exportTo, their own namespace first)", () => {
  const VS = { apiVersion: API, kind: "VirtualService", namespace: "istio-ingress", name: "shop" };
  const subsets = [
    { name: "stable", labels: { version: "v1" } },
    { name: "release", labels: { version: "v2" } },
  ];
  /** The gateway's VirtualService in istio-ingress sends everything to the release; the service's rule is in prod. */
  const world = (rule: object, gateways = ["public-gw"]) => {
    const store = new ObjectStore();
    store.create({ apiVersion: API, kind: "DestinationRule", metadata: { name: "checkout-api", namespace: "prod" }, spec: { host: "checkout-api", subsets, ...rule } });
    store.create({
      apiVersion: API,
      kind: "VirtualService",
      metadata: { name: "shop", namespace: "istio-ingress" },
      spec: { hosts: ["shop.example.com"], gateways, http: [{ route: [entry("stable", 0), entry("release", 100)] }] },
    });
    return store;
  };
  const route = () => istio.virtualService({ namespace: "istio-ingress", name: "shop" });
  const isolate = (store: ObjectStore) => shift(store, route(), { stable: 100, release: 0 });

  it("refuses a subset defined in a rule not exported to the gateway's namespace, before writing, and says what to add", async () => {
    const store = world({ exportTo: ["."] });
    const r = await isolate(store);
    expect(r.status).toBe("failed-safe");
    expect(r.error?.message).toBe(
      `VirtualService istio-ingress/shop: 'stable' is defined in DestinationRule prod/checkout-api, which is exported to "." (prod) only (spec.exportTo): ` +
        "the proxies of gateway istio-ingress/public-gw, in istio-ingress, do not see it, so Istio answers 503 (cluster_not_found) to every request it would send to 'stable'. " +
        `Add "istio-ingress" to its spec.exportTo, or give 'stable' 0%.`,
    );
    expect(store.get(VS)!.spec.http[0].route).toEqual([entry("stable", 0), entry("release", 100)]);
  });

  it("shifts when the rule is exported there (by name, or to every namespace) or the route's proxies share its namespace", async () => {
    for (const exportTo of [["istio-ingress", "."], ["*"], []]) {
      const r = await isolate(world({ exportTo }));
      expect(r.status, `${JSON.stringify(exportTo)}: ${r.error?.message}`).toBe("succeeded");
    }
    // a gateway whose Gateway lives in prod: its proxies look there first
    expect((await isolate(world({ exportTo: ["."] }, ["prod/public-gw"]))).status).toBe("succeeded");
  });

  it("refuses to shift a VirtualService its gateway's proxies do not see: its weights would change nothing they route", async () => {
    const store = world({});
    const vs = store.get(VS)!;
    store.update({ ...vs, spec: { ...vs.spec, gateways: ["istio-system/public-gw"], exportTo: ["."] } });
    const r = await isolate(store);
    expect(r.status).toBe("failed-safe");
    expect(r.error?.message).toBe(
      `VirtualService istio-ingress/shop: it is exported to "." (istio-ingress) only (spec.exportTo), and the proxies of gateway istio-system/public-gw, in istio-system, ` +
        `do not see it: its weights change nothing they route. Add "istio-system" to its spec.exportTo.`,
    );
    expect(store.get(VS)!.spec.http[0].route).toEqual([entry("stable", 0), entry("release", 100)]);
  });

  it("a rule for the host in the gateway's namespace comes first: a subset it lacks is refused, though prod's rule defines it", async () => {
    const store = world({});
    const edge = { host: "checkout-api.prod.svc.cluster.local", subsets: [{ name: "release", labels: { version: "v2" } }] };
    store.create({ apiVersion: API, kind: "DestinationRule", metadata: { name: "checkout-api-edge", namespace: "istio-ingress" }, spec: edge });
    const r = await isolate(store);
    expect(r.status).toBe("failed-safe");
    expect(r.error?.message).toBe(
      "VirtualService istio-ingress/shop: the proxies of gateway istio-ingress/public-gw use DestinationRule istio-ingress/checkout-api-edge for prod/checkout-api " +
        "(a rule in their own namespace comes first), and it defines no subset 'stable' (its subsets: release), so Istio answers 503 (cluster_not_found) to every request it would send to 'stable'. " +
        "Add 'stable' to that rule, or give 'stable' 0%.",
    );
  });
});

describe("Istio: a subset no DestinationRule the route's proxies see defines", () => {
  const VS = { apiVersion: API, kind: "VirtualService", namespace: "prod", name: "checkout-api" };
  const rule = (namespace: string, subsets: string[], name = "checkout-api") => ({
    apiVersion: API,
    kind: "DestinationRule",
    metadata: { name, namespace },
    spec: { host: FQDN, subsets: subsets.map((n) => ({ name: n })) },
  });
  /** The VirtualService already names canary (at 0%); which rules define what is each test's. */
  const world = (...rules: object[]) => {
    const store = new ObjectStore();
    for (const r of rules) store.create(r as never);
    store.create({ apiVersion: API, kind: "VirtualService", metadata: { name: "checkout-api", namespace: "prod" }, spec: { hosts: ["checkout-api"], http: [{ route: [entry("stable", 100), entry("canary", 0)] }] } });
    return store;
  };
  const route = (options: { rootNamespace?: string } = {}) => istio.virtualService({ namespace: "prod", name: "checkout-api", ...options });
  const untouched = (store: ObjectStore) => expect(store.get(VS)!.spec.http[0].route).toEqual([entry("stable", 100), entry("canary", 0)]);
  /** Shifts 10% to canary, which must be refused with `message` before anything is written. */
  const refusesCanary = async (store: ObjectStore, message: string) => {
    const r = await shift(store, route(), { stable: 90, canary: 10 });
    expect(r.status).toBe("failed-safe");
    expect(r.error?.message).toBe(message);
    untouched(store);
  };

  it("refuses, before writing, to raise a subset the Service's rule lacks (Istio would answer 503 to all of it)", async () => {
    await refusesCanary(
      world(rule("prod", ["stable"])),
      "VirtualService prod/checkout-api: the sidecars in prod use DestinationRule prod/checkout-api for prod/checkout-api, and it defines no subset 'canary' (its subsets: stable), " +
        "so Istio answers 503 (cluster_not_found) to every request it would send to 'canary'. Add 'canary' to that rule, or give 'canary' 0%.",
    );
  });

  it("takes the root namespace's rule when prod has none for the host, and refuses when that lacks the subset too", async () => {
    expect((await shift(world(rule("istio-system", ["stable", "canary"])), route(), { stable: 90, canary: 10 })).status).toBe("succeeded");
    // a mesh configured with another root namespace
    expect((await shift(world(rule("mesh-root", ["stable", "canary"])), route({ rootNamespace: "mesh-root" }), { stable: 90, canary: 10 })).status).toBe("succeeded");
    const r = await shift(world(rule("istio-system", ["stable"])), route(), { stable: 90, canary: 10 });
    expect(r.error?.message).toContain("the sidecars in prod use DestinationRule istio-system/checkout-api for prod/checkout-api, and it defines no subset 'canary'");
  });

  it("refuses to raise a subset when no rule for the host is anywhere the proxies look, naming where it looked", async () => {
    await refusesCanary(
      world(),
      "VirtualService prod/checkout-api: no DestinationRule for prod/checkout-api that the sidecars in prod see defines subset 'canary' (they look in prod, istio-system, in that order), " +
        "so Istio answers 503 (cluster_not_found) to every request it would send there. Define 'canary' in a DestinationRule for checkout-api in prod, or give 'canary' 0%.",
    );
  });

  it("says so when the root namespace could not be read: the refusal may be owed to the Role, and the fix is either", async () => {
    const store = world(rule("istio-system", ["stable", "canary"]));
    const { kube } = createFakeKube(store);
    const confined: typeof kube = {
      ...kube,
      list: (o) => (o.namespace === "istio-system" ? Promise.reject(new ForbiddenError("list", "destinationrules.networking.istio.io", "istio-system")) : kube.list(o)),
    };
    const p = plan({ name: "shift" }, async (run) => {
      await run.step("shift", () => route().shift({ stable: 90, canary: 10 }));
    });
    const r = await runPlan(p, { mode: "run", inputs: {}, kube: confined, clock: createVirtualClock(), target: { kind: "sim" } });
    expect(r.status).toBe("failed-safe");
    expect(r.error?.message).toContain(
      "(they look in prod, istio-system, in that order, and the service account may not list DestinationRules in istio-system, the root namespace (grant it, or set rootNamespace if the mesh's is another))",
    );
    untouched(store);
  });

  it("leaves a subset whose share falls to Istio (the shift makes it no worse), and judges one it raises", async () => {
    // stable is defined nowhere: its 90% already fails
    const store = world(rule("prod", ["canary"]));
    const vs = store.get(VS)!;
    store.update({ ...vs, spec: { ...vs.spec, http: [{ route: [entry("stable", 90), entry("canary", 10)] }] } });
    const r = await shift(store, route(), { stable: 50, canary: 50 });
    expect(r.status, r.error?.message).toBe("succeeded");
    expect(store.get(VS)!.spec.http[0].route).toEqual([entry("stable", 50), entry("canary", 50)]);
    expect((await shift(store, route(), { stable: 100, canary: 0 })).error?.message).toContain("defines no subset 'stable' (its subsets: canary)");
  });
});

describe("Istio: a subset whose labels select no pod", () => {
  const VS = { apiVersion: API, kind: "VirtualService", namespace: "prod", name: "checkout-api" };
  const pod = (name: string, version: string) => ({
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name, namespace: "prod", labels: { app: "checkout-api", version } },
    spec: { containers: [{ name: "app", image: `checkout-api:${version}` }] },
  });
  /** The canary subset asks for version v3; the canary's pods say 3.0. */
  const world = (route = [entry("stable", 100)]) => {
    const store = new ObjectStore();
    store.create({ apiVersion: "v1", kind: "Service", metadata: { name: "checkout-api", namespace: "prod" }, spec: { selector: { app: "checkout-api" }, ports: [{ port: 8080 }] } });
    const subsets = [
      { name: "stable", labels: { version: "v1" } },
      { name: "canary", labels: { version: "v3" } },
    ];
    store.create({ apiVersion: API, kind: "DestinationRule", metadata: { name: "checkout-api", namespace: "prod" }, spec: { host: "checkout-api", subsets } });
    store.create({ apiVersion: API, kind: "VirtualService", metadata: { name: "checkout-api", namespace: "prod" }, spec: { hosts: ["checkout-api"], http: [{ route }] } });
    store.create(pod("checkout-api-stable-0", "v1"));
    store.create(pod("checkout-api-canary-0", "3.0"));
    return store;
  };
  const route = () => istio.virtualService({ namespace: "prod", name: "checkout-api" });

  it("refuses to send traffic there before writing, naming subset, labels and the fix", async () => {
    const store = world();
    const r = await shift(store, route(), { stable: 90, canary: 10 });
    expect(r.status).toBe("failed-safe"); // nothing was written
    expect(r.error?.message).toBe(
      "VirtualService prod/checkout-api: subset 'canary' selects pods labelled app=checkout-api,version=v3 (Service prod/checkout-api's selector and the subset's labels " +
        "in DestinationRule prod/checkout-api), and no pod has them, so Istio answers 503 to every request it would send there. " +
        "Fix the subset's labels in the DestinationRule, start pods that carry them, or give 'canary' 0%.",
    );
    expect(store.get(VS)!.spec.http[0].route).toEqual([entry("stable", 100)]);
  });

  it("shifts once a pod has the labels, or a Deployment with replicas is about to make one", async () => {
    const withPod = world();
    withPod.create(pod("checkout-api-canary-1", "v3"));
    expect((await shift(withPod, route(), { stable: 90, canary: 10 })).status).toBe("succeeded");

    const scaling = world();
    const template = { metadata: { labels: { app: "checkout-api", version: "v3" } }, spec: { containers: [{ name: "app", image: "checkout-api:v3" }] } };
    scaling.create({ apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "checkout-api-canary", namespace: "prod" }, spec: { replicas: 0, selector: { matchLabels: template.metadata.labels }, template } });
    expect((await shift(scaling, route(), { stable: 90, canary: 10 })).status).toBe("failed-safe"); // none to come at 0 replicas
    const d = scaling.get({ apiVersion: "apps/v1", kind: "Deployment", namespace: "prod", name: "checkout-api-canary" })!;
    scaling.update({ ...d, spec: { ...d.spec, replicas: 2 } });
    expect((await shift(scaling, route(), { stable: 90, canary: 10 })).status).toBe("succeeded");
  });

  it("lets a shift take such a subset to 0%: that is the fix", async () => {
    const store = world([entry("stable", 90), entry("canary", 10)]);
    const r = await shift(store, route(), { stable: 100, canary: 0 });
    expect(r.status, r.error?.message).toBe("succeeded");
    expect(store.get(VS)!.spec.http[0].route).toEqual([entry("stable", 100), entry("canary", 0)]);
  });
});

describe("Istio: a root VirtualService that delegates its http routes", () => {
  const world = (http: unknown[]) => {
    const store = new ObjectStore();
    store.create({ apiVersion: API, kind: "VirtualService", metadata: { name: "shop", namespace: "istio-ingress" }, spec: { hosts: ["shop.example.com"], gateways: ["public-gw"], http } });
    return store;
  };
  const delegate = (name: string, namespace?: string, prefix = "/") => ({ match: [{ uri: { prefix } }], delegate: { name, ...(namespace ? { namespace } : {}) } });

  it("names the delegate VirtualService that holds the weights, and how to point the router at it", async () => {
    const store = world([delegate("checkout-api", "prod")]);
    const r = await shift(store, istio.virtualService({ namespace: "istio-ingress", name: "shop" }), { stable: 100 });
    expect(r.error?.message).toBe(
      "VirtualService istio-ingress/shop delegates its http routes to VirtualService prod/checkout-api, which holds the weights: " +
        'point the router at it, e.g. istio.virtualService({ namespace: "prod", name: "checkout-api" }).',
    );
  });

  it("names every delegate, in the root's namespace when the delegate names none", async () => {
    const store = world([delegate("checkout-api", "prod", "/checkout"), delegate("storefront", undefined, "/")]);
    const r = await shift(store, istio.virtualService({ namespace: "istio-ingress", name: "shop" }), { stable: 100 });
    expect(r.error?.message).toContain("delegates its http routes to VirtualServices prod/checkout-api, istio-ingress/storefront, which hold the weights: point the router at the one to shift");
  });

  it("delegating only some routes, a subset it lacks is named as the delegate's, where a shift or safe state should point", async () => {
    const store = world([delegate("checkout-api", "prod", "/checkout"), { route: [{ destination: { host: "storefront" } }] }]);
    const route = istio.virtualService({ namespace: "istio-ingress", name: "shop" });
    const expected =
      "VirtualService istio-ingress/shop has no subset 'stable', 'canary'; subsets are: 'storefront'. It delegates an http route to VirtualService prod/checkout-api, " +
      'which holds the weights: point the router at it, e.g. istio.virtualService({ namespace: "prod", name: "checkout-api" }).';
    expect((await shift(store, route, { stable: 100, canary: 0 })).error?.message).toBe(expected);
    const { kube } = createFakeKube(store);
    const p = plan({ name: "safe" }, async (run) => {
      await run.safeState(route, { stable: 100, canary: 0 });
    });
    const r = await runPlan(p, { mode: "run", inputs: {}, kube, clock: createVirtualClock(), target: { kind: "sim" } });
    expect(r.error?.message).toBe(expected);
  });
});
