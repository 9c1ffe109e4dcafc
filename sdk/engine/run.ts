import { CancelledError, GateFailedError, describeError } from "../errors.ts";
import type { Gate, GatePolicy, Verdict } from "../gates/gate.ts";
import { evaluateGate } from "../gates/evaluate.ts";
import type { RunMode } from "../journal/events.ts";
import type { Route } from "../traffic/route.ts";
import { formatSplit, validateSplit, type Split } from "../traffic/split.ts";
import { toMs, type Duration } from "../util/duration.ts";
import { asOperation, currentStepId, withStep, type EngineContext } from "./context.ts";
import { journalRef } from "./journal.ts";
import { checkGateArguments, checkPauseArguments, checkRecommendArguments, checkSafeStateArguments, checkStepArguments, noteText } from "./run-arguments.ts";
import { watched, type ProgramWatch } from "./watched.ts";

/** A declared safe state: where traffic goes back to when anything fails. */
export interface SafeState {
  route: Route;
  split: Split;
  description: string;
}

/**
 * What a plan program gets as `run`: named steps, gates, pauses, notes, and the safe state.
 * Handles (routes, deployments) act on the cluster; `run` structures and records the work.
 */
export interface Run {
  readonly mode: RunMode;
  /** Aborted on SIGINT/SIGTERM or cancellation: pass it to your own long waits. */
  readonly signal: AbortSignal;
  /** Now, on the run's clock (virtual in the simulator); in preview, moved on by each pause so far. */
  now(): number;
  /**
   * A named unit of work; every change inside it is journaled under its name. Steps nest.
   * @example await run.step("isolate", () => vs.shift({ stable: 100, release: 0 }));
   */
  step<T>(name: string, fn: () => Promise<T> | T): Promise<T>;
  /** Evaluates a gate and fails the plan unless it passes. Returns the verdict. */
  gate(name: string, gate: Gate, options?: Partial<GatePolicy>): Promise<Verdict>;
  /** Evaluates a gate and returns the verdict, so the program can branch (roll forward instead of back). */
  check(name: string, gate: Gate, options?: Partial<GatePolicy>): Promise<Verdict>;
  /** Waits (on the run's clock); preview does not wait, but moves `now()` on by `duration`. */
  pause(duration: Duration, reason?: string): Promise<void>;
  /** Adds a line to the timeline. */
  note(text: string): void;
  /** A recommendation for the responders, shown in the postmortem. */
  recommend(text: string, reason: string): void;
  /**
   * Declares the state to return to if anything fails (a gate, an exception, SIGINT/SIGTERM).
   * Checked now: the destinations must exist on the route, and so must the ones its backends are
   * keyed by (a misspelt key would fail the shifts it meant to check). A later declaration for the same route
   * replaces the earlier one (e.g. once a fix is promoted, "stay on the fixed release").
   * @example await run.safeState(vs, { stable: 100, release: 0 }, "all traffic on the stable pool");
   */
  safeState(route: Route, split: Split, description?: string): Promise<void>;
}

/** How a step other than the program's own is journaled (see {@link JournaledStep}). */
export interface StepOptions<T> {
  /** The engine's restore of the safe states (the step-started event's `restore`). */
  restore?: true;
  /** Whether what `fn` returned means the step failed: a restore reports what it could not put back, it does not throw. */
  failed?: (result: T) => boolean;
}

/** Runs `fn` as a step of the run in the current context, journaling its start and its finish. */
export type JournaledStep = <T>(name: string, fn: () => Promise<T> | T, options?: StepOptions<T>) => Promise<T>;

/**
 * The run's steps, numbered in one sequence: the program's (run.step) and the engine's own (the
 * restore of the safe state), so that every report reads them the same way. The caller decides
 * whether a step may start (a program's may not once the run is cancelled; the restore must).
 */
export function journaledSteps(ctx: EngineContext): JournaledStep {
  let nextStepId = 0;
  return async (name, fn, options = {}) => {
    const stepId = ++nextStepId;
    const parentId = currentStepId();
    const start = ctx.clock.now();
    ctx.journal.emit({ type: "step-started", stepId, name, ...(parentId !== undefined ? { parentId } : {}), ...(options.restore ? { restore: true } : {}) });
    ctx.progress(`step: ${name}`);
    try {
      const result = await withStep({ id: stepId, name }, fn);
      const outcome = options.failed?.(result) ? "failed" : "succeeded";
      ctx.journal.emit({ type: "step-finished", stepId, name, outcome, durationMs: ctx.clock.now() - start });
      return result;
    } catch (err) {
      const outcome = err instanceof CancelledError ? "cancelled" : "failed";
      ctx.journal.emit({ type: "step-finished", stepId, name, outcome, durationMs: ctx.clock.now() - start, error: describeError(err) });
      throw err;
    }
  };
}

/**
 * Builds the `run` object for one execution. `safeStates` collects declarations for the runner;
 * `watch` the operations the program starts (steps, gates, pauses), for it to find those the
 * program did not await, and those that failed with nothing of the program waiting on them.
 * `step` journals its steps (see {@link journaledSteps}).
 */
export function createRun(ctx: EngineContext, safeStates: SafeState[], watch: ProgramWatch, step: JournaledStep): Run {
  const gateOrCheck = async (name: string, gate: Gate, options: Partial<GatePolicy> | undefined, enforced: boolean) => {
    checkGateArguments(enforced ? "gate" : "check", name, gate);
    ctx.progress(`${enforced ? "gate" : "check"} "${name}": ${gate.description}`);
    const v = await evaluateGate(ctx, name, gate, options ?? {}, enforced);
    if (enforced && v.phase !== "passed") throw new GateFailedError(name, v.phase, v.reason);
    return v;
  };
  const runStep = async <T>(name: string, fn: () => Promise<T> | T): Promise<T> => {
    checkStepArguments(name, fn);
    if (ctx.signal.aborted) throw new CancelledError();
    return step(name, fn);
  };

  // A preview does not wait, but the plan's time moves on by each pause as a run's does: a program
  // polling until run.now() passes a deadline would otherwise never reach it.
  let previewedMs = 0;
  const previewPause = async (ms: number) => {
    // a turn of the event loop, so a cancel is heard even by a loop that does nothing but pause
    await new Promise<void>((resolve) => setImmediate(resolve));
    if (ctx.signal.aborted) throw new CancelledError();
    previewedMs += ms;
  };
  const pause = async (duration: Duration, reason?: string) => {
    const ms = toMs(duration, "run.pause");
    checkPauseArguments(reason);
    const event = { type: "pause", durationMs: ms, ...(reason ? { reason } : {}) } as const;
    const startedAt = ctx.journal.emit(event).at;
    try {
      if (ctx.mode === "preview") return await previewPause(ms);
      ctx.progress(`pause ${duration}${reason ? `: ${reason}` : ""}`);
      await ctx.clock.sleep(ms, ctx.signal);
    } catch (err) {
      // the first event said how long it was to last: the postmortem says how long it did
      if (err instanceof CancelledError) ctx.journal.emit({ ...event, cancelled: { afterMs: ctx.clock.now() - startedAt, startedAt } });
      throw err;
    }
  };
  const safeState = async (route: Route, split: Split, description?: string) => {
    checkSafeStateArguments(route, description);
    validateSplit(route.label, split);
    await route.checkDestinations(Object.keys(split));
    const text = description ?? `${route.label}: ${formatSplit(split)}`;
    const same = safeStates.findIndex((s) => s.route.key === route.key);
    if (same >= 0) safeStates.splice(same, 1);
    safeStates.push({ route, split, description: text });
    ctx.journal.emit({ type: "safe-state-declared", description: text, route: journalRef(route.ref), split });
  };

  return {
    mode: ctx.mode,
    signal: ctx.signal,
    now: () => ctx.clock.now() + previewedMs,

    // A step's body is the program's own code; the others are the SDK's doing.
    step: (name, fn) => watched(watch, `step "${name}"`, runStep(name, fn), "step"),
    gate: (name, gate, options) => watched(watch, `gate "${name}"`, asOperation(() => gateOrCheck(name, gate, options, true)), "wait"),
    check: (name, gate, options) => watched(watch, `check "${name}"`, asOperation(() => gateOrCheck(name, gate, options, false)), "wait"),
    pause: (duration, reason) => watched(watch, `run.pause(${JSON.stringify(duration)})`, pause(duration, reason), "wait"),

    note(text) {
      ctx.journal.emit({ type: "note", text: noteText(text) });
    },

    recommend(text, reason) {
      checkRecommendArguments(text, reason);
      ctx.journal.emit({ type: "recommendation", text, reason });
    },

    safeState: (route, split, description) => watched(watch, `run.safeState(${route?.label})`, asOperation(() => safeState(route, split, description))),
  };
}
