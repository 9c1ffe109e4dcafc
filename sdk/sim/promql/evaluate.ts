/**
 * Evaluates a parsed PromQL expression over a `TimeSeriesStore` at an instant, with Prometheus's
 * semantics for selectors, aggregations and binary operators (vector matching included).
 */
import type { Aggregation, BinaryExpr, Expr, VectorSelector } from "./ast.ts";
import { COMPARISON_OPS, SET_OPS } from "./ast.ts";
import { PromQLError } from "./errors.ts";
import { FUNCTIONS } from "./functions.ts";
import { goPow } from "./go-math.ts";
import {
  compareLabels,
  dropMetricName,
  formatLabels,
  labelsKey,
  METRIC_NAME,
  pickLabels,
  type MatrixSeries,
  type Value,
  type VectorSample,
} from "./values.ts";
import type { Labels, TimeSeriesStore } from "../tsdb.ts";

/** How far back an instant vector selector looks for a sample: Prometheus's default lookback delta. */
export const LOOKBACK_DELTA_MS = 5 * 60_000;

/**
 * Samples per selector, fetched from the store once for a whole query (every step of a range query)
 * and then windowed per evaluation time.
 *
 * @example
 * const source = new SampleSource(store, startMs, endMs);
 * for (let t = startMs; t <= endMs; t += stepMs) evaluateAt(expr, source, t);
 */
export class SampleSource {
  private readonly cache = new Map<VectorSelector, MatrixSeries[]>();

  constructor(
    private readonly store: TimeSeriesStore,
    private readonly spanStartMs: number,
    private readonly spanEndMs: number,
  ) {}

  /**
   * The selector's series with their samples in (t - windowMs, t], t = atMs - offset: the window is
   * open on the left, as in the brief and Prometheus 3 (Prometheus 2.x also takes a sample exactly
   * at t - windowMs). Series without samples there are left out. Sorted by labels, like Prometheus.
   */
  window(selector: VectorSelector, windowMs: number, atMs: number): MatrixSeries[] {
    let all = this.cache.get(selector);
    if (!all) {
      const from = this.spanStartMs - selector.offsetMs - windowMs;
      all = this.store
        .select(selector.matchers, from, this.spanEndMs - selector.offsetMs)
        .map((s) => ({ labels: s.labels, points: s.samples }))
        .sort((a, b) => compareLabels(a.labels, b.labels));
      this.cache.set(selector, all);
    }
    const end = atMs - selector.offsetMs;
    const out: MatrixSeries[] = [];
    for (const series of all) {
      const lo = firstIndexAfter(series.points, end - windowMs);
      const hi = firstIndexAfter(series.points, end);
      if (hi > lo) out.push({ labels: series.labels, points: series.points.slice(lo, hi) });
    }
    return out;
  }
}

/** Index of the first point with time > t (binary search; points are in time order). */
function firstIndexAfter(points: [number, number][], t: number): number {
  let [lo, hi] = [0, points.length];
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (points[mid]![0] > t) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}

/**
 * Evaluates `expr` at `atMs`; throws `PromQLError` (type `execution`) when Prometheus would fail the query.
 *
 * @example
 * evaluateAt(parsePromQL("sum(up)"), new SampleSource(store, at, at), at);
 */
export function evaluateAt(expr: Expr, source: SampleSource, atMs: number): Value {
  const ev = (e: Expr): Value => evaluateAt(e, source, atMs);
  switch (expr.kind) {
    case "number":
      return { type: "scalar", value: expr.value };
    case "string":
      return { type: "string", value: expr.value };
    case "paren":
      return ev(expr.expr);
    case "vector-selector":
      return {
        type: "vector",
        samples: source
          .window(expr, LOOKBACK_DELTA_MS, atMs)
          .map((s) => ({ labels: s.labels, value: s.points[s.points.length - 1]![1] })),
      };
    case "matrix-selector":
      return { type: "matrix", series: source.window(expr.selector, expr.rangeMs, atMs) };
    case "call":
      return unique(FUNCTIONS[expr.func]({ call: expr, args: expr.args.map(ev), atMs }));
    case "aggregation":
      return aggregate(expr, samplesOf(ev(expr.expr)), expr.param && scalarOf(ev(expr.param)));
    case "unary": {
      const v = ev(expr.expr);
      if (v.type === "scalar") return { type: "scalar", value: -v.value };
      return unique({ type: "vector", samples: samplesOf(v).map((s) => ({ labels: dropMetricName(s.labels), value: -s.value })) });
    }
    case "binary":
      return unique(binary(expr, ev(expr.lhs), ev(expr.rhs)));
  }
}

const samplesOf = (v: Value): VectorSample[] => (v as { samples: VectorSample[] }).samples;
const scalarOf = (v: Value): number => (v as { value: number }).value;

/** Prometheus refuses results where dropping the metric name made two elements identical. */
function unique(v: Value): Value {
  if (v.type !== "vector") return v;
  const seen = new Set<string>();
  for (const s of v.samples) {
    const key = labelsKey(s.labels);
    if (seen.has(key)) throw PromQLError.execution("vector cannot contain metrics with the same labelset");
    seen.add(key);
  }
  return v;
}

function aggregate(expr: Aggregation, samples: VectorSample[], param: number | undefined): Value {
  const grouping = new Set(expr.grouping);
  const inGroup = expr.without ? (k: string) => !grouping.has(k) && k !== METRIC_NAME : (k: string) => grouping.has(k);
  const groups = new Map<string, { labels: Labels; members: VectorSample[] }>();
  for (const s of samples) {
    const key = labelsKey(s.labels, inGroup);
    let group = groups.get(key);
    if (!group) groups.set(key, (group = { labels: pickLabels(s.labels, inGroup), members: [] }));
    group.members.push(s);
  }
  const out: VectorSample[] = [];
  for (const { labels, members } of groups.values()) {
    if (expr.op === "topk" || expr.op === "bottomk") {
      out.push(...selectK(members, Math.trunc(param ?? 0), expr.op === "topk"));
    } else {
      out.push({ labels, value: reduce(expr.op, members.map((m) => m.value)) });
    }
  }
  return { type: "vector", samples: out };
}

/** sum/avg/min/max/count the way Prometheus 2.42's aggregation() folds a group. */
function reduce(op: "sum" | "avg" | "min" | "max" | "count", values: number[]): number {
  let [value, mean] = [values[0]!, values[0]!];
  for (let i = 1; i < values.length; i++) {
    const v = values[i]!;
    const count = i + 1;
    if (op === "sum") value += v;
    else if (op === "max" && (value < v || Number.isNaN(value))) value = v;
    else if (op === "min" && (value > v || Number.isNaN(value))) value = v;
    else if (op === "avg") {
      // An infinite mean stays as it is unless a NaN or an opposite infinity arrives.
      const infinite = mean === Infinity || mean === -Infinity;
      if (infinite && (v === mean || Number.isFinite(v))) continue;
      // Dividing each term first keeps the running mean from overflowing.
      mean += v / count - mean / count;
    }
  }
  return op === "count" ? values.length : op === "avg" ? mean : value;
}

/** topk/bottomk: the k largest (smallest) elements, keeping their labels; NaN ranks last. */
function selectK(members: VectorSample[], k: number, top: boolean): VectorSample[] {
  if (k < 1) return [];
  const order = (a: VectorSample, b: VectorSample): number => {
    if (Number.isNaN(a.value) || Number.isNaN(b.value)) return Number(Number.isNaN(a.value)) - Number(Number.isNaN(b.value));
    const [x, y] = top ? [b.value, a.value] : [a.value, b.value];
    return x < y ? -1 : x > y ? 1 : 0;
  };
  return [...members].sort(order).slice(0, k);
}

/** Prometheus's vectorElemBinop: the value, and whether a comparison keeps the element. */
function elementOp(op: BinaryExpr["op"], l: number, r: number): [number, boolean] {
  switch (op) {
    case "+":
      return [l + r, true];
    case "-":
      return [l - r, true];
    case "*":
      return [l * r, true];
    case "/":
      return [l / r, true];
    case "%":
      return [l % r, true]; // JS % is Go's math.Mod: sign of the dividend, NaN for x % 0
    case "^":
      return [goPow(l, r), true];
    case "==":
      return [l, l === r];
    case "!=":
      return [l, l !== r];
    case ">":
      return [l, l > r];
    case "<":
      return [l, l < r];
    case ">=":
      return [l, l >= r];
    case "<=":
      return [l, l <= r];
    default:
      throw new Error(`not an element-wise operator: ${op}`);
  }
}

const isArithmetic = (op: string) => !COMPARISON_OPS.includes(op) && !SET_OPS.includes(op);

function binary(expr: BinaryExpr, lhs: Value, rhs: Value): Value {
  const { op, returnBool } = expr;
  if (lhs.type === "scalar" && rhs.type === "scalar") {
    const [value, keep] = elementOp(op, lhs.value, rhs.value);
    return { type: "scalar", value: returnBool ? Number(keep) : value };
  }
  if (lhs.type === "scalar" || rhs.type === "scalar") {
    const swap = lhs.type === "scalar";
    const scalar = scalarOf(swap ? lhs : rhs);
    const out: VectorSample[] = [];
    for (const s of samplesOf(swap ? rhs : lhs)) {
      let [value, keep] = swap ? elementOp(op, scalar, s.value) : elementOp(op, s.value, scalar);
      // A comparison keeps the vector's value even when the scalar is on the left.
      if (!isArithmetic(op) && swap) value = s.value;
      if (returnBool) [value, keep] = [Number(keep), true];
      if (!keep) continue;
      out.push({ labels: isArithmetic(op) || returnBool ? dropMetricName(s.labels) : s.labels, value });
    }
    return { type: "vector", samples: out };
  }
  return { type: "vector", samples: vectorBinary(expr, samplesOf(lhs), samplesOf(rhs)) };
}

function vectorBinary(expr: BinaryExpr, lhs: VectorSample[], rhs: VectorSample[]): VectorSample[] {
  const { op, returnBool } = expr;
  const matching = expr.matching!;
  const names = new Set(matching.labels);
  const matched = matching.on ? (k: string) => names.has(k) : (k: string) => !names.has(k) && k !== METRIC_NAME;
  const sig = (s: VectorSample) => labelsKey(s.labels, matched);

  if (op === "and" || op === "unless") {
    const right = new Set(rhs.map(sig));
    return lhs.filter((s) => right.has(sig(s)) === (op === "and"));
  }
  if (op === "or") {
    const left = new Set(lhs.map(sig));
    return [...lhs, ...rhs.filter((s) => !left.has(sig(s)))];
  }

  // group_right is group_left with the sides swapped: `many` holds the side that may repeat.
  const oneToMany = matching.card === "one-to-many";
  const [many, one] = oneToMany ? [rhs, lhs] : [lhs, rhs];
  const oneBySig = new Map<string, VectorSample>();
  for (const s of one) {
    const dup = oneBySig.get(sig(s));
    if (dup) {
      throw PromQLError.execution(
        `found duplicate series for the match group ${formatLabels(pickLabels(s.labels, matched))} on the ` +
          `${oneToMany ? "left" : "right"} hand-side of the operation: [${formatLabels(s.labels)}, ${formatLabels(dup.labels)}];` +
          "many-to-many matching not allowed: matching labels must be unique on one side",
      );
    }
    oneBySig.set(sig(s), s);
  }
  const emitted = new Map<string, Set<string>>();
  const out: VectorSample[] = [];
  for (const s of many) {
    const key = sig(s);
    const other = oneBySig.get(key);
    if (!other) continue;
    const [l, r] = oneToMany ? [other.value, s.value] : [s.value, other.value];
    let [value, keep] = elementOp(op, l, r);
    if (returnBool) [value, keep] = [Number(keep), true];
    if (!keep) continue;
    const labels = resultLabels(expr, s.labels, other.labels);
    const seen = emitted.get(key);
    if (matching.card === "one-to-one") {
      if (seen) {
        throw PromQLError.execution(
          "multiple matches for labels: many-to-one matching must be explicit (group_left/group_right)",
        );
      }
      emitted.set(key, new Set());
    } else {
      const labelKey = labelsKey(labels);
      if (seen?.has(labelKey)) {
        throw PromQLError.execution("multiple matches for labels: grouping labels must ensure unique matches");
      }
      emitted.set(key, (seen ?? new Set()).add(labelKey));
    }
    out.push({ labels, value });
  }
  return out;
}

/** Prometheus's resultMetric: the labels of one element of a vector/vector operation's result. */
function resultLabels(expr: BinaryExpr, many: Labels, one: Labels): Labels {
  const matching = expr.matching!;
  let labels = isArithmetic(expr.op) || expr.returnBool ? dropMetricName(many) : { ...many };
  if (matching.card === "one-to-one") {
    const names = new Set(matching.labels);
    labels = pickLabels(labels, (k) => names.has(k) === matching.on);
  }
  for (const name of matching.include) {
    if (one[name]) labels[name] = one[name];
    else delete labels[name];
  }
  return labels;
}
