/**
 * Filing the postmortem from a journal, shared by the main step (a run that ended) and the post
 * step (a run that was cancelled, or whose main step crashed).
 */
import { FirebreakError } from "../sdk/errors.ts";
import type { JournalEvent } from "../sdk/journal/events.ts";
import { summarizeRun } from "../sdk/postmortem/summary.ts";
import { incidentId, runUrl, type RunContext } from "./context.ts";
import type { GitHubOptions, GitHubPort } from "./github.ts";
import type { Settings } from "./inputs.ts";
import { fileIncidentIssue, gitHubAnswer, shouldFile, type FileResult } from "./issue.ts";
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
  if (decision.file === false || (decision.file === "update" && settings.githubToken === "")) {
    req.logger.info(`No postmortem issue: ${decision.reason}.`);
    return undefined;
  }
  if (settings.githubToken === "") {
    req.logger.warning("No github-token: the postmortem issue was not filed. Give the workflow `permissions: issues: write` and leave github-token at its default.");
    return undefined;
  }
  const where = settings.postmortemRepo ?? { owner: ctx.owner, repo: ctx.repo };
  const github = await req.github({ token: settings.githubToken, apiUrl: ctx.apiUrl, ...where });
  const context = {
    incidentId: incidentId(ctx),
    repository: ctx.repository,
    runId: ctx.runId,
    runAttempt: ctx.runAttempt,
    runUrl: runUrl(ctx),
    commitSha: ctx.sha,
    dispatchedBy: ctx.actor,
    planFile: settings.plan,
  };
  const policy = { policy: settings.postmortem, labels: settings.labels, assignees: settings.assignees, ...(settings.severity ? { severity: settings.severity } : {}) };
  let result: FileResult;
  try {
    result = await fileIncidentIssue(github, req.events, context, policy);
  } catch (err) {
    const problem = filingProblem(err, `${where.owner}/${where.repo}`, Boolean(settings.postmortemRepo));
    // a run that succeeded only looked for an earlier attempt's issue: not being able to is no warning
    if (decision.file !== "update") throw problem;
    req.logger.info(`No postmortem issue: ${decision.reason}; an earlier attempt's issue could not be looked for: ${problem.message}`);
    return undefined;
  }
  if (!result.filed) {
    req.logger.info(`No postmortem issue: ${result.reason}.`); // only an earlier attempt's issue would have been updated
    return undefined;
  }
  for (const w of result.warnings) req.logger.warning(w);
  if (result.action === "commented") {
    req.logger.info(`Postmortem of attempt ${ctx.runAttempt} added as a comment: ${result.commentUrl} (the issue's description was edited since Firebreak wrote it, so it stays as it is)`);
  } else {
    req.logger.info(`Postmortem ${result.action === "created" ? "filed" : "updated"}: ${result.url}${result.commented ? " (commented on this attempt)" : ""}`);
  }
  return result.url;
}

/**
 * GitHub refused the issue. `retryable` says whether the post step should try again: a refusal
 * of the token or the repository will not change in a minute; a 5xx or a dropped connection may.
 */
export class IssueFilingError extends FirebreakError {
  override name = "IssueFilingError";
  constructor(message: string, readonly retryable: boolean, options?: { cause?: unknown }) {
    super("issue-filing", message, options);
  }
}

/** An API failure as the fix it needs: which repository, which token, which permission. */
function filingProblem(err: unknown, repository: string, elsewhere: boolean): IssueFilingError {
  const status = (err as { status?: unknown }).status;
  const said = gitHubAnswer(err);
  const access = elsewhere
    ? `postmortem-repo is ${repository}: give the action a github-token with issues: write there (a fine-grained token or a GitHub App's; the workflow's own token reaches only its repository)`
    : "give the workflow permissions: issues: write, and leave github-token at its default";
  if (status === 401) return new IssueFilingError(`The github-token was refused (${said}): it is expired or mistyped.`, false, { cause: err });
  if ((status === 403 || status === 429) && /rate limit/i.test(said)) return new IssueFilingError(`GitHub's rate limit (${said}).`, true, { cause: err });
  if (status === 403 || status === 404) return new IssueFilingError(`Cannot file the postmortem issue in ${repository} (${said}): ${access}.`, false, { cause: err });
  return new IssueFilingError(`Cannot file the postmortem issue in ${repository} (${said}).`, typeof status !== "number" || status >= 500, { cause: err });
}
