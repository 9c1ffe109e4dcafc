/**
 * Simulator model benchmark: the cost of one virtual second (a tick: pod lifecycle, controllers,
 * autoscaler syncs, traffic), which bounds how fast a rehearsal of a long canary can be.
 */
import { createClusterModel } from "../sdk/sim/model/index.ts";
import { scenarioSchema } from "../sdk/sim/scenario.ts";
import { builtinScenarios } from "../sdk/sim/scenarios/index.ts";
import { ObjectStore } from "../sdk/sim/store.ts";
import { TimeSeriesStore } from "../sdk/sim/tsdb.ts";
import type { Figure } from "./engine.ts";

/** Where each benchmarked scenario's release pool is. */
const RELEASES: Record<string, string> = {
  "thin-stable-pool": "checkout-api", // Istio, with an autoscaler syncing every 15 s
  "linkerd-cold-jvm": "checkout-api-release",
  "nginx-cold-jvm": "checkout-api",
};

/** 600 ticks of `name`'s world with its release pool rolling forward to 2.0.1 from the first. */
function tenMinuteCanary(name: string): number {
  const scenario = scenarioSchema.parse(builtinScenarios[name]);
  let now = Date.parse(scenario.startAt);
  const store = new ObjectStore(() => now);
  const model = createClusterModel({ scenario, store, tsdb: new TimeSeriesStore(), startMs: now });
  const t0 = performance.now();
  const release = store.get({ apiVersion: "apps/v1", kind: "Deployment", namespace: scenario.namespace, name: RELEASES[name]! })!;
  release.spec.template.spec.containers[0].image = "registry.example.com/checkout-api:2.0.1";
  store.update(release);
  model.reconcile();
  model.advanceTo((now += 600_000));
  return performance.now() - t0;
}

export function simModel(repeats = 5): Figure[] {
  return Object.keys(RELEASES).flatMap((name) => {
    tenMinuteCanary(name); // warm the JIT
    const times = [...Array(repeats)].map(() => tenMinuteCanary(name)).sort((a, b) => a - b);
    const median = times[Math.floor(repeats / 2)]!;
    return [{ name: `${name}: 600 ticks with a rollout (median of ${repeats})`, value: +median.toFixed(1), unit: "ms", target: "< 100 ms", ok: median < 100 }];
  });
}
