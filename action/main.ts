/**
 * The action's main step: inputs → masked secrets → the plan, run with live progress → outputs,
 * job summary and the postmortem issue → state for the post step. One catch: `setFailed`.
 */
import { debug, saveState, setFailed, setOutput, setSecret, warning } from "@actions/core";
import { describeError, FirebreakError } from "../sdk/errors.ts";
import { coreLogger } from "./core-logger.ts";
import { summarizeRun } from "../sdk/postmortem/summary.ts";
import { incidentId, journalPathFor, POSTMORTEM_REFUSED, STATE } from "./context.ts";
import type { GitHubOptions } from "./github.ts";
import type { FilingLimits, IssueFilingError } from "./postmortem.ts";
import { runIncidentPlan } from "./run-plan.ts";
import { createRunInterrupts, REPORT_CUT_SHORT } from "../sdk/engine/interrupts.ts";
import { setUpStep } from "./step.ts";
import { writeJobSummary } from "./job-summary.ts";

/** What tests change of the main step: how long GitHub is given to file the issue. */
export interface StepOptions {
  /** Default: postmortem.ts's MAIN_FILING_LIMITS (15 s a request, 30 s in all). */
  filingLimits?: FilingLimits;
}

/**
 * Runs the main step. Never throws: failures end in `setFailed`.
 *
 * @example
 * await run(); // dist/main.js; local-action imports this module and calls run() itself
 */
export async function run(options: StepOptions = {}): Promise<void> {
  // The runner cancels a job with SIGINT, then SIGTERM 7.5 s later, then kills it.
  const interrupts = createRunInterrupts();
  // until the plan starts, a cancel stops it from starting: there is nothing to restore
  let started = false;
  const onSignal = (signal: NodeJS.Signals) => {
    const did = interrupts.interrupt();
    const doing = !started
      ? "cancelled before the plan started: nothing will be changed"
      : {
          cancelled: "cancelling: restoring the safe state",
          "report-cut-short": REPORT_CUT_SHORT,
          again: interrupts.reportingStarted ? "the plan has finished; writing the job summary" : "still restoring the safe state",
        }[did];
    warning(`${signal}: ${doing}`);
  };
  process.on("SIGINT", onSignal).on("SIGTERM", onSignal);
  let scrub = (text: string) => text;
  try {
    const { ctx, settings, secrets, scrubber } = setUpStep();
    scrub = scrubber.text;
    const journalPath = journalPathFor(ctx);
    saveState(STATE.journal, journalPath);
    setOutput("incident-id", incidentId(ctx));
    const onStart = () => {
      started = true;
      // set once there will be a journal: a workflow uploads it when the output is not empty
      setOutput("journal-path", journalPath);
    };

    const result = await runIncidentPlan({ settings, ctx, journalPath, secrets, mask: setSecret, logger: coreLogger, signal: interrupts.cancel, onStart, onReporting: interrupts.reporting, reportSignal: interrupts.cutReport });
    setOutput("status", result.status);
    const summary = summarizeRun(result.events);
    // The plan's outcome first, whatever GitHub does with the issue: the job summary and the
    // step's verdict do not wait for it. Tried once: where it failed here (no job summaries on
    // this runner) the post step would fail too.
    const place = await writeJobSummary(summary, { ctx, journalPath }, scrub);
    saveState(STATE.summary, "true");
    if (result.status !== "succeeded") setFailed(`Plan ${summary.plan.name} ended ${summary.statusText}${summary.error ? `: ${summary.error.message}` : ""}`);
    // A cancelled job has seconds left: the post step files the issue, with time of its own.
    if (!interrupts.interrupted) {
      try {
        const { filePostmortem } = await import("./postmortem.ts");
        // Octokit loads only when an issue is to be filed.
        const github = async (options: GitHubOptions) => (await import("./github.ts")).createGitHub(options);
        const postmortemUrl = await filePostmortem({ settings, ctx, events: result.events, logger: coreLogger, github, ...(options.filingLimits ? { limits: options.filingLimits } : {}) });
        saveState(STATE.postmortem, postmortemUrl ?? "not filed");
        if (postmortemUrl) {
          setOutput("postmortem-url", postmortemUrl);
          // the same summary, now with the issue's link
          if (place) await writeJobSummary(summary, { ctx, journalPath, postmortemUrl }, scrub, place);
        }
      } catch (err) {
        const { retryable, retryAfterMs } = err as Partial<IssueFilingError>;
        const again = retryable !== false;
        // a refusal of the token or repository would only be said twice: the post step is told not to ask
        if (!again) saveState(STATE.postmortem, POSTMORTEM_REFUSED);
        // a rate limit: the post step waits until GitHub said it may ask again
        if (again && retryAfterMs) saveState(STATE.filingNotBefore, String(Date.now() + retryAfterMs));
        warning(scrub(`Could not file the postmortem issue${again ? " (the post step tries again)" : ""}: ${describeError(err).message}`));
      }
    }
  } catch (err) {
    const { name, message } = describeError(err);
    setFailed(scrub(err instanceof FirebreakError ? message : `unexpected ${name}: ${message}`));
    if (!(err instanceof FirebreakError)) debug(scrub((err as Error).stack ?? ""));
  } finally {
    process.off("SIGINT", onSignal).off("SIGTERM", onSignal);
  }
}
