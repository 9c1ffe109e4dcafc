/**
 * What PromQL expressions evaluate to, and the label-set helpers the evaluator shares.
 */
import type { Labels } from "../tsdb.ts";

/** One element of an instant vector. */
export interface VectorSample {
  labels: Labels;
  value: number;
}

/** One series of a range vector (or of a range query's result): `[ms since epoch, value]` points. */
export interface MatrixSeries {
  labels: Labels;
  points: [number, number][];
}

export type Value =
  | { type: "scalar"; value: number }
  | { type: "string"; value: string }
  | { type: "vector"; samples: VectorSample[] }
  | { type: "matrix"; series: MatrixSeries[] };

/** The label holding the metric name. */
export const METRIC_NAME = "__name__";

/**
 * A string identifying a label set, restricted to the labels `keep` accepts (all by default):
 * equal keys mean equal label sets.
 *
 * @example
 * labelsKey({ b: "2", a: "1" }) === labelsKey({ a: "1", b: "2" }); // true
 */
export function labelsKey(labels: Labels, keep: (name: string) => boolean = () => true): string {
  return JSON.stringify(
    Object.keys(labels)
      .filter(keep)
      .sort()
      .map((k) => [k, labels[k]]),
  );
}

/** The labels `keep` accepts. */
export function pickLabels(labels: Labels, keep: (name: string) => boolean): Labels {
  const out: Labels = {};
  for (const [k, v] of Object.entries(labels)) if (keep(k)) out[k] = v;
  return out;
}

/** The labels without `__name__`, as arithmetic and most functions return them. */
export function dropMetricName(labels: Labels): Labels {
  return pickLabels(labels, (k) => k !== METRIC_NAME);
}

/** Order of Prometheus's labels.Compare: label pairs sorted by name, compared pairwise, shorter first. */
export function compareLabels(a: Labels, b: Labels): number {
  const ka = Object.keys(a).sort();
  const kb = Object.keys(b).sort();
  for (let i = 0; i < Math.min(ka.length, kb.length); i++) {
    const [na, nb] = [ka[i]!, kb[i]!];
    if (na !== nb) return na < nb ? -1 : 1;
    const [va, vb] = [a[na]!, b[nb]!];
    if (va !== vb) return va < vb ? -1 : 1;
  }
  return ka.length - kb.length;
}

/** `{__name__="up", job="api"}`, as Prometheus prints label sets in messages. */
export function formatLabels(labels: Labels): string {
  const pairs = Object.keys(labels)
    .sort()
    .map((k) => `${k}=${JSON.stringify(labels[k])}`);
  return `{${pairs.join(", ")}}`;
}
