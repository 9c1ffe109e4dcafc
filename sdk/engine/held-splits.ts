import { describeError, RouteDriftError, type RouteDrift } from "../errors.ts";
import { refString, type KubeObject } from "../ports/kube.ts";
import { formatSplit, sameSplit, type Split } from "../traffic/split.ts";
import type { EngineContext, RouteEdit, RouteShift } from "./context.ts";
import { unlessAborted } from "./cut-short.ts";
import { journalRef } from "./journal.ts";

/** What reading the shifted routes again found. */
export interface HeldCheck {
  /** Routes found at another split than the run last wrote (or gone): journaled already. */
  drifts: { shift: RouteShift; drift: RouteDrift }[];
  /** Routes that could not be read again, with the error. */
  unread: { shift: RouteShift; error: unknown }[];
  /** Routes found at the split of the run's write whose answer was lost: it landed (journaled already). */
  landed: { shift: RouteShift; split: Split }[];
}

/** The split an object of the route holds, or why it holds none (a controller removed the part the run shifted). */
export function splitIn(shift: Pick<RouteShift, "splitOf">, object: KubeObject): { now?: Split; unreadable?: string } {
  try {
    return { now: shift.splitOf(object) };
  } catch (err) {
    return { unreadable: describeError(err).message };
  }
}

/** What a step of the run did to a route, for the journal: 'deleted by the run's step "roll back" (…): ingress-nginx sends …'. */
export function editText(shift: Pick<RouteShift, "without">, edit: RouteEdit): string {
  return edit.gone ? `deleted by ${edit.by}: ${shift.without.text}` : `rewritten by ${edit.by}`;
}

/** Whether a route read again is still as a step of the run left it (see recordRouteEdits): then the run changed it, not a controller. */
function asEditLeft(edit: RouteEdit, object: KubeObject | undefined, found: { now?: Split; unreadable?: string }): boolean {
  if (edit.gone !== !object) return false;
  return found.now ? edit.split !== undefined && sameSplit(found.now, edit.split) : found.unreadable === edit.unreadable;
}

/**
 * Reads routes this run shifted again, each object once and all at once (the port reads many of
 * one namespace with one list), and compares each with
 * the split the run last wrote there: a controller that owns a route (Argo CD's self-heal, Flux,
 * Flagger) may put it back seconds after the write was read back and verified. A route found
 * elsewhere is journaled as a split not verified (not where the run put it), with a note that
 * says what changed it and what to do. A route a step of the run deleted (a Helm rollback to a
 * chart without it) holds where its traffic goes without it; one still as a step of the run left
 * it is reported as that step's doing, not a controller's.
 */
export async function checkHeld(ctx: EngineContext, shifts: RouteShift[], signal?: AbortSignal): Promise<HeldCheck> {
  const reads = new Map<string, Promise<KubeObject | undefined>>();
  const busy = new Set(ctx.shifting.keys());
  for (const s of shifts) if (!reads.has(refString(s.ref))) reads.set(refString(s.ref), unlessAborted(signal, ctx.kube.get(s.ref), "read"));
  const found = await Promise.allSettled(shifts.map((s) => reads.get(refString(s.ref))!));
  // A shift of the run on the wire while the object was read (a plan's Promise.all) may show in the
  // read before it is recorded, or be recorded with a newer split than the read saw: not a drift.
  const current = new Set(ctx.shifts.values());
  const moving = (s: RouteShift) => busy.has(refString(s.ref)) || ctx.shifting.has(refString(s.ref)) || !current.has(s);
  const check: HeldCheck = { drifts: [], unread: [], landed: [] };
  shifts.forEach((shift, i) => {
    if (moving(shift)) return;
    const read = found[i]!;
    if (read.status === "rejected") return void check.unread.push({ shift, error: read.reason });
    const seen = read.value ? splitIn(shift, read.value) : shift.edit?.gone ? { now: shift.without.split } : {};
    const { now, unreadable } = seen;
    if (now && sameSplit(now, shift.split)) return;
    if (now && shift.unconfirmed && sameSplit(now, shift.unconfirmed)) return void check.landed.push({ shift: landed(ctx, shift, now), split: now });
    const own = shift.edit && asEditLeft(shift.edit, read.value, seen) ? { changedBy: editText(shift, shift.edit) } : {};
    const drift: RouteDrift = { route: shift.label, written: formatSplit(shift.split), ...(now ? { found: formatSplit(now) } : {}), ...(unreadable ? { unreadable } : {}), ...own };
    check.drifts.push({ shift, drift });
    ctx.journal.emit({ type: "traffic", route: journalRef(shift.ref), split: now ?? {}, verified: false, drift: { written: shift.split, ...(unreadable ? { unreadable } : {}) }, ...own });
    ctx.journal.emit({ type: "note", text: new RouteDriftError([drift]).message });
  });
  return check;
}

/** The run's write whose answer was lost is found on the route read again: it landed, and the route holds the run's split. Returns the shift as it is now. */
export function landed(ctx: EngineContext, shift: RouteShift, now: Split): RouteShift {
  const { unconfirmed: _, ...rest } = shift;
  const confirmed = { ...rest, split: now };
  for (const [key, s] of ctx.shifts) if (s === shift) ctx.shifts.set(key, confirmed);
  ctx.journal.emit({ type: "traffic", route: journalRef(shift.ref), split: now, verified: true });
  ctx.journal.emit({ type: "note", text: `${shift.label} holds ${formatSplit(now)}, read again: the run's write of it landed, though its answer was lost` });
  return confirmed;
}

/**
 * Once the program (and any restore) is over: whether every route the run shifted still holds
 * what it last wrote, but those in `skip` (a failed restore already says where they are). Returns
 * those that do not, and those found where a write whose answer was lost put them; a route that
 * cannot be read again (or whose read `signal` cut short) is journaled as not verified, with why.
 */
export async function confirmRoutesHeld(ctx: EngineContext, skip: ReadonlySet<string>, signal?: AbortSignal): Promise<Pick<HeldCheck, "landed"> & { drifts: RouteDrift[] }> {
  const shifts = [...ctx.shifts].filter(([key]) => !skip.has(key)).map(([, s]) => s);
  if (!shifts.length) return { drifts: [], landed: [] };
  const { drifts, unread, landed } = await checkHeld(ctx, shifts, signal);
  for (const { shift, error } of unread) {
    ctx.journal.emit({ type: "traffic", route: journalRef(shift.ref), split: shift.split, verified: false });
    const where = shift.unconfirmed
      ? `where it is: ${formatSplit(shift.split)} as the run last confirmed, or ${formatSplit(shift.unconfirmed)} if its write whose answer was lost landed`
      : `it still holds ${formatSplit(shift.split)}`;
    ctx.journal.emit({ type: "note", text: `${shift.label} could not be read again to confirm ${where}: ${describeError(error).message}` });
  }
  return { drifts: drifts.map((d) => d.drift), landed };
}
