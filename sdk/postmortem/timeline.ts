/**
 * The run as a list of one-line happenings: steps, changes, gates, notes, pauses, waits and the
 * safe state, in journal order. Text is plain (escape it before it goes into Markdown).
 */
import type { JournalEvent, JournalEventType } from "../journal/events.ts";
import { clip, plainText } from "./escape.ts";
import { BY_FIREBREAK, duration, objectName, splitText, valueText } from "./format.ts";
import type { StepSummary } from "./summary.ts";

/** One row of the timeline. */
export interface TimelineEntry {
  at: number;
  type: JournalEventType;
  stepId?: number;
  /** Plain text, one line. */
  text: string;
}

/** Longest before/after value shown inline in a timeline row (the Changes section shows them whole). */
const VALUE_CHARS = 80;

/**
 * Builds the timeline from the events that tell the story of a run.
 *
 * @example
 * buildTimeline(events, new Map()).map((e) => e.text);
 * // ['Plan "checkout-api-rollback" started (run on sim, scenario cold-jvm)', 'Step "canary 1%" started', …]
 */
export function buildTimeline(events: JournalEvent[], steps: Map<number, StepSummary>): TimelineEntry[] {
  const cut = new Map(events.flatMap((e) => (e.type === "pause" && e.cancelled ? [[pauseKey(e, e.cancelled.startedAt), e.cancelled.afterMs] as const] : [])));
  const entries: TimelineEntry[] = [];
  for (const e of events) {
    const text = describe(e, steps, cut);
    if (text !== undefined) entries.push({ at: e.at, type: e.type, stepId: e.stepId, text: plainText(text) });
  }
  return entries;
}

/** A pause as its events name it: a cancel's second event names the first by its step, start, length and reason. */
const pauseKey = (e: Extract<JournalEvent, { type: "pause" }>, startedAt: number) => JSON.stringify([e.stepId, startedAt, e.durationMs, e.reason]);

/** `cut`: per pause a cancel cut short (see {@link pauseKey}), how long it had paused. */
function describe(e: JournalEvent, steps: Map<number, StepSummary>, cut: Map<string, number>): string | undefined {
  switch (e.type) {
    case "plan-started":
      return `Plan "${e.plan.name}" started (${e.mode} on ${targetText(e.target)})`;
    case "step-started":
      if (e.restore) return `Step "${e.name}" started ${BY_FIREBREAK}`;
      return `Step "${e.name}" started${e.parentId !== undefined && steps.has(e.parentId) ? ` (in "${steps.get(e.parentId)!.name}")` : ""}`;
    case "step-finished":
      return e.outcome === "succeeded"
        ? `Step "${e.name}" succeeded in ${duration(e.durationMs)}`
        : `Step "${e.name}" ${e.outcome} after ${duration(e.durationMs)}${e.error ? `: ${e.error.name}: ${e.error.message}` : ""}`;
    case "change":
      return (
        `${objectName(e.object)}: ${e.field} ${clip(valueText(e.before), VALUE_CHARS)} → ${clip(valueText(e.after), VALUE_CHARS)}` +
        ` (${e.action}${e.applied ? "" : ", not written"})`
      );
    case "gate":
      return `${e.enforced ? "Gate" : "Check"} "${e.name}" (${e.kind}) ${e.phase}: ${e.reason}`;
    case "note":
      return `Note: ${e.text}`;
    case "pause": {
      if (e.cancelled) return undefined; // said on the row of its start
      const cutAfter = cut.get(pauseKey(e, e.at));
      const length = cutAfter === undefined ? duration(e.durationMs) : `${duration(cutAfter)} of ${duration(e.durationMs)} (cut short)`;
      return `Paused ${length}${e.reason ? `: ${e.reason}` : ""}`;
    }
    case "wait":
      if (e.outcome === "timeout") return `Timed out after ${duration(e.durationMs)} waiting for ${objectName(e.object)}: ${e.what}`;
      if (e.outcome === "failed") return `Stopped waiting after ${duration(e.durationMs)} for ${objectName(e.object)}: ${e.what}`;
      if (e.outcome === "skipped") return `Skipped waiting for ${objectName(e.object)}: ${e.what}`;
      return `Waited ${duration(e.durationMs)} for ${objectName(e.object)}: ${e.what}`;
    case "safe-state-declared":
      return `Safe state declared: ${e.description} (${splitText(e.split)} on ${objectName(e.route)})`;
    case "safe-state-restore":
      return e.outcome === "restored"
        ? `Safe state restored: ${e.description}`
        : `Safe state restore failed: ${e.description}${e.detail ? `: ${e.detail}` : ""}`;
    case "plan-finished":
      return `Plan finished: ${e.status} after ${duration(e.durationMs)}${e.error ? ` (${e.error.name}: ${e.error.message})` : ""}`;
    default:
      return undefined;
  }
}

/**
 * Where a run ran, in words.
 *
 * @example
 * targetText({ kind: "sim", scenario: "cold-jvm" }); // "sim, scenario cold-jvm"
 */
export function targetText(target: { kind: "sim" | "cluster"; scenario?: string; detail?: string } | undefined): string {
  if (!target) return "an unknown target";
  const parts: string[] = [target.kind];
  if (target.scenario) parts.push(`scenario ${target.scenario}`);
  if (target.detail) parts.push(target.detail);
  return parts.join(", ");
}
