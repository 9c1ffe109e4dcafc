/**
 * The sections a responder reads first: Summary, What is left where, Context, Impact.
 */
import { keepEnds } from "../budget.ts";
import { clip, codeBlock, escapeMarkdown, inlineCode, markdownLink } from "../escape.ts";
import { clockTime, dateTime, duration, endTime, percent, plural, sameUtcDay, valueText } from "../format.ts";
import { describeOutcome, wasCancelled } from "../outcome.ts";
import type { RunSummary } from "../summary.ts";
import { targetText } from "../timeline.ts";
import { gapRow, leftLines, md, table, type RenderContext, type Section } from "./shared.ts";

/** What each status means, for the badge line. */
function statusMeaning(s: RunSummary): string {
  switch (s.status) {
    case "succeeded":
      return s.mode === "preview" ? "the preview ran to completion; nothing was written" : "the plan ran to completion";
    case "failed-safe":
      return s.safeState.declared || s.safeState.restores.length ? "the plan failed; the declared safe state was restored and verified" : "the plan failed; it declared no safe state, and left nothing changed";
    case "failed-unsafe":
      if (s.drifted.length) return 'a route no longer holds the split the run left it at: act on "What is left where" first';
      if (!s.safeState.declared) return `${wasCancelled(s) ? "the run was cancelled" : "the plan failed"}; the plan declared no safe state, so what it changed is left as it is: act on "What is left where" first`;
      if (s.safeState.restores.length && s.safeState.restores.every((r) => r.outcome === "restored")) {
        return `${wasCancelled(s) ? "the run was cancelled" : "the plan failed"}; its safe state was restored, but a route it shifted has none of its own and is left as it is: act on "What is left where" first`;
      }
      return `${wasCancelled(s) ? "the run was cancelled" : "the plan failed"} and the safe state could not be restored: act on "What is left where" first`;
    case "cancelled":
      if (s.unsafe.length > 0) return "the run was cancelled and the safe state was not restored";
      return s.safeState.declared || s.safeState.restores.length ? "the run was cancelled; the safe state was restored" : "the run was cancelled; it declared no safe state, and left nothing changed";
    case "unknown":
      return s.statusText.replace(/^unknown \((.*)\)$/, "$1");
  }
}

/**
 * Summary: the badge line, the outcome sentence and the run's coordinates.
 *
 * @example
 * summarySection(summary, ctx).body.split("\n")[0]; // "**Status: FAILED-SAFE**: the plan failed; …"
 */
export function summarySection(s: RunSummary, ctx: RenderContext): Section {
  const window = `${dateTime(s.startedAt)} → ${s.finished ? "" : "(journal ends) "}${endTime(s.startedAt, s.finishedAt)}`;
  const plan = s.plan.description ? `${md(ctx, s.plan.name)}: ${md(ctx, s.plan.description)}` : md(ctx, s.plan.name);
  const body = [
    // Firebreak's own sentences stay whole at every stage; only what the plan or a remote system wrote in them is clipped
    `**Status: ${s.status.toUpperCase()}**: ${escapeMarkdown(statusMeaning(s))}.`,
    "",
    escapeMarkdown(describeOutcome(s, (text) => clip(text, ctx.detail.textChars))),
    "",
    `- **Plan:** ${plan}`,
    `- **Target:** ${md(ctx, targetText(s.target))}`,
    `- **Mode:** ${s.mode}`,
    `- **Window:** ${window}`,
    `- **Duration:** ${duration(s.durationMs)}`,
  ];
  return { heading: "Summary", body: body.join("\n"), whole: true };
}

/**
 * Whether the report needs "What is left where": the safe state was not (known to be) restored,
 * or the run leaves changes beyond it.
 *
 * @example
 * if (needsLeftWhere(summary)) sections.push(leftWhereSection(summary, ctx));
 */
export function needsLeftWhere(s: RunSummary): boolean {
  return s.status === "failed-unsafe" || (s.status === "cancelled" && s.unsafe.length > 0) || s.leftChanged.length > 0;
}

/**
 * What is left where: the objects not in the safe state, as a GitHub caution alert, then the
 * changes the safe state does not cover, as a warning (a caution when the journal ends early:
 * then nothing was restored, unless the journal says what was).
 *
 * @example
 * leftWhereSection(summary, ctx).body; // "> [!CAUTION]\n> The safe state was not restored. …"
 */
export function leftWhereSection(s: RunSummary, ctx: RenderContext): Section {
  const alerts: string[][] = [];
  const left = leftLines(s, ctx.detail);
  if (s.status === "failed-unsafe" || s.unsafe.length > 0) {
    alerts.push([
      "> [!CAUTION]",
      `> ${s.drifted.length ? "Traffic is not where the run left it" : "The safe state was not restored"}. Check and fix each of these before anything else:`,
      ">",
      ...(left.unsafe.length ? quotedList(left.unsafe) : ["> - The engine recorded no details: check every object listed under Changes."]),
    ]);
  }
  if (s.leftChanged.length && s.status === "unknown") {
    alerts.push([
      "> [!CAUTION]",
      `> ${restoredBeforeTheEnd(s, ctx)}`,
      ">",
      ...quotedList(left.changed),
    ]);
  } else if (s.leftChanged.length) {
    alerts.push([
      "> [!WARNING]",
      "> The safe state covers traffic only. The run leaves these as it changed them; keep or undo each on purpose:",
      ">",
      ...quotedList(left.changed),
    ]);
  }
  // every object, whatever the budget: these are what the responder must act on (a tight budget names fewer of their fields)
  return { heading: "What is left where", body: alerts.map((a) => a.join("\n")).join("\n\n"), whole: true };
}

/** For a run that did not finish: what its journal says it restored, and what it had left changed beyond that. */
function restoredBeforeTheEnd(s: RunSummary, ctx: RenderContext): string {
  const end = dateTime(s.finishedAt);
  const said = (outcome: "restored" | "failed") => [...new Set(s.safeState.restores.filter((r) => r.outcome === outcome).map((r) => md(ctx, r.description)))].join("; ");
  const [restored, failed] = [said("restored"), said("failed")];
  if (!restored && !failed) return `The run did not finish, so nothing was restored. When its journal ends (${end}), it had left these changed; check each in the cluster before anything else:`;
  if (!failed) return `The run did not finish, but its safe state (${restored}) was restored before its journal ends (${end}). Beyond it, the run had left these changed; check each in the cluster before anything else:`;
  const also = restored ? ` (its safe state ${restored} was)` : "";
  return `The run did not finish, and its safe state (${failed}) could not be restored${also}. When its journal ends (${end}), it had left these changed; check each in the cluster before anything else:`;
}

const quotedList = (lines: string[]): string[] => lines.map((line) => `> - ${escapeMarkdown(line)}`);

/**
 * Context: where the run came from. `dispatchedBy` appears here and nowhere else.
 *
 * @example
 * contextSection(summary, { detail, options: { dispatchedBy: "octocat", commitSha: "abc123" } });
 */
export function contextSection(s: RunSummary, ctx: RenderContext): Section {
  const o = ctx.options;
  const code = (text: string) => inlineCode(text, { inTable: true });
  const rows: string[][] = [["Run id", code(s.runId)]];
  if (o.dispatchedBy) rows.push(["Dispatched by", md(ctx, o.dispatchedBy)]);
  if (o.repository) rows.push(["Repository", code(o.repository)]);
  if (o.commitSha) rows.push(["Commit", code(o.commitSha)]);
  const planFile = o.planFile ?? s.plan.file;
  if (planFile) rows.push(["Plan file", code(planFile)]);
  if (o.runUrl) rows.push(["Run", markdownLink("workflow run", o.runUrl)]);
  if (s.sdkVersion) rows.push(["Firebreak", code(s.sdkVersion)]);
  const inputs = Object.entries(s.inputs);
  const { head, omitted, tail } = keepEnds(inputs, ctx.detail.listRows);
  const inputRow = ([name, value]: [string, unknown]) => [`Input ${code(name)}`, code(clip(valueText(value), ctx.detail.textChars))];
  rows.push(...head.map(inputRow));
  if (omitted) rows.push(gapRow(ctx, 2, omitted, "inputs"));
  rows.push(...tail.map(inputRow));
  return { heading: "Context", body: table(["Item", "Value"], rows) };
}

/**
 * Impact: requests failed during the plan's window, the peak error rate, and the query used.
 *
 * @example
 * impactSection(summary, ctx).body; // "**1,234 of 96,000 requests failed (1.29%)** between …"
 */
export function impactSection(s: RunSummary, ctx: RenderContext): Section {
  const impact = s.impact;
  if (!impact) return { heading: "Impact", body: "Not measured: the journal has no impact measurement." };
  const span = sameUtcDay(impact.from, impact.to)
    ? `${clockTime(impact.from)} and ${clockTime(impact.to)} UTC`
    : `${dateTime(impact.from)} and ${dateTime(impact.to)}`;
  const whose = impact.beforePlanMs
    ? `the plan's ${duration(impact.to - impact.from - impact.beforePlanMs)} and the ${duration(impact.beforePlanMs)} before it started: shorter windows hold too few samples`
    : "the plan's window";
  const between = `between ${span} (${duration(impact.to - impact.from)}, ${whose})`;
  const lines: string[] = [];
  if (impact.requests === null || impact.failed === null) {
    lines.push(`Not measured: ${md(ctx, impact.reason ?? "the metrics provider returned no data")}.`);
  } else if (impact.requests === 0) {
    lines.push(`No requests were served ${between}.`);
  } else {
    const count = (n: number) => Math.round(n).toLocaleString("en-US");
    lines.push(`**${count(impact.failed)} of ${count(impact.requests)} requests failed (${percent(impact.failed / impact.requests)})** ${between}.`);
  }
  // a sample is the rate over the step before it: the one at the window's start is all from before it
  const inWindow = impact.series.filter((p) => p.at > impact.from);
  const peak = inWindow.reduce<{ at: number; errorRate: number } | undefined>(
    (best, p) => (p.errorRate !== null && (!best || p.errorRate > best.errorRate) ? { at: p.at, errorRate: p.errorRate } : best),
    undefined,
  );
  if (peak) lines.push("", `Peak error rate: ${percent(peak.errorRate)} at ${clockTime(peak.at)} UTC (${plural(inWindow.length, "sample")}).`);
  if (impact.query) lines.push("", "Measured with:", "", codeBlock(clip(impact.query, ctx.detail.textChars), "promql"));
  return { heading: "Impact", body: lines.join("\n") };
}
