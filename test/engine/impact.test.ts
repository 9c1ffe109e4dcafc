import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { deployment, istio, plan, type Run } from "../../sdk/index.ts";
import { runPlan } from "../../sdk/engine/runner.ts";
import { renderPostmortem, summarizeRun } from "../../sdk/postmortem/index.ts";
import { startSimulator, type Simulator } from "../../sdk/sim/simulator.ts";
import { measureImpact } from "../../sdk/engine/impact.ts";
import type { JournalEvent } from "../../sdk/journal/events.ts";
import { createPrometheus } from "../../sdk/metrics/prometheus.ts";
import type { SeriesSpec } from "../helpers/prometheus-server.ts";
import { prometheusesHolding } from "../gates/prometheus-backends.ts";
import { counterAt, gateContext } from "../gates/support.ts";

const route = istio.virtualService({
  namespace: "prod",
  name: "checkout-api",
  backends: { stable: deployment({ namespace: "prod", name: "checkout-api-stable" }), release: deployment({ namespace: "prod", name: "checkout-api" }) },
});

let sim: Simulator | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

/** Runs `program` on cold-jvm, where 27% of users' requests fail until the release is isolated. */
async function runOnColdJvm(program: (run: Run) => Promise<void>) {
  sim = await startSimulator("cold-jvm");
  const result = await runPlan(plan({ name: "isolate" }, program), {
    mode: "run",
    inputs: {},
    kube: sim.kube,
    metrics: sim.metrics,
    clock: sim.clock,
    target: { kind: "sim", scenario: "cold-jvm" },
  });
  const s = summarizeRun(result.events);
  return { result, s, impact: s.impact!, planMs: s.durationMs };
}

const isolate = (run: Run) => run.step("isolate", () => route.shift({ stable: 100, release: 0 }));

const isolateThen = (after: (run: Run) => Promise<void>) =>
  runOnColdJvm(async (run) => {
    await isolate(run);
    await after(run);
  });

describe("user impact over the plan's window", () => {
  it("a run of minutes is measured over exactly its own window, to the millisecond", async () => {
    const { impact, s } = await isolateThen((run) => run.pause(181_500));
    expect(impact.requests).toBeGreaterThan(0);
    expect(impact.from).toBe(s.startedAt);
    expect(impact.beforePlanMs).toBeUndefined();
    expect(impact.query).toContain(`[${impact.to - impact.from}ms]`);
  });

  it("a run of seconds says how much of its window lies before the plan, instead of passing those requests off as the plan's", async () => {
    const { result, impact, planMs } = await isolateThen(async () => {});
    expect(planMs).toBeLessThan(10_000);
    expect(impact.to - impact.from).toBe(10_000);
    expect(impact.beforePlanMs).toBe(10_000 - planMs);
    const section = renderPostmortem(result.events).split("## Impact")[1]!;
    expect(section).toMatch(/\(10s, the plan's \S+ and the \S+ before it started: shorter windows hold too few samples\)/);
  });
});

describe("the error rate the run ends on", () => {
  const endOf = (events: JournalEvent[]) => (events.find((e) => e.type === "impact") as Extract<JournalEvent, { type: "impact" }>).end!;
  const shiftedAt = (events: JournalEvent[]) => events.findLast((e) => e.type === "traffic")!.at;

  it("is measured from the last traffic change when the chart's last step began before it: users the shift saved are not still failing", async () => {
    // a 20-minute run charts in 21 s steps: the last one holds 6 s at 27% from before the isolating shift
    const { result, s } = await runOnColdJvm(async (run) => {
      await run.pause(20 * MIN);
      await isolate(run);
      await run.pause(15_000);
    });
    const end = endOf(result.events);
    expect(end.from).toBe(shiftedAt(result.events));
    expect(end.errorRate).toBeLessThan(0.01);
    expect(s.recommendations).toEqual([]);
  });

  it("a run that ends as its last shift lands says its last window holds traffic from before it, not that users were still failing", async () => {
    const { result, s } = await isolateThen(async () => {});
    const end = endOf(result.events);
    expect(end.from).toBeLessThan(shiftedAt(result.events));
    expect(s.recommendations.map((r) => [r.text, r.action])).toEqual([
      [
        // 3.65%, not 3.6%: the stable version's first 500s, a series created 9 s into that window, count too
        "3.65% of requests failed in the run's last 10s (02:59:56 to 03:00:06 UTC), a window that began before its last traffic change, at 03:00:06 UTC: " +
          "the run ended too soon after that change to measure how users fared since. Before closing the incident, check the error rate since then",
        "Check the error rate since the traffic change at 03:00:06 UTC, which the run ended too soon after to measure",
      ],
    ]);
  });
});

// users see 100 rps, 10% of it 5xx, the whole time, scraped every 15 s (Istio's and kube-prometheus's usual interval)
const MIN = 60_000;
const T0 = Math.floor(Date.now() / MIN) * MIN - 120 * MIN;
const edge = { reporter: "source", destination_service_namespace: "prod", destination_service_name: "checkout-api" };
const usersEvery15s: SeriesSpec[] = [
  { name: "istio_requests_total", labels: { ...edge, response_code: "200" }, value: (t) => counterAt([[T0, 90]], t) },
  { name: "istio_requests_total", labels: { ...edge, response_code: "503" }, value: (t) => counterAt([[T0, 10]], t) },
];

describe.each(prometheusesHolding(usersEvery15s, T0, T0 + 119 * MIN))("user impact under a 15 s scrape interval, on $name", ({ start }) => {
  let prom: { url: string; stop(): Promise<void> };
  beforeAll(async () => {
    prom = await start();
  });
  afterAll(() => prom?.stop());

  async function impactOf(runMs: number) {
    const to = T0 + 60 * MIN;
    const ctx = gateContext({ metrics: createPrometheus({ url: prom.url }), at: to });
    ctx.impactScopes.set("istio|prod|checkout-api", { mesh: "istio", namespace: "prod", service: "checkout-api" });
    await measureImpact(ctx, to - runMs, to);
    return ctx.journal.events.find((e) => e.type === "impact") as Extract<JournalEvent, { type: "impact" }>;
  }

  it("charts a 5-minute run in steps of two scrape intervals, each holding the samples a rate needs", async () => {
    const e = await impactOf(5 * MIN);
    expect(e).toMatchObject({ requests: 30_000, failed: 3_000 });
    expect(e.series).toHaveLength(11); // every 30 s from the start to the end
    expect(e.series.every((p) => p.requests === 3_000 && Math.abs(p.errorRate! - 0.1) < 1e-9)).toBe(true);
    // no traffic change: the run ends on its last step
    expect(e.end).toMatchObject({ from: e.to - 30_000, requests: 3_000 });
    expect(e.end!.errorRate).toBeCloseTo(0.1, 9);
  });

  it("measures a 3-second run over two scrape intervals, and says how much of them lies before the plan", async () => {
    const e = await impactOf(3_000);
    expect(e).toMatchObject({ requests: 3_000, failed: 300, beforePlanMs: 27_000 });
    expect(e.to - e.from).toBe(30_000);
    expect(e.reason).toBeUndefined();
  });
});
