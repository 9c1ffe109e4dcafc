import { kubeTime } from "../kube-time.ts";
import type { KubeObject } from "../../ports/kube.ts";
import type { ImageBehaviour, Scenario } from "../scenario.ts";
import type { ObjectStore } from "../store.ts";
import { keyOf, sha256Hex } from "./meta.ts";

/**
 * The kubelet: starts the containers of pods the controllers create, and plays their lifecycle on
 * virtual time (readiness, warm-up, crash loop with back-off). Its state is the truth the traffic
 * model and probes read; pod status in the store is written only when something changes.
 */

// Kubelet's crash-loop back-off: 10 s, doubling per restart, capped at five minutes.
const CRASH_BACKOFF_INITIAL_S = 10;
const CRASH_BACKOFF_MAX_S = 300;

/** What the kubelet knows about one pod. */
export interface PodRuntime {
  readonly namespace: string;
  readonly name: string;
  /** Current labels (a client may relabel a pod to take it out of service). */
  labels: Record<string, string>;
  /** The owning Deployment's name (Istio's destination_workload). */
  workload: string;
  readonly container: string;
  readonly image: string;
  /** Ports the container declares; empty means it accepts any. */
  readonly ports: number[];
  /** undefined when the scenario does not describe the image: it cannot be pulled. */
  readonly behaviour: ImageBehaviour | undefined;
  readonly createdAt: number;
  /** Start of the current container run; undefined while the container is waiting. */
  startedAt: number | undefined;
  ready: boolean;
  /** When `ready` last changed. */
  readySince: number;
  restartCount: number;
  waiting: { reason: string; message: string; until: number } | undefined;
  lastTerminated: { startedAt: number; finishedAt: number } | undefined;
  readonly podIP: string;
}

/** The kubelet of the model's one node. */
export interface Kubelet {
  /** Starts containers of pods it has not seen, forgets deleted pods, picks up label edits. */
  sync(pods: KubeObject[], now: number, workloadOf: (pod: KubeObject) => string): void;
  /** Plays every lifecycle event due up to `now`; true when any pod changed. */
  advance(now: number): boolean;
  /** Writes the status of every pod that changed since the last flush. */
  flush(store: ObjectStore): void;
  get(namespace: string, name: string): PodRuntime | undefined;
  pods(): Iterable<PodRuntime>;
  /** 0 just after the container started, 1 once warm. */
  warmness(pod: PodRuntime, now: number): number;
}

/** The kubelet of a scenario: image behaviour and faults come from it. */
export function createKubelet(scenario: Scenario): Kubelet {
  const faults = scenario.faults;
  const pods = new Map<string, PodRuntime>();
  const dirty = new Set<PodRuntime>();
  let ipSeq = 0;

  const adopt = (pod: KubeObject, now: number, workload: string): PodRuntime => {
    const container = pod.spec?.containers?.[0] ?? {};
    const image = String(container.image ?? "");
    const behaviour = scenario.images[image];
    const n = ++ipSeq;
    return {
      namespace: pod.metadata.namespace ?? "",
      name: pod.metadata.name,
      labels: { ...pod.metadata.labels },
      workload,
      container: String(container.name ?? "app"),
      image,
      ports: (container.ports ?? []).map((p: { containerPort: number }) => p.containerPort),
      behaviour,
      createdAt: now,
      startedAt: behaviour ? now : undefined,
      ready: false,
      readySince: now,
      restartCount: 0,
      waiting: behaviour ? undefined : { reason: "ImagePullBackOff", message: `Back-off pulling image "${image}"`, until: Infinity },
      lastTerminated: undefined,
      podIP: `10.244.${n >> 8}.${n & 255}`,
    };
  };

  /** Applies the next lifecycle event of `p` if it is due by `now`; false when none is. */
  const step = (p: PodRuntime, now: number): boolean => {
    const b = p.behaviour;
    if (!b) return false;
    if (p.startedAt === undefined) {
      if (!p.waiting || p.waiting.until > now) return false;
      // back-off over: the container starts again, cold
      p.startedAt = p.waiting.until;
      p.waiting = undefined;
      return true;
    }
    const readyAt = p.startedAt + faults.readinessSeconds * 1000;
    const crashAt = b.crashAfterSeconds === undefined ? Infinity : p.startedAt + b.crashAfterSeconds * 1000;
    if (!p.ready && readyAt < crashAt && readyAt <= now) {
      p.ready = true;
      p.readySince = readyAt;
      return true;
    }
    if (crashAt > now) return false;
    if (p.ready) p.readySince = crashAt;
    p.ready = false;
    p.restartCount++;
    const backoff = Math.min(CRASH_BACKOFF_MAX_S, CRASH_BACKOFF_INITIAL_S * 2 ** (p.restartCount - 1));
    p.lastTerminated = { startedAt: p.startedAt, finishedAt: crashAt };
    p.startedAt = undefined;
    p.waiting = {
      reason: "CrashLoopBackOff",
      message: `back-off ${backoff}s restarting failed container=${p.container} pod=${p.name}_${p.namespace}`,
      until: crashAt + backoff * 1000,
    };
    return true;
  };

  return {
    sync(list, now, workloadOf) {
      const seen = new Set<string>();
      for (const pod of list) {
        const key = keyOf(pod.metadata.namespace, pod.metadata.name);
        seen.add(key);
        const known = pods.get(key);
        if (known) {
          known.labels = { ...pod.metadata.labels };
          known.workload = workloadOf(pod);
          continue;
        }
        const p = adopt(pod, now, workloadOf(pod));
        pods.set(key, p);
        dirty.add(p);
      }
      for (const [key, p] of pods) {
        if (seen.has(key)) continue;
        pods.delete(key);
        dirty.delete(p);
      }
    },

    advance(now) {
      let changed = false;
      for (const p of pods.values()) {
        while (step(p, now)) {
          changed = true;
          dirty.add(p);
        }
      }
      return changed;
    },

    flush(store) {
      for (const p of dirty) {
        const obj = store.get({ apiVersion: "v1", kind: "Pod", namespace: p.namespace, name: p.name });
        if (!obj) continue;
        obj.status = podStatus(p);
        store.update(obj, { statusOnly: true });
      }
      dirty.clear();
    },

    get: (namespace, name) => pods.get(keyOf(namespace, name)),
    pods: () => pods.values(),
    warmness(p, now) {
      if (p.startedAt === undefined) return 0;
      if (faults.warmupSeconds === 0) return 1;
      return Math.min(1, Math.max(0, (now - p.startedAt) / (faults.warmupSeconds * 1000)));
    },
  };
}

/** The pod status a kubelet would report for `p`. */
function podStatus(p: PodRuntime): Record<string, unknown> {
  const created = kubeTime(p.createdAt);
  const notReady = { reason: "ContainersNotReady", message: `containers with unready status: [${p.container}]` };
  const readiness = { status: p.ready ? "True" : "False", lastProbeTime: null, lastTransitionTime: kubeTime(p.readySince), ...(p.ready ? {} : notReady) };
  const containerId = (run: number) => `containerd://${sha256Hex(`${p.namespace}/${p.name}/${run}`)}`;
  const state =
    p.startedAt !== undefined
      ? { running: { startedAt: kubeTime(p.startedAt) } }
      : { waiting: { reason: p.waiting?.reason, message: p.waiting?.message } };
  const lastState = p.lastTerminated
    ? {
        terminated: {
          exitCode: 1,
          reason: "Error",
          startedAt: kubeTime(p.lastTerminated.startedAt),
          finishedAt: kubeTime(p.lastTerminated.finishedAt),
          containerID: containerId(p.restartCount - 1),
        },
      }
    : {};
  const pulled = p.behaviour !== undefined;
  return {
    // a crash-looping pod stays Running (its container keeps being restarted); one whose image cannot be pulled never leaves Pending
    phase: pulled ? "Running" : "Pending",
    conditions: [
      { type: "PodReadyToStartContainers", status: "True", lastProbeTime: null, lastTransitionTime: created },
      { type: "Initialized", status: "True", lastProbeTime: null, lastTransitionTime: created },
      { type: "Ready", ...readiness },
      { type: "ContainersReady", ...readiness },
      { type: "PodScheduled", status: "True", lastProbeTime: null, lastTransitionTime: created },
    ],
    hostIP: "10.0.0.10",
    hostIPs: [{ ip: "10.0.0.10" }],
    podIP: p.podIP,
    podIPs: [{ ip: p.podIP }],
    startTime: created,
    qosClass: "BestEffort",
    containerStatuses: [
      {
        name: p.container,
        image: p.image,
        imageID: pulled ? `${p.image.replace(/:[^:/]*$/, "")}@sha256:${sha256Hex(p.image)}` : "",
        ...(p.startedAt !== undefined ? { containerID: containerId(p.restartCount) } : {}),
        ready: p.ready,
        started: p.startedAt !== undefined,
        restartCount: p.restartCount,
        state,
        lastState,
      },
    ],
  };
}
