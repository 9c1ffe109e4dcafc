import { kubeTime } from "../kube-time.ts";
import { builtInListTypes } from "../kube-api/list-types.ts";
import { recordUpdate } from "../kube-api/managed-fields.ts";
import type { KubeObject } from "../../ports/kube.ts";
import type { ObjectStore } from "../store.ts";

/**
 * The HorizontalPodAutoscaler controller, after the real one (pkg/controller/podautoscaler) in the
 * part a plan can trip over: every sync period it puts a Deployment scaled outside the autoscaler's
 * bounds back within them, and leaves one scaled to zero alone (scaling disabled). It does not follow
 * load: within the bounds the count the Deployment has is the one it keeps.
 */
export interface AutoscalerController {
  /** One look at every autoscaler whose sync is due. Returns the virtual time the next one falls due. */
  sync(now: number, deployments: KubeObject[]): number | undefined;
}

/** `--horizontal-pod-autoscaler-sync-period`'s default. */
export const AUTOSCALER_SYNC_MS = 15_000;

interface Condition {
  type: string;
  status: "True" | "False";
  reason: string;
  message: string;
}

/** The count the autoscaler wants for `current` replicas, and why (the controller's reasons and messages). */
function recommend(current: number, min: number, max: number): { desired: number; conditions: Condition[] } {
  if (current === 0) {
    return { desired: 0, conditions: [{ type: "ScalingActive", status: "False", reason: "ScalingDisabled", message: "scaling is disabled since the replica count of the target is zero" }] };
  }
  const active: Condition = { type: "ScalingActive", status: "True", reason: "ValidMetricFound", message: "the HPA was able to successfully calculate a replica count" };
  if (current > max) {
    return { desired: max, conditions: [active, { type: "ScalingLimited", status: "True", reason: "TooManyReplicas", message: "the desired replica count is more than the maximum replica count" }] };
  }
  if (current < min) {
    return { desired: min, conditions: [active, { type: "ScalingLimited", status: "True", reason: "TooFewReplicas", message: "the desired replica count is less than the minimum replica count" }] };
  }
  return { desired: current, conditions: [active, { type: "ScalingLimited", status: "False", reason: "DesiredWithinRange", message: "the desired count is within the acceptable range" }] };
}

/**
 * @example
 * const autoscaler = createAutoscalerController(store);
 * const due = autoscaler.sync(now, store.list("apps/v1", "Deployment"));
 */
export function createAutoscalerController(store: ObjectStore): AutoscalerController {
  const lastSync = new Map<string, number>();
  return {
    sync(now, deployments) {
      let due: number | undefined;
      for (const hpa of store.list("autoscaling/v2", "HorizontalPodAutoscaler")) {
        const uid = hpa.metadata.uid!;
        const last = lastSync.get(uid);
        if (last === undefined || now >= last + AUTOSCALER_SYNC_MS) {
          apply(store, hpa, assess(hpa, deployments, now));
          lastSync.set(uid, now);
        }
        const next = lastSync.get(uid)! + AUTOSCALER_SYNC_MS;
        due = due === undefined ? next : Math.min(due, next);
      }
      return due;
    },
  };
}

interface Verdict {
  status: Record<string, unknown>;
  rescale?: { target: KubeObject; replicas: number };
}

/** What one sync of `hpa` would write: its status, and the Deployment's new count when out of bounds. */
function assess(hpa: KubeObject, deployments: KubeObject[], now: number): Verdict {
  const ref = hpa.spec?.scaleTargetRef ?? {};
  const target = ref.kind === "Deployment" ? deployments.find((d) => d.metadata.namespace === hpa.metadata.namespace && d.metadata.name === ref.name) : undefined;
  if (!target) {
    const message = `the HPA controller was unable to get the target's current scale: deployments.apps "${ref.name}" not found`;
    return { status: { ...hpa.status, conditions: [{ type: "AbleToScale", status: "False", reason: "FailedGetScale", message }] } };
  }
  const current: number = target.spec?.replicas ?? 1;
  const { desired, conditions } = recommend(current, hpa.spec.minReplicas ?? 1, hpa.spec.maxReplicas);
  const rescaled = desired !== current;
  const able: Condition = rescaled
    ? { type: "AbleToScale", status: "True", reason: "SucceededRescale", message: `the HPA controller was able to update the target scale to ${desired}` }
    : { type: "AbleToScale", status: "True", reason: "ReadyForNewScale", message: "recommended size matches current size" };
  return {
    status: {
      ...hpa.status,
      currentReplicas: current,
      desiredReplicas: desired,
      ...(rescaled ? { lastScaleTime: kubeTime(now) } : {}),
      conditions: [able, ...conditions],
    },
    ...(rescaled ? { rescale: { target, replicas: desired } } : {}),
  };
}

function apply(store: ObjectStore, hpa: KubeObject, { status, rescale }: Verdict): void {
  if (rescale) {
    // read again: the Deployment controller may have written its status since `deployments` was listed
    const live = store.get({ apiVersion: "apps/v1", kind: "Deployment", namespace: rescale.target.metadata.namespace, name: rescale.target.metadata.name })!;
    const next = { ...live, metadata: { ...live.metadata }, spec: { ...live.spec, replicas: rescale.replicas } };
    // as the real controller scales, through the scale subresource: it then owns spec.replicas, and
    // a server-side apply that sets another count (a Helm 4 rollback, a Kustomize apply) meets a conflict
    recordUpdate(live, next, { manager: "kube-controller-manager", apiVersion: "apps/v1", time: kubeTime(store.now()), listTypeAt: builtInListTypes, scope: "main", subresource: "scale" });
    store.update(next);
  }
  if (JSON.stringify(status) !== JSON.stringify(hpa.status)) store.update({ ...hpa, status }, { statusOnly: true });
}
