/**
 * Classic (cumulative `le`) histogram buckets as Prometheus's `histogram_quantile` reads them: the
 * simulator's PromQL engine computes the quantile from them, and the latency gate judges by the
 * bucket holding it. One reading, so the gate and the engine it is tested against cannot drift.
 */

/** One cumulative bucket: its upper bound and the count (or rate) at or below it. */
export interface CumulativeBucket {
  upperBound: number;
  count: number;
}

/**
 * An `le` value as strconv.ParseFloat reads it (`+Inf`, `1e3`, `0.5`); NaN for anything else (and
 * for no value), which `histogram_quantile` skips.
 * @example parseLe("+Inf") // Infinity
 */
export function parseLe(text: string | undefined): number {
  if (text === undefined) return NaN;
  if (/^[+-]?inf(inity)?$/i.test(text)) return text.startsWith("-") ? -Infinity : Infinity;
  return /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text) ? Number(text) : NaN;
}

/**
 * `buckets` as `histogram_quantile` prepares them, copied: sorted by bound, equal bounds merged
 * into the first (counts summed), counts made monotonic (one scrape's buckets are not read
 * atomically, so a higher bucket can trail a lower one).
 * @example preparedBuckets([{ upperBound: Infinity, count: 9 }, { upperBound: 1, count: 10 }]) // [{ upperBound: 1, count: 10 }, { upperBound: Infinity, count: 10 }]
 */
export function preparedBuckets<B extends CumulativeBucket>(buckets: readonly B[]): B[] {
  const out: B[] = [];
  for (const b of [...buckets].sort((x, y) => x.upperBound - y.upperBound)) {
    const last = out[out.length - 1];
    if (last && last.upperBound === b.upperBound) last.count += b.count;
    else out.push({ ...b });
  }
  let max = -Infinity;
  for (const b of out) {
    if (b.count > max) max = b.count;
    else b.count = max;
  }
  return out;
}

/**
 * The index of the bucket holding quantile `q` of prepared buckets: the first whose count reaches
 * q × the +Inf bucket's, else the +Inf bucket. -1 where `histogram_quantile` answers NaN: no +Inf
 * bucket, fewer than two buckets, or no observations.
 * @example quantileBucket(0.5, preparedBuckets(buckets))
 */
export function quantileBucket(q: number, buckets: readonly CumulativeBucket[]): number {
  const last = buckets[buckets.length - 1];
  if (!last || last.upperBound !== Infinity || buckets.length < 2 || !(last.count > 0)) return -1;
  const rank = q * last.count;
  const b = buckets.findIndex((bucket, i) => i < buckets.length - 1 && bucket.count >= rank);
  return b === -1 ? buckets.length - 1 : b;
}
