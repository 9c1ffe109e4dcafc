import type { KubeObject } from "../../ports/kube.ts";
import type { Scenario } from "../scenario.ts";
import { matchesLabels, type ObjectStore } from "../store.ts";
import type { MeshMetrics, WorkloadRecorder } from "./metrics.ts";
import type { Kubelet, PodRuntime } from "./pod-lifecycle.ts";

/**
 * The request stream: each service's requests go through its VirtualService's weights and its
 * DestinationRule's subsets to the ready pods, and come out as 200s, 500s and 503s with latencies.
 * All counts are expected values, so runs are reproducible.
 */

/** One weighted destination of a service's route. */
export interface RouteDestination {
  /** The service the destination host names. */
  service: string;
  weight: number;
  /** Pod labels the subset selects (on top of app=<service>); undefined when the subset is not defined anywhere. */
  selector: Record<string, string> | undefined;
  /** The version label reported when no pod can take the requests. */
  version: string;
}

/** Service name → the destinations of its VirtualService's first HTTP route. Absent: plain Service load balancing. */
export type RouteTable = Map<string, RouteDestination[]>;

// Versions of the Istio API a client may write the same objects under; the model seeds v1.
const ISTIO_API_VERSIONS = ["networking.istio.io/v1", "networking.istio.io/v1beta1", "networking.istio.io/v1alpha3"];
// Per-pod capacity of a service the scenario does not describe (the scenario schema's default).
const DEFAULT_POD_CAPACITY_RPS = 50;

/** The service a mesh host names, when it is in `namespace`: "svc", "svc.ns", "svc.ns.svc", "svc.ns.svc.cluster.local". */
function hostService(host: unknown, namespace: string): string | undefined {
  if (typeof host !== "string" || !host) return undefined;
  const [name, ns, ...rest] = host.split(".");
  if (ns === undefined) return name;
  const suffix = rest.join(".");
  return ns === namespace && (suffix === "" || suffix === "svc" || suffix === "svc.cluster.local") ? name : undefined;
}

function listIstio(store: ObjectStore, kind: string, namespace: string): KubeObject[] {
  const byName = new Map<string, KubeObject>();
  for (const apiVersion of ISTIO_API_VERSIONS) {
    for (const o of store.list(apiVersion, kind, namespace)) if (!byName.has(o.metadata.name)) byName.set(o.metadata.name, o);
  }
  return [...byName.values()].sort((a, b) => a.metadata.name.localeCompare(b.metadata.name));
}

/**
 * Reads the namespace's VirtualServices and DestinationRules into a route table. When two
 * VirtualServices claim one host, the first by name wins: Istio leaves that case undefined, and
 * counting both would send the service's traffic twice.
 */
export function readRoutes(store: ObjectStore, namespace: string): RouteTable {
  const subsets = new Map<string, Map<string, Record<string, string>>>();
  for (const dr of listIstio(store, "DestinationRule", namespace)) {
    const service = hostService(dr.spec?.host, namespace);
    if (!service || subsets.has(service)) continue;
    const bySubset = new Map<string, Record<string, string>>();
    for (const s of dr.spec?.subsets ?? []) if (s?.name) bySubset.set(s.name, { ...s.labels });
    subsets.set(service, bySubset);
  }

  const table: RouteTable = new Map();
  for (const vs of listIstio(store, "VirtualService", namespace)) {
    const route: any[] = vs.spec?.http?.[0]?.route ?? [];
    if (route.length === 0) continue;
    for (const host of vs.spec?.hosts ?? []) {
      const service = hostService(host, namespace);
      if (!service || table.has(service)) continue;
      table.set(
        service,
        route.map((r) => {
          const target = hostService(r?.destination?.host, namespace) ?? service;
          const subset: string | undefined = r?.destination?.subset;
          const selector = subset === undefined ? {} : subsets.get(target)?.get(subset);
          // a lone destination needs no weight; Envoy treats weights as shares of their sum
          return { service: target, weight: r?.weight ?? (route.length === 1 ? 100 : 0), selector, version: selector?.version ?? "unknown" };
        }),
      );
    }
  }
  return table;
}

/** How a pod serves right now: what its warm-up and the database's schema do to it. */
export interface PodPerformance {
  /** Share of requests that fail with 500. */
  errorRate: number;
  /** The part of errorRate that is the cold start alone. */
  coldErrorRate: number;
  meanLatencyMs: number;
}

/** The pod's error rate and mean latency at `now`; undefined when its image is unknown (it never runs). */
export function podPerformance(scenario: Scenario, kubelet: Kubelet, pod: PodRuntime, now: number): PodPerformance | undefined {
  const b = pod.behaviour;
  if (!b) return undefined;
  const f = scenario.faults;
  const cold = 1 - kubelet.warmness(pod, now);
  const schema = scenario.database?.schemaVersion;
  const mismatch = schema !== undefined && b.schema !== undefined && (schema < b.schema.min || schema > b.schema.max);
  const coldErrorRate = f.coldErrorRate * cold;
  return {
    errorRate: Math.min(1, b.errorRate + (mismatch ? f.schemaMismatchErrorRate : 0) + coldErrorRate),
    coldErrorRate,
    meanLatencyMs: b.latencyMs * (1 + (f.coldLatencyFactor - 1) * cold),
  };
}

/** Where each second's requests go, until routes or pods change. */
export interface TrafficPlan {
  pods: { pod: PodRuntime; rps: number; capacityRps: number; recorder: WorkloadRecorder }[];
  unrouted: { service: string; version: string; flags: "UH" | "NC"; rps: number }[];
}

/** Spreads every service's requests over its route's destinations and their ready pods. */
export function planTraffic(scenario: Scenario, routes: RouteTable, kubelet: Kubelet, metrics: MeshMetrics): TrafficPlan {
  const ready: PodRuntime[] = [];
  for (const p of kubelet.pods()) if (p.ready && p.namespace === scenario.namespace) ready.push(p);

  // per pod: two destinations may select the same pod, and capacity is the pod's
  const load = new Map<PodRuntime, { service: string; rps: number }>();
  const unrouted: TrafficPlan["unrouted"] = [];
  for (const svc of scenario.services) {
    const destinations = routes.get(svc.name) ?? [{ service: svc.name, weight: 100, selector: {}, version: "unknown" }];
    const total = destinations.reduce((a, d) => a + Math.max(0, d.weight), 0);
    if (total <= 0) continue;
    for (const d of destinations) {
      const rps = (svc.rps * Math.max(0, d.weight)) / total;
      if (rps <= 0) continue;
      const targets = d.selector ? ready.filter((p) => p.labels.app === d.service && matchesLabels(p.labels, d.selector)) : [];
      if (targets.length === 0) {
        unrouted.push({ service: d.service, version: d.version, flags: d.selector ? "UH" : "NC", rps });
        continue;
      }
      for (const p of targets) {
        const l = load.get(p) ?? { service: d.service, rps: 0 };
        l.rps += rps / targets.length;
        load.set(p, l);
      }
    }
  }

  const pods = [...load].map(([pod, l]) => ({
    pod,
    rps: l.rps,
    capacityRps: scenario.services.find((s) => s.name === l.service)?.podCapacityRps ?? DEFAULT_POD_CAPACITY_RPS,
    recorder: metrics.workload(l.service, pod.workload, pod.labels.version ?? "unknown"),
  }));
  return { pods, unrouted };
}

/** Sends `seconds` worth of requests along the plan and records what happened to them. */
export function flowTraffic(plan: TrafficPlan, ctx: { scenario: Scenario; kubelet: Kubelet; metrics: MeshMetrics; now: number; seconds: number }): void {
  const { scenario, kubelet, metrics, now, seconds } = ctx;
  for (const u of plan.unrouted) metrics.unrouted(u.service, u.version, u.flags, u.rps * seconds);
  for (const { pod, rps, capacityRps, recorder } of plan.pods) {
    const perf = podPerformance(scenario, kubelet, pod, now);
    if (!perf) continue;
    const requests = rps * seconds;
    const shed = Math.max(0, requests - capacityRps * seconds);
    const served = requests - shed;
    recorder.record(served * (1 - perf.errorRate), served * perf.errorRate, shed, perf.meanLatencyMs);
  }
}
