import type { Scenario } from "../scenario.ts";
import { hashFraction } from "./meta.ts";
import type { Kubelet } from "./pod-lifecycle.ts";
import { podPerformance } from "./traffic.ts";

/** An HTTP GET through the API server's pod proxy. */
export interface ProbeRequest {
  namespace: string;
  pod: string;
  port: number;
  /** What the API server's proxy speaks to the pod; default http. */
  scheme?: "http" | "https";
  path: string;
}

/** What the pod answered, and how long it took in virtual ms. */
export interface ProbeResponse {
  status: number;
  latencyMs: number;
  body: string;
}

/**
 * Answers a probe the way the pod's application would. Health checks do not touch the database,
 * so only the cold start shows: a cold pod is slow and times out on a deterministic share of
 * probes (a hash of pod and virtual time stands in for chance, keeping runs reproducible).
 * undefined when no such pod exists.
 *
 * @example
 * probePod(scenario, kubelet, now, { namespace: "prod", pod: "checkout-api-x-y", port: 8080, path: "/healthz" })
 * // → { status: 200, latencyMs: 532, body: "ok" } while the pod is still cold
 */
export function probePod(scenario: Scenario, kubelet: Kubelet, now: number, req: ProbeRequest): ProbeResponse | undefined {
  const pod = kubelet.get(req.namespace, req.pod);
  if (!pod) return undefined;
  // nothing listens: the proxy answers at once
  if (pod.startedAt === undefined) return { status: 503, latencyMs: 0, body: "container not running" };
  if (pod.ports.length > 0 && !pod.ports.includes(req.port)) return { status: 503, latencyMs: 0, body: `connection refused on port ${req.port}` };
  if (now - pod.startedAt < scenario.faults.readinessSeconds * 1000) return { status: 503, latencyMs: 0, body: "connection refused: application starting" };
  // what a TLS server answers plain HTTP with, and what the proxy says when a plain one answers its handshake
  const httpsOnly = pod.behaviour?.httpsOnly ?? false;
  if (httpsOnly && req.scheme !== "https") return { status: 400, latencyMs: 0, body: "Client sent an HTTP request to an HTTPS server.\n" };
  if (!httpsOnly && req.scheme === "https") return { status: 503, latencyMs: 0, body: "error trying to reach service: tls: first record does not look like a TLS handshake" };

  const perf = podPerformance(scenario, kubelet, pod, now)!;
  const latencyMs = Math.round(perf.meanLatencyMs);
  if (hashFraction(`${req.namespace}/${req.pod}@${now}`) < perf.coldErrorRate) return { status: 503, latencyMs, body: "upstream request timeout" };
  return { status: 200, latencyMs, body: "ok" };
}
