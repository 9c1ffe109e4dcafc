/**
 * The size budget of a postmortem. The report is filed as a GitHub issue, whose body has a hard
 * limit; a long run (thousands of events) must still file. Like changesets/action's PR body, the
 * renderer is re-run at stages of decreasing detail until the text fits; section headings always
 * stay, only rows and points go.
 */

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
}

const ALL: Detail = { evidenceRows: Infinity, timelineRows: Infinity, chartPoints: Infinity, listRows: Infinity, textChars: Infinity, sectionChars: Infinity };
const MINIMAL: Detail = { evidenceRows: 2, timelineRows: 6, chartPoints: 6, listRows: 5, textChars: 100, sectionChars: Infinity };

/**
 * The stages, in order: everything; then evidence tables cut; then the timeline; then the chart
 * downsampled; then everything tighter; then, for pathological journals, each section's body cut
 * shorter and shorter (its heading stays). Exported so tests and callers can see what each keeps.
 */
export const STAGES: readonly { name: string; detail: Detail }[] = [
  { name: "full", detail: ALL },
  { name: "evidence", detail: { ...ALL, evidenceRows: 6 } },
  { name: "timeline", detail: { ...ALL, evidenceRows: 6, timelineRows: 80 } },
  { name: "chart", detail: { ...ALL, evidenceRows: 6, timelineRows: 80, chartPoints: 40 } },
  { name: "tight", detail: { evidenceRows: 2, timelineRows: 30, chartPoints: 20, listRows: 20, textChars: 300, sectionChars: Infinity } },
  { name: "minimal", detail: MINIMAL },
  ...[2_000, 800, 300, 0].map((sectionChars) => ({ name: `sections of ${sectionChars}`, detail: { ...MINIMAL, sectionChars } })),
];

/**
 * Renders at each stage until the text fits in `maxChars`. If even the last stage is too long
 * (a budget smaller than the section headings), the text is cut with {@link clipMarkdown}.
 *
 * @example
 * const body = fitToBudget((detail) => renderWith(summary, detail), DEFAULT_MAX_CHARS);
 */
export function fitToBudget(render: (detail: Detail) => string, maxChars: number): string {
  let text = "";
  for (const stage of STAGES) {
    text = render(stage.detail);
    if (text.length <= maxChars) return text;
  }
  return clipMarkdown(text, maxChars, CUT_NOTE).slice(0, maxChars);
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
