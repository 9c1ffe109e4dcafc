import { describe, expect, it } from "vitest";
import { TimeSeriesStore, type Labels } from "../../sdk/sim/tsdb.ts";
import { evaluateInstant, type Value } from "../../sdk/sim/promql/index.ts";

const T0 = Date.parse("2026-11-24T03:00:00Z");
const at = (seconds: number) => T0 + seconds * 1000;

/** A store with one series per entry: values at T0, T0+15s, T0+30s, ... (null leaves a gap). */
function storeOf(series: [Labels, (number | null)[]][]): TimeSeriesStore {
  const store = new TimeSeriesStore();
  for (const [labels, values] of series) {
    values.forEach((v, i) => {
      if (v !== null) store.append(labels, at(i * 15), v);
    });
  }
  return store;
}

const samples = (v: Value) => {
  if (v.type !== "vector") throw new Error(`expected a vector, got ${v.type}`);
  return v.samples;
};
/** The value of a one-element result. */
function one(store: TimeSeriesStore, q: string, seconds: number): number {
  const s = samples(evaluateInstant(q, store, at(seconds)));
  expect(s).toHaveLength(1);
  return s[0]!.value;
}

describe("rate / increase / delta: Prometheus 2.42's extrapolatedRate", () => {
  it("covers the whole window when the samples reach both edges", () => {
    // 1/s, samples every 15 s. At 305 s the 1m window (245, 305] holds the samples at 255..300:
    // 45 over 45 s, 10 s to the start and 5 s to the end (both < 1.1 × 15 s) → extrapolated over 60 s.
    const store = storeOf([[{ __name__: "c" }, Array.from({ length: 30 }, (_, i) => i * 15)]]);
    expect(one(store, "increase(c[1m])", 305)).toBeCloseTo(60, 12);
    expect(one(store, "rate(c[1m])", 305)).toBeCloseTo(1, 12);
  });

  it("extrapolates only half an interval towards an edge with no sample near it (series starts in the window)", () => {
    // 100, 110, 120 at 0/15/30 s; at 30 s the window (-30 s, 30 s]: 20 over 30 s, 30 s to the start
    // (≥ 16.5 s: extend 7.5 s), zero point 150 s back (farther), 0 s to the end → 20 × 37.5 / 30 = 25.
    const store = storeOf([[{ __name__: "c" }, [100, 110, 120]]]);
    expect(one(store, "increase(c[1m])", 30)).toBeCloseTo(25, 12);
    expect(one(store, "rate(c[1m])", 30)).toBeCloseTo(25 / 60, 15);
  });

  it("does the same at the end when the series stops inside the window", () => {
    // at 90 s, [2m] = (-30 s, 90 s]: 7.5 s added at both ends → 20 × 45 / 30 = 30 → 0.25/s.
    const store = storeOf([[{ __name__: "c" }, [100, 110, 120]]]);
    expect(one(store, "increase(c[2m])", 90)).toBeCloseTo(30, 12);
    expect(one(store, "rate(c[2m])", 90)).toBeCloseTo(0.25, 15);
  });

  it("never extrapolates a counter below zero (2.42 clamps to the zero point before the 1.1 threshold)", () => {
    // 10, 25, 40: 30 over 30 s, the zero point 10 s before the first sample. 10 s < 16.5 s, so 2.42
    // extrapolates exactly to it: 30 × 40 / 30 = 40. (Prometheus ≥ 2.51 would add only 7.5 s: 37.5.)
    const store = storeOf([[{ __name__: "c" }, [10, 25, 40]]]);
    expect(one(store, "increase(c[1m])", 30)).toBeCloseTo(40, 12);
    // 5, 20, 35: zero point 5 s back → 30 × 35 / 30 = 35.
    expect(one(storeOf([[{ __name__: "c" }, [5, 20, 35]]]), "increase(c[1m])", 30)).toBeCloseTo(35, 12);
  });

  it("adds the value before a counter reset", () => {
    // 100, 110, 120, 5, 15; at 60 s the window (0, 60] holds 110, 120, 5, 15:
    // 15 − 110 + 120 (the reset) = 25 over 45 s, 15 s to the start → 25 × 60 / 45.
    const store = storeOf([[{ __name__: "c" }, [100, 110, 120, 5, 15]]]);
    expect(one(store, "increase(c[1m])", 60)).toBeCloseTo((25 * 60) / 45, 12);
    expect(one(store, "rate(c[1m])", 60)).toBeCloseTo(25 / 45, 12);
  });

  it("treats a gauge's fall as a fall in delta (no reset handling, no zero clamp)", () => {
    // 10, 4, 7 at 0/15/30 s: −3 over 30 s, 7.5 s added at the start → −3 × 37.5 / 30 = −3.75.
    const store = storeOf([[{ __name__: "g" }, [10, 4, 7]]]);
    expect(one(store, "delta(g[1m])", 30)).toBeCloseTo(-3.75, 12);
  });

  it("needs two samples; a window opens after its left edge", () => {
    const store = storeOf([[{ __name__: "c" }, [1, 2, 3, 4, 5]]]);
    // at 75 s, (15 s, 75 s] holds 30, 45, 60 s: three samples, the one at exactly 15 s is outside.
    expect(samples(evaluateInstant("count_over_time(c[1m])", store, at(75)))[0]!.value).toBe(3);
    // at 119 s, (59 s, 119 s] holds only the sample at 60 s.
    expect(samples(evaluateInstant("rate(c[1m])", store, at(119)))).toEqual([]);
  });

  it("drops the metric name and keeps the other labels", () => {
    const store = storeOf([[{ __name__: "c", pod: "a" }, [0, 15, 30]]]);
    expect(samples(evaluateInstant("rate(c[1m])", store, at(30)))[0]!.labels).toEqual({ pod: "a" });
  });

  it("honours offset", () => {
    const store = storeOf([[{ __name__: "c" }, [0, 15, 30, 45, 60, 1000, 2000]]]);
    expect(one(store, "increase(c[30s] offset 30s)", 90)).toBeCloseTo(30, 12);
  });
});

describe("irate and the *_over_time functions", () => {
  const store = storeOf([[{ __name__: "c", pod: "a" }, [100, 110, 120, 5, 15]]]);

  it("irate uses the last two samples, and the last value after a reset", () => {
    expect(one(store, "irate(c[1m])", 30)).toBeCloseTo(10 / 15, 15);
    expect(one(store, "irate(c[1m])", 45)).toBeCloseTo(5 / 15, 15);
  });

  it.each([
    ["avg_over_time", (110 + 120 + 5 + 15) / 4],
    ["sum_over_time", 250],
    ["max_over_time", 120],
    ["min_over_time", 5],
    ["count_over_time", 4],
  ])("%s", (fn, expected) => {
    expect(samples(evaluateInstant(`${fn}(c[1m])`, store, at(60)))).toEqual([{ labels: { pod: "a" }, value: expected }]);
  });

  it("sums with Kahan compensation like sum_over_time in Prometheus 2.42", () => {
    const s = storeOf([[{ __name__: "k" }, [1e16, 1, 1, -1e16]]]);
    expect(one(s, "sum_over_time(k[1m])", 45)).toBe(2);
  });

  it("max/min ignore NaN unless every sample is NaN", () => {
    const s = storeOf([[{ __name__: "n" }, [NaN, 3, NaN]]]);
    expect(one(s, "max_over_time(n[1m])", 30)).toBe(3);
    expect(one(s, "min_over_time(n[1m])", 30)).toBe(3);
  });
});

describe("histogram_quantile over Istio's duration buckets", () => {
  const LE = ["0.5", "1", "5", "10", "25", "50", "100", "250", "500", "1000", "2500", "5000", "10000", "30000", "60000", "300000", "600000", "1800000", "3600000", "+Inf"];
  // Cumulative counts per bucket of one scrape: 100 requests, half under 25 ms.
  const CUMULATIVE = [0, 0, 10, 30, 60, 80, 90, 95, 98, 99, 100, 100, 100, 100, 100, 100, 100, 100, 100, 100];
  const bucket = (extra: Labels, le: string): Labels => ({
    __name__: "istio_request_duration_milliseconds_bucket",
    reporter: "destination",
    destination_service_name: "checkout-api",
    ...extra,
    le,
  });
  const gaugeStore = (counts: number[], extra: Labels = {}) => storeOf(LE.map((le, i) => [bucket(extra, le), [counts[i]!]]));
  const q = (phi: number) => `histogram_quantile(${phi}, istio_request_duration_milliseconds_bucket)`;

  it.each([
    // rank 50 lands in (10, 25] holding 30 (from 30 to 60): 10 + 15 × 20/30
    [0.5, 20],
    // rank 95 is the top of (100, 250]
    [0.95, 250],
    // rank 99 is the top of (500, 1000]
    [0.99, 1000],
    // rank 5 is in (1, 5]: 1 + 4 × 5/10
    [0.05, 3],
  ])("q=%d → %d ms", (phi, expected) => {
    const s = samples(evaluateInstant(q(phi), gaugeStore(CUMULATIVE), at(0)));
    expect(s).toEqual([{ labels: { reporter: "destination", destination_service_name: "checkout-api" }, value: expected }]);
  });

  it("answers the highest finite bound when the rank falls in the +Inf bucket", () => {
    const counts = [...CUMULATIVE.slice(0, -1), 110];
    expect(one(gaugeStore(counts), q(0.99), 0)).toBe(3_600_000);
  });

  it("is NaN without observations, or without a +Inf bucket", () => {
    expect(one(gaugeStore(LE.map(() => 0)), q(0.9), 0)).toBeNaN();
    const noInf = storeOf(LE.slice(0, -1).map((le, i) => [bucket({}, le), [CUMULATIVE[i]!]]));
    expect(one(noInf, q(0.9), 0)).toBeNaN();
  });

  it("forces counts monotonic, as if the scrape had read them atomically", () => {
    const counts = [...CUMULATIVE];
    counts[4] = 28; // le=25 below le=10's 30: treated as 30
    // rank 50: le=25 now holds 30 with 0 in it → the next bucket (25, 50] (30 → 80): 25 + 25 × 20/50
    expect(one(gaugeStore(counts), q(0.5), 0)).toBeCloseTo(35, 12);
  });

  it("gives ±Inf outside [0, 1]", () => {
    expect(one(gaugeStore(CUMULATIVE), q(1.5), 0)).toBe(Infinity);
    expect(one(gaugeStore(CUMULATIVE), q(-1), 0)).toBe(-Infinity);
  });

  it("works on the rate of buckets summed over pods, grouped by le", () => {
    // Two pods, each bucket growing every 15 s by the distribution above (pod b twice as busy).
    const store = storeOf(
      ["a", "b"].flatMap((pod, p) =>
        LE.map((le, i): [Labels, number[]] => [bucket({ pod }, le), Array.from({ length: 9 }, (_, n) => n * CUMULATIVE[i]! * (p + 1))]),
      ),
    );
    const value = one(
      store,
      `histogram_quantile(0.95, sum by (le) (rate(istio_request_duration_milliseconds_bucket{reporter="destination"}[1m])))`,
      120,
    );
    expect(value).toBeCloseTo(250, 9);
  });

  it("groups by all labels but le, and skips series without a numeric le", () => {
    const store = storeOf([
      ...LE.map((le, i): [Labels, number[]] => [bucket({ pod: "a" }, le), [CUMULATIVE[i]!]]),
      ...LE.map((le, i): [Labels, number[]] => [bucket({ pod: "b" }, le), [CUMULATIVE[i]! * 2]]),
      [{ __name__: "istio_request_duration_milliseconds_bucket", pod: "a", le: "oops" }, [1]],
    ]);
    const s = samples(evaluateInstant(q(0.5), store, at(0)));
    expect(s.map((x) => [x.labels.pod, x.value])).toEqual([
      ["a", 20],
      ["b", 20],
    ]);
  });
});

describe("other functions", () => {
  const store = storeOf([
    [{ __name__: "g", pod: "a" }, [-1.5]],
    [{ __name__: "g", pod: "b" }, [2.5]],
  ]);
  const values = (q: string) => samples(evaluateInstant(q, store, at(0))).map((s) => s.value);

  it("abs, ceil, floor, clamp_min, clamp_max act per element and drop the name", () => {
    expect(values("abs(g)")).toEqual([1.5, 2.5]);
    expect(values("ceil(g)")).toEqual([-1, 3]);
    expect(values("floor(g)")).toEqual([-2, 2]);
    expect(values("clamp_min(g, 0)")).toEqual([0, 2.5]);
    expect(values("clamp_max(g, 0)")).toEqual([-1.5, 0]);
    expect(samples(evaluateInstant("abs(g)", store, at(0)))[0]!.labels).toEqual({ pod: "a" });
  });

  it("scalar, vector, time", () => {
    expect(evaluateInstant('scalar(g{pod="a"})', store, at(0))).toEqual({ type: "scalar", value: -1.5 });
    expect(evaluateInstant("scalar(g)", store, at(0))).toEqual({ type: "scalar", value: NaN });
    expect(evaluateInstant("vector(3)", store, at(0))).toEqual({ type: "vector", samples: [{ labels: {}, value: 3 }] });
    expect(evaluateInstant("time()", store, at(12.5))).toEqual({ type: "scalar", value: at(12.5) / 1000 });
  });

  it("absent is empty when there is data, else 1 labelled by the selector's equality matchers", () => {
    expect(values("absent(g)")).toEqual([]);
    expect(samples(evaluateInstant('absent(nope{job="api", code=~"5..", x="1", x="2"})', store, at(0)))).toEqual([
      { labels: { job: "api" }, value: 1 },
    ]);
    expect(samples(evaluateInstant("absent(sum(nope))", store, at(0)))).toEqual([{ labels: {}, value: 1 }]);
  });

  it("refuses a result with duplicate label sets once the name is dropped", () => {
    const s = storeOf([
      [{ __name__: "x", pod: "a" }, [1]],
      [{ __name__: "y", pod: "a" }, [2]],
    ]);
    expect(() => evaluateInstant('abs({__name__=~"x|y"})', s, at(0))).toThrow("vector cannot contain metrics with the same labelset");
  });
});
