/**
 * The simulator's PromQL: a subset of the Prometheus query language, parsed into a typed AST and
 * evaluated over a `TimeSeriesStore` with Prometheus's semantics, so gates that run against the
 * simulator mean the same as against a real Prometheus.
 */
import { typeOf, type Expr } from "./ast.ts";
import { PromQLError } from "./errors.ts";
import { evaluateAt, SampleSource } from "./evaluate.ts";
import { parsePromQL } from "./parser.ts";
import { compareLabels, labelsKey, type MatrixSeries, type Value } from "./values.ts";
import type { TimeSeriesStore } from "../tsdb.ts";

export type * from "./ast.ts";
export { typeOf } from "./ast.ts";
export { parseDuration } from "./duration.ts";
export { PromQLError, type PromQLErrorType } from "./errors.ts";
export { LOOKBACK_DELTA_MS } from "./evaluate.ts";
export { SUPPORTED_SUBSET } from "./grammar.ts";
export { parsePromQL } from "./parser.ts";
export type { MatrixSeries, Value, VectorSample } from "./values.ts";

/**
 * Evaluates a query (text or a parsed AST) at one instant, like Prometheus's `/api/v1/query`.
 * Throws `PromQLError`: type `bad_data` when it does not parse, `execution` when it cannot be evaluated.
 *
 * @example
 * const v = evaluateInstant('sum(rate(http_requests_total[1m]))', store, Date.parse("2026-11-24T03:05:00Z"));
 * if (v.type === "vector") console.log(v.samples[0]?.value);
 */
export function evaluateInstant(query: Expr | string, store: TimeSeriesStore, atMs: number): Value {
  const expr = typeof query === "string" ? parsePromQL(query) : query;
  return evaluateAt(expr, new SampleSource(store, atMs, atMs), atMs);
}

/**
 * Evaluates a query at every step from `startMs` to `endMs` (inclusive) as an instant query, and
 * joins the results into series, like Prometheus's `/api/v1/query_range`. The query must yield a
 * scalar or an instant vector; a scalar becomes one series without labels. Series are sorted by labels.
 *
 * @example
 * const m = evaluateRange("up", store, start, start + 600_000, 15_000);
 * m.series.map((s) => s.points.length);
 */
export function evaluateRange(
  query: Expr | string,
  store: TimeSeriesStore,
  startMs: number,
  endMs: number,
  stepMs: number,
): { type: "matrix"; series: MatrixSeries[] } {
  const expr = typeof query === "string" ? parsePromQL(query) : query;
  const type = typeOf(expr);
  if (type !== "scalar" && type !== "instant vector") {
    throw new PromQLError("bad_data", `invalid expression type "${type}" for range query, must be Scalar or instant Vector`);
  }
  if (!(stepMs > 0)) throw new PromQLError("bad_data", "the step of a range query must be positive");
  const source = new SampleSource(store, startMs, endMs);
  const series = new Map<string, MatrixSeries>();
  for (let t = startMs; t <= endMs; t += stepMs) {
    const value = evaluateAt(expr, source, t);
    const samples = value.type === "vector" ? value.samples : [{ labels: {}, value: (value as { value: number }).value }];
    for (const s of samples) {
      const key = labelsKey(s.labels);
      let out = series.get(key);
      if (!out) series.set(key, (out = { labels: s.labels, points: [] }));
      out.points.push([t, s.value]);
    }
  }
  return { type: "matrix", series: [...series.values()].sort((a, b) => compareLabels(a.labels, b.labels)) };
}
