/**
 * Changes: what the run wrote (or, in a preview, would have written), per object.
 */
import { keepEnds } from "../budget.ts";
import { clip, inlineCode } from "../escape.ts";
import { clockTime, valueText } from "../format.ts";
import type { FieldChange, RunSummary } from "../summary.ts";
import { gapRow, md, moreLine, table, type RenderContext, type Section } from "./shared.ts";

/**
 * One table per object: time, field, before → after, action, and whether it was written.
 *
 * @example
 * changesSection(summary, ctx).body; // "### Deployment prod/checkout-api\n\n| Time (UTC) | Field | …"
 */
export function changesSection(s: RunSummary, ctx: RenderContext): Section {
  if (s.changes.length === 0) return { heading: "Changes", body: "The run changed nothing." };
  const value = (v: unknown) => inlineCode(clip(valueText(v), ctx.detail.textChars), { inTable: true });
  const row = (c: FieldChange) => [
    clockTime(c.at),
    inlineCode(c.field, { inTable: true }),
    `${value(c.before)} → ${value(c.after)}`,
    md(ctx, c.action),
    c.applied ? "yes" : "no (preview)",
  ];
  const objects = s.changes.slice(0, ctx.detail.listRows);
  const parts = objects.map((o) => {
    const { head, omitted, tail } = keepEnds(o.changes, ctx.detail.listRows);
    const rows = [...head.map(row), ...(omitted ? [gapRow(ctx, 5, omitted, "changes", 2)] : []), ...tail.map(row)];
    return `### ${md(ctx, o.name)}\n\n${table(["Time (UTC)", "Field", "Before → after", "Action", "Applied"], rows)}`;
  });
  if (s.changes.length > objects.length) parts.push(moreLine(ctx, s.changes.length - objects.length, "changed objects"));
  return { heading: "Changes", body: parts.join("\n\n") };
}
