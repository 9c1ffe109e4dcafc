import { AutoscalerManagedError } from "../errors.ts";
import type { EngineContext } from "../engine/context.ts";
import { writeObject } from "../engine/writes.ts";
import { refString, type KubeObject, type ObjectRef } from "../ports/kube.ts";

/**
 * HorizontalPodAutoscalers that own a Deployment's replica count. A plan that scales a Deployment
 * an autoscaler targets only sets the count until the autoscaler's next sync (15 s): one above its
 * maxReplicas or below its minReplicas is put back at once, one the load does not call for is scaled
 * down after the autoscaler's stabilization window (5 minutes by default). Scaling to zero is the
 * exception: the autoscaler stops while its target has no replicas.
 */

/** What `scale()` does about an autoscaler: make the count its floor (default), or leave it alone. */
export const AUTOSCALER_CHOICES = ["hold", "leave"] as const;
export type AutoscalerChoice = (typeof AUTOSCALER_CHOICES)[number];

const HPA = { apiVersion: "autoscaling/v2", kind: "HorizontalPodAutoscaler" } as const;

/** "HorizontalPodAutoscaler prod/checkout-api" */
const labelOf = (hpa: KubeObject) => refString({ kind: HPA.kind, namespace: hpa.metadata.namespace, name: hpa.metadata.name });

/** The bounds as `kubectl get hpa` shows them: "2..5". */
const boundsOf = (hpa: KubeObject) => `${hpa.spec?.minReplicas ?? 1}..${hpa.spec?.maxReplicas}`;

/** The autoscalers in the Deployment's namespace whose scaleTargetRef is that Deployment. */
export async function autoscalersOf(ctx: EngineContext, deployment: ObjectRef): Promise<KubeObject[]> {
  const all = await ctx.kube.list({ ...HPA, namespace: deployment.namespace, context: deployment.context });
  return all.filter((hpa) => {
    const target = hpa.spec?.scaleTargetRef ?? {};
    return target.kind === "Deployment" && target.name === deployment.name && (target.apiVersion ?? "apps/v1").startsWith("apps/");
  });
}

/**
 * A field of an object as it was before this run first changed it (the journal keeps it), else
 * undefined. Matched by context too: a plan on two clusters has the same names in each.
 */
function beforeRun(ctx: EngineContext, ref: ObjectRef, field: string): { value: unknown } | undefined {
  const key = refString(ref);
  const first = ctx.journal.events.find((e) => e.type === "change" && e.applied === (ctx.mode === "run") && e.field === field && refString(e.object) === key);
  return first?.type === "change" ? { value: first.before } : undefined;
}

/**
 * Makes `replicas` the floor of every autoscaler of the Deployment: minReplicas, and maxReplicas
 * when the one it had before this run is lower, so the count the plan sets holds and the autoscaler
 * still adds pods for load. Scaling back to the count the Deployment had before the run puts the
 * bounds back as they were. Refused, before anything is written, for an autoscaler another
 * controller manages (KEDA's ScaledObject): that controller would put its bounds back.
 */
export async function holdAutoscalers(ctx: EngineContext, deployment: { ref: ObjectRef; label: string }, autoscalers: KubeObject[], replicas: number): Promise<void> {
  for (const hpa of autoscalers) {
    const owner = hpa.metadata.ownerReferences?.find((o) => o.controller);
    if (owner) throw new AutoscalerManagedError(labelOf(hpa), `${owner.kind} ${hpa.metadata.namespace}/${owner.name}`, deployment.label, replicas);
  }
  const scaledBack = beforeRun(ctx, deployment.ref, "spec.replicas")?.value === replicas;
  for (const hpa of autoscalers) {
    const ref: ObjectRef = { ...HPA, namespace: hpa.metadata.namespace, name: hpa.metadata.name, ...(deployment.ref.context ? { context: deployment.ref.context } : {}) };
    const was = (field: string, now: number | undefined) => {
      const before = beforeRun(ctx, ref, field);
      return before ? (before.value as number | undefined) : now;
    };
    const maxBefore = was("spec.maxReplicas", hpa.spec?.maxReplicas);
    const bounds = scaledBack ? { minReplicas: was("spec.minReplicas", hpa.spec?.minReplicas) ?? null, maxReplicas: maxBefore } : { minReplicas: replicas, maxReplicas: Math.max(maxBefore ?? replicas, replicas) };
    await writeObject(ctx, {
      ref,
      current: hpa,
      action: scaledBack ? `put back the autoscaling bounds of ${deployment.label}` : `hold ${deployment.label} at ${replicas} replicas or more`,
      patchFor: () => ({ spec: bounds }),
    });
  }
}

/** What the journal says when the autoscalers are not changed: whether the count the plan set will hold. */
export function autoscalerNote(autoscalers: KubeObject[], deploymentLabel: string, replicas: number): string {
  const names = autoscalers.map((hpa) => `${labelOf(hpa)} (${boundsOf(hpa)})`).join(", ");
  if (replicas === 0) return `${names} stops scaling ${deploymentLabel} while it has 0 replicas; it starts again when the Deployment is scaled up`;
  return `${names} still owns ${deploymentLabel}'s replica count (autoscaler: "leave"): it may move the ${replicas} replicas set now at its next sync`;
}
