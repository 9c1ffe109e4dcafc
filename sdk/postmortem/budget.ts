/**
 * The size budget of a postmortem. The report is filed as a GitHub issue, whose body has a hard
 * limit; a long run (thousands of events) must still file. Like changesets/action's PR body, the
 * renderer is re-run at stages of decreasing detail until the text fits; section headings always
 * stay, only rows and points go, and what is left where is named more briefly, never left out.
 */
import { MAX_FIELDS, MAX_VALUE } from "../journal/net-changes.ts";

/**
 * Default budget for a postmortem, in characters. GitHub rejects an issue or comment body longer
 * than 65,536 characters ("body is too long (maximum is 65536 characters)", REST and GraphQL
 * alike); 536 characters are left for what the action appends (a footer, a link to the run).
 */
export const DEFAULT_MAX_CHARS = 65_000;

/** How much of each growing part a rendering shows. `Infinity` means all of it. */
export interface Detail {
  /** Rows per gate evidence table (first and last rows are kept). */
  evidenceRows: number;
  /** Rows of the timeline table (first and last rows are kept). */
  timelineRows: number;
  /** Points per traffic chart and its table (downsampled evenly, first and last kept). */
  chartPoints: number;
  /** Items of any other list: changes per object, objects, gates, steps in the Gantt chart, inputs, routes. */
  listRows: number;
  /** Characters of any single piece of free text (notes, reasons, values). */
  textChars: number;
  /** Characters of any section's body (cut at a line, never inside a code block); the heading stays. */
  sectionChars: number;
  /**
   * What is left where, which is never cut: the fields named per object the run left changed,
   * and the characters of each of their values (the journal keeps them all).
   */
  leftFields: number;
  leftValueChars: number;
  /** Characters of each line of what the safe state does not hold: the engine's lines quote the error a restore met (a proxy's 32 KB page). */
  leftLineChars: number;
  /** Its action items: one per line, repeating it ("each"), or one per list, pointing at it ("pointer"). */
  leftItems: "each" | "pointer";
}

const ALL: Detail = {
  evidenceRows: Infinity, timelineRows: Infinity, chartPoints: Infinity, listRows: Infinity, textChars: Infinity, sectionChars: Infinity,
  leftFields: MAX_FIELDS, leftValueChars: MAX_VALUE, leftLineChars: Infinity, leftItems: "each",
};
const TIGHT: Detail = { ...ALL, evidenceRows: 2, timelineRows: 30, chartPoints: 20, listRows: 20, textChars: 300, leftLineChars: 2_000 };
const MINIMAL: Detail = { ...ALL, evidenceRows: 2, timelineRows: 6, chartPoints: 6, listRows: 5, textChars: 100, leftFields: 5, leftValueChars: 60, leftLineChars: 1_000 };
const POINTED: Detail = { ...MINIMAL, leftItems: "pointer" };
const SHORTER: Detail = { ...POINTED, leftFields: 3, leftValueChars: 40, leftLineChars: 500 };
const SHORTEST: Detail = { ...POINTED, leftFields: 1, leftValueChars: 30, leftLineChars: 200 };

/**
 * The stages, in order: everything; then evidence tables cut; then the timeline; then the chart
 * downsampled; then everything tighter; then, for pathological journals, what is left where no
 * longer repeated line by line in the action items, each section's body cut shorter and shorter
 * (its heading stays), and the lines of what is left where naming fewer fields and shorter values.
 * Exported so tests and callers can see what each keeps.
 */
export const STAGES: readonly { name: string; detail: Detail }[] = [
  { name: "full", detail: ALL },
  { name: "evidence", detail: { ...ALL, evidenceRows: 6 } },
  { name: "timeline", detail: { ...ALL, evidenceRows: 6, timelineRows: 80 } },
  { name: "chart", detail: { ...ALL, evidenceRows: 6, timelineRows: 80, chartPoints: 40 } },
  { name: "tight", detail: TIGHT },
  { name: "minimal", detail: MINIMAL },
  { name: "action items point at what is left where", detail: POINTED },
  { name: "sections of 2000", detail: { ...POINTED, sectionChars: 2_000 } },
  { name: "sections of 800", detail: { ...POINTED, sectionChars: 800 } },
  { name: "what is left where, shorter", detail: { ...SHORTER, sectionChars: 800 } },
  { name: "sections of 300", detail: { ...SHORTER, sectionChars: 300 } },
  { name: "what is left where, shortest", detail: { ...SHORTEST, sectionChars: 300 } },
  { name: "sections of 0", detail: { ...SHORTEST, sectionChars: 0 } },
];

/**
 * Renders at each stage until the text fits in `maxChars`. If even the last stage is too long,
 * `lastResort` renders it to fit by cutting the sections one at a time, keeping their headings;
 * only a budget smaller than the headings themselves gets the text cut with {@link clipMarkdown}.
 *
 * @example
 * const body = fitToBudget((detail) => renderWith(summary, detail), DEFAULT_MAX_CHARS, (detail) => trimmed(summary, detail));
 */
export function fitToBudget(render: (detail: Detail) => string, maxChars: number, lastResort?: (detail: Detail, maxChars: number) => string): string {
  let text = "";
  for (const stage of STAGES) {
    text = render(stage.detail);
    if (text.length <= maxChars) return text;
  }
  if (lastResort) text = lastResort(STAGES.at(-1)!.detail, maxChars);
  return text.length <= maxChars ? text : clipMarkdown(text, maxChars, CUT_NOTE).slice(0, maxChars);
}

const CUT_NOTE = "_This report was cut to fit GitHub's issue size limit; the journal artifact has everything._\n";

/**
 * Cuts Markdown to at most `maxChars` (note included) at a line boundary, never leaving a fenced
 * code block (a Mermaid diagram would not parse) or a `<details>` element open: the cut moves
 * before it. Ends with `note`.
 *
 * @example
 * clipMarkdown(longSectionBody, 800, "… cut to fit, see the journal artifact");
 */
export function clipMarkdown(text: string, maxChars: number, note: string): string {
  if (text.length <= maxChars) return text;
  const room = text.slice(0, Math.max(0, maxChars - note.length - 2));
  const lines = room.slice(0, Math.max(0, room.lastIndexOf("\n"))).split("\n");
  let keep = lines.length;
  let fence: { at: number; ticks: number } | undefined;
  let details: number | undefined;
  for (const [i, line] of lines.entries()) {
    const ticks = /^(`{3,})/.exec(line)?.[1]?.length;
    if (fence === undefined && ticks !== undefined) fence = { at: i, ticks };
    else if (fence && ticks !== undefined && ticks >= fence.ticks && /^`+\s*$/.test(line)) fence = undefined;
    else if (fence === undefined && line.startsWith("<details>")) details = i;
    else if (fence === undefined && line.startsWith("</details>")) details = undefined;
  }
  if (fence) keep = Math.min(keep, fence.at);
  if (details !== undefined) keep = Math.min(keep, details);
  const kept = lines.slice(0, keep).join("\n").trimEnd();
  return kept ? `${kept}\n\n${note}` : note;
}

/**
 * Keeps the first and last rows of a list when it is longer than `max`.
 *
 * @example
 * keepEnds([1, 2, 3, 4, 5], 2); // { head: [1], omitted: 3, tail: [5] }
 */
export function keepEnds<T>(rows: readonly T[], max: number): { head: T[]; omitted: number; tail: T[] } {
  if (rows.length <= max) return { head: [...rows], omitted: 0, tail: [] };
  const headCount = Math.max(1, Math.ceil(max / 2));
  const tailCount = Math.max(0, max - headCount);
  return {
    head: rows.slice(0, headCount),
    omitted: rows.length - headCount - tailCount,
    tail: tailCount > 0 ? rows.slice(rows.length - tailCount) : [],
  };
}

/**
 * Picks at most `max` evenly spaced items, always including the first and the last.
 *
 * @example
 * downsample([0, 1, 2, 3, 4, 5, 6, 7, 8], 3); // [0, 4, 8]
 */
export function downsample<T>(items: readonly T[], max: number): T[] {
  if (items.length <= max) return [...items];
  if (max <= 1) return items.slice(0, 1);
  const picked: T[] = [];
  for (let i = 0; i < max; i++) picked.push(items[Math.round((i * (items.length - 1)) / (max - 1))]!);
  return picked;
}
