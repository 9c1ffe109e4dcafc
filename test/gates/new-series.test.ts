import { describe, expect, it } from "vitest";
import { compare } from "../../sdk/gates/compare.ts";
import { indicatorsFor } from "../../sdk/gates/indicators/index.ts";
import { read } from "../../sdk/gates/measure.ts";
import { successRate } from "../../sdk/gates/metric.ts";
import type { SeriesSpec } from "../helpers/prometheus-server.ts";
import { istioVersion } from "./history.ts";
import { prometheusesHolding, servedBy } from "./prometheus-backends.ts";
import { counterAt, gateContext, roundOf } from "./support.ts";

/**
 * Meshes create a series at its first event: Istio's response_code="503" series appears at the
 * first 503, with that count as its first sample. increase() only counts from a series' first
 * sample on, so the first errors of a new pod or status code read as none.
 */
const MIN = 60_000;
const T0 = Math.floor(Date.now() / MIN) * MIN - 120 * MIN;
const AT = T0 + 60 * MIN;

const counter = (name: string, labels: Record<string, string>, rps: number): SeriesSpec => ({ name, labels, value: (t) => counterAt([[T0, rps]], t) });
/** A series created at `from` with `count` events, and none since: one sample at AT for 20 s before it, four for 50 s. */
const bornWith = (name: string, labels: Record<string, string>, from: number, count: number): SeriesSpec => ({ name, labels, value: () => count, scraped: (t) => t >= from });

const istio = (service: string, version: string, reporter = "destination") => ({ reporter, destination_service_namespace: "prod", destination_service_name: service, destination_version: version });
const linkerd = { direction: "inbound", namespace: "prod", deployment: "newerr-release", pod: "newerr-release-7d9f8-x2x1z" };
const nginx = { namespace: "prod", ingress: "newerr", service: "newerr", canary: "", controller_class: "k8s.io/ingress-nginx", method: "GET", path: "/" };

const series: SeriesSpec[] = [
  // 2 rps of 200s all along; the first 503s 20 s before AT: 5 of them, one sample
  counter("istio_requests_total", { ...istio("newerr", "release"), response_code: "200" }, 2),
  bornWith("istio_requests_total", { ...istio("newerr", "release"), response_code: "503" }, AT - 20_000, 5),
  ...istioVersion("prod", "newerr", "stable", { rate: [[T0, 10]], errorShare: 0.005 }),
  // the same 5 errors 50 s before AT, and none since: four samples of 5, an increase() of 0
  counter("istio_requests_total", { ...istio("burst", "release"), response_code: "200" }, 2),
  bornWith("istio_requests_total", { ...istio("burst", "release"), response_code: "503" }, AT - 50_000, 5),
  // what users saw at the ingress gateway
  counter("istio_requests_total", { ...istio("newerr", "release", "source"), response_code: "200" }, 2),
  bornWith("istio_requests_total", { ...istio("newerr", "release", "source"), response_code: "503" }, AT - 20_000, 5),
  // a series back from an 11-minute scrape gap, its counter still counting: its increase, not all it ever counted
  { ...counter("istio_requests_total", { ...istio("gappy", "release"), response_code: "200" }, 10), scraped: (t) => t <= AT - 12 * MIN || t >= AT - 30_000 },
  counter("response_total", { ...linkerd, classification: "success", status_code: "200" }, 2),
  bornWith("response_total", { ...linkerd, classification: "failure", status_code: "500" }, AT - 20_000, 5),
  counter("nginx_ingress_controller_requests", { ...nginx, status: "200" }, 2),
  bornWith("nginx_ingress_controller_requests", { ...nginx, status: "502" }, AT - 20_000, 5),
];

describe.each(prometheusesHolding(series, T0, T0 + 119 * MIN))("the first errors of a series created inside the window, on $name", ({ start }) => {
  const { metrics, judge } = servedBy(start, AT);
  const newerr = (mesh: string, service = "newerr") => ({ mesh, namespace: "prod", service, version: mesh === "istio" ? "release" : undefined, minRequests: 100, min: 0.99 });
  // 120 successes and 5 failures: 0.96, not "1 (120 requests, 0 failed)"
  const FIRST_ERRORS = { phase: "failed", reason: "success rate 0.96 < 0.99 over 1m (125 requests, 5 failed)" };

  it("fail the success rate on Istio: a new response_code series counts from its first sample", async () => {
    expect(await judge(successRate(newerr("istio")))).toMatchObject(FIRST_ERRORS);
  });

  it("count when the series has several samples of the same count (increase() reads 0)", async () => {
    expect(await judge(successRate(newerr("istio", "burst")))).toMatchObject(FIRST_ERRORS);
  });

  it("count on Linkerd and ingress-nginx too", async () => {
    expect(await judge(successRate({ ...newerr("linkerd", "newerr-release") }))).toMatchObject(FIRST_ERRORS);
    expect(await judge(successRate({ ...newerr("ingress-nginx") }))).toMatchObject(FIRST_ERRORS);
  });

  it("fail a canary against stable", async () => {
    const v = await compare({ mesh: "istio", namespace: "prod", service: "newerr", canary: "release", stable: "stable", maxErrorRatio: 2, minRequests: 100 }).evaluate(
      roundOf(gateContext({ metrics: metrics(), at: AT })),
    );
    expect(v).toMatchObject({ phase: "failed", reason: "canary release error rate 4% (5 of 125) > 2 × stable's 0.5% (3 of 600) = 1%, over 1m" });
  });

  it("count in what users saw", async () => {
    const ind = indicatorsFor("istio");
    expect((await read(metrics(), ind.userErrors({ namespace: "prod", service: "newerr" }, "1m"), AT)).value).toBe(5);
    expect((await read(metrics(), ind.userRequests({ namespace: "prod", service: "newerr" }, "1m"), AT)).value).toBe(125);
  });

  it("while a series back from a scrape gap counts its increase, not everything it counted since it started", async () => {
    const v = await judge(successRate(newerr("istio", "gappy")));
    // 3 samples 15 s apart, extrapolated by half an interval to the window's start: 375 requests, not 36,000
    expect(v).toMatchObject({ phase: "passed", reason: "success rate 1 >= 0.99 over 1m (375 requests, 0 failed)" });
  });
});
