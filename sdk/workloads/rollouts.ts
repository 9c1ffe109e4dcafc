import type { EngineContext, Rollout } from "../engine/context.ts";
import { refString, type KubeObject, type ObjectRef } from "../ports/kube.ts";
import { diffObjects, type FieldChange } from "../util/diff.ts";
import { rolloutStatus } from "./rollout-status.ts";

/** Whether a write's changes are a rollout: a Deployment's pod template changed (a new object's counts too). */
export const rollsOut = (ref: ObjectRef, changes: FieldChange[]): boolean =>
  ref.kind === "Deployment" && changes.some((c) => c.field === "spec.template" || c.field.startsWith("spec.template."));

/** Records that the run changed `ref`'s pod template, leaving `after` (the Deployment as read back): see EngineContext.rollouts. */
export function recordRollout(ctx: EngineContext, ref: ObjectRef, after: KubeObject): void {
  ctx.rollouts.set(refString(ref), {
    ref,
    label: refString(ref),
    at: ctx.clock.now(),
    generation: after.metadata.generation ?? 0,
  });
}

/**
 * Marks the run's rollout of `ref` complete now, given the Deployment read as rolled out. Only when
 * the controller had seen the rollout's template: a read from before the write says nothing of it.
 */
export function noteRolledOut(ctx: EngineContext, ref: ObjectRef, deployment: KubeObject): void {
  const rollout = ctx.rollouts.get(refString(ref));
  if (!rollout || rollout.doneAt !== undefined || (deployment.status?.observedGeneration ?? 0) < rollout.generation) return;
  ctx.rollouts.set(refString(ref), { ...rollout, doneAt: ctx.clock.now() });
}

/** A rollout complete since `doneAt`, or not yet, and why. */
export type RolloutProgress = { rollout: Rollout; doneAt: number } | { rollout: Rollout; pending: string };

/**
 * Where a rollout stands. One not seen complete yet (the plan did not wait for it) is read: once
 * every replica runs the new template and is available, it is marked complete from now.
 */
export async function checkRollout(ctx: EngineContext, rollout: Rollout): Promise<RolloutProgress> {
  if (rollout.doneAt !== undefined) return { rollout, doneAt: rollout.doneAt };
  const deployment = await ctx.kube.get(rollout.ref);
  if (!deployment) return { rollout, pending: "it is gone" };
  // without its pods, one read a round: a crash loop among them would only say otherwise why it is not complete
  const status = rolloutStatus(deployment, []);
  if (status.done) noteRolledOut(ctx, rollout.ref, deployment);
  const doneAt = ctx.rollouts.get(refString(rollout.ref))?.doneAt;
  return doneAt === undefined ? { rollout, pending: status.message } : { rollout, doneAt };
}

/**
 * After a step that applied `objects` (a Helm rollback or upgrade, which journals images, not
 * templates): records each Deployment among them whose pod template now differs from `before`
 * (keyed by refString; one missing there is new) as the run's rollout of it.
 */
export async function recordRollouts(ctx: EngineContext, objects: ObjectRef[], before: ReadonlyMap<string, KubeObject | undefined>): Promise<void> {
  const deployments = objects.filter((ref) => ref.kind === "Deployment");
  const after = await Promise.all(deployments.map((ref) => ctx.kube.get(ref)));
  deployments.forEach((ref, i) => {
    const now = after[i];
    // a new object diffs field by field against an empty one, as an apply's changes do
    if (now && rollsOut(ref, diffObjects(before.get(refString(ref)) ?? { metadata: {} }, now))) recordRollout(ctx, ref, now);
  });
}
