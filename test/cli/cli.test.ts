import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import { main } from "../../sdk/cli/main.ts";
import { readJournal } from "../../sdk/journal/read-journal.ts";
import { resolveScenario } from "../../sdk/sim/load-scenario.ts";
import { builtinScenarios } from "../../sdk/sim/scenarios/index.ts";

/** A bug planted in one of the CLI's own functions, for the tests of the catch-all: none unless a test sets it. */
const bug = vi.hoisted(() => ({ in: undefined as "loadPlan" | "formatReport" | undefined }));
const planted = (where: typeof bug.in) => {
  if (bug.in === where) throw new TypeError("Cannot read properties of undefined (reading 'split')");
};
vi.mock("../../sdk/loader/load-plan.ts", async (importOriginal) => {
  const real = await importOriginal<typeof import("../../sdk/loader/load-plan.ts")>();
  return { ...real, loadPlan: (...args: Parameters<typeof real.loadPlan>) => (planted("loadPlan"), real.loadPlan(...args)) };
});
vi.mock("../../sdk/cli/report.ts", async (importOriginal) => {
  const real = await importOriginal<typeof import("../../sdk/cli/report.ts")>();
  return { ...real, formatReport: (...args: Parameters<typeof real.formatReport>) => (planted("formatReport"), real.formatReport(...args)) };
});

const dir = mkdtempSync(join(tmpdir(), "firebreak-cli-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs the CLI in-process and captures what it prints. */
async function cli(...args: string[]) {
  const out: string[] = [];
  const err: string[] = [];
  const o = vi.spyOn(process.stdout, "write").mockImplementation((s) => (out.push(String(s)), true));
  const e = vi.spyOn(process.stderr, "write").mockImplementation((s) => (err.push(String(s)), true));
  try {
    const code = await main(args);
    return { code, stdout: out.join(""), stderr: err.join("") };
  } finally {
    o.mockRestore();
    e.mockRestore();
  }
}

describe("npm start (the quick start)", () => {
  it("runs the flagship plan again and again: the second time finds no journal of the first in its way", async () => {
    const start: string = JSON.parse(readFileSync("package.json", "utf8")).scripts.start;
    const args = start.replace(/^tsx sdk\/cli\/bin\.ts /, "").split(" ");
    for (const time of [1, 2]) {
      const r = await cli(...args);
      expect(r.code, `run ${time}: ${r.stderr.split("\n").at(-2)}`).toBe(0);
      expect(r.stdout).toMatch(/Status: succeeded \(exit 0\)/);
      rmSync(/^Journal: (.+)$/m.exec(r.stdout)![1]!); // each run its own, under .firebreak/runs/
    }
  }, 60_000);
});

describe("firebreak CLI: bad usage and bad input exit 2 with one clear message", () => {
  it.each([
    [["run"], /needs a plan file/],
    [["deploy", "x.ts"], /Unknown command 'deploy'/],
    [["run", "nope.ts"], /Plan file nope.ts does not exist/],
    [["run", "examples/checkout-api.ts"], /does not default-export a plan/],
    [["run", "examples/checkout-api-rollback.ts", "--scenario", "cold-jvmm"], /Unknown scenario 'cold-jvmm': it is neither a built-in scenario nor a file\. Did you mean 'cold-jvm'\? Built-in scenarios: cold-jvm, schema-from-the-future/],
    [["run", "examples/checkout-api-rollback.ts", "--input", "revision=-1"], /revision: must be 1 or more: revisions start at 1/],
    [["run", "examples/checkout-api-rollback.ts", "--input", "revision"], /--input revision: write it as --input key=value/],
    [["run", "examples/checkout-api-rollback.ts", "--input", "revision=two"], /revision: must be a revision number, e\.g\. 2 \(kubectl rollout history lists them\)/],
    [["run", "examples/checkout-api-rollback.ts", "--target", "prod"], /--target prod: use 'sim'/],
    [["run", "examples/checkout-api-rollback.ts", "--input", "revision=2", "--input", "hotifx=app:2.0.1"], /hotifx: not an input of this plan; its inputs are: revision, reason, hotfix/],
    [["run", "test/cli/fixtures/wait-for-cancel.ts", "--input", "revision=2"], /revision: not an input of this plan; it takes no inputs/],
    [["run", "examples/checkout-api-rollback.ts", "--input", "revision=3", "--input", "revision=2"], /--input revision is given twice; give each input once/],
    [["run", "examples/checkout-api-rollback.ts", "--target", "cluster", "--prometheus", "127.0.0.1:9090"], /--prometheus "127.0.0.1:9090" must start with http:\/\/ or https:\/\//],
    [["run", "examples/checkout-api-rollback.ts", "--target", "cluster"], /--target cluster needs --prometheus URL: the plan's gates and the user-impact report read it, and without it the run would change the cluster, then stop at its first gate\. For a plan without metric gates, pass --no-metrics\./],
    [["preview", "examples/checkout-api-rollback.ts", "--target", "cluster", "--prometheus", "http://127.0.0.1:1", "--no-metrics"], /--prometheus and --no-metrics say opposite things: give one/],
    [["run", "examples/checkout-api-rollback.ts", "--no-metrics"], /--no-metrics applies to --target cluster only/],
    [["gate", "replay", "x.ts", "--from", "2026-11-17T14:00:00Z", "--to", "2026-11-17T14:10:00Z", "--prometheus", "admin:hunter2@localhost:9090"], /--prometheus "…@localhost:9090" must start with http/],
  ])("%j", async (args, message) => {
    const r = await cli(...args);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).not.toMatch(/\n\s+at /); // no stack trace
  });
});

describe("a preview that foresees the run stopping", () => {
  it("exits 1, not 0, so that `preview && run` stops there", async () => {
    const previous = process.env.FIREBREAK_HELM;
    process.env.FIREBREAK_HELM = join(dir, "no-helm-here");
    try {
      const r = await cli("preview", "examples/helm-release-rollback.ts", "--input", "revision=2");
      expect(r.stdout).toContain("‼ The run would stop at");
      expect(r.code).toBe(1);
    } finally {
      if (previous === undefined) delete process.env.FIREBREAK_HELM;
      else process.env.FIREBREAK_HELM = previous;
    }
  });
});

describe("the installed CLI (npx firebreak)", () => {
  it("is the package's bin, a file that starts the CLI with its TypeScript loaded", () => {
    const bin: Record<string, string> = JSON.parse(readFileSync("package.json", "utf8")).bin;
    const r = spawnSync(process.execPath, [bin.firebreak!, "scenarios"], { encoding: "utf8", timeout: 60_000 });
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toContain("cold-jvm");
  });
});

describe("firebreak CLI: an input schema that throws on a value", () => {
  it("is bad input (exit 2) naming the input, never quoting the value or the error's text, and points at no journal", async () => {
    for (const command of ["preview", "run"]) {
      const r = await cli(command, "test/cli/fixtures/throwing-input.ts", "--input", "dbCredentials=hunter2-s3cr3t", "--journal", join(dir, `throwing-${command}.jsonl`));
      expect(r.code).toBe(2);
      expect(r.stderr).toContain("dbCredentials: the plan's schema for it threw SyntaxError reading the value (neither the value nor the error's text is shown");
      expect(r.stderr + r.stdout).not.toContain("hunter2");
      expect(r.stderr).not.toContain("journal");
    }
  });
});

describe("firebreak CLI: an option that would be ignored or is mistyped is one line saying so", () => {
  it.each([
    [["preview", "examples/checkout-api-rollback.ts", "--postmortem", "pm.md"], "firebreak preview does not take --postmortem (firebreak run and postmortem do); leave it out"],
    [["run", "examples/checkout-api-rollback.ts", "--from", "2026-11-17T14:00:00Z"], "firebreak run does not take --from (firebreak gate replay does); leave it out"],
    [["rbac", "examples/checkout-api-rollback.ts", "--kubeconfig", "k"], "firebreak rbac does not take --kubeconfig (firebreak preview and run do); leave it out"],
    [["scenarios", "--target", "cluster"], "firebreak scenarios does not take --target (firebreak preview, run, rbac and gate replay do); leave it out"],
    [["scenarios", "cold-jvm", "extra"], "Unexpected arguments: extra (firebreak scenarios takes one scenario's name, or none)"],
    [["scenarios", "cold-jvmm"], `Unknown scenario 'cold-jvmm'. Did you mean 'cold-jvm'? Built-in scenarios: ${Object.keys(builtinScenarios).join(", ")}.`],
    [["run", "examples/checkout-api-rollback.ts", "--scenario", "schema-from-the-future", "--scenario", "cold-jvm"], "--scenario is given twice; give it once"],
    [["run", "examples/checkout-api-rollback.ts", "--target", "cluster", "--target", "sim"], "--target is given twice; give it once"],
    [["run", "examples/checkout-api-rollback.ts", "--prometheus", "http://prometheus:9090"], "--prometheus applies to --target cluster only, and the target is sim: leave it out, or use --target cluster"],
    [["run", "examples/checkout-api-rollback.ts", "--target", "cluster", "--scenario", "cold-jvm"], "--scenario applies to --target sim only, and the target is cluster: leave it out, or use --target sim"],
    [["run", "examples/checkout-api-rollback.ts", "--inputs", "revision=2"], "Unknown option --inputs; did you mean --input? (firebreak help lists the options)"],
    [["run", "examples/checkout-api-rollback.ts", "--inptu", "revision=2"], "Unknown option --inptu; did you mean --input? (firebreak help lists the options)"],
    [["run", "examples/checkout-api-rollback.ts", "--frobnicate"], "Unknown option --frobnicate (firebreak help lists the options)"],
    [["rnu", "examples/checkout-api-rollback.ts"], "Unknown command 'rnu'; did you mean 'run'? (firebreak help lists the commands)"],
    [["postmortem"], "firebreak postmortem needs a journal file, e.g. firebreak postmortem .firebreak/runs/<run-id>.jsonl"],
    [["postmortem", "nope.jsonl"], "nope.jsonl: no such journal file; firebreak run writes one where --journal says (default .firebreak/runs/<run-id>.jsonl)"],
    [["postmortem", "package.json"], "package.json line 1 is no Firebreak journal event, so package.json is not a journal: give the .jsonl file a run wrote (firebreak run --journal, default .firebreak/runs/<run-id>.jsonl; the action's journal-path output)"],
    [["postmortem", "README.md"], "README.md line 1 is no Firebreak journal event, so README.md is not a journal: give the .jsonl file a run wrote (firebreak run --journal, default .firebreak/runs/<run-id>.jsonl; the action's journal-path output)"],
    [["run", "examples/checkout-api-rollback.ts", "--journal", "README.md"], "--journal README.md is an existing file, not a journal: give the run's journal a path of its own (a .jsonl)"],
  ])("%j", async (args, message) => {
    const r = await cli(...args);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`firebreak: ${message}\n`);
  });

  it("postmortem of a journal holding an event with a field missing names the line and field, not a TypeError", async () => {
    const journal = join(dir, "hand-edited.jsonl");
    writeFileSync(journal, [
      '{"type":"plan-started","at":1,"runId":"r","plan":{"name":"x"},"mode":"run","inputs":{},"target":{"kind":"sim"},"sdkVersion":"1.0.0"}',
      '{"type":"traffic","at":2,"route":{"kind":"VirtualService","namespace":"prod","name":"x"}}',
    ].join("\n") + "\n");
    const r = await cli("postmortem", journal);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(new RegExp(`^firebreak: ${journal} line 2 has a traffic event this Firebreak cannot read: route\\.apiVersion is missing \\(a string\\)\\. .*repair or remove that line to report on the rest\n$`));
  });
});

describe("firebreak CLI: a bug in Firebreak exits 4, not 2 (bad input), and says what to check and report", () => {
  afterEach(() => void (bug.in = undefined));

  it("after the run started: names the journal that says what the run changed", async () => {
    bug.in = "formatReport";
    const journal = join(dir, "bug.jsonl");
    const r = await cli("run", "examples/checkout-api-rollback.ts", "--input", "revision=2", "--journal", journal, "--postmortem", join(dir, "bug.md"));
    expect(r.code).toBe(4);
    expect(r.stderr).toContain(
      "firebreak failed unexpectedly (a bug in Firebreak, not in your command or input): TypeError: Cannot read properties of undefined (reading 'split')\n" +
        `Check the cluster: the run may have changed it, and its journal ${journal} says what it did (firebreak postmortem ${journal} reports on it).\n` +
        "Please report this bug to the Firebreak maintainers, with this message and the stack below.\n",
    );
    expect(r.stderr).toMatch(/\n\s+at /);
    expect(readJournal(journal).at(-1)).toMatchObject({ type: "plan-finished", status: "succeeded" });
  });

  it("before any run: says the cluster was not changed", async () => {
    bug.in = "loadPlan";
    const r = await cli("run", "examples/checkout-api-rollback.ts", "--input", "revision=2");
    expect(r.code).toBe(4);
    expect(r.stderr).toMatch(/^firebreak failed unexpectedly \(a bug in Firebreak, not in your command or input\): TypeError: .*\nIt failed before it could change the cluster\.\nPlease report this bug/);
  });
});

describe("firebreak scenarios", () => {
  it("lists each built-in scenario with its name clear of its description, and says --scenario takes a file too", async () => {
    const r = await cli("scenarios");
    expect(r.code).toBe(0);
    const rows = r.stdout.split("\n").filter((line) => /^[a-z]/.test(line));
    expect(rows.map((row) => row.split(" ")[0])).toEqual(Object.keys(builtinScenarios));
    const column = rows[0]!.search(/ \S/) + 1;
    for (const row of rows) expect(row.slice(column - 2, column)).toBe("  "); // the longest name too
    expect(r.stdout).toContain("--scenario FILE takes a scenario of your own, in YAML or JSON");
  });
});

describe("firebreak scenarios NAME", () => {
  it.each(Object.keys(builtinScenarios))("prints %s as a file that, saved as it is, rehearses the same world under a name of its own", async (name) => {
    const r = await cli("scenarios", name);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^# The built-in scenario /);
    const file = join(dir, `${name}.yaml`);
    writeFileSync(file, r.stdout);
    const { name: copyName, ...copy } = resolveScenario(file);
    const { name: _, ...original } = resolveScenario(name);
    expect(copyName).toBe(`${name}-copy`);
    expect(copy).toEqual(original);
  });
});

describe("firebreak preview", () => {
  it("shows what would change, writes nothing, and exits 0", async () => {
    const r = await cli("preview", "examples/checkout-api-rollback.ts", "--input", "revision=2");
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/spec\.http\[0\]\.route\[0\]\.weight: 10 → 100/);
    expect(r.stdout).toMatch(/nothing was written/);
  });
});

describe("firebreak preview of a plan whose package.json names a firebreak no version can be read from", () => {
  it("warns on stderr, naming the spec, and goes on", async () => {
    const plans = mkdtempSync(join(tmpdir(), "firebreak-cli-spec-"));
    try {
      writeFileSync(join(plans, "package.json"), JSON.stringify({ devDependencies: { firebreak: "github:firebreak-dev/firebreak#v1.2.0" } }));
      writeFileSync(join(plans, "plan.ts"), 'import { plan } from "firebreak";\nexport default plan({ name: "noop" }, async () => {});\n');
      const r = await cli("preview", join(plans, "plan.ts"));
      expect(r.code).toBe(0);
      expect(r.stderr).toContain(`firebreak: warning: ${join(plans, "plan.ts")}: ${join(plans, "package.json")} asks for firebreak "github:firebreak-dev/firebreak#v1.2.0", which cannot be checked against this firebreak 0.1.0`);
    } finally {
      rmSync(plans, { recursive: true, force: true });
    }
  });
});

describe("firebreak run", () => {
  it("exit 1 (failed-safe) under schema-from-the-future, with journal, postmortem and user impact", async () => {
    const journal = join(dir, "j.jsonl");
    const postmortem = join(dir, "pm.md");
    const r = await cli("run", "examples/checkout-api-rollback.ts", "--scenario", "schema-from-the-future", "--journal", journal, "--postmortem", postmortem);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/Status: failed-safe \(exit 1\)/);
    expect(r.stdout).toMatch(/Traffic: VirtualService prod\/checkout-api: stable=100%, release=0%/);
    expect(r.stdout).toMatch(/User impact: [\d,]+ of [\d,]+ requests failed/);
    expect(r.stderr).toMatch(/▶ isolate: 100% to stable/);
    expect(readJournal(journal).at(-1)).toMatchObject({ type: "plan-finished", status: "failed-safe" });
    expect(readFileSync(postmortem, "utf8")).toMatch(/^<!-- firebreak:incident=/);
  });

  it("refuses, before anything runs, output paths it could not write or that would overwrite each other or the plan", async () => {
    writeFileSync(join(dir, "a-file"), "");
    const journal = join(dir, "kept.jsonl");
    for (const [args, message] of [
      [["--postmortem", join(dir, "a-file", "pm.md")], /^firebreak: --postmortem .*a-file\/pm\.md: cannot write it \(.*a-file is a file, not a directory\); give a path you can write\n$/],
      [["--journal", join(dir, "same.md"), "--postmortem", join(dir, "same.md")], /--journal and --postmortem both name .*same\.md: the one would overwrite the other/],
      [["--postmortem", "examples/checkout-api-rollback.ts"], /--postmortem examples\/checkout-api-rollback\.ts is the plan file itself/],
    ] as const) {
      const r = await cli("run", "examples/checkout-api-rollback.ts", ...args);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(message);
    }
    // a journal from last night survives a run refused for a bad input
    const lastNight = '{"type":"plan-started","at":1}\n';
    writeFileSync(journal, lastNight);
    expect((await cli("run", "examples/checkout-api-rollback.ts", "--input", "revision=abc", "--journal", journal)).code).toBe(2);
    expect(readFileSync(journal, "utf8")).toBe(lastNight);
    // and a run given it with good inputs does not write over it: it is the evidence of another run
    const again = await cli("run", "examples/checkout-api-rollback.ts", "--input", "revision=2", "--journal", journal);
    expect(again.code).toBe(2);
    expect(again.stderr).toBe(`firebreak: --journal ${journal} already holds a journal (firebreak postmortem ${journal} reports on it): give this run a new path, or move that one away\n`);
    expect(readFileSync(journal, "utf8")).toBe(lastNight);
  });

  it("shows a long rollout wait alive without flooding: each status once, then a line every 30s", async () => {
    const r = await cli("run", "test/cli/fixtures/scale-and-wait.ts", "--scenario", "test/cli/fixtures/slow-ready.yaml", "--journal", join(dir, "wait.jsonl"), "--postmortem", join(dir, "wait.md"));
    expect(r.code).toBe(0);
    const waiting = r.stderr.split("\n").filter((line) => line.includes("… waiting for"));
    // about four minutes polled every 2s: 120 polls, one status
    expect(waiting[0]).toMatch(/… waiting for rollout of Deployment prod\/app-v1: 2 of 3 updated replicas available$/);
    expect(waiting.at(-1)).toMatch(/\(3m\d+s so far\)$/);
    expect(waiting.length).toBeGreaterThanOrEqual(8);
    expect(waiting.length).toBeLessThanOrEqual(10);
  });

  it("exit 130 on SIGINT, after putting the safe state back", async () => {
    const journal = join(dir, "cancel.jsonl");
    const child = spawn(process.execPath, ["--import", "tsx", "sdk/cli/bin.ts", "run", "test/cli/fixtures/wait-for-cancel.ts", "--journal", journal, "--postmortem", join(dir, "c.md")], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (d) => {
      stderr += d;
      if (stderr.includes("waiting for a signal") && !child.killed) child.kill("SIGINT");
    });
    const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
    expect(code).toBe(130);
    const events = readJournal(journal);
    expect(events.at(-1)).toMatchObject({ type: "plan-finished", status: "cancelled" });
    expect(events.filter((e) => e.type === "safe-state-restore")).toMatchObject([{ outcome: "restored" }]);
    expect(existsSync(join(dir, "c.md"))).toBe(true);
  }, 60_000);
});

describe("a second signal while the plan's program does not stop", () => {
  it("exits 130 at once, saying the safe state was not restored, where traffic was last recorded, what the run changed and where the journal is", async () => {
    const journal = join(dir, "deaf.jsonl");
    const child = spawn(process.execPath, ["--import", "tsx", "sdk/cli/bin.ts", "run", "test/cli/fixtures/ignore-cancel.ts", "--journal", journal], { stdio: ["ignore", "pipe", "pipe"] });
    let stderr = "";
    child.stderr.on("data", (d) => {
      stderr += d;
      // the first cancels (the program does not heed it), the second exits at once
      if (stderr.includes("hanging, deaf to signals") && !stderr.includes("SIGINT:")) child.kill("SIGINT");
      else if (stderr.includes("SIGINT: cancelling") && !stderr.includes("SIGINT again")) child.kill("SIGINT");
    });
    const code = await new Promise<number | null>((resolve) => child.on("exit", resolve));
    expect(code).toBe(130);
    const said = stderr.slice(stderr.indexOf("SIGINT again"));
    expect(said).toContain("SIGINT again: Exiting now, without restoring the safe state: the cluster is as the run left it.");
    expect(said).toContain("Traffic: VirtualService prod/checkout-api: stable=50%, release=50% (last recorded)");
    expect(said).toContain("  • VirtualService prod/checkout-api (spec.http[0].route[0].weight=50, was 10; spec.http[0].route[1].weight=50, was 90)");
    expect(said).toContain(`Journal: ${journal}`);

    // the run wrote no report; its journal makes one
    const pm = await cli("postmortem", journal);
    expect(pm.code, pm.stderr).toBe(0);
    expect(pm.stdout).toMatch(/^<!-- firebreak:incident=/);
    expect(pm.stdout).toContain("did not finish");
    expect(pm.stdout).toContain("the last recorded split was 50% stable, 50% release on VirtualService prod/checkout-api");
    const file = join(dir, "deaf.md");
    expect((await cli("postmortem", journal, "--postmortem", file)).stderr).toBe(`firebreak: postmortem written to ${file}\n`);
    expect(readFileSync(file, "utf8")).toBe(pm.stdout.replace(/\n$/, ""));
  }, 60_000);
});

describe("a signal once the plan has finished", () => {
  it("says it cuts the routes' re-read and the impact query short, how to check routes not re-read, and reports the run as it ended", async () => {
    const { startSimulator } = await import("../../sdk/sim/simulator.ts");
    const { createServer } = await import("node:http");
    const sim = await startSimulator("cold-jvm");
    const kubeconfig = join(dir, "sim-kubeconfig.yaml");
    writeFileSync(kubeconfig, sim.kubeApi.kubeconfig());
    let child: ReturnType<typeof spawn> | undefined;
    // a Prometheus that answers the CLI's first query, then never again: the impact query hangs (10s timeout)
    const prometheus = createServer((req, res) => {
      let body = "";
      req.on("data", (d) => (body += d)).on("end", () => {
        if (new URLSearchParams(body).get("query") === "vector(1)") res.end(JSON.stringify({ status: "success", data: { resultType: "scalar", result: [0, "1"] } }));
        else child?.kill("SIGINT");
      });
    });
    await new Promise<void>((resolve) => prometheus.listen(0, "127.0.0.1", resolve));
    try {
      const url = `http://127.0.0.1:${(prometheus.address() as { port: number }).port}`;
      const postmortem = join(dir, "finished.md");
      const started = Date.now();
      child = spawn(process.execPath, ["--import", "tsx", "sdk/cli/bin.ts", "run", "test/cli/fixtures/shift-and-finish.ts", "--target", "cluster", "--kubeconfig", kubeconfig, "--prometheus", url, "--journal", join(dir, "finished.jsonl"), "--postmortem", postmortem], {
        stdio: ["ignore", "pipe", "pipe"],
      });
      let stdout = "";
      let stderr = "";
      child.stdout!.on("data", (d) => (stdout += d));
      child.stderr!.on("data", (d) => (stderr += d));
      const code = await new Promise<number | null>((resolve) => child!.on("exit", resolve));
      // what was cut (the routes' re-read too, not only the impact query), and how to check what was not read
      expect(stderr).toContain(
        "SIGINT: the plan has finished; cutting short the re-read of the routes it shifted and the user-impact measurement, to report at once. " +
          "A route not re-read is reported not verified: it may no longer hold the split the run left there. " +
          "Check each such route on the cluster before relying on it (kubectl get <kind> <name> -n <namespace> -o yaml). Send it again to exit without the report.",
      );
      expect(stderr).not.toContain("restoring the safe state");
      expect(code).toBe(0);
      expect(stdout).toMatch(/Status: succeeded \(exit 0\)/);
      expect(stdout).toContain("User impact: not measured (cut short by an interrupt while it was measured)");
      expect(existsSync(postmortem)).toBe(true);
      expect(Date.now() - started).toBeLessThan(9_000); // not the query's 10s timeout
    } finally {
      prometheus.closeAllConnections();
      prometheus.close();
      await sim.close();
    }
  }, 60_000);
});

describe("firebreak gate replay", () => {
  const window = ["--from", "2026-11-24T02:56:00Z", "--to", "2026-11-24T03:00:00Z", "--step", "30s"];
  it("says when a gate would have caught the bad release (exit 1)", async () => {
    const r = await cli("gate", "replay", "test/cli/fixtures/replay-gates.ts", "--gate", "releaseSuccess", ...window);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/caught at 2026-11-24T02:56:00.000Z .*success rate 0\.7 < 0\.99/);
  });
  it("exits 0 when the gate would have passed throughout", async () => {
    const r = await cli("gate", "replay", "test/cli/fixtures/replay-gates.ts", "--gate", "stableSuccess", ...window);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/passed: success rate 1 >= 0\.99/);
  });
  it("exits 2, not 0, when no round had the data to pass (a label that matches nothing)", async () => {
    const r = await cli("gate", "replay", "test/cli/fixtures/replay-gates.ts", "--gate", "misspeltService", ...window);
    expect(r.code).toBe(2);
    expect(r.stdout).toMatch(/cannot tell whether the gate would have passed: no round had the data to pass\. Check the gate's labels/);
  });
  it("says in its help what each exit code of a replay means, 2 (cannot tell) included", async () => {
    const help = (await cli("help")).stdout;
    expect(help).toContain("(exit 0: it would have passed throughout; 1: it would have failed;\n");
    expect(help).toContain("2: it cannot tell, as no round had data or Prometheus stopped answering)");
  });
  it("exits 2, not 0, when Prometheus cannot be reached", async () => {
    const r = await cli("gate", "replay", "test/cli/fixtures/replay-gates.ts", "--gate", "stableSuccess", ...window, "--prometheus", "http://127.0.0.1:1");
    expect(r.code).toBe(2);
    expect(r.stdout).toMatch(/incomplete: stopped at .* errors in a row: Prometheus at http:\/\/127\.0\.0\.1:1\/ is unreachable/);
    expect(r.stdout).toMatch(/cannot tell whether the gate would have passed: check --prometheus/);
  });
  it("asks which gate when the file exports several", async () => {
    const r = await cli("gate", "replay", "test/cli/fixtures/replay-gates.ts", ...window);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/exports several gates \(releaseSuccess, stableSuccess, misspeltService\); pick one with --gate NAME/);
  });
});

describe("firebreak run --target cluster --request-timeout", () => {
  it("gives up on an API server that never answers within the given time, naming it", async () => {
    const { createServer } = await import("node:net");
    const sockets: import("node:net").Socket[] = [];
    const hung = createServer((s) => void sockets.push(s)); // accepts, never answers
    await new Promise<void>((resolve) => hung.listen(0, "127.0.0.1", resolve));
    const port = (hung.address() as { port: number }).port;
    const kubeconfig = join(dir, "hung-kubeconfig.yaml");
    const { writeFileSync } = await import("node:fs");
    writeFileSync(kubeconfig, `apiVersion: v1\nkind: Config\nclusters: [{ name: c, cluster: { server: "http://127.0.0.1:${port}" } }]\ncontexts: [{ name: hung, context: { cluster: c, user: u } }]\ncurrent-context: hung\nusers: [{ name: u, user: { token: t0k3n-value } }]\n`);
    try {
      const started = Date.now();
      const r = await cli("run", "examples/checkout-api-rollback.ts", "--target", "cluster", "--kubeconfig", kubeconfig, "--no-metrics", "--request-timeout", "300ms", "--journal", join(dir, "hung.jsonl"), "--postmortem", join(dir, "hung.md"));
      expect(r.code).toBe(1);
      expect(r.stdout).toMatch(new RegExp(`the API server at http://127.0.0.1:${port} \\(context hung\\) did not answer get within 0.3s`));
      expect(r.stdout).toMatch(/The plan failed before it changed anything/);
      expect(Date.now() - started).toBeLessThan(10_000);
    } finally {
      sockets.forEach((s) => s.destroy());
      hung.close();
    }
  });
  it("refuses a Prometheus it cannot reach before the plan changes anything (exit 2, the cluster untouched)", async () => {
    const { startKubeApiServer } = await import("../../sdk/sim/kube-api/index.ts");
    const { seededStore } = await import("../sim/kube-api-fixtures.ts");
    const api = await startKubeApiServer({ store: seededStore() });
    const kubeconfig = join(dir, "reachable-kubeconfig.yaml");
    writeFileSync(kubeconfig, api.kubeconfig());
    try {
      const r = await cli("run", "examples/checkout-api-rollback.ts", "--target", "cluster", "--kubeconfig", kubeconfig, "--prometheus", "http://127.0.0.1:1", "--input", "revision=2");
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/^firebreak: Prometheus at http:\/\/127\.0\.0\.1:1\/ is unreachable: .*ECONNREFUSED.* Nothing was changed/);
      expect(api.requests.filter((q) => q.method !== "GET")).toEqual([]);
    } finally {
      await api.close();
    }
  });

  it("keeps Prometheus's credentials out of the journal and the postmortem, even when Prometheus quotes them back", async () => {
    const { startSimulator } = await import("../../sdk/sim/simulator.ts");
    const { createServer } = await import("node:http");
    const sim = await startSimulator("cold-jvm");
    const kubeconfig = join(dir, "quoting-kubeconfig.yaml");
    writeFileSync(kubeconfig, sim.kubeApi.kubeconfig());
    // answers the CLI's first query, then refuses every other, quoting the credential it was sent
    const prometheus = createServer((req, res) => {
      let body = "";
      req.on("data", (d) => (body += d)).on("end", () => {
        if (new URLSearchParams(body).get("query") === "vector(1)") return void res.end(JSON.stringify({ status: "success", data: { resultType: "scalar", result: [0, "1"] } }));
        res.statusCode = 401;
        res.end(JSON.stringify({ status: "error", errorType: "unauthorized", error: `token expired: ${req.headers.authorization} (key ${new URL(req.url!, "http://x").searchParams.get("api_key")})` }));
      });
    });
    await new Promise<void>((resolve) => prometheus.listen(0, "127.0.0.1", resolve));
    try {
      const url = `http://grafana:pa55-word@127.0.0.1:${(prometheus.address() as { port: number }).port}/prom?api_key=k3y-value-123`;
      const [journal, postmortem] = [join(dir, "quoting.jsonl"), join(dir, "quoting.md")];
      const r = await cli("run", "test/cli/fixtures/shift-and-finish.ts", "--target", "cluster", "--kubeconfig", kubeconfig, "--prometheus", url, "--prometheus-header", "X-Api-Token=s3cr3t-T0KEN-value", "--journal", journal, "--postmortem", postmortem);
      const written = readFileSync(journal, "utf8") + readFileSync(postmortem, "utf8") + r.stdout + r.stderr;
      expect(written).toContain("refused the request: HTTP 401, unauthorized: token expired: Basic [redacted] (key [redacted])");
      for (const secret of ["s3cr3t-T0KEN-value", "pa55-word", Buffer.from("grafana:pa55-word").toString("base64"), "k3y-value-123"]) expect(written).not.toContain(secret);
    } finally {
      prometheus.closeAllConnections();
      prometheus.close();
      await sim.close();
    }
  }, 60_000);

  it("refuses a timeout that is not a duration", async () => {
    const r = await cli("run", "examples/checkout-api-rollback.ts", "--target", "cluster", "--request-timeout", "soon");
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--request-timeout soon: write a duration up to 1h, like 10s or 1m/);
    const huge = await cli("run", "examples/checkout-api-rollback.ts", "--target", "cluster", "--request-timeout", "1000h");
    expect(huge.code).toBe(2);
    expect(huge.stderr).toMatch(/--request-timeout 1000h: write a duration up to 1h/);
  });
});
