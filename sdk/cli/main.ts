import { accessSync, constants, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { randomUUID } from "node:crypto";
import { FirebreakError, UsageError, describeError } from "../errors.ts";
import { runPlan } from "../engine/runner.ts";
import { createRunInterrupts, REPORT_CUT_SHORT } from "../engine/interrupts.ts";
import { CANCEL_GRACE_MS } from "../engine/cancel-grace.ts";
import { formatMs } from "../util/duration.ts";
import { createFileJournal } from "../journal/sinks.ts";
import { loadPlan } from "../loader/load-plan.ts";
import type { JournalEvent } from "../journal/events.ts";
import { renderPostmortem, renderPreview } from "../postmortem/index.ts";
import { parseCommand, USAGE, type Command } from "./args.ts";
import { EXIT, exitCodeFor } from "./exit-codes.ts";
import { createProgressPrinter } from "./progress.ts";
import { formatExitNow, formatReport } from "./report.ts";
import { openTarget, runOptionsOf } from "./targets.ts";
import { providerSecrets } from "../metrics/provider-url.ts";
import { replay } from "./replay.ts";
import { postmortemFromJournal } from "./postmortem.ts";
import { formatScenarioFile, formatScenarioList } from "./scenarios.ts";

const out = (s: string) => process.stdout.write(s + "\n");
const err = (s: string) => process.stderr.write(s + "\n");

/**
 * Refuses, before anything runs, output paths the run could not write, or would write over
 * something it needs: found after the run, they would cost the report of what it did.
 */
function checkOutputs(planFile: string, outputs: { flag: string; path: string | undefined }[]): void {
  const given = outputs.filter((o): o is { flag: string; path: string } => o.path !== undefined);
  for (const o of given) {
    if (resolve(o.path) === resolve(planFile)) throw new UsageError(`${o.flag} ${o.path} is the plan file itself: give another path`);
    const other = given.find((x) => x !== o && resolve(x.path) === resolve(o.path));
    if (other) throw new UsageError(`${o.flag} and ${other.flag} both name ${o.path}: the one would overwrite the other; give each its own file`);
    let dir = dirname(resolve(o.path));
    while (!existsSync(dir)) dir = dirname(dir); // created when written
    const problem = !statSync(dir).isDirectory()
      ? `${dir} is a file, not a directory`
      : existsSync(o.path) && statSync(o.path).isDirectory()
        ? `${o.path} is a directory`
        : !writable(existsSync(o.path) ? o.path : dir)
          ? `no permission to write there`
          : undefined;
    if (problem) throw new UsageError(`${o.flag} ${o.path}: cannot write it (${problem}); give a path you can write`);
  }
}

function writable(path: string): boolean {
  try {
    accessSync(path, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/** What a command got as far as, for the message of an unexpected failure: the journal, once a run has started. */
interface Reached {
  journal?: string;
}

async function execute(cmd: Extract<Command, { command: "preview" | "run" }>, reached: Reached): Promise<number> {
  const { plan, warnings } = await loadPlan(cmd.planFile);
  for (const w of warnings) err(`firebreak: warning: ${w}`);
  const runId = randomUUID();
  const journalPath = cmd.journal ?? (cmd.command === "run" ? join(".firebreak", "runs", `${runId}.jsonl`) : undefined);
  const postmortemPath = cmd.command === "run" ? (cmd.postmortem ?? join(".firebreak", "runs", `${runId}.postmortem.md`)) : undefined;
  checkOutputs(cmd.planFile, [
    { flag: "--journal", path: journalPath },
    { flag: "--postmortem", path: postmortemPath },
  ]);
  if (journalPath && existsSync(journalPath) && statSync(journalPath).size > 0) {
    // a journal is the evidence of the run that wrote it; a second run must not write over it
    if (!holdsJournal(journalPath)) throw new UsageError(`--journal ${journalPath} is an existing file, not a journal: give the run's journal a path of its own (a .jsonl)`);
    throw new UsageError(`--journal ${journalPath} already holds a journal (firebreak postmortem ${journalPath} reports on it): give this run a new path, or move that one away`);
  }
  const target = await openTarget(cmd);
  const printer = createProgressPrinter(err, target.clock.now);
  const seen: JournalEvent[] = [];

  const signals = handleSignals((programOver) => formatExitNow(seen, journalPath ? { journal: journalPath } : {}, programOver));
  try {
    const result = await runPlan(plan, {
      mode: cmd.command,
      inputs: cmd.inputs,
      ...runOptionsOf(target),
      ...(journalPath ? { journal: createFileJournal(journalPath) } : {}),
      signal: signals.cancel,
      onReporting: signals.reporting,
      reportSignal: signals.cutReport,
      onEvent: (e) => {
        // from the first event on, the journal file holds what the run did: an unexpected failure points at it
        if (journalPath) reached.journal = journalPath;
        seen.push(e);
        printer.onEvent(e);
      },
      onProgress: printer.onProgress,
      planFile: cmd.planFile,
      runId,
      // a provider that refuses its credentials may quote them back: out of the journal, the progress and the postmortem
      secretValues: providerSecrets(cmd.prometheus, cmd.prometheusHeaders),
    });
    if (cmd.command === "preview") {
      out("\n" + renderPreview(result.events));
      // a preview that foresees the run stopping (helm missing, a field conflict) is no green light: `preview && run` must stop there
      const stops = result.events.some((e) => e.type === "note" && e.stops);
      return result.status === "succeeded" ? (stops ? EXIT["failed-safe"] : EXIT.succeeded) : exitCodeFor(result.status);
    }
    const code = exitCodeFor(result.status);
    let written: string | undefined = postmortemPath!;
    try {
      mkdirSync(dirname(written), { recursive: true });
      writeFileSync(written, renderPostmortem(result.events, { planFile: cmd.planFile }));
    } catch (e) {
      // the report of what the run did, and its exit code, matter more than the file
      err(`firebreak: the postmortem could not be written to ${written}: ${describeError(e).message}; the journal has everything`);
      written = undefined;
    }
    out(formatReport(result, { ...(journalPath ? { journal: journalPath } : {}), ...(written ? { postmortem: written } : {}) }, code));
    return code;
  } finally {
    signals.off();
    await target.close();
  }
}

/**
 * SIGINT/SIGTERM while the plan's program runs: the first cancels it (the engine restores the safe
 * state), a second exits at once, leaving the cluster as it is. Once the program is over there is
 * nothing to restore: the first cuts the re-read of the shifted routes and the impact measurement
 * short so the report comes at once ({@link REPORT_CUT_SHORT}), a second exits without it. Exiting
 * at once, it still says where the journal left traffic and what the run changed (`leftAsIs`):
 * the responder has no report to read it from.
 */
function handleSignals(leftAsIs: (programOver: boolean) => string) {
  const interrupts = createRunInterrupts();
  const onSignal = (name: string) => {
    const did = interrupts.interrupt();
    if (did === "again") {
      err(`\n${name} again: ${leftAsIs(interrupts.reportingStarted)}`);
      process.exit(EXIT.cancelled);
    }
    err(
      did === "report-cut-short"
        ? `\n${name}: ${REPORT_CUT_SHORT} Send it again to exit without the report.`
        : `\n${name}: cancelling — restoring the safe state once the current step stops, within ${formatMs(CANCEL_GRACE_MS)} (send it again to exit at once, leaving the cluster as it is)`,
    );
  };
  const handlers = { SIGINT: () => onSignal("SIGINT"), SIGTERM: () => onSignal("SIGTERM") };
  process.on("SIGINT", handlers.SIGINT).on("SIGTERM", handlers.SIGTERM);
  return { ...interrupts, off: () => process.off("SIGINT", handlers.SIGINT).off("SIGTERM", handlers.SIGTERM) };
}

/**
 * The message of an error Firebreak did not expect (a bug in it): said to be one, not the user's
 * mistake, pointing at the journal when a run got that far (it may have changed the cluster), with
 * the stack to report.
 */
function formatUnexpected(e: unknown, reached: Reached): string {
  const { name, message } = describeError(e);
  const check = reached.journal
    ? `Check the cluster: the run may have changed it, and its journal ${reached.journal} says what it did (firebreak postmortem ${reached.journal} reports on it).`
    : "It failed before it could change the cluster.";
  return [
    `firebreak failed unexpectedly (a bug in Firebreak, not in your command or input): ${name}: ${message}`,
    check,
    "Please report this bug to the Firebreak maintainers, with this message and the stack below.",
    (e as Error)?.stack ?? "",
  ].join("\n");
}

/** Runs the CLI and returns its exit code. Bad usage and bad input are one clear message, never a stack trace. */
export async function main(argv: string[]): Promise<number> {
  const reached: Reached = {};
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
        out(cmd.name ? formatScenarioFile(cmd.name) : formatScenarioList());
        return EXIT.succeeded;
      case "gate-replay":
        return await replay(cmd, out, err);
      case "postmortem": {
        const written = postmortemFromJournal(cmd, out);
        if (written) err(`firebreak: postmortem written to ${written}`);
        return EXIT.succeeded;
      }
      default:
        return await execute(cmd, reached);
    }
  } catch (e) {
    if (e instanceof FirebreakError) {
      err(`firebreak: ${e.message}`);
      return EXIT.usage;
    }
    err(formatUnexpected(e, reached));
    return EXIT.bug;
  }
}

/** Whether a file starts with a journal's first event (a mistyped --journal may name the plan itself). */
function holdsJournal(path: string): boolean {
  try {
    return JSON.parse(readFileSync(path, "utf8").split("\n", 1)[0]!).type === "plan-started";
  } catch {
    return false;
  }
}
