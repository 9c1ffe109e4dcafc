import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { stringify } from "yaml";
import { deployment, gates, helm, istio, kustomize, plan, type Gate } from "../../sdk/index.ts";
import type { JournalEvent } from "../../sdk/journal/events.ts";
import { rehearse } from "../../sdk/sim/rehearse.ts";
import type { ScenarioInput } from "../../sdk/sim/scenario.ts";
import { checkoutWorld } from "../../sdk/sim/scenarios/checkout-world.ts";
import { ensureHelm } from "../helpers/tools.ts";

/**
 * The traffic gates after the run rolls a Deployment out in place (a rollback, a new image, a
 * restart, Helm, Kustomize): its new pods carry the old ones' version label, so a window that
 * still holds the old pods' requests would judge the old image as the new one. The gates wait, as
 * they do after a shift, for a whole window after the rollout completed.
 */

const GOOD = "registry.example.com/checkout-api:1.9.0";
const BAD = "registry.example.com/checkout-api:2.0.0";

/** The checkout world with the release (90% of traffic) at `history`'s last image; 2.0.0 fails 4% of requests, pods warm at once. */
const world = (history: string[]): ScenarioInput => ({
  ...checkoutWorld,
  name: "rollout-window",
  description: "The release pool is rolled out in place while it takes 90% of traffic.",
  database: { schemaVersion: 41 },
  images: { ...checkoutWorld.images, [BAD]: { latencyMs: 35, errorRate: 0.04, schema: { min: 41, max: 42 } } },
  deployments: checkoutWorld.deployments.map((d) =>
    d.name === "checkout-api" ? { ...d, history, helm: { chartVersions: history.map((i) => i.split(":")[1]!) } } : d,
  ),
  faults: { readinessSeconds: 5, warmupSeconds: 5, coldErrorRate: 0 },
});
/** The release on 2.0.0 after 1.9.0 (revision 2), as the incident has it. */
const onBad = world(["registry.example.com/checkout-api:1.8.2", GOOD, BAD]);
/** The release on 1.9.0, about to be rolled forward. */
const onGood = world(["registry.example.com/checkout-api:1.8.2", GOOD]);

const stablePool = deployment({ namespace: "prod", name: "checkout-api-stable" });
const release = deployment({ namespace: "prod", name: "checkout-api" });
const route = istio.virtualService({ namespace: "prod", name: "checkout-api", backends: { stable: stablePool, release } });
const releaseRate = (min: number) => gates.successRate({ route, destination: "release", min, minRequests: 100 });

const gatesOf = (events: JournalEvent[]) => events.flatMap((e) => (e.type === "gate" ? [e] : []));
const reasons = (g: { evidence: { reason?: string }[] }) => g.evidence.map((e) => e.reason);
const waitingAfter = (since: string, done: string) => `${since} since the rollout of Deployment prod/checkout-api completed at ${done}: waiting for a 1m window of traffic after it`;

/** Rehearses a plan that rolls the release out in `step`, then checks `gate`. */
async function rolloutThenCheck(scenario: ScenarioInput, step: () => Promise<void>, gate: Gate, more: (r: { check: (name: string, g: Gate) => Promise<unknown> }) => Promise<void> = async () => {}) {
  const progress: string[] = [];
  const p = plan({ name: "roll-out-in-place" }, async (run) => {
    await run.safeState(route, { stable: 100, release: 0 }, "stable");
    await run.step("roll out in place", step);
    await run.check("release healthy", gate);
    await more(run);
  });
  const r = await rehearse(p, { scenario, onProgress: (m) => progress.push(m) });
  return { ...r, progress, gates: gatesOf(r.events) };
}

describe("traffic gates after the run rolls a Deployment out in place", () => {
  it("after a rollback the plan waited for, judge only the rolled-back image: no verdict until a window after the rollout completed", async () => {
    const r = await rolloutThenCheck(onBad, async () => {
      await release.rollback({ toRevision: 2 });
      await release.waitForRollout({ timeout: "5m" });
    }, releaseRate(0.99));
    const [gate] = r.gates;
    // before: "failed: success rate 0.9632 < 0.99", the window mostly 2.0.0's requests
    expect(gate!.phase).toBe("passed");
    expect(reasons(gate!)).toEqual([
      ...["0ms", "10s", "20s", "30s", "40s", "50s"].map((s) => waitingAfter(s, "03:00:10")),
      "success rate 1 >= 0.99 over 1m (21600 requests, 0 failed)",
    ]);
    expect(r.progress).toContain(`gate "release healthy" round 1: inconclusive: ${waitingAfter("0ms", "03:00:10")}`);
    expect(r.virtualMs).toBe(70_000);
  }, 60_000);

  it("after a roll forward to a failing image, the gate fails on that image's requests rather than pass on the good one's", async () => {
    const r = await rolloutThenCheck(onGood, async () => {
      await release.setImage(BAD);
      await release.waitForRollout({ timeout: "5m" });
    }, releaseRate(0.97));
    const [gate] = r.gates;
    // before: "passed: success rate 0.9968 >= 0.97", while users failed at 2.6%
    expect(gate!.phase).toBe("failed");
    expect(gate!.reason).toBe("success rate 0.96 < 0.97 over 1m (21600 requests, 864 failed)");
    expect(reasons(gate!)[0]).toBe(waitingAfter("0ms", "03:00:10"));
  }, 60_000);

  it.each([
    ["setImage", () => release.setImage(BAD)],
    ["restart", () => release.restart()],
  ])("after a %s the plan did not wait for, counts from the round that first sees every new pod ready; a scope of the declared backend waits too, another destination does not", async (_, rollOut) => {
    const scope = gates.successRate({ mesh: "istio", namespace: "prod", service: "checkout-api", version: "release", min: 0.9, minRequests: 100 });
    const r = await rolloutThenCheck(onGood, rollOut, scope, async (run) => {
      await run.check("stable healthy", gates.successRate({ route, destination: "stable", min: 0.99, minRequests: 100 }));
    });
    const [release, stable] = r.gates;
    expect(reasons(release!).slice(0, 3)).toEqual([
      "the rollout of Deployment prod/checkout-api (started at 03:00:00) is not complete: 4 of 8 updated replicas; waiting for it, then for a 1m window of traffic after it",
      waitingAfter("0ms", "03:00:10"),
      waitingAfter("10s", "03:00:10"),
    ]);
    expect(release!.evidence).toHaveLength(8);
    expect(release!.phase).toBe("passed");
    // the stable pool was not rolled out: judged at once, as before
    expect(reasons(stable!)).toEqual(["success rate 1 >= 0.99 over 1m (2400 requests, 0 failed)"]);
  }, 60_000);

  it("a gate the run cannot relate to the Deployment (no route it read declares it) is judged at once, as before; one whose route declares it waits", async () => {
    const undeclared = istio.virtualService({ namespace: "prod", name: "checkout-api" });
    const p = plan({ name: "roll-out-undeclared" }, async (run) => {
      await run.safeState(undeclared, { stable: 100, release: 0 }, "stable");
      await run.step("roll out in place", async () => {
        await release.setImage(BAD);
        await release.waitForRollout({ timeout: "5m" });
      });
      await run.check("undeclared", gates.successRate({ route: undeclared, destination: "release", min: 0.9, minRequests: 100 }));
      await run.check("declared", releaseRate(0.9));
    });
    const [undeclaredGate, declaredGate] = gatesOf((await rehearse(p, { scenario: onGood })).events);
    expect(reasons(undeclaredGate!)).toEqual(["success rate 0.9971 >= 0.9 over 1m (21594 requests, 62 failed)"]);
    expect(reasons(declaredGate!)[0]).toBe(waitingAfter("0ms", "03:00:10"));
  }, 60_000);
});

describe("traffic gates after a workload step rolls a Deployment out", () => {
  beforeAll(() => void vi.stubEnv("FIREBREAK_HELM", ensureHelm()), 120_000);
  const dirs: string[] = [];
  afterEach(async () => {
    for (const d of dirs.splice(0)) await rm(d, { recursive: true, force: true });
  });

  it("a Helm rollback in place: the gate waits for a window after the rollout it waited for", async () => {
    const r = await rolloutThenCheck(onBad, async () => {
      await helm.release({ namespace: "prod", name: "checkout-api" }).rollback({ toRevision: 2 });
      await release.waitForRollout({ timeout: "5m" });
    }, releaseRate(0.99));
    const [gate] = r.gates;
    expect(r.status, r.error?.message).toBe("succeeded");
    expect(reasons(gate!)[0]).toBe(waitingAfter("0ms", "03:00:10"));
    expect(gate!.phase).toBe("passed");
  }, 120_000);

  it("a Kustomize apply that changes the Deployment's pod template: the gate waits for the rollout, then a window after it", async () => {
    const dir = await mkdtemp(join(tmpdir(), "rollout-overlay-"));
    dirs.push(dir);
    const r = await rolloutThenCheck(onGood, async () => {
      // the release as the cluster has it, on the failing image: what a commit to the overlay would render
      const live = await release.get();
      const manifest = { apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "checkout-api", namespace: "prod" }, spec: structuredClone(live.spec) };
      manifest.spec.template.spec.containers[0].image = BAD;
      await writeFile(join(dir, "deployment.yaml"), stringify(manifest));
      await writeFile(join(dir, "kustomization.yaml"), stringify({ apiVersion: "kustomize.config.k8s.io/v1beta1", kind: "Kustomization", resources: ["deployment.yaml"] }));
      await kustomize.overlay({ path: dir }).apply({ force: true });
    }, releaseRate(0.97));
    const [gate] = r.gates;
    expect(r.status, r.error?.message).toBe("succeeded");
    expect(reasons(gate!)[0]).toBe("the rollout of Deployment prod/checkout-api (started at 03:00:00) is not complete: 4 of 8 updated replicas; waiting for it, then for a 1m window of traffic after it");
    expect(gate!.phase).toBe("failed");
    expect(gate!.reason).toBe("success rate 0.96 < 0.97 over 1m (21600 requests, 864 failed)");
  }, 60_000);
});
