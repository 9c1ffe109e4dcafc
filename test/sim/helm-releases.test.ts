import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { deployment, helm, plan } from "../../sdk/index.ts";
import { renderPreview } from "../../sdk/postmortem/index.ts";
import { rehearse } from "../../sdk/sim/rehearse.ts";
import { resolveScenario } from "../../sdk/sim/load-scenario.ts";
import type { ScenarioInput } from "../../sdk/sim/scenario.ts";
import { builtinScenarios } from "../../sdk/sim/scenarios/index.ts";
import { startSimulator, type Simulator } from "../../sdk/sim/simulator.ts";
import type { HelmRevision } from "../../sdk/workloads/helm.ts";
import { tempDir } from "../kube/helpers.ts";
import { ensureHelm } from "../helpers/tools.ts";
import { helmAgainst } from "../workloads/helm-fixtures.ts";

/**
 * A scenario Deployment marked `helm` is a Helm release on the simulator: the real helm binary
 * (v4.1.4) reads its records and rolls it back through the simulator's API server, and
 * helm.release(...) reads the same records a cluster holds.
 */

const image = (tag: string) => `registry.example.com/checkout-api:${tag}`;
/** A run's notes, one per line. */
const notes = (r: { events: { type: string; text?: string }[] }) => r.events.flatMap((e) => (e.type === "note" ? [e.text] : [])).join("\n");

let helmBinary: string;
beforeAll(() => void (helmBinary = ensureHelm()), 120_000);

/** cold-jvm with checkout-api's Helm release as given (the built-in one has chart versions 1.8.2, 1.9.0, 2.0.0). */
function coldJvm(helmRelease: Record<string, unknown> = { chartVersions: ["1.8.2", "1.9.0", "2.0.0"] }): ScenarioInput {
  const base = builtinScenarios["cold-jvm"]!;
  return { ...base, deployments: base.deployments.map((d) => (d.name === "checkout-api" ? { ...d, helm: helmRelease } : d)) };
}

let sim: Simulator | undefined;
let cleanup: (() => Promise<void>) | undefined;
afterEach(async () => {
  await sim?.close();
  await cleanup?.();
  sim = cleanup = undefined;
});

/** The real helm against the simulator's API server, with `env` (HELM_DRIVER) on top of this process's. */
async function helmOn(s: Simulator, env: Record<string, string> = {}) {
  const tmp = await tempDir("sim-helm");
  cleanup = tmp.cleanup;
  const helmCli = await helmAgainst(helmBinary, s.kubeApi.kubeconfig(), tmp.dir);
  return (...args: string[]) => helmCli(args, env);
}

describe("a scenario Deployment Helm deployed", () => {
  it("the real helm lists a revision per history entry, with chart and app versions, and the last one deployed", async () => {
    sim = await startSimulator(coldJvm());
    const helmCli = await helmOn(sim);
    const history = JSON.parse(await helmCli("history", "checkout-api", "-n", "prod", "-o", "json")) as Record<string, unknown>[];
    expect(history.map((r) => [r.revision, r.status, r.chart, r.app_version, r.description])).toEqual([
      [1, "superseded", "checkout-api-1.8.2", "1.8.2", "Install complete"],
      [2, "superseded", "checkout-api-1.9.0", "1.9.0", "Upgrade complete"],
      [3, "deployed", "checkout-api-2.0.0", "2.0.0", "Upgrade complete"],
    ]);
    expect(JSON.parse(await helmCli("get", "values", "checkout-api", "-n", "prod", "--revision", "2", "-o", "json"))).toEqual({ image: image("1.9.0") });
  });

  it("helm rollback puts revision 2's image back, and the Deployment controller brings back revision 2's ReplicaSet rather than a new one", async () => {
    sim = await startSimulator(coldJvm());
    const helmCli = await helmOn(sim);
    const replicaSets = () => sim!.store.list("apps/v1", "ReplicaSet", "prod").filter((rs) => rs.metadata.ownerReferences?.[0]?.name === "checkout-api");
    const before = replicaSets().map((rs) => rs.metadata.name).sort();
    expect(await helmCli("rollback", "checkout-api", "2", "-n", "prod")).toContain("Rollback was a success");
    sim.clock.advance(30_000);
    const d = sim.store.get({ apiVersion: "apps/v1", kind: "Deployment", namespace: "prod", name: "checkout-api" })!;
    expect(d.spec.template.spec.containers[0].image).toBe(image("1.9.0"));
    expect(replicaSets().map((rs) => rs.metadata.name).sort()).toEqual(before);
    const serving = replicaSets().filter((rs) => rs.spec.replicas > 0);
    expect(serving.map((rs) => rs.spec.template.spec.containers[0].image)).toEqual([image("1.9.0")]);
    const history = JSON.parse(await helmCli("history", "checkout-api", "-n", "prod", "-o", "json")) as Record<string, unknown>[];
    expect(history.at(-1)).toMatchObject({ revision: 4, status: "deployed", chart: "checkout-api-1.9.0", description: "Rollback to 2" });
  });

  it("helm.release(...) reads the records without helm: revisions, values, images and the last good one", async () => {
    const release = helm.release({ namespace: "prod", name: "payments", helmBinary });
    let history: HelmRevision[] = [];
    let lastGood: HelmRevision | undefined;
    const p = plan({ name: "read" }, async (r) => {
      await r.step("read", async () => {
        history = await release.history();
        lastGood = await release.lastGood();
      });
    });
    const r = await rehearse(p, { scenario: coldJvm({ release: "payments", chart: "payments-chart" }), mode: "preview" });
    expect(r.status, r.error?.message).toBe("succeeded");
    expect(history.map((h) => [h.revision, h.status, `${h.chart}-${h.chartVersion}`, h.values, h.images.map((i) => `${i.kind} ${i.name} ${i.image}`)])).toEqual([
      [1, "superseded", "payments-chart-0.1.0", { image: image("1.8.2") }, [`Deployment checkout-api ${image("1.8.2")}`]],
      [2, "superseded", "payments-chart-0.2.0", { image: image("1.9.0") }, [`Deployment checkout-api ${image("1.9.0")}`]],
      [3, "deployed", "payments-chart-0.3.0", { image: image("2.0.0") }, [`Deployment checkout-api ${image("2.0.0")}`]],
    ]);
    expect(lastGood?.revision).toBe(2);
  });

  it("with storage: configmap, the records are ConfigMaps that helm (HELM_DRIVER=configmap) and helm.release({ storage }) both read", async () => {
    sim = await startSimulator(coldJvm({ storage: "configmap" }));
    expect(sim.store.list("v1", "Secret", "prod")).toEqual([]);
    expect(sim.store.list("v1", "ConfigMap", "prod").map((c) => c.metadata.name)).toContain("sh.helm.release.v1.checkout-api.v3");
    const helmCli = await helmOn(sim, { HELM_DRIVER: "configmap" });
    const history = JSON.parse(await helmCli("history", "checkout-api", "-n", "prod", "-o", "json")) as Record<string, unknown>[];
    expect(history.map((r) => r.status)).toEqual(["superseded", "superseded", "deployed"]);
    await sim.close();
    sim = undefined;
    const release = helm.release({ namespace: "prod", name: "checkout-api", storage: "configmap", helmBinary });
    const r = await rehearse(
      plan({ name: "roll-back" }, async (run) => void (await run.step("helm rollback", () => release.rollback()))),
      { scenario: coldJvm({ storage: "configmap" }) },
    );
    expect(r.status, r.error?.message).toBe("succeeded");
    expect(r.events.find((e) => e.type === "change" && e.object.kind === "Deployment")).toMatchObject({ after: image("1.9.0") });
  }, 60_000);

  it("a plan that scaled the Deployment before its helm rollback is refused by Helm 4 over spec.replicas, as a cluster refuses it; forceConflicts goes through", async () => {
    const release = helm.release({ namespace: "prod", name: "checkout-api", helmBinary });
    const pods = deployment({ namespace: "prod", name: "checkout-api" });
    const rollBack = (forceConflicts: boolean) =>
      plan({ name: "scale-then-helm-rollback" }, async (r) => {
        await r.step("scale to 0", () => pods.scale(0));
        await r.step("helm rollback", () => release.rollback({ toRevision: 2, forceConflicts }));
      });
    const refused = await rehearse(rollBack(false), { scenario: coldJvm() });
    expect(refused.error?.name).toBe("HelmFieldConflictError");
    expect(refused.error?.message).toContain("Deployment prod/checkout-api's .spec.replicas");
    const forced = await rehearse(rollBack(true), { scenario: coldJvm() });
    expect(forced.status, forced.error?.message).toBe("succeeded");
    const preview = await rehearse(rollBack(false), { scenario: coldJvm(), mode: "preview" });
    expect(notes(preview)).toContain(
      "the run would stop here: helm rollback to revision 2 of Helm release prod/checkout-api was refused by the cluster: the chart sets Deployment prod/checkout-api's spec.replicas, which this run wrote",
    );
    expect(renderPreview(preview.events)).toContain('‼ The run would stop at step "helm rollback": see the note there.');
    const forcedPreview = await rehearse(rollBack(true), { scenario: coldJvm(), mode: "preview" });
    expect(notes(forcedPreview)).not.toContain("the run would stop here");
    // helm put the chart's replica count back over the plan's 0: the journal's last word on it is helm's, foreseen alike
    const replicas = (r: typeof forced) =>
      r.events.filter((e) => e.type === "change" && e.object.kind === "Deployment" && e.field === "spec.replicas").map((e) => e.type === "change" && [e.before, e.after, e.action]);
    const chart = builtinScenarios["cold-jvm"]!.deployments.find((d) => d.name === "checkout-api")!.replicas;
    expect(replicas(forced)).toEqual([
      [chart, 0, "scale to 0"],
      [0, chart, "helm rollback to revision 2 of Helm release prod/checkout-api"],
    ]);
    expect(replicas(forcedPreview)).toEqual(replicas(forced));
  }, 60_000);

  it("a Deployment without `helm` has no release records and no Helm marks", async () => {
    sim = await startSimulator(coldJvm());
    expect(sim.store.list("v1", "Secret", "prod").map((s) => s.metadata.name).sort()).toEqual(["sh.helm.release.v1.checkout-api.v1", "sh.helm.release.v1.checkout-api.v2", "sh.helm.release.v1.checkout-api.v3"]);
    const stable = sim.store.get({ apiVersion: "apps/v1", kind: "Deployment", namespace: "prod", name: "checkout-api-stable" })!;
    expect(stable.metadata.labels).toEqual({ app: "checkout-api", version: "stable" });
    expect(stable.metadata.managedFields).toBeUndefined();
  });
});

describe("the `helm` field of a scenario", () => {
  const problems = (input: ScenarioInput) => {
    try {
      resolveScenario(input);
      return "";
    } catch (err) {
      return (err as Error).message;
    }
  };

  it("wants a chart version per revision, and SemVer ones", () => {
    expect(problems(coldJvm({ chartVersions: ["1.0.0", "2.0.0"] }))).toContain("deployments.1.helm.chartVersions: 2 chart versions for 3 revisions in history: give one per revision, oldest first");
    expect(problems(coldJvm({ chartVersions: ["1.0.0", "2.0", "3.0.0"] }))).toContain("deployments.1.helm.chartVersions.1: must be a SemVer version such as 1.4.0");
  });

  it("refuses two releases of one name, whose records would collide", () => {
    const base = coldJvm({ release: "checkout" });
    const both = { ...base, deployments: base.deployments.map((d) => ({ ...d, helm: { release: "checkout" } })) };
    expect(problems(both)).toContain("deployments.1.helm.release: a second Helm release named 'checkout' (the first is deployments.0.helm.release)");
  });
});
