import { afterEach, describe, expect, it } from "vitest";
import { deployment, gates, istio, plan } from "../../sdk/index.ts";
import { runPlan } from "../../sdk/engine/runner.ts";
import { onProviderClock } from "../../sdk/engine/provider-clock.ts";
import { Journal } from "../../sdk/engine/journal.ts";
import { createVirtualClock } from "../../sdk/ports/clock.ts";
import type { MetricsPort } from "../../sdk/ports/metrics.ts";
import { startSimulator, type Simulator } from "../../sdk/sim/simulator.ts";
import { builtinScenarios } from "../../sdk/sim/scenarios/index.ts";
import type { JournalEvent } from "../../sdk/journal/events.ts";
import { createPrometheus } from "../../sdk/metrics/prometheus.ts";
import { prometheusesHolding } from "../gates/prometheus-backends.ts";

const route = istio.virtualService({
  namespace: "prod",
  name: "checkout-api",
  backends: { stable: deployment({ namespace: "prod", name: "checkout-api-stable" }), release: deployment({ namespace: "prod", name: "checkout-api" }) },
});

const isolateThenGate = plan({ name: "isolate-then-gate" }, async (run) => {
  await run.step("isolate", () => route.shift({ stable: 100, release: 0 }));
  await run.gate("stable healthy", gates.successRate({ route, destination: "stable", min: 0.9 }), { timeout: "3m" });
});

const notes = (events: JournalEvent[]) => events.flatMap((e) => (e.type === "note" ? [e.text] : []));

let sim: Simulator | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

async function runWithPrometheusSkew(seconds: number) {
  const scenario = { ...builtinScenarios.healthy!, name: "healthy-skewed", faults: { prometheusClockSkewSeconds: seconds } };
  sim = await startSimulator(scenario);
  return runPlan(isolateThenGate, { mode: "run", inputs: {}, kube: sim.kube, metrics: sim.metrics, clock: sim.clock, target: { kind: "sim", scenario: scenario.name } });
}

describe("gate windows on Prometheus's clock, not the runner's", () => {
  it("a runner 90 s ahead of Prometheus still sees the requests: its windows are not asked of Prometheus's future", async () => {
    const result = await runWithPrometheusSkew(-90);
    expect(result.status).toBe("succeeded");
    const gate = result.events.find((e) => e.type === "gate")!;
    expect(gate.type === "gate" && gate.phase).toBe("passed");
    expect(notes(result.events)).toContainEqual(expect.stringMatching(/^the metrics provider at http:\/\/127\.0\.0\.1:\d+\/ is 1m30s behind this runner's clock: gate windows and the impact query are placed on its clock/));
  });

  it("says nothing of a clock within a second of the runner's", async () => {
    const result = await runWithPrometheusSkew(0);
    expect(result.status).toBe("succeeded");
    expect(notes(result.events).filter((n) => n.includes("clock"))).toEqual([]);
  });
});

describe("onProviderClock", () => {
  /** A provider 45 s ahead of the runner, recording the times it is asked about. */
  function aheadBy45s() {
    const clock = createVirtualClock(1_800_000_000_000);
    const asked: { query?: number; range?: [number, number] } = {};
    let clockReads = 0;
    const provider: MetricsPort = {
      url: "http://prometheus.test",
      query: async (_q, at) => ((asked.query = at), { at: at ?? 0, samples: [], warnings: [] }),
      queryRange: async (_q, start, end) => ((asked.range = [start, end]), { series: [{ labels: {}, points: [{ at: end, value: 1 }] }], warnings: [] }),
      now: async () => (clockReads++, clock.now() + 45_000),
    };
    const journal = new Journal(undefined, clock);
    return { clock, asked, provider, journal, clockReads: () => clockReads, metrics: onProviderClock(provider, clock, journal) };
  }

  it("asks the provider about the same instant on its clock, and answers on the runner's", async () => {
    const { clock, asked, metrics, journal, clockReads } = aheadBy45s();
    const at = clock.now();
    const instant = await metrics.query("up", at);
    expect(asked.query).toBe(at + 45_000);
    expect(instant.at).toBe(at);
    const range = await metrics.queryRange("up", at - 60_000, at, 15);
    expect(asked.range).toEqual([at - 15_000, at + 45_000]);
    expect(range.series[0]!.points[0]!.at).toBe(at);
    expect(clockReads()).toBe(1);
    expect(journal.events.filter((e) => e.type === "note").map((e) => e.type === "note" && e.text)).toEqual([
      "the metrics provider at http://prometheus.test is 45s ahead of this runner's clock: gate windows and the impact query are placed on its clock. Check NTP on the runner and on the provider.",
    ]);
  });

  it("reads the clock again after a reading that failed, instead of failing every query after it", async () => {
    const { clock, provider, journal } = aheadBy45s();
    let down = true;
    const flaky: MetricsPort = { ...provider, now: async () => (down ? Promise.reject(new Error("connection refused")) : provider.now!()) };
    const metrics = onProviderClock(flaky, clock, journal);
    await expect(metrics.query("up", clock.now())).rejects.toThrow("connection refused");
    down = false;
    await expect(metrics.query("up", clock.now())).resolves.toMatchObject({ samples: [] });
  });

  it("leaves a provider that cannot tell its time as it is", () => {
    const { clock, journal } = aheadBy45s();
    const plain: MetricsPort = { url: "http://x.test", query: async () => ({ at: 0, samples: [], warnings: [] }), queryRange: async () => ({ series: [], warnings: [] }) };
    expect(onProviderClock(plain, clock, journal)).toBe(plain);
  });
});

const MIN = 60_000;
const T0 = Math.floor(Date.now() / MIN) * MIN - 30 * MIN;
const up = [{ name: "up", labels: { job: "checkout" }, value: () => 1 }];

describe.each(prometheusesHolding(up, T0, T0 + 20 * MIN))("the Prometheus client reading the clock of $name", ({ name, start }) => {
  it("answers the provider's now, to the millisecond, from time() evaluated at it", async () => {
    const prom = await start();
    try {
      const before = Date.now();
      const now = await createPrometheus({ url: prom.url }).now!();
      // a real Prometheus runs on this machine's clock; the simulator's on its virtual one, here the history's end
      if (name === "a real Prometheus") {
        expect(now).toBeGreaterThanOrEqual(before - 1);
        expect(now).toBeLessThanOrEqual(Date.now() + 1);
      } else {
        expect(now).toBe(T0 + 20 * MIN);
      }
    } finally {
      await prom.stop();
    }
  });
});
