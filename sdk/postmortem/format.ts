/**
 * Small formatters shared by the summary, the postmortem and the preview: times, durations,
 * object references, splits and values. All output is plain text (escape it before Markdown).
 */
import type { GatePhase, JournalObjectRef } from "../journal/events.ts";
import { refString } from "../ports/kube.ts";

/**
 * Time of day in UTC, `HH:MM:SS`.
 *
 * @example
 * clockTime(Date.UTC(2026, 10, 22, 10, 4, 5)); // "10:04:05"
 */
export function clockTime(at: number): string {
  return new Date(at).toISOString().slice(11, 19);
}

/**
 * Date and time in UTC, `YYYY-MM-DD HH:MM:SS UTC`.
 *
 * @example
 * dateTime(Date.UTC(2026, 10, 22, 10, 4, 5)); // "2026-11-22 10:04:05 UTC"
 */
export function dateTime(at: number): string {
  const iso = new Date(at).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)} UTC`;
}

/**
 * The end of a window: its time, with the date too when it falls on another UTC day than the start.
 *
 * @example
 * endTime(Date.UTC(2026, 10, 22, 23, 59), Date.UTC(2026, 10, 23, 0, 1)); // "2026-11-23 00:01:00 UTC"
 */
export function endTime(from: number, to: number): string {
  return sameUtcDay(from, to) ? `${clockTime(to)} UTC` : dateTime(to);
}

/** Whether two instants fall on the same UTC calendar day. */
export function sameUtcDay(a: number, b: number): boolean {
  return dateTime(a).slice(0, 10) === dateTime(b).slice(0, 10);
}

/**
 * Offset from the start of the run, `+m:ss` (or `+h:mm:ss` past an hour).
 *
 * @example
 * offset(65_000); // "+1:05"
 */
export function offset(ms: number): string {
  const total = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, "0");
  return h > 0 ? `+${h}:${String(m).padStart(2, "0")}:${s}` : `+${m}:${s}`;
}

/**
 * A duration in words a responder reads at a glance.
 *
 * @example
 * duration(252_000); // "4m 12s"
 * duration(850); // "850ms"
 */
export function duration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)}ms`;
  const total = Math.round(ms / 1000);
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  if (h > 0) return `${h}h ${m}m`;
  if (m > 0) return s > 0 ? `${m}m ${s}s` : `${m}m`;
  return `${s}s`;
}

/**
 * How an object is named in reports: `Kind namespace/name`, with the kube context when there is one.
 *
 * @example
 * objectName({ apiVersion: "apps/v1", kind: "Deployment", namespace: "prod", name: "checkout-api" });
 * // "Deployment prod/checkout-api"
 */
export function objectName(ref: JournalObjectRef): string {
  return refString(ref); // reports name objects as errors and logs do
}

/**
 * A stable key for grouping events by object.
 *
 * @example
 * objectKey({ apiVersion: "apps/v1", kind: "Deployment", name: "a" }); // "|apps/v1|Deployment||a"
 */
export function objectKey(ref: JournalObjectRef): string {
  return [ref.context ?? "", ref.apiVersion, ref.kind, ref.namespace ?? "", ref.name].join("|");
}

/** How reports mark the engine's own step (the restore of the safe state): it is not a step of the plan. */
export const BY_FIREBREAK = "(by Firebreak)";

/**
 * A step's name as tables and charts show it, the engine's restore marked {@link BY_FIREBREAK}.
 *
 * @example
 * stepTitle({ name: "restore the safe state", restore: true }); // "restore the safe state (by Firebreak)"
 */
export function stepTitle(step: { name: string; restore?: true }): string {
  return step.restore ? `${step.name} ${BY_FIREBREAK}` : step.name;
}

/**
 * A traffic split in words, largest share first: "100% to stable", "90% release, 10% stable".
 *
 * @example
 * splitText({ stable: 100, release: 0 }); // "100% to stable"
 * splitText({ stable: 10, release: 90 }); // "90% release, 10% stable"
 */
export function splitText(split: Record<string, number>): string {
  const shares = Object.entries(split)
    .filter(([, weight]) => weight > 0)
    .sort((a, b) => b[1] - a[1]);
  if (shares.length === 0) return "no traffic to any destination";
  if (shares.length === 1) return `${shares[0]![1]}% to ${shares[0]![0]}`;
  return shares.map(([name, weight]) => `${weight}% ${name}`).join(", ");
}

/**
 * A journal value (before/after of a change) as one line of text.
 *
 * @example
 * valueText(undefined); // "(none)"
 * valueText({ weight: 10 }); // '{"weight":10}'
 */
export function valueText(value: unknown): string {
  if (value === undefined) return "(none)";
  if (typeof value === "string") return value;
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/**
 * A number for a report: integers as they are, others with at most `digits` decimals.
 *
 * @example
 * numberText(0.58123); // "0.5812"
 */
export function numberText(value: number, digits = 4): string {
  return Number.isInteger(value) ? String(value) : String(Number(value.toFixed(digits)));
}

/**
 * A ratio (0..1) as a percentage with up to two decimals; "<0.01%" when it is not zero but would
 * round to it (3 failed requests in 250,000 are not "0%").
 *
 * @example
 * percent(0.0123); // "1.23%"
 * percent(0.00001); // "<0.01%"
 */
export function percent(ratio: number): string {
  return ratio > 0 && ratio < 0.00005 ? "<0.01%" : `${numberText(ratio * 100, 2)}%`;
}

/**
 * "1 gate", "4 gates".
 *
 * @example
 * plural(1, "object"); // "1 object"
 */
export function plural(count: number, word: string, many = `${word}s`): string {
  return `${count} ${count === 1 ? word : many}`;
}

/**
 * A gate phase as a verb, for sentences: "failed", "errored", "was inconclusive", "passed".
 *
 * @example
 * phaseVerb("error"); // "errored"
 */
export function phaseVerb(phase: GatePhase): string {
  return phase === "error" ? "errored" : phase === "inconclusive" ? "was inconclusive" : phase;
}
