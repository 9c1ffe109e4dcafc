import { describeError } from "../errors.ts";
import { formatSplit } from "../traffic/split.ts";
import { refString } from "../ports/kube.ts";
import { currentContext } from "./context.ts";
import type { SafeState } from "./run.ts";

/**
 * Puts every declared safe state back (latest declared first), verifying each. Returns what could
 * not be restored, in words a responder can act on: "what is left where". With no safe state
 * declared, any change the plan applied is reported as left in place; in a preview, any change
 * it would have applied (the run would end failed-unsafe, and the preview says so).
 */
export async function restoreSafeStates(safeStates: SafeState[]): Promise<string[]> {
  const ctx = currentContext("restore safe state");
  const unsafe: string[] = [];
  if (!safeStates.length) {
    // Per object and field: its value before the run's first change and after its last one.
    const changed = new Map<string, Map<string, { before: unknown; after: unknown }>>();
    for (const e of ctx.journal.events) {
      if (e.type !== "change" || !(e.applied || ctx.mode === "preview")) continue;
      const fields = changed.get(refString(e.object)) ?? new Map<string, { before: unknown; after: unknown }>();
      changed.set(refString(e.object), fields.set(e.field, { before: fields.get(e.field)?.before ?? e.before, after: e.after }));
    }
    const left = ctx.mode === "preview" ? "would be left changed" : "was left changed";
    for (const [obj, fields] of changed) {
      const now = [...fields].filter(([, v]) => JSON.stringify(v.before) !== JSON.stringify(v.after)).map(([f, v]) => `${f}=${JSON.stringify(v.after)}, was ${JSON.stringify(v.before)}`);
      if (now.length) unsafe.push(`${obj} ${left} (${now.join("; ")}); the plan declared no safe state to return to`);
    }
    return unsafe;
  }
  for (const s of [...safeStates].reverse()) {
    try {
      await s.route.shift(s.split, { action: "restore safe state" });
      ctx.journal.emit({ type: "safe-state-restore", description: s.description, outcome: "restored" });
    } catch (err) {
      const why = describeError(err).message;
      let now = "unknown (it could not be read)";
      try {
        now = formatSplit(await s.route.split());
      } catch {
        // the route cannot be read: "unknown" is the honest answer
      }
      ctx.journal.emit({ type: "safe-state-restore", description: s.description, outcome: "failed", detail: why });
      unsafe.push(`${s.route.label} is at ${now}, not the safe state ${formatSplit(s.split)}: ${why}`);
    }
  }
  return unsafe;
}
