import { describe, expect, it } from "vitest";
import { compare } from "../../sdk/gates/compare.ts";
import { indicatorsFor } from "../../sdk/gates/indicators/index.ts";
import { read } from "../../sdk/gates/measure.ts";
import { successRate } from "../../sdk/gates/metric.ts";
import type { SeriesSpec } from "../helpers/prometheus-server.ts";
import { prometheusesHolding, servedBy } from "./prometheus-backends.ts";
import { counterAt, gateContext, roundOf } from "./support.ts";

/**
 * gRPC answers its errors with HTTP 200 and a grpc-status trailer: Istio reports a call that failed
 * with UNAVAILABLE as response_code="200", grpc_response_status="14".
 */
const MIN = 60_000;
const T0 = Math.floor(Date.now() / MIN) * MIN - 120 * MIN;
const AT = T0 + 60 * MIN;

const call = (service: string, version: string, grpcStatus: string, rps: number, reporter = "destination"): SeriesSpec => ({
  name: "istio_requests_total",
  labels: {
    reporter,
    destination_service_namespace: "prod",
    destination_service_name: service,
    destination_version: version,
    request_protocol: "grpc",
    response_code: "200",
    grpc_response_status: grpcStatus,
  },
  value: (t) => counterAt([[T0, rps]], t),
});

const series: SeriesSpec[] = [
  // every call fails with UNAVAILABLE
  call("payments", "release", "14", 10),
  // mostly OK; NOT_FOUND (5) and INVALID_ARGUMENT (3) answer the caller; INTERNAL (13) and DEADLINE_EXCEEDED (4) are the server's
  call("payments", "stable", "0", 10),
  call("payments", "stable", "5", 0.5),
  call("payments", "stable", "3", 0.3),
  call("payments", "stable", "13", 0.1),
  call("payments", "stable", "4", 0.1),
  call("payments", "release", "14", 10, "source"),
  call("payments", "stable", "0", 10, "source"),
];

describe.each(prometheusesHolding(series, T0, T0 + 119 * MIN))("gRPC errors on Istio, on $name", ({ start }) => {
  const { metrics, judge } = servedBy(start, AT);
  const payments = (version: string, min: number) => successRate({ mesh: "istio", namespace: "prod", service: "payments", version, min, minRequests: 100 });

  it("fail a service whose every call is UNAVAILABLE, though each answered HTTP 200", async () => {
    expect(await judge(payments("release", 0.99))).toMatchObject({ phase: "failed", reason: "success rate 0 < 0.99 over 1m (600 requests, 600 failed)" });
  });

  it("count the server's codes (INTERNAL, DEADLINE_EXCEEDED), not those answering the caller (NOT_FOUND, INVALID_ARGUMENT)", async () => {
    // 660 calls: 12 failed by the server, 48 refused as the caller's mistakes
    expect(await judge(payments("stable", 0.98))).toMatchObject({ phase: "passed", reason: "success rate 0.9818 >= 0.98 over 1m (660 requests, 12 failed)" });
  });

  it("fail a canary against stable, and count in what users saw", async () => {
    const v = await compare({ mesh: "istio", namespace: "prod", service: "payments", canary: "release", stable: "stable", maxErrorRatio: 2, minRequests: 100 }).evaluate(
      roundOf(gateContext({ metrics: metrics(), at: AT })),
    );
    expect(v.phase).toBe("failed");
    expect(v.reason).toMatch(/^canary release error rate 100% \(600 of 600\) > 2 × stable's 1\.82% \(12 of 660\)/);
    expect((await read(metrics(), indicatorsFor("istio").userErrors({ namespace: "prod", service: "payments" }, "1m"), AT)).value).toBe(600);
  });
});
