import { UnknownDestinationError } from "../../errors.ts";
import type { KubeObject, KubePort, ListOptions, ObjectRef } from "../../ports/kube.ts";
import type { RouteState, TrafficRouter } from "../router.ts";
import { toPercentages, type Split } from "../split.ts";

export interface TrafficSplitOptions {
  namespace: string;
  name: string;
  context?: string;
  /** v1alpha2 (default, numeric weights) or v1alpha1 (weights may be quantities like "500m"). */
  apiVersion?: "split.smi-spec.io/v1alpha1" | "split.smi-spec.io/v1alpha2";
}

/**
 * A TrafficSplit backend's weight as a number: v1alpha1 weights may be Kubernetes quantities
 * ("500m" is 0.5); anything unreadable counts as 0.
 * @example smiWeight("500m") // 0.5
 */
export function smiWeight(w: unknown): number {
  if (typeof w === "number") return w;
  const m = /^(\d+(?:\.\d+)?)(m?)$/.exec(String(w));
  return m ? Number(m[1]) / (m[2] ? 1000 : 1) : 0;
}

/** SMI `TrafficSplit` (the Linkerd SMI extension): `spec.backends[].weight` per backend Service. */
export function trafficSplitRouter(options: TrafficSplitOptions): TrafficRouter {
  const ref: ObjectRef = {
    apiVersion: options.apiVersion ?? "split.smi-spec.io/v1alpha2",
    kind: "TrafficSplit",
    namespace: options.namespace,
    name: options.name,
    ...(options.context ? { context: options.context } : {}),
  };
  const label = `TrafficSplit ${options.namespace}/${options.name}`;
  /** Any Service of the namespace can become a backend. */
  const serviceList: ListOptions = { apiVersion: "v1", kind: "Service", namespace: options.namespace, ...(options.context ? { context: options.context } : {}) };
  const splitOf = (ts: KubeObject): Split =>
    toPercentages(Object.fromEntries((ts.spec?.backends ?? []).map((b: { service: string; weight: unknown }) => [b.service, smiWeight(b.weight)])));

  return {
    type: "smi",
    metrics: "linkerd",
    ref,
    label,
    destinationNoun: "backend",
    splitOf,
    readsAhead: () => [{ list: serviceList }],
    async inspect(ts: KubeObject, kube: KubePort): Promise<RouteState> {
      const services = await kube.list(serviceList);
      const own = (ts.spec?.backends ?? []).map((b: { service: string }) => b.service);
      const destinations = [...new Set<string>([...own, ...services.map((s) => s.metadata.name).filter((n) => n !== ts.spec?.service)])];
      return { object: ts, split: splitOf(ts), destinations, related: services };
    },
    patchFor(state, split) {
      const unknown = Object.keys(split).filter((d) => !state.destinations.includes(d));
      if (unknown.length) throw new UnknownDestinationError(label, unknown, state.destinations, "backend");
      const existing: { service: string }[] = state.object.spec?.backends ?? [];
      const names = [...existing.map((b) => b.service), ...Object.keys(split).filter((d) => !existing.some((b) => b.service === d))];
      return { spec: { backends: names.map((service) => ({ service, weight: split[service] ?? 0 })) } };
    },
    // users address the apex service; a backend's own requests are its Deployment's (named like it)
    metricScope: (state, destination) => ({ namespace: options.namespace, service: state.object.spec?.service ?? destination, version: destination }),
  };
}
