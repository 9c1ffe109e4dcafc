import { copyFile, mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { runPlan, type RunResult } from "../../sdk/engine/runner.ts";
import { gatewayApi, plan } from "../../sdk/index.ts";
import { createKube } from "../../sdk/kube/index.ts";
import { startKubeApiServer, type RbacPolicy } from "../../sdk/sim/kube-api/index.ts";
import { holdingClock, startSimulator, type Simulator } from "../../sdk/sim/simulator.ts";
import { ObjectStore } from "../../sdk/sim/store.ts";
import { createVirtualClock } from "../../sdk/ports/clock.ts";
import { createFakeKube } from "../helpers/fake-kube.ts";
import type { KubePort } from "../../sdk/ports/kube.ts";

/**
 * A Linkerd mesh route (an HTTPRoute attached to the Service its clients call) against ServiceProfiles
 * for that Service, which Linkerd's proxies route by instead: looked for in the Service's namespace
 * (every client's) and in clients' namespaces (theirs), and what a shift does when it may not read them.
 * linkerd-cold-jvm's world: HTTPRoute prod/checkout-api attached to Service prod/checkout-api, at
 * checkout-api-stable=10, checkout-api-release=90.
 */

const ROUTE = { apiVersion: "gateway.networking.k8s.io/v1", kind: "HTTPRoute", namespace: "prod", name: "checkout-api" };
const FQDN = "checkout-api.prod.svc.cluster.local";
const ISOLATED = { "checkout-api-stable": 100, "checkout-api-release": 0 };
const profile = (namespace: string, name = FQDN) => ({
  apiVersion: "linkerd.io/v1alpha2",
  kind: "ServiceProfile",
  metadata: { name, namespace },
  spec: { routes: [{ name: "POST /api/checkout", condition: { method: "POST", pathRegex: "/api/checkout" } }] },
});

let crdDir: string;
beforeAll(async () => {
  crdDir = await mkdtemp(join(tmpdir(), "firebreak-crds-"));
  await copyFile("sdk/sim/crds/gateway.networking.k8s.io_httproutes.yaml", join(crdDir, "gateway.networking.k8s.io_httproutes.yaml"));
  await copyFile("test/traffic/fixtures/linkerd.io_serviceprofiles.yaml", join(crdDir, "linkerd.io_serviceprofiles.yaml"));
});
afterAll(() => rm(crdDir, { recursive: true, force: true }));

/** linkerd-cold-jvm behind a strict API server that also serves ServiceProfiles, enforcing `rbac` when given. */
async function linkerdWorld(rbac?: RbacPolicy) {
  const sim = await startSimulator("linkerd-cold-jvm");
  const api = await startKubeApiServer({ store: sim.store, crdDir, afterWrite: () => sim.model.reconcile(), ...(rbac ? { rbac } : {}) });
  const kube = holdingClock(await createKube({ kind: "inline", content: api.kubeconfig() }), sim.clock);
  return { sim, api, kube, close: () => Promise.all([api.close(), sim.close()]) };
}
let world: Awaited<ReturnType<typeof linkerdWorld>> | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

/** Shifts the route to each split in turn, one step each. */
const shifts = (sim: Simulator, kube: KubePort, ...splits: Record<string, number>[]): Promise<RunResult> =>
  runPlan(
    plan({ name: "shift" }, async (run) => {
      const route = gatewayApi.httpRoute({ namespace: "prod", name: "checkout-api" });
      for (const split of splits) await run.step("shift", () => route.shift(split));
    }),
    { mode: "run", inputs: {}, kube, metrics: sim.metrics, clock: sim.clock, target: { kind: "sim" } },
  );
const weights = (sim: Simulator) => sim.store.get(ROUTE)!.spec.rules[0].backendRefs.map((b: { weight: number }) => b.weight);
/** The journal's notes on ServiceProfiles (the capacity check notes what it cannot check too). */
const notes = (r: RunResult) => r.events.flatMap((e) => (e.type === "note" && e.text.includes("ServiceProfile") ? [e.text] : []));

/** Everything in prod (the route, its Services, the pools), and nothing across namespaces. */
const IN_PROD: RbacPolicy = { user: "system:serviceaccount:prod:firebreak", rules: [{ apiGroups: ["*"], resources: ["*"], verbs: ["*"], namespaces: ["prod"] }] };
/** As IN_PROD, but nothing of Linkerd's: no ServiceProfile may be read anywhere. */
const NO_PROFILES: RbacPolicy = { ...IN_PROD, rules: [{ ...IN_PROD.rules[0]!, apiGroups: ["", "apps", "autoscaling", "gateway.networking.k8s.io"] }] };

describe("Linkerd ServiceProfiles of a mesh route's parent Service", () => {
  it("refuses the shift when a client namespace has one, naming that namespace's clients as those who would not move", async () => {
    world = await linkerdWorld();
    world.sim.store.create(profile("web"));
    const r = await shifts(world.sim, world.kube, ISOLATED);
    expect(r.error?.name).toBe("InvalidPlanError");
    expect(r.error?.message).toBe(
      `HTTPRoute prod/checkout-api: ServiceProfile web/${FQDN} is defined for its parent Service prod/checkout-api in web, a namespace of its clients, and Linkerd's proxies there route by the ServiceProfile, ` +
        `ignoring this HTTPRoute: a shift here would verify while the clients in web do not move. Delete the ServiceProfile (kubectl delete serviceprofile -n web ${FQDN}), ` +
        "or shift with a TrafficSplit (smi.trafficSplit) or the ServiceProfile's dstOverrides.",
    );
    expect(weights(world.sim)).toEqual([10, 90]);
  });

  it("names every one it finds, the Service's own (every client) first, reading only those named for the Service from the API server", async () => {
    world = await linkerdWorld();
    world.sim.store.create(profile("web"));
    world.sim.store.create(profile("prod"));
    world.sim.store.create(profile("web", "payments.prod.svc.cluster.local"));
    const r = await shifts(world.sim, world.kube, ISOLATED);
    expect(r.error?.message).toMatch(
      new RegExp(
        `^HTTPRoute prod/checkout-api: ServiceProfile prod/${FQDN} is defined for its parent Service prod/checkout-api, .* while nobody moves; ` +
          `ServiceProfile web/${FQDN} .* while the clients in web do not move\\. Delete them \\(kubectl delete serviceprofile -n prod ${FQDN}; kubectl delete serviceprofile -n web ${FQDN}\\), or shift`,
      ),
    );
    // one list across namespaces, the server filtering by name: a cluster's other profiles stay there
    const lists = world.api.requests.filter((q) => q.path.startsWith("/apis/linkerd.io/v1alpha2/serviceprofiles"));
    expect(lists.length).toBeGreaterThan(0);
    expect(lists.map((q) => q.path)).toEqual(lists.map(() => `/apis/linkerd.io/v1alpha2/serviceprofiles?fieldSelector=metadata.name%3D${FQDN}`));
  });

  it("may not list them across namespaces: looks in prod and shifts, noting once that clients elsewhere may not move and how to grant the list; refuses for one in prod", async () => {
    world = await linkerdWorld(IN_PROD);
    const r = await shifts(world.sim, world.kube, { "checkout-api-stable": 50, "checkout-api-release": 50 }, ISOLATED);
    expect(r.status, r.error?.message).toBe("succeeded");
    expect(weights(world.sim)).toEqual([100, 0]);
    expect(notes(r)).toEqual([
      "HTTPRoute prod/checkout-api: ServiceProfiles for Service prod/checkout-api were looked for in prod only: the service account may not list serviceprofiles.linkerd.io across namespaces. " +
        "Where one exists, Linkerd's proxies route by it, not by this HTTPRoute: in a namespace holding one of its own, the clients' requests stay where it sends them whatever the shift writes, " +
        "though it verifies, and the gates after it judge traffic it did not move. The shift goes ahead without that check; grant list on serviceprofiles.linkerd.io across namespaces " +
        `(see \`firebreak rbac <plan.ts>\`), or look by hand: kubectl get serviceprofiles -A --field-selector metadata.name=${FQDN}.`,
    ]);
    // the one in prod, every client's, it can still read
    world.sim.store.create(profile("prod"));
    const refused = await shifts(world.sim, world.kube, { "checkout-api-stable": 50, "checkout-api-release": 50 });
    expect(refused.error?.message).toMatch(/^HTTPRoute prod\/checkout-api: ServiceProfile prod\/checkout-api\.prod\.svc\.cluster\.local is defined for its parent Service prod\/checkout-api, .* while nobody moves\./);
    expect(weights(world.sim)).toEqual([100, 0]);
  });

  it("may not read them at all: the shift is not held up (stopping the bleeding comes first), and the journal says plainly what went unchecked and what it means", async () => {
    world = await linkerdWorld(NO_PROFILES);
    const r = await shifts(world.sim, world.kube, ISOLATED);
    expect(r.status, r.error?.message).toBe("succeeded");
    expect(weights(world.sim)).toEqual([100, 0]);
    expect(notes(r)).toEqual([
      "HTTPRoute prod/checkout-api: ServiceProfiles for Service prod/checkout-api were not looked for: the service account may not list serviceprofiles.linkerd.io across namespaces, nor get them in prod. " +
        "Where one exists, Linkerd's proxies route by it, not by this HTTPRoute: every client's requests stay where it sends them whatever the shift writes, " +
        "though it verifies, and the gates after it judge traffic it did not move. The shift goes ahead without that check; grant list on serviceprofiles.linkerd.io across namespaces " +
        `(see \`firebreak rbac <plan.ts>\`), or look by hand: kubectl get serviceprofiles -A --field-selector metadata.name=${FQDN}.`,
    ]);
  });
});

describe("Linkerd ServiceProfiles of a consumer route's parent (the route in its clients' namespace)", () => {
  /** HTTPRoute shop/checkout attached to Service prod/checkout: only the clients in shop follow it. */
  const consumerRoute = () => {
    const store = new ObjectStore();
    for (const name of ["checkout-v1", "checkout-v2"]) store.create({ apiVersion: "v1", kind: "Service", metadata: { name, namespace: "shop" }, spec: { ports: [{ port: 8080 }] } });
    store.create({
      ...ROUTE,
      metadata: { name: "checkout", namespace: "shop" },
      spec: { parentRefs: [{ group: "", kind: "Service", name: "checkout", namespace: "prod", port: 8080 }], rules: [{ backendRefs: [{ name: "checkout-v1", port: 8080, weight: 50 }, { name: "checkout-v2", port: 8080, weight: 50 }] }] },
    });
    return store;
  };
  const shift = (store: ObjectStore) =>
    runPlan(
      plan({ name: "shift" }, async (run) => void (await run.step("shift", () => gatewayApi.httpRoute({ namespace: "shop", name: "checkout" }).shift({ "checkout-v1": 100, "checkout-v2": 0 })))),
      { mode: "run", inputs: {}, kube: createFakeKube(store).kube, clock: createVirtualClock(), target: { kind: "sim" } },
    );

  it("refuses for one in the route's own namespace (its clients, the route's only ones, route by it), not for one where no client follows the route", async () => {
    const store = consumerRoute();
    store.create(profile("web", "checkout.prod.svc.cluster.local"));
    const elsewhere = await shift(store);
    expect(elsewhere.status, elsewhere.error?.message).toBe("succeeded");
    store.create(profile("shop", "checkout.prod.svc.cluster.local"));
    const r = await shift(store);
    expect(r.error?.message).toMatch(/^HTTPRoute shop\/checkout: ServiceProfile shop\/checkout\.prod\.svc\.cluster\.local is defined for its parent Service prod\/checkout in shop, .* while the clients in shop do not move\./);
  });
});
