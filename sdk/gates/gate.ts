import type { EngineContext } from "../engine/context.ts";
import type { Evidence, GatePhase } from "../journal/events.ts";
import type { Route } from "../traffic/route.ts";
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
  /** Time between rounds (Argo's `interval`). */
  interval: Duration;
  /**
   * The gate's maximum duration (Flagger's and Argo's `maxDuration`): without the required passes
   * by then it ends inconclusive, or with the last round's failure or error, never passed.
   */
  timeout: Duration;
  /** Passing rounds in a row needed to pass (Flagger's `threshold` of successes). */
  consecutive: number;
  /** Failed rounds tolerated, in total; one more fails the gate (Argo's `failureLimit`). */
  failureLimit: number;
  /** Error rounds in a row tolerated (an unreachable provider); one more ends the gate in error. */
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

/** A span the evidence must cover to pass: `ms`, set by the gate's `option`, and what turning good during the gate means. */
export interface Hold {
  ms: number;
  /** The gate's option that sets it, e.g. "for". */
  option: string;
  /** What could never pass within a shorter timeout, e.g. "pods that turn ready during the gate". */
  what: string;
}

/** What a gate waits out after the run shifts a route, before any round of it can pass: `ms` of `what`. */
export interface ShiftWait {
  ms: number;
  /** e.g. "a 10m window of requests to release" */
  what: string;
}

/** What a gate's round can use. `state` lives for one run.gate/run.check call (e.g. a baseline). */
export interface GateRound {
  ctx: EngineContext;
  round: number;
  startedAt: number;
  state: Map<string, unknown>;
  /** What the gates of one combination (gates.all, gates.any) share in a round: the outermost gate's state. */
  shared?: Map<string, unknown>;
}

/** A health gate: one measurement round, plus defaults for how rounds are repeated. */
export interface Gate {
  readonly kind: string;
  /** "success rate of release >= 0.99 over 1m (at least 100 requests)" */
  readonly description: string;
  readonly policy?: Partial<GatePolicy>;
  /**
   * How long the evidence must span before the gate can pass, whatever its rounds (every pod ready
   * `for` 10m): a timeout shorter than that is refused before the first round, as a streak of
   * passes that cannot fit in it is.
   */
  readonly holds?: Hold;
  /**
   * How long after the run shifts `route` the gate waits before a round can pass; undefined when
   * such a shift holds it up for no time, or none that can be told before the run. A gate over a
   * route's requests counts a `window` of them all from after the shift, so a canary refuses a
   * stage whose pause and gate timeout are too short for it, before the first stage moves traffic.
   */
  waitAfterShift?(route: Route): ShiftWait | undefined;
  evaluate(round: GateRound): Promise<Verdict>;
  /**
   * Checks what can be checked without measuring (a route's destination exists): a preview runs
   * it in place of the rounds, so a typo shows before the plan is run. Throws the plan's mistake.
   */
  preflight?(round: GateRound): Promise<void>;
}

/**
 * A single-evidence verdict.
 * @example return verdict("failed", "p99 latency 812ms >= 500ms", { at, indicator: "latency-p99", value: 812, unit: "ms" });
 */
export function verdict(phase: GatePhase, reason: string, evidence: Omit<Evidence, "phase" | "reason">): Verdict {
  return { phase, reason, evidence: [{ ...evidence, phase, reason }] };
}
