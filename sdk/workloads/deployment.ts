import { InvalidPlanError, RevisionNotFoundError, RolloutTimeoutError } from "../errors.ts";
import { currentContext } from "../engine/context.ts";
import { readRequired, writeObject } from "../engine/writes.ts";
import { waitFor } from "../engine/wait.ts";
import type { KubeObject, ObjectRef } from "../ports/kube.ts";
import { toMs, type Duration } from "../util/duration.ts";
import { mergePatchFrom } from "../util/merge-patch.ts";
import { rolloutStatus } from "./rollout-status.ts";

export interface DeploymentOptions {
  namespace: string;
  name: string;
  /** kubeconfig context, when the plan acts on several clusters. */
  context?: string;
}

/** One entry of a Deployment's history (its ReplicaSets). */
export interface DeploymentRevision {
  revision: number;
  replicaSet: string;
  images: string[];
}

export interface WaitOptions {
  /** Default 10 minutes. */
  timeout?: Duration;
  /** Default 2 seconds. */
  interval?: Duration;
}

/** A handle on an apps/v1 Deployment. Create it anywhere; its methods act inside a plan. */
export interface Deployment {
  readonly ref: ObjectRef;
  /** "Deployment prod/checkout-api" */
  readonly label: string;
  get(): Promise<KubeObject>;
  /** Pods of the current pod template (the ones a rollout is waiting for). */
  pods(): Promise<KubeObject[]>;
  /** Ready replicas now. */
  readyReplicas(): Promise<number>;
  /** Sets spec.replicas. Does not wait: follow with waitForRollout(). */
  scale(replicas: number): Promise<void>;
  /** Waits until every replica runs the current template and is available; fails fast on CrashLoopBackOff. */
  waitForRollout(options?: WaitOptions): Promise<void>;
  /** Revision history from the Deployment's ReplicaSets, oldest first. */
  revisions(): Promise<DeploymentRevision[]>;
  /** Puts back the pod template of `toRevision` (like `kubectl rollout undo --to-revision`). Does not wait. */
  rollback(options: { toRevision: number }): Promise<void>;
  /** Rolls forward to a new image. Does not wait. */
  setImage(image: string, options?: { container?: string }): Promise<void>;
  /** Restarts every pod (like `kubectl rollout restart`). Does not wait. */
  restart(): Promise<void>;
}

const REVISION = "deployment.kubernetes.io/revision";

/** The container images of a ReplicaSet's pod template. */
const imagesOf = (rs: KubeObject): string[] => (rs.spec?.template?.spec?.containers ?? []).map((c: { image: string }) => c.image);

/**
 * A Deployment handle.
 * @example
 * const release = deployment({ namespace: "prod", name: "checkout-api" });
 * await release.rollback({ toRevision: 2 });
 * await release.waitForRollout({ timeout: "5m" });
 */
export function deployment(options: DeploymentOptions): Deployment {
  const ref: ObjectRef = {
    apiVersion: "apps/v1",
    kind: "Deployment",
    namespace: options.namespace,
    name: options.name,
    ...(options.context ? { context: options.context } : {}),
  };
  const label = `Deployment ${options.namespace}/${options.name}`;
  const selectorOf = (d: KubeObject) =>
    Object.entries((d.spec?.selector?.matchLabels ?? {}) as Record<string, string>)
      .map(([k, v]) => `${k}=${v}`)
      .join(",");

  const replicaSets = async (d: KubeObject) => {
    const ctx = currentContext(`${label}: list ReplicaSets`);
    const all = await ctx.kube.list({ apiVersion: "apps/v1", kind: "ReplicaSet", namespace: options.namespace, labelSelector: selectorOf(d), context: options.context });
    return all.filter((rs) => rs.metadata.ownerReferences?.some((o) => o.uid === d.metadata.uid));
  };

  const currentPods = async (d: KubeObject) => {
    const ctx = currentContext(`${label}: list pods`);
    const revision = d.metadata.annotations?.[REVISION];
    const rs = (await replicaSets(d)).find((r) => r.metadata.annotations?.[REVISION] === revision);
    const hash = rs?.metadata.labels?.["pod-template-hash"];
    if (!hash) return [];
    return ctx.kube.list({ apiVersion: "v1", kind: "Pod", namespace: options.namespace, labelSelector: `${selectorOf(d)},pod-template-hash=${hash}`, context: options.context });
  };

  const templateWrite = (action: string, target: (current: KubeObject) => unknown) =>
    writeObject(currentContext(`${label}: ${action}`), {
      ref,
      action,
      patchFor: (current) => ({ spec: { template: mergePatchFrom(current.spec?.template, target(current)) } }),
    });

  const handle: Deployment = {
    ref,
    label,
    get: () => readRequired(currentContext(`${label}.get()`), ref),
    async pods() {
      return currentPods(await handle.get());
    },
    async readyReplicas() {
      return (await handle.get()).status?.readyReplicas ?? 0;
    },

    async scale(replicas) {
      if (!Number.isInteger(replicas) || replicas < 0) {
        throw new InvalidPlanError(`${label}: scale(${replicas}): replicas must be a whole number >= 0`);
      }
      await writeObject(currentContext(`${label}.scale()`), { ref, action: `scale to ${replicas}`, patchFor: () => ({ spec: { replicas } }) });
    },

    async waitForRollout(opts = {}) {
      const ctx = currentContext(`${label}.waitForRollout()`);
      const timeoutMs = toMs(opts.timeout ?? "10m", "waitForRollout timeout");
      const result = await waitFor(
        ctx,
        "rollout",
        ref,
        async () => {
          const d = await readRequired(ctx, ref);
          return rolloutStatus(d, await currentPods(d));
        },
        { timeoutMs, intervalMs: toMs(opts.interval ?? "2s", "waitForRollout interval") },
      );
      if (result.outcome === "timeout" || result.outcome === "failed") throw new RolloutTimeoutError(label, result.waitedMs, result.message);
    },

    async revisions() {
      const d = await handle.get();
      return (await replicaSets(d))
        .map((rs) => ({
          revision: Number(rs.metadata.annotations?.[REVISION] ?? 0),
          replicaSet: rs.metadata.name,
          images: imagesOf(rs),
        }))
        .sort((a, b) => a.revision - b.revision);
    },

    async rollback({ toRevision }) {
      const d = await handle.get();
      const sets = await replicaSets(d);
      const target = sets.find((rs) => Number(rs.metadata.annotations?.[REVISION]) === toRevision);
      if (!target) {
        const available = (await handle.revisions()).map((r) => `${r.revision} (${r.images.join(", ")})`);
        throw new RevisionNotFoundError(label, toRevision, available);
      }
      if (Number(d.metadata.annotations?.[REVISION]) === toRevision) {
        // As kubectl ("skipped rollback"): nothing to write. Said aloud, as it is more likely the
        // broken revision given by mistake than a rollback already done.
        currentContext(`${label}.rollback()`).journal.emit({ type: "note", text: `${label} is already at revision ${toRevision} (${imagesOf(target).join(", ")}): the rollback changes nothing` });
        return;
      }
      const template = structuredClone(target.spec.template);
      delete template.metadata?.labels?.["pod-template-hash"];
      await templateWrite(`roll back to revision ${toRevision}`, () => template);
    },

    async setImage(image, opts = {}) {
      await templateWrite(`roll forward to ${image}`, (current) => {
        const template = structuredClone(current.spec.template);
        const containers: { name: string; image: string }[] = template.spec.containers;
        const target = opts.container ? containers.find((c) => c.name === opts.container) : containers.length === 1 ? containers[0] : undefined;
        if (!target) {
          throw new InvalidPlanError(
            `${label}: setImage needs { container } naming one of: ${containers.map((c) => c.name).join(", ")}` +
              (opts.container ? ` (there is no '${opts.container}')` : ""),
          );
        }
        target.image = image;
        return template;
      });
    },

    async restart() {
      const ctx = currentContext(`${label}.restart()`);
      await templateWrite("restart", (current) => {
        const template = structuredClone(current.spec.template);
        template.metadata = { ...template.metadata, annotations: { ...template.metadata?.annotations, "kubectl.kubernetes.io/restartedAt": new Date(ctx.clock.now()).toISOString() } };
        return template;
      });
    },
  };
  return handle;
}
