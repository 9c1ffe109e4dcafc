import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it, vi } from "vitest";
import { createFileJournal } from "../../sdk/journal/sinks.ts";
import { readJournal } from "../../sdk/journal/read-journal.ts";
import { loadPlan } from "../../sdk/loader/load-plan.ts";
import { rehearse, type Rehearsal } from "../../sdk/sim/rehearse.ts";
import { summarizeRun } from "../../sdk/postmortem/index.ts";
import { ensureHelm } from "../helpers/tools.ts";

/**
 * Every example plan, rehearsed under each scenario it is written for, with the outcome and the
 * final traffic split a responder would see. A new example without a row here fails the suite.
 */
type Case = { scenario: string; label?: string; inputs?: Record<string, string>; status: string; split: Record<string, number>; route?: string };
const HOTFIX = "registry.example.com/checkout-api:2.0.1";
/** A world of the example's own, from a scenario file (docs/scenarios.md). */
const TRAIN = "examples/scenarios/release-train.yaml";
const expectations: Record<string, Case[]> = {
  "checkout-api-rollback.ts": [
    { scenario: "cold-jvm", inputs: { revision: "2" }, status: "succeeded", split: { stable: 0, release: 100 } },
    { scenario: "schema-from-the-future", inputs: { revision: "2" }, status: "failed-safe", split: { stable: 100, release: 0 } },
    { scenario: "thin-stable-pool", inputs: { revision: "2" }, status: "succeeded", split: { stable: 0, release: 100 } },
    { scenario: "schema-from-the-future", label: "with a hotfix", inputs: { revision: "2", hotfix: HOTFIX }, status: "succeeded", split: { stable: 0, release: 100 } },
    { scenario: "cold-jvm", label: "with a hotfix", inputs: { revision: "2", hotfix: HOTFIX }, status: "succeeded", split: { stable: 0, release: 100 } },
    { scenario: "cold-jvm", label: "with a mistyped revision", inputs: { revision: "9" }, status: "failed-safe", split: { stable: 100, release: 0 } },
  ],
  "checkout-api-roll-forward.ts": [
    { scenario: "cold-jvm", status: "succeeded", split: { stable: 0, release: 100 } },
    { scenario: "schema-from-the-future", status: "succeeded", split: { stable: 0, release: 100 } },
    { scenario: "thin-stable-pool", status: "succeeded", split: { stable: 0, release: 100 } },
  ],
  "helm-release-rollback.ts": [
    { scenario: "cold-jvm", status: "succeeded", split: { stable: 0, release: 100 } },
    { scenario: "schema-from-the-future", status: "failed-safe", split: { stable: 100, release: 0 } },
    { scenario: "thin-stable-pool", status: "succeeded", split: { stable: 0, release: 100 } },
    { scenario: "cold-jvm", label: "to revision 1", inputs: { revision: "1" }, status: "succeeded", split: { stable: 0, release: 100 } },
  ],
  "naive-helm-rollback.ts": [
    { scenario: "cold-jvm", status: "succeeded", split: { stable: 10, release: 90 } },
    { scenario: "schema-from-the-future", status: "succeeded", split: { stable: 10, release: 90 } },
  ],
  "linkerd-httproute-rollback.ts": [
    { scenario: "linkerd-cold-jvm", inputs: { revision: "2" }, status: "succeeded", split: { "checkout-api-stable": 0, "checkout-api-release": 100 } },
    { scenario: "linkerd-schema-from-the-future", inputs: { revision: "2" }, status: "failed-safe", split: { "checkout-api-stable": 100, "checkout-api-release": 0 } },
  ],
  "release-train-rollback.ts": [
    { scenario: TRAIN, status: "succeeded", route: "shop/payments", split: { stable: 0, release: 100 } },
  ],
  "ingress-nginx-rollback.ts": [
    { scenario: "nginx-cold-jvm", inputs: { revision: "2" }, status: "succeeded", route: "prod/checkout-api-canary", split: { "checkout-api-canary": 100, "checkout-api": 0 } },
    { scenario: "nginx-schema-from-the-future", inputs: { revision: "2" }, status: "failed-safe", route: "prod/checkout-api-canary", split: { "checkout-api-canary": 0, "checkout-api": 100 } },
  ],
};

const plans = readdirSync("examples").filter((f) => f.endsWith(".ts") && f !== "checkout-api.ts");
const results = new Map<string, Rehearsal>();

describe("examples", () => {
  // the naive rollback runs the real helm against the simulator's API server, as a responder's machine would
  beforeAll(() => void vi.stubEnv("FIREBREAK_HELM", ensureHelm()), 120_000);

  it("every example plan has expectations", () => {
    expect(plans.sort()).toEqual(Object.keys(expectations).sort());
  });

  for (const [file, cases] of Object.entries(expectations)) {
    for (const c of cases) {
      it(`${file} under ${c.scenario}${c.label ? ` ${c.label}` : ""} ends ${c.status} with ${JSON.stringify(c.split)}`, async () => {
        const { plan } = await loadPlan(`examples/${file}`);
        const r = await rehearse(plan, { scenario: c.scenario, inputs: c.inputs ?? {} });
        results.set(`${file}|${c.scenario}${c.label ? `|${c.label}` : ""}`, r);
        expect(r.error?.message ?? "").not.toMatch(/bug in Firebreak/);
        expect(r.status, r.error?.message).toBe(c.status);
        expect(r.finalSplits[c.route ?? "prod/checkout-api"]).toEqual(c.split);
        const impact = summarizeRun(r.events).impact;
        expect(impact?.requests, impact?.reason).toBeGreaterThan(0);
      });
    }
  }

  it("a mistyped revision stops the deliberate rollback once users are isolated, before the release is touched", () => {
    const r = results.get("checkout-api-rollback.ts|cold-jvm|with a mistyped revision")!;
    expect(r.error?.message).toMatch(/^Deployment prod\/checkout-api has no revision 9; revisions are: 1 \(.+\), 2 \(.+\)/);
    const touched = r.events.filter((e) => e.type === "change" && e.object.kind === "Deployment" && e.object.name === "checkout-api");
    expect(touched).toEqual([]);
  });

  it("the naive rollback is a real helm rollback: the journal has the chart and image Helm put back", () => {
    const r = results.get("naive-helm-rollback.ts|schema-from-the-future")!;
    const changes = r.events.flatMap((e) => (e.type === "change" ? [`${e.object.kind} ${e.field}: ${String(e.before)} → ${String(e.after)}`] : []));
    const image = (tag: string) => `registry.example.com/checkout-api:${tag}`;
    expect(changes.slice(0, 3)).toEqual([
      "HelmRelease chart: checkout-api-2.0.0 (app 2.0.0) → checkout-api-1.9.0 (app 1.9.0)",
      `HelmRelease values.image: ${image("2.0.0")} → ${image("1.9.0")}`,
      `Deployment spec.template.spec.containers[0].image: ${image("2.0.0")} → ${image("1.9.0")}`,
    ]);
  });

  it("the deliberate rollback waits out a cold JVM before users return", () => {
    const r = results.get("checkout-api-rollback.ts|cold-jvm")!;
    const warm = r.events.find((e) => e.type === "gate" && e.name === "warm and steady");
    expect(warm).toMatchObject({ phase: "passed" });
    // the first probes were slow: readiness said ready long before the pods were warm
    const probes = warm && "evidence" in warm ? warm.evidence.filter((e) => e.indicator === "probe-latency") : [];
    expect(probes[0]!.value!).toBeGreaterThan(300);
    expect(probes.at(-1)!.value!).toBeLessThan(300);
  });

  it("with a thin stable pool, isolation scales it up first and shifts in steps as pods turn ready", () => {
    const r = results.get("checkout-api-rollback.ts|thin-stable-pool")!;
    const isolate = r.events.find((e) => e.type === "step-started" && e.name.startsWith("isolate"))!;
    const during = r.events.filter((e) => e.stepId === isolate.stepId);
    const scaleUp = during.find((e) => e.type === "change" && e.field === "spec.replicas");
    expect(scaleUp).toMatchObject({ before: 2, after: 9 });
    const stableWeights = during.filter((e) => e.type === "traffic").map((e) => ("split" in e ? e.split.stable : -1));
    expect(stableWeights.length).toBeGreaterThan(1); // at least one step before 100%
    expect(stableWeights.at(-1)).toBe(100);
    expect(stableWeights[0]!).toBeLessThan(100);
  });

  it("with a thin stable pool, the scale-up holds against the pool's autoscaler; bounds left raised become an action item", () => {
    const hpaChanges = (r: Rehearsal) => r.events.filter((e) => e.type === "change" && e.object.kind === "HorizontalPodAutoscaler");
    const rollback = results.get("checkout-api-rollback.ts|thin-stable-pool")!;
    // held at 9 while users were on the pool, put back to 2..4 once the plan scaled it back down
    expect(hpaChanges(rollback).map((e) => e.type === "change" && `${e.field} ${e.before} → ${e.after}`)).toEqual([
      "spec.minReplicas 2 → 9",
      "spec.maxReplicas 4 → 9",
      "spec.minReplicas 9 → 2",
      "spec.maxReplicas 9 → 4",
    ]);
    expect(summarizeRun(rollback.events).recommendations.map((x) => x.text).join("\n")).not.toMatch(/HorizontalPodAutoscaler/);

    const forward = summarizeRun(results.get("checkout-api-roll-forward.ts|thin-stable-pool")!.events);
    expect(forward.recommendations.map((x) => x.text)).toContain(
      "Put HorizontalPodAutoscaler prod/checkout-api-stable's minReplicas back to 2 (now 9) and maxReplicas back to 4 (now 9) when the incident is over, or make the new bounds its manifest's",
    );
  });

  it("given a hotfix, it reads the schema first and rolls forward when the data has moved past the target", () => {
    const ahead = summarizeRun(results.get("checkout-api-rollback.ts|schema-from-the-future|with a hotfix")!.events);
    expect(ahead.gates.find((g) => g.kind === "schema")).toMatchObject({ phase: "failed" });
    expect(ahead.gates.find((g) => g.kind === "schema")!.reason).toMatch(/^schema is ahead of Deployment prod\/checkout-api revision 2 .*: 42; roll forward instead/);
    expect(ahead.changes.flatMap((o) => o.changes).some((c) => /^roll back/.test(c.action))).toBe(false);
    expect(ahead.changes.flatMap((o) => o.changes).some((c) => c.after === "registry.example.com/checkout-api:2.0.1")).toBe(true);
    const fits = summarizeRun(results.get("checkout-api-rollback.ts|cold-jvm|with a hotfix")!.events);
    expect(fits.gates.find((g) => g.kind === "schema")).toMatchObject({ phase: "passed" });
    expect(fits.changes.flatMap((o) => o.changes).some((c) => /^roll back to revision 2/.test(c.action))).toBe(true);
  });

  it("under schema-from-the-future the rollback stops at 1% and recommends rolling forward", () => {
    const r = results.get("checkout-api-rollback.ts|schema-from-the-future")!;
    const s = summarizeRun(r.events);
    expect(s.gates.find((g) => g.name === "canary 1%")).toMatchObject({ phase: "failed" });
    expect(s.gates.some((g) => g.name === "canary 10%")).toBe(false);
    expect(s.recommendations.map((x) => x.text).join("\n")).toMatch(/Roll forward/);
  });

  it("the naive rollback ends succeeded with users still failing, and its report says so; the deliberate plan's does not", () => {
    const still = (key: string) => summarizeRun(results.get(key)!.events).recommendations.filter((r) => r.text.startsWith("Users were still failing"));
    expect(results.get("naive-helm-rollback.ts|schema-from-the-future")!.status).toBe("succeeded");
    expect(still("naive-helm-rollback.ts|schema-from-the-future").map((r) => r.text)).toEqual([expect.stringMatching(/^Users were still failing when the run ended: 3\d(\.\d+)?% of requests/)]);
    for (const key of ["checkout-api-rollback.ts|cold-jvm", "checkout-api-rollback.ts|schema-from-the-future", "checkout-api-roll-forward.ts|schema-from-the-future"]) expect(still(key), key).toEqual([]);
  });

  it("the naive rollback reports success while failing more users than either deliberate plan, by Deployment or by Helm", () => {
    for (const scenario of ["cold-jvm", "schema-from-the-future"]) {
      const naive = summarizeRun(results.get(`naive-helm-rollback.ts|${scenario}`)!.events).impact!;
      const share = (i: typeof naive) => i.failed! / i.requests!;
      for (const deliberatePlan of ["checkout-api-rollback.ts", "helm-release-rollback.ts"]) {
        const deliberate = summarizeRun(results.get(`${deliberatePlan}|${scenario}`)!.events).impact!;
        expect(share(naive), `${deliberatePlan} under ${scenario}`).toBeGreaterThan(share(deliberate) * 5);
      }
    }
  });

  it("the deliberate Helm rollback goes to the last revision Helm recorded as good, or to the one it is given", () => {
    const images = (key: string) =>
      results.get(key)!.events.flatMap((e) => (e.type === "change" && e.object.kind === "Deployment" && e.field.endsWith(".image") ? [e.after] : []));
    expect(images("helm-release-rollback.ts|cold-jvm")).toEqual(["registry.example.com/checkout-api:1.9.0"]);
    expect(images("helm-release-rollback.ts|cold-jvm|to revision 1")).toEqual(["registry.example.com/checkout-api:1.8.2"]);
  });

  it("the release train takes every service off its release in its first step, and brings them back one at a time", () => {
    const r = results.get(`release-train-rollback.ts|${TRAIN}`)!;
    expect(r.finalSplits["shop/ledger"]).toEqual({ "ledger-stable": 0, "ledger-release": 100 });
    const steps = summarizeRun(r.events).steps;
    const isolate = steps.find((st) => st.name === "isolate the train")!;
    const isolated = r.events.filter((e) => e.type === "traffic" && e.stepId === isolate.id && e.verified && Object.values(e.split).includes(100));
    expect(isolated.map((e) => e.type === "traffic" && e.route.name).sort()).toEqual(["ledger", "payments"]);
    const back = steps.filter((st) => st.name.startsWith("bring "));
    expect(back.map((st) => st.name)).toEqual(["bring payments back", "bring ledger back"]);
    expect(back[1]!.startedAt).toBeGreaterThanOrEqual(back[0]!.finishedAt!);
  });

  it("every example run's journal, written to a file, reads back whole", () => {
    const dir = mkdtempSync(join(tmpdir(), "firebreak-examples-"));
    try {
      for (const [run, r] of results) {
        const file = join(dir, `${run.replace(/\W+/g, "-")}.jsonl`);
        const sink = createFileJournal(file);
        for (const event of r.events) sink.append(event);
        sink.close();
        expect(readJournal(file), run).toEqual(JSON.parse(JSON.stringify(r.events)));
      }
      expect(results.size).toBe(Object.values(expectations).flat().length);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
