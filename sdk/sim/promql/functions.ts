/**
 * PromQL functions, ported from Prometheus 2.42's promql/functions.go so results agree to the last
 * bit where the algorithms allow: extrapolatedRate for rate/increase/delta, Kahan summation in
 * sum_over_time/avg_over_time, bucketQuantile for histogram_quantile.
 */
import type { Call, Expr, FunctionName, MatrixSelector } from "./ast.ts";
import { dropMetricName, labelsKey, METRIC_NAME, pickLabels, type MatrixSeries, type Value, type VectorSample } from "./values.ts";
import type { Labels } from "../tsdb.ts";
import { parseLe, preparedBuckets, quantileBucket, type CumulativeBucket } from "../../util/classic-histogram.ts";

/** A call's evaluated arguments, with the call itself (for range boundaries) and the evaluation time. */
export interface FunctionInput {
  call: Call;
  args: Value[];
  atMs: number;
}

type RangeFn = (points: [number, number][], window: { startMs: number; endMs: number; rangeMs: number }) => number | undefined;

const vectorArg = (input: FunctionInput, n: number): VectorSample[] => (input.args[n] as { samples: VectorSample[] }).samples;
const scalarArg = (input: FunctionInput, n: number): number => (input.args[n] as { value: number }).value;
const vector = (samples: VectorSample[]): Value => ({ type: "vector", samples });

/** A range-vector function: `fn` per series (undefined drops it); the result loses the metric name. */
function overRange(fn: RangeFn): (input: FunctionInput) => Value {
  return (input) => {
    const ms = input.call.args[0] as MatrixSelector;
    const endMs = input.atMs - ms.selector.offsetMs;
    const window = { startMs: endMs - ms.rangeMs, endMs, rangeMs: ms.rangeMs };
    const out: VectorSample[] = [];
    for (const series of (input.args[0] as { series: MatrixSeries[] }).series) {
      const value = fn(series.points, window);
      if (value !== undefined) out.push({ labels: dropMetricName(series.labels), value });
    }
    return vector(out);
  };
}

/** An element-wise function of an instant vector; the result loses the metric name. */
function perSample(fn: (value: number, input: FunctionInput) => number): (input: FunctionInput) => Value {
  return (input) =>
    vector(vectorArg(input, 0).map((s) => ({ labels: dropMetricName(s.labels), value: fn(s.value, input) })));
}

/**
 * Prometheus 2.42's extrapolatedRate: the increase between the first and last sample in the window
 * (plus the value before every counter reset), extrapolated towards the window's edges. It extends
 * to an edge only when the nearest sample is within 1.1 average sample intervals of it, otherwise
 * by half an interval; a counter is never extrapolated below zero. Needs two samples.
 */
function extrapolatedRate(isCounter: boolean, isRate: boolean): RangeFn {
  return (points, { startMs, endMs, rangeMs }) => {
    if (points.length < 2) return undefined;
    const [firstT, firstV] = points[0]!;
    const [lastT, lastV] = points[points.length - 1]!;
    let result = lastV - firstV;
    if (isCounter) {
      for (let i = 1; i < points.length; i++) {
        if (points[i]![1] < points[i - 1]![1]) result += points[i - 1]![1];
      }
    }
    let durationToStart = (firstT - startMs) / 1000;
    const durationToEnd = (endMs - lastT) / 1000;
    const sampledInterval = (lastT - firstT) / 1000;
    const averageDurationBetweenSamples = sampledInterval / (points.length - 1);
    // 2.42 clamps to the counter's zero point before the threshold check (later releases after it).
    if (isCounter && result > 0 && firstV >= 0) {
      const durationToZero = sampledInterval * (firstV / result);
      if (durationToZero < durationToStart) durationToStart = durationToZero;
    }
    const extrapolationThreshold = averageDurationBetweenSamples * 1.1;
    let extrapolateToInterval = sampledInterval;
    extrapolateToInterval += durationToStart < extrapolationThreshold ? durationToStart : averageDurationBetweenSamples / 2;
    extrapolateToInterval += durationToEnd < extrapolationThreshold ? durationToEnd : averageDurationBetweenSamples / 2;
    let factor = extrapolateToInterval / sampledInterval;
    if (isRate) factor /= rangeMs / 1000;
    return result * factor;
  };
}

/** irate: the per-second rate between the last two samples (after a reset, the last value). */
const instantRate: RangeFn = (points) => {
  if (points.length < 2) return undefined;
  const [prevT, prevV] = points[points.length - 2]!;
  const [lastT, lastV] = points[points.length - 1]!;
  if (lastT === prevT) return undefined;
  return (lastV < prevV ? lastV : lastV - prevV) / ((lastT - prevT) / 1000);
};

/** Neumaier's variant of Kahan summation, as Prometheus's kahanSumInc. */
function kahanSumInc(inc: number, sum: number, c: number): [number, number] {
  const t = sum + inc;
  if (Math.abs(sum) >= Math.abs(inc)) c += sum - t + inc;
  else c += inc - t + sum;
  return [t, c];
}

const sumOverTime: RangeFn = (points) => {
  let [sum, c] = [0, 0];
  for (const [, v] of points) [sum, c] = kahanSumInc(v, sum, c);
  return Number.isFinite(sum) ? sum + c : sum;
};

/** An incremental mean (no overflow for large values) that keeps an infinite mean infinite. */
const avgOverTime: RangeFn = (points) => {
  let [mean, c, count] = [0, 0, 0];
  for (const [, v] of points) {
    count++;
    if (!Number.isFinite(mean) && !Number.isNaN(mean)) {
      if (!Number.isFinite(v) && !Number.isNaN(v) && mean > 0 === v > 0) continue;
      if (Number.isFinite(v)) continue;
    }
    [mean, c] = kahanSumInc(v / count - mean / count, mean, c);
  }
  return Number.isFinite(mean) ? mean + c : mean;
};

/** max/min over time: NaN only wins when every sample is NaN. */
const extremeOverTime =
  (better: (a: number, b: number) => boolean): RangeFn =>
  (points) => {
    let best = points[0]![1];
    for (const [, v] of points) if (better(v, best) || Number.isNaN(best)) best = v;
    return best;
  };

/**
 * Prometheus's bucketQuantile over classic cumulative buckets: NaN without a +Inf bucket or without
 * observations, buckets with equal bounds merged, counts forced monotonic, linear interpolation
 * inside the bucket holding the rank, and the second-highest bound when the rank falls in +Inf.
 *
 * @example
 * bucketQuantile(0.5, [{ upperBound: 10, count: 40 }, { upperBound: 20, count: 100 }, { upperBound: Infinity, count: 100 }]);
 * // 10 + 10 × (50 − 40) / 60 ≈ 11.67
 */
export function bucketQuantile(q: number, input: CumulativeBucket[]): number {
  if (Number.isNaN(q)) return NaN;
  if (q < 0) return -Infinity;
  if (q > 1) return Infinity;
  const buckets = preparedBuckets(input);
  const b = quantileBucket(q, buckets);
  if (b === -1) return NaN;
  let rank = q * buckets[buckets.length - 1]!.count;
  if (b === buckets.length - 1) return buckets[buckets.length - 2]!.upperBound;
  if (b === 0 && buckets[0]!.upperBound <= 0) return buckets[0]!.upperBound;
  let bucketStart = 0;
  const bucketEnd = buckets[b]!.upperBound;
  let count = buckets[b]!.count;
  if (b > 0) {
    bucketStart = buckets[b - 1]!.upperBound;
    count -= buckets[b - 1]!.count;
    rank -= buckets[b - 1]!.count;
  }
  return bucketStart + (bucketEnd - bucketStart) * (rank / count);
}

function histogramQuantile(input: FunctionInput): Value {
  const q = scalarArg(input, 0);
  const groups = new Map<string, { labels: Labels; buckets: CumulativeBucket[] }>();
  for (const s of vectorArg(input, 1)) {
    // Samples without a parseable `le` are skipped, as Prometheus does.
    const upperBound = parseLe(s.labels.le);
    if (Number.isNaN(upperBound)) continue;
    const key = labelsKey(s.labels, (k) => k !== "le");
    let group = groups.get(key);
    if (!group) {
      group = { labels: pickLabels(s.labels, (k) => k !== "le" && k !== METRIC_NAME), buckets: [] };
      groups.set(key, group);
    }
    group.buckets.push({ upperBound, count: s.value });
  }
  return vector([...groups.values()].map((g) => ({ labels: g.labels, value: bucketQuantile(q, g.buckets) })));
}

/** absent's labels: those of `=` matchers, minus any label that also has another matcher. */
function absentLabels(arg: Expr): Labels {
  if (arg.kind !== "vector-selector") return {};
  const labels: Labels = {};
  const conflicting = new Set<string>();
  for (const m of arg.matchers) {
    if (m.name === METRIC_NAME) continue;
    if (m.op === "=" && !(m.name in labels)) {
      if (m.value !== "") labels[m.name] = m.value;
    } else conflicting.add(m.name);
  }
  for (const name of conflicting) delete labels[name];
  return labels;
}

/** Implementations of every function in `FUNCTION_SIGNATURES`. */
export const FUNCTIONS: Record<FunctionName, (input: FunctionInput) => Value> = {
  rate: overRange(extrapolatedRate(true, true)),
  increase: overRange(extrapolatedRate(true, false)),
  delta: overRange(extrapolatedRate(false, false)),
  irate: overRange(instantRate),
  avg_over_time: overRange(avgOverTime),
  sum_over_time: overRange(sumOverTime),
  max_over_time: overRange(extremeOverTime((v, best) => v > best)),
  min_over_time: overRange(extremeOverTime((v, best) => v < best)),
  count_over_time: overRange((points) => points.length),
  histogram_quantile: histogramQuantile,
  abs: perSample(Math.abs),
  ceil: perSample(Math.ceil),
  floor: perSample(Math.floor),
  clamp_min: perSample((v, input) => Math.max(scalarArg(input, 1), v)),
  clamp_max: perSample((v, input) => Math.min(scalarArg(input, 1), v)),
  scalar: (input) => {
    const samples = vectorArg(input, 0);
    return { type: "scalar", value: samples.length === 1 ? samples[0]!.value : NaN };
  },
  vector: (input) => vector([{ labels: {}, value: scalarArg(input, 0) }]),
  time: (input) => ({ type: "scalar", value: input.atMs / 1000 }),
  absent: (input) =>
    vector(vectorArg(input, 0).length > 0 ? [] : [{ labels: absentLabels(input.call.args[0]!), value: 1 }]),
};
