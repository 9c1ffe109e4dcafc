/**
 * The action end to end, the way its authors debug it: `@github/local-action` runs the TypeScript
 * entry points (main, then post) with the runner's stubs, against the simulator, and files the
 * postmortem on a loopback GitHub that validates every request against GitHub's OpenAPI
 * description. A succeeding plan, a failing one, a re-run attempt, a cancelled one, and one
 * interrupted once finished, while it measures its report.
 */
import { spawn } from "node:child_process";
import { createServer } from "node:http";
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { InputName } from "../../action/inputs.ts";
import { startSimulator } from "../../sdk/sim/simulator.ts";
import { startGitHubApi, type GitHubApiServer } from "../helpers/github-api-server.ts";
import { ROOT } from "./helpers.ts";

const TOKEN = "ghs_e2eSecretToken0123456789abcdef";
const LOCAL_ACTION = join(ROOT, "node_modules/@github/local-action/bin/local-action.js");
/** A local-action run takes about 5 s here (tsx compiles the sources); a stuck one is killed. */
const RUN_TIMEOUT_MS = 90_000;

let gh: GitHubApiServer;
beforeAll(async () => {
  gh = await startGitHubApi({ token: TOKEN, collaborators: ["octocat"] });
});
afterAll(() => gh?.close());

interface Run {
  stdout: string;
  summary: string;
  journal: string;
  outputs: Record<string, string>;
}

/**
 * The process that runs the action's code: under local-action's launcher, npm and tsx's CLI, the
 * deepest node process whose command line names local-action's entry (tsx's esbuild service is
 * deeper still, so the name matters).
 */
function actionProcess(root: number): number | undefined {
  const parents = new Map<number, number>();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      parents.set(Number(entry), Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]));
    } catch {
      // the process ended while we looked
    }
  }
  let best: { pid: number; depth: number } | undefined;
  const visit = (pid: number, depth: number) => {
    for (const [child, parent] of parents) {
      if (parent !== pid) continue;
      let cmdline = "";
      try {
        cmdline = readFileSync(`/proc/${child}/cmdline`, "utf8");
      } catch {
        continue;
      }
      if (cmdline.includes("local-action/src/index.ts") && (!best || depth > best.depth)) best = { pid: child, depth };
      visit(child, depth + 1);
    }
  };
  visit(root, 1);
  return best?.pid;
}

/** Every process under `root` (to clean up after a run that hung). */
function treeOf(root: number): number[] {
  const out: number[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      if (Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]) === root) out.push(Number(entry), ...treeOf(Number(entry)));
    } catch {
      // gone
    }
  }
  return out;
}

/**
 * Runs main then post with local-action. `cancelWhen` is polled on the journal while main runs;
 * once true, SIGTERM goes to the process running the action (the deepest one), as a runner's
 * cancellation does.
 */
async function runAction(runId: string, inputs: Partial<Record<InputName, string>>, options: { attempt?: number; cancelWhen?: (journal: string) => boolean } = {}): Promise<Run> {
  const dir = mkdtempSync(join(tmpdir(), "firebreak-local-action-"));
  const env = {
    ...Object.fromEntries(Object.entries({ "github-token": TOKEN, postmortem: "always", target: "sim", ...inputs }).map(([k, v]) => [`INPUT_${k.toUpperCase()}`, v])),
    GITHUB_REPOSITORY: "acme/shop",
    GITHUB_RUN_ID: runId,
    GITHUB_RUN_ATTEMPT: String(options.attempt ?? 1),
    GITHUB_SHA: "0123456789abcdef0123456789abcdef01234567",
    GITHUB_ACTOR: "octocat",
    GITHUB_SERVER_URL: "https://github.com",
    GITHUB_WORKSPACE: ROOT,
    RUNNER_TEMP: join(dir, "temp"),
    GITHUB_STEP_SUMMARY: join(dir, "summary.md"),
  };
  writeFileSync(join(dir, ".env"), Object.entries(env).map(([k, v]) => `${k}='${v}'`).join("\n") + "\n");
  writeFileSync(env.GITHUB_STEP_SUMMARY, "");
  const journalPath = join(env.RUNNER_TEMP, "firebreak", `run-${runId}-attempt-${options.attempt ?? 1}.jsonl`);
  // FACTS: Octokit follows GITHUB_API_URL only from the shell's environment, not the .env file.
  const child = spawn(process.execPath, [LOCAL_ACTION, ".", "action/main.ts", join(dir, ".env"), "--post", "action/post.ts"], {
    cwd: ROOT,
    env: { ...process.env, GITHUB_API_URL: gh.url, NO_COLOR: "1", FORCE_COLOR: "0" },
  });
  let stdout = "";
  child.stdout.on("data", (c: Buffer) => (stdout += c));
  child.stderr.on("data", (c: Buffer) => (stdout += c));
  const exited = new Promise<void>((resolve) => child.on("exit", () => resolve()));
  const deadline = Date.now() + RUN_TIMEOUT_MS;
  let cancelled = !options.cancelWhen;
  while (!cancelled && Date.now() < deadline && child.exitCode === null) {
    await new Promise((r) => setTimeout(r, 100));
    if (existsSync(journalPath) && options.cancelWhen!(readFileSync(journalPath, "utf8"))) {
      const action = actionProcess(child.pid!);
      if (action) process.kill(action, "SIGTERM");
      cancelled = action !== undefined;
    }
  }
  const killAll = () => {
    for (const pid of [...treeOf(child.pid!), child.pid!]) {
      try {
        process.kill(pid, "SIGKILL");
      } catch {
        // already gone
      }
    }
  };
  const timer = setTimeout(killAll, Math.max(0, deadline - Date.now()));
  await exited;
  clearTimeout(timer);
  expect(cancelled, "the plan never reached the point to cancel it at").toBe(true);
  const outputs = Object.fromEntries([...stdout.matchAll(/::set-output name=([\w-]+)::(.*)/g)].map((m) => [m[1]!, m[2]!]));
  return { stdout, summary: readFileSync(env.GITHUB_STEP_SUMMARY, "utf8"), journal: existsSync(journalPath) ? readFileSync(journalPath, "utf8") : "", outputs };
}

const issueFor = (runId: string) => gh.issues.filter((i) => i.body.startsWith(`<!-- firebreak:incident=acme/shop/runs/${runId} -->`));

/** Nothing a user can read holds the token: log, summary, journal, issues and comments. */
function expectNoToken(run: Run) {
  expect(run.stdout).not.toContain(TOKEN);
  expect(run.summary).not.toContain(TOKEN);
  expect(run.journal).not.toContain(TOKEN);
  expect(JSON.stringify(gh.issues)).not.toContain(TOKEN);
}

describe("the action under local-action, against the simulator", { timeout: 4 * RUN_TIMEOUT_MS }, () => {
  it("runs as docs/github-action.md shows a contributor: npx local-action with examples/workflows/local-action.env", async () => {
    const child = spawn(process.execPath, [LOCAL_ACTION, ".", "action/main.ts", "examples/workflows/local-action.env"], {
      cwd: ROOT,
      env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", RUNNER_TEMP: mkdtempSync(join(tmpdir(), "firebreak-local-run-")), NO_COLOR: "1" },
    });
    let stdout = "";
    child.stdout.on("data", (c: Buffer) => (stdout += c));
    child.stderr.on("data", (c: Buffer) => (stdout += c));
    const timer = setTimeout(() => child.kill("SIGKILL"), RUN_TIMEOUT_MS);
    const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
    clearTimeout(timer);
    expect(code, stdout).toBe(0);
    expect(stdout).toContain("::set-output name=status::succeeded");
    expect(stdout).not.toContain("::error::");
  });

  it("runs a succeeding plan, files the issue, and a re-run attempt updates it instead of filing again", async () => {
    const inputs = {
      plan: "examples/checkout-api-rollback.ts",
      scenario: "cold-jvm",
      inputs: `{"revision": 2, "reason": "2.0.0 fails checkout, token ${TOKEN} | <b>@oncall</b>"}`,
      labels: "incident, postmortem",
      assignees: "octocat",
      severity: "sev2",
    };
    const first = await runAction("1001", inputs);
    expect(first.outputs).toMatchObject({ status: "succeeded", "incident-id": "acme/shop/runs/1001", "postmortem-url": "https://github.com/acme/shop/issues/1" });
    expect(first.stdout).toMatch(/::group::isolate: 100% to stable/);
    expect(first.summary).toMatch(/^## ✅ Firebreak: checkout-api-rollback — succeeded/);
    expect(first.summary).toContain("| `VirtualService prod/checkout-api` | 100% to release | yes |");
    expect(first.summary).toMatch(/\| isolate: 100% to stable \| ✅ succeeded \| \d/);
    expect(first.summary).toContain("```mermaid\ngantt");

    const [issue] = issueFor("1001");
    expect(issue).toMatchObject({ title: "Postmortem: checkout-api-rollback — succeeded (run 1001)", labels: ["incident", "postmortem", "severity:sev2"], assignees: ["octocat"] });
    for (const heading of ["## Summary", "## Context", "## Impact", "## Timeline", "## Changes", "## Gate evidence", "## Action items"]) expect(issue!.body).toContain(heading);
    expect(issue!.body).toContain("| Dispatched by | octocat |");
    expect(issue!.body).toContain("| Plan file | `examples/checkout-api-rollback.ts` |");
    expect(issue!.body).toContain("[redacted]"); // the token inside the reason input
    const outsideCode = issue!.body.replace(/(`+)[^`][\s\S]*?\1/g, "");
    expect(issue!.body).toContain("<b>@oncall</b>"); // shown verbatim in a code span…
    expect(outsideCode).not.toMatch(/<b>|@oncall/); // …and nowhere else: the injection is inert
    expectNoToken(first);

    const second = await runAction("1001", inputs, { attempt: 2 });
    expect(second.outputs["postmortem-url"]).toBe("https://github.com/acme/shop/issues/1");
    expect(issueFor("1001")).toHaveLength(1);
    expect(issueFor("1001")[0]!.comments).toEqual([
      "<!-- firebreak:attempt-comment=2 -->\nAttempt 2 of the [workflow run](https://github.com/acme/shop/actions/runs/1001/attempts/2) ended **succeeded**. The description now reports this attempt.",
    ]);
    expect(issueFor("1001")[0]!.body).toMatch(/<!-- firebreak:attempt=2 sha256=[0-9a-f]{64} -->\n$/);
    expectNoToken(second);
    expect(gh.failures).toEqual([]);
  });

  it("fails safe under schema-from-the-future: annotates the failed check, fails the step, files the issue", async () => {
    const run = await runAction("1002", { plan: "examples/checkout-api-rollback.ts", scenario: "schema-from-the-future", postmortem: "on-failure" });
    expect(run.outputs.status).toBe("failed-safe");
    expect(run.stdout).toMatch(/::warning title=Firebreak check::Check "canary 1%" failed: .*success rate 0\.\d+ < 0\.99/);
    expect(run.stdout).toMatch(/::notice title=Firebreak recommendation::Roll forward instead/);
    expect(run.stdout).toMatch(/::error::Plan checkout-api-rollback ended failed-safe/);
    expect(run.summary).toMatch(/^## 🟧 Firebreak: checkout-api-rollback — failed-safe/);
    expect(run.summary).toContain("| `VirtualService prod/checkout-api` | 100% to stable | yes |");
    const [issue] = issueFor("1002");
    expect(issue!.title).toBe("Postmortem: checkout-api-rollback — failed-safe (run 1002)");
    expect(issue!.body).toMatch(/Roll forward instead/);
    expectNoToken(run);
    expect(gh.failures).toEqual([]);
  });

  it("restores the safe state on SIGTERM, and the post step files the issue from the journal", async () => {
    const run = await runAction(
      "1003",
      { plan: "test/action/fixtures/hold-plan.ts", scenario: "cold-jvm", postmortem: "on-failure" },
      { cancelWhen: (journal) => journal.includes('"type":"traffic"') && journal.includes('"release":10') },
    );
    expect(run.outputs.status).toBe("cancelled");
    expect(run.outputs["postmortem-url"]).toBeUndefined(); // not filed by main: it leaves that to post
    expect(run.stdout).toMatch(/::warning::SIGTERM: cancelling: restoring the safe state/);
    const finished = run.journal.trim().split("\n").map((l) => JSON.parse(l)).at(-1);
    expect(finished).toMatchObject({ type: "plan-finished", status: "cancelled" });
    expect(run.journal).toContain('"type":"safe-state-restore"');
    const [issue] = issueFor("1003");
    expect(issue!.title).toBe("Postmortem: checkout-api-hold — cancelled (run 1003)");
    expect(issue!.body).toContain("100% to stable");
    expect(run.stdout.indexOf("Running Post Step")).toBeLessThan(run.stdout.indexOf("Postmortem filed: https://github.com/acme/shop/issues/"));
    expect(gh.failures).toEqual([]);
  });

  it("cuts the report short on a SIGTERM once the plan has finished: says what was cut and how to check, and reports the run as it ended", async () => {
    const sim = await startSimulator("cold-jvm");
    // a Prometheus that answers the reachability check, then holds every query: the impact measurement hangs
    let measuring = false;
    const prometheus = createServer((req, res) => {
      let body = "";
      req.on("data", (d) => (body += d)).on("end", () => {
        if (new URLSearchParams(body).get("query") === "vector(1)") res.end(JSON.stringify({ status: "success", data: { resultType: "scalar", result: [0, "1"] } }));
        else measuring = true;
      });
    });
    await new Promise<void>((resolve) => prometheus.listen(0, "127.0.0.1", resolve));
    try {
      const run = await runAction(
        "1004",
        {
          plan: "test/cli/fixtures/shift-and-finish.ts",
          target: "cluster",
          kubeconfig: sim.kubeApi.kubeconfig(),
          "prometheus-url": `http://127.0.0.1:${(prometheus.address() as { port: number }).port}`,
          postmortem: "always",
        },
        { cancelWhen: () => measuring },
      );
      expect(run.stdout).toContain(
        "::warning::SIGTERM: the plan has finished; cutting short the re-read of the routes it shifted and the user-impact measurement, to report at once. " +
          "A route not re-read is reported not verified: it may no longer hold the split the run left there. " +
          "Check each such route on the cluster before relying on it (kubectl get <kind> <name> -n <namespace> -o yaml).",
      );
      expect(run.stdout).not.toContain("restoring the safe state");
      // the plan had finished: the run ends as it did, not cancelled
      expect(run.outputs.status).toBe("succeeded");
      expect(run.stdout).not.toMatch(/::error::/);
      expect(run.summary).toMatch(/^## ✅ Firebreak: shift-and-finish — succeeded/);
      const impact = run.journal.trim().split("\n").map((l) => JSON.parse(l)).find((e) => e.type === "impact");
      expect(impact).toMatchObject({ requests: null, reason: "cut short by an interrupt while it was measured" });
      // the job was interrupted: the post step files the issue, and it says why impact is missing
      const [issue] = issueFor("1004");
      expect(issue!.title).toBe("Postmortem: shift-and-finish — succeeded (run 1004)");
      expect(issue!.body).toContain("Not measured: cut short by an interrupt while it was measured.");
      expectNoToken(run);
      expect(gh.failures).toEqual([]);
    } finally {
      prometheus.closeAllConnections();
      prometheus.close();
      await sim.close();
    }
  });
});
