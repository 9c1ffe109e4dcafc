import { refString } from "../ports/kube.ts";
import type { JournalEvent, JournalObjectRef } from "./events.ts";

/** One object's fields that a run leaves different from how it found them. */
export interface NetChange {
  object: JournalObjectRef;
  /** `Kind namespace/name`. */
  name: string;
  fields: { field: string; before: unknown; after: unknown }[];
}

/**
 * Per object, each field whose value after the run's last change differs from its value before
 * the first: what the run leaves changed. A preview's changes count when `intended` is set.
 *
 * @example
 * netChanges(events).map((c) => `${c.name} (${netFieldsText(c)})`); // ["Deployment prod/checkout-api-stable (spec.replicas=9, was 8)"]
 */
export function netChanges(events: readonly JournalEvent[], options: { intended?: boolean } = {}): NetChange[] {
  const byObject = new Map<string, { object: JournalObjectRef; fields: Map<string, { before: unknown; after: unknown }> }>();
  for (const e of events) {
    if (e.type !== "change" || !(e.applied || options.intended)) continue;
    const key = refString(e.object);
    const entry = byObject.get(key) ?? { object: e.object, fields: new Map() };
    entry.fields.set(e.field, { before: entry.fields.has(e.field) ? entry.fields.get(e.field)!.before : e.before, after: e.after });
    byObject.set(key, entry);
  }
  return [...byObject].flatMap(([name, { object, fields }]) => {
    const changed = [...fields].filter(([, v]) => JSON.stringify(v.before) !== JSON.stringify(v.after)).map(([field, v]) => ({ field, ...v }));
    return changed.length ? [{ object, name, fields: changed }] : [];
  });
}

/**
 * The fields of a net change, each once: `field=after, was before`.
 *
 * @example
 * netFieldsText(change); // 'spec.replicas=9, was 8; spec.template.spec.containers[0].image="app:1.9.0", was "app:2.0.0"'
 */
export function netFieldsText(change: NetChange): string {
  const shown = change.fields.slice(0, MAX_FIELDS).map((f) => `${f.field}=${valueText(f.after)}, was ${valueText(f.before)}`);
  const more = change.fields.length - shown.length;
  return [...shown, ...(more > 0 ? [`and ${more} more field${more === 1 ? "" : "s"} (see the journal)`] : [])].join("; ");
}

/**
 * How much of a changed object these lines name: they are repeated where nothing is cut (what is
 * left where, the action items), and a 30 KB ConfigMap value there would push the rest of the
 * postmortem past GitHub's issue size. The journal keeps every value whole.
 */
const MAX_FIELDS = 10;
const MAX_VALUE = 120;

/** A value as JSON, cut with its full length when long. */
function valueText(v: unknown): string {
  const text = JSON.stringify(v) ?? "undefined";
  // whole code points: a cut through an emoji would leave half of it
  const chars = Array.from(text);
  if (chars.length <= MAX_VALUE) return text;
  return `${chars.slice(0, MAX_VALUE).join("")}… (${chars.length.toLocaleString("en-US")} characters; see the journal)`;
}
