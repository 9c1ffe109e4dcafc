import { kubeTime } from "../../sdk/sim/kube-time.ts";
import type { KubeObject } from "../../sdk/ports/kube.ts";
import type { ObjectStore } from "../../sdk/sim/store.ts";

export interface PodState {
  name: string;
  /** ms since epoch the pod became Ready, or false when it is not ready. */
  readySince: number | false;
  restarts?: number;
  /** e.g. "CrashLoopBackOff" */
  waiting?: string;
}

export interface RevisionSeed {
  revision: number;
  hash: string;
  image: string;
  annotations?: Record<string, string>;
  /** The numbers its template had before it was rolled back to (`deployment.kubernetes.io/revision-history`). */
  formerly?: number[];
}

const NS = "prod";
const NAME = "checkout-api";
const REVISION = "deployment.kubernetes.io/revision";

/**
 * A Deployment prod/checkout-api with one ReplicaSet per revision (the last one current) and the
 * current revision's pods, the way the API server would show them.
 */
export function seedDeployment(store: ObjectStore, opts: { replicas: number; revisions: RevisionSeed[]; pods?: PodState[] }): void {
  const current = opts.revisions.at(-1)!;
  const template = (r: RevisionSeed) => ({
    metadata: { labels: { app: NAME, "pod-template-hash": r.hash }, annotations: r.annotations ?? {} },
    spec: { containers: [{ name: "app", image: r.image, ports: [{ containerPort: 8080 }], readinessProbe: { httpGet: { path: "/ready", port: 8080 } } }] },
  });
  const d = store.create({
    apiVersion: "apps/v1",
    kind: "Deployment",
    metadata: { name: NAME, namespace: NS, annotations: { [REVISION]: String(current.revision) } },
    spec: { replicas: opts.replicas, selector: { matchLabels: { app: NAME } }, template: template(current) },
  });
  for (const r of opts.revisions) {
    store.create({
      apiVersion: "apps/v1",
      kind: "ReplicaSet",
      metadata: {
        name: `${NAME}-${r.hash}`,
        namespace: NS,
        labels: { app: NAME, "pod-template-hash": r.hash },
        annotations: { [REVISION]: String(r.revision), ...(r.formerly ? { "deployment.kubernetes.io/revision-history": r.formerly.join(",") } : {}) },
        ownerReferences: [{ apiVersion: "apps/v1", kind: "Deployment", name: NAME, uid: d.metadata.uid!, controller: true }],
      },
      spec: { replicas: r === current ? opts.replicas : 0, template: template(r) },
    });
  }
  for (const p of opts.pods ?? []) store.create(podObject(p, current));
}

function podObject(p: PodState, r: RevisionSeed): KubeObject {
  return {
    apiVersion: "v1",
    kind: "Pod",
    metadata: { name: p.name, namespace: NS, labels: { app: NAME, "pod-template-hash": r.hash } },
    spec: { containers: [{ name: "app", image: r.image, readinessProbe: { httpGet: { path: "/ready", port: 8080 } } }] },
    status: {
      conditions: [{ type: "Ready", status: p.readySince === false ? "False" : "True", lastTransitionTime: kubeTime(p.readySince || 0) }],
      containerStatuses: [{ name: "app", restartCount: p.restarts ?? 0, ready: p.readySince !== false, state: p.waiting ? { waiting: { reason: p.waiting } } : { running: {} } }],
    },
  };
}

/** Replaces a pod's status, as the kubelet would between two rounds of a gate. */
export function updatePod(store: ObjectStore, p: PodState, r: RevisionSeed): void {
  const existing = store.get({ apiVersion: "v1", kind: "Pod", namespace: NS, name: p.name })!;
  store.update({ ...existing, status: podObject(p, r).status });
}
