import type { MeshIndicators, Scope } from "./types.ts";
import { countOf, promString } from "./types.ts";

const selector = (scope: Scope, reporter: "source" | "destination", extra = "") =>
  [
    `reporter=${promString(reporter)}`,
    `destination_service_namespace=${promString(scope.namespace)}`,
    `destination_service_name=${promString(scope.service)}`,
    ...(scope.version ? [`destination_version=${promString(scope.version)}`] : []),
    ...(extra ? [extra] : []),
  ].join(",");

const ERRORS = `response_code=~"5.."`;
const buckets = (scope: Scope, window: string) =>
  `sum by (le) (rate(istio_request_duration_milliseconds_bucket{${selector(scope, "destination")}}[${window}]))`;

/** Istio's standard metrics (`istio_requests_total`, `istio_request_duration_milliseconds`). */
export const istioIndicators: MeshIndicators = {
  mesh: "istio",
  requests: (scope, window) => countOf([`istio_requests_total{${selector(scope, "destination")}}`], window),
  errors: (scope, window) => countOf([`istio_requests_total{${selector(scope, "destination", ERRORS)}}`], window),
  latency: (scope, quantile, window) => `histogram_quantile(${quantile}, ${buckets(scope, window)})`,
  latencyBuckets: buckets,
  histogram: "istio_request_duration_milliseconds",
  bucketUnitMs: 1,
  // The source reporter (the ingress gateway) sees what users saw, including requests that never reached a pod.
  userRequests: (scope, window) => countOf([`istio_requests_total{${selector({ ...scope, version: undefined }, "source")}}`], window),
  userErrors: (scope, window) => countOf([`istio_requests_total{${selector({ ...scope, version: undefined }, "source", ERRORS)}}`], window),
  requestSamples: (scope, range) => `count_over_time(istio_requests_total{${selector(scope, "destination")}}[${range}])`,
  userSamples: (scope, range) => `count_over_time(istio_requests_total{${selector({ ...scope, version: undefined }, "source")}}[${range}])`,
};
