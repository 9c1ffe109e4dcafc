/**
 * The simulator's cluster model: Kubernetes controllers, a kubelet and a request stream routed by
 * Istio, Gateway API, SMI or ingress-nginx on virtual time, keeping their state as real objects in
 * the ObjectStore and their metrics in the TimeSeriesStore.
 */
export { createClusterModel, type ClusterModel, type ClusterModelOptions } from "./cluster-model.ts";
export type { ProbeRequest, ProbeResponse } from "./probe.ts";
export { ISTIO_DURATION_BUCKETS_MS, LINKERD_LATENCY_BUCKETS_MS, NGINX_DURATION_BUCKETS_S } from "./metrics.ts";
