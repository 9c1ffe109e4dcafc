import { describeError } from "../errors.ts";
import { formatSplit } from "../traffic/split.ts";
import { netChanges, netFieldsText } from "../journal/net-changes.ts";
import { currentContext } from "./context.ts";
import type { SafeState } from "./run.ts";

/** What a restore left unsafe: in words a responder can act on, and the keys of the routes it could not restore. */
export interface Restore {
  unsafe: string[];
  unrestored: Set<string>;
}

/**
 * Puts every declared safe state back (latest declared first), verifying each. Returns what could
 * not be restored, in words a responder can act on: "what is left where". With no safe state
 * declared, any change the plan applied is reported as left in place; in a preview, any change
 * it would have applied (the run would end failed-unsafe, and the preview says so).
 */
export async function restoreSafeStates(safeStates: SafeState[]): Promise<Restore> {
  const ctx = currentContext("restore safe state");
  const unsafe: string[] = [];
  const unrestored = new Set<string>();
  if (!safeStates.length) {
    const left = ctx.mode === "preview" ? "would be left changed" : "was left changed";
    for (const c of netChanges(ctx.journal.events, { intended: ctx.mode === "preview" })) {
      unsafe.push(`${c.name} ${left} (${netFieldsText(c)}); the plan declared no safe state to return to`);
    }
    return { unsafe, unrestored };
  }
  for (const s of [...safeStates].reverse()) {
    try {
      // as patient as the plan was with this route: a plan that gave capacity 30s is not held 5m here
      const capacityTimeout = ctx.capacityTimeouts.get(s.route.key);
      await s.route.shift(s.split, { action: "restore safe state", restoring: true, ...(capacityTimeout !== undefined ? { capacityTimeout } : {}) });
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
      unrestored.add(s.route.key);
    }
  }
  return { unsafe, unrestored };
}
