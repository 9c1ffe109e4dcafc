/**
 * Timeline: every step, change, gate, note, pause, wait and safe-state event, with its time.
 */
import { keepEnds } from "../budget.ts";
import { clockTime, offset } from "../format.ts";
import type { RunSummary, TimelineEntry } from "../summary.ts";
import { gapRow, md, table, type RenderContext, type Section } from "./shared.ts";

/**
 * Renders the timeline as a table: time (UTC), offset from the start, event. Over budget, the first
 * and last rows stay and a row says how many were left out.
 *
 * @example
 * timelineSection(summary, ctx).body.split("\n")[0]; // "| Time (UTC) | Offset | Event |"
 */
export function timelineSection(s: RunSummary, ctx: RenderContext): Section {
  if (s.timeline.length === 0) return { heading: "Timeline", body: "The journal has no events." };
  const row = (e: TimelineEntry) => [clockTime(e.at), offset(e.at - s.startedAt), md(ctx, e.text)];
  const { head, omitted, tail } = keepEnds(s.timeline, ctx.detail.timelineRows);
  const rows = [...head.map(row), ...(omitted ? [gapRow(ctx, 3, omitted, "events")] : []), ...tail.map(row)];
  return { heading: "Timeline", body: table(["Time (UTC)", "Offset", "Event"], rows) };
}
