/**
 * The simulator's time-series store: counters and gauges sampled on virtual time, the data the
 * Prometheus face evaluates PromQL over.
 */
import { labelRegexMatches } from "./promql/re2.ts";

export type Labels = Record<string, string>;

export interface Series {
  /** Includes `__name__`. */
  labels: Labels;
  /** Sorted by time: [ms since epoch, value]. */
  samples: [number, number][];
}

export interface LabelMatcher {
  name: string;
  op: "=" | "!=" | "=~" | "!~";
  value: string;
}

const seriesKey = (labels: Labels) =>
  Object.keys(labels)
    .sort()
    .map((k) => `${k}=${labels[k]}`)
    .join(",");

/** Whether label value `v` (`""` for a missing label) satisfies `m`, as Prometheus's matchers test it. */
export function matcherAccepts(m: LabelMatcher, v: string): boolean {
  switch (m.op) {
    case "=":
      return v === m.value;
    case "!=":
      return v !== m.value;
    case "=~":
      return labelRegexMatches(m.value, v);
    case "!~":
      return !labelRegexMatches(m.value, v);
  }
}

export class TimeSeriesStore {
  private series = new Map<string, Series>();
  // The model appends with the same label objects every scrape: key them once.
  private keys = new WeakMap<Labels, string>();

  /** Appends one sample; samples must arrive in time order per series. Do not mutate `labels` afterwards. */
  append(labels: Labels, at: number, value: number): void {
    let key = this.keys.get(labels);
    if (key === undefined) {
      key = seriesKey(labels);
      this.keys.set(labels, key);
    }
    let s = this.series.get(key);
    if (!s) {
      s = { labels: { ...labels }, samples: [] };
      this.series.set(key, s);
    }
    s.samples.push([at, value]);
  }

  /** Series whose labels satisfy every matcher, with only the samples in [fromMs, toMs]. */
  select(matchers: LabelMatcher[], fromMs: number, toMs: number): Series[] {
    const out: Series[] = [];
    for (const s of this.series.values()) {
      if (!matchers.every((m) => matcherAccepts(m, s.labels[m.name] ?? ""))) continue;
      const samples = s.samples.filter(([t]) => t >= fromMs && t <= toMs);
      if (samples.length) out.push({ labels: s.labels, samples });
    }
    return out;
  }

  /** Number of series held (for tests and benchmarks). */
  get size(): number {
    return this.series.size;
  }
}
