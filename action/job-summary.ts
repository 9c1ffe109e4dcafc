/**
 * Writes the job summary, for the main step or, when main did not get to it, the post step. A
 * runner without job summaries (GITHUB_STEP_SUMMARY unset: GitHub Enterprise Server before 3.6, a
 * local run) or a full disk gets a warning, never a failed step: by then the plan's outcome is
 * decided, and the journal holds the same facts.
 */
import { statSync, truncateSync } from "node:fs";
import { summary as jobSummary, warning } from "@actions/core";
import { describeError } from "../sdk/errors.ts";
import type { RunSummary } from "../sdk/postmortem/summary.ts";
import { incidentId, runUrl, type RunContext } from "./context.ts";
import { renderJobSummary } from "./summary.ts";

/** Where in the summary file a summary was written: {@link writeJobSummary} replaces it from there. */
export type SummaryPlace = { at: number } | undefined;

/**
 * Writes the summary, and returns where it starts in the file. Given `replacing` (what an earlier
 * call returned), it replaces the summary written there: the outcome is written before the issue
 * is filed, then again with the link. What other steps wrote before it stays.
 *
 * @example
 * const place = await writeJobSummary(summarizeRun(events), { ctx, journalPath }, scrub);
 * await writeJobSummary(summarizeRun(events), { ctx, journalPath, postmortemUrl }, scrub, place);
 */
export async function writeJobSummary(
  summary: RunSummary,
  run: { ctx: RunContext; journalPath: string; postmortemUrl?: string | undefined },
  scrub: (text: string) => string,
  replacing?: SummaryPlace,
): Promise<SummaryPlace> {
  const { ctx, journalPath, postmortemUrl } = run;
  try {
    const file = process.env.GITHUB_STEP_SUMMARY;
    let at = 0;
    if (file && replacing) truncateSync(file, (at = replacing.at));
    else if (file) at = statSync(file, { throwIfNoEntry: false })?.size ?? 0;
    await jobSummary.addRaw(renderJobSummary(summary, { incidentId: incidentId(ctx), journalPath, runUrl: runUrl(ctx), postmortemUrl })).write();
    return { at };
  } catch (err) {
    warning(scrub(`No job summary: ${describeError(err).message} The journal ${journalPath} holds the same facts.`));
    return undefined;
  }
}
