import type { GatePhase } from "../journal/events.ts";
import { toMs } from "../util/duration.ts";
import type { Gate, GatePolicy, Verdict } from "./gate.ts";

/** The strictest policy of several gates: shortest interval, longest timeout, most passes, fewest failures. */
function strictest(gates: Gate[]): Partial<GatePolicy> {
  const ps = gates.map((g) => g.policy ?? {});
  const pick = <K extends keyof GatePolicy>(k: K, f: (xs: number[]) => number, conv: (v: GatePolicy[K]) => number) => {
    const xs = ps.flatMap((p) => (p[k] === undefined ? [] : [conv(p[k] as GatePolicy[K])]));
    return xs.length ? { [k]: f(xs) } : {};
  };
  const ms = (v: unknown) => toMs(v as number | string);
  return {
    ...pick("interval", (x) => Math.min(...x), ms),
    ...pick("timeout", (x) => Math.max(...x), ms),
    ...pick("consecutive", (x) => Math.max(...x), Number),
    ...pick("failureLimit", (x) => Math.min(...x), Number),
  } as Partial<GatePolicy>;
}

function combine(kind: "all" | "any", gates: Gate[], decide: (phases: GatePhase[]) => GatePhase): Gate {
  return {
    kind,
    description: `${kind} of: ${gates.map((g) => g.description).join("; ")}`,
    policy: strictest(gates),
    async evaluate(round) {
      // each child keeps its own round state (e.g. a restart baseline)
      const verdicts: Verdict[] = await Promise.all(
        gates.map((g, i) => {
          const key = `child-${i}`;
          const state = (round.state.get(key) as Map<string, unknown>) ?? new Map();
          round.state.set(key, state);
          return g.evaluate({ ...round, state });
        }),
      );
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
 * Passes when every gate passes. Any error makes it an error, any failure a failure.
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
