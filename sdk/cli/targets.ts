import { MetricsUnavailableError, UsageError } from "../errors.ts";
import { createSystemClock, type Clock } from "../ports/clock.ts";
import type { KubePort } from "../ports/kube.ts";
import type { MetricsPort } from "../ports/metrics.ts";
import type { DatabasePort } from "../ports/database.ts";
import type { RunOptions } from "../engine/runner.ts";

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
  /** The simulator's word on an object its scenario lacks. */
  explainMissing?: (object: string) => string;
  close(): Promise<void>;
}

export interface TargetRequest {
  target: "sim" | "cluster";
  scenario: string;
  /** A kubeconfig file; or its content (the action's secret input), kept in memory. */
  kubeconfig?: string;
  kubeconfigContent?: string;
  context?: string;
  prometheus?: string;
  prometheusHeaders: Record<string, string>;
  /** Per Kubernetes API request (default 30 s). */
  requestTimeoutMs?: number;
  /** How the caller's user points at a kubeconfig, for errors (default: the CLI's flags). */
  kubeconfigHint?: string;
}

/**
 * What runPlan needs from a target: its ports, its clock, and how the journal names it. The CLI
 * and the action both start runs from a target; one function keeps them from drifting apart.
 */
export function runOptionsOf(target: Target): Pick<RunOptions, "kube" | "metrics" | "databases" | "clock" | "target" | "explainMissing"> {
  return {
    kube: target.kube,
    ...(target.metrics ? { metrics: target.metrics } : {}),
    ...(target.databases ? { databases: target.databases } : {}),
    clock: target.clock,
    target: { kind: target.kind, ...(target.scenario ? { scenario: target.scenario } : {}), ...(target.detail ? { detail: target.detail } : {}) },
    ...(target.explainMissing ? { explainMissing: target.explainMissing } : {}),
  };
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
      explainMissing: sim.explainMissing,
      close: () => sim.close(),
    };
  }
  // the lean node:http port for static credentials; client-node only for exec plugins and auth providers
  const { createKube, KubeconfigError } = await import("../kube/index.ts");
  let kube;
  try {
    const source = req.kubeconfigContent
      ? ({ kind: "inline", content: req.kubeconfigContent } as const)
      : req.kubeconfig
        ? ({ kind: "file", path: req.kubeconfig } as const)
        : ({ kind: "default" } as const);
    kube = await createKube(source, {
      ...(req.context ? { context: req.context } : {}),
      ...(req.requestTimeoutMs ? { requestTimeoutMs: req.requestTimeoutMs } : {}),
    });
  } catch (err) {
    // the hint says how to name a kubeconfig: no help when one was named, and the message says what is wrong with it
    if (err instanceof KubeconfigError) throw new UsageError(req.kubeconfig ? err.message : `${err.message} ${req.kubeconfigHint ?? "Pass --kubeconfig FILE and --context NAME."}`);
    throw new UsageError(`Could not load the kubeconfig${req.kubeconfig ? ` ${req.kubeconfig}` : ""}: ${(err as Error).message}`);
  }
  let metrics: MetricsPort | undefined;
  if (req.prometheus) {
    const { createPrometheus } = await import("../metrics/prometheus.ts");
    metrics = createPrometheus({ url: req.prometheus, headers: req.prometheusHeaders });
    await checkReachable(metrics);
  }
  return {
    kind: "cluster",
    detail: `${kube.context} (${kube.server})`,
    kube,
    ...(metrics ? { metrics } : {}),
    clock: createSystemClock(),
    close: async () => {},
  };
}

/**
 * One query before the plan starts: a Prometheus that cannot be reached (a typo, a missing
 * header, no route from the runner) is found before anything is changed, not at the first gate
 * with traffic already moved.
 */
async function checkReachable(metrics: MetricsPort): Promise<void> {
  try {
    await metrics.query("vector(1)");
  } catch (err) {
    if (!(err instanceof MetricsUnavailableError)) throw err;
    throw new UsageError(`${err.message} Nothing was changed (leave the URL out if the plan has no metric gates).`);
  }
}
