import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { indicatorsFor } from "../../sdk/gates/indicators/index.ts";
import { latency, successRate } from "../../sdk/gates/metric.ts";
import { read } from "../../sdk/gates/measure.ts";
import { createPrometheus } from "../../sdk/metrics/prometheus.ts";
import type { MetricsPort } from "../../sdk/ports/metrics.ts";
import { havePrometheus, openMetrics, PROMETHEUS_MISSING, startPrometheus, type PrometheusServer } from "../helpers/prometheus-server.ts";
import { linkerdDeployment, nginxBackend } from "./history.ts";
import { counterAt, gateContext, roundOf } from "./support.ts";

const MIN = 60_000;
const T0 = Math.floor(Date.now() / MIN) * MIN - 60 * MIN;
const AT = T0 + 30 * MIN;
const FAST: [number, number][] = [[50, 0], [100, 0.5], [250, 1]]; // p99 = 247ms
const SLOW: [number, number][] = [[500, 0], [1000, 0.2], [2500, 1]]; // p99 = 1000 + 1500 × 0.79/0.8 = 2481ms

const outbound = (dst_service: string, classification: string, rps: number) => ({
  name: "response_total",
  labels: { direction: "outbound", namespace: "web", deployment: "frontend", dst_namespace: "prod", dst_service, classification },
  value: (t: number) => counterAt([[T0, rps]], t),
});

const history = openMetrics(
  [
    ...linkerdDeployment("prod", "checkout-api-release", { rate: [[T0, 10]], errorShare: 0.03, latency: FAST }),
    ...linkerdDeployment("prod", "checkout-api-stable", { rate: [[T0, 20]], errorShare: 0, latency: SLOW }),
    outbound("checkout-api", "success", 29),
    outbound("checkout-api", "failure", 1),
    // the primary Ingress "checkout" → Service checkout-stable, its canary Ingress → checkout-canary (port 80)
    ...nginxBackend("prod", "checkout", "checkout-stable", "", { rate: [[T0, 20]], errorShare: 0.01, latency: FAST }),
    ...nginxBackend("prod", "checkout", "checkout-stable", "prod-checkout-canary-80", { rate: [[T0, 5]], errorShare: 0, latency: SLOW }),
    // another app whose canary's upstream starts like checkout-stable's name: never counted for it
    ...nginxBackend("prod", "other", "other", "prod-checkout-stable-next-80", { rate: [[T0, 100]], errorShare: 0.5 }),
  ],
  T0,
  T0 + 59 * MIN,
);

describe.skipIf(!havePrometheus)(`built-in indicators on a real Prometheus${havePrometheus ? "" : ` (skipped: ${PROMETHEUS_MISSING})`}`, () => {
  let prom: PrometheusServer;
  let metrics: MetricsPort;
  beforeAll(async () => {
    prom = await startPrometheus(history);
    metrics = createPrometheus({ url: prom.url });
  });
  afterAll(() => prom?.stop());
  const judge = (gate: ReturnType<typeof successRate>) => gate.evaluate(roundOf(gateContext({ metrics, at: AT })));

  describe("Linkerd (response_total, response_latency_ms)", () => {
    // as an SMI TrafficSplit or HTTPRoute names it: the backend, whose Deployment has its name
    const backend = (name: string) => ({ mesh: "linkerd", namespace: "prod", service: name, minRequests: 100 });

    it("judges a backend by its Deployment's inbound responses", async () => {
      const v = await judge(successRate({ ...backend("checkout-api-release"), min: 0.99 }));
      expect(v).toMatchObject({ phase: "failed", reason: "success rate 0.97 < 0.99 over 1m (600 requests, 18 failed)" });
      const failures = 'response_total{direction="inbound",namespace="prod",deployment="checkout-api-release",classification="failure"}';
      expect(v.evidence[0]!.query).toBe(
        `sum((increase(${failures}[1m]) and count_over_time(${failures}[1h] offset 1m)) or (max_over_time(${failures}[1m]) unless count_over_time(${failures}[1h] offset 1m)))`,
      );
      expect((await judge(successRate({ ...backend("checkout-api-stable"), min: 0.99 }))).phase).toBe("passed");
    });

    it("reads latency in milliseconds", async () => {
      expect(await judge(latency({ ...backend("checkout-api-release"), maxMs: 300 }))).toMatchObject({ phase: "passed", reason: "p99 latency 247ms < 300ms over 1m" });
      expect(await judge(latency({ ...backend("checkout-api-stable"), maxMs: 300 }))).toMatchObject({ phase: "failed", reason: "p99 latency 2481ms >= 300ms over 1m" });
    });

    it("names a version's Deployment when the scope has one", async () => {
      const v = await judge(successRate({ ...backend("checkout-api"), version: "checkout-api-release", min: 0.9 }));
      expect(v).toMatchObject({ phase: "passed", evidence: [{ samples: 600 }] });
    });

    it("counts users' requests as their callers' proxies saw them", async () => {
      const ind = indicatorsFor("linkerd");
      const scope = { namespace: "prod", service: "checkout-api" };
      expect((await read(metrics, ind.userRequests(scope, "1m"), AT)).value).toBe(1800);
      expect((await read(metrics, ind.userErrors(scope, "1m"), AT)).value).toBe(60);
    });
  });

  describe("ingress-nginx (nginx_ingress_controller_requests, request_duration_seconds)", () => {
    const backend = (name: string) => ({ mesh: "ingress-nginx", namespace: "prod", service: name, minRequests: 100 });

    it("separates the primary backend's requests from the canary's", async () => {
      expect(await judge(successRate({ ...backend("checkout-stable"), min: 0.995 }))).toMatchObject({
        phase: "failed",
        reason: "success rate 0.99 < 0.995 over 1m (1200 requests, 12 failed)",
      });
      expect(await judge(successRate({ ...backend("checkout-canary"), min: 0.995 }))).toMatchObject({
        phase: "passed",
        reason: "success rate 1 >= 0.995 over 1m (300 requests, 0 failed)",
      });
    });

    it("takes a version as the backend when the scope names the primary Service", async () => {
      const v = await judge(successRate({ ...backend("checkout-stable"), version: "checkout-canary", min: 0.995 }));
      expect(v.evidence[0]).toMatchObject({ samples: 300, subject: "checkout-canary" });
    });

    it("converts the histogram's seconds to milliseconds", async () => {
      expect(await judge(latency({ ...backend("checkout-stable"), maxMs: 300 }))).toMatchObject({ phase: "passed", reason: "p99 latency 247ms < 300ms over 1m" });
      expect(await judge(latency({ ...backend("checkout-canary"), maxMs: 300 }))).toMatchObject({ phase: "failed", reason: "p99 latency 2481ms >= 300ms over 1m" });
    });

    it("names a bound inside a bucket in the histogram's seconds, and the fix in milliseconds", async () => {
      const v = await judge(latency({ ...backend("checkout-stable"), maxMs: 200 }));
      expect(v).toMatchObject({
        phase: "inconclusive",
        reason:
          "p99 latency is somewhere in the (0.1, 0.25] bucket of nginx_ingress_controller_request_duration_seconds over 1m (histogram_quantile interpolates 247ms), " +
          "and maxMs 200 lies inside that bucket, so it can be shown neither under 200ms nor over it: give maxMs 100 or 250, or add a bucket at 0.2 (200ms)",
      });
    });

    it("counts every request of the primary Ingress as users', canary-routed ones included", async () => {
      const ind = indicatorsFor("ingress-nginx");
      expect((await read(metrics, ind.userRequests({ namespace: "prod", service: "checkout-stable" }, "1m"), AT)).value).toBe(1500);
      expect((await read(metrics, ind.userErrors({ namespace: "prod", service: "checkout-stable" }, "1m"), AT)).value).toBe(12);
    });
  });
});

it("points at gates.query for a mesh without built-in metrics", () => {
  expect(() => indicatorsFor("consul")).toThrow("There are no built-in metrics for 'consul'; built-in ones exist for: istio, linkerd, ingress-nginx. Use gates.query({ promql, ... }) instead.");
});
