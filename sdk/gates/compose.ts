import { InvalidPlanError, RouteDriftError } from "../errors.ts";
import type { GatePhase } from "../journal/events.ts";
import { toMs } from "../util/duration.ts";
import { errorVerdict, isPlanMistakeOrCancel } from "./evaluate.ts";
import { DEFAULT_POLICY, type Gate, type GatePolicy, type GateRound, type Verdict } from "./gate.ts";

/**
 * The combined pace of several gates: shortest interval, longest timeout, most passes in a row.
 * Failure limits stay with each child (see `childRound`), so the combination itself fails on the
 * first round in which a child has used up its own.
 */
function combinedPolicy(gates: Gate[]): Partial<GatePolicy> {
  const ps = gates.map((g) => ({ ...DEFAULT_POLICY, ...g.policy }));
  return {
    interval: Math.min(...ps.map((p) => toMs(p.interval))),
    timeout: Math.max(...ps.map((p) => toMs(p.timeout))),
    consecutive: Math.max(...ps.map((p) => p.consecutive)),
    failureLimit: 0,
  };
}

/**
 * One child's round, judged against its own failure limit: a slow round of a warm-up gate that
 * tolerates slow rounds is "not yet" (inconclusive) for the combination, not a failure. A child that
 * throws (its provider unreachable) has an `error` round, for the combination to judge with the
 * others' (`any` passes on another child's pass). A cancel and a mistake in the plan (see
 * isPlanMistakeOrCancel) are thrown on, as a leaf gate's are; so is a route put back under the gate,
 * which ends the combination at once (later rounds would judge traffic the plan did not set up).
 */
async function childRound(gate: Gate, index: number, round: GateRound): Promise<Verdict> {
  const key = `child-${index}`;
  const own = (round.state.get(key) as { state: Map<string, unknown>; failures: number }) ?? { state: new Map(), failures: 0 };
  round.state.set(key, own);
  let v: Verdict;
  try {
    v = await gate.evaluate({ ...round, state: own.state, shared: round.shared ?? round.state });
  } catch (err) {
    if (isPlanMistakeOrCancel(err) || err instanceof RouteDriftError) throw err;
    return errorVerdict(round.ctx, gate, err);
  }
  if (v.phase !== "failed") return v;
  own.failures++;
  const limit = gate.policy?.failureLimit ?? DEFAULT_POLICY.failureLimit;
  return own.failures > limit ? v : { ...v, phase: "inconclusive", reason: `${v.reason} (failed round ${own.failures}, tolerated)` };
}

/**
 * What a combination waits for, of its gates' (the span its evidence must cover, the wait after a
 * shift): the longest for `all`; for `any`, one gate passing is enough, so the shortest, and none
 * when some gate waits for none.
 */
function combinedWait<W extends { ms: number }>(kind: "all" | "any", waits: (W | undefined)[]): W | undefined {
  const given = waits.filter((w): w is W => w !== undefined);
  if (!given.length || (kind === "any" && given.length < waits.length)) return undefined;
  return given.reduce((a, b) => ((kind === "all" ? b.ms > a.ms : b.ms < a.ms) ? b : a));
}

function combine(kind: "all" | "any", gates: Gate[], decide: (phases: GatePhase[]) => GatePhase): Gate {
  if (!gates.length) {
    const outcome = kind === "all" ? "a gate with nothing to measure would pass on nothing" : "a gate with nothing to measure could never pass";
    throw new InvalidPlanError(`gates.${kind}() was given no gates; ${outcome}: give it at least one (a list built from configuration may have come out empty)`);
  }
  return {
    kind,
    description: `${kind} of: ${gates.map((g) => g.description).join("; ")}`,
    policy: combinedPolicy(gates),
    holds: combinedWait(kind, gates.map((g) => g.holds)),
    waitAfterShift: (route) => combinedWait(kind, gates.map((g) => g.waitAfterShift?.(route))),
    preflight: async (round) => void (await Promise.all(gates.map((g) => g.preflight?.(round)))),
    async evaluate(round) {
      const verdicts = await Promise.all(gates.map((g, i) => childRound(g, i, round)));
      const phase = decide(verdicts.map((v) => v.phase));
      return {
        phase,
        reason: verdicts.map((v, i) => `[${gates[i]!.kind}] ${v.phase}: ${v.reason}`).join("; "),
        evidence: verdicts.flatMap((v) => v.evidence),
      };
    },
  };
}

/**
 * Passes when every gate passes. Any error makes it an error, any failure (beyond the failing
 * gate's own failure limit) a failure.
 * @example gates.all(gates.warmup({ ... }), gates.podsReady({ ... }))
 */
export function all(...gates: Gate[]): Gate {
  return combine("all", gates, (ps) =>
    ps.includes("error") ? "error" : ps.includes("failed") ? "failed" : ps.includes("inconclusive") ? "inconclusive" : "passed",
  );
}

/** Passes when at least one gate passes. */
export function any(...gates: Gate[]): Gate {
  return combine("any", gates, (ps) =>
    ps.includes("passed") ? "passed" : ps.includes("inconclusive") ? "inconclusive" : ps.includes("error") ? "error" : "failed",
  );
}
