import { GateFailedError, InvalidPlanError, type FieldIssue } from "../errors.ts";
import { checkKnownKeys, checkOneOf } from "../plan/check-option.ts";
import type { Run } from "../engine/run.ts";
import type { Gate, GatePolicy, Verdict } from "../gates/gate.ts";
import { toMs, type Duration } from "../util/duration.ts";
import { checkPolicy } from "../gates/options.ts";
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

/**
 * Walks the canary's weight up stage by stage, pausing and judging a gate at each; when a gate
 * does not pass, traffic goes straight back to 100% stable.
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
  toMs(pause, "canary pause");
  checkPolicy("canary", opts.gateOptions, "gateOptions");
  const gates = new Map(stages.filter((w) => w < 100).map((w) => [w, stageGate(opts.gate, w)]));
  for (const weight of stages) {
    try {
      await run.step(`canary ${weight}%`, async () => {
        await opts.route.shift({ [opts.canary]: weight, [opts.stable]: 100 - weight });
        if (weight === 100) return; // fully promoted: nothing left to compare against
        await run.pause(pause, `let ${weight}% of traffic reach ${opts.canary}`);
        const v = await run.check(`canary ${weight}%`, gates.get(weight)!, opts.gateOptions);
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
