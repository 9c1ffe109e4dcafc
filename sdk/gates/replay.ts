import { CancelledError, describeError, InvalidPlanError } from "../errors.ts";
import { createEngineContext, withContext } from "../engine/context.ts";
import { Journal } from "../engine/journal.ts";
import type { GatePhase } from "../journal/events.ts";
import { createVirtualClock } from "../ports/clock.ts";
import type { KubePort } from "../ports/kube.ts";
import type { MetricsPort } from "../ports/metrics.ts";
import { formatMs, toMs, type Duration } from "../util/duration.ts";
import { DEFAULT_POLICY, type Gate, type GatePolicy, type Verdict } from "./gate.ts";

/** Two weeks at one-minute steps: beyond that, widen the step (each round costs 1-3 queries). */
export const MAX_REPLAY_ROUNDS = 20_160;

export interface ReplayOptions {
  /** The Prometheus that holds the history (Thanos/Mimir for long retention). */
  metrics: MetricsPort;
  /** Window to replay, ms since epoch (or Dates). */
  from: number | Date;
  to: number | Date;
  /** Time between rounds. Default: the gate's interval (its policy's, else 10s). */
  step?: Duration;
  /** Overrides of the gate's policy; `failureLimit` decides when the gate would have failed. */
  policy?: Partial<GatePolicy>;
  signal?: AbortSignal;
  /** Called after each round, for progress output. */
  onRound?: (round: ReplayRound) => void;
}

export interface ReplayRound {
  /** The virtual time the round was evaluated at (ms since epoch). */
  at: number;
  verdict: Verdict;
}

export interface ReplayResult {
  from: number;
  to: number;
  stepMs: number;
  rounds: ReplayRound[];
  counts: Record<GatePhase, number>;
  /** The first round that failed, if any. */
  firstFailure?: ReplayRound;
  /**
   * When the gate would have ended failed: the round whose failure exceeded `failureLimit`
   * (with the default limit of 0, the first failed round).
   */
  caught?: ReplayRound;
  /** Why the replay stopped before `to` (Prometheus errors in a row beyond the policy's limit). */
  incomplete?: string;
  /** One line for a terminal: caught or not, when, and why. */
  summary: string;
}

/** Thrown by the replay's Kubernetes port: a replay only has history, not the cluster of then. */
class NoClusterInReplay extends Error {}

const noKube = (): never => {
  throw new NoClusterInReplay();
};
const replayKube: KubePort = { get: noKube, list: noKube, patch: noKube, proxyGet: noKube };

const iso = (ms: number) => new Date(ms).toISOString();
const msOf = (t: number | Date) => (typeof t === "number" ? t : t.getTime());

/**
 * Evaluates a metric gate over a past window, as if it had run then: a virtual clock steps from
 * `from` to `to` and each round's instant queries are evaluated at that time (`time=`). Answers
 * "would this gate have caught last Tuesday's bad release, and when?", so thresholds can be
 * tuned on real history before an incident. Works for gates that only read metrics
 * (successRate, latency, query, compare, and all/any of them).
 * @example
 * const r = await replayGate(gates.successRate({ mesh: "istio", namespace: "prod", service: "checkout-api", version: "v42", min: 0.99 }), {
 *   metrics: createPrometheus({ url: "http://prometheus:9090" }),
 *   from: Date.parse("2026-11-17T14:00:00Z"), to: Date.parse("2026-11-17T16:00:00Z"), step: "1m",
 * });
 * console.log(r.summary); // "caught at 2026-11-17T14:33:00.000Z (33m after the start, round 34 of 121): success rate 0.93 < 0.99 …"
 */
export async function replayGate(gate: Gate, options: ReplayOptions): Promise<ReplayResult> {
  const from = msOf(options.from);
  const to = msOf(options.to);
  const policy: GatePolicy = { ...DEFAULT_POLICY, ...gate.policy, ...options.policy };
  const stepMs = toMs(options.step ?? policy.interval, "replay step");
  if (!(to >= from)) throw new InvalidPlanError(`replay: the window ends (${iso(to)}) before it starts (${iso(from)})`);
  if (stepMs <= 0) throw new InvalidPlanError(`replay: step must be longer than 0`);
  const total = Math.floor((to - from) / stepMs) + 1;
  if (total > MAX_REPLAY_ROUNDS) {
    throw new InvalidPlanError(`replay: ${formatMs(to - from)} at ${formatMs(stepMs)} steps is ${total} rounds, more than ${MAX_REPLAY_ROUNDS}; use a longer step`);
  }

  const clock = createVirtualClock(from);
  const ctx = createEngineContext({
    mode: "run",
    kube: replayKube,
    metrics: options.metrics,
    clock,
    signal: options.signal ?? new AbortController().signal,
    journal: new Journal(undefined, clock),
  });
  const state = new Map<string, unknown>();
  const rounds: ReplayRound[] = [];
  const counts: Record<GatePhase, number> = { passed: 0, failed: 0, inconclusive: 0, error: 0 };
  let failures = 0;
  let errorsInRow = 0;
  let caught: ReplayRound | undefined;
  let incomplete: string | undefined;

  for (let i = 0; i < total; i++) {
    if (ctx.signal.aborted) throw new CancelledError("the replay was cancelled");
    if (i > 0) clock.advance(stepMs);
    let verdict: Verdict;
    try {
      verdict = await withContext(ctx, () => gate.evaluate({ ctx, round: i + 1, startedAt: from, state }));
    } catch (err) {
      if (err instanceof NoClusterInReplay) {
        throw new InvalidPlanError(`replay: gate "${gate.description}" reads the cluster; only gates that read metrics can be replayed over history`);
      }
      if (err instanceof InvalidPlanError || err instanceof CancelledError) throw err;
      const { message } = describeError(err);
      verdict = { phase: "error", reason: message, evidence: [{ at: clock.now(), indicator: gate.kind, value: null, phase: "error", reason: message }] };
    }
    const round = { at: clock.now(), verdict };
    rounds.push(round);
    counts[verdict.phase]++;
    options.onRound?.(round);
    if (verdict.phase === "failed" && ++failures > policy.failureLimit) caught ??= round;
    errorsInRow = verdict.phase === "error" ? errorsInRow + 1 : 0;
    if (errorsInRow > policy.consecutiveErrorLimit) {
      incomplete = `stopped at ${iso(round.at)} after ${errorsInRow} errors in a row: ${verdict.reason}`;
      break;
    }
  }

  const firstFailure = rounds.find((r) => r.verdict.phase === "failed");
  const tally = (Object.keys(counts) as GatePhase[]).filter((p) => counts[p]).map((p) => `${counts[p]} ${p}`).join(", ");
  const summary = caught
    ? `caught at ${iso(caught.at)} (${formatMs(caught.at - from)} after the start, round ${rounds.indexOf(caught) + 1} of ${total}): ${caught.verdict.reason}`
    : incomplete
      ? `incomplete: ${incomplete} (${tally})`
      : `not caught between ${iso(from)} and ${iso(to)}: ${rounds.length} rounds, ${tally}` +
        (firstFailure ? `; ${failures} failed, within the failure limit of ${policy.failureLimit}` : "");
  return {
    from,
    to,
    stepMs,
    rounds,
    counts,
    summary,
    ...(firstFailure ? { firstFailure } : {}),
    ...(caught ? { caught } : {}),
    ...(incomplete ? { incomplete } : {}),
  };
}
