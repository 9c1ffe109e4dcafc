import { kubeTime } from "../kube-time.ts";
import type { KubeObject } from "../../ports/kube.ts";
import type { ObjectStore } from "../store.ts";
import { pausedScale } from "./deployment-scale.ts";
import {
  DESIRED_REPLICAS_ANNOTATION,
  MAX_REPLICAS_ANNOTATION,
  POD_TEMPLATE_HASH_LABEL,
  REVISION_ANNOTATION,
  REVISION_HISTORY_ANNOTATION,
  canonicalJson,
  controllerRef,
  controllerUid,
  podTemplateHash,
  revisionOf,
  templateWithoutHash,
} from "./meta.ts";

/**
 * The Deployment controller, after the real one (pkg/controller/deployment): it finds or creates the
 * ReplicaSet of the current pod template, moves the revision counter, rolls pods over within
 * maxSurge/maxUnavailable (or recreates them), prunes old revisions and reports status.
 */
export interface DeploymentController {
  /**
   * One sync of every Deployment. `replicaSets` are all ReplicaSets of their namespaces, with fresh
   * status. Returns the earliest virtual time a progress deadline falls due (sync again then).
   */
  sync(now: number, deployments: KubeObject[], replicaSets: KubeObject[]): number | undefined;
}

// API server defaults for fields a client may leave out.
const DEFAULT_MAX_SURGE = "25%";
const DEFAULT_MAX_UNAVAILABLE = "25%";
const DEFAULT_PROGRESS_DEADLINE_S = 600;
const DEFAULT_REVISION_HISTORY_LIMIT = 10;

interface Condition {
  type: string;
  status: "True" | "False" | "Unknown";
  reason: string;
  message: string;
  lastUpdateTime?: string;
  lastTransitionTime?: string;
}

const specOf = (rs: KubeObject): number => rs.spec?.replicas ?? 0;
const availableOf = (rs: KubeObject): number => rs.status?.availableReplicas ?? 0;
const sum = (list: KubeObject[], f: (rs: KubeObject) => number): number => list.reduce((a, rs) => a + f(rs), 0);
const byAge = (a: KubeObject, b: KubeObject): number =>
  (a.metadata.creationTimestamp ?? "").localeCompare(b.metadata.creationTimestamp ?? "") || a.metadata.name.localeCompare(b.metadata.name);

/** maxSurge (rounded up) and maxUnavailable (rounded down) resolved against the replica count, as Kubernetes does. */
function rolloutFenceposts(deployment: KubeObject): { maxSurge: number; maxUnavailable: number } {
  const replicas = deployment.spec?.replicas ?? 1;
  const ru = deployment.spec?.strategy?.rollingUpdate ?? {};
  const resolve = (value: unknown, roundUp: boolean): number => {
    if (typeof value === "number") return value;
    const s = String(value);
    if (s.endsWith("%")) {
      const x = (Number.parseInt(s, 10) * replicas) / 100;
      return roundUp ? Math.ceil(x) : Math.floor(x);
    }
    return Number.parseInt(s, 10) || 0;
  };
  const maxSurge = resolve(ru.maxSurge ?? DEFAULT_MAX_SURGE, true);
  const maxUnavailable = resolve(ru.maxUnavailable ?? DEFAULT_MAX_UNAVAILABLE, false);
  // both zero would deadlock the rollout; Kubernetes allows one unavailable pod then
  return { maxSurge, maxUnavailable: maxSurge === 0 && maxUnavailable === 0 ? 1 : maxUnavailable };
}

/** The replica-count annotations the controller sets on a ReplicaSet it creates or scales. */
function replicasAnnotations(d: KubeObject): Record<string, string> {
  const replicas = d.spec?.replicas ?? 1;
  return { [DESIRED_REPLICAS_ANNOTATION]: String(replicas), [MAX_REPLICAS_ANNOTATION]: String(replicas + rolloutFenceposts(d).maxSurge) };
}

/** A Deployment controller writing to `store`. */
export function createDeploymentController(store: ObjectStore): DeploymentController {
  const write = (obj: KubeObject, statusOnly = false) => Object.assign(obj, store.update(obj, { statusOnly }));
  /** Sizes `rs` for `d`, recording the Deployment's size it was scaled for; `refresh` records it even when the size stays. */
  const scale = (d: KubeObject, rs: KubeObject, replicas: number, refresh = false) => {
    const annotations = replicasAnnotations(d);
    const stale = Object.entries(annotations).some(([k, v]) => rs.metadata.annotations?.[k] !== v);
    if (specOf(rs) === replicas && !(refresh && stale)) return;
    rs.spec.replicas = replicas;
    rs.metadata.annotations = { ...rs.metadata.annotations, ...annotations };
    write(rs);
  };

  const createReplicaSet = (d: KubeObject, revision: number, now: number): KubeObject => {
    const hash = podTemplateHash(d.spec.template);
    const template = structuredClone(d.spec.template ?? {});
    template.metadata = { ...template.metadata, labels: { ...template.metadata?.labels, [POD_TEMPLATE_HASH_LABEL]: hash } };
    return store.create({
      apiVersion: "apps/v1",
      kind: "ReplicaSet",
      metadata: {
        name: `${d.metadata.name}-${hash}`,
        namespace: d.metadata.namespace,
        labels: { ...template.metadata.labels },
        annotations: { [REVISION_ANNOTATION]: String(revision), ...replicasAnnotations(d) },
        ownerReferences: [controllerRef(d)],
        creationTimestamp: kubeTime(now),
      },
      spec: {
        replicas: 0,
        selector: { ...d.spec.selector, matchLabels: { ...d.spec.selector?.matchLabels, [POD_TEMPLATE_HASH_LABEL]: hash } },
        template,
      },
    });
  };

  /** Reusing an old template's ReplicaSet gives it the next revision and remembers the one it had. */
  const bumpRevision = (rs: KubeObject, revision: number) => {
    const previous = rs.metadata.annotations?.[REVISION_ANNOTATION];
    const history = rs.metadata.annotations?.[REVISION_HISTORY_ANNOTATION];
    rs.metadata.annotations = {
      ...rs.metadata.annotations,
      [REVISION_ANNOTATION]: String(revision),
      ...(previous ? { [REVISION_HISTORY_ANNOTATION]: history ? `${history},${previous}` : previous } : {}),
    };
    write(rs);
  };

  const rollingUpdate = (d: KubeObject, newRS: KubeObject, old: KubeObject[]) => {
    const replicas = d.spec.replicas ?? 1;
    const { maxSurge, maxUnavailable } = rolloutFenceposts(d);
    const all = [newRS, ...old];

    // new ReplicaSet up, as far as the surge allows
    const newReplicas = specOf(newRS);
    if (newReplicas > replicas) scale(d, newRS, replicas);
    else if (newReplicas < replicas) {
      const room = replicas + maxSurge - sum(all, specOf);
      if (room > 0) scale(d, newRS, newReplicas + Math.min(room, replicas - newReplicas));
    }

    // old ReplicaSets down, never below minAvailable available pods
    if (sum(old, specOf) === 0) return;
    const minAvailable = replicas - maxUnavailable;
    const newUnavailable = specOf(newRS) - availableOf(newRS);
    let maxScaledDown = sum(all, specOf) - minAvailable - newUnavailable;
    if (maxScaledDown <= 0) return;
    // unhealthy old pods cost no availability: remove them first
    for (const rs of old) {
      const unhealthy = Math.min(maxScaledDown, specOf(rs) - availableOf(rs));
      if (unhealthy <= 0) continue;
      scale(d, rs, specOf(rs) - unhealthy);
      maxScaledDown -= unhealthy;
    }
    let excess = sum(all, availableOf) - minAvailable;
    for (const rs of old) {
      const n = Math.min(specOf(rs), excess);
      if (n <= 0) continue;
      scale(d, rs, specOf(rs) - n);
      excess -= n;
    }
  };

  const recreate = (d: KubeObject, newRS: KubeObject, old: KubeObject[]) => {
    if (old.some((rs) => specOf(rs) > 0)) {
      for (const rs of old) scale(d, rs, 0);
      return;
    }
    // new pods only once every old pod is gone
    if (old.some((rs) => (rs.status?.replicas ?? 0) > 0)) return;
    scale(d, newRS, d.spec.replicas ?? 1);
  };

  const pruneHistory = (d: KubeObject, old: KubeObject[]) => {
    const limit = d.spec.revisionHistoryLimit ?? DEFAULT_REVISION_HISTORY_LIMIT;
    const idle = old.filter((rs) => specOf(rs) === 0 && (rs.status?.replicas ?? 0) === 0).sort((a, b) => revisionOf(a) - revisionOf(b));
    for (const rs of idle.slice(0, Math.max(0, idle.length - limit))) {
      store.delete({ apiVersion: rs.apiVersion, kind: rs.kind, namespace: rs.metadata.namespace, name: rs.metadata.name });
    }
  };

  const syncOne = (now: number, d: KubeObject, owned: KubeObject[]): number | undefined => {
    const wanted = canonicalJson(templateWithoutHash(d.spec?.template));
    let newRS = owned.find((rs) => canonicalJson(templateWithoutHash(rs.spec?.template)) === wanted);
    const paused = d.spec?.paused === true;
    let event: Pick<Condition, "reason" | "message"> | undefined;
    const maxOld = Math.max(0, ...owned.filter((rs) => rs !== newRS).map(revisionOf));
    if (!newRS) {
      // paused, the controller makes no ReplicaSet for a new template: that would start the rollout
      if (!paused) {
        newRS = createReplicaSet(d, maxOld + 1, now);
        owned.push(newRS);
        event = { reason: "NewReplicaSetCreated", message: `Created new replica set "${newRS.metadata.name}"` };
      }
    } else {
      if (revisionOf(newRS) <= maxOld) bumpRevision(newRS, maxOld + 1);
      // Found only when no rollout was tracked yet: a rollback to an old ReplicaSet keeps the verdict
      // on the abandoned one (ProgressDeadlineExceeded) until the reused one progresses, as kube does.
      if (!d.status?.conditions?.some((c: Condition) => c.type === "Progressing")) {
        event = { reason: "FoundNewReplicaSet", message: `Found new replica set "${newRS.metadata.name}"` };
      }
    }
    if (newRS) {
      const revision = String(revisionOf(newRS));
      if (d.metadata.annotations?.[REVISION_ANNOTATION] !== revision) {
        d.metadata.annotations = { ...d.metadata.annotations, [REVISION_ANNOTATION]: revision };
        write(d);
      }
    }
    const old = owned.filter((rs) => rs !== newRS);
    if (paused) {
      for (const [rs, replicas] of pausedScale(d, rolloutFenceposts(d).maxSurge, newRS, owned)) scale(d, rs, replicas, true);
      pruneHistory(d, old);
    } else if (newRS) {
      if (d.spec.strategy?.type === "Recreate") recreate(d, newRS, old);
      else rollingUpdate(d, newRS, old);
      if (isComplete(d, newRS, owned)) pruneHistory(d, old);
    }
    return writeStatus(now, d, newRS, owned, paused, event);
  };

  const writeStatus = (
    now: number,
    d: KubeObject,
    newRS: KubeObject | undefined,
    owned: KubeObject[],
    paused: boolean,
    event: Pick<Condition, "reason" | "message"> | undefined,
  ): number | undefined => {
    const prev = d.status ?? {};
    const replicas = sum(owned, (rs) => rs.status?.replicas ?? 0);
    const updated = newRS?.status?.replicas ?? 0;
    const ready = sum(owned, (rs) => rs.status?.readyReplicas ?? 0);
    const available = sum(owned, availableOf);
    const desired = d.spec?.replicas ?? 1;
    const conditions: Condition[] = structuredClone(prev.conditions ?? []);

    const availability: Condition =
      available >= desired - rolloutFenceposts(d).maxUnavailable
        ? { type: "Available", status: "True", reason: "MinimumReplicasAvailable", message: "Deployment has minimum availability." }
        : { type: "Available", status: "False", reason: "MinimumReplicasUnavailable", message: "Deployment does not have minimum availability." };
    setCondition(conditions, now, availability);

    const rsName = newRS?.metadata.name ?? d.metadata.name;
    const complete = newRS !== undefined && isComplete(d, newRS, owned);
    const progressed =
      updated > (prev.updatedReplicas ?? 0) ||
      ready > (prev.readyReplicas ?? 0) ||
      available > (prev.availableReplicas ?? 0) ||
      replicas - updated < (prev.replicas ?? 0) - (prev.updatedReplicas ?? 0);
    const deadlineMs = (d.spec?.progressDeadlineSeconds ?? DEFAULT_PROGRESS_DEADLINE_S) * 1000;
    const lastProgress = (c: Condition | undefined) => (c?.lastUpdateTime ? Date.parse(c.lastUpdateTime) : Infinity);
    const before = conditions.find((c) => c.type === "Progressing");
    if (paused) setCondition(conditions, now, { type: "Progressing", status: "Unknown", reason: "DeploymentPaused", message: "Deployment is paused" });
    else if (complete) {
      setCondition(conditions, now, { type: "Progressing", status: "True", reason: "NewReplicaSetAvailable", message: `ReplicaSet "${rsName}" has successfully progressed.` });
    } else if (event) setCondition(conditions, now, { type: "Progressing", status: "True", ...event }, true);
    else if (progressed) {
      setCondition(conditions, now, { type: "Progressing", status: "True", reason: "ReplicaSetUpdated", message: `ReplicaSet "${rsName}" is progressing.` }, true);
    } else if (before?.status === "True" && now >= lastProgress(before) + deadlineMs) {
      setCondition(conditions, now, { type: "Progressing", status: "False", reason: "ProgressDeadlineExceeded", message: `ReplicaSet "${rsName}" has timed out progressing.` });
    }

    const status = {
      observedGeneration: d.metadata.generation,
      replicas,
      updatedReplicas: updated,
      readyReplicas: ready,
      availableReplicas: available,
      unavailableReplicas: Math.max(0, sum(owned, specOf) - available),
      conditions,
    };
    if (canonicalJson(status) !== canonicalJson(prev)) {
      d.status = status;
      write(d, true);
    }
    // a rollout still in progress times out unless it progresses again before its deadline
    const after = conditions.find((c) => c.type === "Progressing");
    if (paused || complete || after?.status !== "True") return undefined;
    return lastProgress(after) + deadlineMs;
  };

  return {
    sync(now, deployments, replicaSets) {
      let wake: number | undefined;
      for (const d of deployments) {
        const owned = replicaSets.filter((rs) => controllerUid(rs) === d.metadata.uid).sort(byAge);
        const due = syncOne(now, d, owned);
        if (due !== undefined && (wake === undefined || due < wake)) wake = due;
      }
      return wake;
    },
  };
}

/** Every desired pod runs the new template and is available, and nothing else runs. */
function isComplete(d: KubeObject, newRS: KubeObject, owned: KubeObject[]): boolean {
  const desired = d.spec?.replicas ?? 1;
  return (
    (newRS.status?.replicas ?? 0) === desired &&
    availableOf(newRS) === desired &&
    sum(owned, (rs) => rs.status?.replicas ?? 0) === desired
  );
}

/**
 * Sets a condition the way the controller does: unchanged conditions keep their timestamps,
 * lastTransitionTime moves only when status flips, and `touch` marks progress (lastUpdateTime = now).
 */
function setCondition(conditions: Condition[], now: number, next: Condition, touch = false): void {
  const i = conditions.findIndex((c) => c.type === next.type);
  const current = conditions[i];
  if (current && current.status === next.status && current.reason === next.reason && current.message === next.message && !touch) return;
  const at = kubeTime(now);
  const condition = { ...next, lastUpdateTime: at, lastTransitionTime: current?.status === next.status ? current.lastTransitionTime : at };
  if (i >= 0) conditions[i] = condition;
  else conditions.push(condition);
}
