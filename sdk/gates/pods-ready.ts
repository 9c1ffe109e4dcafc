import type { KubeObject } from "../ports/kube.ts";
import { formatMs, toMs, type Duration } from "../util/duration.ts";
import type { Deployment } from "../workloads/deployment.ts";
import { verdict, type Gate } from "./gate.ts";
import { livePods } from "./pods.ts";
import { workloadIssues } from "./options.ts";
import { isCount, quoted, refuseIssues, unknownKeys } from "../plan/check-option.ts";

export interface PodsReadyOptions {
  workload: Deployment;
  /** How long every pod must have been ready without a break. Default "60s". */
  for?: Duration;
  /** Restarts tolerated during the gate. Default 0. */
  maxRestarts?: number;
}

/** Init containers too: one crash-looping in `Init:CrashLoopBackOff` keeps the pod from ever starting. */
const statusesOf = (pod: KubeObject): { restartCount?: number; state?: { waiting?: { reason?: string } } }[] => [
  ...(pod.status?.initContainerStatuses ?? []),
  ...(pod.status?.containerStatuses ?? []),
];
const restartsOf = (pod: KubeObject): number => statusesOf(pod).reduce((s, c) => s + (c.restartCount ?? 0), 0);

/**
 * When a ready pod turned ready, at the latest; undefined for a pod not ready (or one whose
 * condition has no readable time, which no API server writes). Kubernetes keeps whole seconds:
 * "03:00:07Z" may be 03:00:07.999, so such a time counts from the next second and the gate never
 * says a pod has been ready longer than it has.
 */
const readySince = (pod: KubeObject): number | undefined => {
  const cond = (pod.status?.conditions ?? []).find((c: { type: string }) => c.type === "Ready");
  const at = cond?.status === "True" ? Date.parse(cond.lastTransitionTime) : Number.NaN;
  if (Number.isNaN(at)) return undefined;
  return /\.\d/.test(cond.lastTransitionTime) ? at : at + 1000;
};

/** The restarts a pass tolerated, as a pass reports them: "no restarts" only when there were none. */
function restartsTolerated(restarts: [pod: string, count: number][], maxRestarts: number): string {
  if (!restarts.length) return "no restarts";
  const total = restarts.reduce((s, [, n]) => s + n, 0);
  const where = restarts.map(([pod, n]) => (restarts.length > 1 ? `${pod}: ${n}` : pod)).join(", ");
  return `${total} restart${total === 1 ? "" : "s"} during the gate (${where}), at most ${maxRestarts} a pod allowed`;
}

/**
 * Every pod of the workload's current template ready, continuously, for a duration, with no
 * restarts and no CrashLoopBackOff. Readiness alone is not health, but flapping readiness is
 * certainly not health.
 * @example gates.podsReady({ workload: release, for: "60s" })
 */
export function podsReady(opts: PodsReadyOptions): Gate {
  const issues = [...unknownKeys(opts, ["workload", "for", "maxRestarts"]), ...workloadIssues(opts?.workload)];
  if (opts?.maxRestarts !== undefined && !isCount(opts.maxRestarts, 0)) {
    issues.push({ path: "maxRestarts", message: `must be a whole number of restarts, 0 or more (got ${quoted(opts.maxRestarts)})` });
  }
  refuseIssues("gates.podsReady", issues);
  const forMs = toMs(opts.for ?? "60s", "podsReady for");
  const maxRestarts = opts.maxRestarts ?? 0;
  return {
    kind: "pods-ready",
    description: `all pods of ${opts.workload.label} ready for ${formatMs(forMs)} with at most ${maxRestarts} restarts`,
    policy: { interval: "5s", timeout: forMs + 5 * 60_000, failureLimit: 0 },
    holds: { ms: forMs, option: "for", what: "pods that turn ready during the gate" },
    async evaluate({ ctx, state }) {
      const at = ctx.clock.now();
      const want: number = (await opts.workload.get()).spec?.replicas ?? 0;
      const pods = await livePods(opts.workload);
      const base = { at, indicator: "pods-ready", subject: opts.workload.label, samples: pods.length, threshold: `${want} ready for ${formatMs(forMs)}` };
      const baseline = (state.get("restarts") as Map<string, number> | undefined) ?? new Map(pods.map((p) => [p.metadata.name, restartsOf(p)]));
      state.set("restarts", baseline);

      const restarts: [pod: string, count: number][] = [];
      for (const pod of pods) {
        const waiting = statusesOf(pod).find((c) => c.state?.waiting?.reason === "CrashLoopBackOff");
        if (waiting) return verdict("failed", `pod ${pod.metadata.name} is in CrashLoopBackOff (restarts: ${restartsOf(pod)})`, { ...base, value: restartsOf(pod), unit: "restarts" });
        const restarted = restartsOf(pod) - (baseline.get(pod.metadata.name) ?? 0);
        if (restarted > maxRestarts) return verdict("failed", `pod ${pod.metadata.name} restarted ${restarted} time${restarted === 1 ? "" : "s"} during the gate`, { ...base, value: restarted, unit: "restarts" });
        if (restarted > 0) restarts.push([pod.metadata.name, restarted]);
      }
      const ready = pods.filter((p) => readySince(p) !== undefined);
      if (want === 0) return verdict("inconclusive", `${opts.workload.label} is scaled to 0: nothing to judge`, { ...base, value: 0 });
      if (ready.length < want) return verdict("inconclusive", `${ready.length} of ${want} pods ready`, { ...base, value: ready.length });
      const since = Math.max(...ready.map((p) => readySince(p)!));
      // a node's clock ahead of the runner's: not yet ready "for" any time
      const readyFor = Math.max(0, at - since);
      const all = want === 1 ? "the one pod" : `all ${want} pods`;
      if (readyFor < forMs) return verdict("inconclusive", `${all} ready, for ${formatMs(readyFor)} of ${formatMs(forMs)}`, { ...base, value: readyFor, unit: "ms" });
      return verdict("passed", `${all} ready for ${formatMs(readyFor)}, ${restartsTolerated(restarts, maxRestarts)}`, { ...base, value: readyFor, unit: "ms" });
    },
  };
}
