/**
 * The simulator's cluster model: Kubernetes controllers, a kubelet and an Istio-style request
 * stream on virtual time, keeping their state as real objects in the ObjectStore and their
 * metrics in the TimeSeriesStore.
 */
export { createClusterModel, type ClusterModel, type ClusterModelOptions } from "./cluster-model.ts";
export type { ProbeRequest, ProbeResponse } from "./probe.ts";
export { ISTIO_DURATION_BUCKETS_MS } from "./metrics.ts";
