import { describe, expect, it } from "vitest";
import type { JournalEvent } from "../../sdk/journal/events.ts";
import { renderPreview, summarizeRun } from "../../sdk/postmortem/index.ts";
import { describeOutcome } from "../../sdk/postmortem/outcome.ts";
import { deployment, JournalBuilder, previewRun, route } from "./fixtures.ts";
import { istio, deployment as sdkDeployment, plan } from "../../sdk/index.ts";
import { runPlan } from "../../sdk/engine/runner.ts";
import { createVirtualClock } from "../../sdk/ports/clock.ts";
import { createFakeKube, seedRoute } from "../helpers/fake-kube.ts";

describe("renderPreview", () => {
  it("lists, per step, what would change and which gates would be evaluated", () => {
    expect(renderPreview(previewRun())).toMatchInlineSnapshot(`
      "Preview of "checkout-api-rollback" on sim, scenario schema-from-the-future

      roll back release to 1.9.0
        Deployment prod/checkout-api
          spec.template.spec.containers[0].image: registry.example.com/checkout-api:2.0.0 → registry.example.com/checkout-api:1.9.0
      canary 1%
        VirtualService prod/checkout-api
          spec.http[0].route[0].weight: 10 → 99
          spec.http[0].route[1].weight: 90 → 1
        would evaluate: success rate of release >= 0.99 over 1m (canary 1%)
      canary 50%
        VirtualService prod/checkout-api
          spec.http[0].route[0].weight: 99 → 50
          spec.http[0].route[1].weight: 1 → 50
        would evaluate: success rate of release >= 0.99 over 1m (canary 50%)
      canary 100%
        VirtualService prod/checkout-api
          spec.http[0].route[0].weight: 50 → 0
          spec.http[0].route[1].weight: 50 → 100
        would evaluate: success rate of release >= 0.99 over 1m (canary 100%)
      scale stable down
        Deployment prod/checkout-api-stable
          spec.replicas: 2 → 1
        check pods
          would evaluate: success rate of release >= 0.99 over 1m (pods ready)

      3 objects, 4 fields would change; 4 gates would be evaluated; nothing was written"
    `);
  });

  it("shows each change under the step that made it when steps run together", async () => {
    const fake = createFakeKube();
    for (const [name, replicas] of [["checkout-api-stable", 2], ["checkout-api", 8]] as const) {
      fake.store.create({
        apiVersion: "apps/v1",
        kind: "Deployment",
        metadata: { name, namespace: "prod" },
        spec: { replicas, selector: { matchLabels: { app: name } }, template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: "app", image: "app:1" }] } } },
        status: { replicas, readyReplicas: replicas },
      });
    }
    const stable = sdkDeployment({ namespace: "prod", name: "checkout-api-stable" });
    const release = sdkDeployment({ namespace: "prod", name: "checkout-api" });
    const p = plan({ name: "together" }, async (run) => {
      await Promise.all([run.step("scale stable", () => stable.scale(10)), run.step("scale release", () => release.scale(3))]);
    });
    const result = await runPlan(p, { mode: "preview", inputs: {}, kube: fake.kube, clock: createVirtualClock(), target: { kind: "sim" } });
    expect(renderPreview(result.events).split("\n").slice(2, 8)).toEqual([
      "scale stable",
      "  Deployment prod/checkout-api-stable",
      "    spec.replicas: 2 → 10",
      "scale release",
      "  Deployment prod/checkout-api",
      "    spec.replicas: 8 → 3",
    ]);
  });

  it("groups the restore of the safe state under the engine's step, its capacity scale-up too, and says whether it would come back", async () => {
    const fake = createFakeKube();
    seedRoute(fake.store);
    for (const [name, replicas] of [["checkout-api-stable", 2], ["checkout-api", 9]] as const) {
      fake.store.create({ apiVersion: "apps/v1", kind: "Deployment", metadata: { name, namespace: "prod" }, spec: { replicas }, status: { replicas, readyReplicas: replicas } });
    }
    const vs = istio.virtualService({
      namespace: "prod",
      name: "checkout-api",
      backends: { stable: sdkDeployment({ namespace: "prod", name: "checkout-api-stable" }), release: sdkDeployment({ namespace: "prod", name: "checkout-api" }) },
    });
    const p = plan({ name: "release-then-smoke" }, async (run) => {
      await run.safeState(vs, { stable: 100, release: 0 }, "all traffic on stable");
      await run.step("all to release", () => vs.shift({ stable: 0, release: 100 }));
      throw new Error("smoke test failed");
    });
    const result = await runPlan(p, { mode: "preview", inputs: {}, kube: fake.kube, clock: createVirtualClock(), target: { kind: "sim" } });
    const lines = renderPreview(result.events).split("\n");
    expect(lines.slice(2, lines.indexOf("", 2))).toEqual([
      "all to release",
      "  Deployment prod/checkout-api",
      "    spec.replicas: 9 → 10",
      "  VirtualService prod/checkout-api",
      "    spec.http[0].route[0].weight: 10 → 0",
      "    spec.http[0].route[1].weight: 90 → 100",
      // the stable pool, 2 pods, is scaled up to take all the traffic before the route moves back
      "restore the safe state (by Firebreak)",
      "  Deployment prod/checkout-api-stable",
      "    spec.replicas: 2 → 10",
      "  VirtualService prod/checkout-api",
      "    spec.http[0].route[0].weight: 0 → 100",
      "    spec.http[0].route[1].weight: 100 → 0",
      "  ↩ safe state would be restored: all traffic on stable",
    ]);
  });

  it("says under the restore's step which safe state would not come back; a journal of an earlier version, its restore in no step, reads as it did", () => {
    const isolate = () => {
      const j = new JournalBuilder().start("isolate", { mode: "preview" });
      j.add({ type: "safe-state-declared", description: "all traffic on stable", route, split: { stable: 100, release: 0 } });
      return j.step("isolate").split(50, 50, "shift traffic", false).endStep({ name: "Error", message: "boom" });
    };
    const failed = { type: "safe-state-restore", description: "all traffic on stable", outcome: "failed", detail: "VirtualService prod/checkout-api was deleted" } as const;
    const finish = (j: JournalBuilder) => renderPreview(j.finish("failed-unsafe", { error: { name: "Error", message: "boom" } }).events).split("\n");
    const lines = finish(isolate().restoreStep((r) => r.add(failed)));
    expect(lines.slice(6, 8)).toEqual([
      "restore the safe state (by Firebreak)",
      "  ‼ safe state would NOT be restored: all traffic on stable (VirtualService prod/checkout-api was deleted)",
    ]);
    // before the restore was a step, its events had none: shown as they were, the changes at the margin
    expect(finish(isolate().split(100, 0, "restore safe state", false).add(failed)).slice(2, 10)).toEqual([
      "isolate",
      "  VirtualService prod/checkout-api",
      "    spec.http[0].route[0].weight: 10 → 50",
      "    spec.http[0].route[1].weight: 90 → 50",
      "VirtualService prod/checkout-api",
      "  spec.http[0].route[0].weight: 50 → 100",
      "  spec.http[0].route[1].weight: 50 → 0",
      "",
    ]);
  });

  it("uses singular counts and says when something was written after all", () => {
    const j = new JournalBuilder().start("one", { mode: "preview" }).step("scale");
    j.add({ type: "change", object: deployment, field: "spec.replicas", before: 8, after: 10, applied: true, action: "scale" }).endStep();
    const text = renderPreview(j.finish("succeeded").events);
    expect(text.split("\n").at(-1)).toBe("1 object, 1 field would change; 0 gates would be evaluated; 1 change WERE written");
  });

  it("counts a field changed twice once", () => {
    const j = new JournalBuilder().start("twice", { mode: "preview" }).step("shift").split(50, 50, "shift", false).split(0, 100, "shift", false).endStep();
    expect(renderPreview(j.finish("succeeded").events).split("\n").at(-1)).toBe(
      "1 object, 2 fields would change; 0 gates would be evaluated; nothing was written",
    );
  });

  it("shows where the run would stop, under its step and at the end; the outcome says so too; other notes stay out", () => {
    const j = new JournalBuilder().start("scale-then-helm", { mode: "preview" }).step("scale to 0");
    j.add({ type: "change", object: deployment, field: "spec.replicas", before: 8, after: 0, applied: false, action: "scale" }).endStep().step("helm rollback");
    j.add({ type: "note", text: "capacity not checked" });
    j.add({ type: "note", text: "the run would stop here: helm rollback to revision 2 … was refused by the cluster", stops: true }).endStep();
    const events = j.finish("succeeded").events;
    const lines = renderPreview(events).split("\n");
    expect(lines.slice(lines.indexOf("helm rollback"))).toEqual([
      "helm rollback",
      "  ‼ the run would stop here: helm rollback to revision 2 … was refused by the cluster",
      "",
      '‼ The run would stop at step "helm rollback": see the note there.',
      "",
      "1 object, 1 field would change; 0 gates would be evaluated; nothing was written",
    ]);
    expect(describeOutcome(summarizeRun(events))).toBe('The preview completed: 1 change would be made; nothing was written. The run would stop at step "helm rollback": see its note.');
  });

  it("says when the preview did not complete", () => {
    const j = new JournalBuilder().start("broken", { mode: "preview" }).step("load");
    j.endStep({ name: "InvalidPlanError", message: "canary.stages[2]: weights sum to 110" });
    const text = renderPreview(j.finish("failed-safe", { error: { name: "InvalidPlanError", message: "canary.stages[2]: weights sum to 110" } }).events);
    expect(text).toContain("The preview did not complete (failed-safe): InvalidPlanError: canary.stages[2]: weights sum to 110");
  });

  it("strips control characters so a plan cannot rewrite the terminal", () => {
    const events: JournalEvent[] = new JournalBuilder()
      .start("evil\u001b[2J", { mode: "preview" })
      .step("step\u001b[31m red\nsecond line")
      .add({ type: "change", object: deployment, field: "spec.replicas\r", before: "\u0007", after: 1, applied: false, action: "scale" })
      .endStep()
      .finish("succeeded").events;
    const text = renderPreview(events);
    expect(text).not.toMatch(/[\u0000-\u0009\u000B-\u001F\u007F]/);
    expect(text).toContain("step[31m red second line");
  });
});
