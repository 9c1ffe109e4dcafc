import type { MeshIndicators, Scope } from "./types.ts";
import { countOf, promString } from "./types.ts";

/**
 * Linkerd labels its proxy metrics by workload, not by subset: a version's requests are the ones
 * its Deployment's proxies received (`direction="inbound"`), and `version` names that Deployment
 * (the workload behind an SMI TrafficSplit or HTTPRoute backend). Without a version, the
 * Deployment named like the service.
 */
const inbound = (scope: Scope, extra = "") =>
  [`direction="inbound"`, `namespace=${promString(scope.namespace)}`, `deployment=${promString(scope.version ?? scope.service)}`, ...(extra ? [extra] : [])].join(",");

/** What callers' proxies saw (`direction="outbound"`), including requests that never reached a pod. */
const outbound = (scope: Scope, extra = "") =>
  [`direction="outbound"`, `dst_namespace=${promString(scope.namespace)}`, `dst_service=${promString(scope.service)}`, ...(extra ? [extra] : [])].join(",");

/** Linkerd classifies 5xx (and gRPC errors) as failures. */
const FAILURE = `classification="failure"`;
const buckets = (scope: Scope, window: string) => `sum by (le) (rate(response_latency_ms_bucket{${inbound(scope)}}[${window}]))`;

/**
 * Linkerd's proxy metrics (`response_total`, `response_latency_ms`), the ones Flagger's Linkerd
 * checks use. Latency is already in milliseconds.
 */
export const linkerdIndicators: MeshIndicators = {
  mesh: "linkerd",
  requests: (scope, window) => countOf([`response_total{${inbound(scope)}}`], window),
  errors: (scope, window) => countOf([`response_total{${inbound(scope, FAILURE)}}`], window),
  latency: (scope, quantile, window) => `histogram_quantile(${quantile}, ${buckets(scope, window)})`,
  latencyBuckets: buckets,
  histogram: "response_latency_ms",
  bucketUnitMs: 1,
  userRequests: (scope, window) => countOf([`response_total{${outbound(scope)}}`], window),
  userErrors: (scope, window) => countOf([`response_total{${outbound(scope, FAILURE)}}`], window),
  requestSamples: (scope, range) => `count_over_time(response_total{${inbound(scope)}}[${range}])`,
  userSamples: (scope, range) => `count_over_time(response_total{${outbound(scope)}}[${range}])`,
};
