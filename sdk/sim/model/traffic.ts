import type { Scenario } from "../scenario.ts";
import { matchesLabels } from "../../ports/kube.ts";
import type { MeshMetrics, UnroutedRecorder, WorkloadRecorder } from "./metrics.ts";
import type { Kubelet, PodRuntime } from "./pod-lifecycle.ts";
import type { RouteDestination, RouteTable } from "./routes.ts";

/**
 * The request stream: each service's requests go through its route's weights (see routes.ts) to the
 * ready pods each destination selects, and come out as 200s, 500s and 503s with latencies, counted
 * in the metrics of the mesh that carried them. All counts are expected values, so runs are
 * reproducible.
 */

// Per-pod capacity of a service the scenario does not describe (the scenario schema's default).
const DEFAULT_POD_CAPACITY_RPS = 50;

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
  /** Per pod: its load, and which channels it came through (one pod may be reached by two routes). */
  pods: { pod: PodRuntime; rps: number; capacityRps: number; shares: { recorder: WorkloadRecorder; rps: number }[] }[];
  unrouted: { recorder: UnroutedRecorder; rps: number }[];
}

/** Spreads every service's requests over its route's destinations and their ready pods. */
export function planTraffic(scenario: Scenario, routes: RouteTable, kubelet: Kubelet, metrics: MeshMetrics): TrafficPlan {
  const ready: PodRuntime[] = [];
  for (const p of kubelet.pods()) if (p.ready && p.namespace === scenario.namespace) ready.push(p);

  // per pod: two destinations may select the same pod, and capacity is the pod's
  const load = new Map<PodRuntime, Map<WorkloadRecorder, number>>();
  const unrouted: TrafficPlan["unrouted"] = [];
  for (const svc of scenario.services) {
    const plain: RouteDestination = { weight: 100, selector: { app: svc.name }, version: "unknown", channel: { mesh: "istio", service: svc.name } };
    const destinations = routes.get(svc.name) ?? [plain];
    const total = destinations.reduce((a, d) => a + Math.max(0, d.weight), 0);
    if (total <= 0) continue;
    for (const d of destinations) {
      const rps = (svc.rps * Math.max(0, d.weight)) / total;
      if (rps <= 0) continue;
      const targets = d.selector ? ready.filter((p) => matchesLabels(p.labels, d.selector)) : [];
      if (targets.length === 0) {
        unrouted.push({ recorder: metrics.unrouted(d.channel, d.version, d.selector ? "UH" : "NC"), rps });
        continue;
      }
      for (const p of targets) {
        const shares = load.get(p) ?? new Map<WorkloadRecorder, number>();
        const recorder = metrics.workload(d.channel, p.workload, p.labels.version ?? "unknown");
        shares.set(recorder, (shares.get(recorder) ?? 0) + rps / targets.length);
        load.set(p, shares);
      }
    }
  }

  const pods = [...load].map(([pod, shares]) => ({
    pod,
    rps: [...shares.values()].reduce((a, b) => a + b, 0),
    // capacity is the application's: the service its pods are labelled with
    capacityRps: scenario.services.find((s) => s.name === pod.labels.app)?.podCapacityRps ?? DEFAULT_POD_CAPACITY_RPS,
    shares: [...shares].map(([recorder, rps]) => ({ recorder, rps })),
  }));
  return { pods, unrouted };
}

/** Sends `seconds` worth of requests along the plan and records what happened to them. */
export function flowTraffic(plan: TrafficPlan, ctx: { scenario: Scenario; kubelet: Kubelet; now: number; seconds: number }): void {
  const { scenario, kubelet, now, seconds } = ctx;
  for (const u of plan.unrouted) u.recorder.add(u.rps * seconds);
  for (const { pod, rps, capacityRps, shares } of plan.pods) {
    const perf = podPerformance(scenario, kubelet, pod, now);
    if (!perf) continue;
    // overload is shed in proportion to what each route sends
    const servedShare = Math.min(1, (capacityRps * seconds) / (rps * seconds));
    for (const share of shares) {
      const requests = share.rps * seconds;
      const served = requests * servedShare;
      share.recorder.record(served * (1 - perf.errorRate), served * perf.errorRate, requests - served, perf.meanLatencyMs);
    }
  }
}
