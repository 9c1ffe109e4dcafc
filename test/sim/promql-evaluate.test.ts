import { describe, expect, it } from "vitest";
import { TimeSeriesStore, type Labels } from "../../sdk/sim/tsdb.ts";
import { evaluateInstant, evaluateRange, PromQLError, type Value } from "../../sdk/sim/promql/index.ts";

const T0 = Date.parse("2026-11-24T03:00:00Z");
const at = (seconds: number) => T0 + seconds * 1000;

const samples = (v: Value) => {
  if (v.type !== "vector") throw new Error(`expected a vector, got ${v.type}`);
  return v.samples;
};
const executionError = (q: string, store: TimeSeriesStore): string => {
  try {
    evaluateInstant(q, store, at(0));
  } catch (err) {
    expect(err).toBeInstanceOf(PromQLError);
    expect((err as PromQLError).type).toBe("execution");
    return (err as Error).message;
  }
  throw new Error(`expected ${q} to fail`);
};

/** One sample per series at T0. */
function gauges(series: [Labels, number][]): TimeSeriesStore {
  const store = new TimeSeriesStore();
  for (const [labels, v] of series) store.append(labels, T0, v);
  return store;
}

describe("instant vector selectors", () => {
  const store = new TimeSeriesStore();
  store.append({ __name__: "up", job: "api", pod: "a" }, at(0), 1);
  store.append({ __name__: "up", job: "api", pod: "a" }, at(60), 0);
  store.append({ __name__: "up", job: "db", pod: "b" }, at(0), 1);
  store.append({ __name__: "up_total", job: "api", pod: "c" }, at(0), 7);

  it("takes the latest sample within the 5 minute lookback, (t − 5m, t]", () => {
    expect(samples(evaluateInstant('up{pod="a"}', store, at(30)))[0]!.value).toBe(1);
    expect(samples(evaluateInstant('up{pod="a"}', store, at(60)))[0]!.value).toBe(0);
    expect(samples(evaluateInstant('up{pod="a"}', store, at(359)))[0]!.value).toBe(0);
    expect(samples(evaluateInstant('up{pod="a"}', store, at(360)))).toEqual([]);
    expect(samples(evaluateInstant('up{pod="a"}', store, at(-1)))).toEqual([]);
  });

  it("anchors regular expressions and keeps labels, name included, sorted by label set", () => {
    expect(samples(evaluateInstant('up{job=~"ap"}', store, at(0)))).toEqual([]);
    expect(samples(evaluateInstant('up{job=~"api|db"}', store, at(0)))).toEqual([
      { labels: { __name__: "up", job: "api", pod: "a" }, value: 1 },
      { labels: { __name__: "up", job: "db", pod: "b" }, value: 1 },
    ]);
    expect(samples(evaluateInstant('up{job!~"a.*"}', store, at(0))).map((s) => s.labels.pod)).toEqual(["b"]);
    expect(samples(evaluateInstant('{__name__=~"up.*", job="api"}', store, at(0))).map((s) => s.labels.pod)).toEqual(["a", "c"]);
    expect(samples(evaluateInstant('up{job!="api"}', store, at(0))).map((s) => s.labels.pod)).toEqual(["b"]);
  });

  describe("regular expressions match as Go's RE2 does, not as JavaScript's (answers from Prometheus 2.42)", () => {
    const values = ["abc", "ABC", "αβγ", "café", "a b", "a\nb", "a\rb", "a\vb", "a\u00a0b", "\u212a"];
    const probes = gauges(values.map((v, i) => [{ __name__: "probe", i: String(i), v }, 1]));
    const matching = (matcher: string) =>
      samples(evaluateInstant(`probe{${matcher}}`, probes, at(0)))
        .map((s) => s.labels.v!)
        .sort();

    it("takes the flags, POSIX classes and Unicode classes JavaScript has no syntax for", () => {
      expect(matching('v=~"(?i)abc"')).toEqual(["ABC", "abc"]);
      expect(matching('v=~"(?i)k"')).toEqual(["\u212a"]); // the Kelvin sign folds to k
      expect(matching('v=~"[[:alpha:]]+"')).toEqual(["ABC", "abc"]);
      expect(matching('v=~"\\\\pL+"')).toEqual(["ABC", "abc", "café", "αβγ", "\u212a"]);
      expect(matching('v=~"\\\\p{Greek}+"')).toEqual(["αβγ"]);
      expect(matching("v=~`\\Qa b\\E`")).toEqual(["a b"]);
    });

    it("reads \\s as ASCII [\\t\\n\\f\\r ] and lets . match everything but \\n unless (?s)", () => {
      expect(matching('v=~"a\\\\sb"')).toEqual(["a\nb", "a\rb", "a b"]);
      expect(matching('v=~"a.b"')).toEqual(["a\u000bb", "a\rb", "a b", "a\u00a0b"]);
      expect(matching('v=~"(?s)a.b"')).toEqual(["a\nb", "a\u000bb", "a\rb", "a b", "a\u00a0b"]);
    });
  });

  it("returns a range vector's raw samples", () => {
    expect(evaluateInstant('up{pod="a"}[2m]', store, at(60))).toEqual({
      type: "matrix",
      series: [{ labels: { __name__: "up", job: "api", pod: "a" }, points: [[at(0), 1], [at(60), 0]] }],
    });
  });

  it("gives empty vectors for missing series, and aggregations of nothing are nothing", () => {
    expect(samples(evaluateInstant("nope", store, at(0)))).toEqual([]);
    expect(samples(evaluateInstant("sum(nope)", store, at(0)))).toEqual([]);
    expect(samples(evaluateInstant("sum(rate(nope[1m])) / sum(rate(nope[1m]))", store, at(0)))).toEqual([]);
  });
});

describe("aggregations", () => {
  const store = gauges([
    [{ __name__: "lat", svc: "api", pod: "a" }, 3],
    [{ __name__: "lat", svc: "api", pod: "b" }, 5],
    [{ __name__: "lat", svc: "api", pod: "c" }, NaN],
    [{ __name__: "lat", svc: "db", pod: "d" }, 10],
  ]);
  const by = (q: string) => samples(evaluateInstant(q, store, at(0))).map((s) => [s.labels, s.value]);

  it("groups by labels, or by all labels but some (dropping the name)", () => {
    expect(by('sum by (svc) (lat{pod!="c"})')).toEqual([
      [{ svc: "api" }, 8],
      [{ svc: "db" }, 10],
    ]);
    expect(by('avg without (pod) (lat{pod!="c"})')).toEqual([
      [{ svc: "api" }, 4],
      [{ svc: "db" }, 10],
    ]);
    expect(by("count(lat)")).toEqual([[{}, 4]]);
    expect(by("sum by (__name__) (lat{svc='db'})")).toEqual([[{ __name__: "lat" }, 10]]);
  });

  it("lets NaN poison sum and avg but not min and max", () => {
    expect(by('sum by (svc) (lat{svc="api"})')[0]![1]).toBeNaN();
    expect(by('max by (svc) (lat{svc="api"})')).toEqual([[{ svc: "api" }, 5]]);
    expect(by('min by (svc) (lat{svc="api"})')).toEqual([[{ svc: "api" }, 3]]);
  });

  it("topk and bottomk keep whole series, NaN last", () => {
    expect(by("topk(2, lat)")).toEqual([
      [{ __name__: "lat", svc: "db", pod: "d" }, 10],
      [{ __name__: "lat", svc: "api", pod: "b" }, 5],
    ]);
    expect(by("bottomk by (svc) (1, lat)")).toEqual([
      [{ __name__: "lat", svc: "api", pod: "a" }, 3],
      [{ __name__: "lat", svc: "db", pod: "d" }, 10],
    ]);
    expect(by("topk(0, lat)")).toEqual([]);
  });
});

describe("binary operators", () => {
  const store = gauges([
    [{ __name__: "req", svc: "api", code: "200" }, 90],
    [{ __name__: "req", svc: "api", code: "500" }, 10],
    [{ __name__: "cap", svc: "api" }, 200],
    [{ __name__: "cap", svc: "db" }, 50],
    [{ __name__: "zero", svc: "api" }, 0],
  ]);
  const ev = (q: string) => evaluateInstant(q, store, at(0));
  const pairs = (q: string) => samples(ev(q)).map((s) => [s.labels, s.value]);

  it("does scalar arithmetic with Go's float semantics", () => {
    expect(ev("1 / 0")).toEqual({ type: "scalar", value: Infinity });
    expect(ev("-1 / 0")).toEqual({ type: "scalar", value: -Infinity });
    expect(ev("0 / 0")).toEqual({ type: "scalar", value: NaN });
    expect(ev("5 % -3")).toEqual({ type: "scalar", value: 2 });
    expect(ev("-5 % 3")).toEqual({ type: "scalar", value: -2 });
    expect(ev("2 ^ 10")).toEqual({ type: "scalar", value: 1024 });
    expect(ev("1 ^ NaN")).toEqual({ type: "scalar", value: 1 }); // Go's math.Pow, not JavaScript's **
    expect(ev("1 + 2 * 3 ^ 2 ^ 0.5 % 4")).toEqual({ type: "scalar", value: 2.4576087756748297 }); // Prometheus 2.42's answer
    expect(ev("2 > bool 1")).toEqual({ type: "scalar", value: 1 });
  });

  it("applies scalars to each element, dropping the name for arithmetic", () => {
    expect(pairs("cap * 2")).toEqual([
      [{ svc: "api" }, 400],
      [{ svc: "db" }, 100],
    ]);
    expect(pairs("cap / zero")).toEqual([[{ svc: "api" }, Infinity]]);
    expect(pairs("zero / zero")[0]![1]).toBeNaN();
  });

  it("filters on comparisons, keeping the vector's value and name; bool returns 0/1 without the name", () => {
    expect(pairs("cap > 100")).toEqual([[{ __name__: "cap", svc: "api" }, 200]]);
    expect(pairs("100 < cap")).toEqual([[{ __name__: "cap", svc: "api" }, 200]]);
    expect(pairs("cap > bool 100")).toEqual([
      [{ svc: "api" }, 1],
      [{ svc: "db" }, 0],
    ]);
  });

  it("matches vectors one-to-one on all labels but the name", () => {
    expect(pairs("cap - cap")).toEqual([
      [{ svc: "api" }, 0],
      [{ svc: "db" }, 0],
    ]);
    expect(pairs("cap / zero")).toEqual([[{ svc: "api" }, Infinity]]);
    expect(pairs("req / cap")).toEqual([]); // code is not on cap: nothing matches
  });

  it("matches on(...) / ignoring(...) and keeps only the matching labels", () => {
    expect(pairs('req{code="500"} / on(svc) cap')).toEqual([[{ svc: "api" }, 0.05]]);
    expect(pairs('req{code="500"} / ignoring(code) cap')).toEqual([[{ svc: "api" }, 0.05]]);
    expect(pairs("sum by (svc) (req) / on(svc) cap")).toEqual([[{ svc: "api" }, 0.5]]);
  });

  it("matches many-to-one with group_left, copying labels from the one side", () => {
    expect(pairs("req / on(svc) group_left cap")).toEqual([
      [{ svc: "api", code: "200" }, 0.45],
      [{ svc: "api", code: "500" }, 0.05],
    ]);
    const withOwner = gauges([
      [{ __name__: "req", svc: "api", code: "200" }, 1],
      [{ __name__: "info", svc: "api", owner: "team-a" }, 1],
    ]);
    expect(samples(evaluateInstant("req * on(svc) group_left(owner) info", withOwner, at(0)))[0]!.labels).toEqual({
      svc: "api",
      code: "200",
      owner: "team-a",
    });
    expect(pairs("cap / on(svc) group_right req")).toEqual([
      [{ svc: "api", code: "200" }, 200 / 90],
      [{ svc: "api", code: "500" }, 20],
    ]);
  });

  it("refuses ambiguous matches with Prometheus's messages", () => {
    expect(executionError("req / on(svc) cap", store)).toBe(
      'multiple matches for labels: many-to-one matching must be explicit (group_left/group_right)',
    );
    expect(executionError("cap / on(svc) req", store)).toBe(
      'found duplicate series for the match group {svc="api"} on the right hand-side of the operation: ' +
        '[{__name__="req", code="500", svc="api"}, {__name__="req", code="200", svc="api"}];' +
        "many-to-many matching not allowed: matching labels must be unique on one side",
    );
  });

  it("and / or / unless select by label set, ignoring the name", () => {
    expect(pairs("cap and zero")).toEqual([[{ __name__: "cap", svc: "api" }, 200]]);
    expect(pairs("cap unless zero")).toEqual([[{ __name__: "cap", svc: "db" }, 50]]);
    expect(pairs('zero or cap{svc="db"}')).toEqual([
      [{ __name__: "zero", svc: "api" }, 0],
      [{ __name__: "cap", svc: "db" }, 50],
    ]);
    expect(pairs("cap and on() vector(1)")).toHaveLength(2);
    expect(pairs("cap > 1000 or vector(0)")).toEqual([[{}, 0]]);
  });

  it("negates vectors, dropping the name", () => {
    expect(pairs('-cap{svc="db"}')).toEqual([[{ svc: "db" }, -50]]);
  });
});

describe("the success-rate gate query", () => {
  const SUCCESS_RATE =
    'sum(rate(istio_requests_total{reporter="destination",destination_service_name="checkout-api",destination_version="release",response_code!~"5.."}[1m]))' +
    ' / sum(rate(istio_requests_total{reporter="destination",destination_service_name="checkout-api",destination_version="release"}[1m]))';

  /** Counters scraped every 15 s for 5 minutes at the given requests per second. */
  function traffic(rps: Record<string, number>, extra: Labels = {}): TimeSeriesStore {
    const store = new TimeSeriesStore();
    for (const [code, perSecond] of Object.entries(rps)) {
      const labels = {
        __name__: "istio_requests_total",
        reporter: "destination",
        destination_service_name: "checkout-api",
        destination_version: "release",
        response_code: code,
        ...extra,
      };
      for (let s = 0; s <= 300; s += 15) store.append(labels, at(s), perSecond * s);
    }
    return store;
  }

  it("is the share of non-5xx requests", () => {
    const store = traffic({ "200": 85, "404": 5, "503": 10 });
    // other reporters, services and versions must not count
    const base = { __name__: "istio_requests_total", destination_service_name: "checkout-api", response_code: "500" };
    for (let s = 0; s <= 300; s += 15) {
      store.append({ ...base, reporter: "source", destination_version: "release" }, at(s), 1000 * s);
      store.append({ ...base, reporter: "destination", destination_version: "canary" }, at(s), 1000 * s);
    }
    const s = samples(evaluateInstant(SUCCESS_RATE, store, at(300)));
    expect(s).toHaveLength(1);
    expect(s[0]!.labels).toEqual({});
    expect(s[0]!.value).toBeCloseTo(0.9, 12);
  });

  it("is empty, not 0, when every request fails (the numerator selects nothing), and with no traffic", () => {
    expect(samples(evaluateInstant(SUCCESS_RATE, traffic({ "503": 10 }), at(300)))).toEqual([]);
    expect(samples(evaluateInstant(SUCCESS_RATE, new TimeSeriesStore(), at(300)))).toEqual([]);
  });

  it("is NaN when the counters stand still (0 / 0)", () => {
    expect(samples(evaluateInstant(SUCCESS_RATE, traffic({ "200": 0 }), at(300)))[0]!.value).toBeNaN();
  });

  it("evaluates over a range, one instant query per step", () => {
    const store = traffic({ "200": 95, "500": 5 });
    const m = evaluateRange(SUCCESS_RATE, store, at(60), at(300), 60_000);
    expect(m.series).toHaveLength(1);
    expect(m.series[0]!.labels).toEqual({});
    expect(m.series[0]!.points.map(([t]) => (t - T0) / 1000)).toEqual([60, 120, 180, 240, 300]);
    for (const [, v] of m.series[0]!.points) expect(v).toBeCloseTo(0.95, 12);
  });
});

describe("evaluateRange", () => {
  const store = new TimeSeriesStore();
  store.append({ __name__: "g", pod: "b" }, at(0), 1);
  store.append({ __name__: "g", pod: "a" }, at(30), 2);

  it("joins steps into series sorted by labels, leaving out steps without a value", () => {
    expect(evaluateRange("g", store, at(0), at(60), 30_000)).toEqual({
      type: "matrix",
      series: [
        { labels: { __name__: "g", pod: "a" }, points: [[at(30), 2], [at(60), 2]] },
        { labels: { __name__: "g", pod: "b" }, points: [[at(0), 1], [at(30), 1], [at(60), 1]] },
      ],
    });
  });

  it("turns a scalar into one series without labels", () => {
    expect(evaluateRange("time()", store, at(0), at(10), 5_000).series).toEqual([
      { labels: {}, points: [[at(0), at(0) / 1000], [at(5), at(5) / 1000], [at(10), at(10) / 1000]] },
    ]);
  });

  it("refuses range vectors and strings like Prometheus", () => {
    expect(() => evaluateRange("g[1m]", store, at(0), at(60), 30_000)).toThrow(
      'invalid expression type "range vector" for range query, must be Scalar or instant Vector',
    );
  });
});
