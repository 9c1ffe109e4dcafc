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

/** A PromQL string literal (double-quoted, escaped). */
export function promString(value: string): string {
  return JSON.stringify(value);
}

/** `value` as a regular expression that matches it literally, for `=~` matchers. */
export function regexEscape(value: string): string {
  return value.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
