/**
 * The job summary: what a responder reads at a glance on the workflow run's page. A pure function
 * of the run's summary (from the journal), like the postmortem.
 */
import { clipMarkdown } from "../sdk/postmortem/budget.ts";
import { clip, escapeMarkdown, inlineCode, markdownLink } from "../sdk/postmortem/escape.ts";
import { duration, splitText, stepTitle, valueText } from "../sdk/postmortem/format.ts";
import { gatePlaces } from "../sdk/postmortem/gate-places.ts";
import { ganttChart, type GanttTask } from "../sdk/postmortem/mermaid.ts";
import type { FieldChange, RunSummary } from "../sdk/postmortem/summary.ts";

/**
 * Rows per table in the job summary. GitHub caps a step summary at 1 MiB and shows nothing over it;
 * 200 rows of these tables stay far below that, and the journal keeps every row.
 */
export const SUMMARY_MAX_ROWS = 200;

/** Text a value may take in one table cell before it is cut. */
const CELL_CHARS = 120;

/** Text a message (a step's error, a gate's reason, a line of what is left where) may take. */
const MESSAGE_CHARS = 500;

/**
 * The whole summary's length, in UTF-16 units: at most 3 UTF-8 bytes each, so 768 KiB, under
 * GitHub's 1 MiB per step whatever the text.
 */
export const SUMMARY_MAX_CHARS = 256 * 1024;

/** What the job summary shows besides the run itself. */
export interface JobSummaryOptions {
  incidentId: string;
  journalPath?: string;
  runUrl?: string;
  postmortemUrl?: string;
}

const STATUS_ICON: Record<RunSummary["status"], string> = {
  succeeded: "✅",
  "failed-safe": "🟧",
  "failed-unsafe": "🟥",
  cancelled: "⏹️",
  unknown: "❔",
};

const message = (text: string) => escapeMarkdown(clip(text, MESSAGE_CHARS));

const cell = (text: string) => inlineCode(clip(text, CELL_CHARS), { inTable: true });

function table(header: string[], rows: string[][], what: string): string {
  const shown = rows.slice(0, SUMMARY_MAX_ROWS);
  const lines = [`| ${header.join(" | ")} |`, `| ${header.map(() => "---").join(" | ")} |`, ...shown.map((r) => `| ${r.join(" | ")} |`)];
  if (rows.length > shown.length) lines.push("", `_${rows.length - shown.length} more ${what} are in the journal._`);
  return lines.join("\n");
}

function overview(s: RunSummary, o: JobSummaryOptions): string {
  const target = s.target ? `${s.target.kind}${s.target.scenario ? ` (scenario ${s.target.scenario})` : ""}` : "unknown";
  const rows = [
    ["Status", `**${escapeMarkdown(s.statusText)}**`],
    ["Mode", s.mode],
    ["Target", cell(target)],
    ["Duration", duration(s.durationMs)],
    ["Incident", cell(o.incidentId)],
  ];
  if (s.error) rows.push(["Error", cell(`${s.error.name}: ${s.error.message}`)]);
  if (o.postmortemUrl) rows.push(["Postmortem", markdownLink("issue", o.postmortemUrl)]);
  if (o.journalPath) rows.push(["Journal", cell(o.journalPath)]);
  if (o.runUrl) rows.push(["Run", markdownLink("workflow run", o.runUrl)]);
  return table(["", ""], rows, "rows");
}

function traffic(s: RunSummary): string {
  if (s.finalSplits.length === 0) return "No traffic split was recorded.";
  return table(
    ["Route", "Final split", "Verified"],
    s.finalSplits.map((r) => [cell(r.name), escapeMarkdown(splitText(r.split)), r.verified ? "yes" : s.mode === "preview" ? "intended (preview)" : "**no**"]),
    "routes",
  );
}

function steps(s: RunSummary): string {
  if (s.steps.length === 0) return "The plan ran no steps.";
  const icon = { succeeded: "✅", failed: "❌", cancelled: "⏹️", unfinished: "⏳" } as const;
  return table(
    ["Step", "Outcome", "Duration"],
    s.steps.map((st) => [
      `${"&nbsp;&nbsp;".repeat(st.depth)}${escapeMarkdown(stepTitle(st))}`,
      `${icon[st.outcome]} ${st.outcome}${st.error ? `: ${message(st.error.message)}` : ""}`,
      st.durationMs === undefined ? "" : duration(st.durationMs),
    ]),
    "steps",
  );
}

/**
 * One row per object and field: its value before the run's first write and after its last, how
 * many writes and why. At a glance, where the run leaves each field; the postmortem lists every
 * write in order. Writes not applied (a preview's) count only where no write was applied.
 */
function changes(s: RunSummary): string {
  const fields = s.changes.flatMap((o) => {
    const byField = new Map<string, FieldChange[]>();
    for (const c of o.changes) byField.set(c.field, [...(byField.get(c.field) ?? []), c]);
    return [...byField].map(([field, all]) => ({ object: o.name, field, writes: all.some((c) => c.applied) ? all.filter((c) => c.applied) : all }));
  });
  if (fields.length === 0) return "No changes were recorded.";
  const rows = fields
    .sort((a, b) => a.writes[0]!.at - b.writes[0]!.at) // in the order the run first touched them
    .map(({ object, field, writes }) => {
      const [first, last] = [writes[0]!, writes.at(-1)!];
      // a redacted value is compared by its digest: "[redacted]" → "[redacted]" may be a change
      const back = writes.length > 1 && (first.digests?.before ?? valueText(first.before)) === (last.digests?.after ?? valueText(last.after)) ? ", back where it was" : "";
      const why = [...new Set(writes.map((c) => c.action))].map(escapeMarkdown).join("; ");
      return [cell(object), cell(field), `${cell(valueText(first.before))} → ${cell(valueText(last.after))}`, `${writes.length}${back}: ${why}${last.applied ? "" : " (not applied)"}`];
    });
  return table(["Object", "Field", "Before → after", "Writes"], rows, "changed fields");
}

function gateVerdicts(s: RunSummary): string {
  if (s.gates.length === 0) return "";
  const places = gatePlaces(s.gates, s.steps);
  const rows = s.gates.map((g) => [escapeMarkdown(places.has(g) ? `${g.name} (in ${places.get(g)})` : g.name), `${g.phase}${g.enforced ? "" : " (check)"}`, message(g.reason)]);
  return `### Gates\n\n${table(["Gate", "Verdict", "Reason"], rows, "verdicts")}\n`;
}

function timeline(s: RunSummary): string {
  const top = s.steps.filter((st) => st.depth === 0).slice(0, SUMMARY_MAX_ROWS);
  if (top.length === 0) return "";
  const tasks: GanttTask[] = top.map((st) => ({
    name: stepTitle(st),
    start: st.startedAt,
    end: st.finishedAt ?? s.finishedAt,
    status: st.outcome === "failed" ? "crit" : st.outcome === "succeeded" ? "done" : "active",
  }));
  return `### Timeline\n\n${ganttChart(s.plan.name, [{ name: "steps", tasks }])}\n`;
}

/**
 * Renders the job summary: status, what is left where, recommendations, final traffic split per
 * route, steps with durations, changes, gate verdicts, and a Mermaid timeline of the steps. Text
 * from the plan is escaped.
 *
 * @example
 * const markdown = renderJobSummary(summarizeRun(events), { incidentId: "acme/shop/runs/42" });
 * await core.summary.addRaw(markdown).write();
 */
export function renderJobSummary(s: RunSummary, options: JobSummaryOptions): string {
  const parts = [
    `## ${STATUS_ICON[s.status]} Firebreak${s.mode === "preview" ? " preview" : ""}: ${escapeMarkdown(s.plan.name)} — ${escapeMarkdown(s.statusText)}`,
    "",
    escapeMarkdown(s.outcome),
    "",
    overview(s, options),
    "",
  ];
  if (s.unsafe.length) parts.push("### ⚠️ Left where it should not be", "", list(s.unsafe, "objects"), "");
  if (s.leftChanged.length) {
    // a run that did not finish restored nothing, unless its journal says it did: every change it made, traffic too, is as it left it
    const restores = s.safeState.restores;
    const heading = s.finished
      ? "### Left changed (the safe state covers traffic only)"
      : !restores.length
        ? "### Left changed (the run did not finish: nothing was restored; check each in the cluster)"
        : restores.every((r) => r.outcome === "restored")
          ? "### Left changed (the run did not finish, after it restored the safe state, which covers traffic only; check each in the cluster)"
          : "### Left changed (the run did not finish, and its safe state could not be restored; check each in the cluster)";
    parts.push(heading, "", list(s.leftChanged, "objects"), "");
  }
  // the plan's own and those the journal implies: users still failing at the end, roll forward
  if (s.recommendations.length) parts.push("### Recommendations", "", list(s.recommendations.map((r) => r.text), "recommendations"), "");
  parts.push("### Traffic", "", traffic(s), "", "### Steps", "", steps(s), "", "### Changes", "", changes(s), "");
  const gates = gateVerdicts(s);
  if (gates) parts.push(gates);
  const chart = timeline(s);
  if (chart) parts.push(chart);
  return clipMarkdown(parts.join("\n"), SUMMARY_MAX_CHARS, CUT_NOTE);
}

const CUT_NOTE = "_The job summary was cut to fit GitHub's size limit; the journal has everything._\n";

function list(lines: string[], what: string): string {
  const shown = lines.slice(0, SUMMARY_MAX_ROWS).map((l) => `- ${message(l)}`);
  if (lines.length > shown.length) shown.push(`- _${lines.length - shown.length} more ${what} are in the journal._`);
  return shown.join("\n");
}
