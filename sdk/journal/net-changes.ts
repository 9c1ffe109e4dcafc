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
  return change.fields.map((f) => `${f.field}=${JSON.stringify(f.after)}, was ${JSON.stringify(f.before)}`).join("; ");
}
