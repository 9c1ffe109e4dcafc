/**
 * Where a latency quantile lies in a classic histogram, as far as its buckets show it.
 *
 * `histogram_quantile` interpolates linearly inside the bucket holding the quantile, as if its
 * requests were spread evenly between the bucket's bounds: all the buckets show is that the
 * quantile lies somewhere in (lower, upper]. With buckets le=100 (98.5% of requests) and le=1000,
 * it answers 400ms for p99, though 1.5% of requests may have taken anything up to 1000ms. A gate
 * judges by the bucket's bounds instead; the interpolated number is only shown.
 */

/** One cumulative bucket: its `le` as written (in the histogram's unit) and its count (or rate). */
export interface Bucket {
  le: string;
  /** The bound in milliseconds; Infinity for +Inf. */
  upperMs: number;
  count: number;
}

/** The bucket holding a quantile: it lies in (lowerMs, upperMs]. */
export interface HeldBucket {
  /** The bound below (its `le` as written, "0" for the first bucket) and in ms. */
  lowerLe: string;
  lowerMs: number;
  upperLe: string;
  /** Infinity when the quantile is in the +Inf bucket: past the last finite bound. */
  upperMs: number;
}

/** strconv.ParseFloat's spellings of `le` values (`+Inf`, `1e3`, `0.5`), as Prometheus reads them; NaN otherwise. */
function parseLe(text: string | undefined): number {
  if (text === undefined) return NaN;
  if (/^[+-]?inf(inity)?$/i.test(text)) return text.startsWith("-") ? -Infinity : Infinity;
  return /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text) ? Number(text) : NaN;
}

/**
 * The buckets of a `sum by (le) (…)` answer, in ms, sorted, as `histogram_quantile` prepares them:
 * samples without a readable `le` skipped, equal bounds merged, counts made monotonic (one scrape's
 * buckets are not read atomically, so a higher bucket can trail a lower one).
 * @example bucketsOf([{ labels: { le: "0.25" }, value: 9 }, { labels: { le: "+Inf" }, value: 10 }], 1000)
 */
export function bucketsOf(samples: { labels: Record<string, string>; value: number }[], unitMs: number): Bucket[] {
  const read = samples
    .map((s) => ({ le: s.labels.le ?? "", upper: parseLe(s.labels.le), count: s.value }))
    .filter((b) => !Number.isNaN(b.upper))
    .sort((a, b) => a.upper - b.upper);
  const out: Bucket[] = [];
  for (const b of read) {
    const last = out[out.length - 1];
    const upperMs = b.upper * unitMs;
    if (last && last.upperMs === upperMs) last.count += b.count;
    else out.push({ le: b.le, upperMs, count: b.count });
  }
  let max = -Infinity;
  for (const b of out) {
    if (b.count > max) max = b.count;
    else b.count = max;
  }
  return out;
}

/**
 * The bucket holding quantile `q`, found as `histogram_quantile` finds it (the first bucket whose
 * count reaches q × the +Inf bucket's); null where it answers NaN: no +Inf bucket, fewer than two
 * buckets, or no observations.
 * @example heldBucket(0.99, bucketsOf(samples, 1)) // { lowerLe: "100", lowerMs: 100, upperLe: "1000", upperMs: 1000 }
 */
export function heldBucket(q: number, buckets: Bucket[]): HeldBucket | null {
  const last = buckets[buckets.length - 1];
  if (!last || last.upperMs !== Infinity || buckets.length < 2 || !(last.count > 0)) return null;
  const rank = q * last.count;
  let b = buckets.findIndex((bucket, i) => i < buckets.length - 1 && bucket.count >= rank);
  if (b === -1) b = buckets.length - 1;
  const below = buckets[b - 1];
  return { lowerLe: below?.le ?? "0", lowerMs: below?.upperMs ?? 0, upperLe: buckets[b]!.le, upperMs: buckets[b]!.upperMs };
}

/**
 * The bucket `maxMs` lies strictly inside, (lower, upper], where no bucket can tell a quantile under
 * `maxMs` from one over it (`upperMs` is Infinity when `maxMs` is past the last finite bound); null
 * when `maxMs` is a bound, or the histogram has no finite bucket.
 * @example straddled(400, istioBuckets) // { lowerLe: "250", lowerMs: 250, upperLe: "500", upperMs: 500 }
 */
export function straddled(maxMs: number, buckets: Bucket[]): HeldBucket | null {
  const finite = buckets.filter((b) => Number.isFinite(b.upperMs));
  if (!finite.length || finite.some((b) => b.upperMs === maxMs)) return null;
  const lower = finite.filter((b) => b.upperMs < maxMs).at(-1);
  const upper = finite.find((b) => b.upperMs > maxMs);
  return { lowerLe: lower?.le ?? "0", lowerMs: lower?.upperMs ?? 0, upperLe: upper?.le ?? "+Inf", upperMs: upper?.upperMs ?? Infinity };
}
