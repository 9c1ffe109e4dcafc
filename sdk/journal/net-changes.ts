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
  type Span = { before: unknown; after: unknown; from: string; to: string };
  const byObject = new Map<string, { object: JournalObjectRef; fields: Map<string, Span> }>();
  for (const e of events) {
    if (e.type !== "change" || !(e.applied || options.intended)) continue;
    const key = refString(e.object);
    const entry = byObject.get(key) ?? { object: e.object, fields: new Map() };
    const first = entry.fields.get(e.field);
    // a redacted value is compared by its digest: "[redacted]" → "[redacted]" may be a change
    const to = e.digests?.after ?? JSON.stringify(e.after);
    entry.fields.set(e.field, first ? { ...first, after: e.after, to } : { before: e.before, after: e.after, from: e.digests?.before ?? JSON.stringify(e.before), to });
    byObject.set(key, entry);
  }
  return [...byObject].flatMap(([name, { object, fields }]) => {
    const changed = [...fields].filter(([, v]) => v.from !== v.to).map(([field, { before, after }]) => ({ field, before, after }));
    return changed.length ? [{ object, name, fields: changed }] : [];
  });
}

/**
 * The fields of a net change, each once: `field=after, was before`. `limits`: how many fields and
 * how many characters of each value to show (default {@link MAX_FIELDS}, {@link MAX_VALUE}); a
 * postmortem shows fewer as its size budget tightens.
 *
 * @example
 * netFieldsText(change); // 'spec.replicas=9, was 8; spec.template.spec.containers[0].image="app:1.9.0", was "app:2.0.0"'
 * netFieldsText(change, { fields: 1, valueChars: 30 });
 */
export function netFieldsText(change: NetChange, limits: { fields?: number; valueChars?: number } = {}): string {
  const [fields, chars] = [limits.fields ?? MAX_FIELDS, limits.valueChars ?? MAX_VALUE];
  const shown = change.fields.slice(0, Math.max(1, fields)).map((f) => `${f.field}=${valueText(f.after, chars)}, was ${valueText(f.before, chars)}`);
  const more = change.fields.length - shown.length;
  return [...shown, ...(more > 0 ? [`and ${more} more field${more === 1 ? "" : "s"} (see the journal)`] : [])].join("; ");
}

/**
 * How much of a changed object these lines name by default: they are repeated where nothing is
 * cut (what is left where, the action items), and a 30 KB ConfigMap value there would push the
 * rest of the postmortem past GitHub's issue size. The journal keeps every value whole.
 */
export const MAX_FIELDS = 10;
export const MAX_VALUE = 120;

/** A value as JSON, cut with its full length when longer than `max` characters. */
function valueText(v: unknown, max: number): string {
  const text = JSON.stringify(v) ?? "undefined";
  // whole code points: a cut through an emoji would leave half of it
  const chars = Array.from(text);
  if (chars.length <= max) return text;
  return `${chars.slice(0, max).join("")}… (${chars.length.toLocaleString("en-US")} characters; see the journal)`;
}
