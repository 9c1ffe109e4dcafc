import { refString, type KubeObject, type ObjectRef } from "../ports/kube.ts";
import { formatSplit, sameSplit } from "../traffic/split.ts";
import { currentStepName, type EngineContext, type RouteEdit } from "./context.ts";
import { editText, splitIn } from "./held-splits.ts";
import { journalRef } from "./journal.ts";

/** An object a workload step applied or deleted, as a route's ref is compared with it. */
type RouteRef = Pick<ObjectRef, "kind" | "namespace" | "name" | "context">;

/**
 * After a workload step of the run (a Helm rollback or upgrade, a Kustomize apply) applied or
 * deleted `objects`: each route among them that the run had shifted is read again, and what the
 * step left there is recorded on its shift and journaled. Helm journals images and Kustomize
 * fields, not routes: without this, reading the route again would blame a controller for the
 * run's own change. `operation` names it: "helm rollback to revision 1 of Helm release prod/x".
 * A preview reads its own view: a Kustomize apply's intended objects, a Helm rollback's deletions
 * (see previewHelmRouteEdits).
 */
export async function recordRouteEdits(ctx: EngineContext, operation: string, objects: RouteRef[]): Promise<void> {
  const touched = new Set(objects.map(refString));
  const shifts = [...ctx.shifts].filter(([, s]) => touched.has(refString(s.ref)));
  if (!shifts.length) return;
  const by = `${stepText()} (${operation})`;
  const reads = new Map<string, Promise<KubeObject | undefined>>();
  for (const [, s] of shifts) if (!reads.has(refString(s.ref))) reads.set(refString(s.ref), ctx.kube.get(s.ref));
  for (const [key, shift] of shifts) {
    const object = await reads.get(refString(shift.ref))!;
    const { now, unreadable } = object ? splitIn(shift, object) : { now: shift.without.split };
    if (object && now && sameSplit(now, shift.split)) continue; // rewritten, but its split is the run's
    const edit: RouteEdit = { by, gone: !object, ...(now ? { split: now } : {}), ...(unreadable ? { unreadable } : {}) };
    ctx.shifts.set(key, { ...shift, edit });
    const changedBy = editText(shift, edit);
    const route = journalRef(shift.ref);
    if (unreadable) {
      // no split was read: not one of 0% everywhere, as an empty split alone would chart it
      ctx.journal.emit({ type: "traffic", route, split: {}, verified: false, drift: { written: shift.split, unreadable }, changedBy });
      ctx.journal.emit({ type: "note", text: `${shift.label} was ${changedBy}; the run last shifted it to ${formatSplit(shift.split)}, and cannot read what it holds now: ${unreadable}` });
      continue;
    }
    ctx.journal.emit({ type: "traffic", route, split: now ?? {}, verified: true, changedBy });
    const left = now ? `it holds ${formatSplit(now)}` : "no weights apply to its traffic";
    const same = now !== undefined && sameSplit(now, shift.split);
    ctx.journal.emit({ type: "note", text: `${shift.label} was ${changedBy}; ${left}${same ? ", where the run last shifted it" : `, not ${formatSplit(shift.split)} as the run last shifted it`}` });
  }
}

/**
 * A preview runs no helm, but a rollback's manifests are known: a route the plan shifted that only
 * the current manifest has is deleted by helm, laid over the preview's view and journaled as the
 * run journals it, so the preview goes on as the run would. (What helm does to fields the run
 * owns that the target manifest sets otherwise: see foreseeOverwrites.)
 * @param current the objects of the release's current manifest; @param target those helm would apply
 */
export async function previewHelmRouteEdits(ctx: EngineContext, operation: string, current: RouteRef[], target: { ref: RouteRef; object: KubeObject }[]): Promise<void> {
  if (!ctx.preview) return;
  const kept = new Set(target.map((t) => refString(t.ref)));
  const deleted = current.filter((o) => !kept.has(refString(o)));
  const gone = new Set(deleted.map(refString));
  for (const shift of ctx.shifts.values()) if (gone.has(refString(shift.ref))) ctx.preview.remove(shift.ref);
  await recordRouteEdits(ctx, operation, deleted);
}

/** 'the run's step "roll back"', or "the run" outside any step. */
function stepText(): string {
  const name = currentStepName();
  return name === undefined ? "the run" : `the run's step "${name}"`;
}
