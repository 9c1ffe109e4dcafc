import { cpSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { readContext } from "../../action/context.ts";
import { readSettings } from "../../action/inputs.ts";
import type { Logger } from "../../action/progress.ts";
import { runIncidentPlan } from "../../action/run-plan.ts";
import { ROOT, runnerInputs } from "./helpers.ts";

/** A plan whose check quotes its input in its description, as a URL with ?key= would. */
const PLAN = `import { plan, z } from "firebreak";
export default plan({ name: "smoke", inputs: z.object({ apiKey: z.string() }) }, async (run, { apiKey }) => {
  await run.gate("smoke test", {
    kind: "smoke",
    description: \`GET https://checkout.internal/health?key=\${apiKey}\`,
    async evaluate() { return { phase: "passed", reason: "200 OK", evidence: [] }; },
  });
});
`;
const SECRET = "sk_live_51HxNameSecretValue";

const dirs: string[] = [];

/** Runs the action's plan step in `workspace` (its checkout and its runner temp) with `raw` as the runner's inputs. */
const runInWorkspace = (workspace: string, raw: Record<string, string>, logger: Logger, mask: (s: string) => void = () => {}) =>
  runIncidentPlan({
    settings: readSettings((name) => raw[name] ?? ""),
    ctx: readContext({ GITHUB_WORKSPACE: workspace, RUNNER_TEMP: workspace }),
    journalPath: join(workspace, "journal.jsonl"),
    secrets: [],
    mask,
    logger,
    signal: new AbortController().signal,
  });
afterEach(() => dirs.splice(0).forEach((d) => rmSync(d, { recursive: true, force: true })));

describe("runIncidentPlan", () => {
  it("masks and scrubs a plan input that is secret by its name (apiKey), not only those the plan lists", async () => {
    const workspace = mkdtempSync(join(tmpdir(), "firebreak-run-plan-"));
    dirs.push(workspace);
    mkdirSync(join(workspace, "plans"));
    writeFileSync(join(workspace, "plans/smoke.ts"), PLAN);
    const raw = runnerInputs({ plan: "plans/smoke.ts", inputs: `apiKey=${SECRET}`, target: "sim", scenario: "cold-jvm" }, "ghs_token_1234");
    const settings = readSettings((name) => raw[name] ?? "");
    const lines: string[] = [];
    const logger: Logger = { info: (m) => lines.push(m), startGroup: (m) => lines.push(m), endGroup: () => {}, error: (m) => lines.push(m), warning: (m) => lines.push(m), notice: (m) => lines.push(m) };
    const masked: string[] = [];
    const result = await runIncidentPlan({
      settings,
      ctx: readContext({ GITHUB_WORKSPACE: workspace, RUNNER_TEMP: workspace }),
      journalPath: join(workspace, "journal.jsonl"),
      secrets: [],
      mask: (s) => masked.push(s),
      logger,
      signal: new AbortController().signal,
    });
    expect(result.status).toBe("succeeded");
    expect(masked).toContain(SECRET);
    expect(lines.some((l) => l.includes("GET https://checkout.internal/health?key=[redacted]"))).toBe(true);
    expect(lines.join("\n")).not.toContain(SECRET);
  });
});

describe("runIncidentPlan of a plan whose package.json names a firebreak no version can be read from", () => {
  it("warns, as an annotation on the run, and runs it", async () => {
    const workspace = mkdtempSync(join(tmpdir(), "firebreak-run-spec-"));
    dirs.push(workspace);
    mkdirSync(join(workspace, ".git"));
    mkdirSync(join(workspace, "plans"));
    writeFileSync(join(workspace, "package.json"), JSON.stringify({ devDependencies: { firebreak: "npm:firebreak-fork@^0.1.0" } }));
    writeFileSync(join(workspace, "plans/package.json"), JSON.stringify({ type: "module" }));
    writeFileSync(join(workspace, "plans/noop.ts"), 'import { plan } from "firebreak";\nexport default plan({ name: "noop" }, async () => {});\n');
    const raw = runnerInputs({ plan: "plans/noop.ts", target: "sim", scenario: "cold-jvm" }, "ghs_token_1234");
    const warnings: string[] = [];
    const logger: Logger = { info: () => {}, startGroup: () => {}, endGroup: () => {}, error: () => {}, warning: (m) => warnings.push(m), notice: () => {} };
    const result = await runInWorkspace(workspace, raw, logger);
    expect(result.status).toBe("succeeded");
    expect(warnings).toEqual([expect.stringMatching(/ asks for firebreak "npm:firebreak-fork@\^0\.1\.0", which cannot be checked against this firebreak 0\.1\.0 \(it is another package, firebreak-fork, under firebreak's name\)/)]);
  });
});

describe("runIncidentPlan of a plan whose helper, shared with its tests, imports firebreak/testing", () => {
  it("runs it with the action's own SDK: a checkout has no node_modules to find firebreak in", async () => {
    const workspace = mkdtempSync(join(tmpdir(), "firebreak-run-testing-"));
    dirs.push(workspace);
    mkdirSync(join(workspace, ".git"));
    cpSync(join(ROOT, "test/loader/fixtures/testing-in-helper"), join(workspace, "plans"), { recursive: true });
    const raw = runnerInputs({ plan: "plans/plan.ts", target: "sim", scenario: "cold-jvm" }, "ghs_token_1234");
    const lines: string[] = [];
    const logger: Logger = { info: (m) => lines.push(m), startGroup: (m) => lines.push(m), endGroup: () => {}, error: (m) => lines.push(m), warning: (m) => lines.push(m), notice: (m) => lines.push(m) };
    const result = await runInWorkspace(workspace, raw, logger);
    expect(result.status).toBe("succeeded");
    expect(result.events.find((e) => e.type === "note")).toMatchObject({ text: "worlds: cold-jvm and more" });
  });
});

describe("runIncidentPlan with a scenario file of the repository", () => {
  it("finds it in the workspace, as it finds the plan, and rehearses on its world", async () => {
    const workspace = mkdtempSync(join(tmpdir(), "firebreak-run-world-"));
    dirs.push(workspace);
    mkdirSync(join(workspace, "worlds"));
    cpSync(join(ROOT, "examples/scenarios/release-train.yaml"), join(workspace, "worlds/shop.yaml"));
    writeFileSync(join(workspace, "isolate.ts"), `import { istio, plan } from "firebreak";
const route = istio.virtualService({ namespace: "shop", name: "payments" });
export default plan({ name: "isolate-payments" }, async (run) => {
  await run.step("isolate", () => route.shift({ stable: 100, release: 0 }));
});
`);
    const raw = runnerInputs({ plan: "isolate.ts", target: "sim", scenario: "worlds/shop.yaml" });
    const silent: Logger = { info: () => {}, startGroup: () => {}, endGroup: () => {}, error: () => {}, warning: () => {}, notice: () => {} };
    const result = await runInWorkspace(workspace, raw, silent);
    expect(result.error?.message).toBeUndefined();
    expect(result.status).toBe("succeeded");
    const started = result.events.find((e) => e.type === "plan-started");
    expect(started?.type === "plan-started" && started.target).toEqual({ kind: "sim", scenario: "release-train" });
  });
});

describe("runIncidentPlan on key=value inputs run together on one line", () => {
  const run = async (inputs: string) => {
    const temp = mkdtempSync(join(tmpdir(), "firebreak-run-on-"));
    dirs.push(temp);
    const raw = runnerInputs({ plan: "examples/checkout-api-rollback.ts", inputs, target: "sim", scenario: "cold-jvm" });
    const journalPath = join(temp, "journal.jsonl");
    const silent: Logger = { info: () => {}, startGroup: () => {}, endGroup: () => {}, error: () => {}, warning: () => {}, notice: () => {} };
    const ended = await runIncidentPlan({
      settings: readSettings((name) => raw[name] ?? ""),
      ctx: readContext({ GITHUB_WORKSPACE: ROOT, RUNNER_TEMP: temp }),
      journalPath,
      secrets: [],
      mask: () => {},
      logger: silent,
      signal: new AbortController().signal,
    }).then((r) => r.status, (err: Error) => err.message);
    return { ended, ran: existsSync(journalPath) };
  };

  it("refuses them, as the Run workflow form's one-line field has responders type them, before anything runs", async () => {
    // the plan would take it all as the reason and roll back to revision's default, 2
    expect(await run("reason=checkout 5xx revision=3")).toEqual({
      ended: 'Input "inputs": the value of reason holds "revision=": give each input on a line of its own, or as JSON, e.g. {"reason": "…", "revision": "…"} (the Run workflow form\'s field takes one line: use JSON there)',
      ran: false,
    });
  });

  it.each([",", ";", ", ", "&"])("refuses them joined by %j, as labels and query strings are", async (joint) => {
    expect((await run(`reason=5xx${joint}revision=3`)).ended).toMatch(/^Input "inputs": the value of reason holds "revision=": give each input on a line of its own/);
  });

  it("takes a value with '=' in it that names no input of the plan", async () => {
    expect(await run("reason=5xx while cache=off\nrevision=2")).toEqual({ ended: "succeeded", ran: true });
  });
});
