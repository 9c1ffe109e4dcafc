import { describe, expect, it } from "vitest";
import { istio, plan } from "../../sdk/index.ts";
import { runPlan } from "../../sdk/engine/runner.ts";
import { createVirtualClock } from "../../sdk/ports/clock.ts";
import { ObjectStore } from "../../sdk/sim/store.ts";
import { createFakeKube } from "../helpers/fake-kube.ts";

const API = "networking.istio.io/v1";
const FQDN = "checkout-api.prod.svc.cluster.local";
const entry = (subset: string, weight: number) => ({ destination: { host: FQDN, subset }, weight });

async function shift(store: ObjectStore, route: ReturnType<typeof istio.virtualService>, split: Record<string, number>) {
  const { kube } = createFakeKube(store);
  const p = plan({ name: "shift" }, async (run) => {
    await run.step("shift", () => route.shift(split));
  });
  return runPlan(p, { mode: "run", inputs: {}, kube, clock: createVirtualClock(), target: { kind: "sim" } });
}

describe("Istio: a gateway's VirtualService routing to a service in another namespace", () => {
  const VS = { apiVersion: API, kind: "VirtualService", namespace: "istio-ingress", name: "shop" };
  /** The edge VirtualService lives with the gateway; the service and its DestinationRule in prod. */
  const world = () => {
    const store = new ObjectStore();
    const subsets = [
      { name: "stable", labels: { version: "v1" } },
      { name: "release", labels: { version: "v2" } },
      { name: "canary", labels: { version: "v3" } },
    ];
    store.create({ apiVersion: API, kind: "DestinationRule", metadata: { name: "checkout-api", namespace: "prod" }, spec: { host: "checkout-api", subsets } });
    store.create({
      apiVersion: API,
      kind: "VirtualService",
      metadata: { name: "shop", namespace: "istio-ingress" },
      spec: { hosts: ["shop.example.com"], gateways: ["public-gw"], http: [{ route: [entry("stable", 90), entry("release", 10)] }] },
    });
    return store;
  };

  it("finds the subsets in the DestinationRule of the host's namespace", async () => {
    const store = world();
    const r = await shift(store, istio.virtualService({ namespace: "istio-ingress", name: "shop" }), { stable: 90, release: 0, canary: 10 });
    expect(r.status, r.error?.message).toBe("succeeded");
    expect(store.get(VS)!.spec.http[0].route).toEqual([entry("stable", 90), entry("release", 0), entry("canary", 10)]);
  });

  it("gates read the version Istio reports for the subset's pods, in the service's namespace", async () => {
    const store = world();
    const route = istio.virtualService({ namespace: "istio-ingress", name: "shop" });
    const { kube } = createFakeKube(store);
    const state = await route.router.inspect((await kube.get(route.ref))!, kube);
    expect(route.router.metricScope(state, "release")).toEqual({ service: "checkout-api", namespace: "prod", version: "v2" });
  });

  it("does not take a same-named DestinationRule of the VirtualService's namespace for the host's", async () => {
    const store = world();
    // checkout-api.istio-ingress: another service, whose subsets mean other pods
    store.create({ apiVersion: API, kind: "DestinationRule", metadata: { name: "checkout-api", namespace: "istio-ingress" }, spec: { host: "checkout-api", subsets: [{ name: "release", labels: { version: "edge" } }] } });
    const route = istio.virtualService({ namespace: "istio-ingress", name: "shop" });
    const { kube } = createFakeKube(store);
    const state = await route.router.inspect((await kube.get(route.ref))!, kube);
    expect(route.router.metricScope(state, "release").version).toBe("v2");
  });
});
