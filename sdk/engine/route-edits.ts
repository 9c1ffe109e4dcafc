import { refString, type KubeObject, type ObjectRef } from "../ports/kube.ts";
import { formatSplit, sameSplit } from "../traffic/split.ts";
import { currentStepId, type EngineContext, type RouteEdit } from "./context.ts";
import { editText, splitIn } from "./held-splits.ts";
import { journalRef } from "./journal.ts";

/**
 * After a workload step of the run (a Helm rollback or upgrade, a Kustomize apply) applied or
 * deleted `objects`: each route among them that the run had shifted is read again, and what the
 * step left there is recorded on its shift and journaled. Helm journals images and Kustomize
 * fields, not routes: without this, reading the route again would blame a controller for the
 * run's own change. `operation` names it: "helm rollback to revision 1 of Helm release prod/x".
 * Run mode only: a preview runs no helm and changes no live route.
 */
export async function recordRouteEdits(ctx: EngineContext, operation: string, objects: Pick<ObjectRef, "kind" | "namespace" | "name" | "context">[]): Promise<void> {
  if (ctx.mode !== "run") return;
  const touched = new Set(objects.map(refString));
  const shifts = [...ctx.shifts].filter(([, s]) => touched.has(refString(s.ref)));
  if (!shifts.length) return;
  const by = `${stepText(ctx)} (${operation})`;
  const reads = new Map<string, Promise<KubeObject | undefined>>();
  for (const [, s] of shifts) if (!reads.has(refString(s.ref))) reads.set(refString(s.ref), ctx.kube.get(s.ref));
  for (const [key, shift] of shifts) {
    const object = await reads.get(refString(shift.ref))!;
    const { now, unreadable } = object ? splitIn(shift, object) : { now: shift.without.split };
    if (object && now && sameSplit(now, shift.split)) continue; // rewritten, but its split is the run's
    const edit: RouteEdit = { by, gone: !object, ...(now ? { split: now } : {}), ...(unreadable ? { unreadable } : {}) };
    ctx.shifts.set(key, { ...shift, edit });
    const changedBy = editText(shift, edit);
    ctx.journal.emit({ type: "traffic", route: journalRef(shift.ref), split: now ?? {}, verified: true, changedBy });
    const left = now ? `it holds ${formatSplit(now)}` : (unreadable ?? "no weights apply to its traffic");
    const same = now !== undefined && sameSplit(now, shift.split);
    ctx.journal.emit({ type: "note", text: `${shift.label} was ${changedBy}; ${left}${same ? ", where the run last shifted it" : `, not ${formatSplit(shift.split)} as the run last shifted it`}` });
  }
}

/** 'the run's step "roll back"', or "the run" outside any step. */
function stepText(ctx: EngineContext): string {
  const id = currentStepId();
  const started = ctx.journal.events.find((e) => e.type === "step-started" && e.stepId === id);
  return started?.type === "step-started" ? `the run's step "${started.name}"` : "the run";
}
