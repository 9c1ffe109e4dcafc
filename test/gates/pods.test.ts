import { afterEach, describe, expect, it } from "vitest";
import { withContext } from "../../sdk/engine/context.ts";
import { all } from "../../sdk/gates/compose.ts";
import { evaluateGate } from "../../sdk/gates/evaluate.ts";
import type { Gate } from "../../sdk/gates/gate.ts";
import { podsReady } from "../../sdk/gates/pods-ready.ts";
import { warmup } from "../../sdk/gates/warmup.ts";
import type { KubePort } from "../../sdk/ports/kube.ts";
import { startSimulator, type Simulator } from "../../sdk/sim/simulator.ts";
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
  const probes: { pod: string; port: number; scheme?: string; path: string; round: number }[] = [];
  let round = 0;
  const ctx = gateContext({ at: T });
  const kube: KubePort = {
    ...fake.kube,
    async proxyGet(pod, path) {
      probes.push({ pod: pod.name, port: pod.port, scheme: pod.scheme, path, round });
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

  it("refuses, when declared, more fast rounds in a row than its timeout leaves room for", () => {
    expect(() => warmup({ workload: release, maxLatency: "300ms", consecutive: 10, interval: "1m" })).toThrow(
      "gates.warmup got an invalid policy:\n  - consecutive: 10 passing rounds 1m apart take 9m, longer than the timeout of 5m, so the gate could never pass: " +
        "lower consecutive or interval, or make timeout at least 9m",
    );
  });
});

describe("warm-up gate: what it probes", () => {
  const containers = (w: ReturnType<typeof world>, name: string, list: unknown[]) => {
    const pod = w.fake.store.get({ apiVersion: "v1", kind: "Pod", namespace: "prod", name })!;
    w.fake.store.update({ ...pod, spec: { ...pod.spec, containers: list } });
  };
  const app = { name: "app", image: "checkout-api:1.5", ports: [{ containerPort: 9090, name: "metrics" }, { containerPort: 8080, name: "http" }], readinessProbe: { httpGet: { path: "/ready", port: "http" } } };

  it("probes the app, not a mesh proxy injected before it, on the port its probe names", async () => {
    const w = world([ready("checkout-api-abc12-1")]);
    const proxy = { name: "linkerd-proxy", image: "cr.l5d.io/linkerd/proxy:stable", ports: [{ containerPort: 4191, name: "linkerd-admin" }], readinessProbe: { httpGet: { path: "/ready", port: 4191 } } };
    containers(w, "checkout-api-abc12-1", [proxy, app]);
    await w.run(w.counted(warmup({ workload: release, maxLatency: "300ms", consecutive: 1 })));
    expect(w.probes.map((p) => [p.port, p.path])).toEqual([[8080, "/ready"]]);
  });

  it("probes an HTTPS app over https on its probe's named port: the pod proxy speaks plain HTTP unless told", async () => {
    const w = world([ready("checkout-api-abc12-1")]);
    const tls = { ...app, ports: [{ containerPort: 8443, name: "https" }], readinessProbe: { httpGet: { path: "/ready", port: "https", scheme: "HTTPS" } } };
    containers(w, "checkout-api-abc12-1", [tls]);
    await w.run(w.counted(warmup({ workload: release, maxLatency: "300ms", consecutive: 1 })));
    expect(w.probes.map((p) => [p.scheme, p.port, p.path])).toEqual([["https", 8443, "/ready"]]);
  });

  it("says a 400 over plain HTTP may be an HTTPS app, and how to tell the gate", async () => {
    const w = world([ready("checkout-api-abc12-1")], { status: () => 400 });
    const v = await w.run(w.counted(warmup({ workload: release, maxLatency: "300ms", port: 8443, consecutive: 1, interval: "5s", timeout: "5s" })));
    expect(v.reason).toBe('did not pass within 5s; last round: pod checkout-api-abc12-1 answered 400 in 20ms (over plain HTTP: if the app serves HTTPS, give the gate scheme: "https")');
    expect(w.probes[0]).toMatchObject({ scheme: "http", port: 8443 });
  });

  it("says a 404 on / came from the default path, the container having no HTTP readiness probe, and how to give one", async () => {
    const w = world([ready("checkout-api-abc12-1")], { status: () => 404 });
    containers(w, "checkout-api-abc12-1", [{ ...app, readinessProbe: { tcpSocket: { port: 8080 } } }]);
    const v = await w.run(w.counted(warmup({ workload: release, maxLatency: "300ms", consecutive: 1, interval: "5s", timeout: "5s" })));
    expect(v.reason).toBe(
      'did not pass within 5s; last round: pod checkout-api-abc12-1 answered 404 in 20ms (the container has no HTTP readiness probe, so the gate asks for /: give it a path the app answers 200 on, e.g. path: "/healthz")',
    );
    const given = await w.run(w.counted(warmup({ workload: release, maxLatency: "300ms", path: "/helthz", consecutive: 1, interval: "5s", timeout: "5s" })));
    expect(given.reason).toMatch(/answered 404 in 20ms \(check the gate's path \/helthz\)$/);
  });

  it("names a probe port it cannot resolve, and how to give one, instead of guessing", async () => {
    const w = world([ready("checkout-api-abc12-1")]);
    containers(w, "checkout-api-abc12-1", [{ ...app, readinessProbe: { httpGet: { path: "/ready", port: "web" } } }]);
    await expect(w.run(warmup({ workload: release, maxLatency: "300ms" }))).rejects.toThrow(
      "gates.warmup: container 'app' of pod checkout-api-abc12-1 probes readiness on port 'web', which names none of its ports (metrics, http): give the gate a port, e.g. gates.warmup({ …, port: 8080 })",
    );
    expect(w.probes).toHaveLength(0);
  });

  it("does not pass while some of the desired pods are not ready: they take traffic cold the moment they are", async () => {
    const w = world([ready("checkout-api-abc12-1"), { name: "checkout-api-abc12-2", readySince: false }, { name: "checkout-api-abc12-3", readySince: false }]);
    const v = await w.run(w.counted(warmup({ workload: release, maxLatency: "300ms", consecutive: 2, interval: "5s", timeout: "20s" })));
    expect(v.phase).toBe("inconclusive");
    expect(v.evidence[0]!.reason).toBe("1 of 3 pods ready: waiting to probe them all (slowest of 1 pods: checkout-api-abc12-1 in 20ms < 300ms)");
  });
});

describe("warm-up gate on the simulator: an app that serves HTTPS only", () => {
  let sim: Simulator | undefined;
  afterEach(() => sim?.close());
  const start = async () =>
    (sim = await startSimulator({
      name: "https-only",
      description: "an app whose readiness probe and port speak TLS",
      images: { "checkout-api:tls": { latencyMs: 20, httpsOnly: true } },
      services: [{ name: "checkout-api", rps: 10 }],
      deployments: [{ name: "checkout-api", service: "checkout-api", version: "release", replicas: 2, history: ["checkout-api:tls"] }],
      faults: { readinessSeconds: 5, warmupSeconds: 0, coldErrorRate: 0 },
    }));

  it("answers plain HTTP through the pod proxy with 400, as a TLS server does, and https with 200", async () => {
    const s = await start();
    const [pod] = await s.kube.list({ apiVersion: "v1", kind: "Pod", namespace: "prod", labelSelector: "app=checkout-api" });
    const at = { namespace: "prod", name: pod!.metadata.name, port: 8080 };
    expect(await s.kube.proxyGet(at, "/healthz")).toEqual({ status: 400, body: "Client sent an HTTP request to an HTTPS server.\n" });
    expect((await s.kube.proxyGet({ ...at, scheme: "https" }, "/healthz")).status).toBe(200);
  });

  it("passes: the gate probes over https, as the pods' readiness probe says", async () => {
    const s = await start();
    const ctx = gateContext({ kube: s.kube, clock: s.clock });
    const v = await withContext(ctx, () => evaluateGate(ctx, "warm", warmup({ workload: release, maxLatency: "300ms", consecutive: 2, interval: "5s", timeout: "30s" }), {}, true));
    expect(v.phase).toBe("passed");
    expect(v.reason).toMatch(/^slowest of 2 pods: checkout-api-\S+ in \d+ms < 300ms$/);
  });
});

describe("pods-ready gate", () => {
  it("passes when every pod has been ready for the whole duration", async () => {
    const w = world([ready("checkout-api-abc12-1"), ready("checkout-api-abc12-2")]);
    const v = await w.run(podsReady({ workload: release, for: "60s" }));
    expect(v).toMatchObject({ phase: "passed", reason: "all 2 pods ready for 9m59s, no restarts" });
  });

  it("waits (inconclusive) until the newest pod has been ready long enough", async () => {
    // turned ready in the second Kubernetes writes "02:59:40Z": counted from 02:59:41, the latest it can have been
    const w = world([ready("checkout-api-abc12-1"), ready("checkout-api-abc12-2", T - 20_000)]);
    const v = await w.run(podsReady({ workload: release, for: "60s" }), { interval: "10s" });
    expect(v.phase).toBe("passed");
    expect(v.evidence.map((e) => e.reason)).toEqual([
      "all 2 pods ready, for 19s of 1m",
      "all 2 pods ready, for 29s of 1m",
      "all 2 pods ready, for 39s of 1m",
      "all 2 pods ready, for 49s of 1m",
      "all 2 pods ready, for 59s of 1m",
      "all 2 pods ready for 1m9s, no restarts",
    ]);
  });

  it("counts a whole-second ready time from the end of its second: it never overstates how long a pod has been ready", async () => {
    // ready at 02:59:00.300, which Kubernetes writes "02:59:00Z": at 03:00:00 it has been ready 59.7 s, not 60
    const w = world([ready("checkout-api-abc12-1", T - 60_000 + 300)]);
    const v = await w.run(podsReady({ workload: release, for: "60s" }), { interval: "5s" });
    expect(v.evidence.map((e) => e.reason)).toEqual(["the one pod ready, for 59s of 1m", "the one pod ready for 1m4s, no restarts"]);
  });

  it("refuses, before any round and in preview, a run's timeout shorter than its for, instead of waiting the timeout out", async () => {
    const refusal =
      'gate "g" got an invalid policy:\n  - policy.timeout: for is 10m, longer than the timeout of 5m, so pods that turn ready during the gate could never pass it: ' +
      "lower for, or make timeout at least 10m";
    for (const mode of ["run", "preview"] as const) {
      const w = world([ready("checkout-api-abc12-1", T)]);
      w.ctx.mode = mode;
      let rounds = 0;
      const gate = w.counted(podsReady({ workload: release, for: "10m" }), () => rounds++);
      await expect(w.run(gate, { timeout: "5m" })).rejects.toThrow(refusal);
      await expect(w.run(all(gate), { timeout: "5m" })).rejects.toThrow(refusal);
      expect(rounds).toBe(0);
    }
    const w = world([ready("checkout-api-abc12-1")]);
    expect((await w.run(podsReady({ workload: release, for: "5m" }), { timeout: "5m" })).phase).toBe("passed");
  });

  it("is inconclusive while pods are not ready", async () => {
    const w = world([ready("checkout-api-abc12-1"), { name: "checkout-api-abc12-2", readySince: false }]);
    const v = await w.run(podsReady({ workload: release, for: "30s" }), { timeout: "30s" });
    expect(v.phase).toBe("inconclusive");
    expect(v.reason).toBe("did not pass within 30s; last round: 1 of 2 pods ready");
  });

  it("fails on CrashLoopBackOff", async () => {
    const w = world([ready("checkout-api-abc12-1"), { name: "checkout-api-abc12-2", readySince: false, restarts: 4, waiting: "CrashLoopBackOff" }]);
    const v = await w.run(podsReady({ workload: release, for: "60s" }));
    expect(v).toMatchObject({ phase: "failed", reason: "pod checkout-api-abc12-2 is in CrashLoopBackOff (restarts: 4)" });
  });

  it("fails at once on an init container in CrashLoopBackOff (Init:CrashLoopBackOff), instead of waiting out the timeout", async () => {
    const w = world([ready("checkout-api-abc12-1"), { name: "checkout-api-abc12-2", readySince: false }]);
    const pod = w.fake.store.get({ apiVersion: "v1", kind: "Pod", namespace: "prod", name: "checkout-api-abc12-2" })!;
    const migrate = { name: "migrate", restartCount: 7, ready: false, state: { waiting: { reason: "CrashLoopBackOff" } } };
    w.fake.store.update({ ...pod, status: { ...pod.status, initContainerStatuses: [migrate] } });
    const v = await w.run(podsReady({ workload: release, for: "60s" }));
    expect(v).toMatchObject({ phase: "failed", reason: "pod checkout-api-abc12-2 is in CrashLoopBackOff (restarts: 7)" });
  });

  it("says how many restarts a pass tolerated, rather than that there were none", async () => {
    const pod = ready("checkout-api-abc12-1", T - 10_000);
    const w = world([pod, ready("checkout-api-abc12-2", T - 10_000)]);
    const gate = w.counted(podsReady({ workload: release, for: "30s", maxRestarts: 5 }), (round) => {
      if (round === 2) updatePod(w.fake.store, { ...pod, restarts: 4 }, REV);
    });
    const v = await w.run(gate, { interval: "10s" });
    expect(v).toMatchObject({ phase: "passed", reason: "all 2 pods ready for 39s, 4 restarts during the gate (checkout-api-abc12-1), at most 5 a pod allowed" });
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

describe("gates on pods being replaced", () => {
  /** The kubelet stopping a pod: it stays listed, and Ready, until its grace period ends. */
  const terminate = (w: ReturnType<typeof world>, name: string) => {
    const pod = w.fake.store.get({ apiVersion: "v1", kind: "Pod", namespace: "prod", name })!;
    w.fake.store.update({ ...pod, metadata: { ...pod.metadata, deletionTimestamp: new Date(T - 5_000).toISOString(), deletionGracePeriodSeconds: 30 } });
  };
  const wantReplicas = (w: ReturnType<typeof world>, replicas: number) => {
    const d = w.fake.store.get({ apiVersion: "apps/v1", kind: "Deployment", namespace: "prod", name: "checkout-api" })!;
    w.fake.store.update({ ...d, spec: { ...d.spec, replicas } });
  };
  /** Two wanted: one pod evicted (still Ready while it shuts down), its replacement not ready yet. */
  const evicted = () => {
    const w = world([ready("checkout-api-abc12-1"), ready("checkout-api-abc12-2"), { name: "checkout-api-abc12-3", readySince: false }]);
    terminate(w, "checkout-api-abc12-2");
    wantReplicas(w, 2);
    return w;
  };

  it("pods-ready does not count a terminating pod as ready: its replacement is not", async () => {
    const w = evicted();
    const v = await w.run(podsReady({ workload: release, for: "20s" }), { timeout: "20s" });
    expect(v.phase).toBe("inconclusive");
    expect(v.evidence[0]!.reason).toBe("1 of 2 pods ready");
  });

  it("warm-up neither probes a terminating pod nor counts it among the pods it probed", async () => {
    const w = evicted();
    const v = await w.run(w.counted(warmup({ workload: release, maxLatency: "300ms", consecutive: 1, interval: "5s", timeout: "10s" })));
    expect(v.phase).toBe("inconclusive");
    expect(v.evidence[0]!.reason).toBe("1 of 2 pods ready: waiting to probe them all (slowest of 1 pods: checkout-api-abc12-1 in 20ms < 300ms)");
    expect(new Set(w.probes.map((p) => p.pod))).toEqual(new Set(["checkout-api-abc12-1"]));
  });
});
