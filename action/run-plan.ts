/**
 * Runs the plan the settings name, from the checked-out repository, with the bundled SDK: load
 * the `.ts` plan (no `npm ci`), open the target, run with live progress, and keep the journal on
 * disk as it goes, scrubbed of secrets.
 */
import { existsSync } from "node:fs";
import { relative, resolve } from "node:path";
import { openTarget, runOptionsOf } from "../sdk/cli/targets.ts";
import { runPlan, type RunResult } from "../sdk/engine/runner.ts";
import { PlanInputError } from "../sdk/errors.ts";
import { createFileJournal } from "../sdk/journal/sinks.ts";
import { loadPlan } from "../sdk/loader/load-plan.ts";
import { declaredInputs } from "../sdk/plan/plan.ts";
import type { RunContext } from "./context.ts";
import { checkInputLines, InputError, type Settings } from "./inputs.ts";
import { createProgressReporter, type Logger } from "./progress.ts";
import { secretValuesOf } from "../sdk/util/redact.ts";
import { createScrubber } from "../sdk/util/scrub.ts";

/** How long a cancelled plan's program is given to stop before the restore goes on without it (see afterCancelGrace). */
const CANCEL_GRACE_IN_ACTIONS_MS = 3_000;

/** What {@link runIncidentPlan} needs besides the settings. */
export interface RunRequest {
  settings: Settings;
  ctx: RunContext;
  journalPath: string;
  /** Secrets known before the plan is loaded (token, kubeconfig, header values). */
  secrets: string[];
  /** Registers a secret for masking in the log (`core.setSecret`). */
  mask: (secret: string) => void;
  logger: Logger;
  /** Aborted on SIGINT/SIGTERM while the program runs: the engine restores the safe state and ends `cancelled`. Aborted before it starts: nothing runs. */
  signal: AbortSignal;
  /** Called as the plan starts (its journal's first event is written): from then on a cancel restores the safe state. */
  onStart?: () => void;
  /** Called once the program (and any restore) is over, before the run re-reads its routes and measures its user impact. */
  onReporting?: () => void;
  /** Aborted on SIGINT/SIGTERM after that: the re-read of the shifted routes and the impact measurement are given up. */
  reportSignal?: AbortSignal;
}

/**
 * A scenario file of the repository, found in the workspace and named relative to the working
 * directory, as the plan is; anything else (a built-in scenario's name) as given.
 */
function scenarioIn(workspace: string, scenario: string): string {
  const file = resolve(workspace, scenario);
  return existsSync(file) ? relative(process.cwd(), file) : scenario;
}

/**
 * Loads and runs the plan. Throws only before the plan starts (bad plan, bad inputs, unreachable
 * target, a cancel while it loads); from then on every outcome is a RunResult, its events as
 * journaled (secrets scrubbed).
 *
 * @example
 * const result = await runIncidentPlan({ settings, ctx, journalPath, secrets, mask: core.setSecret, logger: core, signal });
 */
export async function runIncidentPlan(req: RunRequest): Promise<RunResult> {
  const { settings, ctx } = req;
  // Relative to the working directory (the workspace, on a runner), so messages name the plan as the repository does.
  const { plan, warnings } = await loadPlan(relative(process.cwd(), resolve(ctx.workspace, settings.plan)));
  for (const w of warnings) req.logger.warning(w);
  checkInputLines(settings, declaredInputs(plan.meta));
  // secret by the plan's word (meta.secrets) or by name (apiKey, dbPassword), as the engine judges them
  const planSecrets = secretValuesOf(settings.inputs, plan.meta.secrets);
  planSecrets.forEach(req.mask);
  const secrets = [...req.secrets, ...planSecrets];
  const scrub = createScrubber(secrets);

  const target = await openTarget({
    target: settings.target,
    scenario: settings.scenario === undefined ? "" : scenarioIn(ctx.workspace, settings.scenario),
    ...(settings.kubeconfig ? { kubeconfigContent: settings.kubeconfig } : {}),
    ...(settings.context ? { context: settings.context } : {}),
    ...(settings.requestTimeoutMs ? { requestTimeoutMs: settings.requestTimeoutMs } : {}),
    ...(settings.prometheusUrl ? { prometheus: settings.prometheusUrl } : {}),
    prometheusHeaders: settings.prometheusHeaders,
    kubeconfigHint: "Set the action's kubeconfig input (from a secret), and its context input to use another context.",
  });
  // The runner's journal scrubs these secrets (secretValues) from every event before it is written.
  const journal = createFileJournal(req.journalPath);
  const progress = createProgressReporter(req.logger, scrub.text);
  try {
    return await runPlan(plan, {
      mode: settings.mode,
      inputs: settings.inputs,
      ...runOptionsOf(target),
      journal,
      signal: req.signal,
      // the runner kills a cancelled job 10 s after its first signal: a deaf step gets 3 s of them, the restore the rest
      cancelGraceMs: CANCEL_GRACE_IN_ACTIONS_MS,
      ...(req.onReporting ? { onReporting: req.onReporting } : {}),
      ...(req.reportSignal ? { reportSignal: req.reportSignal } : {}),
      onEvent: (event) => {
        if (event.type === "plan-started") req.onStart?.();
        progress.onEvent(event);
      },
      onProgress: progress.onProgress,
      planFile: settings.plan,
      runId: `${ctx.runId}.${ctx.runAttempt}`,
      secretValues: secrets,
    });
  } catch (err) {
    if (err instanceof PlanInputError) {
      throw new InputError("inputs", `plan "${err.planName}" refused them: ${err.issues.map((i) => `${i.path}: ${i.message}`).join("; ")}`);
    }
    throw err;
  } finally {
    progress.close();
    await target.close();
  }
}
