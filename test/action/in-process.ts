/**
 * The action's main and post steps run in the test's own process, from the sources, the way the
 * runner runs dist/main.js and dist/post.js: inputs and context from `INPUT_*` / `GITHUB_*`
 * variables, outputs, state and the job summary to the files the runner names, the log to stdout
 * (captured here). Faster than local-action, and it lets a test pass the steps' options (how long
 * GitHub is given) and watch the files while a step runs.
 */
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { summary } from "@actions/core";
import { join } from "node:path";
import type { InputName } from "../../action/inputs.ts";
import type { FilingLimits } from "../../action/postmortem.ts";
import { inputEnv, ROOT, runnerInputs } from "./helpers.ts";

/** One job on a pretend runner: its files, and its two steps. */
export interface Job {
  files: { GITHUB_OUTPUT: string; GITHUB_STATE: string; GITHUB_STEP_SUMMARY: string };
  /** Runs the main step; resolves with its log once `run()` returns. */
  main(options?: { filingLimits?: FilingLimits }): Promise<StepRun>;
  /** Runs the post step with the state the main step saved. */
  post(options?: { filingLimits?: FilingLimits }): Promise<StepRun>;
  /** The job summary as the runner would show it now. */
  summary(): string;
  /** The step outputs written so far. */
  outputs(): Record<string, string>;
}

export interface StepRun {
  /** The step's log: annotations (`::warning::…`), groups and lines. */
  log: string;
  /** Whether the step failed (`core.setFailed`). */
  failed: boolean;
  ms: number;
}

/** `name<<delimiter\nvalue\ndelimiter` records, as @actions/core writes GITHUB_OUTPUT and GITHUB_STATE. */
export function fileCommands(path: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of readFileSync(path, "utf8").matchAll(/^([^\n<]+)<<(\S+)\n([\s\S]*?)\n\2$/gm)) out[m[1]!] = m[3]!;
  return out;
}

/**
 * A job of run `runId` that runs the action with `inputs` (the runner's defaults for the rest)
 * against the GitHub API at `apiUrl`.
 *
 * @example
 * const job = pretendJob("42", { plan: "examples/checkout-api-rollback.ts", target: "sim", scenario: "cold-jvm" }, { apiUrl: gh.url, token });
 * const main = await job.main({ filingLimits: { requestMs: 300, totalMs: 1000 } });
 */
export function pretendJob(runId: string, inputs: Partial<Record<InputName, string>>, github: { apiUrl: string; token: string; attempt?: number }): Job {
  const base = mkdtempSync(join(tmpdir(), "firebreak-step-"));
  const files = { GITHUB_OUTPUT: join(base, "output"), GITHUB_STATE: join(base, "state"), GITHUB_STEP_SUMMARY: join(base, "summary.md") };
  Object.values(files).forEach((f) => writeFileSync(f, ""));
  mkdirSync(join(base, "temp"));
  const env = {
    ...inputEnv(runnerInputs(inputs, github.token)),
    GITHUB_REPOSITORY: "acme/shop",
    GITHUB_RUN_ID: runId,
    GITHUB_RUN_ATTEMPT: String(github.attempt ?? 1),
    GITHUB_SHA: "0123456789abcdef0123456789abcdef01234567",
    GITHUB_ACTOR: "octocat",
    GITHUB_SERVER_URL: "https://github.com",
    GITHUB_API_URL: github.apiUrl,
    GITHUB_WORKSPACE: ROOT,
    RUNNER_TEMP: join(base, "temp"),
    ...files,
  };
  const step = async (more: Record<string, string>, run: () => Promise<void>): Promise<StepRun> => {
    const saved = { ...process.env };
    const write = process.stdout.write;
    const exitCode = process.exitCode;
    let log = "";
    Object.assign(process.env, env, more);
    // @actions/core keeps the first GITHUB_STEP_SUMMARY it read: a runner has one process per step, this test one for all
    (summary as unknown as { _filePath?: string })._filePath = undefined;
    process.exitCode = undefined;
    process.stdout.write = ((chunk: string | Uint8Array) => {
      log += String(chunk);
      return true;
    }) as typeof process.stdout.write;
    const started = Date.now();
    try {
      await run();
      return { log, failed: process.exitCode === 1, ms: Date.now() - started };
    } finally {
      process.stdout.write = write;
      process.exitCode = exitCode;
      for (const key of Object.keys(process.env)) if (!(key in saved)) delete process.env[key];
      Object.assign(process.env, saved);
    }
  };
  return {
    files,
    main: (options = {}) => step({}, async () => (await import("../../action/main.ts")).run(options)),
    post: (options = {}) => {
      const state = Object.fromEntries(Object.entries(fileCommands(files.GITHUB_STATE)).map(([k, v]) => [`STATE_${k}`, v]));
      return step(state, async () => (await import("../../action/post.ts")).run(options));
    },
    summary: () => readFileSync(files.GITHUB_STEP_SUMMARY, "utf8"),
    outputs: () => fileCommands(files.GITHUB_OUTPUT),
  };
}
