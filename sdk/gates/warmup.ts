import { InvalidPlanError } from "../errors.ts";
import type { KubeObject } from "../ports/kube.ts";
import { formatMs, toMs, type Duration } from "../util/duration.ts";
import type { Deployment } from "../workloads/deployment.ts";
import { verdict, type Gate } from "./gate.ts";
import { checkPace, checkPolicy, workloadIssues } from "./options.ts";
import { checkOneOf, durationIssue, isCount, quoted, refuseIssues, unknownKeys } from "../plan/check-option.ts";
import { livePods } from "./pods.ts";

export interface WarmupOptions {
  workload: Deployment;
  /** HTTP path to probe. Default: the container's readiness probe path, else "/". */
  path?: string;
  /** Container port. Default: the readiness probe port (a named one resolved), else the container's first port. */
  port?: number;
  /** "https" for an app that serves TLS on the port. Default: the readiness probe's scheme, else "http". */
  scheme?: "http" | "https";
  /** The app's container. Default: the first with an HTTP readiness probe that is not a mesh's proxy. */
  container?: string;
  /** Every probe of a round must answer 2xx within this. */
  maxLatency: Duration;
  /** Rounds in a row that must pass. Default 5. */
  consecutive?: number;
  interval?: Duration;
  timeout?: Duration;
}

const WARMUP_OPTIONS = ["workload", "path", "port", "scheme", "container", "maxLatency", "consecutive", "interval", "timeout"];

/** Containers a mesh injects: their readiness answers for the proxy in a millisecond, however cold the app. */
const MESH_PROXIES = new Set(["istio-proxy", "linkerd-proxy"]);

interface Container {
  name?: string;
  ports?: { name?: string; containerPort?: number }[];
  readinessProbe?: { httpGet?: { path?: string; port?: number | string; scheme?: string } };
}

function appContainer(pod: KubeObject, name: string | undefined): Container {
  const containers: Container[] = pod.spec?.containers ?? [];
  if (name !== undefined) {
    const c = containers.find((x) => x.name === name);
    if (!c) throw new InvalidPlanError(`gates.warmup: pod ${pod.metadata.name} has no container '${name}'; its containers are: ${containers.map((x) => x.name).join(", ")}`);
    return c;
  }
  const apps = containers.filter((c) => !MESH_PROXIES.has(c.name ?? ""));
  return apps.find((c) => c.readinessProbe?.httpGet) ?? apps[0] ?? containers[0] ?? {};
}

/** A probe's port: a number, or a port name resolved against the container's ports. */
function portOf(pod: KubeObject, c: Container, port: number | string | undefined): number | undefined {
  if (typeof port === "number" || port === undefined) return port;
  if (/^\d+$/.test(port)) return Number(port);
  const named = c.ports?.find((p) => p.name === port)?.containerPort;
  if (named !== undefined) return named;
  const names = (c.ports ?? []).map((p) => p.name).filter(Boolean);
  throw new InvalidPlanError(
    `gates.warmup: container '${c.name}' of pod ${pod.metadata.name} probes readiness on port '${port}', which names none of its ports` +
      `${names.length ? ` (${names.join(", ")})` : ""}: give the gate a port, e.g. gates.warmup({ …, port: 8080 })`,
  );
}

/** Where the probed path came from: the gate's `path`, the container's readiness probe, or "/" for want of either. */
type PathSource = "option" | "readiness probe" | "default";

function probeTarget(pod: KubeObject, opts: WarmupOptions): { port: number; path: string; pathFrom: PathSource; scheme: "http" | "https" } {
  const c = appContainer(pod, opts.container);
  const http = c.readinessProbe?.httpGet;
  return {
    port: opts.port ?? portOf(pod, c, http?.port) ?? c.ports?.[0]?.containerPort ?? 8080,
    path: opts.path ?? http?.path ?? "/",
    pathFrom: opts.path !== undefined ? "option" : http?.path !== undefined ? "readiness probe" : "default",
    // the pod proxy speaks plain HTTP unless told: an HTTPS-only app would answer 400 every round
    scheme: opts.scheme ?? (http?.scheme?.toUpperCase() === "HTTPS" ? "https" : "http"),
  };
}

/** What to do about a probe answered with `status` that would fail every round the same way, or "". */
function probeHint(worst: { status: number; scheme: string; path: string; pathFrom: PathSource }): string {
  if (worst.status === 400 && worst.scheme === "http") return ` (over plain HTTP: if the app serves HTTPS, give the gate scheme: "https")`;
  if (![401, 403, 404, 405].includes(worst.status)) return "";
  if (worst.pathFrom === "default") return ` (the container has no HTTP readiness probe, so the gate asks for ${worst.path}: give it a path the app answers 200 on, e.g. path: "/healthz")`;
  return worst.pathFrom === "option" ? ` (check the gate's path ${worst.path})` : "";
}

/**
 * Sends its own requests to every ready pod of the workload (through the API server's pod proxy)
 * and passes only when all of them answer 2xx under `maxLatency` for N rounds in a row.
 * Readiness says "ready" while a JVM is still cold; this gate waits for warm.
 * @example gates.warmup({ workload: release, maxLatency: "300ms", consecutive: 5 })
 */
export function warmup(opts: WarmupOptions): Gate {
  const issues = [...unknownKeys(opts, WARMUP_OPTIONS), ...workloadIssues(opts?.workload)];
  if (opts && opts.maxLatency === undefined) issues.push({ path: "maxLatency", message: `is missing; give the slowest answer a warm pod may give, e.g. maxLatency: "300ms"` });
  // "0ms": no answer is that fast, so every round would fail until the timeout
  const latencyIssue = opts?.maxLatency === undefined ? undefined : durationIssue(opts.maxLatency, "maxLatency");
  if (latencyIssue) issues.push(latencyIssue);
  if (opts?.port !== undefined && !(isCount(opts.port, 1) && opts.port <= 65535)) issues.push({ path: "port", message: `must be a port number, 1-65535 (got ${quoted(opts.port)})` });
  if (opts?.path !== undefined && !(typeof opts.path === "string" && opts.path.startsWith("/"))) issues.push({ path: "path", message: `must be an HTTP path starting with "/", e.g. "/healthz" (got ${quoted(opts.path)})` });
  refuseIssues("gates.warmup", issues);
  checkOneOf("gates.warmup", "scheme", opts.scheme, ["http", "https"]);
  const maxMs = toMs(opts.maxLatency, "warmup maxLatency");
  const policy = { interval: opts.interval ?? "5s", timeout: opts.timeout ?? "5m", consecutive: opts.consecutive ?? 5, failureLimit: Number.POSITIVE_INFINITY };
  checkPolicy("gates.warmup", policy, "");
  checkPace("gates.warmup", policy, "");
  return {
    kind: "warmup",
    description: `every pod of ${opts.workload.label} answers under ${formatMs(maxMs)} for ${opts.consecutive ?? 5} rounds in a row`,
    // Slow rounds are expected while warming: only the timeout ends a warm-up gate as failed.
    policy,
    async evaluate({ ctx }) {
      const workload = await opts.workload.get();
      const pods = (await livePods(opts.workload, workload)).filter((p) => (p.status?.conditions ?? []).some((c: { type: string; status: string }) => c.type === "Ready" && c.status === "True"));
      // a pod not ready yet takes traffic cold the moment it is: all of them must be probed
      const desired: number = workload.spec?.replicas ?? 1;
      const at = ctx.clock.now();
      const base = { at, indicator: "probe-latency", subject: opts.workload.label, unit: "ms", threshold: `< ${formatMs(maxMs)}`, samples: pods.length };
      if (!pods.length) return verdict("inconclusive", `no ready pods of ${opts.workload.label} to probe yet`, { ...base, value: null });
      let worst = { ms: -1, pod: "", status: 200, path: "", pathFrom: "default" as PathSource, scheme: "http" };
      for (const pod of pods) {
        const { port, path, pathFrom, scheme } = probeTarget(pod, opts);
        const t0 = ctx.clock.now();
        const res = await ctx.kube.proxyGet({ namespace: pod.metadata.namespace!, name: pod.metadata.name, port, scheme, context: opts.workload.ref.context }, path);
        const ms = ctx.clock.now() - t0;
        const bad = res.status < 200 || res.status >= 300;
        if (bad || ms > worst.ms) worst = { ms, pod: pod.metadata.name, status: res.status, path, pathFrom, scheme };
        if (bad) break;
      }
      const query = `GET ${worst.path} on ${pods.length} pods`;
      if (worst.status < 200 || worst.status >= 300) {
        return verdict("failed", `pod ${worst.pod} answered ${worst.status} in ${Math.round(worst.ms)}ms${probeHint(worst)}`, { ...base, query, value: Math.round(worst.ms) });
      }
      const pass = worst.ms < maxMs;
      const slowest = `slowest of ${pods.length} pods: ${worst.pod} in ${Math.round(worst.ms)}ms ${pass ? "<" : ">="} ${formatMs(maxMs)}`;
      if (pass && pods.length < desired) {
        return verdict("inconclusive", `${pods.length} of ${desired} pods ready: waiting to probe them all (${slowest})`, { ...base, query, value: Math.round(worst.ms) });
      }
      return verdict(pass ? "passed" : "failed", slowest, { ...base, query, value: Math.round(worst.ms) });
    },
  };
}
