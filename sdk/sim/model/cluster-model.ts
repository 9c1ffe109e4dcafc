import type { KubeObject } from "../../ports/kube.ts";
import type { Scenario } from "../scenario.ts";
import type { ObjectStore } from "../store.ts";
import type { Labels, TimeSeriesStore } from "../tsdb.ts";
import { createAutoscalerController } from "./autoscaler-controller.ts";
import { createDeploymentController } from "./deployment-controller.ts";
import { collectGarbage } from "./garbage-collector.ts";
import { controllerUid } from "./meta.ts";
import { createMeshMetrics } from "./metrics.ts";
import { createKubelet } from "./pod-lifecycle.ts";
import { probePod, type ProbeRequest, type ProbeResponse } from "./probe.ts";
import { createReplicaSetController } from "./replicaset-controller.ts";
import { seedScenario } from "./seed.ts";
import { reportRouteStatus } from "./route-status.ts";
import { readRoutes, type RouteTable } from "./routes.ts";
import { flowTraffic, planTraffic, type TrafficPlan } from "./traffic.ts";

/** The simulated cluster behind the simulator's API and Prometheus faces. */
export interface ClusterModel {
  /** Advance the world to virtual time `to` in 1-second ticks: pod lifecycle, traffic, counters; a TSDB sample of every counter every 5 s (the scrape interval). */
  advanceTo(to: number): void;
  /**
   * Run the controllers now (Deployment → ReplicaSets → Pods, statuses; autoscalers whose sync is
   * due) without moving time. Called after every API write: with `faults.controlPlaneLagSeconds`,
   * they run that long after the first write they have not acted on yet.
   */
  reconcile(): void;
  /** An HTTP GET sent through the API server's pod proxy to a pod: status and the latency it took in virtual ms (the caller charges it to the clock). undefined when no such pod. */
  probe(req: ProbeRequest): ProbeResponse | undefined;
  /** The database's schema version (a rollback does not rewind it). */
  readonly schemaVersion: number | undefined;
}

export interface ClusterModelOptions {
  scenario: Scenario;
  store: ObjectStore;
  tsdb: TimeSeriesStore;
  /** Virtual time the plan starts at; the model has simulated `scenario.warmHistorySeconds` before it. */
  startMs: number;
}

const TICK_MS = 1000;
/** Prometheus' scrape interval in the model. */
const SCRAPE_INTERVAL_MS = 5000;
// Pods of the seeded world started this long before the warm history, so they are warm when it begins.
const SEED_MARGIN_S = 60;
// A guard against controllers that never agree: a pass is one round of every controller, and a
// reconcile normally settles in three or four (pods created → started → statuses).
const MAX_RECONCILE_PASSES = 50;


/**
 * Builds the model, seeds the store with the scenario's world and plays its warm history, so that
 * metric windows ending at `startMs` have data. Wire it to the clock with
 * `clock.onAdvance((from, to) => model.advanceTo(to))` and call `reconcile()` after API writes.
 *
 * @example
 * const model = createClusterModel({ scenario, store, tsdb, startMs: clock.now() });
 * clock.onAdvance((_from, to) => model.advanceTo(to));
 */
export function createClusterModel(options: ClusterModelOptions): ClusterModel {
  const { scenario, store, tsdb, startMs } = options;
  const origin = startMs - scenario.warmHistorySeconds * 1000;
  const f = scenario.faults;
  const seedAt = origin - (Math.ceil(Math.max(f.readinessSeconds, f.warmupSeconds)) + SEED_MARGIN_S) * 1000;

  const kubelet = createKubelet(scenario);
  const replicaSetController = createReplicaSetController(store);
  const deploymentController = createDeploymentController(store);
  const autoscalerController = createAutoscalerController(store);
  const metrics = createMeshMetrics(scenario.namespace);

  let now = seedAt;
  let lastTick = seedAt;
  // the store version the model last reconciled: a write that skipped reconcile() is picked up on the next tick
  let seenVersion = "";
  let deploymentsDue: number | undefined;
  let autoscalersDue: number | undefined;
  let routes: RouteTable = new Map();
  let gauges: { labels: Labels; value: number }[] = [];
  // rebuilt only when pods or routes change: most ticks just replay it
  let plan: TrafficPlan | undefined;

  const lagMs = f.controlPlaneLagSeconds * 1000;
  // when the controllers act on the writes they have not seen yet (a lagging control plane)
  let writesActedOnAt: number | undefined;
  const lagging = () => writesActedOnAt !== undefined && now < writesActedOnAt;

  const reconcile = () => {
    writesActedOnAt = undefined;
    let deployments: KubeObject[] = [];
    for (let pass = 0; pass < MAX_RECONCILE_PASSES; pass++) {
      const before = store.resourceVersion;
      deployments = store.list("apps/v1", "Deployment");
      const live = collectGarbage(store, deployments, store.list("apps/v1", "ReplicaSet"), store.list("v1", "Pod"));
      const workloadByReplicaSet = new Map(live.replicaSets.map((rs) => [rs.metadata.uid, rs.metadata.ownerReferences?.find((r) => r.controller)?.name ?? rs.metadata.name]));
      kubelet.sync(live.pods, now, (pod) => workloadByReplicaSet.get(controllerUid(pod)) ?? pod.metadata.labels?.app ?? pod.metadata.name);
      kubelet.flush(store);
      replicaSetController.sync(now, live.replicaSets, live.pods, (pod) => kubelet.get(pod.metadata.namespace ?? "", pod.metadata.name));
      deploymentsDue = deploymentController.sync(now, deployments, live.replicaSets);
      autoscalersDue = autoscalerController.sync(now, deployments);
      reportRouteStatus(store, now);
      if (store.resourceVersion === before) break;
    }
    routes = readRoutes(store, scenario.namespace);
    gauges = deployments.map((d) => ({
      labels: { __name__: "kube_deployment_status_replicas_available", namespace: d.metadata.namespace ?? "", deployment: d.metadata.name },
      value: d.status?.availableReplicas ?? 0,
    }));
    seenVersion = store.resourceVersion;
    plan = undefined;
  };

  const isDue = (at: number | undefined) => at !== undefined && now >= at;

  /** Plays lifecycle events due by `now`, and reconciles when they, a write or a deadline call for it. */
  const settle = () => {
    // a lagging control plane acts on nothing until it has caught up with the writes
    if (lagging()) return;
    const changed = kubelet.advance(now);
    if (changed) plan = undefined;
    if (changed || store.resourceVersion !== seenVersion || isDue(deploymentsDue)) return reconcile();
    // an autoscaler syncs every 15 s and mostly finds its Deployment within bounds: a full reconcile only when it rescaled
    if (isDue(autoscalersDue)) {
      autoscalersDue = autoscalerController.sync(now, store.list("apps/v1", "Deployment"));
      if (store.resourceVersion !== seenVersion) reconcile();
    }
  };

  const tick = (t: number) => {
    now = t;
    settle();
    // the world before `origin` only gets the seeded pods running; traffic and scrapes start there
    if (t > origin) {
      plan ??= planTraffic(scenario, routes, kubelet, metrics);
      flowTraffic(plan, { scenario, kubelet, now: t, seconds: TICK_MS / 1000 });
    }
    if (t >= origin && (t - origin) % SCRAPE_INTERVAL_MS === 0) metrics.sample(tsdb, t + f.prometheusClockSkewSeconds * 1000, gauges);
  };

  const advanceTo = (to: number) => {
    for (let t = lastTick + TICK_MS; t <= to; t += TICK_MS) {
      tick(t);
      lastTick = t;
    }
    // between ticks (a probe's latency charged to the clock) only the lifecycle moves, so status is exact
    if (to > now) {
      now = to;
      settle();
    }
  };

  seedScenario(store, scenario, seedAt);
  reconcile();
  advanceTo(startMs);

  return {
    advanceTo,
    reconcile: () => {
      if (lagMs === 0) return reconcile();
      writesActedOnAt ??= now + lagMs;
    },
    probe: (req) => probePod(scenario, kubelet, now, req),
    get schemaVersion() {
      return scenario.database?.schemaVersion;
    },
  };
}
