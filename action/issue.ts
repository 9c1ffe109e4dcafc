/**
 * The postmortem issue: exactly one per incident. The issue is found again by the hidden marker
 * the SDK's postmortem starts with (among issues labelled {@link MARKER_LABEL}), so a re-run of the
 * workflow run updates it and comments instead of filing a duplicate.
 */
import type { JournalEvent } from "../sdk/journal/events.ts";
import { markdownLink } from "../sdk/postmortem/escape.ts";
import { incidentMarker, renderPostmortem, summarizeRun, type RunSummary } from "../sdk/postmortem/index.ts";
import type { GitHubPort, LabelSpec } from "./github.ts";

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

/** What happened to the issue. */
export type FileResult =
  | { filed: true; action: "created" | "updated"; number: number; url: string; commented: boolean; warnings: string[] }
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

const attemptMarker = (attempt: number) => `<!-- firebreak:attempt=${attempt} -->`;

/**
 * The issue for a run: title, body (the SDK's postmortem, under {@link GITHUB_BODY_LIMIT}) and
 * labels. Pure.
 *
 * @example
 * const { title, body, labels } = incidentIssue(events, context, settings);
 */
export function incidentIssue(events: JournalEvent[], ctx: IssueContext, settings: Pick<IssueSettings, "labels" | "severity">) {
  const s = summarizeRun(events);
  const status = s.finished ? s.status : "did not finish";
  const title = `Postmortem: ${s.plan.name} — ${status} (run ${ctx.runId})`.slice(0, TITLE_LIMIT);
  const trailer = `\n${attemptMarker(ctx.runAttempt)}\n`;
  const body =
    renderPostmortem(events, {
      marker: ctx.incidentId,
      dispatchedBy: ctx.dispatchedBy || undefined,
      planFile: ctx.planFile,
      commitSha: ctx.commitSha || undefined,
      runUrl: ctx.runUrl,
      repository: ctx.repository,
      artifactUrl: `${ctx.runUrl}#artifacts`,
      maxChars: GITHUB_BODY_LIMIT - trailer.length,
    }) + trailer;
  const names = [...new Set([MARKER_LABEL, ...settings.labels, ...(settings.severity ? [`severity:${settings.severity}`] : [])])];
  const labels: LabelSpec[] = names.map((name) => ({
    name,
    color: LABEL_COLORS[name] ?? (name.startsWith("severity:") ? SEVERITY_COLOR : OTHER_COLOR),
    description: name.startsWith("severity:") ? "Incident severity" : name === MARKER_LABEL ? "Firebreak incident" : "Filed by Firebreak",
  }));
  return { summary: s, title, body, labels };
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
 * Files the postmortem issue, idempotently: finds the incident's issue by its marker first; a new
 * attempt of the same workflow run updates its body and adds a comment; otherwise it creates the
 * issue (labels created when missing). Assignees GitHub refuses, and bots, are dropped with a
 * warning rather than losing the issue.
 *
 * @example
 * const result = await fileIncidentIssue(createGitHub(...), events, context, settings);
 * if (result.filed) core.setOutput("postmortem-url", result.url);
 */
export async function fileIncidentIssue(github: GitHubPort, events: JournalEvent[], ctx: IssueContext, settings: IssueSettings): Promise<FileResult> {
  const issue = incidentIssue(events, ctx, settings);
  const decision = shouldFile(settings.policy, issue.summary);
  if (decision.file === false) return { filed: false, reason: decision.reason };

  const existing = await github.findIssueByMarker(incidentMarker(ctx.incidentId), MARKER_LABEL);
  if (!existing && decision.file === "update") return { filed: false, reason: decision.reason };
  if (existing) {
    const sameAttempt = existing.body.trimEnd().endsWith(attemptMarker(ctx.runAttempt)); // the trailer, not a quote of it
    const updated = await github.updateIssue(existing.number, { title: issue.title, body: issue.body });
    if (!sameAttempt) {
      const status = issue.summary.finished ? issue.summary.status : "did not finish";
      await github.comment(existing.number, `Attempt ${ctx.runAttempt} of the ${markdownLink("workflow run", ctx.runUrl)} ended **${status}**. The description now reports this attempt.`);
    }
    return { filed: true, action: "updated", number: updated.number, url: updated.url, commented: !sameAttempt, warnings: [] };
  }

  await github.ensureLabels(issue.labels);
  const labels = issue.labels.map((l) => l.name);
  const warnings: string[] = [];
  // A bot (the dispatcher, when an app dispatched the run) can trigger a run but not be assigned.
  const bots = settings.assignees.filter((a) => a.endsWith("[bot]"));
  if (bots.length) warnings.push(`${bots.join(", ")} left off the issue: a GitHub App's bot cannot be assigned.`);
  const assignees = settings.assignees.filter((a) => !bots.includes(a));
  let created;
  try {
    created = await github.createIssue({ title: issue.title, body: issue.body, labels, assignees });
  } catch (err) {
    if ((err as { status?: number }).status !== 422 || assignees.length === 0) throw err;
    // GitHub names one login it refused; ask about each, so one typo does not leave the issue unassigned.
    const ok = await assignable(github, assignees);
    const refused = assignees.filter((a) => !ok.includes(a));
    if (!refused.length) throw err; // not the assignees, then
    warnings.push(`GitHub refused the assignees ${refused.join(", ")} (${(err as Error).message}); the issue was filed ${ok.length ? `for ${ok.join(", ")}` : "unassigned"}.`);
    created = await github.createIssue({ title: issue.title, body: issue.body, labels, assignees: ok });
  }
  return { filed: true, action: "created", number: created.number, url: created.url, commented: false, warnings };
}
