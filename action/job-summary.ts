/**
 * Writes the job summary, for the main step or, when main did not get to it, the post step. A
 * runner without job summaries (GITHUB_STEP_SUMMARY unset: GitHub Enterprise Server before 3.6, a
 * local run) or a full disk gets a warning, never a failed step: by then the plan's outcome is
 * decided, and the journal holds the same facts.
 */
import { summary as jobSummary, warning } from "@actions/core";
import { describeError } from "../sdk/errors.ts";
import type { RunSummary } from "../sdk/postmortem/summary.ts";
import { incidentId, runUrl, type RunContext } from "./context.ts";
import { renderJobSummary } from "./summary.ts";

/**
 * @example
 * await writeJobSummary(summarizeRun(events), { ctx, journalPath, postmortemUrl }, scrub);
 */
export async function writeJobSummary(
  summary: RunSummary,
  run: { ctx: RunContext; journalPath: string; postmortemUrl?: string | undefined },
  scrub: (text: string) => string,
): Promise<void> {
  const { ctx, journalPath, postmortemUrl } = run;
  try {
    await jobSummary.addRaw(renderJobSummary(summary, { incidentId: incidentId(ctx), journalPath, runUrl: runUrl(ctx), postmortemUrl })).write();
  } catch (err) {
    warning(scrub(`No job summary: ${describeError(err).message} The journal ${journalPath} holds the same facts.`));
  }
}
