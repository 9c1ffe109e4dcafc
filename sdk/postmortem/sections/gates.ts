/**
 * Gate evidence: each verdict with the measurements behind it.
 */
import { keepEnds } from "../budget.ts";
import { clip, codeBlock } from "../escape.ts";
import { clockTime, numberText } from "../format.ts";
import type { GateSummary, RunSummary } from "../summary.ts";
import { gatePlaces } from "../gate-places.ts";
import { evidenceRows, type EvidenceRow } from "./evidence-rounds.ts";
import { gapRow, md, moreLine, table, type RenderContext, type Section } from "./shared.ts";

/**
 * One sub-section per gate: its verdict, an evidence table (time, indicator, subject, value,
 * threshold, samples, phase, reason; rounds in a row with the same verdict share a row) and the queries in a `<details>` block. Over budget, gates that
 * did not pass are kept first, and each table keeps its first and last rows.
 *
 * @example
 * gatesSection(summary, ctx).body; // '### Gate "canary 1%": failed\n\n…'
 */
export function gatesSection(s: RunSummary, ctx: RenderContext): Section {
  if (s.gates.length === 0) return { heading: "Gate evidence", body: "No gates or checks were evaluated." };
  const kept = pickGates(s.gates, ctx.detail.listRows);
  const places = gatePlaces(s.gates, s.steps);
  const parts = kept.map((g) => gateBlock(g, places.get(g), ctx));
  const left = s.gates.filter((g) => !kept.includes(g));
  if (left.length > 0) parts.push(moreLine(ctx, left.length, left.every((g) => g.phase === "passed") ? "gates, all passed" : "gates"));
  return { heading: "Gate evidence", body: parts.join("\n\n") };
}

/** Up to `max` gates in journal order, those that did not pass first in line to be kept. */
function pickGates(gates: GateSummary[], max: number): GateSummary[] {
  if (gates.length <= max) return gates;
  const ranked = gates.map((g, i) => ({ g, i })).sort((a, b) => Number(a.g.phase === "passed") - Number(b.g.phase === "passed") || a.i - b.i);
  return ranked.slice(0, max).sort((a, b) => a.i - b.i).map((r) => r.g);
}

/** `place`: the steps it ran in, when another gate has its name. */
function gateBlock(g: GateSummary, place: string | undefined, ctx: RenderContext): string {
  const what = g.enforced ? "Gate" : "Check";
  const lines = [
    `### ${what} "${md(ctx, g.name)}"${place ? ` in "${md(ctx, place)}"` : ""}: ${g.phase}`,
    "",
    `${md(ctx, g.kind)} ${g.enforced ? "gate (a failure fails the plan)" : "check (the plan branches on it)"}, evaluated ${clockTime(g.startedAt)} to ${clockTime(g.at)} UTC.`,
    `Checks: ${md(ctx, g.description.replace(/\.+$/, ""))}. Verdict: ${md(ctx, g.reason.replace(/\.+$/, ""))}.`,
  ];
  if (g.evidence.length === 0) {
    lines.push("", "No evidence was recorded.");
    return lines.join("\n");
  }
  const row = ({ first, last, count, values, noData, samples }: EvidenceRow) => [
    count === 1 ? clockTime(first.at) : `${clockTime(first.at)} to ${clockTime(last.at)}, ${count} rounds`,
    md(ctx, first.window ? `${first.indicator} (${first.window})` : first.indicator),
    first.subject ? md(ctx, first.subject) : "",
    valueCell(values, noData, first.unit, ctx),
    first.threshold ? md(ctx, first.threshold) : "",
    samples.length ? range(samples) : "",
    first.phase,
    last.reason ? md(ctx, last.reason) : "",
  ];
  const { head, omitted, tail } = keepEnds(evidenceRows(g.evidence), ctx.detail.evidenceRows);
  const rows = [...head.map(row), ...(omitted ? [gapRow(ctx, 8, omitted, "rows", 7)] : []), ...tail.map(row)];
  lines.push("", table(["Time (UTC)", "Indicator", "Subject", "Value", "Threshold", "Samples", "Phase", "Reason"], rows));
  const queries = [...new Set(g.evidence.flatMap((e) => (e.query ? [e.query] : [])))];
  const shown = queries.slice(0, ctx.detail.listRows);
  if (shown.length) {
    lines.push("", `<details><summary>${queries.length === 1 ? "Query" : "Queries"}</summary>`, "");
    for (const q of shown) lines.push(codeBlock(clip(q, ctx.detail.textChars), q.startsWith("http") ? "" : "promql"), "");
    if (queries.length > shown.length) lines.push(moreLine(ctx, queries.length - shown.length, "queries"), "");
    lines.push("</details>");
  }
  return lines.join("\n");
}

/** "28 ms"; "0.57 to 0.61" for rounds whose values varied; "no data", or "…; no data in 2" when some rounds had none. */
function valueCell(values: number[], noData: number, unit: string | undefined, ctx: RenderContext): string {
  if (values.length === 0) return "no data";
  const measured = md(ctx, `${range(values)}${unit ? ` ${unit}` : ""}`);
  return noData ? `${measured}; no data in ${noData}` : measured;
}

/** "28" when every value is 28, "0.57 to 0.61" when they vary. */
function range(values: number[]): string {
  const [low, high] = [Math.min(...values), Math.max(...values)];
  return low === high ? numberText(low) : `${numberText(low)} to ${numberText(high)}`;
}
