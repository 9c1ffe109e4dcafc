import { createVirtualClock, type VirtualClock } from "../ports/clock.ts";
import type { KubePort } from "../ports/kube.ts";
import type { MetricsPort } from "../ports/metrics.ts";
import type { DatabasePort } from "../ports/database.ts";
import { createSimulatedDatabases } from "./database.ts";
import { createKube } from "../kube/index.ts";
import { createPrometheus } from "../metrics/prometheus.ts";
import { startKubeApiServer, type KubeApiServer } from "./kube-api/index.ts";
import { startPrometheusApi } from "./prometheus-api/index.ts";
import { createClusterModel, type ClusterModel } from "./model/index.ts";
import { resolveScenario } from "./load-scenario.ts";
import type { Scenario, ScenarioInput } from "./scenario.ts";
import { missingFromScenario } from "./scenario-objects.ts";
import { ObjectStore } from "./store.ts";
import { TimeSeriesStore } from "./tsdb.ts";

export interface Simulator {
  scenario: Scenario;
  clock: VirtualClock;
  /** The production Kubernetes client, pointed at the simulator's API server. */
  kube: KubePort;
  /** The production Prometheus client, pointed at the simulator's Prometheus API. */
  metrics: MetricsPort;
  /** The model's database, for schema gates. */
  databases: DatabasePort;
  kubeApi: KubeApiServer;
  prometheusUrl: string;
  store: ObjectStore;
  tsdb: TimeSeriesStore;
  model: ClusterModel;
  /** What to do about an object a plan names that this scenario lacks (for RunOptions.explainMissing). */
  explainMissing(object: string): string;
  close(): Promise<void>;
}

/**
 * Starts the built-in simulator: a model cluster on virtual time, served over the real wire APIs
 * on 127.0.0.1 (Kubernetes REST and Prometheus HTTP), so plans rehearse through exactly the client
 * code that talks to a real cluster.
 * @example
 * const sim = await startSimulator("cold-jvm");
 * try { await runPlan(myPlan, { mode: "run", kube: sim.kube, metrics: sim.metrics, clock: sim.clock, ... }); }
 * finally { await sim.close(); }
 */
export async function startSimulator(source: string | ScenarioInput): Promise<Simulator> {
  const scenario = resolveScenario(source);
  const startMs = Date.parse(scenario.startAt);
  const clock = createVirtualClock(startMs);
  const store = new ObjectStore(clock.now);
  const tsdb = new TimeSeriesStore();
  const model = createClusterModel({ scenario, store, tsdb, startMs });
  clock.onAdvance((_from, to) => model.advanceTo(to));

  const kubeApi = await startKubeApiServer({
    store,
    afterWrite: () => model.reconcile(),
    podProxy: (req) => {
      const answer = model.probe(req);
      if (!answer) return undefined;
      clock.advance(answer.latencyMs); // the probe took this long, in the world's time
      return { status: answer.status, body: answer.body };
    },
  });
  const skewMs = scenario.faults.prometheusClockSkewSeconds * 1000;
  const prometheus = await startPrometheusApi({ store: tsdb, now: () => clock.now() + skewMs });
  // the production port for this kubeconfig (static credentials: the lean node:http one)
  const kube = holdingClock(await createKube({ kind: "inline", content: kubeApi.kubeconfig() }), clock);
  const metrics = holdingClock(createPrometheus({ url: prometheus.url }), clock);
  return {
    scenario,
    clock,
    kube,
    metrics,
    databases: createSimulatedDatabases(scenario, model),
    kubeApi,
    prometheusUrl: prometheus.url,
    store,
    tsdb,
    model,
    explainMissing: (object) => missingFromScenario(scenario.name, object),
    async close() {
      await Promise.all([kubeApi.close(), prometheus.close()]);
    },
  };
}

/**
 * The port with each request holding the virtual clock until it is answered: without it, a pause
 * beside a request in flight would jump minutes ahead before the loopback server answered, and a
 * shift that takes milliseconds in the world would land after the pause in the rehearsal.
 */
export function holdingClock<P extends object>(port: P, clock: VirtualClock): P {
  return new Proxy(port, {
    get(target, key, receiver) {
      const value = Reflect.get(target, key, receiver);
      if (typeof value !== "function") return value;
      return (...args: unknown[]) => {
        const result = value.apply(target, args);
        return result instanceof Promise ? clock.hold(result) : result;
      };
    },
  });
}
