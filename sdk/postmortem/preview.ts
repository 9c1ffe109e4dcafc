/**
 * `renderPreview`: what a terminal shows after a preview run, like `pulumi preview`: per step, the
 * objects and fields that would change, the gates that would be evaluated and where the run would
 * stop (helm missing or refusing), then, when the plan fails, the restore of its safe state (the
 * engine's step) and whether each would come back; then one count line.
 * Plain text without colors (the CLI adds them); text from the plan is stripped of control
 * characters so it cannot move the cursor or recolor the terminal.
 */
import type { JournalEvent } from "../journal/events.ts";
import { clip, plainText } from "./escape.ts";
import { objectKey, objectName, plural, stepTitle, valueText } from "./format.ts";
import { wouldStopAt } from "./outcome.ts";
import { summarizeRun } from "./summary.ts";
import { targetText } from "./timeline.ts";

/** Longest before/after value shown on a preview line. */
const VALUE_CHARS = 120;

/**
 * Renders a preview report from the journal of a preview run.
 *
 * @example
 * console.log(renderPreview(events));
 * // Preview of "checkout-api-rollback" on sim, scenario cold-jvm
 * //
 * // shift to stable
 * //   VirtualService prod/checkout-api
 * //     spec.http[0].route[0].weight: 10 → 100
 * //   would evaluate: success rate of stable >= 0.99 over 1m
 * //
 * // 1 object, 1 field would change; 1 gate would be evaluated; nothing was written
 */
export function renderPreview(events: JournalEvent[]): string {
  const summary = summarizeRun(events);
  const lines = [`Preview of "${plainText(summary.plan.name)}" on ${plainText(targetText(summary.target))}`, ""];
  const objects = new Set<string>();
  const fields = new Set<string>();
  let gates = 0;
  let written = 0;
  // Per step (and the program outside any), its lines and where its sub-steps started: steps that
  // run together interleave in the journal, and each change is shown under the step that made it.
  type Entry = { level: number; text: string } | { step: number };
  const blocks = new Map<number | undefined, { entries: Entry[]; lastObject?: string }>([[undefined, { entries: [] }]]);
  const blockOf = (stepId: number | undefined) => blocks.get(stepId) ?? blocks.get(undefined)!;
  const add = (stepId: number | undefined, text: string) => {
    const block = blockOf(stepId);
    block.entries.push({ level: 1, text });
    block.lastObject = undefined;
  };

  for (const e of events) {
    if (e.type === "step-started") {
      const parent = blockOf(e.parentId);
      parent.entries.push({ step: e.stepId! });
      parent.lastObject = undefined;
      blocks.set(e.stepId, { entries: [{ level: 0, text: plainText(stepTitle(e)) }] });
    } else if (e.type === "change") {
      const key = objectKey(e.object);
      const block = blockOf(e.stepId);
      if (block.lastObject !== key) block.entries.push({ level: 1, text: plainText(objectName(e.object)) });
      block.lastObject = key;
      const value = (v: unknown) => plainText(clip(valueText(v), VALUE_CHARS));
      block.entries.push({ level: 2, text: `${plainText(e.field)}: ${value(e.before)} → ${value(e.after)}` });
      objects.add(key);
      fields.add(`${key}|${e.field}`);
      if (e.applied) written += 1;
    } else if (e.type === "gate") {
      add(e.stepId, `would evaluate: ${plainText(e.description)}`);
      gates += 1;
    } else if (e.type === "note" && e.stops) {
      add(e.stepId, `‼ ${plainText(e.text)}`);
    } else if (e.type === "safe-state-restore" && e.stepId !== undefined) {
      // in the engine's restore step; a journal of an earlier version has it in none, and is shown as it was
      add(e.stepId, plainText(e.outcome === "restored" ? `↩ safe state would be restored: ${e.description}` : `‼ safe state would NOT be restored: ${e.description}${e.detail ? ` (${e.detail})` : ""}`));
    }
  }
  // a step's header at its depth and its lines one level under; the program's own lines at the left
  const render = (stepId: number | undefined, depth: number) => {
    for (const entry of blocks.get(stepId)!.entries) {
      if ("step" in entry) render(entry.step, stepId === undefined ? 0 : depth + 1);
      else lines.push(`${"  ".repeat(depth + entry.level - (stepId === undefined ? 1 : 0))}${entry.text}`);
    }
  };
  render(undefined, 0);
  const stop = wouldStopAt(summary);
  if (stop) lines.push("", plainText(`‼ The run would stop at ${stop}: see the note there.`));

  if (summary.status !== "succeeded") {
    const why = summary.error ? `: ${summary.error.name}: ${summary.error.message}` : "";
    lines.push("", plainText(`The preview did not complete (${summary.statusText})${why}`));
    for (const left of summary.unsafe) lines.push(plainText(`‼ ${left}`));
  }
  const counts =
    `${plural(objects.size, "object")}, ${plural(fields.size, "field")} would change; ` +
    `${plural(gates, "gate")} would be evaluated; ` +
    (written === 0 ? "nothing was written" : `${plural(written, "change")} WERE written`);
  lines.push("", counts);
  return lines.join("\n");
}
