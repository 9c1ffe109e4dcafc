/**
 * Filing the postmortem from a journal, shared by the main step (a run that ended) and the post
 * step (a run that was cancelled, or whose main step crashed).
 */
import type { JournalEvent } from "../sdk/journal/events.ts";
import { summarizeRun } from "../sdk/postmortem/summary.ts";
import { incidentId, runUrl, type RunContext } from "./context.ts";
import type { GitHubOptions, GitHubPort } from "./github.ts";
import type { Settings } from "./inputs.ts";
import { fileIncidentIssue, shouldFile } from "./issue.ts";
import type { Logger } from "./progress.ts";

/** What {@link filePostmortem} needs. */
export interface FilingRequest {
  settings: Settings;
  ctx: RunContext;
  /** The journal's events, secrets already scrubbed. */
  events: JournalEvent[];
  logger: Pick<Logger, "info" | "warning">;
  /** Makes the GitHub port (`createGitHub`, or a fake); called only when an issue is to be filed. */
  github: (options: GitHubOptions) => GitHubPort | Promise<GitHubPort>;
}

/**
 * Files (or updates) the incident's postmortem issue per the `postmortem` policy and logs what
 * happened. Returns the issue's URL, or undefined when none was filed. Throws on API failures:
 * the caller decides how loud that is.
 *
 * @example
 * const url = await filePostmortem({ settings, ctx, events, logger: core, github: createGitHub });
 * if (url) core.setOutput("postmortem-url", url);
 */
export async function filePostmortem(req: FilingRequest): Promise<string | undefined> {
  const { settings, ctx } = req;
  const decision = shouldFile(settings.postmortem, summarizeRun(req.events));
  if (!decision.file) {
    req.logger.info(`No postmortem issue: ${decision.reason}.`);
    return undefined;
  }
  if (settings.githubToken === "") {
    req.logger.warning("No github-token: the postmortem issue was not filed. Give the workflow `permissions: issues: write` and leave github-token at its default.");
    return undefined;
  }
  const where = settings.postmortemRepo ?? { owner: ctx.owner, repo: ctx.repo };
  const github = await req.github({ token: settings.githubToken, apiUrl: ctx.apiUrl, ...where });
  const result = await fileIncidentIssue(
    github,
    req.events,
    {
      incidentId: incidentId(ctx),
      repository: ctx.repository,
      runId: ctx.runId,
      runAttempt: ctx.runAttempt,
      runUrl: runUrl(ctx),
      commitSha: ctx.sha,
      dispatchedBy: ctx.actor,
      planFile: settings.plan,
    },
    { policy: settings.postmortem, labels: settings.labels, assignees: settings.assignees, ...(settings.severity ? { severity: settings.severity } : {}) },
  );
  if (!result.filed) return undefined; // decided above already
  for (const w of result.warnings) req.logger.warning(w);
  req.logger.info(`Postmortem ${result.action === "created" ? "filed" : "updated"}: ${result.url}${result.commented ? " (commented on this attempt)" : ""}`);
  return result.url;
}
