import { describe, expect, it } from "vitest";
import { deployment, gatewayApi, ingressNginx, istio, plan, smi, type Route } from "../../sdk/index.ts";
import { startSimulator, type Simulator } from "../../sdk/sim/simulator.ts";
import { runPlan } from "../../sdk/engine/runner.ts";
import { createVirtualClock } from "../../sdk/ports/clock.ts";
import { ObjectStore } from "../../sdk/sim/store.ts";
import { createFakeKube, seedRoute } from "../helpers/fake-kube.ts";
import { builtinScenarios } from "../../sdk/sim/scenarios/index.ts";
import type { ScenarioInput } from "../../sdk/sim/scenario.ts";

const VS_REF = { apiVersion: "networking.istio.io/v1", kind: "VirtualService", namespace: "prod", name: "checkout-api" };
const service = (name: string) => ({ apiVersion: "v1", kind: "Service", metadata: { name, namespace: "prod" }, spec: { ports: [{ port: 8080 }] } });

async function shift(store: ObjectStore, route: Route, split: Record<string, number>) {
  const { kube } = createFakeKube(store);
  const p = plan({ name: "shift" }, async (run) => {
    await run.step("shift", () => route.shift(split));
  });
  return runPlan(p, { mode: "run", inputs: {}, kube, clock: createVirtualClock(), target: { kind: "sim" } });
}

describe("Istio VirtualService", () => {
  it("adds a subset the DestinationRule defines but the route does not use yet", async () => {
    const store = new ObjectStore();
    seedRoute(store, { stable: 100 });
    store.update({ ...store.get({ apiVersion: "networking.istio.io/v1", kind: "DestinationRule", namespace: "prod", name: "checkout-api" })!, spec: { host: "checkout-api", subsets: [{ name: "stable", labels: { version: "stable" } }, { name: "canary", labels: { version: "canary" } }] } });
    const r = await shift(store, istio.virtualService({ namespace: "prod", name: "checkout-api" }), { stable: 90, canary: 10 });
    expect(r.status).toBe("succeeded");
    expect(store.get({ apiVersion: "networking.istio.io/v1", kind: "VirtualService", namespace: "prod", name: "checkout-api" })!.spec.http[0].route).toEqual([
      { destination: { host: "checkout-api", subset: "stable" }, weight: 90 },
      { destination: { host: "checkout-api", subset: "canary" }, weight: 10 },
    ]);
  });
});

describe("Istio: a subset the route does not name yet", () => {
  const DR = { apiVersion: "networking.istio.io/v1", kind: "DestinationRule", namespace: "prod" };
  const entry = (host: string, subset: string, weight: number) => ({ destination: { host, port: { number: 8080 }, subset }, weight });

  it("goes to the host whose DestinationRule defines it, on the port the route uses for that host", async () => {
    const store = new ObjectStore();
    seedRoute(store, { stable: 10, release: 90 });
    // the release runs behind a Service of its own, with its own DestinationRule
    store.create({ ...DR, metadata: { name: "checkout-api-next", namespace: "prod" }, spec: { host: "checkout-api-next.prod.svc.cluster.local", subsets: [{ name: "release" }, { name: "canary" }] } });
    const vs = store.get(VS_REF)!;
    const fqdn = "checkout-api.prod.svc.cluster.local";
    const next = "checkout-api-next.prod.svc.cluster.local";
    store.update({ ...vs, spec: { ...vs.spec, http: [{ route: [entry(fqdn, "stable", 10), entry(next, "release", 90)] }] } });
    const r = await shift(store, istio.virtualService({ namespace: "prod", name: "checkout-api" }), { stable: 90, release: 0, canary: 10 });
    expect(r.status, r.error?.message).toBe("succeeded");
    expect(store.get(VS_REF)!.spec.http[0].route.at(-1)).toEqual(entry(next, "canary", 10));
  });
});

describe("Istio weights", () => {
  it("reads weights as relative, as Istio does (1 and 9 are 10% and 90%), and writes percentages", async () => {
    const store = new ObjectStore();
    seedRoute(store, { stable: 1, release: 9 });
    const r = await shift(store, istio.virtualService({ namespace: "prod", name: "checkout-api" }), { stable: 100, release: 0 });
    expect(r.events.filter((e) => e.type === "traffic").map((e) => "split" in e && e.split)).toEqual([
      { stable: 10, release: 90 },
      { stable: 100, release: 0 },
    ]);
  });

  it("sizes the stable pool for the traffic it really takes when the weights do not sum to 100", async () => {
    const sim = await startSimulator("thin-stable-pool");
    try {
      const vs = sim.store.get(VS_REF)!;
      sim.store.update({ ...vs, spec: { ...vs.spec, http: [{ route: vs.spec.http[0].route.map((e: { weight: number }) => ({ ...e, weight: e.weight * 10 })) }] } });
      const route = istio.virtualService({ namespace: "prod", name: "checkout-api", backends: { stable: deployment({ namespace: "prod", name: "checkout-api-stable" }), release: deployment({ namespace: "prod", name: "checkout-api" }) } });
      const relative = await runPlan(plan({ name: "isolate" }, async (run) => void (await run.step("isolate", () => route.shift({ stable: 100, release: 0 })))), {
        mode: "run", inputs: {}, kube: sim.kube, metrics: sim.metrics, clock: sim.clock, target: { kind: "sim" },
      });
      expect(relative.status, relative.error?.message).toBe("succeeded");
      // as with the seeded 10/90: the 2-pod stable pool is scaled to take the release's 90% first
      expect(sim.store.get({ apiVersion: "apps/v1", kind: "Deployment", namespace: "prod", name: "checkout-api-stable" })!.spec.replicas).toBeGreaterThan(2);
    } finally {
      await sim.close();
    }
  });
});

describe("capacity with a destination that has no backend", () => {
  it("still sizes the declared pools (from the serving ones that have a backend), and notes the one it cannot check", async () => {
    const sim = await startSimulator("thin-stable-pool");
    try {
      const dr = sim.store.get({ ...VS_REF, kind: "DestinationRule" })!;
      sim.store.update({ ...dr, spec: { ...dr.spec, subsets: [...dr.spec.subsets, { name: "legacy", labels: { version: "legacy" } }] } });
      const vs = sim.store.get(VS_REF)!;
      const entry = (subset: string, weight: number) => ({ destination: { host: "checkout-api", subset }, weight });
      sim.store.update({ ...vs, spec: { ...vs.spec, http: [{ route: [entry("stable", 9), entry("release", 90), entry("legacy", 1)] }] } });
      const route = istio.virtualService({ namespace: "prod", name: "checkout-api", backends: { stable: deployment({ namespace: "prod", name: "checkout-api-stable" }), release: deployment({ namespace: "prod", name: "checkout-api" }) } });
      const result = await runPlan(plan({ name: "isolate" }, async (run) => void (await run.step("isolate", () => route.shift({ stable: 100, release: 0, legacy: 0 })))), {
        mode: "run", inputs: {}, kube: sim.kube, metrics: sim.metrics, clock: sim.clock, target: { kind: "sim" },
      });
      expect(result.status, result.error?.message).toBe("succeeded");
      expect(sim.store.get({ apiVersion: "apps/v1", kind: "Deployment", namespace: "prod", name: "checkout-api-stable" })!.spec.replicas).toBeGreaterThan(2);
      expect(result.events.filter((e) => e.type === "note").map((e) => e.type === "note" && e.text)).toContain(
        "capacity of legacy on VirtualService prod/checkout-api not checked: no backend declared for it; the others are",
      );
    } finally {
      await sim.close();
    }
  });
});

describe("capacity when the pool carrying the traffic has no ready pods", () => {
  // the release took everyone, then crash-loops; the stable pool was scaled to 0 after the last promotion
  const crashingRelease: ScenarioInput = {
    ...builtinScenarios.healthy!,
    name: "crashing-release",
    images: { ...builtinScenarios.healthy!.images, "registry.example.com/checkout-api:2.0.0": { latencyMs: 35, crashAfterSeconds: 3 } },
    deployments: builtinScenarios.healthy!.deployments.map((d) => (d.name === "checkout-api-stable" ? { ...d, replicas: 0 } : d)),
    routes: [{ kind: "istio", name: "checkout-api", service: "checkout-api", split: { stable: 0, release: 100 } }],
  };

  it("sizes the stable pool from the release's replicas, scales it up and waits before isolating onto it", async () => {
    const sim = await startSimulator(crashingRelease);
    try {
      const stableRef = { apiVersion: "apps/v1", kind: "Deployment", namespace: "prod", name: "checkout-api-stable" };
      const route = istio.virtualService({ namespace: "prod", name: "checkout-api", backends: { stable: deployment({ namespace: "prod", name: "checkout-api-stable" }), release: deployment({ namespace: "prod", name: "checkout-api" }) } });
      const result = await runPlan(plan({ name: "isolate" }, async (run) => void (await run.step("isolate", () => route.shift({ stable: 100, release: 0 })))), {
        mode: "run", inputs: {}, kube: sim.kube, metrics: sim.metrics, clock: sim.clock, target: { kind: "sim" },
      });
      expect(result.status, result.error?.message).toBe("succeeded");
      // the release's 8 pods carried 100%: the stable pool needs 8 ready before it takes everyone
      expect(sim.store.get(stableRef)!.spec.replicas).toBe(8);
      expect(sim.store.get(stableRef)!.status.readyReplicas).toBe(8);
      expect(result.events.filter((e) => e.type === "note").map((e) => e.type === "note" && e.text)).toContain(
        "Deployment prod/checkout-api-stable has 0 ready pods; 100% of VirtualService prod/checkout-api needs 8: scaling up first",
      );
    } finally {
      await sim.close();
    }
  });

  it("with no pods anywhere to size from, says so and remembers no fleet of 0 for later shifts", async () => {
    const sim = await startSimulator({ ...crashingRelease, deployments: crashingRelease.deployments!.map((d) => ({ ...d, replicas: 0 })) });
    try {
      const stable = deployment({ namespace: "prod", name: "checkout-api-stable" });
      const route = istio.virtualService({ namespace: "prod", name: "checkout-api", backends: { stable, release: deployment({ namespace: "prod", name: "checkout-api" }) } });
      const result = await runPlan(
        plan({ name: "isolate" }, async (run) => {
          await run.step("isolate", () => route.shift({ stable: 100, release: 0 }));
          await run.step("give the stable pool pods", async () => {
            await stable.scale(4);
            await stable.waitForRollout({ timeout: "2m" });
          });
          await run.step("canary", () => route.shift({ stable: 50, release: 50 }));
        }),
        { mode: "run", inputs: {}, kube: sim.kube, metrics: sim.metrics, clock: sim.clock, target: { kind: "sim" } },
      );
      expect(result.events.filter((e) => e.type === "note").map((e) => e.type === "note" && e.text)).toContain(
        "capacity not checked for VirtualService prod/checkout-api: no pool carrying it (release) has pods to size it from; set fullFleet on the route",
      );
      // sized later from the stable pool's 4 pods at 100%: the release, still at 0, gets 2 before it
      // takes half (and, its pods crash-looping, never does)
      expect(result.error?.name).toBe("CapacityError");
      expect(sim.store.get({ apiVersion: "apps/v1", kind: "Deployment", namespace: "prod", name: "checkout-api" })!.spec.replicas).toBe(2);
    } finally {
      await sim.close();
    }
  });
});

describe("isolation closes the side channels to a drained destination", () => {
  const isolate = (sim: Simulator, route: Route, split: Record<string, number>) =>
    runPlan(plan({ name: "isolate" }, async (run) => void (await run.step("isolate", () => route.shift(split)))), {
      mode: "run", inputs: {}, kube: sim.kube, metrics: sim.metrics, clock: sim.clock, target: { kind: "sim" },
    });
  const changed = (r: Awaited<ReturnType<typeof isolate>>) => r.events.flatMap((e) => (e.type === "change" ? [`${e.field}: ${JSON.stringify(e.before)} → ${JSON.stringify(e.after)}`] : []));

  // nginx applies them before the weight: at 0% a request with the header or cookie still reaches
  // the canary, at 100% one saying "never" stays on the primary
  it.each([
    ["takes the canary to 0%", 0],
    ["promotes the canary to 100%", 100],
  ])("ingress-nginx: a shift that %s takes the canary's header and cookie rules with it", async (_, share) => {
    const sim = await startSimulator("nginx-cold-jvm");
    try {
      const ref = { apiVersion: "networking.k8s.io/v1", kind: "Ingress", namespace: "prod", name: "checkout-api-canary" };
      const ing = sim.store.get(ref)!;
      const byRequest = { "nginx.ingress.kubernetes.io/canary-by-header": "x-canary", "nginx.ingress.kubernetes.io/canary-by-cookie": "canary" };
      sim.store.update({ ...ing, metadata: { ...ing.metadata, annotations: { ...ing.metadata.annotations, ...byRequest } } });
      const r = await isolate(sim, ingressNginx.canary({ namespace: "prod", canaryIngress: "checkout-api-canary" }), { "checkout-api": 100 - share, "checkout-api-canary": share });
      expect(r.status, r.error?.message).toBe("succeeded");
      const after = sim.store.get(ref)!.metadata.annotations!;
      for (const a of Object.keys(byRequest)) expect(after[a]).toBeUndefined();
      // journaled, names and values shown: the responder sees what was taken away
      expect(changed(r)).toEqual([
        `metadata.annotations["nginx.ingress.kubernetes.io/canary-weight"]: "90" → "${share}"`,
        'metadata.annotations["nginx.ingress.kubernetes.io/canary-by-header"]: "x-canary" → undefined',
        'metadata.annotations["nginx.ingress.kubernetes.io/canary-by-cookie"]: "canary" → undefined',
      ]);
    } finally {
      await sim.close();
    }
  });

  // a canary inherits the primary's cookie affinity ("sticky"), and nginx sends a session pinned to
  // it there before it reads the weight: at 0% those users would stay on the release
  it("ingress-nginx: a shift that takes the canary to 0% unpins the sessions of a primary with affinity from it", async () => {
    const sim = await startSimulator("nginx-cold-jvm");
    try {
      const primary = sim.store.get({ apiVersion: "networking.k8s.io/v1", kind: "Ingress", namespace: "prod", name: "checkout-api" })!;
      sim.store.update({ ...primary, metadata: { ...primary.metadata, annotations: { "nginx.ingress.kubernetes.io/affinity": "cookie" } } });
      const route = ingressNginx.canary({ namespace: "prod", canaryIngress: "checkout-api-canary" });
      const drained = await isolate(sim, route, { "checkout-api": 100, "checkout-api-canary": 0 });
      expect(drained.status, drained.error?.message).toBe("succeeded");
      expect(changed(drained)).toEqual([
        'metadata.annotations["nginx.ingress.kubernetes.io/canary-weight"]: "90" → "0"',
        'metadata.annotations["nginx.ingress.kubernetes.io/affinity-canary-behavior"]: undefined → "legacy"',
      ]);
      // a shift that leaves the canary some share keeps its sessions as the team set them
      const raised = await isolate(sim, route, { "checkout-api": 90, "checkout-api-canary": 10 });
      expect(changed(raised)).toEqual(['metadata.annotations["nginx.ingress.kubernetes.io/canary-weight"]: "0" → "10"']);
    } finally {
      await sim.close();
    }
  });

  it("ingress-nginx: a weight the canary-weight-total cannot express is refused before writing, not rounded", async () => {
    const sim = await startSimulator("nginx-cold-jvm");
    try {
      const ref = { apiVersion: "networking.k8s.io/v1", kind: "Ingress", namespace: "prod", name: "checkout-api-canary" };
      const ing = sim.store.get(ref)!;
      sim.store.update({ ...ing, metadata: { ...ing.metadata, annotations: { ...ing.metadata.annotations, "nginx.ingress.kubernetes.io/canary-weight-total": "150" } } });
      const r = await isolate(sim, ingressNginx.canary({ namespace: "prod", canaryIngress: "checkout-api-canary" }), { "checkout-api": 99, "checkout-api-canary": 1 });
      expect(r.error?.message).toBe(
        "Ingress prod/checkout-api-canary (nginx canary): 1% is not a whole weight out of nginx.ingress.kubernetes.io/canary-weight-total 150 (it is 1.5). Use a share that is, or set nginx.ingress.kubernetes.io/canary-weight-total to 100.",
      );
      expect(sim.store.get(ref)!.metadata.annotations!["nginx.ingress.kubernetes.io/canary-weight"]).toBe(ing.metadata.annotations!["nginx.ingress.kubernetes.io/canary-weight"]);
    } finally {
      await sim.close();
    }
  });

  it("ingress-nginx: that refusal comes before the capacity check scales anything up", async () => {
    const sim = await startSimulator("nginx-cold-jvm");
    try {
      const ref = { apiVersion: "networking.k8s.io/v1", kind: "Ingress", namespace: "prod", name: "checkout-api-canary" };
      const ing = sim.store.get(ref)!;
      sim.store.update({ ...ing, metadata: { ...ing.metadata, annotations: { ...ing.metadata.annotations, "nginx.ingress.kubernetes.io/canary-weight-total": "150", "nginx.ingress.kubernetes.io/canary-weight": "135" } } });
      const backends = { "checkout-api": deployment({ namespace: "prod", name: "checkout-api-stable" }), "checkout-api-canary": deployment({ namespace: "prod", name: "checkout-api" }) };
      const route = ingressNginx.canary({ namespace: "prod", canaryIngress: "checkout-api-canary", backends });
      // the stable pool (8 pods at 10%) would need 9 to take 99%
      const r = await isolate(sim, route, { "checkout-api": 99, "checkout-api-canary": 1 });
      expect(r.error?.message).toContain("1% is not a whole weight out of nginx.ingress.kubernetes.io/canary-weight-total 150");
      expect(sim.store.get({ apiVersion: "apps/v1", kind: "Deployment", namespace: "prod", name: "checkout-api-stable" })!.spec.replicas).toBe(8);
      expect(r.events.some((e) => e.type === "change")).toBe(false);
    } finally {
      await sim.close();
    }
  });

  it("Istio and Gateway API: a mirror to the drained destination is removed (it copies every request, side effects and all)", async () => {
    const istioSim = await startSimulator("healthy");
    try {
      const vs = istioSim.store.get(VS_REF)!;
      istioSim.store.update({ ...vs, spec: { ...vs.spec, http: [{ ...vs.spec.http[0], mirror: { host: "checkout-api", subset: "release" }, mirrorPercentage: { value: 100 } }] } });
      const r = await isolate(istioSim, istio.virtualService({ namespace: "prod", name: "checkout-api" }), { stable: 100, release: 0 });
      expect(r.status, r.error?.message).toBe("succeeded");
      expect(istioSim.store.get(VS_REF)!.spec.http[0]).not.toHaveProperty("mirror");
      expect(istioSim.store.get(VS_REF)!.spec.http[0]).not.toHaveProperty("mirrorPercentage");
    } finally {
      await istioSim.close();
    }
    const gwSim = await startSimulator("linkerd-cold-jvm");
    try {
      const ref = { apiVersion: "gateway.networking.k8s.io/v1", kind: "HTTPRoute", namespace: "prod", name: "checkout-api" };
      const hr = gwSim.store.get(ref)!;
      const mirror = (name: string) => ({ type: "RequestMirror", requestMirror: { backendRef: { name, port: 8080 } } });
      // the rule mirrors, and so does its stable backend (backendRefs[].filters): both copy requests to the release
      const [stable, ...others] = hr.spec.rules[0].backendRefs;
      const backendRefs = [{ ...stable, filters: [mirror("checkout-api-release")] }, ...others];
      gwSim.store.update({ ...hr, spec: { ...hr.spec, rules: [{ ...hr.spec.rules[0], backendRefs, filters: [mirror("checkout-api-release")] }] } });
      const r = await isolate(gwSim, gatewayApi.httpRoute({ namespace: "prod", name: "checkout-api" }), { "checkout-api-stable": 100, "checkout-api-release": 0 });
      expect(r.status, r.error?.message).toBe("succeeded");
      expect(gwSim.store.get(ref)!.spec.rules[0]).not.toHaveProperty("filters");
      expect(gwSim.store.get(ref)!.spec.rules[0].backendRefs[0]).not.toHaveProperty("filters");
      expect(r.events.filter((e) => e.type === "change").map((e) => e.type === "change" && e.field)).toContain("spec.rules[0].backendRefs[0].filters");
    } finally {
      await gwSim.close();
    }
  });
});

describe("routes with several http routes or rules", () => {
  it("Istio: a route to another service is left alone, and the split is the catch-all route's", async () => {
    const store = new ObjectStore();
    seedRoute(store, { stable: 10, release: 90 });
    const vs = store.get(VS_REF)!;
    const assets = { name: "assets", match: [{ uri: { prefix: "/static" } }], route: [{ destination: { host: "static-assets.prod.svc.cluster.local", port: { number: 80 } } }] };
    const beta = { name: "beta", match: [{ headers: { "x-beta": { exact: "1" } } }], route: [{ destination: { host: "checkout-api", subset: "stable" } }] };
    store.update({ ...vs, spec: { ...vs.spec, http: [assets, beta, ...vs.spec.http] } });
    const r = await shift(store, istio.virtualService({ namespace: "prod", name: "checkout-api" }), { stable: 100, release: 0 });
    expect(r.status, r.error?.message).toBe("succeeded");
    const http = store.get(VS_REF)!.spec.http;
    expect(http[0]).toEqual(assets);
    // the catch-all route's 10/90 is what the shift started from, not the header route's 100% stable
    expect(r.events.filter((e) => e.type === "traffic").map((e) => "split" in e && e.split)).toEqual([
      { stable: 10, release: 90 },
      { stable: 100, release: 0 },
    ]);
    expect(http[2].route.map((e: { weight: number }) => e.weight)).toEqual([100, 0]);
  });

  it("Gateway API: a rule to another Service is left alone, and the split is the catch-all rule's", async () => {
    const store = new ObjectStore();
    for (const name of ["checkout-v1", "checkout-v2", "static-assets"]) store.create(service(name));
    const assets = { matches: [{ path: { type: "PathPrefix", value: "/static" } }], backendRefs: [{ name: "static-assets", port: 8080 }] };
    store.create({
      apiVersion: "gateway.networking.k8s.io/v1",
      kind: "HTTPRoute",
      metadata: { name: "checkout", namespace: "prod" },
      spec: { parentRefs: [{ name: "gw" }], rules: [assets, { backendRefs: [{ name: "checkout-v1", port: 8080, weight: 10 }, { name: "checkout-v2", port: 8080, weight: 90 }] }] },
    });
    const r = await shift(store, gatewayApi.httpRoute({ namespace: "prod", name: "checkout" }), { "checkout-v1": 100, "checkout-v2": 0 });
    expect(r.status, r.error?.message).toBe("succeeded");
    const rules = store.get({ apiVersion: "gateway.networking.k8s.io/v1", kind: "HTTPRoute", namespace: "prod", name: "checkout" })!.spec.rules;
    expect(rules[0].backendRefs).toEqual([{ name: "static-assets", port: 8080 }]);
    expect(r.events.filter((e) => e.type === "traffic").map((e) => "split" in e && e.split)).toEqual([
      { "checkout-v1": 10, "checkout-v2": 90 },
      { "checkout-v1": 100, "checkout-v2": 0 },
    ]);
  });
});

describe("rules that match a header, pinning some users to one version", () => {
  const pinned = (store: ObjectStore, shape: "istio" | "gateway-api") => {
    if (shape === "istio") {
      seedRoute(store, { stable: 90, release: 10 });
      const vs = store.get(VS_REF)!;
      const testers = { name: "testers", match: [{ headers: { "x-canary": { exact: "1" } } }], route: [{ destination: { host: "checkout-api", subset: "release" } }] };
      store.update({ ...vs, spec: { ...vs.spec, http: [testers, ...vs.spec.http] } });
      return { route: istio.virtualService({ namespace: "prod", name: "checkout-api" }), stable: "stable", release: "release", testers: () => store.get(VS_REF)!.spec.http[0], original: testers };
    }
    for (const name of ["checkout-v1", "checkout-v2"]) store.create(service(name));
    const testers = { matches: [{ headers: [{ type: "Exact", name: "x-canary", value: "1" }] }], backendRefs: [{ name: "checkout-v2", port: 8080 }] };
    const main = { backendRefs: [{ name: "checkout-v1", port: 8080, weight: 90 }, { name: "checkout-v2", port: 8080, weight: 10 }] };
    store.create({ apiVersion: "gateway.networking.k8s.io/v1", kind: "HTTPRoute", metadata: { name: "checkout", namespace: "prod" }, spec: { parentRefs: [{ name: "gw" }], rules: [testers, main] } });
    const ref = { apiVersion: "gateway.networking.k8s.io/v1", kind: "HTTPRoute", namespace: "prod", name: "checkout" };
    return { route: gatewayApi.httpRoute({ namespace: "prod", name: "checkout" }), stable: "checkout-v1", release: "checkout-v2", testers: () => store.get(ref)!.spec.rules[0], original: testers };
  };

  for (const shape of ["istio", "gateway-api"] as const) {
    it(`${shape}: a canary stage leaves the testers' rule as its owner set it; isolation takes them off the release too`, async () => {
      const store = new ObjectStore();
      const world = pinned(store, shape);
      const staged = await shift(store, world.route, { [world.stable]: 99, [world.release]: 1 });
      expect(staged.status, staged.error?.message).toBe("succeeded");
      expect(world.testers()).toEqual(world.original);
      const isolated = await shift(store, world.route, { [world.stable]: 100, [world.release]: 0 });
      expect(isolated.status, isolated.error?.message).toBe("succeeded");
      const weights = shape === "istio" ? world.testers().route.map((e: { destination: { subset: string }; weight: number }) => [e.destination.subset, e.weight]) : world.testers().backendRefs.map((b: { name: string; weight: number }) => [b.name, b.weight]);
      expect(weights).toEqual([
        [world.release, 0],
        [world.stable, 100],
      ]);
    });
  }
});

describe("a header rule naming both versions, pinning some users to stable", () => {
  for (const shape of ["istio", "gateway-api"] as const) {
    it(`${shape}: keeps its pin through the canary's stages and isolation, though it has the split's destinations, until a shift drains stable`, async () => {
      const store = new ObjectStore();
      let testers: () => unknown;
      let route;
      if (shape === "istio") {
        seedRoute(store, { stable: 90, release: 10 });
        const vs = store.get(VS_REF)!;
        const pin = { name: "big-customer", match: [{ headers: { "x-tenant": { exact: "bigco" } } }], route: [{ destination: { host: "checkout-api", subset: "stable" }, weight: 100 }, { destination: { host: "checkout-api", subset: "release" }, weight: 0 }] };
        store.update({ ...vs, spec: { ...vs.spec, http: [pin, ...vs.spec.http] } });
        route = istio.virtualService({ namespace: "prod", name: "checkout-api" });
        testers = () => store.get(VS_REF)!.spec.http[0].route.map((e: { weight: number }) => e.weight);
      } else {
        for (const name of ["checkout-v1", "checkout-v2"]) store.create(service(name));
        const pin = { matches: [{ headers: [{ type: "Exact", name: "x-tenant", value: "bigco" }] }], backendRefs: [{ name: "checkout-v1", port: 8080, weight: 1 }, { name: "checkout-v2", port: 8080, weight: 0 }] };
        const main = { backendRefs: [{ name: "checkout-v1", port: 8080, weight: 90 }, { name: "checkout-v2", port: 8080, weight: 10 }] };
        store.create({ apiVersion: "gateway.networking.k8s.io/v1", kind: "HTTPRoute", metadata: { name: "checkout", namespace: "prod" }, spec: { parentRefs: [{ name: "gw" }], rules: [pin, main] } });
        route = gatewayApi.httpRoute({ namespace: "prod", name: "checkout" });
        testers = () => store.get({ apiVersion: "gateway.networking.k8s.io/v1", kind: "HTTPRoute", namespace: "prod", name: "checkout" })!.spec.rules[0].backendRefs.map((b: { weight: number }) => b.weight);
      }
      const before = testers();
      const [stable, release] = shape === "istio" ? ["stable", "release"] : ["checkout-v1", "checkout-v2"];
      for (const share of [1, 50, 0]) {
        const r = await shift(store, route, { [stable]: 100 - share, [release]: share });
        expect(r.status, r.error?.message).toBe("succeeded");
        expect(testers()).toEqual(before);
      }
      // a promotion drains stable: nobody stays pinned to a version the shift empties
      expect((await shift(store, route, { [stable]: 0, [release]: 100 })).status).toBe("succeeded");
      expect(testers()).toEqual([0, 100]);
    });
  }
});

describe("Istio: a VirtualService of a shared host, whose other service has a subset of the same name", () => {
  it("reads and shifts only the route to the split's host: the storefront's 'stable' is neither read nor written", async () => {
    const store = new ObjectStore();
    seedRoute(store, { stable: 10, release: 90 });
    const vs = store.get(VS_REF)!;
    const checkout = { ...vs.spec.http[0], name: "checkout", match: [{ uri: { prefix: "/checkout" } }] };
    const storefront = { name: "storefront", route: [{ destination: { host: "storefront", subset: "stable" } }] };
    store.update({ ...vs, spec: { ...vs.spec, http: [checkout, storefront] } });
    const r = await shift(store, istio.virtualService({ namespace: "prod", name: "checkout-api" }), { stable: 50, release: 50 });
    expect(r.status, r.error?.message).toBe("succeeded");
    expect(r.events.filter((e) => e.type === "traffic").map((e) => "split" in e && e.split)).toEqual([
      { stable: 10, release: 90 },
      { stable: 50, release: 50 },
    ]);
    expect(store.get(VS_REF)!.spec.http[1]).toEqual(storefront);
  });
});

describe("routes whose catch-all goes to another service", () => {
  const splits = (r: Awaited<ReturnType<typeof shift>>) => r.events.filter((e) => e.type === "traffic").map((e) => "split" in e && e.split);

  it("Istio: the split is the route's that sends to the shift's subsets, and the shift verifies", async () => {
    const store = new ObjectStore();
    seedRoute(store, { stable: 10, release: 90 });
    const vs = store.get(VS_REF)!;
    const web = { name: "web", route: [{ destination: { host: "storefront" } }] };
    store.update({ ...vs, spec: { ...vs.spec, http: [{ ...vs.spec.http[0], match: [{ uri: { prefix: "/api" } }] }, web] } });
    const route = istio.virtualService({ namespace: "prod", name: "checkout-api" });
    let before = {};
    const r = await runPlan(
      plan({ name: "shift" }, async (run) => {
        before = await route.split();
        await run.step("shift", () => route.shift({ stable: 100, release: 0 }));
      }),
      { mode: "run", inputs: {}, kube: createFakeKube(store).kube, clock: createVirtualClock(), target: { kind: "sim" } },
    );
    expect(r.status, r.error?.message).toBe("succeeded");
    expect(before).toEqual({ stable: 10, release: 90 });
    expect(splits(r)).toEqual([{ stable: 10, release: 90 }, { stable: 100, release: 0 }]);
    expect(store.get(VS_REF)!.spec.http[1]).toEqual(web);
  });

  it("Gateway API: the split is the rule's that sends to the shift's backends, and the shift verifies", async () => {
    const store = new ObjectStore();
    for (const name of ["checkout-v1", "checkout-v2", "storefront"]) store.create(service(name));
    const web = { backendRefs: [{ name: "storefront", port: 8080 }] };
    const api = { matches: [{ path: { type: "PathPrefix", value: "/api" } }], backendRefs: [{ name: "checkout-v1", port: 8080, weight: 10 }, { name: "checkout-v2", port: 8080, weight: 90 }] };
    store.create({ apiVersion: "gateway.networking.k8s.io/v1", kind: "HTTPRoute", metadata: { name: "checkout", namespace: "prod" }, spec: { parentRefs: [{ name: "gw" }], rules: [api, web] } });
    const r = await shift(store, gatewayApi.httpRoute({ namespace: "prod", name: "checkout" }), { "checkout-v1": 100, "checkout-v2": 0 });
    expect(r.status, r.error?.message).toBe("succeeded");
    expect(splits(r)).toEqual([{ "checkout-v1": 10, "checkout-v2": 90 }, { "checkout-v1": 100, "checkout-v2": 0 }]);
    expect(store.get({ apiVersion: "gateway.networking.k8s.io/v1", kind: "HTTPRoute", namespace: "prod", name: "checkout" })!.spec.rules[1]).toEqual(web);
  });
});

describe("Istio DestinationRule lookup", () => {
  const shiftLogged = async (store: ObjectStore, split: Record<string, number>) => {
    const fake = createFakeKube(store);
    const p = plan({ name: "shift" }, async (run) => {
      await run.step("shift", () => istio.virtualService({ namespace: "prod", name: "checkout-api" }).shift(split));
    });
    const result = await runPlan(p, { mode: "run", inputs: {}, kube: fake.kube, clock: createVirtualClock(), target: { kind: "sim" } });
    return { result, lists: fake.calls.filter((c) => c.op === "list" && c.ref === "DestinationRule").length };
  };

  it("reads only the rule named after the host when it names the subsets asked for", async () => {
    const store = new ObjectStore();
    seedRoute(store);
    for (let i = 0; i < 50; i++) store.create({ apiVersion: "networking.istio.io/v1", kind: "DestinationRule", metadata: { name: `other-${i}`, namespace: "prod" }, spec: { host: `other-${i}` } });
    const { result, lists } = await shiftLogged(store, { stable: 100, release: 0 });
    expect(result.status).toBe("succeeded");
    expect(lists).toBe(0);
  });

  it("falls back to every rule for the host when it is named otherwise, and still names what exists", async () => {
    const store = new ObjectStore();
    seedRoute(store);
    const ref = { apiVersion: "networking.istio.io/v1", kind: "DestinationRule", namespace: "prod", name: "checkout-api" };
    const rule = store.get(ref)!;
    store.delete(ref);
    store.create({ ...rule, metadata: { name: "checkout-subsets", namespace: "prod" } });
    const ok = await shiftLogged(store, { stable: 100, release: 0 });
    expect(ok.result.status).toBe("succeeded");
    expect(ok.lists).toBeGreaterThan(0);
    const unknown = await shiftLogged(store, { stable: 90, canary: 10 });
    expect(unknown.result.error?.message).toBe("VirtualService prod/checkout-api has no subset 'canary'; subsets are: 'stable', 'release'.");
  });
});

describe("Gateway API HTTPRoute", () => {
  const seed = () => {
    const store = new ObjectStore();
    for (const s of ["checkout-v1", "checkout-v2"]) store.create(service(s));
    store.create({
      apiVersion: "gateway.networking.k8s.io/v1",
      kind: "HTTPRoute",
      metadata: { name: "checkout", namespace: "prod" },
      spec: { parentRefs: [{ name: "gw" }], rules: [{ backendRefs: [{ name: "checkout-v1", port: 8080, weight: 3 }, { name: "checkout-v2", port: 8080, weight: 1 }] }] },
    });
    return store;
  };
  it("reads relative weights as percentages and writes percentages", async () => {
    const store = seed();
    const r = await shift(store, gatewayApi.httpRoute({ namespace: "prod", name: "checkout" }), { "checkout-v1": 100, "checkout-v2": 0 });
    expect(r.events.filter((e) => e.type === "traffic").map((e) => "split" in e && e.split)).toEqual([
      { "checkout-v1": 75, "checkout-v2": 25 },
      { "checkout-v1": 100, "checkout-v2": 0 },
    ]);
    expect(store.get({ apiVersion: "gateway.networking.k8s.io/v1", kind: "HTTPRoute", namespace: "prod", name: "checkout" })!.spec.rules[0].backendRefs).toEqual([
      { name: "checkout-v1", port: 8080, weight: 100 },
      { name: "checkout-v2", port: 8080, weight: 0 },
    ]);
  });
  it("reads a backend with any weight as at least 1%: a trickle to the release (1 of 1000) is not isolation", async () => {
    const store = seed();
    const ref = { apiVersion: "gateway.networking.k8s.io/v1", kind: "HTTPRoute", namespace: "prod", name: "checkout" };
    const route = store.get(ref)!;
    route.spec.rules[0].backendRefs[0].weight = 999;
    route.spec.rules[0].backendRefs[1].weight = 1;
    store.update(route);
    const r = await shift(store, gatewayApi.httpRoute({ namespace: "prod", name: "checkout" }), { "checkout-v1": 100, "checkout-v2": 0 });
    expect(r.status, r.error?.message).toBe("succeeded");
    expect(r.events.find((e) => e.type === "traffic")).toMatchObject({ split: { "checkout-v1": 99, "checkout-v2": 1 } });
  });
  it("refuses a route no parent accepted, before writing: its weights route nobody", async () => {
    const store = seed();
    const ref = { apiVersion: "gateway.networking.k8s.io/v1", kind: "HTTPRoute", namespace: "prod", name: "checkout" };
    const accepted = (status: string, observedGeneration: number) => ({
      parents: [{ parentRef: { name: "gw" }, controllerName: "example.com/gateway", conditions: [{ type: "Accepted", status, reason: status === "True" ? "Accepted" : "NotAllowedByListeners", message: "no listener allows routes from prod", observedGeneration, lastTransitionTime: "2026-01-01T00:00:00Z" }] }],
    });
    store.update({ ...store.get(ref)!, status: accepted("False", 1) });
    const route = gatewayApi.httpRoute({ namespace: "prod", name: "checkout" });
    const refused = await shift(store, route, { "checkout-v1": 100, "checkout-v2": 0 });
    expect(refused.error?.name).toBe("InvalidPlanError");
    expect(refused.error?.message).toBe(
      "HTTPRoute prod/checkout is not accepted by any of its parents (Gateway prod/gw: NotAllowedByListeners (no listener allows routes from prod)): " +
        "none of its requests are routed by it, so its weights would move nobody. " +
        "Fix what its status says (kubectl describe httproute -n prod checkout), or point the handle at the route that carries the traffic.",
    );
    expect(store.get(ref)!.spec.rules[0].backendRefs[1].weight).toBe(1);
    // a verdict on an older spec says nothing about this one
    const edited = store.get(ref)!;
    store.update({ ...edited, spec: { ...edited.spec, hostnames: ["shop.example.com"] } });
    expect((await shift(store, route, { "checkout-v1": 100, "checkout-v2": 0 })).status).toBe("succeeded");
  });
  it("a backend added by a shift gets its own Service's port, not the first backend's", async () => {
    const store = seed();
    store.create({ ...service("checkout-grpc"), spec: { ports: [{ port: 9090 }] } });
    const r = await shift(store, gatewayApi.httpRoute({ namespace: "prod", name: "checkout" }), { "checkout-v1": 90, "checkout-v2": 0, "checkout-grpc": 10 });
    expect(r.error).toBeUndefined();
    expect(store.get({ apiVersion: "gateway.networking.k8s.io/v1", kind: "HTTPRoute", namespace: "prod", name: "checkout" })!.spec.rules[0].backendRefs.at(-1)).toEqual({
      group: "",
      kind: "Service",
      name: "checkout-grpc",
      port: 9090,
      weight: 10,
    });
  });
  it("a backend another rule already sends to is added as that rule refers to it: namespace, kind and port", async () => {
    const store = seed();
    const ref = { apiVersion: "gateway.networking.k8s.io/v1", kind: "HTTPRoute", namespace: "prod", name: "checkout" };
    const route = store.get(ref)!;
    // the beta testers' rule already sends to the next version, served from its own namespace
    const next = { group: "", kind: "Service", name: "checkout-next", namespace: "checkout-next", port: 9090, weight: 1 };
    const beta = { matches: [{ headers: [{ name: "x-beta", value: "1" }] }], backendRefs: [next] };
    store.update({ ...route, spec: { ...route.spec, rules: [beta, ...route.spec.rules] } });
    const r = await shift(store, gatewayApi.httpRoute({ namespace: "prod", name: "checkout" }), { "checkout-v1": 90, "checkout-v2": 0, "checkout-next": 10 });
    expect(r.status, r.error?.message).toBe("succeeded");
    expect(store.get(ref)!.spec.rules[1].backendRefs.at(-1)).toEqual({ ...next, weight: 10 });
  });
  it("a backend another rule sends to is added on this rule's port when its Service has it: the gRPC rule stays on 9090", async () => {
    const store = new ObjectStore();
    for (const s of ["checkout-v1", "checkout-v2"]) store.create({ ...service(s), spec: { ports: [{ name: "http", port: 8080 }, { name: "grpc", port: 9090 }] } });
    const http = { name: "http", backendRefs: [{ name: "checkout-v1", port: 8080, weight: 90 }, { name: "checkout-v2", port: 8080, weight: 10 }] };
    const grpc = { name: "grpc", matches: [{ path: { type: "PathPrefix", value: "/checkout.v2.Checkout/" } }], backendRefs: [{ name: "checkout-v2", port: 9090 }] };
    const ref = { apiVersion: "gateway.networking.k8s.io/v1", kind: "HTTPRoute", namespace: "prod", name: "checkout" };
    store.create({ ...ref, metadata: { name: "checkout", namespace: "prod" }, spec: { parentRefs: [{ name: "gw" }], rules: [http, grpc] } });
    const r = await shift(store, gatewayApi.httpRoute({ namespace: "prod", name: "checkout" }), { "checkout-v1": 100, "checkout-v2": 0 });
    expect(r.status, r.error?.message).toBe("succeeded");
    expect(store.get(ref)!.spec.rules[1].backendRefs).toEqual([
      { name: "checkout-v2", port: 9090, weight: 0 },
      { group: "", kind: "Service", name: "checkout-v1", port: 9090, weight: 100 },
    ]);
  });
  it("refuses a rule that names one backend twice (blue/green namespaces), before writing: its weights cannot be told apart", async () => {
    const store = seed();
    const ref = { apiVersion: "gateway.networking.k8s.io/v1", kind: "HTTPRoute", namespace: "prod", name: "checkout" };
    const route = store.get(ref)!;
    const twins = [
      { name: "checkout", namespace: "checkout-blue", port: 8080, weight: 10 },
      { name: "checkout", namespace: "checkout-green", port: 8080, weight: 90 },
    ];
    store.update({ ...route, spec: { ...route.spec, rules: [{ backendRefs: twins }] } });
    const r = await shift(store, gatewayApi.httpRoute({ namespace: "prod", name: "checkout" }), { checkout: 100 });
    expect(r.error?.name).toBe("InvalidPlanError");
    expect(r.error?.message).toBe(
      "HTTPRoute prod/checkout rule #0 names backend 'checkout' 2 times (Service checkout-blue/checkout:8080, Service checkout-green/checkout:8080): Firebreak names a backend by its name, " +
        "so it cannot read or set their weights apart (a shift would give them all the same). Give each version a Service of its own name, or point the handle at another rule.",
    );
    expect(store.get(ref)!.spec.rules[0].backendRefs).toEqual(twins);
  });
  it("refuses traffic to a backend whose Service is gone (the gateway answers 500 for its share), but drains it", async () => {
    const store = seed();
    const ref = { apiVersion: "gateway.networking.k8s.io/v1", kind: "HTTPRoute", namespace: "prod", name: "checkout" };
    store.delete({ apiVersion: "v1", kind: "Service", namespace: "prod", name: "checkout-v1" });
    const route = gatewayApi.httpRoute({ namespace: "prod", name: "checkout" });
    const r = await shift(store, route, { "checkout-v1": 100, "checkout-v2": 0 });
    expect(r.error?.name).toBe("InvalidPlanError");
    expect(r.error?.message).toBe(
      "HTTPRoute prod/checkout: backend 'checkout-v1' has no Service in prod, so the gateway answers 500 to every request it would send there. " +
        "Create the Service (a rollback may have deleted it), or give that backend 0%.",
    );
    expect(store.get(ref)!.spec.rules[0].backendRefs.map((b: { weight: number }) => b.weight)).toEqual([3, 1]);
    const drain = await shift(store, route, { "checkout-v1": 0, "checkout-v2": 100 });
    expect(drain.status, drain.error?.message).toBe("succeeded");
  });
  it("refuses weight to the parent Service of a mesh (GAMMA) route, naming the version Services: it selects every version's pods", async () => {
    const store = seed();
    store.create(service("checkout"));
    const ref = { apiVersion: "gateway.networking.k8s.io/v1", kind: "HTTPRoute", namespace: "prod", name: "checkout" };
    const route = store.get(ref)!;
    store.update({ ...route, spec: { ...route.spec, parentRefs: [{ group: "", kind: "Service", name: "checkout", port: 8080 }] } });
    const r = await shift(store, gatewayApi.httpRoute({ namespace: "prod", name: "checkout" }), { checkout: 100, "checkout-v1": 0, "checkout-v2": 0 });
    expect(r.error?.name).toBe("InvalidPlanError");
    expect(r.error?.message).toBe(
      "HTTPRoute prod/checkout: backend 'checkout' is the route's parent Service: as a backend it means every pod it selects, whichever version, " +
        "so its 100% keeps reaching the versions given 0%. Give the weight to the version Services instead ('checkout-v1', 'checkout-v2'), and 0 to 'checkout'.",
    );
    expect(store.get(ref)!.spec.rules[0].backendRefs.map((b: { name: string }) => b.name)).toEqual(["checkout-v1", "checkout-v2"]);
  });
  it("refuses a mesh route whose parent Service has a Linkerd ServiceProfile, naming it and the fix: Linkerd routes by that, not the HTTPRoute", async () => {
    const store = seed();
    const ref = { apiVersion: "gateway.networking.k8s.io/v1", kind: "HTTPRoute", namespace: "prod", name: "checkout" };
    const route = store.get(ref)!;
    store.update({ ...route, spec: { ...route.spec, parentRefs: [{ group: "", kind: "Service", name: "checkout", port: 8080 }] } });
    store.create({ apiVersion: "linkerd.io/v1alpha2", kind: "ServiceProfile", metadata: { name: "checkout.prod.svc.cluster.local", namespace: "prod" }, spec: { routes: [] } });
    const r = await shift(store, gatewayApi.httpRoute({ namespace: "prod", name: "checkout" }), { "checkout-v1": 100, "checkout-v2": 0 });
    expect(r.error?.name).toBe("InvalidPlanError");
    expect(r.error?.message).toBe(
      "HTTPRoute prod/checkout: ServiceProfile prod/checkout.prod.svc.cluster.local is defined for its parent Service prod/checkout, and Linkerd's proxies then route by the ServiceProfile, " +
        "ignoring this HTTPRoute: a shift here would verify while nobody moves. Delete the ServiceProfile (kubectl delete serviceprofile -n prod checkout.prod.svc.cluster.local), " +
        "or shift with a TrafficSplit (smi.trafficSplit) or the ServiceProfile's dstOverrides.",
    );
    expect(store.get(ref)!.spec.rules[0].backendRefs.map((b: { weight: number }) => b.weight)).toEqual([3, 1]);
    // Istio's proxies know no ServiceProfile
    const istio = await shift(store, gatewayApi.httpRoute({ namespace: "prod", name: "checkout", metrics: "istio" }), { "checkout-v1": 100, "checkout-v2": 0 });
    expect(istio.status, istio.error?.message).toBe("succeeded");
  });
  it("names the backends that exist when one does not", async () => {
    const r = await shift(seed(), gatewayApi.httpRoute({ namespace: "prod", name: "checkout" }), { "checkout-v3": 100 });
    expect(r.error?.message).toBe("HTTPRoute prod/checkout has no backend 'checkout-v3'; backends are: 'checkout-v1', 'checkout-v2'.");
  });
});

describe("Gateway API: the gateway's verdict on a shift", () => {
  const REF = { apiVersion: "gateway.networking.k8s.io/v1", kind: "HTTPRoute", namespace: "prod", name: "checkout-api" };
  const NEXT = { group: "", kind: "Service", name: "checkout-next", namespace: "checkout-next", port: 8080 };
  const shiftIn = (sim: Simulator, split: Record<string, number>) =>
    runPlan(plan({ name: "shift" }, async (run) => void (await run.step("shift", () => gatewayApi.httpRoute({ namespace: "prod", name: "checkout-api" }).shift(split)))), {
      mode: "run", inputs: {}, kube: sim.kube, metrics: sim.metrics, clock: sim.clock, target: { kind: "sim" },
    });
  /** The beta testers' rule sends to the next version, served from a namespace of its own. */
  const withBetaRule = (sim: Simulator) => {
    const hr = sim.store.get(REF)!;
    const beta = { matches: [{ headers: [{ name: "x-beta", value: "1" }] }], backendRefs: [{ ...NEXT, weight: 1 }] };
    sim.store.update({ ...hr, spec: { ...hr.spec, rules: [beta, ...hr.spec.rules] } });
    sim.store.create({ apiVersion: "v1", kind: "Service", metadata: { name: "checkout-next", namespace: "checkout-next" }, spec: { selector: { app: "checkout-next" }, ports: [{ port: 8080 }] } });
    sim.model.reconcile(); // the gateway reports on the edit, as before any shift
  };

  it("fails a shift to a backend the gateway may not reach (no ReferenceGrant), naming the parent, condition and reason", async () => {
    const sim = await startSimulator("linkerd-cold-jvm");
    try {
      withBetaRule(sim);
      const r = await shiftIn(sim, { "checkout-api-stable": 90, "checkout-api-release": 0, "checkout-next": 10 });
      expect(r.error?.name).toBe("RouteRejectedError");
      expect(r.error?.message).toBe(
        "HTTPRoute prod/checkout-api: Service prod/checkout-api reports ResolvedRefs: False (RefNotPermitted: backendRef to Service checkout-next/checkout-next is not permitted by any ReferenceGrant in checkout-next) " +
          "for the route as this shift wrote it. Its requests to what it could not resolve fail (the gateway answers 500 for that share). " +
          "Fix the reference (a ReferenceGrant for a backend in another namespace; a Service, not another kind), or shift to backends it resolves; " +
          "see kubectl get httproute -n prod checkout-api -o yaml (status.parents).",
      );
    } finally {
      await sim.close();
    }
  });

  it("passes a shift while another rule's backend stays unresolved, as it was before the run (not this shift's doing)", async () => {
    const sim = await startSimulator("linkerd-cold-jvm");
    try {
      withBetaRule(sim); // the header rule's checkout-next: ResolvedRefs False (RefNotPermitted) before any shift
      const r = await shiftIn(sim, { "checkout-api-stable": 100, "checkout-api-release": 0 });
      expect(r.status, r.error?.message).toBe("succeeded");
      expect(sim.store.get(REF)!.status.parents[0].conditions.map((c: { type: string; status: string }) => `${c.type}=${c.status}`)).toEqual(["Accepted=True", "ResolvedRefs=False"]);
    } finally {
      await sim.close();
    }
  });

  it("passes the same shift once a ReferenceGrant lets the route reach the backend", async () => {
    const sim = await startSimulator("linkerd-cold-jvm");
    try {
      withBetaRule(sim);
      sim.store.create({
        apiVersion: "gateway.networking.k8s.io/v1beta1",
        kind: "ReferenceGrant",
        metadata: { name: "from-prod", namespace: "checkout-next" },
        spec: { from: [{ group: "gateway.networking.k8s.io", kind: "HTTPRoute", namespace: "prod" }], to: [{ group: "", kind: "Service" }] },
      });
      const r = await shiftIn(sim, { "checkout-api-stable": 90, "checkout-api-release": 0, "checkout-next": 10 });
      expect(r.status, r.error?.message).toBe("succeeded");
      expect(sim.store.get(REF)!.status.parents[0].conditions.map((c: { type: string; status: string }) => `${c.type}=${c.status}`)).toEqual(["Accepted=True", "ResolvedRefs=True"]);
    } finally {
      await sim.close();
    }
  });

  it("reports the route again when a ReferenceGrant alone changes what it resolves, keeping the time of conditions that did not change", async () => {
    const sim = await startSimulator("linkerd-cold-jvm");
    try {
      withBetaRule(sim);
      const conditions = () => sim.store.get(REF)!.status.parents[0].conditions as { type: string; status: string; lastTransitionTime: string }[];
      const before = conditions();
      expect(before.map((c) => `${c.type}=${c.status}`)).toEqual(["Accepted=True", "ResolvedRefs=False"]);
      sim.clock.advance(60_000);
      sim.store.create({
        apiVersion: "gateway.networking.k8s.io/v1",
        kind: "ReferenceGrant",
        metadata: { name: "from-prod", namespace: "checkout-next" },
        spec: { from: [{ group: "gateway.networking.k8s.io", kind: "HTTPRoute", namespace: "prod" }], to: [{ group: "", kind: "Service" }] },
      });
      sim.model.reconcile();
      const after = conditions();
      expect(after.map((c) => `${c.type}=${c.status}`)).toEqual(["Accepted=True", "ResolvedRefs=True"]);
      expect(after[0]!.lastTransitionTime).toBe(before[0]!.lastTransitionTime);
      expect(after[1]!.lastTransitionTime).not.toBe(before[1]!.lastTransitionTime);
    } finally {
      await sim.close();
    }
  });

  it("awaits only the parents that reported on the route as read: a leftover entry of an uninstalled controller does not time the shift out", async () => {
    const sim = await startSimulator("linkerd-cold-jvm");
    try {
      const oldGw = { group: "gateway.networking.k8s.io", kind: "Gateway", name: "old-gw", namespace: "ingress" };
      const hr = sim.store.get(REF)!;
      sim.store.update({ ...hr, spec: { ...hr.spec, parentRefs: [...hr.spec.parentRefs, oldGw] } });
      const edited = sim.store.get(REF)!;
      const accepted = { type: "Accepted", status: "True", reason: "Accepted", message: "", observedGeneration: hr.metadata.generation, lastTransitionTime: "2026-01-01T00:00:00Z" };
      const leftover = { parentRef: oldGw, controllerName: "example.net/old-gateway", conditions: [accepted] };
      sim.store.update({ ...edited, status: { parents: [...edited.status.parents, leftover] } }, { statusOnly: true });
      sim.model.reconcile(); // the mesh reports on the edit; the old controller never will
      const r = await shiftIn(sim, { "checkout-api-stable": 100, "checkout-api-release": 0 });
      expect(r.status, r.error?.message).toBe("succeeded");
    } finally {
      await sim.close();
    }
  });

  it("times out, naming the route and its parents, when the controller that reported on the route stops reporting", async () => {
    const store = new ObjectStore();
    for (const s of ["checkout-v1", "checkout-v2"]) store.create(service(s));
    const created = store.create({
      apiVersion: "gateway.networking.k8s.io/v1",
      kind: "HTTPRoute",
      metadata: { name: "checkout", namespace: "prod" },
      spec: { parentRefs: [{ name: "gw" }], rules: [{ backendRefs: [{ name: "checkout-v1", port: 8080, weight: 50 }, { name: "checkout-v2", port: 8080, weight: 50 }] }] },
    });
    const route = gatewayApi.httpRoute({ namespace: "prod", name: "checkout" });
    // no status at all (no controller writes it): nothing is awaited
    expect((await shift(store, route, { "checkout-v1": 60, "checkout-v2": 40 })).status).toBe("succeeded");
    const reported = store.get({ ...created, namespace: "prod", name: "checkout" })!;
    const accepted = { type: "Accepted", status: "True", reason: "Accepted", message: "", observedGeneration: reported.metadata.generation, lastTransitionTime: "2026-01-01T00:00:00Z" };
    store.update({ ...reported, status: { parents: [{ parentRef: { name: "gw" }, controllerName: "example.com/gateway", conditions: [accepted] }] } }, { statusOnly: true });
    const r = await shift(store, route, { "checkout-v1": 100, "checkout-v2": 0 });
    expect(r.error?.name).toBe("RouteStatusTimeoutError");
    expect(r.error?.message).toBe(
      "HTTPRoute prod/checkout: waited 30s for the gateway controller to report on HTTPRoute prod/checkout generation 3 (parents: Gateway prod/gw); it did not. " +
        "The weights are written, but whether the gateway routes them is unknown: check status.parents with kubectl get httproute -n prod checkout -o yaml, and the gateway controller's logs.",
    );
  });
});

describe("SMI TrafficSplit", () => {
  it("shifts backends, reading v1alpha1 quantities", async () => {
    const store = new ObjectStore();
    for (const s of ["checkout", "checkout-v1", "checkout-v2"]) store.create(service(s));
    store.create({
      apiVersion: "split.smi-spec.io/v1alpha1",
      kind: "TrafficSplit",
      metadata: { name: "checkout", namespace: "prod" },
      spec: { service: "checkout", backends: [{ service: "checkout-v1", weight: "500m" }, { service: "checkout-v2", weight: "500m" }] },
    });
    const r = await shift(store, smi.trafficSplit({ namespace: "prod", name: "checkout", apiVersion: "split.smi-spec.io/v1alpha1" }), { "checkout-v1": 100, "checkout-v2": 0 });
    expect(r.status).toBe("succeeded");
    expect(r.events.find((e) => e.type === "traffic")).toMatchObject({ split: { "checkout-v1": 50, "checkout-v2": 50 } });
    expect(store.get({ apiVersion: "split.smi-spec.io/v1alpha1", kind: "TrafficSplit", namespace: "prod", name: "checkout" })!.spec.backends).toEqual([
      { service: "checkout-v1", weight: 100 },
      { service: "checkout-v2", weight: 0 },
    ]);
  });
  it.each([
    ["decimal SI suffixes", "1k", "3k", { "checkout-v1": 25, "checkout-v2": 75 }],
    ["binary SI suffixes", "1Ki", "3072", { "checkout-v1": 25, "checkout-v2": 75 }],
    ["a decimal exponent", "3e2", "0.1k", { "checkout-v1": 75, "checkout-v2": 25 }],
  ])("reads v1alpha1 weights written with %s as Kubernetes does, not as 0", async (_what, v1, v2, split) => {
    const store = new ObjectStore();
    for (const s of ["checkout", "checkout-v1", "checkout-v2"]) store.create(service(s));
    const ref = { apiVersion: "split.smi-spec.io/v1alpha1", kind: "TrafficSplit", namespace: "prod", name: "checkout" };
    store.create({ ...ref, metadata: { name: "checkout", namespace: "prod" }, spec: { service: "checkout", backends: [{ service: "checkout-v1", weight: v1 }, { service: "checkout-v2", weight: v2 }] } });
    const r = await shift(store, smi.trafficSplit({ namespace: "prod", name: "checkout", apiVersion: "split.smi-spec.io/v1alpha1" }), { "checkout-v1": 100, "checkout-v2": 0 });
    expect(r.status, r.error?.message).toBe("succeeded");
    expect(r.events.find((e) => e.type === "traffic")).toMatchObject({ split });
  });
  it("refuses a v1alpha1 weight that is no quantity, naming the TrafficSplit, backend and value, before writing", async () => {
    const store = new ObjectStore();
    for (const s of ["checkout", "checkout-v1", "checkout-v2"]) store.create(service(s));
    const ref = { apiVersion: "split.smi-spec.io/v1alpha1", kind: "TrafficSplit", namespace: "prod", name: "checkout" };
    const backends = [{ service: "checkout-v1", weight: "lots" }, { service: "checkout-v2", weight: "1" }];
    store.create({ ...ref, metadata: { name: "checkout", namespace: "prod" }, spec: { service: "checkout", backends } });
    const r = await shift(store, smi.trafficSplit({ namespace: "prod", name: "checkout", apiVersion: "split.smi-spec.io/v1alpha1" }), { "checkout-v1": 100, "checkout-v2": 0 });
    expect(r.error?.name).toBe("InvalidPlanError");
    expect(r.error?.message).toBe(
      "TrafficSplit prod/checkout: backend 'checkout-v1' has weight \"lots\", which is not a Kubernetes quantity Firebreak can read " +
        "(a non-negative number, optionally with a suffix: m, k, M, G, T, P, E; Ki … Ei; or an exponent like 1e3). Write it as a plain number.",
    );
    expect(store.get(ref)!.spec.backends).toEqual(backends);
  });
  it("refuses traffic to a backend whose Service is gone, but drains it", async () => {
    const store = new ObjectStore();
    for (const s of ["checkout", "checkout-v2"]) store.create(service(s));
    const ref = { apiVersion: "split.smi-spec.io/v1alpha2", kind: "TrafficSplit", namespace: "prod", name: "checkout" };
    store.create({ ...ref, metadata: { name: "checkout", namespace: "prod" }, spec: { service: "checkout", backends: [{ service: "checkout-v1", weight: 50 }, { service: "checkout-v2", weight: 50 }] } });
    const route = smi.trafficSplit({ namespace: "prod", name: "checkout" });
    const r = await shift(store, route, { "checkout-v1": 100, "checkout-v2": 0 });
    expect(r.error?.message).toBe(
      "TrafficSplit prod/checkout: backend 'checkout-v1' has no Service in prod, so Linkerd fails every request it would send there. " +
        "Create the Service (a rollback may have deleted it), or give that backend 0%.",
    );
    expect(store.get(ref)!.spec.backends).toEqual([{ service: "checkout-v1", weight: 50 }, { service: "checkout-v2", weight: 50 }]);
    const drain = await shift(store, route, { "checkout-v1": 0, "checkout-v2": 100 });
    expect(drain.status, drain.error?.message).toBe("succeeded");
  });
});

describe("SMI TrafficSplit with spec.matches (v1alpha3 and later)", () => {
  it("is refused when read, before anything is written: it splits only the matched requests, and isolating through it leaks the rest", async () => {
    const store = new ObjectStore();
    for (const s of ["checkout", "checkout-v1", "checkout-v2"]) store.create(service(s));
    // served at v1alpha2 by a CRD that keeps the field (another SMI mesh's, serving every version alike)
    const ref = { apiVersion: "split.smi-spec.io/v1alpha2", kind: "TrafficSplit", namespace: "prod", name: "checkout" };
    store.create({
      apiVersion: ref.apiVersion,
      kind: "TrafficSplit",
      metadata: { name: "checkout", namespace: "prod" },
      spec: { service: "checkout", matches: [{ kind: "HTTPRouteGroup", name: "android-insiders" }], backends: [{ service: "checkout-v1", weight: 50 }, { service: "checkout-v2", weight: 50 }] },
    });
    const handle = smi.trafficSplit({ namespace: "prod", name: "checkout" });
    const r = await shift(store, handle, { "checkout-v1": 100, "checkout-v2": 0 });
    expect(r.error?.name).toBe("InvalidPlanError");
    expect(r.error?.message).toBe(
      "TrafficSplit prod/checkout splits only the requests its spec.matches select (HTTPRouteGroup android-insiders): " +
        "the other requests to checkout do not go through it, so a shift here would leave them where they are (isolating the release through it would not isolate it). " +
        "Point the handle at a TrafficSplit without matches, one that splits all of checkout's traffic, or remove spec.matches from this one.",
    );
    expect(store.get(ref)!.spec.backends).toEqual([{ service: "checkout-v1", weight: 50 }, { service: "checkout-v2", weight: 50 }]);
    expect(r.events.some((e) => e.type === "change")).toBe(false);
  });
});

describe("ingress-nginx canary", () => {
  const ingress = (name: string, svc: string, annotations: Record<string, string> = {}) => ({
    apiVersion: "networking.k8s.io/v1",
    kind: "Ingress",
    metadata: { name, namespace: "prod", annotations },
    spec: { rules: [{ host: "shop.example.com", http: { paths: [{ path: "/", pathType: "Prefix", backend: { service: { name: svc, port: { number: 80 } } } }] } }] },
  });
  const seed = (weight: string) => {
    const store = new ObjectStore();
    store.create(ingress("checkout", "checkout-stable"));
    store.create(ingress("checkout-canary", "checkout-canary", { "nginx.ingress.kubernetes.io/canary": "true", "nginx.ingress.kubernetes.io/canary-weight": weight }));
    return store;
  };
  const ref = { apiVersion: "networking.k8s.io/v1", kind: "Ingress", namespace: "prod", name: "checkout-canary" };
  /** Sets annotations of the canary Ingress, as someone editing it would. */
  const annotate = (store: ObjectStore, annotations: Record<string, string>) => {
    const canary = store.get(ref)!;
    Object.assign(canary.metadata.annotations!, annotations);
    store.update(canary);
  };
  it("sets the canary weight annotation and reads both sides", async () => {
    const store = seed("30");
    const r = await shift(store, ingressNginx.canary({ namespace: "prod", canaryIngress: "checkout-canary" }), { "checkout-stable": 100, "checkout-canary": 0 });
    expect(r.error).toBeUndefined();
    expect(r.events.filter((e) => e.type === "traffic").map((e) => "split" in e && e.split)).toEqual([
      { "checkout-canary": 30, "checkout-stable": 70 },
      { "checkout-canary": 0, "checkout-stable": 100 },
    ]);
    expect(store.get({ apiVersion: "networking.k8s.io/v1", kind: "Ingress", namespace: "prod", name: "checkout-canary" })!.metadata.annotations).toMatchObject({
      "nginx.ingress.kubernetes.io/canary-weight": "0",
    });
  });
  it("reads and writes weights out of canary-weight-total as ingress-nginx does: a total under 100 counts as 100, a weight over it as all", async () => {
    const store = seed("9");
    annotate(store, { "nginx.ingress.kubernetes.io/canary-weight-total": "10" });
    const route = ingressNginx.canary({ namespace: "prod", canaryIngress: "checkout-canary" });
    const r = await shift(store, route, { "checkout-stable": 50, "checkout-canary": 50 });
    expect(r.status, r.error?.message).toBe("succeeded");
    // nginx sends canary-weight 9 of 100 to the canary, whatever a total under 100 says
    expect(r.events.filter((e) => e.type === "traffic").map((e) => "split" in e && e.split)).toEqual([
      { "checkout-canary": 9, "checkout-stable": 91 },
      { "checkout-canary": 50, "checkout-stable": 50 },
    ]);
    expect(store.get(ref)!.metadata.annotations!["nginx.ingress.kubernetes.io/canary-weight"]).toBe("50");
    annotate(store, { "nginx.ingress.kubernetes.io/canary-weight": "150" });
    const all = await shift(store, route, { "checkout-stable": 100, "checkout-canary": 0 });
    expect(all.events.find((e) => e.type === "traffic")).toMatchObject({ split: { "checkout-canary": 100, "checkout-stable": 0 } });
  });
  it("reads a canary with any weight as at least 1%, and one short of the total as at most 99%", async () => {
    const store = seed("4");
    annotate(store, { "nginx.ingress.kubernetes.io/canary-weight-total": "1000" });
    const route = ingressNginx.canary({ namespace: "prod", canaryIngress: "checkout-canary" });
    const trickle = await shift(store, route, { "checkout-stable": 0, "checkout-canary": 100 });
    expect(trickle.events.find((e) => e.type === "traffic")).toMatchObject({ split: { "checkout-canary": 1, "checkout-stable": 99 } });
    annotate(store, { "nginx.ingress.kubernetes.io/canary-weight": "996" });
    const rest = await shift(store, route, { "checkout-stable": 100, "checkout-canary": 0 });
    expect(rest.events.find((e) => e.type === "traffic")).toMatchObject({ split: { "checkout-canary": 99, "checkout-stable": 1 } });
  });
  it("refuses a canary whose path the primary Ingress does not serve: ingress-nginx ignores it, and its weight routes nobody", async () => {
    const store = seed("30");
    const canary = store.get(ref)!;
    canary.spec.rules[0].http.paths[0].path = "/api";
    store.update(canary);
    const r = await shift(store, ingressNginx.canary({ namespace: "prod", canaryIngress: "checkout-canary" }), { "checkout-stable": 50, "checkout-canary": 50 });
    expect(r.error?.name).toBe("InvalidPlanError");
    expect(r.error?.message).toBe(
      "Ingress prod/checkout-canary (nginx canary) routes shop.example.com/api, which its primary Ingress checkout does not (it routes shop.example.com/): " +
        "ingress-nginx applies a canary only to a host and path of the primary's and ignores this one, so its weight would move nobody. " +
        "Give the canary the primary's host and path, or set stableIngress to the Ingress that routes shop.example.com/api.",
    );
    expect(store.get(ref)!.metadata.annotations!["nginx.ingress.kubernetes.io/canary-weight"]).toBe("30");
  });
  it("refuses a canary with a path the primary routes under another pathType, on any of its paths: ingress-nginx does not merge it there", async () => {
    const at = (ing: ReturnType<typeof ingress>, svc: string, apiType: string) => ({
      ...ing,
      spec: { rules: [{ host: "shop.example.com", http: { paths: [["/", "Prefix"], ["/api", apiType]].map(([path, pathType]) => ({ path, pathType, backend: { service: { name: svc, port: { number: 80 } } } })) } }] },
    });
    const storeWith = (canaryApiType: string) => {
      const store = new ObjectStore();
      store.create(at(ingress("checkout", "checkout-stable"), "checkout-stable", "Prefix"));
      store.create(at(ingress("checkout-canary", "checkout-canary", { "nginx.ingress.kubernetes.io/canary": "true", "nginx.ingress.kubernetes.io/canary-weight": "30" }), "checkout-canary", canaryApiType));
      return store;
    };
    const route = ingressNginx.canary({ namespace: "prod", canaryIngress: "checkout-canary" });
    const exact = storeWith("Exact");
    const r = await shift(exact, route, { "checkout-stable": 100, "checkout-canary": 0 });
    expect(r.error?.name).toBe("InvalidPlanError");
    expect(r.error?.message).toBe(
      "Ingress prod/checkout-canary (nginx canary): shop.example.com/api is pathType Exact in the canary, Prefix in checkout. " +
        "ingress-nginx merges a canary only into a location of the same path and pathType (it reads an unset or ImplementationSpecific one as Prefix) and ignores it elsewhere, so its weight would move nobody there. " +
        "Give the canary's paths the primary's pathType.",
    );
    expect(exact.get(ref)!.metadata.annotations!["nginx.ingress.kubernetes.io/canary-weight"]).toBe("30");
    // nginx itself reads ImplementationSpecific as Prefix, and merges that canary
    const same = await shift(storeWith("ImplementationSpecific"), route, { "checkout-stable": 100, "checkout-canary": 0 });
    expect(same.status, same.error?.message).toBe("succeeded");
  });
  it("refuses a canary that shares its host and path with another canary Ingress, naming it: nginx serves only one of them", async () => {
    const store = seed("0");
    store.create(ingress("checkout-canary-v2", "checkout-v2", { "nginx.ingress.kubernetes.io/canary": "true", "nginx.ingress.kubernetes.io/canary-weight": "50" }));
    const r = await shift(store, ingressNginx.canary({ namespace: "prod", canaryIngress: "checkout-canary" }), { "checkout-stable": 100, "checkout-canary": 0 });
    expect(r.error?.name).toBe("InvalidPlanError");
    expect(r.error?.message).toBe(
      "Ingress prod/checkout-canary (nginx canary) shares shop.example.com/ with the canary Ingress(es) checkout-canary-v2 (canary-weight 50): " +
        "ingress-nginx routes a host and path to only one canary, so a weight written to this one may move nobody. " +
        'Delete the other canary Ingress(es) or set their nginx.ingress.kubernetes.io/canary annotation to "false".',
    );
    expect(r.events.some((e) => e.type === "change")).toBe(false); // refused when it would write; the route could still be read
  });
  it("shares the canary's host and path with the primary's backend there, not another path's or Ingress's", async () => {
    const paths = (...p: [string, string][]) => p.map(([path, svc]) => ({ path, pathType: "Prefix", backend: { service: { name: svc, port: { number: 80 } } } }));
    const at = (ing: ReturnType<typeof ingress>, p: ReturnType<typeof paths>) => ({ ...ing, spec: { rules: [{ host: "shop.example.com", http: { paths: p } }] } });
    const canary = at(ingress("checkout-canary", "checkout-canary", { "nginx.ingress.kubernetes.io/canary": "true", "nginx.ingress.kubernetes.io/canary-weight": "30" }), paths(["/api", "checkout-canary"]));
    // one primary Ingress for the whole host, its /api path to checkout
    const one = new ObjectStore();
    one.create(at(ingress("shop", "storefront"), paths(["/", "storefront"], ["/api", "checkout-stable"])));
    one.create(canary);
    // the host's / and /api as two Ingresses, the storefront's first by name
    const two = new ObjectStore();
    two.create(at(ingress("shop", "storefront"), paths(["/", "storefront"])));
    two.create(at(ingress("shop-api", "checkout-stable"), paths(["/api", "checkout-stable"])));
    two.create(canary);
    for (const store of [one, two]) {
      const r = await shift(store, ingressNginx.canary({ namespace: "prod", canaryIngress: "checkout-canary" }), { "checkout-stable": 100, "checkout-canary": 0 });
      expect(r.status, r.error?.message).toBe("succeeded");
      expect(r.events.find((e) => e.type === "traffic")).toMatchObject({ split: { "checkout-canary": 30, "checkout-stable": 70 } });
    }
  });
  it("refuses to raise a canary from 0% to a backend Service that is not there: nginx would keep its share on the primary", async () => {
    const store = seed("0");
    store.create(service("checkout-stable"));
    const route = ingressNginx.canary({ namespace: "prod", canaryIngress: "checkout-canary" });
    const r = await shift(store, route, { "checkout-stable": 0, "checkout-canary": 100 });
    expect(r.error?.name).toBe("InvalidPlanError");
    expect(r.error?.message).toBe(
      "Ingress prod/checkout-canary (nginx canary): backend 'checkout-canary' has no Service in prod, so ingress-nginx keeps on the primary every request it would send there. " +
        "Create the Service (a rollback may have deleted it), or give that backend 0%.",
    );
    expect(store.get(ref)!.metadata.annotations!["nginx.ingress.kubernetes.io/canary-weight"]).toBe("0");
    store.create(service("checkout-canary"));
    const created = await shift(store, route, { "checkout-stable": 0, "checkout-canary": 100 });
    expect(created.status, created.error?.message).toBe("succeeded");
  });
  it("refuses an Ingress that is not a canary, saying which annotation is missing", async () => {
    const r = await shift(seed("10"), ingressNginx.canary({ namespace: "prod", canaryIngress: "checkout" }), { "checkout-stable": 100 });
    expect(r.error?.message).toContain('lacks the annotation nginx.ingress.kubernetes.io/canary: "true"');
  });
  it("takes canary: \"True\" or \"1\" for a canary, as ingress-nginx does, and says what a canary annotation that is not true holds", async () => {
    for (const value of ["True", "1"]) {
      const store = seed("30");
      annotate(store, { "nginx.ingress.kubernetes.io/canary": value });
      const r = await shift(store, ingressNginx.canary({ namespace: "prod", canaryIngress: "checkout-canary" }), { "checkout-stable": 100, "checkout-canary": 0 });
      expect(r.status, r.error?.message).toBe("succeeded");
      expect(r.events.find((e) => e.type === "traffic")).toMatchObject({ split: { "checkout-canary": 30, "checkout-stable": 70 } });
    }
    const store = seed("30");
    annotate(store, { "nginx.ingress.kubernetes.io/canary": "yes" });
    const r = await shift(store, ingressNginx.canary({ namespace: "prod", canaryIngress: "checkout-canary" }), { "checkout-stable": 100, "checkout-canary": 0 });
    expect(r.error?.message).toBe(
      'Ingress prod/checkout-canary (nginx canary) is not a canary Ingress: its annotation is nginx.ingress.kubernetes.io/canary: "yes", not nginx.ingress.kubernetes.io/canary: "true". Point canaryIngress at the canary one.',
    );
  });
});

describe("where each router's requests are counted", () => {
  const scopeOf = async (route: Route, store: ObjectStore, destination: string) => {
    const { kube } = createFakeKube(store);
    return route.router.metricScope(await route.router.inspect((await kube.get(route.ref))!, kube), destination);
  };
  const httpRoute = (parentRefs: object[]) => {
    const store = new ObjectStore();
    store.create({
      apiVersion: "gateway.networking.k8s.io/v1",
      kind: "HTTPRoute",
      metadata: { name: "checkout", namespace: "prod" },
      spec: { parentRefs, rules: [{ backendRefs: [{ name: "checkout-v1", port: 8080, weight: 1 }] }] },
    });
    return store;
  };

  it("a run through a north-south HTTPRoute measures users' requests at every backend carrying them, the release's too", async () => {
    const sim = await startSimulator("linkerd-cold-jvm");
    try {
      const ref = { apiVersion: "gateway.networking.k8s.io/v1", kind: "HTTPRoute", namespace: "prod", name: "checkout-api" };
      const hr = sim.store.get(ref)!;
      sim.store.update({ ...hr, spec: { ...hr.spec, parentRefs: [{ group: "gateway.networking.k8s.io", kind: "Gateway", name: "public-gw", namespace: "ingress" }] }, status: undefined });
      const route = gatewayApi.httpRoute({ namespace: "prod", name: "checkout-api" });
      const r = await runPlan(plan({ name: "isolate" }, async (run) => void (await run.step("isolate", () => route.shift({ "checkout-api-stable": 100, "checkout-api-release": 0 })))), {
        mode: "run", inputs: {}, kube: sim.kube, metrics: sim.metrics, clock: sim.clock, target: { kind: "sim" },
      });
      expect(r.status, r.error?.message).toBe("succeeded");
      const impact = r.events.find((e) => e.type === "impact");
      // each backend's series are named several times in its count (see countOf): once each is what matters
      expect(impact && "query" in impact && [...new Set(impact.query.match(/dst_service="[^"]+"/g))]).toEqual(['dst_service="checkout-api-stable"', 'dst_service="checkout-api-release"']);
    } finally {
      await sim.close();
    }
  });

  it("Linkerd behind an HTTPRoute: the backend's Deployment, and the parent Service users call", async () => {
    const route = gatewayApi.httpRoute({ namespace: "prod", name: "checkout" });
    expect(await scopeOf(route, httpRoute([{ group: "", kind: "Service", name: "checkout", port: 8080 }]), "checkout-v1")).toEqual({
      namespace: "prod",
      service: "checkout",
      version: "checkout-v1",
    });
    // behind a Gateway there is no Service users call: the backend stands for itself
    expect(await scopeOf(route, httpRoute([{ name: "public-gw" }]), "checkout-v1")).toEqual({ namespace: "prod", service: "checkout-v1", version: "checkout-v1" });
    // another mesh's metrics name the backend Service
    expect(await scopeOf(gatewayApi.httpRoute({ namespace: "prod", name: "checkout", metrics: "istio" }), httpRoute([{ name: "public-gw" }]), "checkout-v1")).toEqual({
      namespace: "prod",
      service: "checkout-v1",
    });
  });

  it("Istio: the version Istio reports for a subset's pods, from the label it takes first, else the subset's name", async () => {
    const store = new ObjectStore();
    const subsets = [
      { name: "stable", labels: { "app.kubernetes.io/version": "1.9.4" } },
      { name: "release", labels: { version: "v2", "app.kubernetes.io/version": "2.0.1", "service.istio.io/canonical-revision": "2.0.1-rc1" } },
      { name: "canary", labels: { version: "v3", app: "checkout-api" } },
      { name: "blue", labels: { track: "blue" } },
    ];
    store.create({ apiVersion: "networking.istio.io/v1", kind: "DestinationRule", metadata: { name: "checkout-api", namespace: "prod" }, spec: { host: "checkout-api", subsets } });
    const route = subsets.map((s) => ({ destination: { host: "checkout-api", subset: s.name }, weight: 25 }));
    store.create({ apiVersion: "networking.istio.io/v1", kind: "VirtualService", metadata: { name: "checkout-api", namespace: "prod" }, spec: { hosts: ["checkout-api"], http: [{ route }] } });
    const vs = istio.virtualService({ namespace: "prod", name: "checkout-api" });
    const versions = await Promise.all(subsets.map(async (s) => (await scopeOf(vs, store, s.name)).version));
    expect(versions).toEqual(["1.9.4", "2.0.1-rc1", "v3", "blue"]);
  });

  it("SMI: the apex service users call, and the backend's Deployment", async () => {
    const store = new ObjectStore();
    store.create({ apiVersion: "split.smi-spec.io/v1alpha2", kind: "TrafficSplit", metadata: { name: "checkout", namespace: "prod" }, spec: { service: "checkout", backends: [{ service: "checkout-v1", weight: 100 }] } });
    expect(await scopeOf(smi.trafficSplit({ namespace: "prod", name: "checkout" }), store, "checkout-v1")).toEqual({ namespace: "prod", service: "checkout", version: "checkout-v1" });
  });
});
