import type { RunResult } from "../engine/runner.ts";
import type { JournalEvent } from "../journal/events.ts";
import { summarizeRun } from "../postmortem/index.ts";
import { plainText } from "../postmortem/escape.ts";
import { percent } from "../postmortem/format.ts";
import { formatMs } from "../util/duration.ts";

const weights = (split: Record<string, number>) => Object.entries(split).map(([d, w]) => `${d}=${w}%`).join(", ") || "gone";
/** Where a route's traffic is: an empty split read as unreadable is an object still there whose shifted rule the run cannot tell, not one gone. */
const found = (r: { split: Record<string, number>; drift?: { unreadable?: string } }) => (r.drift?.unreadable ? "no split the run can read" : weights(r.split));

/** The few lines a responder reads when the plan is over: status, where traffic is, user impact. One line per fact. */
export function formatReport(result: RunResult, files: { journal?: string; postmortem?: string }, exitCode: number): string {
  const s = summarizeRun(result.events);
  const lines = ["", `Status: ${result.status} (exit ${exitCode}) after ${formatMs(s.durationMs)}${s.target?.kind === "sim" ? " of simulated time" : ""}`, s.outcome];
  if (result.unsafe?.length) lines.push("", "LEFT UNSAFE — act on these now:", ...result.unsafe.map((u) => `  ‼ ${u}`));
  if (s.leftChanged.length) lines.push("", "Left changed (the safe state covers traffic only; keep or undo each):", ...s.leftChanged.map((u) => `  • ${u}`));
  for (const r of s.finalSplits) {
    const how = r.drift ? ` (NOT as the run left it: ${weights(r.drift.written)})` : r.changedBy ? ` (${r.changedBy})` : r.verified ? " (verified)" : "";
    lines.push(`Traffic: ${r.name}: ${found(r)}${how}`);
  }
  if (s.impact) {
    const { requests, failed } = s.impact;
    lines.push(
      requests === null || failed === null
        ? `User impact: not measured (${s.impact.reason ?? "no data"})`
        : `User impact: ${failed.toLocaleString("en-US")} of ${requests.toLocaleString("en-US")} requests failed (${percent(requests ? failed / requests : 0)}) during the plan${s.impact.beforePlanMs ? ` and the ${formatMs(s.impact.beforePlanMs)} before it` : ""}`,
    );
  }
  for (const r of s.recommendations) lines.push(`Recommendation: ${r.text}`);
  if (files.journal) lines.push(`Journal: ${files.journal}`);
  if (files.postmortem) lines.push(`Postmortem: ${files.postmortem}`);
  // outcomes, errors and names come from the plan and remote systems: no line breaks (a line
  // starting "::" is a workflow command in GitHub Actions' log) and no terminal escapes
  return lines.map(plainText).join("\n");
}

/**
 * What the CLI says when a second interrupt makes it exit at once: what it did not do, the last
 * split the journal recorded on each route and everything the run changed, so the responder knows
 * what to check in the cluster without a report. From the events so far.
 */
export function formatExitNow(events: JournalEvent[], files: { journal?: string }, programOver: boolean): string {
  const s = summarizeRun(events);
  const lines = [
    programOver
      ? "Exiting now, without the report; the plan (and any restore of its safe state) had finished."
      : "Exiting now, without restoring the safe state: the cluster is as the run left it.",
  ];
  for (const r of s.finalSplits) {
    lines.push(`Traffic: ${r.name}: ${found(r)} (last recorded${r.rewrittenAt !== undefined ? "; written again since and not read back" : ""})`);
  }
  if (s.mode === "preview") lines.push("A preview writes nothing to the cluster.");
  else if (s.leftChanged.length) lines.push("Changed by the run (check each in the cluster; keep or undo it):", ...s.leftChanged.map((c) => `  • ${c}`));
  else lines.push("The run had changed nothing.");
  if (files.journal) lines.push(`Journal: ${files.journal}`);
  return lines.map(plainText).join("\n");
}
