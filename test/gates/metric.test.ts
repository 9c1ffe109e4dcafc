import { describe, expect, it } from "vitest";
import { latency, query, successRate } from "../../sdk/gates/metric.ts";
import { evaluateGate } from "../../sdk/gates/evaluate.ts";
import { compare } from "../../sdk/gates/compare.ts";
import type { GateRound } from "../../sdk/gates/gate.ts";
import { Journal } from "../../sdk/engine/journal.ts";
import { createEngineContext, withContext } from "../../sdk/engine/context.ts";
import { createVirtualClock } from "../../sdk/ports/clock.ts";
import type { MetricsPort } from "../../sdk/ports/metrics.ts";
import { InvalidPlanError, MetricsUnavailableError } from "../../sdk/errors.ts";
import { istio } from "../../sdk/index.ts";
import { createFakeKube } from "../helpers/fake-kube.ts";
import { gateContext, roundOf } from "./support.ts";

const scope = { mesh: "istio", namespace: "prod", service: "checkout-api", version: "release" };

/** Answers each query by matching a fragment of it; `undefined` means an empty vector. */
function metrics(answers: { requests?: number; errors?: number; latency?: number; buckets?: Record<string, number>; down?: boolean; warnings?: string[] }): MetricsPort & { seen: string[] } {
  const seen: string[] = [];
  return {
    url: "http://prometheus.test",
    seen,
    async query(q) {
      seen.push(q);
      if (answers.down) throw new MetricsUnavailableError("http://prometheus.test", "connect ECONNREFUSED");
      if (q.startsWith("sum by (le)")) {
        return { at: 0, samples: Object.entries(answers.buckets ?? {}).map(([le, value]) => ({ labels: { le }, value })), warnings: answers.warnings ?? [] };
      }
      const v = q.startsWith("histogram_quantile") ? answers.latency : q.includes('response_code=~"5.."') ? answers.errors : answers.requests;
      return { at: 0, samples: v === undefined ? [] : [{ labels: {}, value: v }], warnings: answers.warnings ?? [] };
    },
    async queryRange() {
      return { series: [], warnings: [] };
    },
  };
}

function round(m: MetricsPort): GateRound {
  const clock = createVirtualClock(0);
  return {
    ctx: createEngineContext({ mode: "run", kube: {} as never, metrics: m, clock, signal: new AbortController().signal, journal: new Journal(undefined, clock), progress: () => {} }),
    round: 1,
    startedAt: 0,
    state: new Map(),
  };
}

describe("success rate gate", () => {
  const gate = successRate({ ...scope, min: 0.99, minRequests: 100 });

  it("passes on enough good requests, with the evidence a postmortem needs", async () => {
    const m = metrics({ requests: 1000, errors: 5 });
    const v = await gate.evaluate(round(m));
    expect(v.phase).toBe("passed");
    expect(v.evidence[0]).toMatchObject({ indicator: "success-rate", subject: "release", value: 0.995, threshold: ">= 0.99", samples: 1000, window: "1m" });
    const requests = 'istio_requests_total{reporter="destination",destination_service_namespace="prod",destination_service_name="checkout-api",destination_version="release"}';
    // a series with no sample in the hour before the window is new: its whole count is the window's
    expect(m.seen[0]).toBe(
      `sum((increase(${requests}[1m]) and count_over_time(${requests}[1h] offset 1m)) or (max_over_time(${requests}[1m]) unless count_over_time(${requests}[1h] offset 1m)))`,
    );
  });

  it("fails below the threshold and says by how much", async () => {
    const v = await gate.evaluate(round(metrics({ requests: 240, errors: 100 })));
    expect(v.phase).toBe("failed");
    expect(v.reason).toBe("success rate 0.5833 < 0.99 over 1m (240 requests, 100 failed)");
  });

  it("judges the exact rate, not a rounded one: 241 of 24,000 failed is 0.989958, below 0.99", async () => {
    const v = await gate.evaluate(round(metrics({ requests: 24_000, errors: 241 })));
    expect(v).toMatchObject({ phase: "failed", reason: "success rate 0.989958 < 0.99 over 1m (24000 requests, 241 failed)" });
  });

  it("does not count 99.5 extrapolated requests as the 100 it needs", async () => {
    const v = await gate.evaluate(round(metrics({ requests: 99.5, errors: 0 })));
    expect(v).toMatchObject({ phase: "inconclusive", reason: "too few requests: 99 in 1m to release (need 100 for a verdict)" });
  });

  it("treats a missing 5xx series as zero errors only when there is traffic", async () => {
    expect((await gate.evaluate(round(metrics({ requests: 500 })))).phase).toBe("passed");
  });

  it("is inconclusive, never passed, with no data or too few requests", async () => {
    const none = await gate.evaluate(round(metrics({})));
    expect(none.phase).toBe("inconclusive");
    expect(none.reason).toBe("no data (empty vector): release has no requests recorded in the last 1m — is it receiving traffic?");
    const few = await gate.evaluate(round(metrics({ requests: 12, errors: 0 })));
    expect(few.phase).toBe("inconclusive");
    expect(few.reason).toBe("too few requests: 12 in 1m to release (need 100 for a verdict)");
    const nan = await gate.evaluate(round(metrics({ requests: Number.NaN })));
    expect(nan.phase).toBe("inconclusive");
    expect(nan.reason).toMatch(/^no data \(NaN\): /);
  });

  it("throws (an error round) when Prometheus is unreachable", async () => {
    await expect(gate.evaluate(round(metrics({ down: true })))).rejects.toThrow(/Prometheus at http:\/\/prometheus.test is unreachable/);
  });
});

describe("latency gate", () => {
  const gate = latency({ ...scope, quantile: 0.99, maxMs: 500, minRequests: 100 });
  const FAST = { "50": 0, "100": 500, "250": 1000, "+Inf": 1000 };
  const SLOW = { "1000": 200, "2500": 1000, "+Inf": 1000 };
  it("compares the quantile with the bound", async () => {
    expect((await gate.evaluate(round(metrics({ requests: 1000, latency: 247, buckets: FAST })))).phase).toBe("passed");
    const slow = await gate.evaluate(round(metrics({ requests: 1000, latency: 2481, buckets: SLOW })));
    expect(slow.phase).toBe("failed");
    expect(slow.reason).toBe("p99 latency 2481ms >= 500ms over 1m");
  });
  it("passes a quantile at a bound equal to maxMs: 99% of requests took at most 500ms", async () => {
    const v = await gate.evaluate(round(metrics({ requests: 1000, latency: 500, buckets: { "250": 400, "500": 990, "1000": 1000, "+Inf": 1000 } })));
    expect(v).toMatchObject({ phase: "passed", reason: "p99 latency at most 500ms over 1m: it lies in the (250, 500] bucket of istio_request_duration_milliseconds" });
  });
  it("is inconclusive when the histogram is empty (NaN)", async () => {
    expect((await gate.evaluate(round(metrics({ requests: 1000, latency: Number.NaN })))).phase).toBe("inconclusive");
  });
});

describe("Prometheus warnings", () => {
  const gate = successRate({ ...scope, min: 0.99, minRequests: 100 });
  const warnings = ["partial response: store 10.0.0.7:10901 unreachable"];

  it("turn a pass into inconclusive and land in the evidence: a pass on partial data is no pass", async () => {
    const v = await gate.evaluate(round(metrics({ requests: 1000, errors: 0, warnings })));
    expect(v.phase).toBe("inconclusive");
    expect(v.reason).toBe(
      "success rate 1 >= 0.99 over 1m (1000 requests, 0 failed), but Prometheus warned: partial response: store 10.0.0.7:10901 unreachable: not a pass on possibly partial data",
    );
    expect(v.evidence[0]).toMatchObject({ phase: "inconclusive", value: 1, reason: v.reason });
  });

  it("leave a failure a failure, with the warning beside it", async () => {
    const v = await gate.evaluate(round(metrics({ requests: 1000, errors: 500, warnings })));
    expect(v.phase).toBe("failed");
    expect(v.reason).toContain("(Prometheus warned: partial response");
  });
});

describe("plans that cannot judge anything are rejected when written", () => {
  it("a query gate needs a bound", () => {
    expect(() => query({ name: "lag", promql: "max(lag)" })).toThrow(InvalidPlanError);
    expect(() => query({ name: "lag", promql: "max(lag)" })).toThrow("give min, max or both");
  });
  it("a query gate's bounds must leave room for a value", () => {
    expect(() => query({ name: "queue lag", promql: "x", min: 100, max: 10 })).toThrow('gates.query "queue lag": min 100 is above max 10, so no value could pass; swap them');
  });

  it("a query gate says in preview that it has no metrics provider, as every metric gate does", async () => {
    const r = round(metrics({}));
    r.ctx.metrics = undefined;
    await expect(query({ name: "queue lag", promql: "x", max: 10 }).preflight!(r)).rejects.toThrow(/metrics provider/);
  });

  it("a query gate notes in preview that no series match its query (a misspelt metric), without failing", async () => {
    const r = round(metrics({}));
    await query({ name: "queue lag", promql: "max(kafka_consumergroup_lagg)", max: 10 }).preflight!(r);
    expect(r.ctx.journal.events.filter((e) => e.type === "note").map((e) => e.type === "note" && e.text)).toEqual([
      'gates.query "queue lag": no series match its promql now, so every round would be inconclusive until some do. Check the metric name and labels: max(kafka_consumergroup_lagg)',
    ]);
    const answered = round(metrics({ requests: 3 }));
    await query({ name: "queue lag", promql: "max(kafka_consumergroup_lag)", max: 10 }).preflight!(answered);
    expect(answered.ctx.journal.events.filter((e) => e.type === "note")).toEqual([]);
  });

  it("a latency quantile is between 0 and 1", () => {
    expect(() => latency({ ...scope, quantile: 99, maxMs: 300 })).toThrow("quantile 99 must be between 0 and 1 (e.g. 0.99 for p99)");
  });
  it("a success rate is a fraction, and every number in reach of a typo is checked, all at once", () => {
    expect(() => successRate({ ...scope, min: 50, minRequests: -5, window: "1 minute", policy: { consecutive: 0, failureLimit: 1.5, timeout: "soon" } })).toThrow(
      new InvalidPlanError("gates.successRate got invalid options:", [
        { path: "min", message: "must be a fraction between 0 and 1, e.g. 0.99 for 99% (got 50)" },
        { path: "window", message: 'must be a Prometheus range like "1m", "30s" or "1m30s", units largest first (got "1 minute")' },
        { path: "minRequests", message: "must be a whole number of requests, 1 or more (got -5)" },
        { path: "policy.timeout", message: '"soon" is not a duration; write it like "10s" or "5m"' },
        { path: "policy.consecutive", message: "must be a whole number of passing rounds, 1 or more (got 0)" },
        { path: "policy.failureLimit", message: "must be a whole number of rounds, 0 or more (got 1.5)" },
      ]),
    );
    expect(() => successRate({ ...scope, min: Number.NaN })).toThrow("min: must be a fraction between 0 and 1, e.g. 0.99 for 99% (got NaN)");
    expect(() => latency({ ...scope, maxMs: 0 })).toThrow("maxMs: must be a number above 0 (got 0)");
    expect(() => query({ name: "lag", promql: "max(lag)", max: Number.NaN })).toThrow("max: must be a finite number (got NaN)");
    expect(() => successRate({ ...scope, min: 0.99, window: "1h30m", policy: { failureLimit: Infinity, interval: 5000 } })).not.toThrow();
  });
  it("a bound that always or never passes is refused: query min or max of ±Infinity, compare maxErrorRatio Infinity", () => {
    expect(() => query({ name: "lag", promql: "max(lag)", min: -Infinity, max: Infinity })).toThrow(
      new InvalidPlanError('gates.query "lag" got invalid options:', [
        { path: "min", message: "must be a finite number (got -Infinity)" },
        { path: "max", message: "must be a finite number (got Infinity)" },
      ]),
    );
    expect(() => compare({ mesh: "istio", namespace: "prod", service: "checkout-api", canary: "release", stable: "stable", maxErrorRatio: Infinity })).toThrow(
      "gates.compare: maxErrorRatio Infinity must be a finite number, at least 1 (canary no worse than stable)",
    );
    expect(() => compare({ mesh: "istio", namespace: "prod", service: "checkout-api", canary: "release", stable: "stable", maxErrorRatio: 2 })).not.toThrow();
  });
  it("a threshold every release meets is refused: a success rate of at least 0, a comparison allowing a 100% error rate", () => {
    expect(() => successRate({ ...scope, min: 0 })).toThrow(
      new InvalidPlanError("gates.successRate got invalid options:", [
        { path: "min", message: "0 passes on any share, 0 included (every request failed): give the lowest share to accept, above 0, e.g. 0.99 for 99%" },
      ]),
    );
    expect(() => successRate({ ...scope, min: 0.001 })).not.toThrow();
    const sides = { mesh: "istio", namespace: "prod", service: "checkout-api", canary: "release", stable: "stable" };
    expect(() => compare({ ...sides, maxErrorRatio: 2, errorRateFloor: 0.5 })).toThrow(
      new InvalidPlanError(
        "gates.compare: maxErrorRatio 2 × errorRateFloor 0.5 allows the canary an error rate of 100% or more, whatever stable's, " +
          "so even one failing every request would pass: lower errorRateFloor below 0.5, or maxErrorRatio below 2",
      ),
    );
    // the default floor (0.1%) times a ratio of 1000 is the same 100%
    expect(() => compare({ ...sides, maxErrorRatio: 1000 })).toThrow(
      "gates.compare: maxErrorRatio 1000 × errorRateFloor 0.001 (the default) allows the canary an error rate of 100% or more",
    );
    expect(() => compare({ ...sides, maxErrorRatio: 2, errorRateFloor: 0.49 })).not.toThrow();
    expect(() => compare({ ...sides, maxErrorRatio: 999 })).not.toThrow();
  });

  it("a misspelt option is refused, naming the one it likely meant, rather than left at its default", () => {
    expect(() => successRate({ ...scope, min: 0.99, windw: "5m" } as never)).toThrow(
      "gates.successRate got invalid options:\n  - windw: is not an option (did you mean window?); the options are: route, destination, mesh, namespace, service, version, window, minRequests, policy, min",
    );
    expect(() => latency({ ...scope, maxMs: 300, policy: { timout: "20m" } } as never)).toThrow("policy.timout: is not an option (did you mean timeout?)");
    expect(() => query({ name: "lag", promql: "max(lag)", min: 1, maxx: 10 } as never)).toThrow("maxx: is not an option (did you mean max?)");
  });
  it("a window is one Prometheus parses: units largest first, each once, else every round is a rejected query", () => {
    for (const window of ["30s1m", "1m1m", "1m30"]) {
      expect(() => successRate({ ...scope, min: 0.99, window })).toThrow(`window: must be a Prometheus range like "1m", "30s" or "1m30s", units largest first (got "${window}")`);
    }
    expect(() => successRate({ ...scope, min: 0.99, window: "1h1m1s500ms" })).not.toThrow();
  });

  it("refuses, when declared, passes in a row that the timeout leaves no time for", () => {
    expect(() => successRate({ ...scope, min: 0.99, policy: { consecutive: 10, interval: "1m" } })).toThrow(
      new InvalidPlanError("gates.successRate got invalid options:", [
        {
          path: "policy.consecutive",
          message: "10 passing rounds 1m apart take 9m, longer than the timeout of 5m, so the gate could never pass: lower consecutive or interval, or make timeout at least 9m",
        },
      ]),
    );
    expect(() => successRate({ ...scope, min: 0.99, policy: { consecutive: 10, interval: "1m", timeout: "9m" } })).not.toThrow();
  });
});

describe("query gate", () => {
  it("never passes on ±Inf (a ratio over 0): no data, naming the value in the reason the evidence keeps", async () => {
    const ratio = await query({ name: "ratio", promql: "sum(ok) / sum(total)", min: 0.99 }).evaluate(round(metrics({ requests: Infinity })));
    expect(ratio).toMatchObject({ phase: "inconclusive", reason: "no data (+Inf): ratio: the query has no finite value (a division by zero?)" });
    expect(ratio.evidence[0]).toMatchObject({ value: null, reason: ratio.reason });
    const lag = await query({ name: "lag", promql: "x", max: 100 }).evaluate(round(metrics({ requests: -Infinity })));
    expect(lag).toMatchObject({ phase: "inconclusive", reason: "no data (-Inf): lag: the query has no finite value (a division by zero?)" });
  });

  /** Answers every query with one series per pod. */
  const perPod = (...values: number[]): MetricsPort => ({
    url: "http://prometheus.test",
    query: async () => ({ at: 0, samples: values.map((value, i) => ({ labels: { job: "api", pod: `api-${i}` }, value })), warnings: [] }),
    queryRange: async () => ({ series: [], warnings: [] }),
  });
  const success = () => query({ name: "pod success", promql: "rate(ok[1m]) / rate(total[1m])", min: 0.99 });
  const aggregate =
    'Prometheus rejected the query rate(ok[1m]) / rate(total[1m]): answered 3 series ({job="api", pod="api-0"}, {job="api", pod="api-1"} and 1 more), and a gate judges one number: ' +
    "aggregate them in the query as the bound means them, e.g. sum(…) for a total, max(…) for the worst of a max bound, min(…) for the worst of a min bound";

  const refusal = new InvalidPlanError(`gates.query "pod success": ${aggregate}. Fix its promql: every round would fail the same way.`);

  it("does not sum several series into one number: per-pod ratios 0.5, 0.6 and 0.1 are no pass of min 0.99 as 1.2; on a run's first look, the plan is refused at once", async () => {
    const ctx = gateContext({ metrics: perPod(0.5, 0.6, 0.1) });
    await expect(evaluateGate(ctx, "pods succeed", success(), {}, true)).rejects.toThrow(refusal);
  });

  it("several series after a round of one (a pod's overlap in a rollout) is an error round saying to aggregate, not a refusal", async () => {
    const answers = [[0.995], [0.995, 0.5], [0.995, 0.5], [0.995, 0.5]];
    let call = 0;
    const shifting: MetricsPort = { ...perPod(), query: (q, at) => perPod(...answers[Math.min(call++, answers.length - 1)]!).query(q, at) };
    const v = await evaluateGate(gateContext({ metrics: shifting }), "pods succeed", success(), { consecutive: 3, consecutiveErrorLimit: 1 }, true);
    expect(v).toMatchObject({ phase: "error", reason: aggregate.replace("3 series", "2 series").replace(" and 1 more", "") });
    expect(v.evidence.map((e) => e.phase)).toEqual(["passed", "error", "error"]);
  });

  it("refuses several series in preview, before the plan moves traffic", async () => {
    await expect(success().preflight!(round(perPod(0.5, 0.6, 0.1)))).rejects.toThrow(refusal);
  });
});

describe("latency past the last bucket", () => {
  it("is a failure, not 'no data'", async () => {
    const v = await latency({ ...scope, maxMs: 500, minRequests: 100 }).evaluate(round(metrics({ requests: 1000, latency: Infinity })));
    expect(v.phase).toBe("failed");
    expect(v.reason).toBe("p99 latency is past the histogram's last finite bucket >= 500ms over 1m");
  });
});

describe("a route's Istio subset", () => {
  it("is measured by the version Istio reports for its pods (app.kubernetes.io/version), not by the subset's name", async () => {
    const fake = createFakeKube();
    fake.store.create({
      apiVersion: "networking.istio.io/v1",
      kind: "DestinationRule",
      metadata: { name: "checkout-api", namespace: "prod" },
      spec: { host: "checkout-api", subsets: [{ name: "stable", labels: { "app.kubernetes.io/version": "1.9.4" } }, { name: "release", labels: { "app.kubernetes.io/version": "2.0.1" } }] },
    });
    const route = ["stable", "release"].map((subset) => ({ destination: { host: "checkout-api", subset }, weight: 50 }));
    fake.store.create({ apiVersion: "networking.istio.io/v1", kind: "VirtualService", metadata: { name: "checkout-api", namespace: "prod" }, spec: { hosts: ["checkout-api"], http: [{ route }] } });
    // Prometheus as Istio fills it: 600 requests of destination_version="2.0.1", none failed
    const m: MetricsPort = {
      url: "http://prometheus.test",
      query: async (q, at) => ({ at: at ?? 0, samples: q.includes('destination_version="2.0.1"') && !q.includes("5..") ? [{ labels: {}, value: 600 }] : [], warnings: [] }),
      queryRange: async () => ({ series: [], warnings: [] }),
    };
    const ctx = gateContext({ metrics: m, kube: fake.kube });
    const vs = istio.virtualService({ namespace: "prod", name: "checkout-api" });
    const v = await withContext(ctx, () => successRate({ route: vs, destination: "release", min: 0.99 }).evaluate(roundOf(ctx)));
    expect(v).toMatchObject({ phase: "passed", reason: "success rate 1 >= 0.99 over 1m (600 requests, 0 failed)" });
  });
});
