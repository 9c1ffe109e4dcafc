import { describe, expect, it } from "vitest";
import type { JournalEvent } from "../../sdk/journal/events.ts";
import { ROLL_FORWARD_ADVICE, summarizeRun } from "../../sdk/postmortem/index.ts";
import { STILL_FAILING_ERROR_RATE } from "../../sdk/postmortem/recommend.ts";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { istio, kustomize, plan } from "../../sdk/index.ts";
import { rehearse } from "../../sdk/sim/rehearse.ts";
import { cancelled, deployment, failedSafe, failedUnsafe, JournalBuilder, previewRun, route, succeededCanary, T0, truncated } from "./fixtures.ts";

describe("summarizeRun", () => {
  it("digests the failed-safe run", () => {
    const s = summarizeRun(failedSafe());
    expect({ runId: s.runId, plan: s.plan.name, mode: s.mode, target: s.target, status: s.status, statusText: s.statusText }).toEqual({
      runId: "run-20261122-100000-a1b2",
      plan: "checkout-api-rollback",
      mode: "run",
      target: { kind: "sim", scenario: "schema-from-the-future" },
      status: "failed-safe",
      statusText: "failed-safe",
    });
    expect(s.outcome).toBe(
      'Traffic was returned to the safe state (100% to stable) after gate "canary 1%" failed: success rate 0.58 < 0.99. ' +
        '1 other object stays as the run changed it: see "What is left where".',
    );
    expect({ startedAt: s.startedAt - T0, finishedAt: s.finishedAt - T0, durationMs: s.durationMs, finished: s.finished }).toEqual({
      startedAt: 0, finishedAt: 90_000, durationMs: 90_000, finished: true,
    });
    expect(s.steps.map((st) => [st.id, st.name, st.outcome, st.durationMs, st.error?.name])).toMatchInlineSnapshot(`
      [
        [
          1,
          "declare safe state",
          "succeeded",
          0,
          undefined,
        ],
        [
          2,
          "roll back release to 1.9.0",
          "succeeded",
          25000,
          undefined,
        ],
        [
          3,
          "canary 1%",
          "failed",
          60000,
          "GateFailedError",
        ],
      ]
    `);
    expect(s.changes.map((o) => [o.name, o.changes.length])).toEqual([
      ["Deployment prod/checkout-api", 1],
      ["VirtualService prod/checkout-api", 4],
    ]);
    expect(s.changes[1]!.changes[2]).toMatchObject({ field: "spec.http[0].route[0].weight", before: 99, after: 100, action: "restore safe state", applied: true });
    expect(s.finalSplits).toEqual([{ route, name: "VirtualService prod/checkout-api", at: T0 + 90_000, split: { stable: 100, release: 0 }, verified: true }]);
    expect(s.trafficHistory[0]!.points.map((p) => p.split)).toEqual([{ stable: 99, release: 1 }, { stable: 100, release: 0 }]);
    expect(s.gates.map((g) => [g.name, g.kind, g.phase, g.reason, g.evidence.length])).toEqual([["canary 1%", "success-rate", "failed", "success rate 0.58 < 0.99", 4]]);
    expect(s.notes.map((n) => n.text)).toEqual(["release pods report ready; watching the first 1% of traffic"]);
    expect(s.safeState.declared?.split).toEqual({ stable: 100, release: 0 });
    expect(s.safeState.restores.map((r) => r.outcome)).toEqual(["restored"]);
    expect(s.impact).toMatchObject({ requests: 48_000, failed: 9_648 });
    expect(s.unsafe).toEqual([]);
    // the restore put traffic back; the rollback stays
    expect(s.leftChanged).toEqual([
      'Deployment prod/checkout-api (spec.template.spec.containers[0].image="registry.example.com/checkout-api:1.9.0", was "registry.example.com/checkout-api:2.0.0")',
    ]);
  });

  it("derives the roll-forward recommendation when a gate fails after a rollback", () => {
    const s = summarizeRun(failedSafe());
    expect(s.recommendations).toEqual([
      {
        text: ROLL_FORWARD_ADVICE,
        action: expect.stringContaining("Roll forward with a fix"),
        reason: 'gate "canary 1%" failed after "roll back to revision 2" on Deployment prod/checkout-api',
        derived: true,
        at: T0 + 88_000,
      },
    ]);
  });

  it("derives it after a Helm rollback too, but not when the plan went on to roll the workload forward", () => {
    const helm = failedSafe().map((e) => (e.type === "change" && e.action === "roll back to revision 2" ? { ...e, action: "helm rollback to revision 2" } : e));
    expect(summarizeRun(helm).recommendations.map((r) => r.reason)).toEqual(['gate "canary 1%" failed after "helm rollback to revision 2" on Deployment prod/checkout-api']);
    const events = failedSafe();
    const rollback = events.find((e): e is JournalEvent & { type: "change" } => e.type === "change" && e.action === "roll back to revision 2")!;
    const gateAt = events.findIndex((e) => e.type === "gate");
    events.splice(gateAt + 1, 0, { ...rollback, at: rollback.at + 89_000, before: rollback.after, after: "registry.example.com/checkout-api:2.0.1", action: "roll forward to registry.example.com/checkout-api:2.0.1" });
    expect(summarizeRun(events).recommendations).toEqual([]);
  });

  it("does not derive it when a recommendation already says to roll forward", () => {
    const events = failedSafe();
    events.splice(3, 0, { type: "recommendation", at: T0, text: "Rolling forward to 2.0.1 is the way out", reason: "schema 42" });
    expect(summarizeRun(events).recommendations.map((r) => r.derived)).toEqual([false]);
  });

  it("derives it only from users' traffic failing after the rollback", () => {
    const ev = (phase: "failed" | "inconclusive" | "error", indicator = "success-rate"): JournalEvent =>
      ({ type: "gate", at: T0, name: "g", kind: "success-rate", description: "d", phase, reason: "r", enforced: true, startedAt: T0,
         evidence: [{ at: T0, indicator, value: 0.5, phase, reason: "r" }] });
    const rollback: JournalEvent = { type: "change", at: T0, object: deployment, field: "image", before: "b", after: "a", applied: true, action: "Roll back to revision 2" };
    expect(summarizeRun([rollback, ev("failed")]).recommendations).toHaveLength(1);
    expect(summarizeRun([ev("failed"), rollback]).recommendations).toEqual([]);
    expect(summarizeRun([rollback, ev("inconclusive")]).recommendations).toEqual([]);
    // an unreachable provider or cold pods say nothing about the data
    expect(summarizeRun([rollback, ev("error")]).recommendations).toEqual([]);
    expect(summarizeRun([rollback, ev("failed", "probe-latency")]).recommendations).toEqual([]);
  });

  it("recommends looking again when users were still failing as the run ended, whatever its status", () => {
    const ending = (errorRate: number) =>
      new JournalBuilder().start("rollback").step("isolate").split(100, 0).endStep().after(300_000).impact([0.3, 0.33, 0.33], 30_000, { from: T0 + 270_000, errorRate }).finish("succeeded").events;
    const still = summarizeRun(ending(0.33)).recommendations;
    expect(still.map((r) => r.text)).toEqual([
      expect.stringMatching(/^Users were still failing when the run ended: 33% of requests from 10:04:30 to 10:05:00 UTC, after its last traffic change\. Before closing the incident, check what the plan did not measure: /),
    ]);
    expect(still[0]!.action).toBe("Find out why 33% of requests were still failing when the run ended, and what would have caught it");
    expect(summarizeRun(ending(0.004)).recommendations).toEqual([]); // recovered: the end is what counts
    expect(summarizeRun(ending(STILL_FAILING_ERROR_RATE)).recommendations).toEqual([]);
  });

  it("judges the end on traffic after the run's last traffic change, not on the chart's last point", () => {
    // 27% fail at the split the run found; the isolating shift lands at 10:00:06, as the run ends
    const isolated = () => new JournalBuilder().start("isolate").add({ type: "traffic", route, split: { stable: 10, release: 90 }, verified: true, initial: true }).step("isolate").after(6_000).split(100, 0).endStep();
    const endingAt = (from: number, errorRate: number) => summarizeRun(isolated().impact([0.27, 0.036], 10_000, { from, errorRate }).finish("succeeded").events).recommendations;
    // measured after the shift: users were not still failing, though the chart's last 10 s say 3.6%
    expect(endingAt(T0 + 6_000, 0.0048)).toEqual([]);
    // the shift came too near the end to measure after it: the window is said to hold traffic from before it
    expect(endingAt(T0 - 4_000, 0.036).map((r) => r.text)).toEqual([
      "3.6% of requests failed in the run's last 10s (09:59:56 to 10:00:06 UTC), a window that began before its last traffic change, at 10:00:06 UTC: " +
        "the run ended too soon after that change to measure how users fared since. Before closing the incident, check the error rate since then",
    ]);
    // a shift to where the route already is, or a route read again at the end, moves nobody
    const reread = isolated().after(20_000).split(100, 0).impact([0.27, 0.2], 10_000, { from: T0 + 16_000, errorRate: 0.2 }).finish("succeeded").events;
    expect(summarizeRun(reread).recommendations.map((r) => r.text)).toEqual([expect.stringMatching(/^Users were still failing when the run ended: 20% of requests from 10:00:16 to 10:00:26 UTC, after its last traffic change\./)]);
  });

  it("in a journal written before the end was measured, judges the chart's last point over the step before it", () => {
    const legacy = (rates: number[]) => new JournalBuilder().start("rollback").step("isolate").split(100, 0).endStep().after(300_000).impact(rates).finish("succeeded").events;
    expect(summarizeRun(legacy([0.3, 0.33, 0.33])).recommendations.map((r) => r.text)).toEqual([expect.stringMatching(/^Users were still failing when the run ended: 33% of requests from 10:00:30 to 10:01:00 UTC, after its last traffic change\./)]);
    expect(summarizeRun(legacy([0.3, 0.02, 0.004])).recommendations).toEqual([]);
  });

  it("describes a succeeded canary", () => {
    const s = summarizeRun(succeededCanary());
    expect(s.status).toBe("succeeded");
    expect(s.outcome).toBe("The plan completed: 4 of 4 gates passed, and traffic ends at 100% to release on VirtualService prod/checkout-api.");
    expect(s.recommendations).toEqual([]);
  });

  it("says a plan that failed before changing anything changed nothing", () => {
    const events: JournalEvent[] = [
      { type: "plan-started", at: T0, runId: "r", plan: { name: "p" }, mode: "run", inputs: {}, target: { kind: "cluster" }, sdkVersion: "0.1.0" },
      { type: "plan-finished", at: T0 + 1000, status: "failed-safe", durationMs: 1000, error: { name: "KubeApiError", message: "cannot reach the API server" } },
    ];
    expect(summarizeRun(events).outcome).toMatch(/^The plan failed before it changed anything: .*cannot reach the API server/);
  });

  it("counts checks (canary stages judged with run.check) beside gates", () => {
    const events = succeededCanary().map((e) => (e.type === "gate" && e.name !== "warm and steady" ? { ...e, enforced: false } : e));
    const enforced = events.filter((e) => e.type === "gate" && e.enforced).length;
    const checks = events.filter((e) => e.type === "gate" && !e.enforced).length;
    expect(summarizeRun(events).outcome).toMatch(new RegExp(`^The plan completed: ${enforced ? `${enforced} of ${enforced} gates? and ` : ""}${checks} of ${checks} checks passed`));
  });

  it("lets a plan's own error speak for itself, and names a typed one", () => {
    const declared = { type: "safe-state-declared", description: "all on stable", route, split: { stable: 100, release: 0 } } as const;
    const failWith = (error: { name: string; message: string }) =>
      summarizeRun(new JournalBuilder().start("p").add(declared).step("isolate").split(100, 0).endStep().finish("failed-safe", { error }).events).outcome;
    expect(failWith({ name: "Error", message: "the rolled-back release did not hold up at 1%." })).toBe(
      "Traffic was returned to the safe state (100% to stable) after the plan stopped: the rolled-back release did not hold up at 1%.",
    );
    expect(failWith({ name: "RevisionNotFoundError", message: "Deployment prod/checkout-api has no revision 9" })).toBe(
      "Traffic was returned to the safe state (100% to stable) after RevisionNotFoundError: Deployment prod/checkout-api has no revision 9.",
    );
  });

  it("blames the step a plan's own error was thrown in, not the plan, and keeps the line that threw it", async () => {
    const vs = istio.virtualService({ namespace: "prod", name: "checkout-api" });
    const failing = plan({ name: "step-fails" }, async (run) => {
      await run.safeState(vs, { stable: 100, release: 0 }, "all on stable");
      await run.step("isolate", () => vs.shift({ stable: 100, release: 0 }));
      await run.step("run the migration check", async () => {
        throw new Error("connection refused");
      });
    });
    const r = await rehearse(failing, { scenario: "cold-jvm" });
    expect(r.error?.message).toMatch(/^connection refused \(at .*summary\.test\.ts:\d+:\d+\)$/);
    expect(summarizeRun(r.events).outcome).toMatch(
      /^Traffic was returned to the safe state \(100% to stable\) after step "run the migration check" failed: connection refused \(at .*summary\.test\.ts:\d+:\d+\)\./,
    );
  });

  it("says what else an apply changed on a safe-state route: its restore puts back only the weights", async () => {
    // the route as Git has it: the split the run isolated to, and a timeout and retries the run's step changes
    const dir = mkdtempSync(join(tmpdir(), "firebreak-overlay-"));
    writeFileSync(join(dir, "kustomization.yaml"), "resources:\n  - virtualservice.yaml\n");
    const destination = (subset: string, weight: number) => ({ destination: { host: "checkout-api", subset }, weight });
    const manifest = {
      apiVersion: "networking.istio.io/v1", kind: "VirtualService", metadata: { name: "checkout-api", namespace: "prod" },
      spec: { hosts: ["checkout-api"], http: [{ name: "primary", timeout: "2s", retries: { attempts: 0 }, route: [destination("stable", 100), destination("release", 0)] }] },
    };
    writeFileSync(join(dir, "virtualservice.yaml"), JSON.stringify(manifest));
    const vs = istio.virtualService({ namespace: "prod", name: "checkout-api" });
    const applying = plan({ name: "kustomize-rollback" }, async (run) => {
      await run.safeState(vs, { stable: 100, release: 0 }, "all on stable");
      await run.step("isolate", () => vs.shift({ stable: 100, release: 0 }));
      await run.step("kustomize apply overlays/prod-previous", async () => {
        await kustomize.overlay({ path: dir }).apply({ force: true });
        throw new Error("apply failed");
      });
    });
    const r = await rehearse(applying, { scenario: "cold-jvm" }).finally(() => rmSync(dir, { recursive: true, force: true }));
    expect(r.status).toBe("failed-safe");
    const s = summarizeRun(r.events);
    expect(s.leftChanged).toEqual(['VirtualService prod/checkout-api (spec.http[0].retries={"attempts":0}, was undefined; spec.http[0].timeout="2s", was undefined)']);
    expect(s.outcome).toMatch(/1 other object stays as the run changed it: see "What is left where"\.$/);
  });

  it("says a plan without a safe state that failed-safe put back what it changed itself, not that a safe state was restored", () => {
    const events = new JournalBuilder().start("p").step("canary").split(90, 10).split(100, 0).endStep().finish("failed-safe", { error: { name: "Error", message: "canary went bad" } }).events;
    expect(summarizeRun(events).outcome).toBe("The plan put back what it had changed itself (it declared no safe state), after the plan stopped: canary went bad.");
  });

  it("says the safe state was restored when it was, and that a route shifted without one of its own is what is left", () => {
    const declared = { type: "safe-state-declared", description: "payments on stable", route, split: { stable: 100, release: 0 } } as const;
    const j = new JournalBuilder().start("train").add(declared).step("canary").split(90, 10).endStep();
    j.add({ type: "safe-state-restore", description: "payments on stable", outcome: "restored" });
    const unsafe = ["TrafficSplit prod/ledger was left changed (spec.backends[1].weight=10, was 0); the plan declared no safe state for it"];
    const s = summarizeRun(j.finish("failed-unsafe", { error: { name: "Error", message: "ledger canary failed" }, unsafe }).events);
    expect(s.outcome).toBe(
      'The plan failed after the plan stopped: ledger canary failed; the safe state (100% to stable) was restored, but the run shifted a route that has no safe state of its own, left as it is: see "What is left where".',
    );
  });

  it("keeps what is left where for failed-unsafe", () => {
    const s = summarizeRun(failedUnsafe());
    expect(s.unsafe).toHaveLength(2);
    expect(s.outcome).toBe(
      'The plan failed after gate "canary 50%" errored: Prometheus at http://prometheus:9090 is unreachable: connect ECONNREFUSED, ' +
        'and the safe state (100% to stable) could not be restored: see "What is left where".',
    );
    expect(s.recommendations.map((r) => r.derived)).toEqual([false]);
  });

  it("says whether a cancelled run was restored", () => {
    expect(summarizeRun(cancelled()).outcome).toBe(
      'The run was cancelled (received SIGINT), and the safe state (100% to stable) could not be restored: see "What is left where".',
    );
    expect(summarizeRun(cancelled({ restored: true })).outcome).toBe(
      "The run was cancelled (received SIGINT); traffic was returned to the safe state (100% to stable).",
    );
  });

  it("tolerates a truncated journal", () => {
    const s = summarizeRun(truncated());
    expect(s.status).toBe("unknown");
    expect(s.finished).toBe(false);
    expect(s.statusText).toBe("unknown (the run did not finish: journal ends at 2026-11-22 10:01:28 UTC)");
    expect(s.finishedAt - s.startedAt).toBe(88_000);
    expect(s.steps.at(-1)).toMatchObject({ name: "canary 1%", outcome: "unfinished" });
    expect(s.steps.at(-1)!.durationMs).toBeUndefined();
    expect(s.outcome).toBe(
      "The journal ends at 2026-11-22 10:01:28 UTC without a plan-finished event (the runner crashed or was killed); " +
        "the last recorded split was 99% stable, 1% release on VirtualService prod/checkout-api: check the cluster before acting on this report.",
    );
  });

  it("does not call a split the last one when the run wrote the route again and died before reading it back", () => {
    const events = failedSafe();
    // the journal ends after the restore's two weight writes, before their read-back
    const later = summarizeRun(events.slice(0, events.findIndex((e) => e.type === "safe-state-restore") - 1));
    expect(later.finalSplits[0]).toMatchObject({ split: { stable: 99, release: 1 }, verified: false, rewrittenAt: T0 + 90_000 });
    expect(later.outcome).toContain(
      'the last recorded split was 99% stable, 1% release on VirtualService prod/checkout-api, which the run wrote again at 10:01:30 UTC and did not read back (see "What is left where")',
    );
    expect(later.leftChanged).toContain("VirtualService prod/checkout-api (spec.http[0].route[0].weight=100, was 10; spec.http[0].route[1].weight=0, was 90)");
  });

  it("tolerates an empty journal and one without plan-started", () => {
    const empty = summarizeRun([]);
    expect([empty.runId, empty.plan.name, empty.statusText, empty.steps, empty.timeline]).toEqual(["unknown", "unknown plan", "unknown (the journal is empty)", [], []]);
    const headless = summarizeRun(failedSafe().slice(1));
    expect([headless.runId, headless.status, headless.target]).toEqual(["unknown", "failed-safe", undefined]);
  });

  it("nests steps and finishes them even when the start is missing", () => {
    const j = new JournalBuilder().start("nested").step("outer").step("inner").after(5_000).endStep().endStep();
    const orphan: JournalEvent = { type: "step-finished", at: j.now, stepId: 99, name: "orphan", outcome: "failed", durationMs: 1_000 };
    const s = summarizeRun([...j.events, orphan]);
    expect(s.steps.map((st) => [st.name, st.depth, st.parentId, st.outcome, st.startedAt - T0])).toEqual([
      ["outer", 0, undefined, "succeeded", 0],
      ["inner", 1, 1, "succeeded", 0],
      ["orphan", 0, undefined, "failed", 4_000],
    ]);
  });

  it("builds the timeline from the story-telling events only", () => {
    const s = summarizeRun(failedSafe());
    expect(s.timeline.map((e) => e.type)).not.toContain("traffic");
    expect(s.timeline.map((e) => e.type)).not.toContain("impact");
    expect(s.timeline.map((e) => e.text)).toMatchInlineSnapshot(`
      [
        "Plan "checkout-api-rollback" started (run on sim, scenario schema-from-the-future)",
        "Step "declare safe state" started",
        "Safe state declared: all traffic to the stable pool (1.9.4) (100% to stable on VirtualService prod/checkout-api)",
        "Step "declare safe state" succeeded in 0ms",
        "Step "roll back release to 1.9.0" started",
        "Deployment prod/checkout-api: spec.template.spec.containers[0].image registry.example.com/checkout-api:2.0.0 → registry.example.com/checkout-api:1.9.0 (roll back to revision 2)",
        "Waited 25s for Deployment prod/checkout-api: rollout complete (8/8 ready)",
        "Step "roll back release to 1.9.0" succeeded in 25s",
        "Step "canary 1%" started",
        "VirtualService prod/checkout-api: spec.http[0].route[0].weight 10 → 99 (shift traffic)",
        "VirtualService prod/checkout-api: spec.http[0].route[1].weight 90 → 1 (shift traffic)",
        "Note: release pods report ready; watching the first 1% of traffic",
        "Paused 1m: let the canary take traffic",
        "Gate "canary 1%" (success-rate) failed: success rate 0.58 < 0.99",
        "Step "canary 1%" failed after 1m: GateFailedError: Gate "canary 1%" failed: success rate 0.58 < 0.99",
        "VirtualService prod/checkout-api: spec.http[0].route[0].weight 99 → 100 (restore safe state)",
        "VirtualService prod/checkout-api: spec.http[0].route[1].weight 1 → 0 (restore safe state)",
        "Safe state restored: all traffic to the stable pool (1.9.4)",
        "Plan finished: failed-safe after 1m 30s (GateFailedError: Gate "canary 1%" failed: success rate 0.58 < 0.99)",
      ]
    `);
  });

  it("counts preview changes without claiming they were written", () => {
    const s = summarizeRun(previewRun());
    expect(s.outcome).toBe("The preview completed: 8 changes would be made; nothing was written.");
  });
});
