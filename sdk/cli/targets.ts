import { UsageError } from "../errors.ts";
import { createSystemClock, type Clock } from "../ports/clock.ts";
import type { KubePort } from "../ports/kube.ts";
import type { MetricsPort } from "../ports/metrics.ts";
import type { DatabasePort } from "../ports/database.ts";

/** The ports a run acts through, and how to let go of them. */
export interface Target {
  kind: "sim" | "cluster";
  scenario?: string;
  /** Which cluster, for a real one. */
  detail?: string;
  kube: KubePort;
  metrics?: MetricsPort;
  databases?: DatabasePort;
  clock: Clock;
  close(): Promise<void>;
}

export interface TargetRequest {
  target: "sim" | "cluster";
  scenario: string;
  kubeconfig?: string;
  context?: string;
  prometheus?: string;
  prometheusHeaders: Record<string, string>;
}

/**
 * Builds the target's ports. The simulator and its client are loaded only when used, and the
 * cluster target only when asked for by name: nothing reaches a real cluster by default.
 */
export async function openTarget(req: TargetRequest): Promise<Target> {
  if (req.target === "sim") {
    const { startSimulator } = await import("../sim/simulator.ts");
    const sim = await startSimulator(req.scenario);
    return {
      kind: "sim",
      scenario: sim.scenario.name,
      kube: sim.kube,
      metrics: sim.metrics,
      databases: sim.databases,
      clock: sim.clock,
      close: () => sim.close(),
    };
  }
  const { createClientNodeKube, loadKubeConfig } = await import("../kube/client-node-port.ts");
  let kc;
  try {
    kc = loadKubeConfig(req.kubeconfig ? { kind: "file", path: req.kubeconfig } : { kind: "default" });
    if (req.context) kc.setCurrentContext(req.context);
  } catch (err) {
    throw new UsageError(`Could not load the kubeconfig${req.kubeconfig ? ` ${req.kubeconfig}` : ""}: ${(err as Error).message}`);
  }
  if (!kc.getCurrentCluster()) throw new UsageError("The kubeconfig names no current cluster: pass --kubeconfig FILE and --context NAME");
  let metrics: MetricsPort | undefined;
  if (req.prometheus) {
    const { createPrometheus } = await import("../metrics/prometheus.ts");
    metrics = createPrometheus({ url: req.prometheus, headers: req.prometheusHeaders });
  }
  return {
    kind: "cluster",
    detail: `${kc.getCurrentContext()} (${kc.getCurrentCluster()!.server})`,
    kube: createClientNodeKube(kc),
    ...(metrics ? { metrics } : {}),
    clock: createSystemClock(),
    close: async () => {},
  };
}
