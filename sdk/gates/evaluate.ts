import { CancelledError, describeError, InvalidPlanError, RouteDriftError, UnknownDestinationError } from "../errors.ts";
import type { EngineContext } from "../engine/context.ts";
import type { Evidence } from "../journal/events.ts";
import { formatMs, toMs } from "../util/duration.ts";
import { DEFAULT_POLICY, type Gate, type GatePolicy, type Verdict } from "./gate.ts";
import { checkPace, checkPolicy } from "./options.ts";

/**
 * Whether an error a gate's round threw is thrown on rather than judged as an `error` round: a
 * cancel, or a mistake in the plan that every round would repeat and that names its fix (a gate on
 * a subset the route lacks, a query Prometheus rejects), which is no provider trouble to retry.
 * Anything else (an unreachable provider) is a round's error, tolerated up to the policy's
 * consecutiveErrorLimit.
 */
export function isPlanMistakeOrCancel(err: unknown): boolean {
  return err instanceof CancelledError || err instanceof UnknownDestinationError || err instanceof InvalidPlanError;
}

/** The `error` verdict of a round that threw `err`, with its one piece of evidence. */
export function errorVerdict(ctx: EngineContext, gate: Gate, err: unknown): Verdict {
  const { message } = describeError(err);
  return { phase: "error", reason: message, evidence: [{ at: ctx.clock.now(), indicator: gate.kind, value: null, phase: "error", reason: message }] };
}

/**
 * Runs a gate's rounds under its policy and journals the final verdict with all evidence.
 * Fail-closed throughout: a thrown error is an `error` round, and running out of time without the
 * required passes ends `inconclusive` (or with the last failing phase), never `passed`.
 */
export async function evaluateGate(
  ctx: EngineContext,
  name: string,
  gate: Gate,
  overrides: Partial<GatePolicy>,
  enforced: boolean,
): Promise<Verdict> {
  checkPolicy(`gate "${name}"`, overrides);
  const policy: GatePolicy = { ...DEFAULT_POLICY, ...gate.policy, ...overrides };
  const intervalMs = toMs(policy.interval, `gate "${name}" interval`);
  const timeoutMs = toMs(policy.timeout, `gate "${name}" timeout`);
  checkPace(`gate "${name}"`, policy, "policy", gate.holds);
  const startedAt = ctx.clock.now();
  const base = { type: "gate" as const, name, kind: gate.kind, description: gate.description, enforced, startedAt };

  if (ctx.mode === "preview") {
    await gate.preflight?.({ ctx, round: 0, startedAt, state: new Map() });
    ctx.journal.emit({ ...base, phase: "inconclusive", reason: "not evaluated in preview", evidence: [] });
    // The program continues down the path it would take if the gate passed.
    return { phase: "passed", reason: "not evaluated in preview (assumed to pass)", evidence: [] };
  }

  const evidence: Evidence[] = [];
  const state = new Map<string, unknown>();
  let passes = 0;
  let failures = 0;
  let errorsInRow = 0;
  let final: Verdict | undefined;
  let last: Verdict | undefined;
  let completed = 0;
  try {
    while (!final) {
      const round = completed + 1;
      let v: Verdict;
      // a route put back under the gate: later rounds would judge traffic the plan did not set up
      let drifted = false;
      try {
        v = await gate.evaluate({ ctx, round, startedAt, state });
      } catch (err) {
        if (isPlanMistakeOrCancel(err)) throw err;
        v = errorVerdict(ctx, gate, err);
        drifted = err instanceof RouteDriftError;
      }
      evidence.push(...v.evidence.map((e) => asJournaled(e, ctx.clock.now())));
      last = v;
      completed++;
      passes = v.phase === "passed" ? passes + 1 : 0;
      if (v.phase === "failed") failures++;
      errorsInRow = v.phase === "error" ? errorsInRow + 1 : 0;
      const elapsed = ctx.clock.now() - startedAt;
      ctx.progress(`gate "${name}" round ${round}: ${v.phase}: ${v.reason}`);

      if (passes >= policy.consecutive) final = { ...v, phase: "passed" };
      else if (v.phase === "failed" && failures > policy.failureLimit) final = v;
      else if (drifted || (v.phase === "error" && errorsInRow > policy.consecutiveErrorLimit)) final = v;
      else if (elapsed + intervalMs > timeoutMs) {
        const needed = policy.consecutive > 1 ? ` (needed ${policy.consecutive} passing rounds in a row, had ${passes})` : "";
        final = {
          phase: v.phase === "passed" ? "inconclusive" : v.phase,
          reason: `did not pass within ${formatMs(timeoutMs)}${needed}; last round: ${v.reason}`,
          evidence: [],
        };
      } else await ctx.clock.sleep(intervalMs, ctx.signal);
    }
  } catch (err) {
    // What the rounds measured before a cancel is evidence the postmortem keeps.
    if (err instanceof CancelledError) {
      const rounds = `${completed} round${completed === 1 ? "" : "s"}${last ? `; last round: ${last.phase}: ${last.reason}` : ""}`;
      ctx.journal.emit({ ...base, phase: "inconclusive", cancelled: true, reason: `cancelled after ${rounds}`, evidence });
    }
    throw err;
  }
  ctx.journal.emit({ ...base, phase: final.phase, reason: final.reason, evidence });
  return { ...final, evidence };
}

/**
 * Evidence as the journal can hold it. JSON has no NaN or Infinity (a custom gate's reading may be
 * either, and histogram_quantile answers +Inf): written, they would turn to null, which the journal's
 * reader refuses for a time or a sample count. So a value that is no finite number is no data, a
 * sample count that is none is left out and a time that is none is now: the report made live and the
 * one made later from the journal file say the same.
 */
function asJournaled(e: Evidence, now: number): Evidence {
  const { samples, ...rest } = e;
  const finite = (n: number | null | undefined): n is number => typeof n === "number" && Number.isFinite(n);
  return { ...rest, at: finite(e.at) ? e.at : now, value: finite(e.value) ? e.value : null, ...(finite(samples) ? { samples } : {}) };
}
