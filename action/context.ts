/**
 * The workflow run the action is part of, read once from the runner's `GITHUB_*` / `RUNNER_*`
 * variables. Only the entry points (`main.ts`, `post.ts`) call {@link readContext}; everything
 * below them takes the {@link RunContext} as a parameter.
 */
import { tmpdir } from "node:os";
import { join } from "node:path";

/** What the main step leaves for the post step (`core.saveState` names). */
export const STATE = { journal: "journal-path", postmortem: "postmortem", summary: "summary-written", filingNotBefore: "filing-not-before" } as const;

/** The postmortem state when GitHub refused the issue for good (token, repository): the post step does not ask again. */
export const POSTMORTEM_REFUSED = "refused";

/** What the action knows about the workflow run, from the runner's environment. */
export interface RunContext {
  /** `owner/name` of the repository the workflow runs in. */
  repository: string;
  owner: string;
  repo: string;
  /** The workflow run id: the same for every attempt (re-run) of the run. */
  runId: string;
  /** 1 for the first attempt, 2 for the first re-run, … */
  runAttempt: number;
  /** e.g. https://github.com */
  serverUrl: string;
  /** e.g. https://api.github.com */
  apiUrl: string;
  /** The commit the workflow checked out. */
  sha: string;
  /** Who dispatched the run (`GITHUB_TRIGGERING_ACTOR`, else `GITHUB_ACTOR`). */
  actor: string;
  /** Where actions/checkout put the repository; plan paths are relative to it. */
  workspace: string;
  /** A per-job scratch directory, emptied when the job ends. */
  runnerTemp: string;
  /**
   * This use of the action in the run: `<job id>/<step>` (`GITHUB_JOB`, `GITHUB_ACTION`: the
   * step's id, or `__owner_repo`, `__owner_repo_2` for a second use in the job). The same in
   * every attempt; empty outside a runner.
   */
  step: string;
  /**
   * The `incident-key` input: tells apart plans run by the same step of the run, which the
   * runner's variables cannot (every leg of a matrix job has the same job id and step). Empty: none.
   */
  incidentKey: string;
}

/**
 * Reads the run's context from an environment (the runner's `process.env`) and the
 * `incident-key` input. Missing variables get local defaults, so the action also runs outside a
 * runner (local-action, tests).
 *
 * @example
 * const ctx = readContext(process.env, settings.incidentKey);
 * ctx.runAttempt; // 2 on the first re-run
 */
export function readContext(env: Record<string, string | undefined>, incidentKey = ""): RunContext {
  const repository = env.GITHUB_REPOSITORY || "local/local";
  const [owner = "local", repo = "local"] = repository.split("/");
  const attempt = Number.parseInt(env.GITHUB_RUN_ATTEMPT ?? "", 10);
  return {
    repository,
    owner,
    repo,
    runId: env.GITHUB_RUN_ID || "local",
    runAttempt: Number.isFinite(attempt) && attempt > 0 ? attempt : 1,
    serverUrl: (env.GITHUB_SERVER_URL || "https://github.com").replace(/\/+$/, ""),
    apiUrl: (env.GITHUB_API_URL || "https://api.github.com").replace(/\/+$/, ""),
    sha: env.GITHUB_SHA || "",
    actor: env.GITHUB_TRIGGERING_ACTOR || env.GITHUB_ACTOR || "",
    workspace: env.GITHUB_WORKSPACE || process.cwd(),
    runnerTemp: env.RUNNER_TEMP || tmpdir(),
    step: [env.GITHUB_JOB, env.GITHUB_ACTION].filter(Boolean).join("/"),
    incidentKey,
  };
}

/**
 * The incident's id: one per use of the action in a workflow run (and incident key: one per leg
 * of a matrix job), the same across its attempts, so a re-run finds the issue the first attempt
 * filed, and two plans run by one job, or by two legs of a matrix, file two.
 *
 * @example
 * incidentId({ repository: "acme/shop", runId: "42", step: "rollback/__acme_firebreak", incidentKey: "eu" }); // "acme/shop/runs/42/rollback/__acme_firebreak/eu"
 */
export function incidentId(ctx: Pick<RunContext, "repository" | "runId" | "step" | "incidentKey">): string {
  return [ctx.repository, "runs", ctx.runId, ctx.step, ctx.incidentKey].filter(Boolean).join("/");
}

/**
 * Link to the workflow run (the attempt being run).
 *
 * @example
 * runUrl(ctx); // "https://github.com/acme/shop/actions/runs/42/attempts/2"
 */
export function runUrl(ctx: Pick<RunContext, "serverUrl" | "repository" | "runId" | "runAttempt">): string {
  const base = `${ctx.serverUrl}/${ctx.repository}/actions/runs/${ctx.runId}`;
  return ctx.runAttempt > 1 ? `${base}/attempts/${ctx.runAttempt}` : base;
}

/**
 * Where the journal of this attempt is written: in the job's temp directory, at a path the post
 * step can compute again even when the main step died before saving its state.
 *
 * @example
 * journalPathFor(ctx); // "/home/runner/work/_temp/firebreak/run-42-rollback-__acme_firebreak-attempt-1.jsonl"
 */
export function journalPathFor(ctx: Pick<RunContext, "runnerTemp" | "runId" | "runAttempt" | "step" | "incidentKey">): string {
  const safe = (s: string) => s.replace(/[^A-Za-z0-9._-]/g, "_");
  const use = [ctx.step.replace("/", "-"), ctx.incidentKey].filter(Boolean).map((s) => `-${safe(s)}`).join("");
  return join(ctx.runnerTemp, "firebreak", `run-${safe(ctx.runId)}${use}-attempt-${ctx.runAttempt}.jsonl`);
}
