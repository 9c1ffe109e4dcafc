import { afterEach, describe, expect, it } from "vitest";
import { runPlan } from "../../sdk/engine/runner.ts";
import { deployment, istio, plan } from "../../sdk/index.ts";
import { createVirtualClock } from "../../sdk/ports/clock.ts";
import { startKubeApiServer, type KubeApiServer } from "../../sdk/sim/kube-api/index.ts";
import { ObjectStore } from "../../sdk/sim/store.ts";
import { seedRoute } from "../helpers/fake-kube.ts";
import { deployment as deploymentObject } from "../sim/kube-api-fixtures.ts";
import { multiClusterKubeconfig, PORTS } from "./helpers.ts";

/** One plan, two clusters: one kubeconfig with a context per region, handles naming their context. */

const REGIONS = ["us-east", "eu-west"] as const;
const servers: KubeApiServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function region(): Promise<{ api: KubeApiServer; store: ObjectStore }> {
  const store = new ObjectStore();
  store.create({ apiVersion: "v1", kind: "Namespace", metadata: { name: "prod" } });
  seedRoute(store, { stable: 10, release: 90 });
  store.create(deploymentObject("checkout-api", 3));
  const api = await startKubeApiServer({ store });
  servers.push(api);
  return { api, store };
}

const weights = (store: ObjectStore) =>
  Object.fromEntries(
    store
      .get({ apiVersion: "networking.istio.io/v1", kind: "VirtualService", namespace: "prod", name: "checkout-api" })!
      .spec.http[0].route.map((r: { destination: { subset: string }; weight: number }) => [r.destination.subset, r.weight]),
  );

const routes = Object.fromEntries(REGIONS.map((context) => [context, istio.virtualService({ namespace: "prod", name: "checkout-api", context })]));

const isolateEverywhere = plan({ name: "isolate-every-region" }, async (run) => {
  await run.step("isolate in every region", () => Promise.all(REGIONS.map((r) => routes[r]!.shift({ stable: 100, release: 0 }))));
  await run.step("scale eu-west", () => deployment({ namespace: "prod", name: "checkout-api", context: "eu-west" }).scale(6));
});

describe.each(PORTS)("one plan, two clusters ($name)", ({ make }) => {
  it("isolates in both regions at once, in parallel, each write verified on its own cluster", async () => {
    const us = await region();
    const eu = await region();
    const kube = await make(multiClusterKubeconfig({ "us-east": us.api, "eu-west": eu.api }));
    const result = await runPlan(isolateEverywhere, { mode: "run", inputs: {}, kube, clock: createVirtualClock(), target: { kind: "cluster" } });
    expect(result.status, result.error?.message).toBe("succeeded");
    expect(weights(us.store)).toEqual({ stable: 100, release: 0 });
    expect(weights(eu.store)).toEqual({ stable: 100, release: 0 });
    expect(eu.store.get({ apiVersion: "apps/v1", kind: "Deployment", namespace: "prod", name: "checkout-api" })!.spec.replicas).toBe(6);
    expect(us.store.get({ apiVersion: "apps/v1", kind: "Deployment", namespace: "prod", name: "checkout-api" })!.spec.replicas).toBe(3);

    // every change is journaled with the context it was made in, under the one step
    const changes = result.events.filter((e) => e.type === "change");
    const step = result.events.find((e) => e.type === "step-started" && e.name === "isolate in every region")!;
    expect(changes.filter((c) => c.stepId === step.stepId).map((c) => c.type === "change" && `${c.object.context} ${c.field} ${c.before}→${c.after}`).sort()).toEqual([
      "eu-west spec.http[0].route[0].weight 10→100",
      "eu-west spec.http[0].route[1].weight 90→0",
      "us-east spec.http[0].route[0].weight 10→100",
      "us-east spec.http[0].route[1].weight 90→0",
    ]);
  });

  it("the two shifts overlap in time rather than running one after the other", async () => {
    const us = await region();
    const eu = await region();
    const kube = await make(multiClusterKubeconfig({ "us-east": us.api, "eu-west": eu.api }));
    // warm both clients' discovery so the timing below is the shifts alone
    for (const context of REGIONS) await kube.get({ apiVersion: "networking.istio.io/v1", kind: "VirtualService", namespace: "prod", name: "checkout-api", context });
    // each region's API server takes 400 ms to answer the first read of the shift
    for (const { api } of [us, eu]) api.faults.inject({ kind: "timeout", ms: 400, method: "GET", path: /virtualservices\/checkout-api$/ });
    const started = Date.now();
    const result = await runPlan(plan({ name: "isolate" }, async (run) => {
      await run.step("isolate", () => Promise.all(REGIONS.map((r) => routes[r]!.shift({ stable: 100, release: 0 }))));
    }), { mode: "run", inputs: {}, kube, clock: createVirtualClock(), target: { kind: "cluster" } });
    const took = Date.now() - started;
    expect(result.status, result.error?.message).toBe("succeeded");
    // in series it would take at least 800 ms; in parallel, one 400 ms wait (plus the retry after the 504)
    expect(took).toBeGreaterThanOrEqual(400);
    expect(took).toBeLessThan(800);
  });

  it("journals each region's rollout wait with the context it waited in", async () => {
    const us = await region();
    const eu = await region();
    const kube = await make(multiClusterKubeconfig({ "us-east": us.api, "eu-west": eu.api }));
    const rollOutEverywhere = plan({ name: "roll-out-every-region" }, async (run) => {
      await run.step("wait in every region", () =>
        Promise.all(REGIONS.map((context) => deployment({ namespace: "prod", name: "checkout-api", context }).waitForRollout())),
      );
    });
    const result = await runPlan(rollOutEverywhere, { mode: "preview", inputs: {}, kube, clock: createVirtualClock(), target: { kind: "cluster" } });
    expect(result.status, result.error?.message).toBe("succeeded");
    const waited = result.events.flatMap((e) => (e.type === "wait" ? [`${e.object.context} ${e.object.kind} ${e.object.namespace}/${e.object.name}`] : []));
    expect(waited.sort()).toEqual(["eu-west Deployment prod/checkout-api", "us-east Deployment prod/checkout-api"]);
  });

  it("a plan naming a context the kubeconfig lacks fails, listing the contexts it has", async () => {
    const us = await region();
    const kube = await make(multiClusterKubeconfig({ "us-east": us.api }));
    const isolateEu = plan({ name: "isolate-eu" }, async (run) => {
      await run.step("isolate eu-west", () => routes["eu-west"]!.shift({ stable: 100, release: 0 }));
    });
    const result = await runPlan(isolateEu, { mode: "run", inputs: {}, kube, clock: createVirtualClock(), target: { kind: "cluster" } });
    expect(result.status).toBe("failed-safe");
    expect(result.error?.message).toBe("The kubeconfig has no context 'eu-west'; contexts are: 'us-east'.");
  });
});
