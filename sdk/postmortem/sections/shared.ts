/**
 * What every section renderer shares: the section shape, the render context, and helpers for
 * escaped text, tables and "rows left out" lines.
 */
import { netFieldsText } from "../../journal/net-changes.ts";
import type { Detail } from "../budget.ts";
import { clip, escapeMarkdown, markdownLink } from "../escape.ts";
import type { PostmortemOptions } from "../options.ts";
import type { RunSummary } from "../summary.ts";

/** A `##` section: the heading always stays, the body shrinks with the budget. */
export interface Section {
  heading: string;
  body: string;
  /** Never cut to fit the budget: what the responder acts on first (its texts still are clipped where it clips them). */
  whole?: boolean;
}

/** What a section renderer gets besides the summary. */
export interface RenderContext {
  detail: Detail;
  options: PostmortemOptions;
}

/**
 * Untrusted text, clipped to the stage's budget and escaped.
 *
 * @example
 * md(ctx, note.text);
 */
export function md(ctx: RenderContext, text: string): string {
  return escapeMarkdown(clip(text, ctx.detail.textChars));
}

/**
 * The lines of what is left where, plain, as much of each as the stage names: what the safe state
 * does not hold (`unsafe`, the engine's words, which quote the error a restore met), then what the
 * run leaves changed beyond it (`changed`). Every object keeps its line; a tighter stage names
 * fewer of its fields and less of each value, and cuts each unsafe line shorter.
 *
 * @example
 * leftLines(summary, ctx.detail).changed; // ["Deployment prod/checkout-api-stable (spec.replicas=9, was 8)"]
 */
export function leftLines(s: RunSummary, detail: Detail): { unsafe: string[]; changed: string[] } {
  const fields = { fields: detail.leftFields, valueChars: detail.leftValueChars };
  return {
    unsafe: s.unsafe.map((line) => clip(line, detail.leftLineChars)),
    changed: s.leftChangedObjects.map((c) => `${c.name} (${netFieldsText(c, fields)})`),
  };
}

/**
 * The line that stands for rows left out to fit the budget, linking the journal artifact when known.
 *
 * @example
 * moreLine(ctx, 37, "rows"); // "… 37 more rows, see the [journal artifact](https://…)"
 */
export function moreLine(ctx: RenderContext, count: number, what: string): string {
  const artifact = ctx.options.artifactUrl ? markdownLink("journal artifact", ctx.options.artifactUrl) : "journal artifact";
  return `… ${count} more ${what}, see the ${artifact}`;
}

/**
 * The note that ends a section body cut to fit the budget.
 *
 * @example
 * cutLine(ctx); // "_… the rest of this section was cut to fit the size budget, see the journal artifact_"
 */
export function cutLine(ctx: RenderContext): string {
  const artifact = ctx.options.artifactUrl ? markdownLink("journal artifact", ctx.options.artifactUrl) : "journal artifact";
  return `_… the rest of this section was cut to fit the size budget, see the ${artifact}_`;
}

/**
 * A GFM table from cells that are already escaped.
 *
 * @example
 * table(["Time", "Event"], [["10:00:00", "started"]]);
 */
export function table(header: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.join(" | ")} |`;
  return [line(header), line(header.map(() => "---")), ...rows.map(line)].join("\n");
}

/**
 * A row that spans a table's width with a "rows left out" note in `column`.
 *
 * @example
 * gapRow(ctx, 3, 12, "events", 2); // ["…", "", "… 12 more events, see the journal artifact"]
 */
export function gapRow(ctx: RenderContext, columns: number, count: number, what: string, column = columns - 1): string[] {
  return Array.from({ length: columns }, (_, i) => (i === column ? moreLine(ctx, count, what) : i === 0 ? "…" : ""));
}
