import { describe, expect, it } from "vitest";
import { withContext } from "../../sdk/engine/context.ts";
import { evaluateGate } from "../../sdk/gates/evaluate.ts";
import type { Gate } from "../../sdk/gates/gate.ts";
import { podsReady } from "../../sdk/gates/pods-ready.ts";
import { warmup } from "../../sdk/gates/warmup.ts";
import type { KubePort } from "../../sdk/ports/kube.ts";
import { deployment } from "../../sdk/workloads/deployment.ts";
import { createFakeKube } from "../helpers/fake-kube.ts";
import { gateContext } from "./support.ts";
import { seedDeployment, updatePod, type PodState, type RevisionSeed } from "./workload.ts";

const T = Date.UTC(2026, 10, 24, 3, 0, 0);
const REV: RevisionSeed = { revision: 2, hash: "abc12", image: "checkout-api:1.5" };
const release = deployment({ namespace: "prod", name: "checkout-api" });

/**
 * A cluster with the release's pods, whose probes answer after `latency(round)` ms (charged to
 * the virtual clock) with `status(round)`.
 */
function world(pods: PodState[], probe: { latency?: (round: number) => number; status?: (round: number) => number } = {}) {
  const fake = createFakeKube();
  seedDeployment(fake.store, { replicas: pods.length, revisions: [REV], pods });
  const probes: { pod: string; port: number; path: string; round: number }[] = [];
  let round = 0;
  const ctx = gateContext({ at: T });
  const kube: KubePort = {
    ...fake.kube,
    async proxyGet(pod, path) {
      probes.push({ pod: pod.name, port: pod.port, path, round });
      ctx.clock.advance(probe.latency?.(round) ?? 20);
      return { status: probe.status?.(round) ?? 200, body: "ok" };
    },
  };
  ctx.kube = kube;
  /** Counts rounds for the probe script, and lets a test change pods before a round. */
  const counted = (gate: Gate, before?: (round: number) => void): Gate => ({
    ...gate,
    evaluate: (r) => {
      round = r.round;
      before?.(r.round);
      return gate.evaluate(r);
    },
  });
  const run = (gate: Gate, policy = {}) => withContext(ctx, () => evaluateGate(ctx, "g", gate, policy, true));
  return { fake, ctx, probes, counted, run };
}

const ready = (name: string, since = T - 10 * 60_000): PodState => ({ name, readySince: since });

describe("warm-up gate", () => {
  it("fails cold rounds, then passes after N fast rounds in a row", async () => {
    const w = world([ready("checkout-api-abc12-1"), ready("checkout-api-abc12-2")], { latency: (r) => (r <= 3 ? 900 : 40) });
    const v = await w.run(w.counted(warmup({ workload: release, maxLatency: "300ms", consecutive: 3, interval: "5s" })));
    expect(v.phase).toBe("passed");
    expect(v.evidence.map((e) => e.phase)).toEqual(["failed", "failed", "failed", "passed", "passed", "passed"]);
    expect(v.evidence[0]).toMatchObject({ indicator: "probe-latency", value: 900, unit: "ms", threshold: "< 300ms", samples: 2, reason: "slowest of 2 pods: checkout-api-abc12-1 in 900ms >= 300ms" });
    // its own requests, to every ready pod, on the readiness probe's port and path
    expect(w.probes.filter((p) => p.round === 1).map((p) => [p.pod, p.port, p.path])).toEqual([
      ["checkout-api-abc12-1", 8080, "/ready"],
      ["checkout-api-abc12-2", 8080, "/ready"],
    ]);
  });

  it("never passes while a pod answers errors, however fast", async () => {
    const w = world([ready("checkout-api-abc12-1")], { status: () => 503 });
    const v = await w.run(w.counted(warmup({ workload: release, maxLatency: "300ms", consecutive: 2, interval: "5s", timeout: "30s" })));
    expect(v.phase).toBe("failed");
    expect(v.reason).toBe("did not pass within 30s (needed 2 passing rounds in a row, had 0); last round: pod checkout-api-abc12-1 answered 503 in 20ms");
  });

  it("is inconclusive with no ready pod to probe, and ends inconclusive, not passed", async () => {
    const w = world([{ name: "checkout-api-abc12-1", readySince: false }]);
    const v = await w.run(w.counted(warmup({ workload: release, maxLatency: "300ms", consecutive: 2, interval: "5s", timeout: "20s" })));
    expect(v.phase).toBe("inconclusive");
    expect(v.evidence[0]).toMatchObject({ phase: "inconclusive", value: null, reason: "no ready pods of Deployment prod/checkout-api to probe yet" });
    expect(w.probes).toHaveLength(0);
  });
});

describe("pods-ready gate", () => {
  it("passes when every pod has been ready for the whole duration", async () => {
    const w = world([ready("checkout-api-abc12-1"), ready("checkout-api-abc12-2")]);
    const v = await w.run(podsReady({ workload: release, for: "60s" }));
    expect(v).toMatchObject({ phase: "passed", reason: "all 2 pods ready for 10m, no restarts" });
  });

  it("waits (inconclusive) until the newest pod has been ready long enough", async () => {
    const w = world([ready("checkout-api-abc12-1"), ready("checkout-api-abc12-2", T - 20_000)]);
    const v = await w.run(podsReady({ workload: release, for: "60s" }), { interval: "10s" });
    expect(v.phase).toBe("passed");
    expect(v.evidence.map((e) => e.reason)).toEqual([
      "all 2 pods ready, for 20s of 1m",
      "all 2 pods ready, for 30s of 1m",
      "all 2 pods ready, for 40s of 1m",
      "all 2 pods ready, for 50s of 1m",
      "all 2 pods ready for 1m, no restarts",
    ]);
  });

  it("is inconclusive while pods are not ready", async () => {
    const w = world([ready("checkout-api-abc12-1"), { name: "checkout-api-abc12-2", readySince: false }]);
    const v = await w.run(podsReady({ workload: release, for: "60s" }), { timeout: "30s" });
    expect(v.phase).toBe("inconclusive");
    expect(v.reason).toBe("did not pass within 30s; last round: 1 of 2 pods ready");
  });

  it("fails on CrashLoopBackOff", async () => {
    const w = world([ready("checkout-api-abc12-1"), { name: "checkout-api-abc12-2", readySince: false, restarts: 4, waiting: "CrashLoopBackOff" }]);
    const v = await w.run(podsReady({ workload: release, for: "60s" }));
    expect(v).toMatchObject({ phase: "failed", reason: "pod checkout-api-abc12-2 is in CrashLoopBackOff (restarts: 4)" });
  });

  it("fails on a restart during the window, though restarts from before it are forgiven", async () => {
    const pod = { ...ready("checkout-api-abc12-1", T - 20_000), restarts: 2 };
    const w = world([pod]);
    const gate = w.counted(podsReady({ workload: release, for: "60s" }), (round) => {
      if (round === 3) updatePod(w.fake.store, { ...pod, restarts: 3, readySince: T + 15_000 }, REV);
    });
    const v = await w.run(gate, { interval: "10s" });
    expect(v.phase).toBe("failed");
    expect(v.evidence.map((e) => e.phase)).toEqual(["inconclusive", "inconclusive", "failed"]);
    expect(v.reason).toBe("pod checkout-api-abc12-1 restarted 1 time during the gate");
  });
});
