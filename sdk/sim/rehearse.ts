import { runPlan, type RunResult } from "../engine/runner.ts";
import type { JournalSink, RunMode } from "../journal/events.ts";
import type { Plan } from "../plan/plan.ts";
import type { KubeObject, KubePort } from "../ports/kube.ts";
import type { TrafficRouter } from "../traffic/router.ts";
import { httpRouteRouter } from "../traffic/routers/gateway-api.ts";
import { NGINX_CANARY_ANNOTATIONS, nginxCanaryRouter } from "../traffic/routers/ingress-nginx.ts";
import { istioVirtualServiceRouter } from "../traffic/routers/istio.ts";
import { trafficSplitRouter, type TrafficSplitOptions } from "../traffic/routers/smi.ts";
import type { Split } from "../traffic/split.ts";
import { listAny, ROUTE_API_VERSIONS } from "./model/routes.ts";
import type { ScenarioInput } from "./scenario.ts";
import { startSimulator } from "./simulator.ts";
import type { ObjectStore } from "./store.ts";

export interface Rehearsal extends RunResult {
  /**
   * Final split of every route in the simulated cluster, by "namespace/name" of the object a plan
   * shifts: VirtualServices, HTTPRoutes, TrafficSplits and nginx canary Ingresses (in that order; a
   * later one named like an earlier one is keyed "Kind namespace/name"). Read by the same routers
   * plans use, so relative weights read as percentages.
   */
  finalSplits: Record<string, Split>;
  /** Virtual time the plan took. */
  virtualMs: number;
}

/**
 * Runs (or previews) a plan against a fresh simulator and reports the result with the cluster's
 * final traffic splits.
 * @example
 * const r = await rehearse(myPlan, { scenario: "cold-jvm", inputs: { revision: "2" } });
 * expect(r.status).toBe("succeeded");
 */
export async function rehearse(
  plan: Plan<any>,
  options: { scenario: string | ScenarioInput; inputs?: Record<string, unknown>; mode?: RunMode; journal?: JournalSink; onProgress?: (m: string) => void; signal?: AbortSignal },
): Promise<Rehearsal> {
  const sim = await startSimulator(options.scenario);
  try {
    const start = sim.clock.now();
    const result = await runPlan(plan, {
      mode: options.mode ?? "run",
      inputs: options.inputs ?? {},
      kube: sim.kube,
      metrics: sim.metrics,
      databases: sim.databases,
      clock: sim.clock,
      target: { kind: "sim", scenario: sim.scenario.name },
      explainMissing: sim.explainMissing,
      ...(options.journal ? { journal: options.journal } : {}),
      ...(options.onProgress ? { onProgress: options.onProgress } : {}),
      ...(options.signal ? { signal: options.signal } : {}),
    });
    const finalSplits = await readSplits(sim.store, sim.kube);
    return { ...result, finalSplits, virtualMs: sim.clock.now() - start };
  } finally {
    await sim.close();
  }
}

/** The routes in the store, each with the router that reads it (every kind a plan can shift). */
function routesIn(store: ObjectStore): { object: KubeObject; router: TrafficRouter }[] {
  const at = (o: KubeObject) => ({ namespace: o.metadata.namespace ?? "", name: o.metadata.name });
  const each = (versions: readonly string[], kind: string, router: (o: KubeObject) => TrafficRouter) =>
    listAny(store, versions, kind).map((object) => ({ object, router: router(object) }));
  return [
    ...each(ROUTE_API_VERSIONS.istio, "VirtualService", (o) => istioVirtualServiceRouter({ ...at(o), apiVersion: o.apiVersion })),
    ...each(ROUTE_API_VERSIONS.httproute, "HTTPRoute", (o) => httpRouteRouter(at(o))),
    ...each(ROUTE_API_VERSIONS.trafficsplit, "TrafficSplit", (o) => trafficSplitRouter({ ...at(o), apiVersion: o.apiVersion as TrafficSplitOptions["apiVersion"] })),
    ...each(ROUTE_API_VERSIONS.ingress, "Ingress", (o) => nginxCanaryRouter({ namespace: at(o).namespace, canaryIngress: o.metadata.name })).filter(
      ({ object }) => object.metadata.annotations?.[NGINX_CANARY_ANNOTATIONS.canary] === "true",
    ),
  ];
}

async function readSplits(store: ObjectStore, kube: KubePort): Promise<Rehearsal["finalSplits"]> {
  const out: Rehearsal["finalSplits"] = {};
  for (const { object, router } of routesIn(store)) {
    let split: Split;
    try {
      split = (await router.inspect(object, kube)).split;
    } catch {
      continue; // not a route a plan could shift (no destinations, no primary Ingress)
    }
    const key = `${object.metadata.namespace}/${object.metadata.name}`;
    out[key in out ? `${object.kind} ${key}` : key] = split;
  }
  return out;
}
