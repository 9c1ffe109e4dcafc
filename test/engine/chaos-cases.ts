import fc from "fast-check";
import { afterAll, beforeAll, expect, it } from "vitest";
import { gatewayApi, gates, istio, plan, type Route } from "../../sdk/index.ts";
import { runPlan, type RunResult } from "../../sdk/engine/runner.ts";
import { MetricsUnavailableError } from "../../sdk/errors.ts";
import type { JournalEvent } from "../../sdk/journal/events.ts";
import { createVirtualClock, type VirtualClock } from "../../sdk/ports/clock.ts";
import type { KubePort } from "../../sdk/ports/kube.ts";
import type { MetricsPort } from "../../sdk/ports/metrics.ts";
import type { ObjectStore } from "../../sdk/sim/store.ts";
import type { Split } from "../../sdk/traffic/split.ts";
import { seedRoute } from "../helpers/fake-kube.ts";

/**
 * Firebreak's promise to production, as a property: whatever fails during a run (an API error, a
 * lost write race, a timeout, Prometheus going away, the responder cancelling), the run ends in a
 * known state and says truthfully what it is. Plans come from a small grammar over two routes,
 * faults from a schedule; both on the virtual clock, so a failing case replays from its seed.
 * What the run talks to is a {@link ClusterFor}: the in-process fake (chaos.test.ts) or the
 * loopback API server over HTTP (wire-chaos.test.ts), each with its own vocabulary of faults.
 */

/** A route under test: its handle, its two destinations, and its split as the store holds it (read directly, not through Firebreak). */
interface Subject {
  route: Route;
  stable: string;
  release: string;
  initial: Split;
  stored(store: ObjectStore): Split;
}

const byName = (entries: { name: string; weight?: number }[]): Split => Object.fromEntries(entries.map((e) => [e.name, e.weight ?? 1]));

const SUBJECTS: Subject[] = [
  {
    route: istio.virtualService({ namespace: "prod", name: "checkout-api" }),
    stable: "stable",
    release: "release",
    initial: { stable: 10, release: 90 },
    stored: (store) =>
      byName(
        store
          .get({ apiVersion: "networking.istio.io/v1", kind: "VirtualService", namespace: "prod", name: "checkout-api" })!
          .spec.http[0].route.map((r: { destination: { subset: string }; weight?: number }) => ({ name: r.destination.subset, weight: r.weight })),
      ),
  },
  {
    route: gatewayApi.httpRoute({ namespace: "prod", name: "checkout" }),
    stable: "checkout-stable",
    release: "checkout-release",
    initial: { "checkout-stable": 90, "checkout-release": 10 },
    stored: (store) => byName(store.get({ apiVersion: "gateway.networking.k8s.io/v1", kind: "HTTPRoute", namespace: "prod", name: "checkout" })!.spec.rules[0].backendRefs),
  },
];

const splitOf = (s: Subject, release: number): Split => ({ [s.stable]: 100 - release, [s.release]: release });
/** Equal as traffic goes: a destination left out carries 0%. */
const sameTraffic = (a: Split, b: Split) => [...new Set([...Object.keys(a), ...Object.keys(b)])].every((d) => (a[d] ?? 0) === (b[d] ?? 0));
const show = (s: Split) => JSON.stringify(s);

export function seed(store: ObjectStore) {
  seedRoute(store);
  for (const name of ["checkout-stable", "checkout-release"]) store.create({ apiVersion: "v1", kind: "Service", metadata: { name, namespace: "prod" }, spec: { ports: [{ port: 80 }] } });
  store.create({
    apiVersion: "gateway.networking.k8s.io/v1",
    kind: "HTTPRoute",
    metadata: { name: "checkout", namespace: "prod" },
    spec: { parentRefs: [{ kind: "Gateway", name: "edge" }], rules: [{ backendRefs: Object.entries(SUBJECTS[1]!.initial).map(([name, weight]) => ({ name, port: 80, weight })) }] },
  });
}

/** A controller syncing the route back to the split it started at, as Git has it. */
function putBack(store: ObjectStore, route: number) {
  const vs = { apiVersion: "networking.istio.io/v1", kind: "VirtualService", namespace: "prod", name: "checkout-api" };
  const hr = { apiVersion: "gateway.networking.k8s.io/v1", kind: "HTTPRoute", namespace: "prod", name: "checkout" };
  const obj = store.get(route === 0 ? vs : hr)!;
  const initial = SUBJECTS[route]!.initial;
  const spec =
    route === 0
      ? { ...obj.spec, http: [{ ...obj.spec.http[0], route: obj.spec.http[0].route.map((r: { destination: { subset: string } }) => ({ ...r, weight: initial[r.destination.subset] })) }] }
      : { ...obj.spec, rules: [{ ...obj.spec.rules[0], backendRefs: obj.spec.rules[0].backendRefs.map((b: { name: string }) => ({ ...b, weight: initial[b.name] })) }] };
  store.update({ ...obj, metadata: { ...obj.metadata, resourceVersion: undefined }, spec });
}

type Health = "healthy" | "failing" | "unavailable";

/**
 * Prometheus as the gates see it: 1000 requests to anything, and per the plan's current `health`
 * none of them failed, 10% failed, or no answer at all; unreachable for good from `downAt`.
 */
function fakePrometheus(clock: VirtualClock, downAt: number | undefined) {
  const state = { health: "healthy" as Health };
  const down = () => state.health === "unavailable" || (downAt !== undefined && clock.now() >= downAt);
  const url = "http://prometheus.test";
  const unreachable = () => new MetricsUnavailableError(url, "connect ECONNREFUSED 10.0.0.9:9090");
  const metrics: MetricsPort = {
    url,
    async query(q, at) {
      if (down()) throw unreachable();
      const errors = q.includes('response_code=~"5.."') || q.includes('classification="failure"');
      if (errors && state.health === "healthy") return { at: at ?? clock.now(), samples: [], warnings: [] };
      return { at: at ?? clock.now(), samples: [{ labels: {}, value: errors ? 100 : 1000 }], warnings: [] };
    },
    async queryRange() {
      if (down()) throw unreachable();
      return { series: [], warnings: [] };
    },
  };
  return { metrics, state };
}

type Op =
  | { op: "shift"; route: number; release: number }
  /** Both routes at once, in a Promise.all. */
  | { op: "both"; release: [number, number] }
  | { op: "safe"; route: number; release: number }
  | { op: "pause"; ms: number }
  | { op: "gate" | "check"; route: number; health: Health }
  | { op: "throw" };

/** A generated case; `F` is how one request fails, as the cluster under test can be told. */
export interface Case<F> {
  routes: number;
  /** Routes whose safe state (all on stable) the plan declares first. */
  safeAtStart: number[];
  ops: Op[];
  /** By request number (1-based; every get, list and patch the run makes counts): how that request fails. */
  faults: [number, F][];
  /** A GitOps controller syncs a route back to how it found it, at this virtual time. */
  putBack?: { route: number; atMs: number };
  metricsDownAt?: number;
  cancel?: { atRequest: number } | { atMs: number };
}

const route = (routes: number) => fc.nat({ max: routes - 1 });
const STAGES = [0, 1, 10, 50, 100];
const opOf = (routes: number): fc.Arbitrary<Op> =>
  fc.oneof(
    { weight: 5, arbitrary: fc.record({ op: fc.constant("shift" as const), route: route(routes), release: fc.constantFrom(...STAGES) }) },
    { weight: routes - 1, arbitrary: fc.record({ op: fc.constant("both" as const), release: fc.tuple(fc.constantFrom(...STAGES), fc.constantFrom(...STAGES)) }) },
    { weight: 1, arbitrary: fc.record({ op: fc.constant("safe" as const), route: route(routes), release: fc.constantFrom(0, 100) }) },
    { weight: 2, arbitrary: fc.record({ op: fc.constant("pause" as const), ms: fc.constantFrom(5_000, 60_000) }) },
    { weight: 3, arbitrary: fc.record({ op: fc.constantFrom("gate" as const, "check" as const), route: route(routes), health: fc.constantFrom<Health>("healthy", "healthy", "failing", "unavailable") }) },
    { weight: 1, arbitrary: fc.constant({ op: "throw" as const }) },
  );
/** Cases whose request faults come from `faultOf`. */
export const caseOf = <F>(faultOf: fc.Arbitrary<F>): fc.Arbitrary<Case<F>> =>
  fc.integer({ min: 1, max: 2 }).chain((routes) =>
    fc.record(
      {
        routes: fc.constant(routes),
        safeAtStart: fc.subarray([...Array(routes).keys()], { minLength: 1 }),
        ops: fc.array(opOf(routes), { maxLength: 8 }),
        faults: fc.array(fc.tuple(fc.integer({ min: 1, max: 30 }), faultOf), { maxLength: 3 }),
        putBack: fc.record({ route: route(routes), atMs: fc.integer({ min: 0, max: 600_000 }) }),
        metricsDownAt: fc.integer({ min: 0, max: 600_000 }),
        cancel: fc.oneof(fc.record({ atRequest: fc.integer({ min: 1, max: 30 }) }), fc.record({ atMs: fc.integer({ min: 0, max: 600_000 }) })),
      },
      { requiredKeys: ["routes", "safeAtStart", "ops", "faults"] },
    ),
  );

/** What the program saw succeed: the last split it wrote, and the safe state it last declared, per route; whether it returned uncancelled (then nothing is restored). */
interface Model {
  written: Map<number, Split>;
  safe: Map<number, Split>;
  completed: boolean;
}

function chaosPlan(c: Case<unknown>, prometheus: ReturnType<typeof fakePrometheus>, model: Model) {
  return plan({ name: "chaos" }, async (run) => {
    for (const r of c.safeAtStart) {
      await run.safeState(SUBJECTS[r]!.route, splitOf(SUBJECTS[r]!, 0));
      model.safe.set(r, splitOf(SUBJECTS[r]!, 0));
    }
    for (const [i, op] of c.ops.entries()) {
      if (op.op === "shift") {
        const s = SUBJECTS[op.route]!;
        await run.step(`shift ${i}`, () => s.route.shift(splitOf(s, op.release)));
        model.written.set(op.route, splitOf(s, op.release));
      } else if (op.op === "both") {
        const [a, b] = [SUBJECTS[0]!, SUBJECTS[1]!];
        await run.step(`shift both ${i}`, () => Promise.all([a.route.shift(splitOf(a, op.release[0])), b.route.shift(splitOf(b, op.release[1]))]));
        model.written.set(0, splitOf(a, op.release[0])).set(1, splitOf(b, op.release[1]));
      } else if (op.op === "safe") {
        await run.safeState(SUBJECTS[op.route]!.route, splitOf(SUBJECTS[op.route]!, op.release));
        model.safe.set(op.route, splitOf(SUBJECTS[op.route]!, op.release));
      } else if (op.op === "pause") {
        await run.pause(op.ms);
      } else if (op.op === "gate" || op.op === "check") {
        const s = SUBJECTS[op.route]!;
        prometheus.state.health = op.health;
        await run[op.op](`${op.op} ${i}`, gates.successRate({ route: s.route, destination: s.release, min: 0.99, minRequests: 100 }), { timeout: "2m" });
      } else {
        throw new Error("the plan's own bug");
      }
    }
    model.completed = !run.signal.aborted;
  });
}

/** The cluster a case runs against: a KubePort, and the store it serves (read directly by the checks, not through Firebreak). */
export interface Cluster {
  kube: KubePort;
  store: ObjectStore;
  close(): Promise<void>;
}

/**
 * Makes the cluster for a case: seeded ({@link seed}), failing its requests as `c.faults` says,
 * and telling `onRequest` each request's number before serving it (the case may cancel there).
 */
export type ClusterFor<F> = (c: Case<F>, clock: VirtualClock, onRequest: (n: number) => void) => Promise<Cluster>;

/** Runs one case against the cluster `clusterFor` makes; returns what it got wrong (empty when the promise held). */
async function violations<F>(c: Case<F>, clusterFor: ClusterFor<F>): Promise<string[]> {
  const clock = createVirtualClock();
  const cancel = new AbortController();
  const cancelAt = c.cancel && "atRequest" in c.cancel ? c.cancel.atRequest : undefined;
  const cluster = await clusterFor(c, clock, (n) => n === cancelAt && cancel.abort());
  try {
    return await judged(c, cluster, clock, cancel);
  } finally {
    await cluster.close();
  }
}

async function judged(c: Case<unknown>, { kube, store }: Cluster, clock: VirtualClock, cancel: AbortController): Promise<string[]> {
  const start = clock.now();
  const prometheus = fakePrometheus(clock, c.metricsDownAt === undefined ? undefined : start + c.metricsDownAt);
  if (c.cancel && "atMs" in c.cancel) {
    const at = start + c.cancel.atMs;
    clock.onAdvance((_from, to) => to >= at && cancel.abort());
  }
  // A controller acting once the run has read its routes for the last time is out of its sight (README, "Traffic"): it acts only until then.
  let reporting = false;
  if (c.putBack) {
    const { route, atMs } = c.putBack;
    const stop = clock.onAdvance((_from, to) => {
      if (reporting || to < start + atMs) return;
      stop();
      putBack(store, route);
    });
  }
  const model: Model = { written: new Map(), safe: new Map(), completed: false };
  let result: RunResult;
  try {
    result = await runPlan(chaosPlan(c, prometheus, model), { mode: "run", inputs: {}, kube, metrics: prometheus.metrics, clock, signal: cancel.signal, onReporting: () => void (reporting = true), target: { kind: "sim" } });
  } catch (err) {
    return [`runPlan rejected: ${String(err)}`];
  }
  await clock.sleep(120_000); // anything the run left going would act now, after it ended
  const wrong: string[] = [];
  const { status, unsafe = [], events } = result;
  if (events.at(-1)?.type !== "plan-finished") wrong.push(`the journal ends with ${events.at(-1)?.type}, not plan-finished`);
  const named = (s: Subject) => unsafe.some((u) => u.startsWith(`${s.route.label} `));
  const traffic = events.filter((e): e is Extract<JournalEvent, { type: "traffic" }> => e.type === "traffic");
  SUBJECTS.forEach((s, r) => {
    const stored = s.stored(store);
    const seen = traffic.filter((e) => e.route.name === s.route.ref.name);
    // A route the run could not read again at its end is reported so, not verified (README, "Traffic"): it vouches for no split there.
    const unconfirmed = seen.at(-1)?.verified === false && !seen.at(-1)?.drift;
    const at = `${s.route.label} is at ${show(stored)}`;
    const written = model.written.get(r) ?? s.initial;
    const safe = model.safe.get(r);
    if (r >= c.routes && !sameTraffic(stored, s.initial)) wrong.push(`${at}, though the plan never named it`);
    // 2. success: where the program last put it
    if (status === "succeeded" && !unconfirmed && !sameTraffic(stored, written)) wrong.push(`${at} after success; the program last wrote ${show(written)}`);
    // 3. failed-safe or cancelled: at its safe state
    if (safe && (status === "failed-safe" || status === "cancelled") && !sameTraffic(stored, safe)) wrong.push(`${at}, not its safe state ${show(safe)}, yet the run ended ${status}`);
    // 4. failed-unsafe: a route not named is where the run left it: its safe state when the run restored, else where the program put it
    if (status === "failed-unsafe" && !named(s)) {
      const left = model.completed ? written : safe;
      if (left && !sameTraffic(stored, left)) wrong.push(`${at}, not ${show(left)}, and the run's unsafe list does not name it`);
    }
    // what an unsafe entry says of where a route is, it is
    for (const u of unsafe) {
      const said = new RegExp(`^${s.route.label} is at ((?:[\\w-]+=\\d+(?:, )?)+), not the safe state`).exec(u)?.[1];
      if (said && !sameTraffic(Object.fromEntries(said.split(", ").map((w) => [w.split("=")[0]!, Number(w.split("=")[1])])), stored)) wrong.push(`${at}, but the run says: ${u}`);
    }
    // 5. the journal's last verified split of it is what the store holds
    if ((status === "failed-unsafe" && named(s)) || unconfirmed) return;
    const verified = seen.filter((e) => e.verified).at(-1);
    if (verified ? !sameTraffic(verified.split, stored) : !sameTraffic(stored, s.initial)) {
      wrong.push(`${at}, but the journal's last verified split of it is ${verified ? show(verified.split) : "none"} (run ${status})`);
    }
  });
  return wrong;
}

/**
 * Asserts the promise over `cases`, each run against the cluster `clusterFor` makes: no violation,
 * and no rejection left unhandled. Call inside a describe.
 */
export function keepsThePromise<F>(name: string, cases: fc.Arbitrary<Case<F>>, clusterFor: ClusterFor<F>, params: { numRuns: number; seed: number }, timeoutMs?: number) {
  const unhandled: unknown[] = [];
  const onUnhandled = (reason: unknown) => void unhandled.push(reason);
  beforeAll(() => void process.on("unhandledRejection", onUnhandled));
  afterAll(() => void process.off("unhandledRejection", onUnhandled));

  it(
    name,
    async () => {
      await fc.assert(
        fc.asyncProperty(cases, async (c) => {
          const wrong = await violations(c, clusterFor);
          // a rejection nobody handled surfaces a turn later
          await new Promise((settled) => setImmediate(settled));
          wrong.push(...unhandled.splice(0).map((r) => `unhandled rejection: ${String(r)}`));
          expect(wrong).toEqual([]);
        }),
        params,
      );
    },
    timeoutMs,
  );
}
