import { runPlan, type RunResult } from "../engine/runner.ts";
import type { JournalSink, RunMode } from "../journal/events.ts";
import type { Plan } from "../plan/plan.ts";
import type { ScenarioInput } from "./scenario.ts";
import { startSimulator } from "./simulator.ts";

export interface Rehearsal extends RunResult {
  /** Final weights of every VirtualService in the simulated cluster, by "namespace/name". */
  finalSplits: Record<string, Record<string, number>>;
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
    const finalSplits: Rehearsal["finalSplits"] = {};
    for (const vs of sim.store.list("networking.istio.io/v1", "VirtualService")) {
      const route = vs.spec?.http?.[0]?.route ?? [];
      finalSplits[`${vs.metadata.namespace}/${vs.metadata.name}`] = Object.fromEntries(
        route.map((r: { destination: { subset?: string; host: string }; weight?: number }) => [r.destination.subset ?? r.destination.host, r.weight ?? 100]),
      );
    }
    return { ...result, finalSplits, virtualMs: sim.clock.now() - start };
  } finally {
    await sim.close();
  }
}
