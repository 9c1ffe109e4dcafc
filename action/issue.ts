/**
 * The postmortem issue: exactly one per incident. The issue is found again by the hidden marker
 * the SDK's postmortem starts with, a line of its own anywhere in the body, since people add text
 * above it (among issues labelled {@link MARKER_LABEL}; on a re-run, among all issues when none
 * labelled has it), so a re-run of the workflow run updates it and comments instead of filing a
 * duplicate. What people wrote in the
 * description since Firebreak did is never replaced: the trailer keeps a hash of what was written.
 */
import { createHash } from "node:crypto";
import { describeError } from "../sdk/errors.ts";
import type { JournalEvent, RunStatus } from "../sdk/journal/events.ts";
import { markdownLink } from "../sdk/postmortem/escape.ts";
import { incidentMarker, renderPostmortem, summarizeRun, type RunSummary } from "../sdk/postmortem/index.ts";
import type { GitHubPort, IssueRef, LabelSpec } from "./github.ts";

/**
 * GitHub rejects an issue or comment body longer than this ("body is too long (maximum is 65536
 * characters)"). The postmortem is rendered to fit, attempt marker included.
 */
export const GITHUB_BODY_LIMIT = 65_536;

/** GitHub's limit on an issue title. */
const TITLE_LIMIT = 256;

/** Every incident issue carries this label: it is how the action lists candidates for the marker. */
export const MARKER_LABEL = "incident";

const LABEL_COLORS: Record<string, string> = { incident: "d73a4a", postmortem: "5319e7" };
const SEVERITY_COLOR = "b60205";
const OTHER_COLOR = "ededed";

/** When to file: the action's `postmortem` input. */
export type PostmortemPolicy = "always" | "on-failure" | "never";

/** What the issue says about where the run came from. */
export interface IssueContext {
  incidentId: string;
  repository: string;
  runId: string;
  runAttempt: number;
  runUrl: string;
  commitSha: string;
  dispatchedBy: string;
  planFile: string;
}

/** The labels, assignees and policy from the action's inputs. */
export interface IssueSettings {
  policy: PostmortemPolicy;
  labels: string[];
  assignees: string[];
  severity?: string;
}

/**
 * What happened to the issue: created; its description replaced by this attempt's postmortem
 * (`updated`); or, the description being edited by people since, this attempt's postmortem added
 * as a comment (`commented`, `commentUrl`).
 */
export type FileResult =
  | { filed: true; action: "created" | "updated"; number: number; url: string; commented: boolean; warnings: string[] }
  | { filed: true; action: "commented"; number: number; url: string; commentUrl: string; warnings: string[] }
  | { filed: false; reason: string };

/**
 * Whether the policy files an issue for this run. A preview changes nothing, and a journal
 * without plan-started means the plan never ran: neither gets a postmortem. A run that succeeded
 * under on-failure files nothing new, but an issue an earlier attempt filed is brought up to date
 * (`"update"`): it must not go on saying the incident failed.
 *
 * @example
 * shouldFile("on-failure", summarizeRun(events)); // { file: "update", reason: "the run succeeded and postmortem is on-failure" }
 */
export function shouldFile(policy: PostmortemPolicy, s: RunSummary): { file: true } | { file: "update" | false; reason: string } {
  if (policy === "never") return { file: false, reason: "postmortem is never" };
  if (s.runId === "unknown") return { file: false, reason: "the plan never started (the journal has no plan-started event), so nothing was changed" };
  if (s.mode === "preview") return { file: false, reason: "a preview changes nothing" };
  if (policy === "on-failure" && s.status === "succeeded") return { file: "update", reason: "the run succeeded and postmortem is on-failure" };
  return { file: true };
}

/**
 * What Firebreak wrote, as a hash that survives GitHub's web editor (it saves CRLF line ends):
 * the description differs from it once people edited it.
 */
const digest = (text: string) => createHash("sha256").update(text.replace(/\r\n/g, "\n").trimEnd()).digest("hex");

/** The description's last line: the attempt that wrote it, and the hash of what it wrote above. */
const trailer = (attempt: number, content: string) => `\n<!-- firebreak:attempt=${attempt} sha256=${digest(content)} -->\n`;
/** Read at the very end of the description only: a plan input quoting it is not it. */
const TRAILER = /\r?\n<!-- firebreak:attempt=(\d+)(?: sha256=([0-9a-f]{64}))? -->\s*$/;

/**
 * Who last wrote an issue's description: the attempt that wrote it, and whether people edited it
 * since. A description without a hash (an earlier Firebreak wrote it) or without the trailer
 * counts as edited: replacing it could lose what people wrote.
 */
function authorship(body: string): { attempt?: number; edited: boolean } {
  const m = TRAILER.exec(body);
  if (!m) return { edited: true };
  return { attempt: Number(m[1]), edited: m[2] !== digest(body.slice(0, m.index)) };
}

const statusOf = (s: RunSummary) => (s.finished ? s.status : "did not finish");

const TITLE_STATUSES: (RunStatus | "did not finish")[] = ["succeeded", "failed-safe", "failed-unsafe", "cancelled", "did not finish"];

/** Whether `title` is one an attempt of this run gave the issue, whatever its status and plan, rather than one people wrote. */
const firebreakTitle = (title: string, runId: string) =>
  title.startsWith("Postmortem: ") && (title.length === TITLE_LIMIT || TITLE_STATUSES.some((status) => title.endsWith(` — ${status} (run ${runId})`)));

/** The SDK's postmortem of the run, in at most `maxChars`. */
function postmortem(events: JournalEvent[], ctx: IssueContext, maxChars: number): string {
  return renderPostmortem(events, {
    marker: ctx.incidentId,
    dispatchedBy: ctx.dispatchedBy || undefined,
    planFile: ctx.planFile,
    commitSha: ctx.commitSha || undefined,
    runUrl: ctx.runUrl,
    repository: ctx.repository,
    artifactUrl: `${ctx.runUrl}#artifacts`,
    maxChars,
  });
}

/**
 * The issue for a run: title and labels, and the run's summary. Pure and cheap: the body is
 * rendered only where it is used ({@link issueBody}), as a re-run that comments uses another.
 *
 * @example
 * const { title, labels } = incidentIssue(events, context, settings);
 */
export function incidentIssue(events: JournalEvent[], ctx: IssueContext, settings: Pick<IssueSettings, "labels" | "severity">) {
  const s = summarizeRun(events);
  const title = `Postmortem: ${s.plan.name} — ${statusOf(s)} (run ${ctx.runId})`.slice(0, TITLE_LIMIT);
  const names = [...new Set([MARKER_LABEL, ...settings.labels, ...(settings.severity ? [`severity:${settings.severity}`] : [])])];
  const labels: LabelSpec[] = names.map((name) => ({
    name,
    color: LABEL_COLORS[name] ?? (name.startsWith("severity:") ? SEVERITY_COLOR : OTHER_COLOR),
    description: name.startsWith("severity:") ? "Incident severity" : name === MARKER_LABEL ? "Firebreak incident" : "Filed by Firebreak",
  }));
  return { summary: s, title, labels };
}

/**
 * The issue's description: the SDK's postmortem and the trailer, under {@link GITHUB_BODY_LIMIT}. Pure.
 *
 * @example
 * await github.createIssue({ title, body: issueBody(events, context), labels, assignees });
 */
export function issueBody(events: JournalEvent[], ctx: IssueContext): string {
  const content = postmortem(events, ctx, GITHUB_BODY_LIMIT - trailer(ctx.runAttempt, "").length);
  return content + trailer(ctx.runAttempt, content);
}

/**
 * What GitHub answered a failed call, for a message: "GitHub answered 500: Server Error"; or,
 * when it did not answer in time, that it did not ("GitHub did not answer GET … within 15s").
 */
export const gitHubAnswer = (err: unknown) => {
  if ((err as { name?: unknown }).name === "GitHubTimeoutError") return describeError(err).message;
  const status = (err as { status?: unknown }).status;
  return `GitHub answered ${typeof status === "number" ? status : "no status"}: ${describeError(err).message}`;
};

/** The assignees without bots, and the warning that says who was left off. */
function withoutBots(assignees: string[]): { logins: string[]; warnings: string[] } {
  // A bot (the dispatcher, when an app dispatched the run) can trigger a run but not be assigned.
  const bots = assignees.filter((a) => a.endsWith("[bot]"));
  const warnings = bots.length ? [`${bots.join(", ")} left off the issue: a GitHub App's bot cannot be assigned.`] : [];
  return { logins: assignees.filter((a) => !bots.includes(a)), warnings };
}

/** The logins among `logins` that can be assigned; when GitHub cannot say, none. */
async function assignable(github: GitHubPort, logins: string[]): Promise<string[]> {
  try {
    const answers = await Promise.all(logins.map((l) => github.canBeAssigned(l)));
    return logins.filter((_, i) => answers[i]);
  } catch {
    return [];
  }
}

/**
 * Files the postmortem issue, idempotently: finds the incident's issue by its marker first and
 * reports this attempt on it ({@link reportAttempt}); otherwise it creates the issue (labels
 * created when missing). Assignees GitHub refuses, and bots, are dropped with a warning rather
 * than losing the issue.
 *
 * @example
 * const result = await fileIncidentIssue(createGitHub(...), events, context, settings);
 * if (result.filed) core.setOutput("postmortem-url", result.url);
 */
export async function fileIncidentIssue(github: GitHubPort, events: JournalEvent[], ctx: IssueContext, settings: IssueSettings): Promise<FileResult> {
  const issue = incidentIssue(events, ctx, settings);
  const decision = shouldFile(settings.policy, issue.summary);
  if (decision.file === false) return { filed: false, reason: decision.reason };

  const marker = incidentMarker(ctx.incidentId);
  // A re-run also looks past the label: people may have taken it off the issue, or deleted it.
  // The run id is in the issue's title and body: the search index finds the issue by it past the newest pages.
  const existing = (await github.findIssueByMarker(marker, MARKER_LABEL, ctx.runId)) ?? (ctx.runAttempt > 1 ? await github.findIssueByMarker(marker, undefined, ctx.runId) : undefined);
  if (!existing && decision.file === "update") return { filed: false, reason: decision.reason };
  if (existing) return reportAttempt(github, existing, events, ctx, issue, settings.assignees);

  const body = issueBody(events, ctx);
  await github.ensureLabels(issue.labels);
  const labels = issue.labels.map((l) => l.name);
  const { logins: assignees, warnings } = withoutBots(settings.assignees);
  let created;
  try {
    created = await github.createIssue({ title: issue.title, body, labels, assignees });
  } catch (err) {
    if ((err as { status?: number }).status !== 422 || assignees.length === 0) throw err;
    // GitHub names one login it refused; ask about each, so one typo does not leave the issue unassigned.
    const ok = await assignable(github, assignees);
    const refused = assignees.filter((a) => !ok.includes(a));
    if (!refused.length) throw err; // not the assignees, then
    warnings.push(`GitHub refused the assignees ${refused.join(", ")} (${(err as Error).message}); the issue was filed ${ok.length ? `for ${ok.join(", ")}` : "unassigned"}.`);
    created = await github.createIssue({ title: issue.title, body, labels, assignees: ok });
  }
  return { filed: true, action: "created", number: created.number, url: created.url, commented: false, warnings };
}

/**
 * Reports a new attempt (or the same attempt again, from the post step) on the incident's issue.
 * The description is replaced only while it is still what Firebreak wrote: once people edited it
 * (the blameless review, ticked action items), this attempt's postmortem is added as a comment
 * and title and description stay theirs; a title people changed stays in any case. Labels and
 * assignees given to this attempt that the issue lacks are added (labels created when missing);
 * none is removed, so what people changed on the issue stays.
 */
async function reportAttempt(
  github: GitHubPort,
  existing: IssueRef,
  events: JournalEvent[],
  ctx: IssueContext,
  issue: ReturnType<typeof incidentIssue>,
  assignees: string[],
): Promise<FileResult> {
  const { attempt, edited } = authorship(existing.body);
  const ended = `Attempt ${ctx.runAttempt} of the ${markdownLink("workflow run", ctx.runUrl)} ended **${statusOf(issue.summary)}**.`;
  // One comment per attempt, however often it files (main step, then post step after a failure):
  // a comment that landed with its answer lost is found by its marker, not posted twice.
  const marker = `<!-- firebreak:attempt-comment=${ctx.runAttempt} -->\n`;
  const commentOnce = async (text: string) => (await github.findComment(existing.number, marker)) ?? (await github.comment(existing.number, marker + text));
  if (edited) {
    const intro = `${ended} The description was edited since Firebreak wrote it, so it stays as it is; this attempt's postmortem follows.\n\n`;
    const commentUrl = await commentOnce(intro + postmortem(events, ctx, GITHUB_BODY_LIMIT - intro.length - marker.length));
    const warnings = await addMissing(github, existing, issue.labels, assignees);
    return { filed: true, action: "commented", number: existing.number, url: existing.url, commentUrl, warnings };
  }
  // Commented before the description is replaced: the description's trailer is what tells a later
  // filing that this attempt was reported, so a comment that failed is tried again then.
  const sameAttempt = attempt === ctx.runAttempt;
  if (!sameAttempt) await commentOnce(`${ended} The description now reports this attempt.`);
  // a title people gave the issue stays, as their description would
  const title = firebreakTitle(existing.title, ctx.runId) ? issue.title : existing.title;
  const updated = await github.updateIssue(existing.number, { title, body: issueBody(events, ctx) });
  const warnings = await addMissing(github, existing, issue.labels, assignees);
  return { filed: true, action: "updated", number: updated.number, url: updated.url, commented: !sameAttempt, warnings };
}

/**
 * Adds the labels and assignees the issue lacks (names compared as GitHub does, ignoring case);
 * returns the warnings. The issue already reports this attempt, so GitHub failing to add one is a
 * warning: an error would have the post step file again, and comment a second time.
 */
async function addMissing(github: GitHubPort, existing: IssueRef, labels: LabelSpec[], assignees: string[]): Promise<string[]> {
  const lacks = (have: string[]) => (name: string) => !have.some((h) => h.toLowerCase() === name.toLowerCase());
  const { logins, warnings } = withoutBots(assignees);
  const warnIfFails = async (failed: string, fix: string, add: () => Promise<void>) => {
    try {
      await add();
    } catch (err) {
      warnings.push(`Postmortem issue #${existing.number} reports this attempt, but GitHub did not ${failed} (${gitHubAnswer(err)}): ${fix} on the issue by hand.`);
    }
  };
  const newLabels = labels.filter((l) => lacks(existing.labels)(l.name));
  if (newLabels.length) {
    await warnIfFails(`add the labels ${newLabels.map((l) => l.name).join(", ")}`, "add them", async () => {
      await github.ensureLabels(newLabels);
      await github.addLabels(existing.number, newLabels.map((l) => l.name));
    });
  }
  const newAssignees = logins.filter(lacks(existing.assignees));
  if (newAssignees.length) {
    await warnIfFails(`assign ${newAssignees.join(", ")}`, "assign them", async () => {
      const skipped = newAssignees.filter(lacks(await github.addAssignees(existing.number, newAssignees)));
      if (skipped.length) warnings.push(`GitHub did not assign ${skipped.join(", ")} to the issue: only users with access to the repository can be assigned.`);
    });
  }
  return warnings;
}
