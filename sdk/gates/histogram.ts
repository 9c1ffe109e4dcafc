/**
 * Where a latency quantile lies in a classic histogram, as far as its buckets show it.
 *
 * `histogram_quantile` interpolates linearly inside the bucket holding the quantile, as if its
 * requests were spread evenly between the bucket's bounds: all the buckets show is that the
 * quantile lies somewhere in (lower, upper]. With buckets le=100 (98.5% of requests) and le=1000,
 * it answers 400ms for p99, though 1.5% of requests may have taken anything up to 1000ms. A gate
 * judges by the bucket's bounds instead; the interpolated number is only shown.
 */
import { parseLe, preparedBuckets, quantileBucket, type CumulativeBucket } from "../util/classic-histogram.ts";

/** One cumulative bucket: its `le` as written (in the histogram's unit), its bound in milliseconds (Infinity for +Inf) and its count (or rate). */
export interface Bucket extends CumulativeBucket {
  le: string;
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

/**
 * The buckets of a `sum by (le) (…)` answer, in ms, prepared as `histogram_quantile` prepares them
 * (samples without a readable `le` skipped, sorted, equal bounds merged, counts made monotonic).
 * @example bucketsOf([{ labels: { le: "0.25" }, value: 9 }, { labels: { le: "+Inf" }, value: 10 }], 1000)
 */
export function bucketsOf(samples: { labels: Record<string, string>; value: number }[], unitMs: number): Bucket[] {
  const read = samples.map((s) => ({ le: s.labels.le ?? "", upperBound: parseLe(s.labels.le) * unitMs, count: s.value })).filter((b) => !Number.isNaN(b.upperBound));
  return preparedBuckets(read);
}

/**
 * The bucket holding quantile `q`, found as `histogram_quantile` finds it (the first bucket whose
 * count reaches q × the +Inf bucket's); null where it answers NaN: no +Inf bucket, fewer than two
 * buckets, or no observations.
 * @example heldBucket(0.99, bucketsOf(samples, 1)) // { lowerLe: "100", lowerMs: 100, upperLe: "1000", upperMs: 1000 }
 */
export function heldBucket(q: number, buckets: Bucket[]): HeldBucket | null {
  const b = quantileBucket(q, buckets);
  if (b === -1) return null;
  const below = buckets[b - 1];
  return { lowerLe: below?.le ?? "0", lowerMs: below?.upperBound ?? 0, upperLe: buckets[b]!.le, upperMs: buckets[b]!.upperBound };
}

/**
 * The bucket `maxMs` lies strictly inside, (lower, upper], where no bucket can tell a quantile under
 * `maxMs` from one over it (`upperMs` is Infinity when `maxMs` is past the last finite bound); null
 * when `maxMs` is a bound, or the histogram has no finite bucket.
 * @example straddled(400, istioBuckets) // { lowerLe: "250", lowerMs: 250, upperLe: "500", upperMs: 500 }
 */
export function straddled(maxMs: number, buckets: Bucket[]): HeldBucket | null {
  const finite = buckets.filter((b) => Number.isFinite(b.upperBound));
  if (!finite.length || finite.some((b) => b.upperBound === maxMs)) return null;
  const lower = finite.filter((b) => b.upperBound < maxMs).at(-1);
  const upper = finite.find((b) => b.upperBound > maxMs);
  return { lowerLe: lower?.le ?? "0", lowerMs: lower?.upperBound ?? 0, upperLe: upper?.le ?? "+Inf", upperMs: upper?.upperBound ?? Infinity };
}
