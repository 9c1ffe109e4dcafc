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

/**
 * What a request that failed by the server's fault looks like: a 5xx, or a gRPC status the server
 * is to blame for. gRPC answers its errors with HTTP 200 and a `grpc-status` trailer, which Istio
 * reports as `grpc_response_status` (on gRPC requests only): a gRPC service failing every call
 * with UNAVAILABLE reads `response_code="200"`. The codes are those OpenTelemetry's semantic
 * conventions for gRPC count as errors of a server span (`rpc.response.status_code`): UNKNOWN 2,
 * DEADLINE_EXCEEDED 4, UNIMPLEMENTED 12, INTERNAL 13, UNAVAILABLE 14, DATA_LOSS 15, the ones gRPC
 * maps to an HTTP 5xx; the others (NOT_FOUND, INVALID_ARGUMENT, PERMISSION_DENIED, CANCELLED,
 * RESOURCE_EXHAUSTED, …) answer the caller, like a 4xx. Envoy's own refusals of a gRPC request
 * (no healthy upstream, overflow) reach the caller as UNAVAILABLE.
 */
const ERRORS = [`response_code=~"5.."`, `grpc_response_status=~"2|4|12|13|14|15"`];
const buckets = (scope: Scope, window: string) =>
  `sum by (le) (rate(istio_request_duration_milliseconds_bucket{${selector(scope, "destination")}}[${window}]))`;

/** Istio's standard metrics (`istio_requests_total`, `istio_request_duration_milliseconds`). */
export const istioIndicators: MeshIndicators = {
  mesh: "istio",
  requests: (scope, window) => countOf([`istio_requests_total{${selector(scope, "destination")}}`], window),
  // a series that is both a 5xx and a gRPC error is counted once (countOf's `or`)
  errors: (scope, window) => countOf(ERRORS.map((e) => `istio_requests_total{${selector(scope, "destination", e)}}`), window),
  latency: (scope, quantile, window) => `histogram_quantile(${quantile}, ${buckets(scope, window)})`,
  latencyBuckets: buckets,
  histogram: "istio_request_duration_milliseconds",
  bucketUnitMs: 1,
  // The source reporter (the ingress gateway) sees what users saw, including requests that never reached a pod.
  userRequests: (scope, window) => countOf([`istio_requests_total{${selector({ ...scope, version: undefined }, "source")}}`], window),
  userErrors: (scope, window) => countOf(ERRORS.map((e) => `istio_requests_total{${selector({ ...scope, version: undefined }, "source", e)}}`), window),
  requestSamples: (scope, range) => `count_over_time(istio_requests_total{${selector(scope, "destination")}}[${range}])`,
  userSamples: (scope, range) => `count_over_time(istio_requests_total{${selector({ ...scope, version: undefined }, "source")}}[${range}])`,
};
