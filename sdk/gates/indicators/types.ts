/**
 * Which requests an indicator counts: a service, optionally one version of it. What "version"
 * means follows how each mesh labels its metrics: an Istio subset's `version` label, the
 * Deployment of a Linkerd backend, the backend Service of an ingress-nginx canary Ingress.
 */
export interface Scope {
  namespace: string;
  service: string;
  version?: string | undefined;
}

/**
 * PromQL for the built-in indicators of one mesh. Every query returns a single-element vector
 * (or an empty one when there is no data, which a gate must never count as a pass).
 */
export interface MeshIndicators {
  mesh: string;
  /** Requests that reached the version's pods in `window`. */
  requests(scope: Scope, window: string): string;
  /** Of those, the ones that failed (5xx). */
  errors(scope: Scope, window: string): string;
  /** Latency quantile in milliseconds. */
  latency(scope: Scope, quantile: number, window: string): string;
  /** The latency histogram's buckets the quantile is computed from: one sample per `le` bound. */
  latencyBuckets(scope: Scope, window: string): string;
  /** The latency histogram's name (its series are `<histogram>_bucket`), for messages about its buckets. */
  histogram: string;
  /** Milliseconds per unit of the histogram's `le` bounds (ingress-nginx's are seconds: 1000). */
  bucketUnitMs: number;
  /** Requests as users saw them (at the edge), for the run's user impact. */
  userRequests(scope: Scope, window: string): string;
  userErrors(scope: Scope, window: string): string;
  /** How many samples each series `requests` reads holds in `range` (one sample a series): how often they are scraped. */
  requestSamples(scope: Scope, range: string): string;
  /** The same for the series `userRequests` reads. */
  userSamples(scope: Scope, range: string): string;
}

/**
 * How long a series must have had no sample before a window for it to count as new in that window:
 * longer than any scrape outage a target comes back from with its counter still counting.
 */
export const NEW_AFTER = "1h";

/**
 * What the counter series `selector` (`metric{labels}`) counted in the last `window`, per series,
 * for a `sum(…)`. `increase()` alone misses the first count of a series created inside the
 * window: meshes create a series at its first event (Istio's `response_code="503"` series at the
 * first 503, with that count as its first sample), and increase() only counts from the first
 * sample on, extrapolated: one sample is no answer at all (the 503s are 0), two with the same
 * value are 0. Every new pod, and every status code's first response, starts new series: at a
 * rollback and at a canary's first percent, where the first errors are what a gate is for.
 *
 * So a series with no sample in the `NEW_AFTER` before the window is new, and counts its highest
 * value in the window (its whole count, as it started from zero); any other series counts its
 * increase(). A range selector skips staleness markers, so a failed scrape does not make a series
 * new. Which way it errs:
 * - a series that returns within `NEW_AFTER` with its counter restarted (a proxy restarting in a
 *   pod of the same name) loses what it counted before its first scrape back, as increase()
 *   alone did: at most a scrape interval of that pod's requests and errors (toward passing, by a
 *   few requests);
 * - a series that returns after more than `NEW_AFTER` without samples while its counter kept
 *   counting (a longer scrape outage, a Prometheus that lost its history) counts everything since
 *   its start: requests and errors alike, so a ratio leans toward the series' lifetime rate.
 * A series counted by both selectors of a `sum` of several is counted once (`or`).
 * @example counted('istio_requests_total{response_code=~"5.."}', "1m")
 */
export function counted(selector: string, window: string): string {
  const before = `count_over_time(${selector}[${NEW_AFTER}] offset ${window})`;
  return `(increase(${selector}[${window}]) and ${before}) or (max_over_time(${selector}[${window}]) unless ${before})`;
}

/**
 * The sum of what counter selectors counted in `window` (see counted): an empty vector when none
 * has a sample in it, which the gates read as no data (requests) or none (errors).
 * @example countOf(['response_total{direction="inbound"}'], "1m")
 */
export const countOf = (selectors: string[], window: string) => `sum(${selectors.map((s) => counted(s, window)).join(" or ")})`;

/** A PromQL string literal (double-quoted, escaped). */
export function promString(value: string): string {
  return JSON.stringify(value);
}

/** `value` as a regular expression that matches it literally, for `=~` matchers. */
export function regexEscape(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
