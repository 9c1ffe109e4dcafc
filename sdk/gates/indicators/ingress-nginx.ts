import type { MeshIndicators, Scope } from "./types.ts";
import { countOf, promString, regexEscape } from "./types.ts";

/**
 * ingress-nginx labels every request with the primary Ingress's backend Service (`service`), also
 * when its canary Ingress served it; `canary` then names the canary upstream
 * (`<namespace>-<service>-<port>`) and is empty otherwise. A backend's own requests are therefore
 * "primary for it and not sent to a canary" or "sent to it as the canary".
 * Named service ports with a hyphen in them are not matched (that is what keeps
 * `checkout-api` from matching the upstream of `checkout-api-canary`): such a canary reads as no data.
 */
function backendSelectors(namespace: string, backend: string, extra: string[]): string[] {
  const ns = `namespace=${promString(namespace)}`;
  const upstream = `canary=~${promString(`${regexEscape(`${namespace}-${backend}-`)}([0-9]+|[a-z0-9]+)`)}`;
  return [[ns, `service=${promString(backend)}`, `canary=""`, ...extra].join(","), [ns, upstream, ...extra].join(",")];
}

/** `fn(metric{A}[w]) or fn(metric{B}[w])`: the label sets differ (by `canary`), so nothing is counted twice. */
const either = (fn: string, metric: string, selectors: string[], window: string) => selectors.map((s) => `${fn}(${metric}{${s}}[${window}])`).join(" or ");
/** The requests of either label set (see either), a series created inside the window included (see countOf). */
const countEither = (selectors: string[], window: string) => countOf(selectors.map((s) => `${REQUESTS}{${s}}`), window);

/** A version is a backend Service; without one, the route's `service` is the backend. */
const own = (scope: Scope, extra: string[] = []) => backendSelectors(scope.namespace, scope.version ?? scope.service, extra);
/** Users' requests: every request of the primary Ingress (canary-routed ones included), or of a backend as canary. */
const users = (scope: Scope, extra: string[] = []) => {
  const [, asCanary] = backendSelectors(scope.namespace, scope.service, extra);
  return [[`namespace=${promString(scope.namespace)}`, `service=${promString(scope.service)}`, ...extra].join(","), asCanary!];
};

const ERRORS = [`status=~"5.."`];
const REQUESTS = "nginx_ingress_controller_requests";
const DURATION = "nginx_ingress_controller_request_duration_seconds_bucket";
const buckets = (scope: Scope, window: string) => `sum by (le) (${either("rate", DURATION, own(scope), window)})`;

/**
 * ingress-nginx's controller metrics (`nginx_ingress_controller_requests`,
 * `nginx_ingress_controller_request_duration_seconds`), with the labels Flagger's NGINX checks use.
 * The histogram is in seconds; the latency query converts it to milliseconds like every other mesh's.
 */
export const ingressNginxIndicators: MeshIndicators = {
  mesh: "ingress-nginx",
  requests: (scope, window) => countEither(own(scope), window),
  errors: (scope, window) => countEither(own(scope, ERRORS), window),
  latency: (scope, quantile, window) => `histogram_quantile(${quantile}, ${buckets(scope, window)}) * 1000`,
  latencyBuckets: buckets,
  histogram: "nginx_ingress_controller_request_duration_seconds",
  bucketUnitMs: 1000,
  userRequests: (scope, window) => countEither(users(scope), window),
  userErrors: (scope, window) => countEither(users(scope, ERRORS), window),
  requestSamples: (scope, range) => either("count_over_time", REQUESTS, own(scope), range),
  userSamples: (scope, range) => either("count_over_time", REQUESTS, users(scope), range),
};
