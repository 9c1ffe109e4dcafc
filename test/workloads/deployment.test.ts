import { afterEach, describe, expect, it } from "vitest";
import { runPlan, type RunResult } from "../../sdk/engine/runner.ts";
import { deployment, plan } from "../../sdk/index.ts";
import type { JournalEvent } from "../../sdk/journal/events.ts";
import type { ScenarioInput } from "../../sdk/sim/scenario.ts";
import { startSimulator, type Simulator } from "../../sdk/sim/simulator.ts";
import { startKubeApiServer } from "../../sdk/sim/kube-api/index.ts";
import { ObjectStore } from "../../sdk/sim/store.ts";
import { createClientNodeKube, loadKubeConfig } from "../../sdk/kube/client-node-port.ts";
import { createVirtualClock } from "../../sdk/ports/clock.ts";

/**
 * The Deployment handle through the real client and the loopback API server, with the simulator's
 * controllers and kubelet doing what a cluster would: scale, roll back, set image, restart, and a
 * rollout wait that is only done when the pods really are (and fails at once on a crash loop).
 */

const IMAGE = (v: string) => `registry.example.com/checkout-api:${v}`;
const world: ScenarioInput = {
  name: "deployment-handle",
  description: "one Deployment with three revisions, and a build that crashes",
  images: {
    [IMAGE("1.9.4")]: { latencyMs: 20 },
    [IMAGE("2.0.0")]: { latencyMs: 20 },
    [IMAGE("2.0.1")]: { latencyMs: 20 },
    [IMAGE("2.0.2-crash")]: { latencyMs: 20, crashAfterSeconds: 15 },
  },
  services: [{ name: "checkout-api", rps: 10 }],
  deployments: [{ name: "checkout-api", service: "checkout-api", version: "release", replicas: 3, history: [IMAGE("1.9.4"), IMAGE("2.0.0")] }],
  faults: { readinessSeconds: 5, warmupSeconds: 10, coldLatencyFactor: 1, coldErrorRate: 0, schemaMismatchErrorRate: 0 },
};

let sim: Simulator;
afterEach(() => sim?.close());

const release = deployment({ namespace: "prod", name: "checkout-api" });

async function run(program: () => Promise<unknown>): Promise<RunResult> {
  sim = await startSimulator(world);
  return runAgain(program);
}

/** Runs another plan on the same simulator: a re-run of the workflow, after the first run's changes. */
function runAgain(program: () => Promise<unknown>): Promise<RunResult> {
  return runPlan(plan({ name: "deployment" }, async (r) => void (await r.step("act", program))), {
    mode: "run",
    inputs: {},
    kube: sim.kube,
    metrics: sim.metrics,
    clock: sim.clock,
    target: { kind: "sim" },
  });
}

/** What the cluster runs now: ready pods of the current template, by image. */
function running(): Record<string, number> {
  const out: Record<string, number> = {};
  for (const pod of sim.store.list("v1", "Pod", "prod", "app=checkout-api")) {
    if (pod.metadata.deletionTimestamp) continue;
    const ready = (pod.status?.conditions ?? []).some((c: { type: string; status: string }) => c.type === "Ready" && c.status === "True");
    if (ready) out[pod.spec.containers[0].image] = (out[pod.spec.containers[0].image] ?? 0) + 1;
  }
  return out;
}

const waits = (events: JournalEvent[]) => events.filter((e) => e.type === "wait").map((e) => e.type === "wait" && `${e.outcome} after ${e.durationMs / 1000}s: ${e.what}`);
const changes = (events: JournalEvent[]) => events.filter((e) => e.type === "change").map((e) => e.type === "change" && `${e.field}: ${JSON.stringify(e.before)} → ${JSON.stringify(e.after)}`);

describe("Deployment handle on the simulator, through the API server", () => {
  it("scale: waits until the new pods are ready and available", async () => {
    const result = await run(async () => {
      await release.scale(5);
      await release.waitForRollout({ timeout: "2m" });
    });
    expect(result.status, result.error?.message).toBe("succeeded");
    expect(changes(result.events)).toEqual(["spec.replicas: 3 → 5"]);
    expect(running()).toEqual({ [IMAGE("2.0.0")]: 5 });
    expect(waits(result.events)).toEqual([expect.stringMatching(/^done after \d+s: rollout: 5 of 5 replicas updated and available$/)]);
  });

  it("rollback to a revision: every pod runs that revision's image before the wait is done", async () => {
    let revisions: unknown;
    const result = await run(async () => {
      await release.rollback({ toRevision: 1 });
      await release.waitForRollout({ timeout: "5m" });
      revisions = (await release.revisions()).map((r) => `${r.revision}: ${r.images.join(", ")}`);
    });
    expect(result.status, result.error?.message).toBe("succeeded");
    expect(running()).toEqual({ [IMAGE("1.9.4")]: 3 });
    // rolling back re-uses revision 1's ReplicaSet, which becomes revision 3
    expect(revisions).toEqual([`2: ${IMAGE("2.0.0")}`, `3: ${IMAGE("1.9.4")}`]);
    const waited = result.events.find((e) => e.type === "wait");
    expect(waited && waited.type === "wait" && waited.durationMs).toBeGreaterThanOrEqual(5_000); // at least one readiness delay
  });

  it("rollback journals an env var named like a secret as changed, never its values", async () => {
    sim = await startSimulator(world);
    const withEnv = (template: { spec: { containers: { env?: unknown }[] } }, password: string) =>
      (template.spec.containers[0]!.env = [{ name: "LOG_LEVEL", value: password === "old-s3cret-pw" ? "debug" : "info" }, { name: "DB_PASSWORD", value: password }]);
    const [live] = sim.store.list("apps/v1", "Deployment", "prod");
    withEnv(live!.spec.template, "new-s3cret-pw");
    sim.store.update(live!);
    const [first] = sim.store.list("apps/v1", "ReplicaSet", "prod").filter((rs) => rs.metadata.annotations?.["deployment.kubernetes.io/revision"] === "1");
    withEnv(first!.spec.template, "old-s3cret-pw");
    sim.store.update(first!);
    const result = await runAgain(() => release.rollback({ toRevision: 1 }));
    expect(result.status, result.error?.message).toBe("succeeded");
    const env = changes(result.events).filter((c) => (c as string).includes(".env["));
    expect(env).toEqual(['spec.template.spec.containers[0].env[0].value: "info" → "debug"', 'spec.template.spec.containers[0].env[1].value: "[redacted]" → "[redacted]"']);
    expect(JSON.stringify(result.events)).not.toContain("s3cret");
  });

  it("rollback to a revision that does not exist lists the ones that do", async () => {
    const result = await run(() => release.rollback({ toRevision: 9 }));
    expect(result.error?.message).toBe(`Deployment prod/checkout-api has no revision 9; revisions are: 1 (${IMAGE("1.9.4")}), 2 (${IMAGE("2.0.0")}).`);
  });

  it("rollback to a revision whose ReplicaSet was deleted (revisionHistoryLimit) says so, and how to get its image back", async () => {
    sim = await startSimulator(world);
    await sim.kube.patch({ apiVersion: "apps/v1", kind: "Deployment", namespace: "prod", name: "checkout-api" }, { spec: { revisionHistoryLimit: 1 } });
    const rolledForward = await runAgain(async () => {
      await release.setImage(IMAGE("2.0.1")); // revision 3: only revision 2's ReplicaSet is kept besides it
      await release.waitForRollout({ timeout: "5m" });
    });
    expect(rolledForward.status, rolledForward.error?.message).toBe("succeeded");
    const result = await runAgain(() => release.rollback({ toRevision: 1 }));
    expect(result.error?.message).toBe(
      `Deployment prod/checkout-api has no revision 1; revisions are: 2 (${IMAGE("2.0.0")}), 3 (${IMAGE("2.0.1")}). ` +
        "Kubernetes keeps the ReplicaSets of 1 old revision (spec.revisionHistoryLimit: 1) and deleted revision 1's: roll forward to its image with setImage(image) instead.",
    );
  });

  it("rollback to the revision it is at writes nothing, and says so", async () => {
    const result = await run(() => release.rollback({ toRevision: 2 }));
    expect(result.status, result.error?.message).toBe("succeeded");
    expect(changes(result.events)).toEqual([]);
    expect(result.events.filter((e) => e.type === "note").map((e) => e.type === "note" && e.text)).toContain(
      `Deployment prod/checkout-api is already at revision 2 (${IMAGE("2.0.0")}): the rollback changes nothing`,
    );
  });

  it("rollback to the revision it is numbered at still puts that template back when the template was changed since (controller not caught up)", async () => {
    sim = await startSimulator(world);
    // CI's deploy landed a moment ago: the controller has not yet made its ReplicaSet, so the
    // Deployment's revision annotation still says 2 while its template holds the new image
    const reconcile = sim.model.reconcile;
    let lagging = true;
    sim.model.reconcile = () => void (lagging || reconcile());
    const result = await runAgain(async () => {
      await release.setImage(IMAGE("2.0.2-crash"));
      await release.rollback({ toRevision: 2 });
      lagging = false;
      await release.waitForRollout({ timeout: "5m" });
    });
    expect(result.status, result.error?.message).toBe("succeeded");
    expect(changes(result.events)).toEqual([
      `spec.template.spec.containers[0].image: "${IMAGE("2.0.0")}" → "${IMAGE("2.0.2-crash")}"`,
      `spec.template.spec.containers[0].image: "${IMAGE("2.0.2-crash")}" → "${IMAGE("2.0.0")}"`,
    ]);
    expect(running()).toEqual({ [IMAGE("2.0.0")]: 3 });
  });

  it("a re-run of a rollback finds its revision renumbered, writes nothing and says so", async () => {
    const rollBackToOne = async () => {
      await release.rollback({ toRevision: 1 });
      await release.waitForRollout({ timeout: "5m" });
    };
    const first = await run(rollBackToOne);
    expect(first.status, first.error?.message).toBe("succeeded");
    const again = await runAgain(rollBackToOne);
    expect(again.status, again.error?.message).toBe("succeeded");
    expect(changes(again.events)).toEqual([]);
    expect(again.events.filter((e) => e.type === "note").map((e) => e.type === "note" && e.text)).toContain(
      `Deployment prod/checkout-api is already at revision 1's template, now revision 3 (${IMAGE("1.9.4")}): the rollback changes nothing`,
    );
    expect(running()).toEqual({ [IMAGE("1.9.4")]: 3 });
  });

  it("a renumbered revision is still found by its old number, and the history shows both", async () => {
    let revisions: unknown;
    const result = await run(async () => {
      await release.rollback({ toRevision: 1 }); // revision 1's ReplicaSet becomes revision 3
      await release.waitForRollout({ timeout: "5m" });
      await release.setImage(IMAGE("2.0.1")); // revision 4
      await release.waitForRollout({ timeout: "5m" });
      await release.rollback({ toRevision: 1 });
      await release.waitForRollout({ timeout: "5m" });
      revisions = (await release.revisions()).map((r) => `${r.revision}: ${r.images.join(", ")} (formerly ${r.formerly.join(", ") || "-"})`);
    });
    expect(result.status, result.error?.message).toBe("succeeded");
    expect(running()).toEqual({ [IMAGE("1.9.4")]: 3 });
    expect(revisions).toEqual([`2: ${IMAGE("2.0.0")} (formerly -)`, `4: ${IMAGE("2.0.1")} (formerly -)`, `5: ${IMAGE("1.9.4")} (formerly 1, 3)`]);
    const missing = await runAgain(() => release.rollback({ toRevision: 9 }));
    expect(missing.error?.message).toBe(
      `Deployment prod/checkout-api has no revision 9; revisions are: 2 (${IMAGE("2.0.0")}), 4 (${IMAGE("2.0.1")}), 5 (${IMAGE("1.9.4")}; formerly 1, 3).`,
    );
  });

  it("rolling back from a crash-looping release waits for the controller instead of failing on the old pods", async () => {
    const broken = await run(async () => {
      await release.setImage(IMAGE("2.0.2-crash"));
      await release.waitForRollout({ timeout: "10m" });
    });
    expect(broken.error?.message).toMatch(/CrashLoopBackOff/);
    // A busy controller-manager syncs a moment after the write, not within it: until the next
    // tick the Deployment's current pods are still the crash-looping ones.
    const reconcile = sim.model.reconcile;
    let lagging = true;
    sim.model.reconcile = () => void (lagging || reconcile());
    const result = await runAgain(async () => {
      await release.rollback({ toRevision: 1 });
      lagging = false;
      await release.waitForRollout({ timeout: "5m" });
    });
    expect(result.status, result.error?.message).toBe("succeeded");
    expect(running()).toEqual({ [IMAGE("1.9.4")]: 3 });
  });

  it("a paused Deployment fails the rollout wait at once, saying how to resume it", async () => {
    sim = await startSimulator(world);
    const rolledForward = await runAgain(() => release.setImage(IMAGE("2.0.1")));
    expect(rolledForward.status, rolledForward.error?.message).toBe("succeeded");
    // someone paused it halfway through that rollout
    await sim.kube.patch({ apiVersion: "apps/v1", kind: "Deployment", namespace: "prod", name: "checkout-api" }, { spec: { paused: true } });
    const result = await runAgain(() => release.waitForRollout({ timeout: "5m" }));
    expect(result.error?.message).toBe(
      "Deployment prod/checkout-api cannot finish rolling out: it is paused (kubectl rollout pause), so its pods will not change; resume it: kubectl rollout resume deployment/checkout-api -n prod",
    );
    expect(waits(result.events)).toEqual([expect.stringMatching(/^failed after 0s: rollout: it is paused/)]);
  });

  it("rollback, setImage and restart of a paused Deployment fail before writing, as kubectl refuses to, saying how to resume it", async () => {
    sim = await startSimulator(world);
    await sim.kube.patch({ apiVersion: "apps/v1", kind: "Deployment", namespace: "prod", name: "checkout-api" }, { spec: { paused: true } });
    const paused = (action: string) =>
      `Deployment prod/checkout-api is paused (kubectl rollout pause): ${action} would change its pod template but roll nothing out, so nothing was changed. ` +
      "Resume it first (that rolls out the template it holds now, if it differs from its pods'): kubectl rollout resume deployment/checkout-api -n prod";
    for (const [step, action] of [
      [() => release.rollback({ toRevision: 1 }), "roll back to revision 1"],
      [() => release.setImage(IMAGE("2.0.1")), `roll forward to ${IMAGE("2.0.1")}`],
      [() => release.restart(), "restart"],
    ] as const) {
      const result = await runAgain(step);
      expect(result.error?.name).toBe("DeploymentPausedError");
      expect(result.error?.message).toBe(paused(action));
      expect(changes(result.events)).toEqual([]);
    }
    expect(running()).toEqual({ [IMAGE("2.0.0")]: 3 });
  });

  it("a rollout past its progressDeadlineSeconds fails the wait then, as kubectl rollout status does, not at the plan's timeout", async () => {
    // pods that take half an hour to turn ready: the controller gives up on the rollout after 60 s
    sim = await startSimulator({ ...world, faults: { ...world.faults!, readinessSeconds: 1800 } });
    await sim.kube.patch({ apiVersion: "apps/v1", kind: "Deployment", namespace: "prod", name: "checkout-api" }, { spec: { progressDeadlineSeconds: 60 } });
    const result = await runAgain(async () => {
      await release.setImage(IMAGE("2.0.1"));
      await release.waitForRollout({ timeout: "10m" });
    });
    expect(result.error?.name).toBe("RolloutFailedError");
    expect(result.error?.message).toMatch(
      /^Deployment prod\/checkout-api cannot finish rolling out: it exceeded its progress deadline \(progressDeadlineSeconds: 60\): ReplicaSet "checkout-api-[a-z0-9]+" has timed out progressing; see why: kubectl describe deployment\/checkout-api -n prod$/,
    );
    expect(waits(result.events)).toEqual([expect.stringMatching(/^failed after (6\d|7\d)s: rollout: it exceeded its progress deadline/)]);
  });

  it("a paused Deployment whose pods all run its template has rolled out, as kubectl rollout status says", async () => {
    sim = await startSimulator(world);
    await sim.kube.patch({ apiVersion: "apps/v1", kind: "Deployment", namespace: "prod", name: "checkout-api" }, { spec: { paused: true } });
    const result = await runAgain(() => release.waitForRollout({ timeout: "5m" }));
    expect(result.status, result.error?.message).toBe("succeeded");
    expect(waits(result.events)).toEqual(["done after 0s: rollout: 3 of 3 replicas updated and available"]);
  });

  it("setImage rolls forward, and restart replaces every pod with the same image", async () => {
    let before: string[] = [];
    const result = await run(async () => {
      await release.setImage(IMAGE("2.0.1"));
      await release.waitForRollout({ timeout: "5m" });
      before = (await release.pods()).map((p) => p.metadata.name).sort();
      await release.restart();
      await release.waitForRollout({ timeout: "5m" });
    });
    expect(result.status, result.error?.message).toBe("succeeded");
    expect(running()).toEqual({ [IMAGE("2.0.1")]: 3 });
    const after = sim.store.list("v1", "Pod", "prod", "app=checkout-api").map((p) => p.metadata.name);
    expect(after.filter((n) => before.includes(n))).toEqual([]);
    expect(changes(result.events)).toEqual([
      `spec.template.spec.containers[0].image: "${IMAGE("2.0.0")}" → "${IMAGE("2.0.1")}"`,
      expect.stringMatching(/^spec.template.metadata.annotations: undefined → \{"kubectl.kubernetes.io\/restartedAt":"2026-11-24T03:\d\d:\d\d.\d+Z"\}$/),
    ]);
  });

  it("setImage refuses an empty image before writing, instead of a preview showing it and the run meeting a 422", async () => {
    const result = await run(() => release.setImage(""));
    expect(result.error?.message).toBe('Deployment prod/checkout-api.setImage(): "" is not an image reference; give one like registry.example.com/checkout-api:2.0.1');
    expect(changes(result.events)).toEqual([]);
    expect(running()).toEqual({ [IMAGE("2.0.0")]: 3 });
  });

  it("setImage rolls an init container (a migration) forward by its name, as kubectl set image does, and a wrong name lists both kinds", async () => {
    sim = await startSimulator(world);
    const migrate = (v: string) => `registry.example.com/checkout-migrate:${v}`;
    await sim.kube.patch(
      { apiVersion: "apps/v1", kind: "Deployment", namespace: "prod", name: "checkout-api" },
      { spec: { template: { spec: { initContainers: [{ name: "migrate", image: migrate("41") }] } } } },
    );
    const result = await runAgain(() => release.setImage(migrate("42"), { container: "migrate" }));
    expect(result.status, result.error?.message).toBe("succeeded");
    expect(changes(result.events)).toEqual([`spec.template.spec.initContainers[0].image: "${migrate("41")}" → "${migrate("42")}"`]);
    // the two newest revisions differ only in the migration: a revision list must show it to tell them apart
    const wrongRevision = await runAgain(() => release.rollback({ toRevision: 9 }));
    expect(wrongRevision.error?.message).toContain(`2 (${IMAGE("2.0.0")}), 3 (${IMAGE("2.0.0")}; init ${migrate("41")}), 4 (${IMAGE("2.0.0")}; init ${migrate("42")})`);
    const wrong = await runAgain(() => release.setImage(migrate("43"), { container: "migrations" }));
    expect(wrong.error?.message).toBe("Deployment prod/checkout-api: setImage needs { container } naming one of: checkout-api, migrate (init container) (there is no 'migrations')");
  });

  it("a Deployment deleted while its rollout is awaited fails the wait then, saying so, not as a wrong name in the plan", async () => {
    sim = await startSimulator(world);
    const deleteAt = sim.clock.now() + 3_000; // mid-rollout: new pods take 5 s to turn ready
    sim.clock.onAdvance((_from, to) => {
      if (to >= deleteAt && sim.store.list("apps/v1", "Deployment", "prod").length) {
        sim.store.delete({ apiVersion: "apps/v1", kind: "Deployment", namespace: "prod", name: "checkout-api" });
      }
    });
    const result = await runAgain(async () => {
      await release.setImage(IMAGE("2.0.1"));
      await release.waitForRollout({ timeout: "5m" });
    });
    expect(result.error?.name).toBe("RolloutFailedError");
    expect(result.error?.message).toBe(
      "Deployment prod/checkout-api cannot finish rolling out: it was deleted while its rollout was awaited (a GitOps prune, a kubectl delete), and its pods go with it; " +
        "find out who did (the API server's audit log, your GitOps tool) before re-creating it from its manifest",
    );
    expect(waits(result.events)).toEqual([expect.stringMatching(/^failed after [3-5]s: rollout: it was deleted while its rollout was awaited/)]);
  });

  it("a build that crash-loops fails the rollout wait as soon as a pod is in CrashLoopBackOff, long before the timeout", async () => {
    const result = await run(async () => {
      await release.setImage(IMAGE("2.0.2-crash"));
      await release.waitForRollout({ timeout: "10m" });
    });
    // no safe state declared: the new image is reported as left in place
    expect(result.status).toBe("failed-unsafe");
    expect(result.unsafe).toEqual([
      `Deployment prod/checkout-api was left changed (spec.template.spec.containers[0].image="${IMAGE("2.0.2-crash")}", was "${IMAGE("2.0.0")}"); the plan declared no safe state to return to`,
    ]);
    expect(result.error?.name).toBe("RolloutFailedError");
    expect(result.error?.message).toMatch(
      /^Deployment prod\/checkout-api cannot finish rolling out: pod (checkout-api-[a-z0-9]+-[a-z0-9]+) is in CrashLoopBackOff \(restarts: 1\); see why: kubectl logs --previous \1 -n prod$/,
    );
    const waited = result.events.find((e) => e.type === "wait");
    expect(waited && waited.type === "wait" && waited.durationMs).toBeLessThan(60_000);
  });
});

describe("waitForRollout's options", () => {
  it("are refused before anything is read: a pace that would flood the API server, a timeout that is no duration", async () => {
    const result = await run(() => release.waitForRollout({ interval: "0s", timeout: "5 minutes" }));
    expect(result.status).toBe("failed-safe");
    expect(result.error?.message).toBe(
      "Deployment prod/checkout-api.waitForRollout() got invalid options:\n" +
        '  - timeout: "5 minutes" is not a duration; write it like "10s" or "5m"\n' +
        '  - interval: must be at least 500ms (got "0s")',
    );
  });
});

describe("a Deployment that selects its pods by matchExpressions alone", () => {
  it("finds its pods and awaits its rollout through the API server's strict selector parser", async () => {
    const store = new ObjectStore();
    store.create({ apiVersion: "v1", kind: "Namespace", metadata: { name: "prod" } });
    const labels = { app: "web", "pod-template-hash": "abc" };
    const template = { metadata: { labels: { app: "web" } }, spec: { containers: [{ name: "app", image: "web:1" }] } };
    const d = store.create({
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: { name: "web", namespace: "prod", generation: 1, annotations: { "deployment.kubernetes.io/revision": "1" } },
      spec: { replicas: 1, selector: { matchExpressions: [{ key: "app", operator: "In", values: ["web"] }, { key: "track", operator: "DoesNotExist" }] }, template },
      status: { observedGeneration: 1, replicas: 1, updatedReplicas: 1, availableReplicas: 1, readyReplicas: 1 },
    });
    const owner = (kind: string, name: string, uid: string) => [{ apiVersion: "apps/v1", kind, name, uid, controller: true }];
    const rs = store.create({
      apiVersion: "apps/v1",
      kind: "ReplicaSet",
      metadata: { name: "web-abc", namespace: "prod", labels, annotations: { "deployment.kubernetes.io/revision": "1" }, ownerReferences: owner("Deployment", "web", d.metadata.uid!) },
      spec: { replicas: 1, selector: { matchLabels: labels }, template: { ...template, metadata: { labels } } },
    });
    store.create({ apiVersion: "v1", kind: "Pod", metadata: { name: "web-abc-1", namespace: "prod", labels, ownerReferences: owner("ReplicaSet", "web-abc", rs.metadata.uid!) }, spec: template.spec });
    const api = await startKubeApiServer({ store });
    try {
      const kube = createClientNodeKube(loadKubeConfig({ kind: "inline", content: api.kubeconfig() }));
      const web = deployment({ namespace: "prod", name: "web" });
      let pods: string[] = [];
      const result = await runPlan(
        plan({ name: "wait" }, async (r) => {
          await r.step("wait", () => web.waitForRollout({ timeout: "10s" }));
          pods = (await web.pods()).map((p) => p.metadata.name);
        }),
        { mode: "run", inputs: {}, kube, clock: createVirtualClock(), target: { kind: "cluster" } },
      );
      expect(result.status, result.error?.message).toBe("succeeded");
      expect(pods).toEqual(["web-abc-1"]);
      const selectors = api.requests.filter((q) => q.path.includes("/pods?")).map((q) => new URLSearchParams(q.path.split("?")[1]).get("labelSelector"));
      expect(selectors).toContain("app in (web),!track,pod-template-hash=abc");
    } finally {
      await api.close();
    }
  });
});
