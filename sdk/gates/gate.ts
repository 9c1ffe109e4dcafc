import type { EngineContext } from "../engine/context.ts";
import type { Evidence, GatePhase } from "../journal/events.ts";
import type { Duration } from "../util/duration.ts";

/** The outcome of one evaluation round, or of a whole gate: a phase with its reason and evidence. */
export interface Verdict {
  phase: GatePhase;
  reason: string;
  evidence: Evidence[];
}

/**
 * How a gate is evaluated over time (Argo Rollouts' analysis semantics, fail-closed):
 * rounds every `interval`; it passes after `consecutive` passing rounds in a row; it fails when
 * failed rounds exceed `failureLimit`, errors in a row exceed `consecutiveErrorLimit`, or
 * `timeout` passes without a pass (inconclusive is never a pass).
 */
export interface GatePolicy {
  interval: Duration;
  timeout: Duration;
  consecutive: number;
  failureLimit: number;
  consecutiveErrorLimit: number;
}

export const DEFAULT_POLICY: GatePolicy = {
  interval: "10s",
  timeout: "5m",
  consecutive: 1,
  failureLimit: 0,
  // two transient provider errors in a row are retried; the third fails the gate
  consecutiveErrorLimit: 2,
};

/** What a gate's round can use. `state` lives for one run.gate/run.check call (e.g. a baseline). */
export interface GateRound {
  ctx: EngineContext;
  round: number;
  startedAt: number;
  state: Map<string, unknown>;
}

/** A health gate: one measurement round, plus defaults for how rounds are repeated. */
export interface Gate {
  readonly kind: string;
  /** "success rate of release >= 0.99 over 1m (at least 100 requests)" */
  readonly description: string;
  readonly policy?: Partial<GatePolicy>;
  evaluate(round: GateRound): Promise<Verdict>;
}

/** A single-evidence verdict. */
export function verdict(phase: GatePhase, reason: string, evidence: Omit<Evidence, "phase" | "reason">): Verdict {
  return { phase, reason, evidence: [{ ...evidence, phase, reason }] };
}
