import { afterEach, describe, expect, it } from "vitest";
import { runPlan, type RunResult } from "../../sdk/engine/runner.ts";
import { deployment, plan, type ScaleOptions } from "../../sdk/index.ts";
import type { JournalEvent, RunMode } from "../../sdk/journal/events.ts";
import { summarizeRun } from "../../sdk/postmortem/summary.ts";
import type { ScenarioInput } from "../../sdk/sim/scenario.ts";
import { startSimulator, type Simulator } from "../../sdk/sim/simulator.ts";
import { createVirtualClock } from "../../sdk/ports/clock.ts";
import type { KubePort } from "../../sdk/ports/kube.ts";
import { createFakeKube } from "../helpers/fake-kube.ts";

/**
 * scale() on a Deployment a HorizontalPodAutoscaler owns, on the simulator, whose autoscaler puts a
 * count outside its bounds back at every 15 s sync, as the real controller does.
 */

const IMAGE = "registry.example.com/checkout-api:1.9.4";
const world = (autoscaler: { minReplicas: number; maxReplicas: number }): ScenarioInput => ({
  name: "autoscaled",
  description: "one Deployment of 3 replicas under an autoscaler",
  images: { [IMAGE]: { latencyMs: 20 } },
  services: [{ name: "checkout-api", rps: 10 }],
  deployments: [{ name: "checkout-api", service: "checkout-api", version: "stable", replicas: 3, history: [IMAGE], autoscaler }],
  faults: { readinessSeconds: 2, warmupSeconds: 0 },
});

let sim: Simulator;
afterEach(() => sim?.close());

const stable = deployment({ namespace: "prod", name: "checkout-api" });
const HPA = { apiVersion: "autoscaling/v2", kind: "HorizontalPodAutoscaler", namespace: "prod", name: "checkout-api" };

/** Scales (to each count in turn), letting a minute pass (four autoscaler syncs) after each, inside the plan. */
async function scaleAndWait(bounds: { minReplicas: number; maxReplicas: number }, replicas: number | number[], options?: ScaleOptions, mode: RunMode = "run"): Promise<RunResult> {
  sim = await startSimulator(world(bounds));
  return runPlan(
    plan({ name: "scale" }, async (r) => {
      for (const n of [replicas].flat()) {
        await r.step(`scale to ${n}`, () => stable.scale(n, options));
        await r.pause("1m", "let the autoscaler sync");
      }
    }),
    { mode, inputs: {}, kube: sim.kube, metrics: sim.metrics, clock: sim.clock, target: { kind: "sim" } },
  );
}

const replicasNow = () => sim.store.get({ apiVersion: "apps/v1", kind: "Deployment", namespace: "prod", name: "checkout-api" })!.spec.replicas;
const boundsNow = () => {
  const hpa = sim.store.get(HPA)!;
  return `${hpa.spec.minReplicas}..${hpa.spec.maxReplicas}`;
};
const changes = (events: JournalEvent[]) =>
  events.filter((e) => e.type === "change").map((e) => e.type === "change" && `${e.object.kind} ${e.field}: ${JSON.stringify(e.before)} → ${JSON.stringify(e.after)}`);
const notes = (events: JournalEvent[]) => events.flatMap((e) => (e.type === "note" ? [e.text] : []));
const recommendations = (events: JournalEvent[]) => summarizeRun(events).recommendations.map((r) => r.text);

describe("scale() on a Deployment an autoscaler owns", () => {
  it("makes the count the autoscaler's floor, so it still holds after the autoscaler's syncs, and recommends putting the bounds back", async () => {
    const result = await scaleAndWait({ minReplicas: 2, maxReplicas: 4 }, 6);
    expect(result.status, result.error?.message).toBe("succeeded");
    expect(replicasNow()).toBe(6);
    expect(boundsNow()).toBe("6..6");
    expect(changes(result.events)).toEqual([
      "HorizontalPodAutoscaler spec.minReplicas: 2 → 6",
      "HorizontalPodAutoscaler spec.maxReplicas: 4 → 6",
      "Deployment spec.replicas: 3 → 6",
    ]);
    expect(recommendations(result.events)).toEqual([
      "Put HorizontalPodAutoscaler prod/checkout-api's minReplicas back to 2 (now 6) and maxReplicas back to 4 (now 6) when the incident is over, or make the new bounds its manifest's",
    ]);
  });

  it("scaling back to the count it had puts the autoscaler's bounds back as they were, and then nothing is left to put back", async () => {
    // a floor (2) below the count (3): scaling back to 3 must not leave it at 3
    const result = await scaleAndWait({ minReplicas: 2, maxReplicas: 4 }, [8, 3]);
    expect(result.status, result.error?.message).toBe("succeeded");
    expect(boundsNow()).toBe("2..4");
    expect(replicasNow()).toBe(3);
    expect(recommendations(result.events)).toEqual([]);
  });

  it("keeps the autoscaler's maxReplicas when it is above the count, so it can still add pods for load", async () => {
    const result = await scaleAndWait({ minReplicas: 2, maxReplicas: 10 }, 5);
    expect(result.status, result.error?.message).toBe("succeeded");
    expect(boundsNow()).toBe("5..10");
    expect(replicasNow()).toBe(5);
  });

  it('with autoscaler: "leave", sets the count and says the autoscaler may move it (here it does, back to its maximum)', async () => {
    const result = await scaleAndWait({ minReplicas: 2, maxReplicas: 4 }, 6, { autoscaler: "leave" });
    expect(result.status, result.error?.message).toBe("succeeded");
    expect(changes(result.events)).toEqual(["Deployment spec.replicas: 3 → 6"]);
    expect(notes(result.events)).toContain(
      'HorizontalPodAutoscaler prod/checkout-api (2..4) still owns Deployment prod/checkout-api\'s replica count (autoscaler: "leave"): it may move the 6 replicas set now at its next sync',
    );
    expect(replicasNow()).toBe(4);
    expect(boundsNow()).toBe("2..4");
  });

  it("scaling to 0 leaves the autoscaler alone: it stops while its target has no replicas", async () => {
    const result = await scaleAndWait({ minReplicas: 2, maxReplicas: 4 }, 0);
    expect(result.status, result.error?.message).toBe("succeeded");
    expect(replicasNow()).toBe(0);
    expect(boundsNow()).toBe("2..4");
    expect(notes(result.events)).toContain(
      "HorizontalPodAutoscaler prod/checkout-api (2..4) stops scaling Deployment prod/checkout-api while it has 0 replicas; it starts again when the Deployment is scaled up",
    );
    expect(sim.store.get(HPA)!.status.conditions).toContainEqual(expect.objectContaining({ type: "ScalingActive", status: "False", reason: "ScalingDisabled" }));
  });

  it("refuses, before writing anything, an autoscaler another controller manages (KEDA), naming where to raise the floor", async () => {
    sim = await startSimulator(world({ minReplicas: 2, maxReplicas: 4 }));
    const hpa = sim.store.get(HPA)!;
    sim.store.update({ ...hpa, metadata: { ...hpa.metadata, ownerReferences: [{ apiVersion: "keda.sh/v1alpha1", kind: "ScaledObject", name: "checkout-api", uid: "u1", controller: true }] } });
    const result = await runPlan(
      plan({ name: "scale" }, async (r) => void (await r.step("scale", () => stable.scale(6)))),
      { mode: "run", inputs: {}, kube: sim.kube, metrics: sim.metrics, clock: sim.clock, target: { kind: "sim" } },
    );
    expect(result.status).toBe("failed-safe");
    expect(result.error?.name).toBe("AutoscalerManagedError");
    expect(result.error?.message).toContain("which ScaledObject prod/checkout-api manages");
    expect(result.error?.message).toContain('spec.minReplicaCount), or scale with { autoscaler: "leave" }');
    expect(changes(result.events)).toEqual([]);
    expect(replicasNow()).toBe(3);
  });

  it("previews both writes and makes neither", async () => {
    const result = await scaleAndWait({ minReplicas: 2, maxReplicas: 4 }, 6, undefined, "preview");
    expect(result.status, result.error?.message).toBe("succeeded");
    expect(changes(result.events)).toEqual([
      "HorizontalPodAutoscaler spec.minReplicas: 2 → 6",
      "HorizontalPodAutoscaler spec.maxReplicas: 4 → 6",
      "Deployment spec.replicas: 3 → 6",
    ]);
    expect(boundsNow()).toBe("2..4");
    expect(replicasNow()).toBe(3);
  });

  it("refuses a misspelt autoscaler option before anything is written", async () => {
    const result = await scaleAndWait({ minReplicas: 2, maxReplicas: 4 }, 6, { autoscaler: "hodl" as never });
    expect(result.status).toBe("failed-safe");
    expect(result.error?.message).toContain('autoscaler: "hodl" is not accepted; use "hold" or "leave"');
    expect(boundsNow()).toBe("2..4");
  });
});

describe("scale() in a plan on two clusters with the same names", () => {
  const cluster = (maxReplicas: number) => {
    const fake = createFakeKube();
    const labels = { app: "checkout-api" };
    fake.store.create({ apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "checkout-api", namespace: "prod" }, spec: { replicas: 3, selector: { matchLabels: labels }, template: { metadata: { labels }, spec: { containers: [{ name: "app", image: IMAGE }] } } } });
    fake.store.create({ ...HPA, metadata: { name: "checkout-api", namespace: "prod" }, spec: { minReplicas: 2, maxReplicas, scaleTargetRef: { apiVersion: "apps/v1", kind: "Deployment", name: "checkout-api" } } });
    return fake;
  };

  it("keeps each cluster's autoscaler ceiling its own: eu's 10 is not lowered to what us had", async () => {
    const us = cluster(4);
    const eu = cluster(10);
    const at = (context?: string) => (context === "eu" ? eu.kube : us.kube);
    const kube: KubePort = { ...us.kube, get: (r) => at(r.context).get(r), list: (o) => at(o.context).list(o), patch: (r, p, o) => at(r.context).patch(r, p, o) };
    const result = await runPlan(
      plan({ name: "two" }, async (r) => {
        for (const context of ["us", "eu"]) await r.step(`scale ${context}`, () => deployment({ namespace: "prod", name: "checkout-api", context }).scale(5));
      }),
      { mode: "run", inputs: {}, kube, clock: createVirtualClock(), target: { kind: "cluster" } },
    );
    expect(result.status, result.error?.message).toBe("succeeded");
    const bounds = (fake: typeof us) => `${fake.store.get(HPA)!.spec.minReplicas}..${fake.store.get(HPA)!.spec.maxReplicas}`;
    expect([bounds(us), bounds(eu)]).toEqual(["5..5", "5..10"]);
  });
});

describe("the simulated autoscaler, as kube-controller-manager scales", () => {
  it("owns spec.replicas after it rescales (through the scale subresource): an apply setting another count meets the real cluster's conflict", async () => {
    sim = await startSimulator(world({ minReplicas: 2, maxReplicas: 4 }));
    const ref = { apiVersion: "apps/v1", kind: "Deployment", namespace: "prod", name: "checkout-api" };
    const d = (await sim.kube.get(ref))!;
    const manifest = { apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "checkout-api", namespace: "prod" }, spec: { replicas: 3, selector: d.spec.selector, template: d.spec.template } };
    await sim.kube.apply!(manifest, { force: true });
    const hpa = (await sim.kube.get(HPA))!;
    await sim.kube.patch(HPA, { spec: { minReplicas: 4 } }, { resourceVersion: hpa.metadata.resourceVersion! });
    await sim.clock.sleep(30_000); // two syncs
    const scaled = (await sim.kube.get(ref))!;
    expect(scaled.spec.replicas).toBe(4);
    expect(scaled.metadata.managedFields).toContainEqual(expect.objectContaining({ manager: "kube-controller-manager", operation: "Update", subresource: "scale", fieldsV1: { "f:spec": { "f:replicas": {} } } }));
    await expect(sim.kube.apply!(manifest, {})).rejects.toThrow('conflict with "kube-controller-manager" with subresource "scale" using apps/v1: .spec.replicas');
  });
});
