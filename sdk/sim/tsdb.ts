/**
 * The simulator's time-series store: counters and gauges sampled on virtual time, the data the
 * Prometheus face evaluates PromQL over.
 */

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

function matches(labels: Labels, m: LabelMatcher): boolean {
  const v = labels[m.name] ?? "";
  switch (m.op) {
    case "=":
      return v === m.value;
    case "!=":
      return v !== m.value;
    case "=~":
      return new RegExp(`^(?:${m.value})$`).test(v);
    case "!~":
      return !new RegExp(`^(?:${m.value})$`).test(v);
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
      if (!matchers.every((m) => matches(s.labels, m))) continue;
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
