import { createClusterModel } from "../../sdk/sim/model/index.ts";
import { scenarioSchema, type ScenarioInput } from "../../sdk/sim/scenario.ts";
import { builtinScenarios } from "../../sdk/sim/scenarios/index.ts";
import { ObjectStore } from "../../sdk/sim/store.ts";
import { TimeSeriesStore, type LabelMatcher } from "../../sdk/sim/tsdb.ts";
import type { KubeObject } from "../../sdk/ports/kube.ts";

/** A model cluster driven directly (no HTTP): the store, the TSDB and a hand-moved virtual clock. */
export function createWorld(source: string | ScenarioInput) {
  const scenario = scenarioSchema.parse(typeof source === "string" ? builtinScenarios[source] : source);
  const startMs = Date.parse(scenario.startAt);
  let now = startMs;
  const store = new ObjectStore(() => now);
  const tsdb = new TimeSeriesStore();
  const model = createClusterModel({ scenario, store, tsdb, startMs });
  const ns = scenario.namespace;

  const world = {
    scenario,
    store,
    tsdb,
    model,
    startMs,
    ns,
    now: () => now,
    /** Moves virtual time forward, as the clock's onAdvance would. */
    advance(seconds: number) {
      now += seconds * 1000;
      model.advanceTo(now);
    },
    deployment: (name: string) => store.get({ apiVersion: "apps/v1", kind: "Deployment", namespace: ns, name })!,
    replicaSets: (deployment: string) =>
      store
        .list("apps/v1", "ReplicaSet", ns)
        .filter((rs) => rs.metadata.ownerReferences?.[0]?.name === deployment)
        .sort((a, b) => revision(a) - revision(b)),
    pods: (labelSelector?: string) => store.list("v1", "Pod", ns, labelSelector),
    /** A write through the API: store, then reconcile, as the API face does. */
    write(obj: KubeObject) {
      const out = store.update(obj);
      model.reconcile();
      return out;
    },
    /** Puts back the pod template of `toRevision`, as `kubectl rollout undo --to-revision` does. */
    rollback(deployment: string, toRevision: number) {
      const rs = world.replicaSets(deployment).find((r) => revision(r) === toRevision)!;
      const template = structuredClone(rs.spec.template);
      delete template.metadata.labels["pod-template-hash"];
      const d = world.deployment(deployment);
      d.spec.template = template;
      return world.write(d);
    },
    scale(deployment: string, replicas: number) {
      const d = world.deployment(deployment);
      d.spec.replicas = replicas;
      return world.write(d);
    },
    /** Sum over matching series of their value at `at` (the last sample at or before it; 0 before the first). */
    valueAt(matchers: Record<string, string>, at: number): number {
      return tsdb.select(toMatchers(matchers), 0, at).reduce((sum, s) => sum + (s.samples[s.samples.length - 1]?.[1] ?? 0), 0);
    },
    increase(matchers: Record<string, string>, from: number, to: number): number {
      return world.valueAt(matchers, to) - world.valueAt(matchers, from);
    },
  };
  return world;
}

export type World = ReturnType<typeof createWorld>;

export const revision = (o: KubeObject): number => Number(o.metadata.annotations?.["deployment.kubernetes.io/revision"] ?? 0);

export const toMatchers = (labels: Record<string, string>): LabelMatcher[] =>
  Object.entries(labels).map(([name, value]) => ({ name, op: "=", value }));

export const condition = (obj: KubeObject, type: string) => (obj.status?.conditions ?? []).find((c: { type: string }) => c.type === type);

export const isReady = (pod: KubeObject): boolean => condition(pod, "Ready")?.status === "True";

/** Requests of one destination version as the destination reporter saw them. */
export const requests = (version: string, extra: Record<string, string> = {}) => ({
  __name__: "istio_requests_total",
  reporter: "destination",
  destination_version: version,
  ...extra,
});

/** The Linkerd world with an SMI TrafficSplit (backends checkout-api-stable/-release at 50/50) instead of the HTTPRoute. */
export const smiScenario: ScenarioInput = {
  ...builtinScenarios["linkerd-cold-jvm"]!,
  name: "smi",
  routes: [{ kind: "trafficsplit", name: "checkout-api", service: "checkout-api", split: { "checkout-api-stable": 50, "checkout-api-release": 50 } }],
};
