import { kubeTime } from "../../sdk/sim/kube-time.ts";
import { describe, expect, test } from "vitest";
import type { ScenarioInput } from "../../sdk/sim/scenario.ts";
import { builtinScenarios } from "../../sdk/sim/scenarios/index.ts";
import { rolloutStatus } from "../../sdk/workloads/rollout-status.ts";
import type { KubeObject } from "../../sdk/ports/kube.ts";
import { condition, createWorld, isReady, revision, type World } from "./model-fixtures.ts";

const IMAGE = (tag: string) => `registry.example.com/checkout-api:${tag}`;

const thinPool = builtinScenarios["thin-stable-pool"]!;
/** thin-stable-pool without its autoscaler (which would lift a scale to 1 back to 2) plus a build that crashes 20 s after every start. */
const crashing: ScenarioInput = {
  ...thinPool,
  deployments: thinPool.deployments.map(({ autoscaler: _, ...d }) => d),
  images: { ...thinPool.images, [IMAGE("2.1.0-crash")]: { latencyMs: 30, crashAfterSeconds: 20 } },
};

function setImage(w: ReturnType<typeof createWorld>, deployment: string, image: string) {
  const d = w.deployment(deployment);
  d.spec.template.spec.containers[0].image = image;
  return w.write(d);
}

describe("scaling", () => {
  test("new pods appear at once and turn ready after readinessSeconds", () => {
    const w = createWorld("thin-stable-pool");
    w.scale("checkout-api-stable", 4);
    const pods = w.pods("version=stable");
    expect(pods).toHaveLength(4);
    expect(pods.filter(isReady)).toHaveLength(2);
    expect(w.deployment("checkout-api-stable").status).toMatchObject({ observedGeneration: 2, replicas: 4, readyReplicas: 2, availableReplicas: 2, unavailableReplicas: 2 });

    w.advance(4);
    expect(w.pods("version=stable").filter(isReady)).toHaveLength(2);
    w.advance(1);
    expect(w.pods("version=stable").filter(isReady)).toHaveLength(4);
    const d = w.deployment("checkout-api-stable");
    expect(d.status).toMatchObject({ readyReplicas: 4, availableReplicas: 4, unavailableReplicas: 0 });
    expect(condition(d, "Progressing")).toMatchObject({ reason: "NewReplicaSetAvailable" });
    // a scale is not a new revision
    expect(revision(d)).toBe(1);
  });

  test("scaling down removes not-ready pods first, then the newest", () => {
    const w = createWorld("thin-stable-pool");
    const original = w.pods("version=stable").map((p) => p.metadata.name);
    w.scale("checkout-api-stable", 4);
    w.advance(2);
    w.scale("checkout-api-stable", 2);
    expect(w.pods("version=stable").map((p) => p.metadata.name)).toEqual(original);
  });

  test("a deleted pod is replaced", () => {
    const w = createWorld("thin-stable-pool");
    const [victim] = w.pods("version=stable");
    w.store.delete({ apiVersion: "v1", kind: "Pod", namespace: "prod", name: victim!.metadata.name });
    w.model.reconcile();
    const pods = w.pods("version=stable");
    expect(pods).toHaveLength(2);
    expect(pods.map((p) => p.metadata.name)).not.toContain(victim!.metadata.name);
  });
});

describe("rollback and roll forward", () => {
  test("rolling back to revision 2 reuses its ReplicaSet and makes it revision 4", () => {
    const w = createWorld("thin-stable-pool");
    const rev2 = w.replicaSets("checkout-api")[1]!;
    w.rollback("checkout-api", 2);

    const sets = w.replicaSets("checkout-api");
    expect(sets).toHaveLength(3);
    const reused = sets.find((rs) => rs.metadata.uid === rev2.metadata.uid)!;
    expect(revision(reused)).toBe(4);
    expect(reused.metadata.annotations?.["deployment.kubernetes.io/revision-history"]).toBe("2");
    expect(revision(w.deployment("checkout-api"))).toBe(4);
    expect(reused.spec.replicas).toBeGreaterThan(0);
  });

  test("the rolling update keeps 6 of 8 pods available and completes", () => {
    const w = createWorld("thin-stable-pool");
    w.rollback("checkout-api", 2);
    const target = w.replicaSets("checkout-api").find((rs) => revision(rs) === 4)!;
    for (let s = 0; s < 30; s++) {
      const pods = w.pods("version=release");
      expect(pods.filter(isReady).length).toBeGreaterThanOrEqual(6);
      expect(pods.length).toBeLessThanOrEqual(10);
      w.advance(1);
    }
    const pods = w.pods("version=release");
    expect(pods).toHaveLength(8);
    expect(pods.every((p) => p.metadata.labels?.["pod-template-hash"] === target.metadata.labels?.["pod-template-hash"])).toBe(true);
    expect(w.replicaSets("checkout-api").map((rs) => rs.spec.replicas)).toEqual([0, 0, 8]);
    const d = w.deployment("checkout-api");
    expect(d.status).toMatchObject({ observedGeneration: 2, replicas: 8, updatedReplicas: 8, availableReplicas: 8 });
    expect(condition(d, "Progressing")).toMatchObject({ status: "True", reason: "NewReplicaSetAvailable", message: `ReplicaSet "${target.metadata.name}" has successfully progressed.` });
  });

  test("mid-rollout the status says ReplicaSetUpdated", () => {
    const w = createWorld("thin-stable-pool");
    w.rollback("checkout-api", 2);
    const d = w.deployment("checkout-api");
    expect(condition(d, "Progressing")).toMatchObject({ status: "True", reason: "ReplicaSetUpdated" });
    expect(d.status.updatedReplicas).toBeLessThan(8);
  });

  test("a new image gets a new ReplicaSet with the next revision", () => {
    const w = createWorld("thin-stable-pool");
    setImage(w, "checkout-api", IMAGE("2.0.1"));
    const sets = w.replicaSets("checkout-api");
    expect(sets.map(revision)).toEqual([1, 2, 3, 4]);
    expect(sets[3]!.spec.template.spec.containers[0].image).toBe(IMAGE("2.0.1"));
    expect(sets[3]!.metadata.name).toBe(`checkout-api-${sets[3]!.metadata.labels?.["pod-template-hash"]}`);
  });

  test("Recreate stops every old pod before starting new ones", () => {
    const w = createWorld("thin-stable-pool");
    const d = w.deployment("checkout-api");
    d.spec.strategy = { type: "Recreate" };
    d.spec.template.spec.containers[0].image = IMAGE("2.0.1");
    w.write(d);
    expect(w.pods("version=release").every((p) => p.spec.containers[0].image === IMAGE("2.0.1"))).toBe(true);
    expect(w.pods("version=release").filter(isReady)).toHaveLength(0);
  });

  test("a paused deployment does not roll out, but still scales its ReplicaSet", () => {
    const w = createWorld("thin-stable-pool");
    const d = w.deployment("checkout-api");
    d.spec.paused = true;
    d.spec.template.spec.containers[0].image = IMAGE("2.0.1");
    w.write(d);
    expect(w.replicaSets("checkout-api")).toHaveLength(3);
    expect(condition(w.deployment("checkout-api"), "Progressing")).toMatchObject({ status: "Unknown", reason: "DeploymentPaused" });
    w.scale("checkout-api", 4);
    expect(w.replicaSets("checkout-api").map((rs) => rs.spec.replicas)).toEqual([0, 0, 4]);
    expect(w.pods("version=release").map((p) => p.spec.containers[0].image)).toEqual(Array(4).fill(IMAGE("2.0.0")));
  });

  test("paused mid-rollout, a scale is shared among the active ReplicaSets in proportion to their size", () => {
    const w = createWorld("thin-stable-pool");
    setImage(w, "checkout-api", IMAGE("2.0.1"));
    const d = w.deployment("checkout-api");
    d.spec.paused = true;
    w.write(d);
    const sizes = () => w.replicaSets("checkout-api").map((rs) => rs.spec.replicas);
    // 8 replicas + 2 surge: 6 old, 4 new
    expect(sizes()).toEqual([0, 0, 6, 4]);
    // 16 + 4 surge = 20 = 10 × 2: each doubles
    w.scale("checkout-api", 16);
    expect(sizes()).toEqual([0, 0, 12, 8]);
    // each records the size it was scaled for: the base of the next proportional scale
    for (const rs of w.replicaSets("checkout-api").slice(2)) {
      expect(rs.metadata.annotations).toMatchObject({ "deployment.kubernetes.io/desired-replicas": "16", "deployment.kubernetes.io/max-replicas": "20" });
    }
    // 4 + 1 surge = 5 = 20 / 4: 12 → 3, 8 → 2
    w.scale("checkout-api", 4);
    expect(sizes()).toEqual([0, 0, 3, 2]);
    expect(w.replicaSets("checkout-api")).toHaveLength(4);
  });

  test("deleting a deployment collects its ReplicaSets and pods", () => {
    const w = createWorld("thin-stable-pool");
    w.store.delete({ apiVersion: "apps/v1", kind: "Deployment", namespace: "prod", name: "checkout-api" });
    w.model.reconcile();
    expect(w.replicaSets("checkout-api")).toHaveLength(0);
    expect(w.pods("version=release")).toHaveLength(0);
    expect(w.pods("version=stable")).toHaveLength(2);
  });

  test("a write that skipped reconcile() is picked up on the next tick", () => {
    const w = createWorld("thin-stable-pool");
    const d = w.deployment("checkout-api-stable");
    d.spec.replicas = 3;
    w.store.update(d);
    w.advance(1);
    expect(w.pods("version=stable")).toHaveLength(3);
  });
});

describe("pod lifecycle", () => {
  test("a crashing build crash-loops with growing back-off and restart counts", () => {
    const w = createWorld(crashing);
    w.scale("checkout-api-stable", 0);
    setImage(w, "checkout-api-stable", IMAGE("2.1.0-crash"));
    w.scale("checkout-api-stable", 1);
    const t0 = w.now();
    const pod = () => w.pods("version=stable")[0]!;
    const status = () => pod().status.containerStatuses[0];
    const probe = () => w.model.probe({ namespace: "prod", pod: pod().metadata.name, port: 8080, path: "/healthz" });
    const at = (s: number) => w.advance((t0 + s * 1000 - w.now()) / 1000);

    at(5);
    expect(isReady(pod())).toBe(true);
    at(20); // crash 1: back-off 10 s
    expect(isReady(pod())).toBe(false);
    expect(status()).toMatchObject({ ready: false, restartCount: 1, state: { waiting: { reason: "CrashLoopBackOff" } } });
    expect(status().lastState.terminated).toMatchObject({ exitCode: 1, reason: "Error" });
    expect(probe()).toEqual({ status: 503, latencyMs: 0, body: "container not running" });
    at(29);
    expect(status().state.waiting).toBeDefined();
    at(30); // restarted, cold again
    expect(status().state.running.startedAt).toBe(kubeTime(t0 + 30_000));
    at(35);
    expect(isReady(pod())).toBe(true);
    at(50); // crash 2: back-off 20 s
    expect(status()).toMatchObject({ restartCount: 2, state: { waiting: { message: expect.stringContaining("back-off 20s") } } });
    at(69);
    expect(status().state.waiting).toBeDefined();
    at(70);
    expect(status().state.running).toBeDefined();
    at(90); // crash 3: 40 s
    expect(status().state.waiting.message).toContain("back-off 40s");

    // 80 s, 160 s, then capped at 300 s: crash 15 comes at 3310 s and waits until 3610 s
    at(3600);
    expect(status()).toMatchObject({ restartCount: 15, state: { waiting: { reason: "CrashLoopBackOff", message: expect.stringContaining("back-off 300s") } } });
    at(3610);
    expect(status().state.running.startedAt).toBe(kubeTime(t0 + 3_610_000));
  });

  test("scaling down removes a crashed older pod before a ready newer one", () => {
    const w = createWorld(crashing);
    w.scale("checkout-api-stable", 0);
    setImage(w, "checkout-api-stable", IMAGE("2.1.0-crash"));
    w.scale("checkout-api-stable", 1);
    const [crashed] = w.pods("version=stable");
    w.advance(21);
    w.scale("checkout-api-stable", 2);
    w.advance(6);
    const ready = w.pods("version=stable").find(isReady)!;
    expect(ready.metadata.name).not.toBe(crashed!.metadata.name);
    w.scale("checkout-api-stable", 1);
    expect(w.pods("version=stable").map((p) => p.metadata.name)).toEqual([ready.metadata.name]);
  });

  test("a rollback to an old ReplicaSet keeps the abandoned rollout's ProgressDeadlineExceeded until it progresses, as kube does", () => {
    const w = createWorld("thin-stable-pool");
    setImage(w, "checkout-api", IMAGE("9.9.9-typo"));
    w.advance(601);
    const abandoned = w.replicaSets("checkout-api").at(-1)!;
    expect(condition(w.deployment("checkout-api"), "Progressing")).toMatchObject({ reason: "ProgressDeadlineExceeded" });

    // what a watch on the Deployment sees while the controllers settle the rollback
    const seen: KubeObject[] = [];
    const stop = w.store.onChange(({ object }) => object.kind === "Deployment" && object.metadata.name === "checkout-api" && seen.push(structuredClone(object)));
    w.rollback("checkout-api", 2);
    stop();
    const reused = w.replicaSets("checkout-api").find((rs) => revision(rs) === 5)!;
    const progressing = seen.map((d) => condition(d, "Progressing"));
    expect(progressing.map((c) => c.reason)).not.toContain("FoundNewReplicaSet");
    const stale = seen.find((d) => revision(d) === 5 && condition(d, "Progressing").reason === "ProgressDeadlineExceeded")!;
    expect(condition(stale, "Progressing").message).toBe(`ReplicaSet "${abandoned.metadata.name}" has timed out progressing.`);
    // kubectl rollout status would fail here; Firebreak's wait knows the verdict is on the abandoned ReplicaSet
    expect(rolloutStatus(stale, [], reused)).toMatchObject({ done: false, failed: false });
    expect(condition(w.deployment("checkout-api"), "Progressing")).toMatchObject({ status: "True", reason: "ReplicaSetUpdated", message: `ReplicaSet "${reused.metadata.name}" is progressing.` });
    w.advance(30);
    expect(rolloutStatus(w.deployment("checkout-api"), w.pods("version=release"), reused)).toMatchObject({ done: true });
  });

  test("an image the scenario does not know cannot be pulled, and the rollout times out", () => {
    const w = createWorld("thin-stable-pool");
    setImage(w, "checkout-api-stable", IMAGE("9.9.9-typo"));
    const fresh = w.pods("version=stable").find((p) => p.spec.containers[0].image === IMAGE("9.9.9-typo"))!;
    expect(fresh.status.phase).toBe("Pending");
    expect(fresh.status.containerStatuses[0].state.waiting.reason).toBe("ImagePullBackOff");
    // the old pods keep serving
    expect(w.pods("version=stable").filter(isReady)).toHaveLength(2);

    w.advance(599);
    expect(condition(w.deployment("checkout-api-stable"), "Progressing")).toMatchObject({ status: "True" });
    w.advance(2);
    expect(condition(w.deployment("checkout-api-stable"), "Progressing")).toMatchObject({ status: "False", reason: "ProgressDeadlineExceeded" });
  });
});

describe("horizontal pod autoscaler", () => {
  const hpa = (w: World) => w.store.get({ apiVersion: "autoscaling/v2", kind: "HorizontalPodAutoscaler", namespace: w.ns, name: "checkout-api-stable" })!;

  test("puts a Deployment scaled past maxReplicas back at its next sync, and says so", () => {
    const w = createWorld("thin-stable-pool");
    w.scale("checkout-api-stable", 6);
    w.advance(14);
    expect(w.deployment("checkout-api-stable").spec.replicas).toBe(6);
    w.advance(1);
    expect(w.deployment("checkout-api-stable").spec.replicas).toBe(4);
    expect(condition(hpa(w), "ScalingLimited")).toMatchObject({ status: "True", reason: "TooManyReplicas" });
    expect(condition(hpa(w), "AbleToScale")).toMatchObject({ reason: "SucceededRescale", message: "the HPA controller was able to update the target scale to 4" });
    expect(hpa(w).status).toMatchObject({ currentReplicas: 6, desiredReplicas: 4 });
  });

  test("lifts a Deployment scaled under minReplicas, but leaves one scaled to zero alone", () => {
    const w = createWorld("thin-stable-pool");
    w.scale("checkout-api-stable", 1);
    w.advance(15);
    expect(w.deployment("checkout-api-stable").spec.replicas).toBe(2);
    expect(condition(hpa(w), "ScalingLimited")).toMatchObject({ reason: "TooFewReplicas" });

    w.scale("checkout-api-stable", 0);
    w.advance(60);
    expect(w.deployment("checkout-api-stable").spec.replicas).toBe(0);
    expect(condition(hpa(w), "ScalingActive")).toMatchObject({ status: "False", reason: "ScalingDisabled" });
  });

  test("keeps a count its bounds allow once they are raised", () => {
    const w = createWorld("thin-stable-pool");
    const h = hpa(w);
    w.store.update({ ...h, spec: { ...h.spec, minReplicas: 6, maxReplicas: 6 } });
    w.scale("checkout-api-stable", 6);
    w.advance(45);
    expect(w.deployment("checkout-api-stable").spec.replicas).toBe(6);
    expect(condition(hpa(w), "ScalingLimited")).toMatchObject({ status: "False", reason: "DesiredWithinRange" });
  });
});
