import { describe, expect, test } from "vitest";
import { createWorld, isReady, requests, revision, type World } from "./model-fixtures.ts";
import type { ScenarioInput } from "../../sdk/sim/scenario.ts";
import { builtinScenarios } from "../../sdk/sim/scenarios/index.ts";

const VS = { apiVersion: "networking.istio.io/v1", kind: "VirtualService", namespace: "prod", name: "checkout-api" };

function setWeights(w: World, weights: Record<string, number>) {
  const vs = w.store.get(VS)!;
  vs.spec.http[0].route = Object.entries(weights).map(([subset, weight]) => ({ destination: { host: "checkout-api", subset }, weight }));
  return w.write(vs);
}

const errorRatio = (w: World, version: string, from: number, to: number) =>
  w.increase(requests(version, { response_code: "500" }), from, to) / w.increase(requests(version), from, to);

describe("cold-jvm: a rollback that reports ready too early", () => {
  const w = createWorld("thin-stable-pool");
  const t0 = w.startMs;
  w.rollback("checkout-api", 2);
  const firstWave = w.pods("version=release").filter((p) => revision(w.replicaSets("checkout-api").find((rs) => rs.metadata.name === p.metadata.ownerReferences?.[0]?.name)!) === 4);
  const probe = (name: string) => w.model.probe({ namespace: "prod", pod: name, port: 8080, path: "/healthz" })!;
  const samples: { second: number; ready: boolean; latencies: number[] }[] = [];
  for (let s = 1; s <= 360; s++) {
    w.advance(1);
    if (s <= 60) {
      samples.push({
        second: s,
        ready: firstWave.every((p) => isReady(w.store.get({ apiVersion: "v1", kind: "Pod", namespace: "prod", name: p.metadata.name })!)),
        latencies: firstWave.map((p) => probe(p.metadata.name).latencyMs),
      });
    }
  }

  test("the rolled-back pods report Ready after 5 s", () => {
    expect(firstWave).toHaveLength(4);
    expect(samples.find((s) => s.ready)?.second).toBe(5);
  });

  test("but their probe latency stays above 300 ms for about 45 s", () => {
    const slow = samples.filter((s) => s.latencies.every((l) => l > 300)).map((s) => s.second);
    expect(slow[0]).toBe(5);
    expect(slow.at(-1)).toBe(43);
    expect(samples.find((s) => s.second === 50)!.latencies.every((l) => l < 300)).toBe(true);
    // warm at 90 s: the image's own 28 ms
    expect(probe(firstWave[0]!.metadata.name).latencyMs).toBe(28);
  });

  test("and the error counters show cold errors, which stop once warm", () => {
    // 1.9.0 has no bug and fits schema 41: its 500s are cold-start timeouts only
    const cold = errorRatio(w, "release", t0 + 20_000, t0 + 60_000);
    expect(cold).toBeGreaterThan(0.01);
    expect(cold).toBeLessThan(0.05);
    expect(w.increase(requests("release", { response_code: "500" }), t0 + 300_000, t0 + 360_000)).toBe(0);
  });

  test("and the latency histogram shows the slow start", () => {
    const within100 = (from: number, to: number) =>
      w.increase({ __name__: "istio_request_duration_milliseconds_bucket", destination_version: "release", le: "100" }, from, to) /
      w.increase({ __name__: "istio_request_duration_milliseconds_count", destination_version: "release" }, from, to);
    expect(within100(t0 + 20_000, t0 + 30_000)).toBeLessThan(0.4);
    expect(within100(t0 + 300_000, t0 + 360_000)).toBeCloseTo(1 - Math.exp(-100 / 28), 6);
  });
});

describe("schema-from-the-future: a rollback that cannot work", () => {
  const w = createWorld("schema-from-the-future");
  const t0 = w.startMs;
  w.rollback("checkout-api", 2);
  w.advance(120);

  test("1.9.0 fails 40% against schema 42 once warm, more while cold", () => {
    expect(errorRatio(w, "release", t0 + 60_000, t0 + 120_000)).toBeCloseTo(0.4, 6);
    expect(errorRatio(w, "release", t0 + 10_000, t0 + 15_000)).toBeGreaterThan(0.4);
  });

  test("1.9.4 on the stable subset does not", () => {
    expect(w.increase(requests("stable", { response_code: "500" }), t0, t0 + 120_000)).toBe(0);
    expect(w.increase(requests("stable"), t0, t0 + 120_000) / 120).toBeCloseTo(40, 6);
  });
});

describe("routing", () => {
  test("a VirtualService weight change moves the requests, and overload is shed as UO", () => {
    const w = createWorld("healthy");
    w.scale("checkout-api-stable", 2);
    const t0 = w.startMs;
    setWeights(w, { stable: 100, release: 0 });
    w.advance(30);
    expect(w.increase(requests("release"), t0, t0 + 30_000)).toBe(0);
    // 400 rps on two stable pods of 60 rps each: 120 served, 280 shed
    expect(w.increase(requests("stable", { response_code: "200" }), t0, t0 + 30_000) / 30).toBeCloseTo(120, 6);
    expect(w.increase(requests("stable", { response_code: "503", response_flags: "UO" }), t0, t0 + 30_000) / 30).toBeCloseTo(280, 6);
    expect(w.increase({ ...requests("stable"), reporter: "source" }, t0, t0 + 30_000) / 30).toBeCloseTo(400, 6);

    setWeights(w, { stable: 50, release: 50 });
    w.advance(30);
    expect(w.increase(requests("release"), t0 + 30_000, t0 + 60_000) / 30).toBeCloseTo(200, 6);
  });

  test("with no ready pods the gateway answers 503 UH, seen only by the source reporter", () => {
    const w = createWorld("healthy");
    const t0 = w.startMs;
    w.scale("checkout-api-stable", 0);
    w.advance(30);
    const uh = { __name__: "istio_requests_total", response_flags: "UH" };
    expect(w.increase({ ...uh, reporter: "source", response_code: "503", destination_workload: "unknown", destination_version: "stable" }, t0, t0 + 30_000) / 30).toBeCloseTo(40, 6);
    expect(w.tsdb.select([{ name: "reporter", op: "=", value: "destination" }, { name: "response_flags", op: "=", value: "UH" }], 0, Infinity)).toEqual([]);
    expect(w.increase(requests("stable"), t0, t0 + 30_000)).toBe(0);
    expect(w.increase(requests("release"), t0, t0 + 30_000) / 30).toBeCloseTo(360, 6);
  });

  test("a subset the DestinationRule does not define answers 503 NC", () => {
    const w = createWorld("healthy");
    setWeights(w, { stable: 10, canary: 90 });
    w.advance(10);
    expect(w.increase({ __name__: "istio_requests_total", reporter: "source", response_flags: "NC" }, w.startMs, w.startMs + 10_000) / 10).toBeCloseTo(360, 6);
  });
});

describe("a lagging control plane (faults.controlPlaneLagSeconds)", () => {
  const lagging = (seconds: number): ScenarioInput => ({ ...builtinScenarios.healthy!, faults: { controlPlaneLagSeconds: seconds } });

  test("traffic follows the old weights until the mesh has caught up with the write", () => {
    const w = createWorld(lagging(10));
    const t0 = w.startMs;
    setWeights(w, { stable: 100, release: 0 });
    w.advance(20);
    // 90% of 400 rps still reach the release while the mesh lags (counters are scraped every 5 s)
    expect(w.increase(requests("release"), t0, t0 + 5_000) / 5).toBeCloseTo(360, 6);
    expect(w.increase(requests("release"), t0 + 10_000, t0 + 20_000)).toBe(0);
  });

  test("a Deployment's status describes its previous generation until the controller has caught up", () => {
    const w = createWorld(lagging(2));
    const generation = w.deployment("checkout-api-stable").metadata.generation!;
    w.scale("checkout-api-stable", 10);
    expect(w.deployment("checkout-api-stable").status).toMatchObject({ observedGeneration: generation, replicas: 8 });
    expect(w.pods("version=stable")).toHaveLength(8);
    w.advance(1);
    expect(w.deployment("checkout-api-stable").status.observedGeneration).toBe(generation);
    w.advance(1);
    expect(w.deployment("checkout-api-stable").status).toMatchObject({ observedGeneration: generation + 1, replicas: 10 });
    expect(w.pods("version=stable")).toHaveLength(10);
  });

  test("writes while it lags are acted on together, the lag after the first", () => {
    const w = createWorld(lagging(2));
    w.scale("checkout-api-stable", 10);
    w.advance(1);
    w.scale("checkout-api-stable", 12);
    expect(w.deployment("checkout-api-stable").status).toMatchObject({ replicas: 8 });
    // 2 s after the first write, not the second
    w.advance(1);
    expect(w.deployment("checkout-api-stable").status).toMatchObject({ replicas: 12 });
  });
});

describe("probes", () => {
  const w = createWorld("thin-stable-pool");
  const [pod] = w.pods("version=stable");
  const probe = (name: string, port = 8080) => w.model.probe({ namespace: "prod", pod: name, port, path: "/healthz" });

  test("a warm pod answers ok at its image's latency; unknown pods and ports do not", () => {
    expect(probe(pod!.metadata.name)).toEqual({ status: 200, latencyMs: 28, body: "ok" });
    expect(probe("no-such-pod")).toBeUndefined();
    expect(probe(pod!.metadata.name, 9090)).toMatchObject({ status: 503, latencyMs: 0 });
  });

  test("a cold pod times out on a deterministic share of probes equal to its cold error rate", () => {
    w.scale("checkout-api-stable", 3);
    const fresh = w.pods("version=stable").find((p) => !isReady(p))!;
    expect(probe(fresh.metadata.name)).toMatchObject({ status: 503, latencyMs: 0 });
    w.advance(5);
    let failed = 0;
    for (let i = 0; i < 2000; i++) {
      w.model.advanceTo(w.now() + i);
      if (probe(fresh.metadata.name)!.status === 503) failed++;
    }
    // 5% x (1 - 5/90) just after readiness
    expect(failed / 2000).toBeGreaterThan(0.035);
    expect(failed / 2000).toBeLessThan(0.06);
  });
});

function script(w: World) {
  w.rollback("checkout-api", 2);
  w.advance(90);
  setWeights(w, { stable: 50, release: 50 });
  w.advance(60);
  w.scale("checkout-api-stable", 0);
  w.advance(30);
}

test("two runs of the same script give identical objects and TSDB contents", () => {
  const a = createWorld("thin-stable-pool");
  const b = createWorld("thin-stable-pool");
  script(a);
  script(b);
  const everything = [{ name: "__name__", op: "=~" as const, value: ".+" }];
  expect(b.tsdb.select(everything, 0, Infinity)).toEqual(a.tsdb.select(everything, 0, Infinity));
  expect(b.tsdb.size).toBe(a.tsdb.size);
  expect(b.pods()).toEqual(a.pods());
});
