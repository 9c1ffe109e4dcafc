import type { KubeObject } from "../ports/kube.ts";
import { formatMs, toMs, type Duration } from "../util/duration.ts";
import type { Deployment } from "../workloads/deployment.ts";
import { verdict, type Gate } from "./gate.ts";
import { checkPolicy } from "./options.ts";

export interface WarmupOptions {
  workload: Deployment;
  /** HTTP path to probe. Default: the container's readiness probe path, else "/". */
  path?: string;
  /** Container port. Default: the readiness probe port, else the first container port. */
  port?: number;
  /** Every probe of a round must answer 2xx within this. */
  maxLatency: Duration;
  /** Rounds in a row that must pass. Default 5. */
  consecutive?: number;
  interval?: Duration;
  timeout?: Duration;
}

function probeTarget(pod: KubeObject, opts: WarmupOptions): { port: number; path: string } {
  const c = pod.spec?.containers?.[0] ?? {};
  const http = c.readinessProbe?.httpGet;
  return {
    port: opts.port ?? (typeof http?.port === "number" ? http.port : undefined) ?? c.ports?.[0]?.containerPort ?? 8080,
    path: opts.path ?? http?.path ?? "/",
  };
}

/**
 * Sends its own requests to every ready pod of the workload (through the API server's pod proxy)
 * and passes only when all of them answer 2xx under `maxLatency` for N rounds in a row.
 * Readiness says "ready" while a JVM is still cold; this gate waits for warm.
 * @example gates.warmup({ workload: release, maxLatency: "300ms", consecutive: 5 })
 */
export function warmup(opts: WarmupOptions): Gate {
  const maxMs = toMs(opts.maxLatency, "warmup maxLatency");
  const policy = { interval: opts.interval ?? "5s", timeout: opts.timeout ?? "5m", consecutive: opts.consecutive ?? 5, failureLimit: Number.POSITIVE_INFINITY };
  checkPolicy("gates.warmup", policy, "");
  return {
    kind: "warmup",
    description: `every pod of ${opts.workload.label} answers under ${formatMs(maxMs)} for ${opts.consecutive ?? 5} rounds in a row`,
    // Slow rounds are expected while warming: only the timeout ends a warm-up gate as failed.
    policy,
    async evaluate({ ctx }) {
      const pods = (await opts.workload.pods()).filter((p) =>
        (p.status?.conditions ?? []).some((c: { type: string; status: string }) => c.type === "Ready" && c.status === "True"),
      );
      const at = ctx.clock.now();
      const base = { at, indicator: "probe-latency", subject: opts.workload.label, unit: "ms", threshold: `< ${formatMs(maxMs)}`, samples: pods.length };
      if (!pods.length) return verdict("inconclusive", `no ready pods of ${opts.workload.label} to probe yet`, { ...base, value: null });
      let worst = { ms: -1, pod: "", status: 200, path: "" };
      for (const pod of pods) {
        const { port, path } = probeTarget(pod, opts);
        const t0 = ctx.clock.now();
        const res = await ctx.kube.proxyGet({ namespace: pod.metadata.namespace!, name: pod.metadata.name, port, context: opts.workload.ref.context }, path);
        const ms = ctx.clock.now() - t0;
        const bad = res.status < 200 || res.status >= 300;
        if (bad || ms > worst.ms) worst = { ms, pod: pod.metadata.name, status: res.status, path };
        if (bad) break;
      }
      const query = `GET ${worst.path} on ${pods.length} pods`;
      if (worst.status < 200 || worst.status >= 300) {
        return verdict("failed", `pod ${worst.pod} answered ${worst.status} in ${Math.round(worst.ms)}ms`, { ...base, query, value: Math.round(worst.ms) });
      }
      const pass = worst.ms < maxMs;
      return verdict(
        pass ? "passed" : "failed",
        `slowest of ${pods.length} pods: ${worst.pod} in ${Math.round(worst.ms)}ms ${pass ? "<" : ">="} ${formatMs(maxMs)}`,
        { ...base, query, value: Math.round(worst.ms) },
      );
    },
  };
}
