import { AsyncLocalStorage } from "node:async_hooks";
import { CancelledError, InvalidPlanError } from "../errors.ts";
import { SDK_MAJOR } from "../version.ts";
import type { Clock } from "../ports/clock.ts";
import type { KubeObject, KubePort, ObjectRef } from "../ports/kube.ts";
import type { MetricsPort } from "../ports/metrics.ts";
import type { DatabasePort } from "../ports/database.ts";
import type { RunMode } from "../journal/events.ts";
import type { Journal } from "./journal.ts";
import type { PreviewKube } from "./preview-kube.ts";
import type { ImpactScope } from "./impact.ts";
import type { Duration } from "../util/duration.ts";
import type { MetricScope, TrafficWithout } from "../traffic/router.ts";
import type { Split } from "../traffic/split.ts";
import type { ProgramWatch } from "./watched.ts";

/** Transient progress the journal does not keep: what a responder watches while a gate waits. */
export type ProgressListener = (message: string) => void;

/** Everything a running plan can touch. Handles find it through `currentContext()`. */
export interface EngineContext {
  mode: RunMode;
  /** In preview, a PreviewKube that records writes instead of sending them. */
  kube: KubePort;
  preview?: PreviewKube;
  metrics?: MetricsPort;
  /** Migration history for schema gates; PostgreSQL when not given. */
  databases?: DatabasePort;
  clock: Clock;
  signal: AbortSignal;
  journal: Journal;
  progress: ProgressListener;
  /** Services whose user impact is measured at the end of the run, keyed by a stable id. */
  impactScopes: Map<string, ImpactScope>;
  /** Routes whose starting split is journaled already (the chart starts from it). */
  routesSeen: Set<string>;
  /** Per route, the ready pods that carried its traffic when the run first checked capacity. */
  fleets: Map<string, number>;
  /**
   * Per route, when this run last changed its split (a window of its requests must start after it)
   * and what it last wrote there (the route must still hold it when the run reads it again).
   */
  shifts: Map<string, RouteShift>;
  /** Per route object (refString), how many of the run's shifts of it are writing now: not yet in `shifts`. */
  shifting: Map<string, number>;
  /** Per route, the step whose shift of it is underway (from its first read to its verified write). */
  shiftsUnderway: Map<string, string>;
  /** Per route, the capacityTimeout the plan last gave a shift of it: restoring the safe state waits no longer. */
  capacityTimeouts: Map<string, Duration>;
  /** Writes on the wire now, a shift's until its read-back is recorded: the engine waits for them before restoring the safe state. */
  inflight: Set<Promise<unknown>>;
  /** Per Deployment (refString), the run's last change of its pod template: a window of its requests must start after the new pods are out. */
  rollouts: Map<string, Rollout>;
  /**
   * Per route and destination (routeKey and destination), the Deployment the plan declared behind
   * it (`backends`) and where its requests are counted: how a gate knows whose rollouts it follows.
   */
  backendScopes: Map<string, BackendScope>;
  /** The operations the program started, and who hears of one that failed unawaited (see watched.ts); a run sets it. */
  watch?: ProgramWatch;
}

/** A run's last change of a route's split, with where its destinations' requests are counted. */
export interface RouteShift {
  at: number;
  /** "VirtualService prod/checkout-api" */
  label: string;
  /** Whose metrics count them (the route's `router.metrics`) and, per destination, where. */
  mesh: string;
  scopes: MetricScope[];
  ref: ObjectRef;
  /** The split the run last wrote (read back and verified), or last found its own writes left there. */
  split: Split;
  /** The route's split as an object of it shows it: the rule the run's shifts of it read. */
  splitOf(object: KubeObject): Split;
  /** Where its traffic goes once its object is deleted. */
  without: TrafficWithout;
  /** Set when a workload step of this run rewrote or deleted the route's object after this shift. */
  edit?: RouteEdit;
  /**
   * A split the run then wrote without learning whether it landed (the answer or the read-back was
   * lost: a timeout, a dropped connection, a 5xx). Found there when the route is read again, it is
   * the run's own write, not a controller's change.
   */
  unconfirmed?: Split;
}

/**
 * A run's last change of a Deployment's pod template (a rollback, a new image, a restart, a Helm
 * or Kustomize apply): until the window after it is over, its requests mix the old pods' with the new.
 */
export interface Rollout {
  ref: ObjectRef;
  /** "Deployment prod/checkout-api" */
  label: string;
  /** When the run wrote the new template. */
  at: number;
  /** The Deployment's metadata.generation the change made: the controller must have seen it for the rollout to count as complete. */
  generation: number;
  /** When the run first saw every replica of the new template updated and available (its waitForRollout, or a gate's read). */
  doneAt?: number;
}

/** A Deployment declared behind a route's destination, and where that destination's requests are counted. */
export interface BackendScope {
  /** Whose metrics count them (the route's `router.metrics`). */
  mesh: string;
  scope: MetricScope;
  deployment: ObjectRef;
}

/**
 * What a workload step of the run (a Helm rollback, a Kustomize apply) left of a route the run had
 * shifted: the run changed it itself, so no controller is to blame if it no longer holds the split.
 */
export interface RouteEdit {
  /** 'step "roll back" (Helm release prod/checkout-api: helm rollback to revision 1)' */
  by: string;
  /** The object is gone: its traffic goes as `RouteShift.without` says. */
  gone: boolean;
  /** The split the step left, when it left one the run can read. */
  split?: Split;
  /** Why the object the step left holds no split the run can read (the part it shifted is gone). */
  unreadable?: string;
}

/** A context with fresh per-run bookkeeping; callers give the ports and the mode. */
export function createEngineContext(
  parts: Omit<EngineContext, "impactScopes" | "routesSeen" | "fleets" | "shifts" | "shifting" | "shiftsUnderway" | "capacityTimeouts" | "inflight" | "rollouts" | "backendScopes" | "progress"> & { progress?: ProgressListener },
): EngineContext {
  return { progress: () => {}, ...parts, impactScopes: new Map(), routesSeen: new Set(), fleets: new Map(), shifts: new Map(), shifting: new Map(), shiftsUnderway: new Map(), capacityTimeouts: new Map(), inflight: new Set(), rollouts: new Map(), backendScopes: new Map() };
}

/** The key of a route (an object, or the part of it a handle shifts) in the context's per-route maps. */
export const routeKey = (ref: ObjectRef, part?: string): string => JSON.stringify(part ? { ...ref, part } : ref);

interface Frame {
  ctx: EngineContext;
  step?: { id: number; name: string };
  /** Inside an operation of a handle: what runs here is the SDK's doing, not the program's. */
  inOperation?: true;
  /** In the plan's program: its lifetime, shared by all its frames (see {@link withProgram}). */
  program?: ProgramLifetime;
}

/** Set `over` once the plan's program has returned or failed. */
export interface ProgramLifetime {
  over: boolean;
}

/**
 * Shared by every copy of this SDK major in the process: a plan may import "firebreak" from one
 * place and a shared package of handles from another (its own node_modules), and a handle of one
 * copy must see the run the other started.
 */
const storage: AsyncLocalStorage<Frame> = ((globalThis as Record<symbol, unknown>)[Symbol.for(`firebreak.engine-context.v${SDK_MAJOR}`)] ??= new AsyncLocalStorage<Frame>()) as AsyncLocalStorage<Frame>;

/** Runs `fn` with `ctx` as the current engine context (and no current step). */
export function withContext<T>(ctx: EngineContext, fn: () => T): T {
  return storage.run({ ctx }, fn);
}

/**
 * Runs the plan's program `fn` with `ctx`. Once `lifetime.over` is set, a handle it calls is
 * refused: a call it left for later (a setTimeout, a promise chained to nothing) must not change
 * the cluster after the run has judged the program, nor behind the safe-state restore.
 */
export function withProgram<T>(ctx: EngineContext, lifetime: ProgramLifetime, fn: () => T): T {
  return storage.run({ ctx, program: lifetime }, fn);
}

/** Runs `fn` inside step `step` of the current context. */
export function withStep<T>(step: { id: number; name: string }, fn: () => T): T {
  const frame = storage.getStore();
  if (!frame) throw outsidePlan("run.step");
  return storage.run({ ctx: frame.ctx, step, ...(frame.program ? { program: frame.program } : {}) }, fn);
}

export function currentStepId(): number | undefined {
  return storage.getStore()?.step?.id;
}

/** The run's watch over the program's operations; undefined outside a run, and for the SDK's own calls. */
export function programWatch(): ProgramWatch | undefined {
  const frame = storage.getStore();
  return frame && !frame.inOperation ? frame.ctx.watch : undefined;
}

/** Runs `fn`, an operation of a handle, so that the calls it makes are the SDK's own. */
export function asOperation<T>(fn: () => T): T {
  const frame = storage.getStore();
  return frame ? storage.run({ ...frame, inOperation: true }, fn) : fn();
}

/** The name of the step running now; undefined outside any step. */
export function currentStepName(): string | undefined {
  return storage.getStore()?.step?.name;
}

/**
 * The engine context of the plan running now. Handle methods (route.shift, deployment.scale, …)
 * call it, so they can be created anywhere but only act inside a plan program.
 */
export function currentContext(operation = "this operation"): EngineContext {
  const frame = storage.getStore();
  if (!frame) throw outsidePlan(operation);
  const late = lateCall(operation);
  if (late) throw late;
  return frame.ctx;
}

/**
 * The refusal of `operation` when the program calls it after it was over (see {@link withProgram}),
 * with an action item in the journal while that is still open; undefined for any other call. After
 * the program failed or was cancelled, the call is a branch the run stopped (the rest of a
 * `Promise.all` whose other half failed): refused as such, with nothing asked of the plan.
 */
export function lateCall(operation: string): InvalidPlanError | CancelledError | undefined {
  const frame = storage.getStore();
  if (!frame?.program?.over || frame.inOperation) return undefined;
  if (frame.ctx.signal.aborted) return new CancelledError(`the run is stopping: not starting ${operation}`);
  frame.ctx.journal.emit({
    type: "recommendation",
    text: `Await ${operation} inside the plan's program`,
    reason: "the program called it after it had finished (from a setTimeout, or a promise nothing awaited); the run refused it",
  });
  return new InvalidPlanError(`${operation} was called after the plan's program had finished, and was refused: await it inside the program.`);
}

function outsidePlan(operation: string) {
  return new InvalidPlanError(
    `${operation} was called outside a running plan. Call it inside the program passed to plan(...), ` +
      `and await it (a call left un-awaited runs after the plan has finished).`,
  );
}
