import { kubeTime } from "../kube-time.ts";
import type { KubeObject } from "../../ports/kube.ts";
import type { ObjectStore } from "../store.ts";
import { NODE_NAME, canonicalJson, controllerRef, controllerUid, keyOf, safeSuffix } from "./meta.ts";
import type { PodRuntime } from "./pod-lifecycle.ts";

/**
 * The ReplicaSet controller: creates and deletes pods until each ReplicaSet owns spec.replicas of
 * them, and reports how many are ready and available.
 */
export interface ReplicaSetController {
  /** One sync of every ReplicaSet; `pods` are all pods of their namespaces, `runtime` the kubelet's view of one. */
  sync(now: number, replicaSets: KubeObject[], pods: KubeObject[], runtime: (pod: KubeObject) => PodRuntime | undefined): void;
}

/** A ReplicaSet controller writing to `store`; it remembers how many pod names each ReplicaSet generated. */
export function createReplicaSetController(store: ObjectStore): ReplicaSetController {
  // Per ReplicaSet, how many pod names it has generated: names stay deterministic across runs.
  const nameSeq = new Map<string, number>();

  const podName = (rs: KubeObject, taken: Set<string>): string => {
    const key = keyOf(rs.metadata.namespace, rs.metadata.name);
    for (;;) {
      const n = (nameSeq.get(key) ?? 0) + 1;
      nameSeq.set(key, n);
      const name = `${rs.metadata.name}-${safeSuffix(`${key}#${n}`, 5)}`;
      if (!taken.has(keyOf(rs.metadata.namespace, name))) return name;
    }
  };

  return {
    sync(now, replicaSets, pods, runtime) {
      const taken = new Set(pods.map((p) => keyOf(p.metadata.namespace, p.metadata.name)));
      const byOwner = new Map<string, KubeObject[]>();
      for (const p of pods) {
        const uid = controllerUid(p);
        if (!uid) continue;
        const list = byOwner.get(uid) ?? [];
        list.push(p);
        byOwner.set(uid, list);
      }

      for (const rs of replicaSets) {
        const want = rs.spec?.replicas ?? 1;
        let owned = byOwner.get(rs.metadata.uid!) ?? [];
        if (owned.length < want) {
          while (owned.length < want) {
            const name = podName(rs, taken);
            taken.add(keyOf(rs.metadata.namespace, name));
            owned.push(store.create(newPod(rs, name, now)));
          }
        } else if (owned.length > want) {
          const doomed = [...owned].sort(deletionOrder(runtime)).slice(0, owned.length - want);
          for (const p of doomed) store.delete({ apiVersion: "v1", kind: "Pod", namespace: p.metadata.namespace, name: p.metadata.name });
          owned = owned.filter((p) => !doomed.includes(p));
        }

        const ready = owned.filter((p) => runtime(p)?.ready).length;
        const status = {
          replicas: owned.length,
          fullyLabeledReplicas: owned.length,
          readyReplicas: ready,
          // minReadySeconds is 0 in the model: a ready pod is available at once
          availableReplicas: ready,
          observedGeneration: rs.metadata.generation,
        };
        if (canonicalJson(status) === canonicalJson(rs.status)) continue;
        rs.status = status;
        Object.assign(rs, store.update(rs, { statusOnly: true }));
      }
    },
  };
}

function newPod(rs: KubeObject, name: string, now: number): KubeObject {
  const template = rs.spec?.template ?? {};
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: {
      name,
      generateName: `${rs.metadata.name}-`,
      namespace: rs.metadata.namespace,
      labels: { ...template.metadata?.labels },
      ...(template.metadata?.annotations ? { annotations: { ...template.metadata.annotations } } : {}),
      ownerReferences: [controllerRef(rs)],
      creationTimestamp: kubeTime(now),
    },
    spec: { ...structuredClone(template.spec ?? {}), nodeName: NODE_NAME },
    status: { phase: "Pending" },
  };
}

/**
 * Which pods a scale-down removes first, as the real controller ranks them: not ready before ready,
 * more restarts before fewer, newer before older.
 */
function deletionOrder(runtime: (pod: KubeObject) => PodRuntime | undefined) {
  return (a: KubeObject, b: KubeObject): number => {
    const ra = runtime(a);
    const rb = runtime(b);
    const readyA = ra?.ready ? 1 : 0;
    const readyB = rb?.ready ? 1 : 0;
    if (readyA !== readyB) return readyA - readyB;
    const restarts = (rb?.restartCount ?? 0) - (ra?.restartCount ?? 0);
    if (restarts !== 0) return restarts;
    const age = (rb?.createdAt ?? 0) - (ra?.createdAt ?? 0);
    if (age !== 0) return age;
    return b.metadata.name.localeCompare(a.metadata.name);
  };
}
