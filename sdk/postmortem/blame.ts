/**
 * What a failed run is down to. A plan may act on a check that failed (a canary stage, a health
 * probe it branches on) or catch a step's error and carry on, so "the last thing that failed" is
 * not the cause: the cause is what raised the error the run ended with.
 */
import type { GateSummary, RunSummary, StepSummary } from "./summary.ts";

export type Cause = { kind: "gate"; gate: GateSummary } | { kind: "step"; step: StepSummary } | { kind: "error"; error: { name: string; message: string } };

/** The gate or step that raised the run's error, else the error itself; undefined when the run has none. */
export function causeOf(s: RunSummary): Cause | undefined {
  if (!s.error) return undefined;
  const gate = s.gates.findLast((g) => g.phase !== "passed" && raisedBy(s.error!, g));
  if (gate) return { kind: "gate", gate };
  // the innermost step is the one that names the error closest to where it was raised
  const step = s.steps.findLast((st) => st.outcome === "failed" && st.error !== undefined && sameError(st.error.message, s.error!.message));
  if (step) return { kind: "step", step };
  return { kind: "error", error: s.error };
}

/**
 * Whether a step's error is the run's: the runner pins a plan's own error to the line that threw it
 * (`connection refused (at plans/check.ts:8:65)`) in plan-finished only, so the step's message may
 * lack that suffix. Journals written before it was added have the same message in both.
 */
function sameError(stepMessage: string, runMessage: string): boolean {
  return runMessage === stepMessage || (runMessage.startsWith(stepMessage) && /^ \(at [^()]+:\d+:\d+\)$/.test(runMessage.slice(stepMessage.length)));
}

/** Whether a failed step's error is a gate's verdict (so the gate, not the step, is what to look into). */
export function failedOnGate(step: StepSummary, gates: GateSummary[]): boolean {
  return !!step.error && gates.some((g) => g.phase !== "passed" && raisedBy(step.error!, g));
}

/** A gate's failure is raised as `Gate "<name>" <phase>: <reason>` (GateFailedError). */
function raisedBy(error: { name: string; message: string }, g: GateSummary): boolean {
  return error.name === "GateFailedError" && error.message.startsWith(`Gate "${g.name}" ${g.phase}`);
}
