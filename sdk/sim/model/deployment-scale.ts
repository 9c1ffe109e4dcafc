import type { KubeObject } from "../../ports/kube.ts";
import { DESIRED_REPLICAS_ANNOTATION, MAX_REPLICAS_ANNOTATION } from "./meta.ts";

/**
 * The sizes a paused Deployment's ReplicaSets are scaled to, after the real controller's `scale`
 * (pkg/controller/deployment/sync.go): paused, it rolls nothing out but still follows
 * `spec.replicas`. One active ReplicaSet (or none: the new one, else the newest) takes the whole
 * count; a saturated new ReplicaSet scales the old ones to zero; under RollingUpdate several active
 * ones share the change in proportion to their size against the size + surge each was last scaled
 * for (its `max-replicas` annotation, else the Deployment's status.replicas), the largest taking
 * the rounding leftover. `owned` are the Deployment's ReplicaSets, oldest first. Returns the
 * ReplicaSets to scale: those whose size changes, and every one a proportional scale touches
 * (kube refreshes their replica annotations even when the size stays).
 */
export function pausedScale(d: KubeObject, maxSurge: number, newRS: KubeObject | undefined, owned: KubeObject[]): Map<KubeObject, number> {
  const replicas: number = d.spec?.replicas ?? 1;
  const sizes = new Map<KubeObject, number>();
  const resize = (rs: KubeObject, n: number) => {
    if (specOf(rs) !== n) sizes.set(rs, n);
  };
  const active = owned.filter((rs) => specOf(rs) > 0);
  if (active.length <= 1) {
    const target = active[0] ?? newRS ?? owned.at(-1);
    if (target) resize(target, replicas);
    return sizes;
  }
  const saturated = newRS && specOf(newRS) === replicas && newRS.metadata.annotations?.[DESIRED_REPLICAS_ANNOTATION] === String(replicas) && (newRS.status?.availableReplicas ?? 0) === replicas;
  if (saturated) {
    for (const rs of active) if (rs !== newRS) resize(rs, 0);
    return sizes;
  }
  if (d.spec?.strategy?.type === "Recreate") return sizes;

  const total = active.reduce((n, rs) => n + specOf(rs), 0);
  const allowed = replicas > 0 ? replicas + maxSurge : 0;
  const toAdd = allowed - total;
  // largest first; of equal size, newer first when scaling up, older first when scaling down
  const age = (rs: KubeObject) => owned.indexOf(rs);
  const order = [...active].sort((a, b) => specOf(b) - specOf(a) || (toAdd > 0 ? age(b) - age(a) : age(a) - age(b)));
  let added = 0;
  const next = order.map((rs) => {
    if (toAdd === 0 || added === toAdd) return specOf(rs);
    const fraction = replicas === 0 ? -specOf(rs) : shareOf(rs, allowed, d.status?.replicas ?? 0);
    const proportion = toAdd > 0 ? Math.min(fraction, toAdd - added) : Math.max(fraction, toAdd - added);
    added += proportion;
    return specOf(rs) + proportion;
  });
  next[0] = Math.max(0, next[0]! + toAdd - added);
  order.forEach((rs, i) => sizes.set(rs, next[i]!));
  return sizes;
}

/** How many replicas `rs` gains (or loses) when the Deployment's size + surge becomes `allowed`. */
function shareOf(rs: KubeObject, allowed: number, statusReplicas: number): number {
  const before = Number(rs.metadata.annotations?.[MAX_REPLICAS_ANNOTATION]) || statusReplicas;
  return before > 0 ? Math.round((specOf(rs) * allowed) / before) - specOf(rs) : 0;
}

const specOf = (rs: KubeObject): number => rs.spec?.replicas ?? 0;
