import type { SeriesSpec } from "../helpers/prometheus-server.ts";
import { counterAt, scaled, type Segments } from "./support.ts";

/**
 * Backfilled request history in each mesh's own metric names and labels. A version is described by
 * its request rate over time, the share of it that failed, and the share under each latency bucket.
 */
export interface VersionTraffic {
  /** Requests per second, changing at the given times. */
  rate: Segments;
  /** Share of requests that were 5xx: constant, or changing at the given times. */
  errorShare: number | Segments;
  /** Cumulative share of requests at or under each bucket bound (ms), ascending; +Inf is implied. */
  latency?: [leMs: number, share: number][];
  /** A histogram that never moves (NaN quantiles), while requests still count. */
  frozenHistogram?: boolean;
}

const counters = (name: string, labels: Record<string, string>, segments: Segments): SeriesSpec => ({ name, labels, value: (t) => counterAt(segments, t) });

function histogram(name: string, labels: Record<string, string>, v: VersionTraffic, le: (ms: number) => string): SeriesSpec[] {
  const buckets: [string, number][] = [...(v.latency ?? []).map(([ms, share]): [string, number] => [le(ms), share]), ["+Inf", 1]];
  return buckets.map(([bound, share]) => (v.frozenHistogram ? { name, labels: { ...labels, le: bound }, value: () => 7 } : counters(name, { ...labels, le: bound }, scaled(v.rate, share))));
}

const errorsOf = (v: VersionTraffic) => scaled(v.rate, v.errorShare);
const okOf = (v: VersionTraffic) => scaled(v.rate, typeof v.errorShare === "number" ? 1 - v.errorShare : v.errorShare.map(([t, share]): [number, number] => [t, 1 - share]));

/** istio_requests_total / istio_request_duration_milliseconds_bucket, as the destination reports them. */
export function istioVersion(namespace: string, service: string, version: string, v: VersionTraffic): SeriesSpec[] {
  const labels = { reporter: "destination", destination_service_namespace: namespace, destination_service_name: service, destination_version: version };
  return [
    counters("istio_requests_total", { ...labels, response_code: "200" }, okOf(v)),
    counters("istio_requests_total", { ...labels, response_code: "503" }, errorsOf(v)),
    ...histogram("istio_request_duration_milliseconds_bucket", labels, v, String),
  ];
}

/** Linkerd's inbound response_total / response_latency_ms_bucket of one Deployment. */
export function linkerdDeployment(namespace: string, deployment: string, v: VersionTraffic): SeriesSpec[] {
  const labels = { direction: "inbound", namespace, deployment, pod: `${deployment}-7d9f8-x2x1z` };
  return [
    counters("response_total", { ...labels, classification: "success", status_code: "200" }, okOf(v)),
    counters("response_total", { ...labels, classification: "failure", status_code: "500" }, errorsOf(v)),
    ...histogram("response_latency_ms_bucket", labels, v, String),
  ];
}

/**
 * ingress-nginx's requests and request duration (in seconds) for requests of the primary Ingress
 * `service` that went to it (canary "") or to a canary backend (canary = its upstream).
 */
export function nginxBackend(namespace: string, ingress: string, service: string, canaryUpstream: string, v: VersionTraffic): SeriesSpec[] {
  const labels = { namespace, ingress, service, canary: canaryUpstream, controller_class: "k8s.io/ingress-nginx", method: "GET", path: "/" };
  return [
    counters("nginx_ingress_controller_requests", { ...labels, status: "200" }, okOf(v)),
    counters("nginx_ingress_controller_requests", { ...labels, status: "502" }, errorsOf(v)),
    ...histogram("nginx_ingress_controller_request_duration_seconds_bucket", labels, v, (ms) => String(ms / 1000)),
  ];
}
