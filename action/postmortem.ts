/**
 * Filing the postmortem from a journal, shared by the main step (a run that ended) and the post
 * step (a run that was cancelled, or whose main step crashed).
 */
import { FirebreakError } from "../sdk/errors.ts";
import { formatMs } from "../sdk/util/duration.ts";
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
  /** How long GitHub is given; default {@link MAIN_FILING_LIMITS}. */
  limits?: FilingLimits;
}

/** How long GitHub is given to file the issue: each request, and the whole filing. */
export interface FilingLimits {
  /** The longest one request may go unanswered. */
  requestMs: number;
  /** The longest the whole filing may take, waits for a rate limit included: then it is given up, and the warning says so. */
  totalMs: number;
}

/**
 * The main step's: the plan's outcome is decided, and while the step runs the workflow's
 * `concurrency` lock keeps the next responder's run waiting. The post step tries again.
 */
export const MAIN_FILING_LIMITS: FilingLimits = { requestMs: 15_000, totalMs: 30_000 };
/** The post step's: the last try, which may first wait out a rate limit (at most {@link MAX_FILING_WAIT_MS}). */
export const POST_FILING_LIMITS: FilingLimits = { requestMs: 15_000, totalMs: 90_000 };

/** A signal aborted `ms` from now, its reason saying that GitHub took longer than the filing is given. */
function filingDeadline(ms: number): { signal: AbortSignal; clear(): void } {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new Error(`GitHub did not answer in time: filing the postmortem issue took longer than the ${formatMs(ms)} it is given`)), ms);
  return { signal: controller.signal, clear: () => clearTimeout(timer) };
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
  const deadline = filingDeadline((req.limits ?? MAIN_FILING_LIMITS).totalMs);
  try {
    return await fileWithin(req, deadline.signal);
  } finally {
    deadline.clear();
  }
}

/** {@link filePostmortem}, its requests given up once `deadline` is aborted. */
async function fileWithin(req: FilingRequest, deadline: AbortSignal): Promise<string | undefined> {
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
  const github = await req.github({ token: settings.githubToken, apiUrl: ctx.apiUrl, ...where, requestTimeoutMs: (req.limits ?? MAIN_FILING_LIMITS).requestMs, signal: deadline });
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
  /** How long GitHub asked to wait before the next request (a rate limit's retry-after or reset). */
  readonly retryAfterMs: number | undefined;
  constructor(message: string, readonly retryable: boolean, options?: { cause?: unknown; retryAfterMs?: number }) {
    super("issue-filing", message, options);
    this.retryAfterMs = options?.retryAfterMs;
  }
}

/** The longest the post step waits out GitHub's rate limit: the incident is over, and a cancelled job has minutes at most. */
export const MAX_FILING_WAIT_MS = 60_000;
/** GitHub's advice when a secondary rate limit says nothing of when it lifts: wait at least a minute. */
const RATE_LIMIT_DEFAULT_WAIT_MS = 60_000;

/** How long GitHub asked to wait: retry-after (seconds, or a date), or the reset of an exhausted primary rate limit. */
function waitAsked(err: unknown, now: number): number | undefined {
  const headers: Record<string, unknown> = (err as { response?: { headers?: Record<string, unknown> } }).response?.headers ?? {};
  const after = headers["retry-after"];
  if (after !== undefined) {
    const seconds = Number(after);
    const at = Number.isFinite(seconds) ? now + seconds * 1000 : Date.parse(String(after));
    if (Number.isFinite(at)) return Math.max(0, at - now);
  }
  const reset = Number(headers["x-ratelimit-reset"]);
  if (String(headers["x-ratelimit-remaining"]) === "0" && Number.isFinite(reset)) return Math.max(0, reset * 1000 - now);
  return undefined;
}

/** What the post step needs to wait out a rate limit. */
export interface FilingPatience {
  /** Epoch ms before which GitHub asked the main step not to ask again. */
  notBefore?: number;
  now(): number;
  sleep(ms: number): Promise<void>;
}

/**
 * The post step's filing: waits out a rate limit the main step met, then files; a refusal GitHub
 * says to retry after a wait (retry-after, a rate limit's reset) is waited out and tried once
 * more. Waits over {@link MAX_FILING_WAIT_MS}, or past the time the filing is given (`limits`,
 * default {@link POST_FILING_LIMITS}), are not: the warning says when the limit lifts.
 * A 5xx whose issue was created after all is found by its marker on the second try, not filed twice.
 * @example await filePostmortemPatiently(req, { notBefore, now: Date.now, sleep: (ms) => setTimeout(ms) });
 */
export async function filePostmortemPatiently(req: FilingRequest, patience: FilingPatience): Promise<string | undefined> {
  const { totalMs } = req.limits ?? POST_FILING_LIMITS;
  const limited = { ...req, limits: req.limits ?? POST_FILING_LIMITS };
  const giveUpAt = patience.now() + totalMs;
  const deadline = filingDeadline(totalMs);
  const waitFor = async (ms: number) => {
    req.logger.info(`Waiting ${formatMs(ms)} for GitHub's rate limit before filing the postmortem issue.`);
    await patience.sleep(ms);
  };
  // a wait that would outlast the time the filing is given is not begun: the warning says when the limit lifts
  const waitable = (ms: number) => ms <= MAX_FILING_WAIT_MS && patience.now() + ms < giveUpAt;
  try {
    const owed = (patience.notBefore ?? 0) - patience.now();
    if (owed > 0 && waitable(owed)) await waitFor(owed);
    try {
      return await fileWithin(limited, deadline.signal);
    } catch (err) {
      const wait = err instanceof IssueFilingError && err.retryable ? (err.retryAfterMs ?? 0) : undefined;
      if (wait === undefined || !waitable(wait) || deadline.signal.aborted) throw err;
      if (wait > 0) await waitFor(wait);
      return await fileWithin(limited, deadline.signal);
    }
  } finally {
    deadline.clear();
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
  if ((status === 403 || status === 429) && /rate limit/i.test(said)) {
    const now = Date.now();
    const retryAfterMs = waitAsked(err, now) ?? RATE_LIMIT_DEFAULT_WAIT_MS;
    return new IssueFilingError(`GitHub's rate limit (${said}); it lifts at ${new Date(now + retryAfterMs).toISOString()}.`, true, { cause: err, retryAfterMs });
  }
  if (status === 403 || status === 404) return new IssueFilingError(`Cannot file the postmortem issue in ${repository} (${said}): ${access}.`, false, { cause: err });
  const retryAfterMs = waitAsked(err, Date.now());
  return new IssueFilingError(`Cannot file the postmortem issue in ${repository} (${said}).`, typeof status !== "number" || status >= 500, { cause: err, ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) });
}
