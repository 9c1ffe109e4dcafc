import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { evaluateGate } from "../../sdk/gates/evaluate.ts";
import type { Gate } from "../../sdk/gates/gate.ts";
import { compare } from "../../sdk/gates/compare.ts";
import { latency, query, successRate } from "../../sdk/gates/metric.ts";
import { createPrometheus } from "../../sdk/metrics/prometheus.ts";
import { InvalidPlanError } from "../../sdk/errors.ts";
import { havePrometheus, openMetrics, PROMETHEUS_MISSING, startPrometheus, startSlowProxy, type PrometheusServer, type SeriesSpec } from "../helpers/prometheus-server.ts";
import { istioVersion, nginxBackend } from "./history.ts";
import { prometheusesHolding } from "./prometheus-backends.ts";
import { gateContext, roundOf } from "./support.ts";

/** Two hours of history ending a minute ago; gates are evaluated in the middle of it. */
const MIN = 60_000;
const T0 = Math.floor(Date.now() / MIN) * MIN - 120 * MIN;
const AT = T0 + 60 * MIN;
const steady = (rps: number): [number, number][] => [[T0, rps]];
const FAST: [number, number][] = [[50, 0], [100, 0.5], [250, 1]]; // p99 = 100 + 150 × 0.49/0.5 = 247ms
// 98.5% of requests within 100ms, the rest anywhere up to 1000ms: histogram_quantile says p99 = 100 + 900 × 0.5/1.5 = 400ms
const COARSE: [number, number][] = [[100, 0.985], [1000, 1]];

const history = openMetrics(
  [
    ...istioVersion("prod", "checkout-api", "stable", { rate: steady(20), errorShare: 0.005, latency: FAST }),
    ...istioVersion("prod", "checkout-api", "release", { rate: steady(10), errorShare: 0.002, latency: FAST }),
    ...istioVersion("prod", "payments", "stable", { rate: steady(20), errorShare: 0.005 }),
    ...istioVersion("prod", "payments", "release", { rate: steady(10), errorShare: 0.4 }),
    ...istioVersion("prod", "search", "release", { rate: steady(0.5), errorShare: 0 }),
    ...istioVersion("prod", "inventory", "release", { rate: steady(10), errorShare: 0, latency: FAST, frozenHistogram: true }),
    ...istioVersion("prod", "orders", "stable", { rate: steady(20), errorShare: 0 }),
    ...istioVersion("prod", "orders", "release", { rate: steady(20), errorShare: 0.0015 }),
    ...istioVersion("prod", "orders", "bad", { rate: steady(20), errorShare: 0.005 }),
    ...istioVersion("prod", "coarse", "release", { rate: steady(10), errorShare: 0, latency: COARSE }),
  ],
  T0,
  T0 + 119 * MIN,
);

const istio = (service: string, version = "release") => ({ mesh: "istio", namespace: "prod", service, version, minRequests: 100 });

describe.skipIf(!havePrometheus)(`metric gates on a real Prometheus${havePrometheus ? "" : ` (skipped: ${PROMETHEUS_MISSING})`}`, () => {
  let prom: PrometheusServer;
  beforeAll(async () => {
    prom = await startPrometheus(history);
  });
  afterAll(() => prom?.stop());
  const ctx = () => gateContext({ metrics: createPrometheus({ url: prom.url, timeoutMs: 5_000 }), at: AT });

  it("passes a healthy version, with the query, window and request count as evidence", async () => {
    const v = await successRate({ ...istio("checkout-api"), min: 0.99 }).evaluate(roundOf(ctx()));
    expect(v.phase).toBe("passed");
    expect(v.reason).toMatch(/^success rate 0\.998 >= 0\.99 over 1m \(600 requests, 1 failed\)$/);
    expect(v.evidence[0]).toMatchObject({ indicator: "success-rate", subject: "release", window: "1m", samples: 600, value: 0.998, at: AT });
    expect(v.evidence[0]!.query).toContain('response_code=~"5.."');
  });

  it("fails a version that serves 40% errors", async () => {
    const v = await successRate({ ...istio("payments"), min: 0.99 }).evaluate(roundOf(ctx()));
    expect(v.phase).toBe("failed");
    expect(v.reason).toBe("success rate 0.6 < 0.99 over 1m (600 requests, 240 failed)");
  });

  it("is inconclusive with too few requests to judge", async () => {
    const v = await successRate({ ...istio("search"), min: 0.99 }).evaluate(roundOf(ctx()));
    expect(v.phase).toBe("inconclusive");
    expect(v.reason).toBe("too few requests: 30 in 1m to release (need 100 for a verdict)");
  });

  it("is inconclusive on an empty vector (a version nobody sends traffic to)", async () => {
    const v = await successRate({ ...istio("ghost"), min: 0.99 }).evaluate(roundOf(ctx()));
    expect(v.phase).toBe("inconclusive");
    expect(v.reason).toBe("no data (empty vector): release has no requests recorded in the last 1m — is it receiving traffic?");
    expect(v.evidence[0]).toMatchObject({ value: null, samples: 0 });
  });

  it("compares the latency quantile, in milliseconds, with the bound", async () => {
    const fast = await latency({ ...istio("checkout-api"), maxMs: 500 }).evaluate(roundOf(ctx()));
    expect(fast).toMatchObject({ phase: "passed", reason: "p99 latency 247ms < 500ms over 1m" });
    const slow = await latency({ ...istio("checkout-api"), maxMs: 100 }).evaluate(roundOf(ctx()));
    expect(slow).toMatchObject({ phase: "failed", reason: "p99 latency 247ms >= 100ms over 1m" });
  });

  describe("judges by the bucket holding the quantile, not by histogram_quantile's interpolation inside it", () => {
    const judge = (service: string, maxMs: number) => latency({ ...istio(service), maxMs }).evaluate(roundOf(ctx()));

    it("never passes a bound inside that bucket: 1.5% of requests took up to 1000ms, so 400ms < 500ms shows nothing", async () => {
      const v = await judge("coarse", 500);
      expect(v.phase).toBe("inconclusive");
      expect(v.reason).toBe(
        "p99 latency is somewhere in the (100, 1000] bucket of istio_request_duration_milliseconds over 1m (histogram_quantile interpolates 400ms), " +
          "and maxMs 500 lies inside that bucket, so it can be shown neither under 500ms nor over it: give maxMs 100 or 1000, or add a bucket at 500",
      );
      expect(v.evidence[0]).toMatchObject({ indicator: "latency-p99", value: 400, threshold: "< 500ms", phase: "inconclusive" });
    });

    it("nor fails it on the interpolation: 247ms against 200ms inside (100, 250]", async () => {
      const v = await judge("checkout-api", 200);
      expect(v.phase).toBe("inconclusive");
      expect(v.reason).toContain("(100, 250] bucket of istio_request_duration_milliseconds over 1m (histogram_quantile interpolates 247ms)");
      expect(v.reason).toContain("give maxMs 100 or 250, or add a bucket at 200");
    });

    it("passes when the bucket ends at or below the bound, and fails when it starts at or above it", async () => {
      expect(await judge("coarse", 1000)).toMatchObject({ phase: "passed", reason: "p99 latency 400ms < 1000ms over 1m" });
      expect(await judge("checkout-api", 250)).toMatchObject({ phase: "passed", reason: "p99 latency 247ms < 250ms over 1m" });
      expect(await judge("coarse", 100)).toMatchObject({ phase: "failed", reason: "p99 latency 400ms >= 100ms over 1m" });
    });

    it("says so in preview, before traffic moves, when the bound lies inside a bucket", async () => {
      const preview = gateContext({ metrics: createPrometheus({ url: prom.url, timeoutMs: 5_000 }), at: AT, mode: "preview" });
      await evaluateGate(preview, "coarse fast", latency({ ...istio("coarse"), maxMs: 500 }), {}, true);
      await evaluateGate(preview, "coarse on a bound", latency({ ...istio("coarse"), maxMs: 1000 }), {}, true);
      expect(preview.journal.events.flatMap((e) => (e.type === "note" ? [e.text] : []))).toEqual([
        "gates.latency on release: maxMs 500 lies inside the (100, 1000] bucket of istio_request_duration_milliseconds, " +
          "so a round passes only when p99 is at most 100ms, fails only when it is over 1000ms, and is inconclusive in between. Give maxMs 100 or 1000, or add a bucket at 500",
      ]);
    });
  });

  it("is inconclusive when the histogram has no observations (NaN), even with traffic", async () => {
    const v = await latency({ ...istio("inventory"), maxMs: 500 }).evaluate(roundOf(ctx()));
    expect(v.phase).toBe("inconclusive");
    expect(v.reason).toBe("no data (NaN): the latency histogram of release has no observations in 1m");
  });

  it("a custom query: NaN (0/0) and an empty vector are never a pass", async () => {
    const bucket = (svc: string, le: string) => `sum(rate(istio_request_duration_milliseconds_bucket{destination_service_name="${svc}",le="${le}"}[1m]))`;
    const fastShare = (svc: string) => query({ name: "share under 250ms", promql: `${bucket(svc, "250")} / ${bucket(svc, "+Inf")}`, min: 0.95 });
    expect(await fastShare("checkout-api").evaluate(roundOf(ctx()))).toMatchObject({ phase: "passed", reason: "share under 250ms = 1 (within >= 0.95)" });
    const nan = await fastShare("inventory").evaluate(roundOf(ctx()));
    expect(nan).toMatchObject({ phase: "inconclusive", reason: "no data (NaN): share under 250ms: the query has no value" });
    const empty = await fastShare("ghost").evaluate(roundOf(ctx()));
    expect(empty).toMatchObject({ phase: "inconclusive", reason: "no data (empty vector): share under 250ms: the query has no value" });
  });

  describe("against the stable version", () => {
    const vs = (service: string, canary: string) => ({ mesh: "istio", namespace: "prod", service, canary, stable: "stable", minRequests: 100, maxErrorRatio: 2 });

    it("passes a canary no worse than twice stable's error rate", async () => {
      const v = await compare(vs("checkout-api", "release")).evaluate(roundOf(ctx()));
      expect(v.phase).toBe("passed");
      expect(v.reason).toBe("canary release error rate 0.2% (1 of 600) <= 2 × stable's 0.5% (6 of 1200) = 1%, over 1m");
      expect(v.evidence.map((e) => [e.subject, e.value])).toEqual([["release", 0.002], ["stable", 0.005]]);
    });

    it("fails a canary far worse than stable", async () => {
      const v = await compare(vs("payments", "release")).evaluate(roundOf(ctx()));
      expect(v.phase).toBe("failed");
      expect(v.reason).toContain("canary release error rate 40% (240 of 600) > 2 × stable's 0.5%");
    });

    it("judges against a floor when stable had no errors, and says so", async () => {
      const ok = await compare(vs("orders", "release")).evaluate(roundOf(ctx()));
      expect(ok.phase).toBe("passed");
      expect(ok.reason).toBe(
        "canary release error rate 0.15% (2 of 1200) <= stable had 0% (0 of 1200), below the floor of 0.1%, so release may have up to 2 × 0.1% = 0.2%, over 1m",
      );
      expect((await compare(vs("orders", "bad")).evaluate(roundOf(ctx()))).phase).toBe("failed");
    });

    it("needs enough requests on both sides", async () => {
      const v = await compare({ ...vs("search", "release"), stable: "ghost" }).evaluate(roundOf(ctx()));
      expect(v.phase).toBe("inconclusive");
      expect(v.reason).toBe(
        "too few requests: 30 in 1m to canary release (need 100 for a verdict); no data (empty vector): stable ghost has no requests recorded in the last 1m — is it receiving traffic?",
      );
    });
  });
});

const backendsHolding = (series: SeriesSpec[], stepMs?: number) => prometheusesHolding(series, T0, T0 + 119 * MIN, stepMs);

// ingress-nginx's default buckets (seconds, here in ms): the last finite one is 10 s; every request took longer
const PAST_10S: [number, number][] = [5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000].map((ms) => [ms, 0]);

describe.each(backendsHolding(nginxBackend("prod", "slow-api", "slow-api", "", { rate: steady(10), errorShare: 0, latency: PAST_10S })))("a latency past the histogram's last finite bucket, on $name", ({ start }) => {
  let prom: { url: string; stop(): Promise<void> };
  beforeAll(async () => {
    prom = await start();
  });
  afterAll(() => prom?.stop());
  const slow = (maxMs: number) => latency({ mesh: "ingress-nginx", namespace: "prod", service: "slow-api", maxMs });
  const judge = (maxMs: number) => slow(maxMs).evaluate(roundOf(gateContext({ metrics: createPrometheus({ url: prom.url, timeoutMs: 5_000 }), at: AT })));

  it("fails a bound above that bucket: histogram_quantile answers the bucket's bound (10 s), not the latency", async () => {
    const v = await judge(15_000);
    expect(v.phase).toBe("failed");
    expect(v.reason).toBe(
      "p99 latency is past the histogram's last finite bucket (10000ms), so it cannot be shown below 15000ms over 1m: add a bucket at or above 15000ms, or give a maxMs below 10000ms",
    );
  });

  it("fails a bound below it, saying the latency is past the bucket rather than at its bound", async () => {
    const v = await judge(5_000);
    expect(v).toMatchObject({ phase: "failed", reason: "p99 latency is past the histogram's last finite bucket (10000ms) >= 5000ms over 1m" });
  });

  it("says in preview that a bound past the last finite bucket passes only under that bucket", async () => {
    const preview = gateContext({ metrics: createPrometheus({ url: prom.url, timeoutMs: 5_000 }), at: AT, mode: "preview" });
    await evaluateGate(preview, "slow-api fast", slow(15_000), {}, true);
    expect(preview.journal.events.flatMap((e) => (e.type === "note" ? [e.text] : []))).toEqual([
      "gates.latency on slow-api: maxMs 15000 is past the last finite bucket (le=10) of nginx_ingress_controller_request_duration_seconds, " +
        "so a round passes only when p99 is at most 10000ms and fails above it. Give maxMs 10000, or add a bucket at 15",
    ]);
  });
});

describe.each(backendsHolding(istioVersion("prod", "orders", "release", { rate: steady(10), errorShare: 0 }), 60_000))(
  "a window shorter than two scrape intervals (Prometheus's default interval, 1m), on $name",
  ({ start }) => {
    let prom: { url: string; stop(): Promise<void> };
    beforeAll(async () => {
      prom = await start();
    });
    afterAll(() => prom?.stop());
    // off the 1m sample grid: a real Prometheus 2.x range includes a sample on its left edge, the simulator's does not
    const ctx = (mode: "run" | "preview" = "run") => gateContext({ metrics: createPrometheus({ url: prom.url, timeoutMs: 5_000 }), at: AT + 30_000, mode });
    const gate = (window?: string) => successRate({ ...istio("orders"), min: 0.99, ...(window ? { window } : {}) });
    const SHORT =
      '1m is shorter than two scrape intervals of its series (a sample every 1m): increase() needs two samples in its window and finds at most one; ' +
      'give the gate a window of four scrape intervals or more (window: "4m")';

    it("reads no requests for a version serving 10 rps, and names the window as the likely cause, and the fix", async () => {
      const v = await gate().evaluate(roundOf(ctx()));
      expect(v).toMatchObject({ phase: "inconclusive", reason: `no data (empty vector): release has no requests recorded in the last 1m, likely because ${SHORT}` });
      expect(await gate("4m").evaluate(roundOf(ctx()))).toMatchObject({ phase: "passed", reason: "success rate 1 >= 0.99 over 4m (2400 requests, 0 failed)" });
    });

    it("is refused at preview, before the plan changes anything", async () => {
      await expect(evaluateGate(ctx("preview"), "orders healthy", gate(), {}, true)).rejects.toThrow(
        new InvalidPlanError(`The gate on release can never see its requests: ${SHORT}.`),
      );
      expect((await evaluateGate(ctx("preview"), "orders healthy", gate("4m"), {}, true)).reason).toBe("not evaluated in preview (assumed to pass)");
    });
  },
);

describe.skipIf(!havePrometheus)(`when Prometheus fails mid-gate${havePrometheus ? "" : ` (skipped: ${PROMETHEUS_MISSING})`}`, () => {
  const servers: { stop(): Promise<void> }[] = [];
  afterAll(async () => {
    for (const s of servers) await s.stop();
  });

  it("killed between rounds: the verdict is error, never passed", async () => {
    const prom = await startPrometheus(history);
    servers.push(prom);
    const inner = successRate({ ...istio("checkout-api"), min: 0.99 });
    // round 1 sees a healthy version; Prometheus dies before round 2
    const gate: Gate = { ...inner, evaluate: async (r) => (r.round === 2 && (await prom.kill()), inner.evaluate(r)) };
    const c = gateContext({ metrics: createPrometheus({ url: prom.url, timeoutMs: 2_000 }), at: AT });
    const v = await evaluateGate(c, "release healthy", gate, { consecutive: 3, interval: "10s", consecutiveErrorLimit: 2 }, true);
    expect(v.phase).toBe("error");
    expect(v.reason).toMatch(/^Prometheus at http:\/\/127\.0\.0\.1:\d+\/ is unreachable: connect ECONNREFUSED/);
    expect(v.evidence.map((e) => e.phase)).toEqual(["passed", "error", "error", "error"]);
  });

  it("too slow to answer: each round times out into an error", async () => {
    const prom = await startPrometheus(history);
    servers.push(prom);
    const proxy = await startSlowProxy(prom.url, 2_000);
    servers.push({ stop: proxy.close });
    const c = gateContext({ metrics: createPrometheus({ url: proxy.url, timeoutMs: 250 }), at: AT });
    const started = Date.now();
    const v = await evaluateGate(c, "release healthy", successRate({ ...istio("checkout-api"), min: 0.99 }), { consecutiveErrorLimit: 1 }, true);
    expect(v.phase).toBe("error");
    expect(v.reason).toMatch(/is unreachable: no answer within 250 ms/);
    expect(v.evidence).toHaveLength(2);
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});

describe.each(backendsHolding(istioVersion("prod", "orders", "release", { rate: steady(10), errorShare: 0 })))("a custom query Prometheus rejects, on $name", ({ start }) => {
  let prom: { url: string; stop(): Promise<void> };
  beforeAll(async () => {
    prom = await start();
  });
  afterAll(() => prom?.stop());
  const preview = (promql: string) =>
    evaluateGate(gateContext({ metrics: createPrometheus({ url: prom.url, timeoutMs: 5_000 }), at: AT, mode: "preview" }), "lag", query({ name: "queue lag", promql, max: 10 }), {}, true);

  it("is refused at preview with Prometheus's words, before the plan moves traffic", async () => {
    const typo = preview('sum(rate(istio_requests_total{response_code=~"5.."}[1m])');
    await expect(typo).rejects.toThrow(InvalidPlanError);
    await expect(typo).rejects.toThrow(/^gates\.query "queue lag": Prometheus rejected the query .*: bad_data: .*parse error: .*Fix its promql: every round would fail the same way\.$/s);
    await expect(preview("istio_requests_total[1m]")).rejects.toThrow(/gates\.query "queue lag": .*answered a range vector \(matrix\)/);
    expect((await preview('sum(rate(istio_requests_total{response_code=~"5.."}[1m]))')).reason).toBe("not evaluated in preview (assumed to pass)");
  });
});
