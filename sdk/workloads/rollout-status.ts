import type { KubeObject } from "../ports/kube.ts";
import { diffObjects } from "../util/diff.ts";

interface ContainerStatus {
  name: string;
  restartCount?: number;
  state?: { waiting?: { reason?: string } };
}

export type RolloutStatus =
  | { done: true; message: string }
  | { done: false; failed: boolean; message: string };

/**
 * The controller's verdict that the rollout of `replicaSet` stopped progressing (Progressing=False,
 * ProgressDeadlineExceeded), as `kubectl rollout status` reads it. Only when it names that
 * ReplicaSet: after a rollback the verdict on the abandoned one stays until the controller sees
 * progress, and `kubectl rollout status` then fails a rollback that is going well.
 */
function deadlineExceeded(deploy: KubeObject, replicaSet: KubeObject | undefined): string | undefined {
  const progressing = (deploy.status?.conditions ?? []).find((c: { type: string }) => c.type === "Progressing");
  if (progressing?.reason !== "ProgressDeadlineExceeded" || !replicaSet) return undefined;
  const message: string = progressing.message ?? "";
  return message.includes(`"${replicaSet.metadata.name}"`) ? message.replace(/\.$/, "") : undefined;
}

/** A ReplicaSet's pod template as its Deployment holds it: without the pod-template-hash label the controller adds. */
export function deploymentTemplateOf(replicaSet: KubeObject | undefined): KubeObject["spec"] | undefined {
  const template = structuredClone(replicaSet?.spec?.template);
  delete template?.metadata?.labels?.["pod-template-hash"];
  return template;
}

/**
 * Paused, the controller still scales the current ReplicaSet, but rolls nothing: it stops only a
 * rollout that is left to do (a template with no ReplicaSet yet, or old pods still running).
 */
function pausedMidRollout(deploy: KubeObject, replicaSet: KubeObject | undefined): boolean {
  if (!deploy.spec?.paused) return false;
  if ((deploy.status?.replicas ?? 0) > (deploy.status?.updatedReplicas ?? 0)) return true;
  const template = deploymentTemplateOf(replicaSet);
  return !template || diffObjects(template, deploy.spec.template).length > 0;
}

/**
 * Why the controller cannot create the new pods (ReplicaFailure: a ResourceQuota, an admission
 * webhook), as a clause for the status, or "". Not a failure by itself: old pods going away may
 * free the quota.
 */
function cannotCreate(deploy: KubeObject): string {
  const failure = (deploy.status?.conditions ?? []).find((c: { type: string; status: string }) => c.type === "ReplicaFailure" && c.status === "True");
  return failure ? `; its pods cannot be created (${failure.reason}): ${failure.message}` : "";
}

/** Why a Deployment deleted mid-wait (gone, or held by a finalizer with its deletionTimestamp set) will never roll out. */
export const DELETED_MID_WAIT =
  "it was deleted while its rollout was awaited (a GitOps prune, a kubectl delete), and its pods go with it; " +
  "find out who did (the API server's audit log, your GitOps tool) before re-creating it from its manifest";

/** Why a pod will not start by itself (a crash loop, an image that cannot be pulled), with the command to see more. */
function wontStart(pod: KubeObject): string | undefined {
  // an init container that crash-loops (a failing migration) holds the pod before its containers start
  const statuses: (ContainerStatus & { init: boolean })[] = [
    ...(pod.status?.initContainerStatuses ?? []).map((cs: ContainerStatus) => ({ ...cs, init: true })),
    ...(pod.status?.containerStatuses ?? []).map((cs: ContainerStatus) => ({ ...cs, init: false })),
  ];
  const { name, namespace } = pod.metadata;
  // of several containers, the one is named: kubectl logs would show the first one's
  const several = statuses.length > 1;
  for (const cs of statuses) {
    const reason = cs.state?.waiting?.reason;
    const which = several ? `${cs.init ? "init container" : "container"} ${cs.name}, ` : "";
    const what = `pod ${name} is in ${reason} (${which}restarts: ${cs.restartCount ?? 0})`;
    if (reason === "CrashLoopBackOff") return `${what}; see why: kubectl logs --previous ${name}${several ? ` -c ${cs.name}` : ""} -n ${namespace}`;
    if (reason === "ImagePullBackOff" || reason === "ErrImagePull") return `${what}; check the image name and the pull secret: kubectl describe pod ${name} -n ${namespace}`;
  }
  return undefined;
}

/**
 * Whether a Deployment has really rolled out, by the rules `kubectl rollout status` uses, plus
 * what it cannot see: a pod crash-looping (or an image that cannot be pulled, or a paused
 * Deployment with a rollout left to do) fails the rollout at once instead of waiting it out.
 * `replicaSet` is the ReplicaSet of the current revision, `pods` its pods.
 */
export function rolloutStatus(deploy: KubeObject, pods: KubeObject[], replicaSet?: KubeObject): RolloutStatus {
  const spec = deploy.spec ?? {};
  const st = deploy.status ?? {};
  const want: number = spec.replicas ?? 1;
  const { namespace, name } = deploy.metadata;
  if (deploy.metadata.deletionTimestamp) return { done: false, failed: true, message: DELETED_MID_WAIT };
  if (pausedMidRollout(deploy, replicaSet)) {
    return { done: false, failed: true, message: `it is paused (kubectl rollout pause), so its pods will not change; resume it: kubectl rollout resume deployment/${name} -n ${namespace}` };
  }
  // Before the controller has seen the write, "current" pods are still the old template's: a
  // crash loop there is what the rollout is replacing, not a reason to stop.
  if ((deploy.metadata.generation ?? 0) > (st.observedGeneration ?? 0)) {
    return { done: false, failed: false, message: "waiting for the deployment controller to observe the new spec" };
  }
  const why = cannotCreate(deploy);
  const exceeded = deadlineExceeded(deploy, replicaSet);
  if (exceeded) {
    return {
      done: false,
      failed: true,
      message: `it exceeded its progress deadline (progressDeadlineSeconds: ${spec.progressDeadlineSeconds}): ${exceeded}${why}; see why: kubectl describe deployment/${name} -n ${namespace}`,
    };
  }
  for (const pod of pods) {
    const stuck = wontStart(pod);
    if (stuck) return { done: false, failed: true, message: stuck };
  }
  const updated = st.updatedReplicas ?? 0;
  const total = st.replicas ?? 0;
  const available = st.availableReplicas ?? 0;
  const waiting = (message: string): RolloutStatus => ({ done: false, failed: false, message: `${message}${why}` });
  if (updated < want) return waiting(`${updated} of ${want} updated replicas`);
  if (total > updated) return waiting(`${total - updated} old replicas pending termination`);
  if (available < updated) return waiting(`${available} of ${updated} updated replicas available`);
  return { done: true, message: `${available} of ${want} replicas updated and available` };
}
