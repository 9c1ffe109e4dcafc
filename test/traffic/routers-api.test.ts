import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createRoute, type Route } from "../../sdk/traffic/route.ts";
import { runPlan, type RunResult } from "../../sdk/engine/runner.ts";
import { indicatorsFor } from "../../sdk/gates/indicators/index.ts";
import { plan } from "../../sdk/index.ts";
import type { TrafficRouter } from "../../sdk/traffic/router.ts";
import type { KubeObject } from "../../sdk/ports/kube.ts";
import type { Split } from "../../sdk/traffic/split.ts";
import { startSimulator, type Simulator } from "../../sdk/sim/simulator.ts";
import { roundTrips } from "../helpers/round-trips.ts";
import { routerCases } from "./router-cases.ts";

/**
 * Every router through the real client-node against the simulator's strict API server (custom
 * resources validated against the official CRDs, 422 on anything they refuse): read → shift →
 * verify round trips, the refusals a plan author sees, and users actually moving.
 */

const writesTo = (sim: Simulator, path: string) => sim.kubeApi.requests.filter((r) => r.method === "PATCH" && r.path.startsWith(path));

describe.each(routerCases)("$name against the strict API", (c) => {
  let sim: Simulator;
  let path: string;
  beforeAll(async () => {
    sim = await startSimulator(c.scenario);
    const [group, version] = c.ref.apiVersion.includes("/") ? c.ref.apiVersion.split("/") : ["", c.ref.apiVersion];
    const plural = { VirtualService: "virtualservices", HTTPRoute: "httproutes", TrafficSplit: "trafficsplits", Ingress: "ingresses" }[c.ref.kind];
    path = `/apis/${group}/${version}/namespaces/prod/${plural}/${c.ref.name}`;
  });
  afterAll(() => sim.close());

  const run = (program: () => Promise<void>, kube = sim.kube): Promise<RunResult> =>
    runPlan(
      plan({ name: "router" }, async (r) => {
        await r.step("traffic", program);
      }),
      { mode: "run", inputs: {}, kube, metrics: sim.metrics, clock: sim.clock, target: { kind: "sim" } },
    );
  const shift = (route: Route, split: Split) => run(() => route.shift(split));

  it("refuses weights that do not sum to 100 and all-zero weights, naming the route, before writing anything", async () => {
    const route = c.route();
    const over = await shift(route, { [c.stable]: 60, [c.release]: 60 });
    expect(over.error?.message).toContain(`Invalid traffic split for ${route.label} (${c.stable}=60, ${c.release}=60): weights sum to 120, not 100. A split gives`);
    const zero = await shift(route, { [c.stable]: 0, [c.release]: 0 });
    expect(zero.error?.message).toContain(`Invalid traffic split for ${route.label} (${c.stable}=0, ${c.release}=0): weights sum to 0, not 100. A split gives`);
    expect(writesTo(sim, path)).toEqual([]);
  });

  it("names an unknown destination and lists the ones that exist", async () => {
    const route = c.route();
    const r = await shift(route, { [c.stable]: 50, "checkout-api-v3": 50 });
    const noun = route.router.destinationNoun;
    expect(r.error?.message).toBe(`${route.label} has no ${noun} 'checkout-api-v3'; ${noun}s are: ${c.destinations.map((d) => `'${d}'`).join(", ")}.`);
    expect(writesTo(sim, path)).toEqual([]);
  });

  it("names a route that does not exist and lists the ones that do", async () => {
    const missing = c.missing();
    const r = await shift(missing, { [c.stable]: 100, [c.release]: 0 });
    expect(r.error?.message).toBe(`${c.ref.kind} prod/${missing.ref.name} was not found; existing ones in that namespace: ${c.siblings}.`);
  });

  it("a patch the schema refuses is a 422 naming the field, and the route stays as it was", async () => {
    const good = c.route().router;
    const broken: TrafficRouter = {
      ...good,
      patchFor: (state, split) => {
        const patch = good.patchFor(state, split);
        c.corrupt(patch);
        return patch;
      },
    };
    const r = await shift(createRoute(broken), { [c.stable]: 100, [c.release]: 0 });
    expect(r.error?.name).toBe("KubeApiError");
    expect(r.error?.message).toContain(c.field);
    expect(writesTo(sim, path).map((w) => w.status)).toEqual([422]);
    let split: Split = {};
    await run(async () => void (split = await c.route().split()));
    expect(split).toEqual(c.initial);
  });

  it("round trip: reads the split, isolates, reads back the same, and users move to the stable destination", async () => {
    const route = c.route();
    const seen: Split[] = [];
    const served: Record<string, number | undefined> = {};
    const r = await run(async () => {
      seen.push(await route.split());
      await route.shift({ [c.stable]: 100, [c.release]: 0 });
      seen.push(await route.split());
      await sim.clock.sleep(120_000); // a minute for the old window to drain, then a clean one
      const ind = indicatorsFor(route.router.metrics);
      for (const d of [c.stable, c.release]) {
        const answer = await sim.metrics.query(ind.requests(await route.metricScope(d), "1m"), sim.clock.now());
        served[d] = answer.samples[0]?.value;
      }
    });
    expect(r.error).toBeUndefined();
    expect(seen).toEqual([c.initial, { ...c.initial, [c.stable]: 100, [c.release]: 0 }]);
    // the journal's traffic line: where the route started, then the verified split
    expect(r.events.filter((e) => e.type === "traffic" && e.verified).map((e) => "split" in e && e.split)).toEqual(seen);
    // the strict server took the write (every field checked against the CRD), and it reads back as sent
    expect(writesTo(sim, path).map((w) => w.status)).toEqual([422, 200]);
    expect(c.stored((await sim.kube.get(c.ref))!)).toEqual(c.isolated);
    // 400 requests a second, all of them now on the stable destination
    expect(served[c.stable]).toBeCloseTo(400 * 60, 0);
    expect(served[c.release] ?? 0).toBeCloseTo(0, 6);
  });

  const added = c.added;
  if (added) {
    it("a shift to a destination the route does not name yet adds an entry the CRD accepts, and verifies", async () => {
      const name = added.prepare(sim.store);
      const r = await shift(c.route(), { [c.stable]: 90, [c.release]: 0, [name]: 10 });
      expect(r.error).toBeUndefined();
      expect(writesTo(sim, path).at(-1)!.status).toBe(200);
      expect(c.stored((await sim.kube.get(c.ref))!)).toContainEqual(added.entry);
    });
  }

  it("a shift is three round trips deep: the route read with what defines its destinations, the write, the read-back", async () => {
    // both already serving: bringing a destination into service first checks it has pods
    expect((await shift(c.route(), { [c.stable]: 50, [c.release]: 50 })).error).toBeUndefined();
    const { port, depthOf } = roundTrips(sim.kube);
    const { result, depth } = await depthOf(() => run(() => c.route().shift({ [c.stable]: 30, [c.release]: 70 }), port));
    expect(result.error).toBeUndefined();
    // and one more for the run, once its program is over: is the route still where it left it?
    expect(depth).toBe(3 + 1);
  });
});

/** For a route whose split rule matches only some requests (no catch-all): how to give it that match, and a rule sending matched requests to the release alone. */
const matchedRuleCases = [
  {
    case: routerCases.find((c) => c.name === "Istio VirtualService")!,
    rules: (o: KubeObject) => o.spec.http as unknown[],
    withRules: (o: KubeObject, rules: unknown[]) => ({ ...o, spec: { ...o.spec, http: rules } }),
    match: (rule: any, path: string) => ({ ...rule, match: [{ uri: { prefix: path } }] }),
    toRelease: (match: unknown) => ({ ...(match as object), route: [{ destination: { host: "checkout-api", subset: "release" } }] }),
    byHeader: { match: [{ headers: { "x-canary": { exact: "always" } } }] },
  },
  {
    case: routerCases.find((c) => c.name === "Gateway API HTTPRoute")!,
    rules: (o: KubeObject) => o.spec.rules as unknown[],
    withRules: (o: KubeObject, rules: unknown[]) => ({ ...o, spec: { ...o.spec, rules } }),
    match: (rule: any, path: string) => ({ ...rule, matches: [{ path: { type: "PathPrefix", value: path } }] }),
    toRelease: (match: unknown) => ({ ...(match as object), backendRefs: [{ name: "checkout-api-release", port: 8080 }] }),
    byHeader: { matches: [{ headers: [{ name: "x-canary", value: "always" }] }] },
  },
];

describe.each(matchedRuleCases)("$case.name whose split rule has a match and no catch-all", (m) => {
  const c = m.case;
  let sim: Simulator;
  beforeEach(async () => {
    sim = await startSimulator(c.scenario);
  });
  afterEach(() => sim.close());
  const object = () => sim.store.get(c.ref)!;
  const setRules = (rules: unknown[]) => sim.store.update(m.withRules(object(), rules));
  /** Isolates the route, then lets `controller` change it, as Argo CD or a person would after the verified write. */
  const isolateThen = (controller: () => void) =>
    runPlan(
      plan({ name: "isolate" }, async (r) => {
        await r.step("isolate", () => c.route().shift({ [c.stable]: 100, [c.release]: 0 }));
        controller();
      }),
      { mode: "run", inputs: {}, kube: sim.kube, clock: sim.clock, target: { kind: "sim" } },
    );

  it("a rule inserted ahead of it, to the release alone, is not read as the one the run shifted: no false drift", async () => {
    const [split] = m.rules(object());
    setRules([m.match(split, "/api")]);
    const result = await isolateThen(() => setRules([m.toRelease(m.byHeader), ...m.rules(object())]));
    expect(result.error?.message).toBeUndefined();
    expect(result.status).toBe("succeeded");
    expect(m.rules(object())).toHaveLength(2);
  });

  it("the rule the run shifted, put back by a controller behind an inserted rule, is still found, and its drift reported", async () => {
    const [split] = m.rules(object());
    setRules([m.match(split, "/api")]);
    // Argo CD syncs Git's route back: the /api rule at its old weights, behind a header rule
    const result = await isolateThen(() => setRules([m.toRelease(m.byHeader), m.match(split, "/api")]));
    expect(result.status).toBe("failed-unsafe");
    expect(result.unsafe![0]).toMatch(new RegExp(`: it is at ${c.stable}=10, ${c.release}=90\\. Something changed it`));
  });

  it("two rules with the match the run shifted and different weights: says it cannot tell which, and how to fix it", async () => {
    const [split] = m.rules(object());
    setRules([m.match(split, "/api")]);
    // a copy of the rule (same name, same match) inserted ahead of it, to the release alone
    const result = await isolateThen(() => setRules([m.toRelease(m.rules(object())[0]), ...m.rules(object())]));
    expect(result.status).toBe("failed-unsafe");
    expect(result.unsafe![0]).toMatch(
      new RegExp(`^${c.ref.kind} prod/checkout-api no longer holds the split this run wrote \\(.*\\): ${c.ref.kind} prod/checkout-api has 2 (http routes|rules) .* that split differently \\(${c.release}=100; ${c.stable}=100, ${c.release}=0\\): the run cannot tell which of them it shifted\\. Give each its own name`),
    );
  });
});
