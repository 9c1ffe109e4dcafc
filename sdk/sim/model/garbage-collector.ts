import type { KubeObject } from "../../ports/kube.ts";
import type { ObjectStore } from "../store.ts";
import { controllerUid } from "./meta.ts";

/**
 * The garbage collector's cascade: a ReplicaSet whose Deployment is gone is deleted, and so is a pod
 * whose ReplicaSet is gone (background propagation, as `kubectl delete deployment` does).
 * Returns the ReplicaSets and pods that survive.
 */
export function collectGarbage(
  store: ObjectStore,
  deployments: KubeObject[],
  replicaSets: KubeObject[],
  pods: KubeObject[],
): { replicaSets: KubeObject[]; pods: KubeObject[] } {
  const orphaned = (owners: KubeObject[], kind: string) => {
    const uids = new Set(owners.map((o) => o.metadata.uid));
    return (obj: KubeObject) => {
      const ref = obj.metadata.ownerReferences?.find((r) => r.controller);
      return ref !== undefined && ref.kind === kind && !uids.has(controllerUid(obj));
    };
  };
  const remove = (list: KubeObject[], isOrphan: (o: KubeObject) => boolean): KubeObject[] =>
    list.filter((obj) => {
      if (!isOrphan(obj)) return true;
      store.delete({ apiVersion: obj.apiVersion, kind: obj.kind, namespace: obj.metadata.namespace, name: obj.metadata.name });
      return false;
    });
  const liveReplicaSets = remove(replicaSets, orphaned(deployments, "Deployment"));
  return { replicaSets: liveReplicaSets, pods: remove(pods, orphaned(liveReplicaSets, "ReplicaSet")) };
}
