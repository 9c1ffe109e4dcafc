import type { Labels } from "../tsdb.ts";

/**
 * How each mesh (or ingress controller) names the requests it saw: metric names, labels, histogram
 * buckets and units, matching what the built-in indicators in sdk/gates/indicators/ query. The
 * counting itself is the same for every mesh and lives in metrics.ts.
 */

/**
 * Where a destination's requests are reported, and the route's names for them.
 * - istio: `service` is the destination host's service.
 * - linkerd: `service` is the apex Service callers address (outbound `dst_service`).
 * - ingress-nginx: `service` is the primary Ingress's backend (ingress-nginx labels canary-routed
 *   requests with it too), `canary` the canary upstream (`<namespace>-<service>-<port>`) or "".
 */
export type MetricChannel =
  | { mesh: "istio"; service: string }
  | { mesh: "linkerd"; service: string }
  | { mesh: "ingress-nginx"; service: string; ingress: string; host: string; canary: string };

/** What happened to a request that reached a pod: 200, 500, or 503 refused at once (overload). */
export type Outcome = "ok" | "error" | "shed";

/** Requests nothing could take: UH, no ready pod behind the destination; NC, the destination does not exist. */
export type UnroutedFlags = "UH" | "NC";

/** One mesh's metric names and labels. */
export interface MeshDialect<C extends MetricChannel = MetricChannel> {
  /** Histogram bucket bounds in milliseconds. */
  readonly boundsMs: readonly number[];
  /** Each bound's `le` label as the exporter writes it, then "+Inf". */
  readonly le: readonly string[];
  /** Milliseconds → the histogram's unit (ingress-nginx: seconds). */
  readonly unit: number;
  /** The histogram's name: series `<histogram>_bucket`, `_sum`, `_count`. */
  readonly histogram: string;
  /** The counters one response increments (with `__name__`), and the histogram's labels (without). */
  served(channel: C, namespace: string, workload: string, version: string, outcome: Outcome): { counters: Labels[]; histogram: Labels };
  /** The counters of requests no pod took. */
  unrouted(channel: C, namespace: string, version: string, flags: UnroutedFlags): Labels[];
}

/** Istio's default duration buckets (ms), from its stats filter. */
export const ISTIO_DURATION_BUCKETS_MS = [
  0.5, 1, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000, 30000, 60000, 300000, 600000, 1800000, 3600000,
] as const;

/** Linkerd proxy's `response_latency_ms` buckets. */
export const LINKERD_LATENCY_BUCKETS_MS = [
  1, 2, 3, 4, 5, 10, 20, 30, 40, 50, 100, 200, 300, 400, 500, 1000, 2000, 3000, 4000, 5000, 10000, 20000, 30000, 40000, 50000,
] as const;

/** ingress-nginx's `--time-buckets` default (Prometheus' DefBuckets), in seconds. */
export const NGINX_DURATION_BUCKETS_S = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10] as const;

/** The workload the simulated users' requests come from, per mesh. */
const ISTIO_SOURCE = "istio-ingressgateway";
const LINKERD_SOURCE = "web-gateway";

const code = (o: Outcome) => (o === "ok" ? "200" : o === "error" ? "500" : "503");

// Bounds as the exporters write them (plain decimals: "0.5", "1800000"), which is what users query.
const leOf = (bounds: readonly number[]) => [...bounds.map(String), "+Inf"];

const istio: MeshDialect<Extract<MetricChannel, { mesh: "istio" }>> = {
  boundsMs: ISTIO_DURATION_BUCKETS_MS,
  le: leOf(ISTIO_DURATION_BUCKETS_MS),
  unit: 1,
  histogram: "istio_request_duration_milliseconds",
  served(ch, namespace, workload, version, outcome) {
    const c = code(outcome);
    const flags = outcome === "shed" ? "UO" : "-";
    return {
      counters: [istioRequest("destination", ch.service, namespace, workload, version, c, flags), istioRequest("source", ch.service, namespace, workload, version, c, flags)],
      histogram: {
        reporter: "destination",
        destination_service_name: ch.service,
        destination_service_namespace: namespace,
        destination_workload: workload,
        destination_version: version,
        response_code: c,
      },
    };
  },
  // the ingress gateway answers these itself: only the source reporter sees them
  unrouted: (ch, namespace, version, flags) => [istioRequest("source", ch.service, namespace, "unknown", version, "503", flags)],
};

function istioRequest(reporter: string, service: string, namespace: string, workload: string, version: string, code: string, flags: string): Labels {
  return {
    __name__: "istio_requests_total",
    reporter,
    source_workload: ISTIO_SOURCE,
    destination_service_name: service,
    destination_service_namespace: namespace,
    destination_service: `${service}.${namespace}.svc.cluster.local`,
    destination_workload: workload,
    destination_workload_namespace: namespace,
    destination_version: version,
    destination_canonical_service: service,
    response_code: code,
    response_flags: flags,
  };
}

/** Linkerd labels by workload: inbound on the Deployment's proxies, outbound on the callers'. */
const linkerd: MeshDialect<Extract<MetricChannel, { mesh: "linkerd" }>> = {
  boundsMs: LINKERD_LATENCY_BUCKETS_MS,
  le: leOf(LINKERD_LATENCY_BUCKETS_MS),
  unit: 1,
  histogram: "response_latency_ms",
  served(ch, namespace, workload, _version, outcome) {
    const status = code(outcome);
    const inbound = { direction: "inbound", namespace, deployment: workload, authority: authority(ch.service, namespace), tls: "true", status_code: status };
    const classification = outcome === "ok" ? "success" : "failure";
    return {
      counters: [
        { __name__: "response_total", ...inbound, classification },
        { __name__: "response_total", ...linkerdOutbound(ch.service, namespace, status), dst_deployment: workload, classification },
      ],
      histogram: inbound,
    };
  },
  // the caller's proxy fails fast: no inbound side at all
  unrouted: (ch, namespace) => [{ __name__: "response_total", ...linkerdOutbound(ch.service, namespace, "503"), classification: "failure" }],
};

const authority = (service: string, namespace: string) => `${service}.${namespace}.svc.cluster.local`;

function linkerdOutbound(service: string, namespace: string, status: string): Labels {
  return {
    direction: "outbound",
    namespace,
    deployment: LINKERD_SOURCE,
    authority: authority(service, namespace),
    dst_namespace: namespace,
    dst_service: service,
    tls: "true",
    status_code: status,
  };
}

/** ingress-nginx labels each request by the primary Ingress and its backend; `canary` names the canary upstream. */
const ingressNginx: MeshDialect<Extract<MetricChannel, { mesh: "ingress-nginx" }>> = {
  boundsMs: NGINX_DURATION_BUCKETS_S.map((s) => s * 1000),
  le: leOf(NGINX_DURATION_BUCKETS_S),
  unit: 0.001,
  histogram: "nginx_ingress_controller_request_duration_seconds",
  served(ch, namespace, _workload, _version, outcome) {
    const labels = nginxRequest(ch, namespace, code(outcome));
    return { counters: [{ __name__: "nginx_ingress_controller_requests", ...labels }], histogram: labels };
  },
  // no endpoints: the controller answers 503 itself
  unrouted: (ch, namespace) => [{ __name__: "nginx_ingress_controller_requests", ...nginxRequest(ch, namespace, "503") }],
};

function nginxRequest(ch: Extract<MetricChannel, { mesh: "ingress-nginx" }>, namespace: string, status: string): Labels {
  return {
    controller_class: "k8s.io/ingress-nginx",
    controller_namespace: "ingress-nginx",
    controller_pod: "ingress-nginx-controller-0",
    host: ch.host,
    ingress: ch.ingress,
    method: "GET",
    namespace,
    path: "/",
    service: ch.service,
    status,
    // Prometheus drops empty labels: a request the primary served has no `canary` label at all
    ...(ch.canary ? { canary: ch.canary } : {}),
  };
}

const dialects: { [M in MetricChannel["mesh"]]: MeshDialect<Extract<MetricChannel, { mesh: M }>> } = {
  istio,
  linkerd,
  "ingress-nginx": ingressNginx,
};

/** The dialect a channel's mesh speaks. */
export function dialectOf(channel: MetricChannel): MeshDialect {
  return dialects[channel.mesh] as MeshDialect;
}
