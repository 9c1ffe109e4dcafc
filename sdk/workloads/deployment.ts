import { checkKnownKeys, checkNames, checkOneOf, durationIssue, refuseIssues, unknownKeys } from "../plan/check-option.ts";
import { DeploymentPausedError, InvalidPlanError, RevisionNotFoundError, RolloutFailedError, RolloutTimeoutError } from "../errors.ts";
import { currentContext } from "../engine/context.ts";
import { readRequired, writeObject } from "../engine/writes.ts";
import { waitFor } from "../engine/wait.ts";
import { labelSelectorOf, type KubeObject, type ObjectRef } from "../ports/kube.ts";
import { toMs, type Duration } from "../util/duration.ts";
import { diffObjects } from "../util/diff.ts";
import { mergePatchFrom } from "../util/merge-patch.ts";
import { AUTOSCALER_CHOICES, autoscalerNote, autoscalersOf, holdAutoscalers, type AutoscalerChoice } from "./autoscaler.ts";
import { DELETED_MID_WAIT, deploymentTemplateOf, rolloutStatus } from "./rollout-status.ts";
import { noteRolledOut, recordRollout } from "./rollouts.ts";
import { watchedHandle } from "../engine/watched.ts";

export interface DeploymentOptions {
  namespace: string;
  name: string;
  /** kubeconfig context, when the plan acts on several clusters. */
  context?: string;
}

/** One entry of a Deployment's history (its ReplicaSets). */
export interface DeploymentRevision {
  revision: number;
  /**
   * The numbers this template had before: rolling back to a revision re-uses its ReplicaSet under
   * a new number (the `deployment.kubernetes.io/revision-history` annotation keeps the old ones).
   */
  formerly: number[];
  replicaSet: string;
  /** The images of its containers. */
  images: string[];
  /** The images of its init containers (a migration's): two revisions may differ only there. */
  initImages: string[];
}

export interface ScaleOptions {
  /**
   * A HorizontalPodAutoscaler of this Deployment: "hold" (default) makes the count its floor, so the
   * count holds and the autoscaler still adds pods for load; "leave" sets the count and leaves the
   * autoscaler as it is (it may move the count at its next sync). Scaling to 0 never changes it.
   */
  autoscaler?: AutoscalerChoice;
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
  /** Pods of the current pod template (the ones a rollout is waiting for); given the Deployment just read, it is not read again. */
  pods(deployment?: KubeObject): Promise<KubeObject[]>;
  /** Ready replicas now. */
  readyReplicas(): Promise<number>;
  /**
   * Sets spec.replicas. Does not wait: follow with waitForRollout(). When a HorizontalPodAutoscaler
   * scales this Deployment, it would move the count back: by default the count becomes its floor
   * (minReplicas, and maxReplicas if lower), journaled with a recommendation to put it back.
   */
  scale(replicas: number, options?: ScaleOptions): Promise<void>;
  /** Waits until every replica runs the current template and is available; fails fast on CrashLoopBackOff. */
  waitForRollout(options?: WaitOptions): Promise<void>;
  /** Revision history from the Deployment's ReplicaSets, oldest first. */
  revisions(): Promise<DeploymentRevision[]>;
  /**
   * Revision `n` (by its number now, or a former one), or a RevisionNotFoundError listing the
   * revisions there are: a plan checks the revision it was given before anything moves.
   */
  revision(n: number): Promise<DeploymentRevision>;
  /**
   * Puts back the pod template of `toRevision` (like `kubectl rollout undo --to-revision`). Does not wait.
   * A revision renumbered by an earlier rollback is still found by its old number, so a plan run
   * again (a re-run of the workflow) finds its rollback done and writes nothing.
   */
  rollback(options: { toRevision: number }): Promise<void>;
  /** Rolls forward to a new image. Does not wait. */
  setImage(image: string, options?: { container?: string }): Promise<void>;
  /** Restarts every pod (like `kubectl rollout restart`). Does not wait. */
  restart(): Promise<void>;
}

const REVISION = "deployment.kubernetes.io/revision";
/** The shortest pace of waitForRollout's looks, each of them three reads of the API server. */
const MIN_ROLLOUT_INTERVAL_MS = 500;
const REVISION_HISTORY = "deployment.kubernetes.io/revision-history";

/** The images of a ReplicaSet's pod template's containers, or of its init containers. */
const imagesOf = (rs: KubeObject, field: "containers" | "initContainers"): string[] => (rs.spec?.template?.spec?.[field] ?? []).map((c: { image: string }) => c.image);

/** A ReplicaSet's revision now, and the ones its template had before it was rolled back to. */
function numbersOf(rs: KubeObject): { revision: number; formerly: number[] } {
  const history = rs.metadata.annotations?.[REVISION_HISTORY];
  return { revision: Number(rs.metadata.annotations?.[REVISION] ?? 0), formerly: history ? history.split(",").map(Number) : [] };
}

/** A Deployment's ReplicaSets as its history, oldest first, each entry with its ReplicaSet. */
const historyOf = (sets: KubeObject[]): (DeploymentRevision & { rs: KubeObject })[] =>
  sets.map((rs) => ({ ...numbersOf(rs), replicaSet: rs.metadata.name, images: imagesOf(rs, "containers"), initImages: imagesOf(rs, "initContainers"), rs })).sort((a, b) => a.revision - b.revision);

/** A history entry as a plan sees it, without its ReplicaSet. */
const entryOf = ({ rs: _, ...entry }: DeploymentRevision & { rs: KubeObject }): DeploymentRevision => entry;

/**
 * The entry of `history` that is revision `n`: by its number now or, rolled back to since, by a
 * former one (so a plan run again after its rollback still finds the revision it names).
 */
export function revisionNumbered<T extends { revision: number; formerly: number[] }>(history: T[], n: number): T | undefined {
  return history.find((r) => r.revision === n) ?? history.find((r) => r.formerly.includes(n));
}

/** "3 (app:1.9.4; init migrate:41; formerly 1)" */
export const revisionText = (r: DeploymentRevision) =>
  `${r.revision} (${r.images.join(", ")}${r.initImages.length ? `; init ${r.initImages.join(", ")}` : ""}${r.formerly.length ? `; formerly ${r.formerly.join(", ")}` : ""})`;

/**
 * A Deployment handle.
 * @example
 * const release = deployment({ namespace: "prod", name: "checkout-api" });
 * await release.rollback({ toRevision: 2 });
 * await release.waitForRollout({ timeout: "5m" });
 */
export function deployment(options: DeploymentOptions): Deployment {
  checkNames("deployment", options, ["namespace", "name"], ["context"]);
  const ref: ObjectRef = {
    apiVersion: "apps/v1",
    kind: "Deployment",
    namespace: options.namespace,
    name: options.name,
    ...(options.context ? { context: options.context } : {}),
  };
  const label = `Deployment ${options.namespace}/${options.name}`;
  const podSelectorOf = (d: KubeObject) => labelSelectorOf(d.spec?.selector);

  const replicaSets = async (d: KubeObject) => {
    const ctx = currentContext(`${label}: list ReplicaSets`);
    const all = await ctx.kube.list({ apiVersion: "apps/v1", kind: "ReplicaSet", namespace: options.namespace, labelSelector: podSelectorOf(d), context: options.context });
    return all.filter((rs) => rs.metadata.ownerReferences?.some((o) => o.uid === d.metadata.uid));
  };

  /** The ReplicaSet of the Deployment's current revision, and its pods (none when there is no such ReplicaSet yet). */
  const current = async (d: KubeObject) => {
    const ctx = currentContext(`${label}: list pods`);
    const revision = d.metadata.annotations?.[REVISION];
    const rs = (await replicaSets(d)).find((r) => r.metadata.annotations?.[REVISION] === revision);
    const hash = rs?.metadata.labels?.["pod-template-hash"];
    if (!hash) return { replicaSet: rs, pods: [] };
    const pods = await ctx.kube.list({ apiVersion: "v1", kind: "Pod", namespace: options.namespace, labelSelector: [podSelectorOf(d), `pod-template-hash=${hash}`].filter(Boolean).join(","), context: options.context });
    return { replicaSet: rs, pods };
  };

  /** The Deployment now, and its revision `n` with the ReplicaSet (see {@link revisionNumbered}). */
  const find = async (n: number) => {
    const d = await handle.get();
    const history = historyOf(await replicaSets(d));
    const target = revisionNumbered(history, n);
    if (!target) throw new RevisionNotFoundError(label, n, history.map(revisionText), pruned(d, history, n));
    return { d, target };
  };

  /** Why revision `n` is missing when it is older than every revision kept: the controller deleted its ReplicaSet. */
  const pruned = (d: KubeObject, history: DeploymentRevision[], n: number) => {
    const oldest = Math.min(...history.flatMap((r) => [r.revision, ...r.formerly]));
    if (!(n >= 1 && n < oldest)) return "";
    const limit = d.spec?.revisionHistoryLimit ?? 10;
    return `Kubernetes keeps the ReplicaSets of ${limit} old revision${limit === 1 ? "" : "s"} (spec.revisionHistoryLimit: ${limit}) and deleted revision ${n}'s: roll forward to its image with setImage(image) instead.`;
  };

  /**
   * Writes a new pod template, recorded as the run's rollout (gates on its traffic wait for it);
   * refused on a paused Deployment (as kubectl's undo and restart are): it would roll nothing out.
   */
  const templateWrite = async (action: string, target: (current: KubeObject) => unknown) => {
    const ctx = currentContext(`${label}: ${action}`);
    const { object, changes } = await writeObject(ctx, {
      ref,
      action,
      patchFor: (current) => {
        if (current.spec?.paused) throw new DeploymentPausedError(label, action, `kubectl rollout resume deployment/${options.name} -n ${options.namespace}`);
        return { spec: { template: mergePatchFrom(current.spec?.template, target(current)) } };
      },
    });
    if (changes.length) recordRollout(ctx, ref, object);
  };

  const handle: Deployment = {
    ref,
    label,
    get: () => readRequired(currentContext(`${label}.get()`), ref),
    async pods(deployment) {
      return (await current(deployment ?? (await handle.get()))).pods;
    },
    async readyReplicas() {
      return (await handle.get()).status?.readyReplicas ?? 0;
    },

    async scale(replicas, opts = {}) {
      if (!Number.isInteger(replicas) || replicas < 0) {
        throw new InvalidPlanError(`${label}: scale(${JSON.stringify(replicas) ?? String(replicas)}): replicas must be a whole number >= 0, e.g. scale(3)`);
      }
      checkKnownKeys(`${label}: scale(${replicas})`, opts, ["autoscaler"]);
      checkOneOf(`${label}: scale(${replicas})`, "autoscaler", opts.autoscaler, AUTOSCALER_CHOICES);
      const ctx = currentContext(`${label}.scale()`);
      const autoscalers = await autoscalersOf(ctx, ref);
      if (autoscalers.length > 0 && replicas > 0 && opts.autoscaler !== "leave") await holdAutoscalers(ctx, handle, autoscalers, replicas);
      else if (autoscalers.length > 0) ctx.journal.emit({ type: "note", text: autoscalerNote(autoscalers, label, replicas) });
      await writeObject(ctx, { ref, action: `scale to ${replicas}`, patchFor: () => ({ spec: { replicas } }) });
    },

    async waitForRollout(opts = {}) {
      const issues = unknownKeys(opts, ["timeout", "interval"]);
      for (const issue of [
        opts.timeout === undefined ? undefined : durationIssue(opts.timeout, "timeout"),
        // each look is three reads: a shorter pace floods the API server mid-incident (0 would never let a virtual clock move)
        opts.interval === undefined ? undefined : durationIssue(opts.interval, "interval", MIN_ROLLOUT_INTERVAL_MS),
      ]) {
        if (issue) issues.push(issue);
      }
      refuseIssues(`${label}.waitForRollout()`, issues);
      const ctx = currentContext(`${label}.waitForRollout()`);
      const timeoutMs = toMs(opts.timeout ?? "10m", "waitForRollout timeout");
      // missing at the first look, the plan names the wrong Deployment; missing later, it was deleted
      let seen = false;
      const result = await waitFor(
        ctx,
        "rollout",
        ref,
        async () => {
          const d = seen ? await ctx.kube.get(ref) : await readRequired(ctx, ref);
          if (!d) return { done: false, failed: true, message: DELETED_MID_WAIT };
          seen = true;
          const { replicaSet, pods } = await current(d);
          const status = rolloutStatus(d, pods, replicaSet);
          if (status.done) noteRolledOut(ctx, ref, d);
          return status;
        },
        { timeoutMs, intervalMs: toMs(opts.interval ?? "2s", "waitForRollout interval") },
      );
      if (result.outcome === "failed") throw new RolloutFailedError(label, result.waitedMs, result.message);
      if (result.outcome === "timeout") throw new RolloutTimeoutError(label, result.waitedMs, result.message);
    },

    async revisions() {
      const d = await handle.get();
      return historyOf(await replicaSets(d)).map(entryOf);
    },

    async revision(n) {
      return entryOf((await find(n)).target);
    },

    async rollback(opts) {
      checkKnownKeys(`${label}.rollback()`, opts, ["toRevision"]);
      const toRevision = opts?.toRevision;
      if (!Number.isInteger(toRevision) || toRevision < 1) {
        throw new InvalidPlanError(`${label}.rollback(): toRevision must be a revision number (got ${JSON.stringify(toRevision) ?? "none"}), e.g. rollback({ toRevision: 2 }); revisions() lists them`);
      }
      const { d, target } = await find(toRevision);
      const template = deploymentTemplateOf(target.rs);
      // By the template, as kubectl: the revision annotation lags a template changed a moment ago
      // (the controller has not made its ReplicaSet yet), and then still names the target.
      if (diffObjects(template, d.spec?.template).length === 0) {
        // As kubectl ("skipped rollback"): nothing to write. Said aloud: at the revision asked for,
        // it is more likely the broken one given by mistake; renumbered, a rollback already done.
        const at = target.revision === toRevision ? `revision ${toRevision}` : `revision ${toRevision}'s template, now revision ${target.revision}`;
        const ctx = currentContext(`${label}.rollback()`);
        ctx.journal.emit({ type: "note", text: `${label} is already at ${at} (${target.images.join(", ")}): the rollback changes nothing` });
        ctx.kube.unsentWrite?.(ref, "patch");
        return;
      }
      await templateWrite(`roll back to revision ${toRevision}`, () => template);
    },

    async setImage(image, opts = {}) {
      // a preview would show "image: …:2.0.0 → " and the run meet a 422; refused before either
      if (typeof image !== "string" || image.trim() === "" || /\s/.test(image)) {
        throw new InvalidPlanError(`${label}.setImage(): ${JSON.stringify(image)} is not an image reference; give one like registry.example.com/checkout-api:2.0.1`);
      }
      await templateWrite(`roll forward to ${image}`, (current) => {
        const template = structuredClone(current.spec.template);
        const containers: { name: string; image: string }[] = template.spec.containers;
        // named, an init container too (a migration's image), as kubectl set image finds it
        const initContainers: { name: string; image: string }[] = template.spec.initContainers ?? [];
        const target = opts.container
          ? [...containers, ...initContainers].find((c) => c.name === opts.container)
          : containers.length === 1
            ? containers[0]
            : undefined;
        if (!target) {
          const names = [...containers.map((c) => c.name), ...initContainers.map((c) => `${c.name} (init container)`)];
          throw new InvalidPlanError(
            `${label}: setImage needs { container } naming one of: ${names.join(", ")}` + (opts.container ? ` (there is no '${opts.container}')` : ""),
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
  return watchedHandle(handle, label);
}
