import { runPlan, type RunResult } from "../engine/runner.ts";
import type { JournalSink, RunMode } from "../journal/events.ts";
import type { Plan } from "../plan/plan.ts";
import type { KubeObject, KubePort } from "../ports/kube.ts";
import type { TrafficRouter } from "../traffic/router.ts";
import { httpRouteRouter } from "../traffic/routers/gateway-api.ts";
import { nginxCanaryRouter } from "../traffic/routers/ingress-nginx.ts";
import { istioVirtualServiceRouter } from "../traffic/routers/istio.ts";
import { trafficSplitRouter } from "../traffic/routers/smi.ts";
import type { Split } from "../traffic/split.ts";
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
      clock: sim.clock,
      target: { kind: "sim", scenario: sim.scenario.name },
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
  const istioVersions = ["networking.istio.io/v1", "networking.istio.io/v1beta1"];
  return [
    ...istioVersions.flatMap((v) => store.list(v, "VirtualService").map((o) => ({ object: o, router: istioVirtualServiceRouter({ ...at(o), apiVersion: v }) }))),
    ...store.list("gateway.networking.k8s.io/v1", "HTTPRoute").map((o) => ({ object: o, router: httpRouteRouter(at(o)) })),
    ...(["split.smi-spec.io/v1alpha2", "split.smi-spec.io/v1alpha1"] as const).flatMap((v) =>
      store.list(v, "TrafficSplit").map((o) => ({ object: o, router: trafficSplitRouter({ ...at(o), apiVersion: v }) })),
    ),
    ...store
      .list("networking.k8s.io/v1", "Ingress")
      .filter((o) => o.metadata.annotations?.["nginx.ingress.kubernetes.io/canary"] === "true")
      .map((o) => ({ object: o, router: nginxCanaryRouter({ namespace: at(o).namespace, canaryIngress: o.metadata.name }) })),
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
