/**
 * Writes the job summary. A runner without job summaries (GITHUB_STEP_SUMMARY unset: GitHub
 * Enterprise Server before 3.6, a local run) or a full disk gets a warning, never a failed step:
 * by then the plan's outcome is decided, and the journal holds the same facts.
 */
import { summary, warning } from "@actions/core";
import { describeError } from "../sdk/errors.ts";

/**
 * Returns whether the summary was written.
 *
 * @example
 * await writeJobSummary(renderJobSummary(summarizeRun(events), details), journalPath, scrub);
 */
export async function writeJobSummary(markdown: string, journalPath: string, scrub: (text: string) => string): Promise<boolean> {
  try {
    await summary.addRaw(markdown).write();
    return true;
  } catch (err) {
    warning(scrub(`No job summary: ${describeError(err).message} The journal ${journalPath} holds the same facts.`));
    return false;
  }
}
