import { ConflictError, describeError, KubeApiError } from "../errors.ts";
import { formatSplit, sameSplit, type Split } from "../traffic/split.ts";
import { netChanges, netFieldsText } from "../journal/net-changes.ts";
import { currentContext, type EngineContext } from "./context.ts";
import { refString } from "../ports/kube.ts";
import { landed } from "./held-splits.ts";
import type { JournaledStep, SafeState } from "./run.ts";

/** What a restore left unsafe: in words a responder can act on, and the keys of the routes it could not restore. */
export interface Restore {
  unsafe: string[];
  unrestored: Set<string>;
}

/**
 * Attempts at a restore the API failed (a 5xx, a dropped connection, a lost write race), though
 * the port retried each request already: the restore is the run's last word on production, so it
 * is tried once more before the route is reported unsafe (one found at the safe state is not written again).
 */
const RESTORE_ATTEMPTS = 2;
const apiFailure = (err: unknown) => err instanceof KubeApiError || err instanceof ConflictError;

/**
 * Puts every declared safe state back (latest declared first), verifying each, as a step of the
 * run of its own (`step`, journaled with `restore`): every write of the restore is journaled under
 * it, and it fails when a safe state did not come back. Returns what could not be restored, in
 * words a responder can act on: "what is left where". With no safe state declared, there is no
 * such step, and any change the plan applied is reported as left in place; in a preview, any
 * change it would have applied (the run would end failed-unsafe, and the preview says so).
 */
export async function restoreSafeStates(safeStates: SafeState[], step: JournaledStep): Promise<Restore> {
  const ctx = currentContext("restore safe state");
  if (!safeStates.length) {
    const unsafe = netChanges(ctx.journal.events, { intended: ctx.mode === "preview" }).map(
      (c) => `${c.name} ${leftChanged(ctx)} (${netFieldsText(c)}); the plan declared no safe state to return to`,
    );
    return { unsafe, unrestored: new Set() };
  }
  const name = `restore the safe state${safeStates.length > 1 ? "s" : ""}`;
  const { unsafe, unrestored } = await step(name, () => restoreEach(ctx, safeStates), { restore: true, failed: (r) => r.unrestored.size > 0 });
  // a route the run shifted that no safe state covers stays where the run left it: as unsafe as with none declared
  const covered = new Set(safeStates.map((s) => s.route.key));
  const uncovered = new Set([...ctx.shifts].filter(([key]) => !covered.has(key)).map(([, shift]) => refString(shift.ref)));
  for (const c of netChanges(ctx.journal.events, { intended: ctx.mode === "preview" })) {
    if (uncovered.has(c.name)) unsafe.push(`${c.name} ${leftChanged(ctx)} (${netFieldsText(c)}); the plan declared no safe state for it`);
  }
  return { unsafe, unrestored };
}

/** Restores each safe state, latest declared first, and journals how each went. */
async function restoreEach(ctx: EngineContext, safeStates: SafeState[]): Promise<Restore> {
  const unsafe: string[] = [];
  const unrestored = new Set<string>();
  for (const s of [...safeStates].reverse()) {
    try {
      await restore(ctx, s);
      ctx.journal.emit({ type: "safe-state-restore", description: s.description, outcome: "restored" });
    } catch (err) {
      const why = describeError(err).message;
      let now: Split | undefined;
      try {
        now = await s.route.split();
      } catch {
        // the route cannot be read: "unknown" is the honest answer
      }
      // its write landed, and only the answer (or the read-back) was lost: the route is restored
      if (now && sameSplit(now, s.split)) {
        const shift = ctx.shifts.get(s.route.key);
        if (shift?.unconfirmed && sameSplit(shift.unconfirmed, now)) landed(ctx, shift, now);
        ctx.journal.emit({ type: "safe-state-restore", description: s.description, outcome: "restored", detail: `read again, it holds the safe state, though the restore failed: ${why}` });
        continue;
      }
      ctx.journal.emit({ type: "safe-state-restore", description: s.description, outcome: "failed", detail: why });
      unsafe.push(`${s.route.label} is at ${now ? formatSplit(now) : "unknown (it could not be read)"}, not the safe state ${formatSplit(s.split)}: ${why}`);
      unrestored.add(s.route.key);
    }
  }
  return { unsafe, unrestored };
}

const leftChanged = (ctx: EngineContext) => (ctx.mode === "preview" ? "would be left changed" : "was left changed");

/** Shifts the route to its safe state, trying once more after a failure of the API (see RESTORE_ATTEMPTS). */
async function restore(ctx: EngineContext, s: SafeState): Promise<void> {
  // as patient as the plan was with this route: a plan that gave capacity 30s is not held 5m here
  const capacityTimeout = ctx.capacityTimeouts.get(s.route.key);
  for (let attempt = 1; ; attempt++) {
    try {
      return await s.route.shift(s.split, { action: "restore safe state", restoring: true, ...(capacityTimeout !== undefined ? { capacityTimeout } : {}) });
    } catch (err) {
      if (attempt >= RESTORE_ATTEMPTS || !apiFailure(err)) throw err;
    }
  }
}
