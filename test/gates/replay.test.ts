import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { InvalidPlanError } from "../../sdk/errors.ts";
import { latency, successRate } from "../../sdk/gates/metric.ts";
import { podsReady } from "../../sdk/gates/pods-ready.ts";
import { replayGate } from "../../sdk/gates/replay.ts";
import { createPrometheus } from "../../sdk/metrics/prometheus.ts";
import { deployment } from "../../sdk/workloads/deployment.ts";
import { freePort, havePrometheus, openMetrics, PROMETHEUS_MISSING, startPrometheus, type PrometheusServer } from "../helpers/prometheus-server.ts";
import { istioVersion } from "./history.ts";

/** Last week: three hours of a release that went bad at +60m and was rolled back at +90m. */
const MIN = 60_000;
const T0 = Math.floor(Date.now() / MIN) * MIN - 7 * 24 * 60 * MIN;
const BAD_FROM = T0 + 60 * MIN;
const BAD_UNTIL = T0 + 90 * MIN;
const history = openMetrics(
  [
    ...istioVersion("prod", "checkout-api", "release", { rate: [[T0, 10]], errorShare: [[T0, 0.002], [BAD_FROM, 0.08], [BAD_UNTIL, 0.002]] }),
    // 98.5% of requests within 100ms, the rest anywhere up to 1000ms (histogram_quantile's p99: 400ms)
    ...istioVersion("prod", "coarse", "release", { rate: [[T0, 10]], errorShare: 0, latency: [[100, 0.985], [1000, 1]] }),
  ],
  T0,
  T0 + 180 * MIN,
);
const release = { mesh: "istio", namespace: "prod", service: "checkout-api", version: "release", minRequests: 100 };
const iso = (ms: number) => new Date(ms).toISOString();

describe.skipIf(!havePrometheus)(`replaying a gate over history on a real Prometheus${havePrometheus ? "" : ` (skipped: ${PROMETHEUS_MISSING})`}`, () => {
  let prom: PrometheusServer;
  beforeAll(async () => {
    prom = await startPrometheus(history);
  });
  afterAll(() => prom?.stop());
  const window = () => ({ metrics: createPrometheus({ url: prom.url }), from: T0 + 30 * MIN, to: T0 + 120 * MIN, step: "1m" });

  it("says when the gate would have caught the bad release, and why", async () => {
    const r = await replayGate(successRate({ ...release, min: 0.99 }), window());
    expect(r.rounds).toHaveLength(91);
    expect(r.caught?.at).toBe(BAD_FROM + MIN);
    expect(r.summary).toBe(`caught at ${iso(BAD_FROM + MIN)} (31m after the start, round 32 of 91): success rate 0.92 < 0.99 over 1m (600 requests, 48 failed)`);
    expect(r.counts).toEqual({ passed: 61, failed: 30, inconclusive: 0, error: 0 });
    // every round queried Prometheus at its own time
    expect(r.rounds[0]!.verdict.evidence[0]!.at).toBe(T0 + 30 * MIN);
  });

  it("honours the failure limit: with 2 failures tolerated, the third catches it", async () => {
    const r = await replayGate(successRate({ ...release, min: 0.99 }), { ...window(), policy: { failureLimit: 2 } });
    expect(r.firstFailure?.at).toBe(BAD_FROM + MIN);
    expect(r.caught?.at).toBe(BAD_FROM + 3 * MIN);
  });

  it("says so when a threshold is too loose to catch it", async () => {
    const r = await replayGate(successRate({ ...release, min: 0.9 }), window());
    expect(r.caught).toBeUndefined();
    expect(r.summary).toBe(`not caught between ${iso(T0 + 30 * MIN)} and ${iso(T0 + 120 * MIN)}: 91 rounds, 91 passed`);
  });

  it("never replays a latency bound inside the quantile's bucket as a pass: the rounds say which bounds would decide", async () => {
    const r = await replayGate(latency({ ...release, service: "coarse", maxMs: 500 }), window());
    expect(r.counts).toEqual({ passed: 0, failed: 0, inconclusive: 91, error: 0 });
    expect(r.rounds[0]!.verdict.reason).toMatch(/^p99 latency is somewhere in the \(100, 1000\] bucket .*: give maxMs 100 or 1000, or add a bucket at 500$/);
    expect(r.summary).toBe(`not caught between ${iso(T0 + 30 * MIN)} and ${iso(T0 + 120 * MIN)}: 91 rounds, 91 inconclusive`);
  });

  it("stops, incomplete, when Prometheus is unreachable", async () => {
    const r = await replayGate(successRate({ ...release, min: 0.99 }), { ...window(), metrics: createPrometheus({ url: `http://127.0.0.1:${await freePort()}` }) });
    expect(r.rounds).toHaveLength(3);
    expect(r.incomplete).toMatch(/after 3 errors in a row: Prometheus at .* is unreachable/);
    expect(r.caught).toBeUndefined();
  });
});

describe("replay refuses what it cannot answer", () => {
  const metrics = createPrometheus({ url: "http://127.0.0.1:9" });
  it("a gate that reads the cluster", async () => {
    const gate = podsReady({ workload: deployment({ namespace: "prod", name: "checkout-api" }) });
    await expect(replayGate(gate, { metrics, from: 0, to: MIN })).rejects.toThrow("only gates that read metrics can be replayed over history");
  });
  it("more rounds than the bound", async () => {
    const err = await replayGate(successRate({ ...release, min: 0.99 }), { metrics, from: 0, to: 30 * 24 * 60 * MIN, step: "1m" }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InvalidPlanError);
    expect((err as Error).message).toBe("replay: 720h at 1m steps is 43201 rounds, more than 20160; use a longer step");
  });
});
