/**
 * `renderPreview`: what a terminal shows after a preview run, like `pulumi preview`: per step, the
 * objects and fields that would change, the gates that would be evaluated and where the run would
 * stop (helm missing or refusing), then one count line.
 * Plain text without colors (the CLI adds them); text from the plan is stripped of control
 * characters so it cannot move the cursor or recolor the terminal.
 */
import type { JournalEvent } from "../journal/events.ts";
import { clip, plainText } from "./escape.ts";
import { objectKey, objectName, plural, valueText } from "./format.ts";
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
  const depth = new Map(summary.steps.map((s) => [s.id, s.depth]));
  const indent = (level: number) => "  ".repeat(Math.max(0, level));
  const lines = [`Preview of "${plainText(summary.plan.name)}" on ${plainText(targetText(summary.target))}`, ""];
  const objects = new Set<string>();
  const fields = new Set<string>();
  let gates = 0;
  let written = 0;
  let lastObject: string | undefined;

  for (const e of events) {
    const level = e.stepId !== undefined && depth.has(e.stepId) ? depth.get(e.stepId)! + 1 : 0;
    if (e.type === "step-started") {
      lines.push(`${indent(depth.get(e.stepId) ?? 0)}${plainText(e.name)}`);
      lastObject = undefined;
    } else if (e.type === "change") {
      const key = objectKey(e.object);
      if (lastObject !== `${e.stepId}|${key}`) lines.push(`${indent(level)}${plainText(objectName(e.object))}`);
      lastObject = `${e.stepId}|${key}`;
      const value = (v: unknown) => plainText(clip(valueText(v), VALUE_CHARS));
      lines.push(`${indent(level + 1)}${plainText(e.field)}: ${value(e.before)} → ${value(e.after)}`);
      objects.add(key);
      fields.add(`${key}|${e.field}`);
      if (e.applied) written += 1;
    } else if (e.type === "gate") {
      lines.push(`${indent(level)}would evaluate: ${plainText(e.description)}`);
      lastObject = undefined;
      gates += 1;
    } else if (e.type === "note" && e.stops) {
      lines.push(`${indent(level)}‼ ${plainText(e.text)}`);
      lastObject = undefined;
    }
  }
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
