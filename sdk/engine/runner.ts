import { CancelledError, describeError, FirebreakError, ObjectNotFoundError, planFrame, RouteDriftError } from "../errors.ts";
import type { JournalEvent, JournalSink, RunMode, RunStatus } from "../journal/events.ts";
import { parseInputs, SDK_VERSION, type Plan } from "../plan/plan.ts";
import { afterCancelGrace, CANCEL_GRACE_MS } from "./cancel-grace.ts";
import type { Clock } from "../ports/clock.ts";
import type { KubePort } from "../ports/kube.ts";
import type { MetricsPort } from "../ports/metrics.ts";
import type { DatabasePort } from "../ports/database.ts";
import { redactInputs, secretValuesOf } from "../util/redact.ts";
import { formatSplit } from "../traffic/split.ts";
import { createScrubber } from "../util/scrub.ts";
import { createEngineContext, withContext, withProgram, type ProgramLifetime } from "./context.ts";
import { confirmRoutesHeld } from "./held-splits.ts";
import { measureImpact } from "./impact.ts";
import { Journal } from "./journal.ts";
import { createPreviewKube } from "./preview-kube.ts";
import { onProviderClock } from "./provider-clock.ts";
import { createRun, journaledSteps, type SafeState } from "./run.ts";
import { watchProgram } from "./watched.ts";
import { restoreSafeStates } from "./safe-state.ts";

export interface RunOptions {
  mode: RunMode;
  /** Raw inputs (strings from the CLI or the action), validated against the plan's schema. */
  inputs: Record<string, unknown>;
  kube: KubePort;
  metrics?: MetricsPort;
  /** Migration history for schema gates (default: PostgreSQL). */
  databases?: DatabasePort;
  clock: Clock;
  /** Where events are persisted as they happen (a JSON Lines file). */
  journal?: JournalSink;
  /** Abort to cancel: the engine restores the safe state and ends `cancelled`. Already aborted: nothing starts (CancelledError). */
  signal?: AbortSignal;
  /**
   * How long, in real time, a cancel waits for the plan's program to stop (default 10 s) before the
   * engine restores the safe state without it: a step awaiting something deaf to `run.signal`
   * must not keep users on the release.
   */
  cancelGraceMs?: number;
  onEvent?: (event: JournalEvent) => void;
  /** Transient progress (gate rounds, waits). */
  onProgress?: (message: string) => void;
  /** Called when the program (and any restore) is over and the run measures what it did, to report it. */
  onReporting?: () => void;
  /** Abort to cut short what the run reads and measures once its program is over (the shifted routes, the user-impact queries). */
  reportSignal?: AbortSignal;
  target: { kind: "sim" | "cluster"; scenario?: string; detail?: string };
  /**
   * What the target knows about an object the plan names and it lacks, appended to the error: a
   * simulator's scenario names the scenarios that have it.
   */
  explainMissing?: (object: string) => string;
  planFile?: string;
  runId?: string;
  /** Values to scrub from anything journaled (e.g. tokens the caller knows about). */
  secretValues?: string[];
}

export interface RunResult {
  runId: string;
  mode: RunMode;
  status: RunStatus;
  events: JournalEvent[];
  error?: { name: string; message: string };
  unsafe?: string[];
}

/**
 * Runs (or previews) a plan. Inputs are validated first: a PlanInputError is thrown before
 * anything is journaled or touched, and so is a CancelledError when `signal` is already aborted
 * (a responder who cancels while the plan loads wants nothing changed, not the safe state
 * "restored" over a world the plan never touched). After that, every outcome is a RunResult:
 * failures restore the declared safe state and are reported in `status`, never thrown.
 */
export async function runPlan<I>(plan: Plan<I>, options: RunOptions): Promise<RunResult> {
  const inputs = parseInputs(plan, options.inputs);
  if (options.signal?.aborted) throw new CancelledError("the run was cancelled before its plan started: nothing was changed");
  // node:crypto only when no run id is given: loading it is 4 ms of the action's cold start, which passes one
  const runId = options.runId ?? process.getBuiltinModule("node:crypto").randomUUID();
  // The plan's secret inputs (by name) and the caller's secrets, by value: wherever they turn up.
  const scrub = createScrubber([...(options.secretValues ?? []), ...secretValuesOf(inputs as Record<string, unknown>, plan.meta.secrets)]);
  const journal = new Journal(options.journal, options.clock, scrub);
  if (options.onEvent) journal.onEvent(options.onEvent);
  const program = watchProgram(journal, options.mode === "preview");
  const preview = options.mode === "preview" ? createPreviewKube(options.kube) : undefined;
  // Stopped when the program fails, so its other branches stop writing (see send() in writes.ts).
  const stop = new AbortController();
  const signal = options.signal ? AbortSignal.any([options.signal, stop.signal]) : stop.signal;
  const ctx = createEngineContext({
    mode: options.mode,
    kube: preview ?? options.kube,
    ...(preview ? { preview } : {}),
    ...(options.metrics ? { metrics: onProviderClock(options.metrics, options.clock, journal) } : {}),
    ...(options.databases ? { databases: options.databases } : {}),
    clock: options.clock,
    signal,
    journal,
    watch: program.watch,
    // progress lines quote queries and URLs too: the same secrets are taken out of them; and like
    // the journal, they stop at plan-finished, whatever a branch the run gave up on does after
    ...(options.onProgress ? { progress: (m: string) => !journal.closed && options.onProgress!(scrub.text(m)) } : {}),
  });
  const start = options.clock.now();
  journal.emit({
    type: "plan-started",
    runId,
    plan: { name: plan.meta.name, ...(plan.meta.description ? { description: plan.meta.description } : {}), ...(options.planFile ? { file: options.planFile } : {}) },
    mode: options.mode,
    inputs: redactInputs(inputs as Record<string, unknown>, plan.meta.secrets, options.secretValues),
    target: options.target,
    sdkVersion: SDK_VERSION,
  });

  const safeStates: SafeState[] = [];
  const step = journaledSteps(ctx);
  const run = createRun(ctx, safeStates, program.watch, step);
  let status: RunStatus = "succeeded";
  let error: { name: string; message: string } | undefined;
  let unsafe: string[] = [];
  let unrestored = new Set<string>();
  const lifetime: ProgramLifetime = { over: false };
  const deaf = afterCancelGrace(options.signal, options.cancelGraceMs ?? CANCEL_GRACE_MS);
  try {
    await Promise.race([withProgram(ctx, lifetime, () => plan.program(run, inputs)), program.failed, deaf.stopped]);
    await program.returned();
    lifetime.over = true;
    // A program that caught the cancel (a try around a pause or a step) and returned was still cancelled.
    if (options.signal?.aborted) throw new CancelledError("the run was cancelled while its program ran");
  } catch (err) {
    lifetime.over = true;
    program.over();
    error = describeError(err);
    error = { ...error, message: scrub.text(error.message) };
    // A Firebreak error names its own fix; anything else is pinned to the plan's line that threw it.
    const at = err instanceof FirebreakError ? undefined : planFrame(err);
    if (at) error = { ...error, message: `${error.message} (at ${at})` };
    if (err instanceof ObjectNotFoundError && options.explainMissing) error = { ...error, message: `${error.message} ${options.explainMissing(err.object)}` };
    const cancelled = err instanceof CancelledError || (options.signal?.aborted ?? false);
    stop.abort();
    // A write already on the wire lands first, so the restore is the last word.
    await Promise.allSettled([...ctx.inflight]);
    journal.emit({ type: "note", text: `${cancelled ? "cancelled" : "failed"}: ${error.message}` });
    // Restoring must not be cut short by the signal that cancelled the run. A preview rehearses
    // it too, on its overlay: what the run would put back, or leave changed. It is a step of its
    // own, numbered after the program's: no step of the program starts once the signal is aborted.
    ({ unsafe, unrestored } = await withContext({ ...ctx, signal: new AbortController().signal }, () => restoreSafeStates(safeStates, step)));
    // what is left unsafe outranks why the run stopped: a cancel whose restore failed pages as failed-unsafe
    status = unsafe.length ? "failed-unsafe" : cancelled ? "cancelled" : "failed-safe";
  }
  deaf.dispose();
  options.onReporting?.();
  // A controller that owns a route may have put it back since the run's write was verified, or a
  // later step of the plan deleted it (a preview foresees that on its view): production is then
  // where nobody chose, whatever the program did.
  const { drifts, landed } = await confirmRoutesHeld(ctx, unrestored, options.reportSignal);
  // A failed plan without a safe state reports what it left changed; a write whose answer was lost journaled no change.
  if (status !== "succeeded" && !safeStates.length && landed.length) {
    unsafe = [...unsafe, ...landed.map((l) => scrub.text(`${l.shift.label} was left at ${formatSplit(l.split)} by a write whose answer was lost; the plan declared no safe state to return to`))];
    status = "failed-unsafe";
  }
  if (drifts.length) {
    unsafe = [...unsafe, ...drifts.map((d) => scrub.text(new RouteDriftError([d]).message))];
    status = "failed-unsafe";
    const drift = describeError(new RouteDriftError(drifts));
    error ??= { ...drift, message: scrub.text(drift.message) };
  }
  if (options.mode === "run") await withContext(ctx, () => measureImpact(ctx, start, options.clock.now(), options.reportSignal));
  journal.emit({
    type: "plan-finished",
    status,
    durationMs: options.clock.now() - start,
    ...(error ? { error } : {}),
    ...(unsafe.length ? { unsafe } : {}),
  });
  journal.close();
  return { runId, mode: options.mode, status, events: journal.events, ...(error ? { error } : {}), ...(unsafe.length ? { unsafe } : {}) };
}
