import { CancelledError, describeError, GateFailedError, InvalidPlanError, type FieldIssue } from "../errors.ts";
import { checkKnownKeys, checkOneOf } from "../plan/check-option.ts";
import type { Run } from "../engine/run.ts";
import { DEFAULT_POLICY, type Gate, type GatePolicy, type Verdict } from "../gates/gate.ts";
import { formatMs, toMs, type Duration } from "../util/duration.ts";
import { checkPace, checkPolicy } from "../gates/options.ts";
import type { Route } from "./route.ts";

export const DEFAULT_STAGES = [1, 10, 50, 100];

export interface CanaryOptions {
  route: Route;
  /** The destination that keeps traffic while the canary is judged. */
  stable: string;
  /** The destination being promoted. */
  canary: string;
  /** Canary weights, increasing, ending at 100. Default 1 → 10 → 50 → 100. */
  stages?: number[];
  /** Time for metrics to accumulate at each stage before its gate. Default "1m". */
  pause?: Duration;
  /** The gate judged at every stage (or one per stage). */
  gate: Gate | ((weight: number) => Gate);
  gateOptions?: Partial<GatePolicy>;
  /** "fail" (default): after returning traffic to stable, fail the plan. "return": return the result to branch on. */
  onFailure?: CanaryFailure;
}

const FAILURE_MODES = ["fail", "return"] as const;
export type CanaryFailure = (typeof FAILURE_MODES)[number];

export type CanaryResult = { promoted: true } | { promoted: false; stage: number; verdict: Verdict };

/** A stage whose gate did not pass, after traffic went back to stable: fails the stage's step. */
class StageFailed extends GateFailedError {
  constructor(
    readonly stage: number,
    readonly verdict: Verdict,
  ) {
    super(`canary ${stage}%`, verdict.phase, verdict.reason);
  }
}

function validateStages(stages: number[]): void {
  const issues: FieldIssue[] = [];
  stages.forEach((w, i) => {
    if (!Number.isInteger(w) || w < 1 || w > 100) issues.push({ path: `canary.stages[${i}]`, message: `${w} is not a whole percentage from 1 to 100` });
    else if (i > 0 && w <= stages[i - 1]!) issues.push({ path: `canary.stages[${i}]`, message: `${w} does not increase on ${stages[i - 1]}` });
  });
  if (stages.length === 0) issues.push({ path: "canary.stages", message: "is empty" });
  else if (stages.at(-1) !== 100) issues.push({ path: `canary.stages[${stages.length - 1}]`, message: "the last stage must be 100 (use route.shift for a partial split)" });
  if (issues.length) throw new InvalidPlanError("Invalid canary stages:", issues);
}

/** The gate of one stage (`gate` itself, or what it returns for the stage's weight), refused unless it is one. */
function stageGate(gate: CanaryOptions["gate"] | undefined, weight: number): Gate {
  const given = typeof gate === "function" ? gate(weight) : gate;
  const isGate = (g: unknown): g is Gate => typeof g === "object" && g !== null && typeof (g as Gate).evaluate === "function" && typeof (g as Gate).description === "string";
  if (isGate(given)) return given;
  const got = typeof gate === "function" ? `a function that returned ${typeof given} for ${weight}%` : given === undefined ? "none" : `a ${typeof given}`;
  throw new InvalidPlanError(
    `canary needs a gate to judge each stage before the next, e.g. gate: gates.successRate({ route, destination: "release", min: 0.99 }) (got ${got}).`,
  );
}

/** The fields of a gate policy that set how long its passes in a row take. */
const PACE_FIELDS = ["interval", "timeout", "consecutive"] as const;

/**
 * Refuses a stage whose gate could never pass, found before the first stage moves traffic rather
 * than at the stage's gate with traffic on the canary: passes in a row (or a hold) that the policy
 * the stage judges it by (the gate's, with `gateOptions` over it) leaves no time for, as the gate
 * itself would refuse them; and a wait after the stage's shift (a window of requests all from after
 * it) that the pause and the gate's timeout together do not cover.
 */
function checkStageTiming(weight: number, gate: Gate, opts: CanaryOptions, pauseMs: number): void {
  const name = `gate "canary ${weight}%"`;
  const policy: GatePolicy = { ...DEFAULT_POLICY, ...gate.policy, ...opts.gateOptions };
  const fromOptions = PACE_FIELDS.some((f) => opts.gateOptions?.[f] !== undefined);
  checkPace(name, policy, fromOptions ? "gateOptions" : "policy", gate.holds);
  const wait = gate.waitAfterShift?.(opts.route);
  if (!wait) return;
  const intervalMs = toMs(policy.interval);
  const timeoutMs = toMs(policy.timeout);
  // the first round that can pass comes `wait.ms` after the shift at the soonest, then the rest of the passes in a row
  const more = policy.consecutive - 1;
  const needMs = Math.max(0, wait.ms - pauseMs) + more * intervalMs;
  if (needMs <= timeoutMs) return;
  const streak = more ? `, then ${more} more passing round${more === 1 ? "" : "s"} ${formatMs(intervalMs)} apart` : "";
  const windowAtMost = pauseMs + timeoutMs - more * intervalMs;
  throw new InvalidPlanError(
    `canary ${weight}%: its gate waits for ${wait.what} from after the stage's shift${streak}, and the stage gives it ` +
      `${formatMs(pauseMs + timeoutMs)} (the pause of ${formatMs(pauseMs)}, then the gate's timeout of ${formatMs(timeoutMs)}), so ${name} could never pass: ` +
      `${windowAtMost > 0 ? `give the gate a window of at most ${formatMs(windowAtMost)}, or ` : ""}lengthen pause or gateOptions.timeout by ${formatMs(needMs - timeoutMs)}`,
  );
}

/**
 * After `err` stopped a stage between its shift and its verdict (a provider still down after the
 * gate's retries, a mistake in the plan only the gate's first round finds), returns traffic to
 * stable, as for a gate that did not pass: the canary was not judged, and the stage's weight left in
 * place would keep users on it, judged by nothing. `err` is then what the stage fails with. Not on
 * a cancel, nor once the run is stopping (another branch of the program failed): the run's writes
 * are refused then, and the engine restores the declared safe state once the program has stopped.
 */
async function returnAfterThrow(run: Run, opts: CanaryOptions, weight: number, err: unknown): Promise<void> {
  if (err instanceof CancelledError || run.signal.aborted) return;
  try {
    await opts.route.shift({ [opts.stable]: 100, [opts.canary]: 0 }, { action: `return traffic to ${opts.stable}: canary ${weight}% not judged (${describeError(err).name})` });
  } catch (back) {
    // the error that stopped the stage is the one to fail with; the safe state, if declared, is restored after it
    run.note(`canary ${weight}%: traffic could not be returned to ${opts.stable} after the stage was not judged: ${describeError(back).message}`);
  }
}

/**
 * Walks the canary's weight up stage by stage, pausing and judging a gate at each; when a gate
 * does not pass, or cannot be judged (it throws), traffic goes straight back to 100% stable.
 * @example
 * await canary(run, { route: vs, stable: "stable", canary: "release",
 *   gate: gates.successRate({ route: vs, destination: "release", min: 0.99 }) });
 */
export async function canary(run: Run, opts: CanaryOptions): Promise<CanaryResult> {
  checkKnownKeys("canary", opts, ["route", "stable", "canary", "stages", "pause", "gate", "gateOptions", "onFailure"]);
  const stages = opts.stages ?? DEFAULT_STAGES;
  validateStages(stages);
  checkOneOf("canary", "onFailure", opts.onFailure, FAILURE_MODES);
  if (opts.stable === opts.canary) throw new InvalidPlanError(`canary: stable and canary are both '${opts.stable}'`);
  // Everything a stage needs is checked before the first one moves traffic: a mistake found at
  // the 1% stage's gate would leave 1% on the canary, judged by nothing.
  const pause = opts.pause ?? "1m";
  const pauseMs = toMs(pause, "canary pause");
  checkPolicy("canary", opts.gateOptions, "gateOptions");
  const gates = new Map(stages.filter((w) => w < 100).map((w) => [w, stageGate(opts.gate, w)]));
  for (const [weight, gate] of gates) checkStageTiming(weight, gate, opts, pauseMs);
  for (const weight of stages) {
    try {
      await run.step(`canary ${weight}%`, async () => {
        await opts.route.shift({ [opts.canary]: weight, [opts.stable]: 100 - weight });
        if (weight === 100) return; // fully promoted: nothing left to compare against
        let v: Verdict;
        try {
          await run.pause(pause, `let ${weight}% of traffic reach ${opts.canary}`);
          v = await run.check(`canary ${weight}%`, gates.get(weight)!, opts.gateOptions);
        } catch (err) {
          await returnAfterThrow(run, opts, weight, err);
          throw err;
        }
        if (v.phase === "passed") return;
        await opts.route.shift({ [opts.stable]: 100, [opts.canary]: 0 }, { action: `return traffic to ${opts.stable}: canary ${weight}% ${v.phase}` });
        throw new StageFailed(weight, v);
      });
    } catch (err) {
      if (!(err instanceof StageFailed) || opts.onFailure !== "return") throw err;
      return { promoted: false, stage: err.stage, verdict: err.verdict };
    }
  }
  return { promoted: true };
}
