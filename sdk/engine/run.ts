import { CancelledError, GateFailedError, InvalidPlanError, UnknownDestinationError, describeError } from "../errors.ts";
import type { Gate, GatePolicy, Verdict } from "../gates/gate.ts";
import { evaluateGate } from "../gates/evaluate.ts";
import type { RunMode } from "../journal/events.ts";
import type { Route } from "../traffic/route.ts";
import { formatSplit, validateSplit, type Split } from "../traffic/split.ts";
import { toMs, type Duration } from "../util/duration.ts";
import { currentStepId, withStep, type EngineContext } from "./context.ts";
import { journalRef } from "./journal.ts";

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
  /** Now, on the run's clock (virtual in the simulator). */
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
  /** Waits (on the run's clock); preview does not wait. */
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

/** The steps started and not finished yet, by name: a step is underway from its first line to its last. */
export type StepsUnderway = Set<{ name: string }>;

/** The names of the steps still running (once the program is over: those it did not await). */
export const namesOf = (underway: StepsUnderway): string[] => [...new Set([...underway].map((step) => step.name))];

/**
 * One of the run's operations (`step "isolate"`, `gate "release healthy"`) failed and nothing of
 * the program was waiting on it: the run stops there.
 */
export type OnUntakenFailure = (operation: string, error: unknown) => void;

/**
 * A promise that knows whether the program took it up: awaiting it, chaining it or passing it to
 * Promise.all each call `then`. Promises it derives are plain ones.
 */
class WatchedPromise<T> extends Promise<T> {
  static override get [Symbol.species]() {
    return Promise;
  }
  takenUp = false;
  override then<A = T, B = never>(onFulfilled?: ((value: T) => A | PromiseLike<A>) | null, onRejected?: ((reason: unknown) => B | PromiseLike<B>) | null): Promise<A | B> {
    this.takenUp = true;
    return super.then(onFulfilled, onRejected);
  }
}

/**
 * What the program gets for one of the run's operations. The run handles its failure, so one the
 * program never takes up does not crash the process as an unhandled rejection: it goes to
 * `onUntakenFailure`. Judged once the microtasks its failure queued have run, when Node would call
 * it unhandled (an await that comes later is too late for Node too).
 */
function watched<T>(operation: string, work: Promise<T>, onUntakenFailure: OnUntakenFailure): Promise<T> {
  const promise = new WatchedPromise<T>((resolve, reject) => void work.then(resolve, reject));
  Promise.prototype.then.call(promise, undefined, (err: unknown) => process.nextTick(() => promise.takenUp || onUntakenFailure(operation, err)));
  return promise;
}

/** A program returned while these steps ran: it did not await them, and they would change the cluster after the run ended. */
export function unawaitedStepsError(names: string[]): InvalidPlanError {
  const steps = names.map((n) => `"${n}"`).join(", ");
  return new InvalidPlanError(
    `step ${steps} ${names.length > 1 ? "were" : "was"} still running when the plan's program returned: await ${names.length > 1 ? "them" : "it"} ` +
      `(await run.step(...), or await Promise.all([...]) of the steps). A step not awaited would go on changing the cluster after the run ends; the run stopped it.`,
  );
}

/**
 * Builds the `run` object for one execution. `safeStates` collects declarations for the runner;
 * `underway` the steps running now, for it to find those the program did not await; `onUntakenFailure`
 * hears of an operation (a step, a gate, a pause) that failed with nothing of the program waiting on it.
 */
export function createRun(ctx: EngineContext, safeStates: SafeState[], underway: StepsUnderway, onUntakenFailure: OnUntakenFailure): Run {
  let nextStepId = 0;
  const gateOrCheck = async (name: string, gate: Gate, options: Partial<GatePolicy> | undefined, enforced: boolean) => {
    ctx.progress(`${enforced ? "gate" : "check"} "${name}": ${gate.description}`);
    const v = await evaluateGate(ctx, name, gate, options ?? {}, enforced);
    if (enforced && v.phase !== "passed") throw new GateFailedError(name, v.phase, v.reason);
    return v;
  };
  const runStep = async <T>(step: { name: string }, fn: () => Promise<T> | T): Promise<T> => {
    if (ctx.signal.aborted) throw new CancelledError();
    const { name } = step;
    const stepId = ++nextStepId;
    const parentId = currentStepId();
    const start = ctx.clock.now();
    ctx.journal.emit({ type: "step-started", stepId, name, ...(parentId !== undefined ? { parentId } : {}) });
    ctx.progress(`step: ${name}`);
    underway.add(step);
    try {
      const result = await withStep({ id: stepId, name }, fn);
      ctx.journal.emit({ type: "step-finished", stepId, name, outcome: "succeeded", durationMs: ctx.clock.now() - start });
      return result;
    } catch (err) {
      ctx.journal.emit({ type: "step-finished", stepId, name, outcome: "failed", durationMs: ctx.clock.now() - start, error: describeError(err) });
      throw err;
    } finally {
      underway.delete(step);
    }
  };

  const pause = async (duration: Duration, reason?: string) => {
    const ms = toMs(duration, "run.pause");
    ctx.journal.emit({ type: "pause", durationMs: ms, ...(reason ? { reason } : {}) });
    if (ctx.mode === "preview") return;
    ctx.progress(`pause ${duration}${reason ? `: ${reason}` : ""}`);
    await ctx.clock.sleep(ms, ctx.signal);
  };
  const safeState = async (route: Route, split: Split, description?: string) => {
    validateSplit(route.label, split);
    const known = await route.destinations();
    const unknown = Object.keys(split).filter((d) => !known.includes(d));
    if (unknown.length) throw new UnknownDestinationError(route.label, unknown, known, route.router.destinationNoun);
    route.checkBackends(known);
    const text = description ?? `${route.label}: ${formatSplit(split)}`;
    const same = safeStates.findIndex((s) => s.route.key === route.key);
    if (same >= 0) safeStates.splice(same, 1);
    safeStates.push({ route, split, description: text });
    ctx.journal.emit({ type: "safe-state-declared", description: text, route: journalRef(route.ref), split });
  };

  return {
    mode: ctx.mode,
    signal: ctx.signal,
    now: () => ctx.clock.now(),

    step: (name, fn) => watched(`step "${name}"`, runStep({ name }, fn), onUntakenFailure),
    gate: (name, gate, options) => watched(`gate "${name}"`, gateOrCheck(name, gate, options, true), onUntakenFailure),
    check: (name, gate, options) => watched(`check "${name}"`, gateOrCheck(name, gate, options, false), onUntakenFailure),
    pause: (duration, reason) => watched(`run.pause(${JSON.stringify(duration)})`, pause(duration, reason), onUntakenFailure),

    note(text) {
      ctx.journal.emit({ type: "note", text: String(text) });
    },

    recommend(text, reason) {
      ctx.journal.emit({ type: "recommendation", text, reason });
    },

    safeState: (route, split, description) => watched(`run.safeState(${route?.label})`, safeState(route, split, description), onUntakenFailure),
  };
}
