import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { randomUUID } from "node:crypto";
import { FirebreakError, describeError } from "../errors.ts";
import { runPlan } from "../engine/runner.ts";
import { createFileJournal } from "../journal/sinks.ts";
import { loadPlan } from "../loader/load-plan.ts";
import { renderPostmortem, renderPreview } from "../postmortem/index.ts";
import { builtinScenarios } from "../sim/scenarios/index.ts";
import { parseCommand, USAGE, type Command } from "./args.ts";
import { EXIT, exitCodeFor } from "./exit-codes.ts";
import { createProgressPrinter } from "./progress.ts";
import { formatReport } from "./report.ts";
import { openTarget, runOptionsOf } from "./targets.ts";
import { replay } from "./replay.ts";

const out = (s: string) => process.stdout.write(s + "\n");
const err = (s: string) => process.stderr.write(s + "\n");

async function execute(cmd: Extract<Command, { command: "preview" | "run" }>): Promise<number> {
  const { plan } = await loadPlan(cmd.planFile);
  const target = await openTarget(cmd);
  const runId = randomUUID();
  const journalPath = cmd.journal ?? (cmd.command === "run" ? join(".firebreak", "runs", `${runId}.jsonl`) : undefined);
  const printer = createProgressPrinter(err, target.clock.now);

  // First signal: cancel and restore the safe state. Second: leave now, as things are.
  const abort = new AbortController();
  let signals = 0;
  const onSignal = (name: string) => {
    if (++signals === 1) {
      err(`\n${name}: cancelling — restoring the safe state (send it again to exit at once, leaving the cluster as it is)`);
      abort.abort();
    } else process.exit(EXIT.cancelled);
  };
  const handlers = { SIGINT: () => onSignal("SIGINT"), SIGTERM: () => onSignal("SIGTERM") };
  process.on("SIGINT", handlers.SIGINT).on("SIGTERM", handlers.SIGTERM);
  try {
    const result = await runPlan(plan, {
      mode: cmd.command,
      inputs: cmd.inputs,
      ...runOptionsOf(target),
      ...(journalPath ? { journal: createFileJournal(journalPath) } : {}),
      signal: abort.signal,
      onEvent: printer.onEvent,
      onProgress: printer.onProgress,
      planFile: cmd.planFile,
      runId,
    });
    if (cmd.command === "preview") {
      out("\n" + renderPreview(result.events));
      return result.status === "succeeded" ? EXIT.succeeded : exitCodeFor(result.status);
    }
    const postmortemPath = cmd.postmortem ?? join(".firebreak", "runs", `${runId}.postmortem.md`);
    mkdirSync(dirname(postmortemPath), { recursive: true });
    writeFileSync(postmortemPath, renderPostmortem(result.events, { planFile: cmd.planFile }));
    const code = exitCodeFor(result.status);
    out(formatReport(result, { ...(journalPath ? { journal: journalPath } : {}), postmortem: postmortemPath }, code));
    return code;
  } finally {
    process.off("SIGINT", handlers.SIGINT).off("SIGTERM", handlers.SIGTERM);
    await target.close();
  }
}

/** Runs the CLI and returns its exit code. Bad usage and bad input are one clear message, never a stack trace. */
export async function main(argv: string[]): Promise<number> {
  try {
    const cmd = parseCommand(argv);
    switch (cmd.command) {
      case "help":
        out(USAGE);
        return EXIT.succeeded;
      case "rbac": {
        const { printRbac } = await import("./rbac.ts");
        return await printRbac(cmd, out, err);
      }
      case "scenarios":
        for (const [name, s] of Object.entries(builtinScenarios)) out(`${name.padEnd(24)} ${s.description}`);
        return EXIT.succeeded;
      case "gate-replay":
        return await replay(cmd, out);
      default:
        return await execute(cmd);
    }
  } catch (e) {
    if (e instanceof FirebreakError) {
      err(`firebreak: ${e.message}`);
      return EXIT.usage;
    }
    const { name, message } = describeError(e);
    err(`firebreak: unexpected ${name}: ${message}\n${(e as Error).stack ?? ""}`);
    return EXIT.usage;
  }
}
