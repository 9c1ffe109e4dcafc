/**
 * The action's post step: runs after the job's steps even when the main step crashed or the job
 * was cancelled. It works from the journal on disk alone (a journal without plan-finished
 * included): files the postmortem issue and writes the job summary when the main step did not.
 * Its errors are warnings: the incident's outcome was decided in the main step.
 */
import { existsSync } from "node:fs";
import { setTimeout } from "node:timers/promises";
import { getState, info, warning } from "@actions/core";
import { describeError } from "../sdk/errors.ts";
import { readJournal } from "../sdk/journal/read-journal.ts";
import { summarizeRun } from "../sdk/postmortem/summary.ts";
import { journalPathFor, POSTMORTEM_REFUSED, STATE } from "./context.ts";
import { InputError } from "./inputs.ts";
import { coreLogger } from "./core-logger.ts";
import { createGitHub } from "./github.ts";
import { filePostmortemPatiently, type FilingLimits } from "./postmortem.ts";
import { setUpStep } from "./step.ts";
import { writeJobSummary } from "./job-summary.ts";

/**
 * Runs the post step. Never throws and never fails the job.
 *
 * @param options.filingLimits how long GitHub is given to file the issue (tests); default postmortem.ts's POST_FILING_LIMITS (15 s a request, 90 s in all).
 * @example
 * await run(); // dist/post.js (runs.post); `--post action/post.ts` under local-action
 */
export async function run(options: { filingLimits?: FilingLimits } = {}): Promise<void> {
  let scrub = (text: string) => text;
  try {
    const { ctx, settings, scrubber } = setUpStep();
    scrub = scrubber.text;
    const journalPath = getState(STATE.journal) || journalPathFor(ctx);
    if (!existsSync(journalPath)) {
      info(`No journal at ${journalPath}: the plan never started, so there is nothing to report.`);
      return;
    }
    const events = readJournal(journalPath).map(scrubber.event);
    // the run's outcome first, when the main step did not write it: then the issue, then its link
    const summary = !getState(STATE.summary) && events.length > 0 ? summarizeRun(events) : undefined;
    const place = summary ? await writeJobSummary(summary, { ctx, journalPath }, scrub) : undefined;
    let postmortemUrl: string | undefined;
    const filed = getState(STATE.postmortem);
    if (filed === POSTMORTEM_REFUSED) info("GitHub refused the postmortem issue in the main step (its warning says why): not asking again.");
    else if (filed) info("The main step already took care of the postmortem issue.");
    else {
      const notBefore = Number(getState(STATE.filingNotBefore)) || undefined;
      const patience = { ...(notBefore ? { notBefore } : {}), now: Date.now, sleep: (ms: number) => setTimeout(ms) };
      postmortemUrl = await filePostmortemPatiently({ settings, ctx, events, logger: coreLogger, github: createGitHub, ...(options.filingLimits ? { limits: options.filingLimits } : {}) }, patience);
    }
    if (summary && place && postmortemUrl) await writeJobSummary(summary, { ctx, journalPath, postmortemUrl }, scrub, place);
  } catch (err) {
    // The main step read the same inputs and already failed on this one: say it once.
    if (err instanceof InputError) info(`Nothing to report: the main step stopped at a bad input (${err.input}).`);
    else warning(scrub(`Firebreak post step: ${describeError(err).message}`));
  }
}
