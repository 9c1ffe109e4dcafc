import { describe, expect, it } from "vitest";
import { readAhead } from "../../sdk/engine/read-ahead.ts";
import { ObjectStore } from "../../sdk/sim/store.ts";
import { createFakeKube, seedRoute } from "../helpers/fake-kube.ts";
import { roundTrips } from "../helpers/round-trips.ts";

const rule = { apiVersion: "networking.istio.io/v1", kind: "DestinationRule", namespace: "prod", name: "checkout-api" };
const services = { apiVersion: "v1", kind: "Service", namespace: "prod" };

function world() {
  const store = new ObjectStore();
  seedRoute(store);
  return createFakeKube(store);
}

describe("readAhead", () => {
  it("sends the reads at once and answers each from its read, once; a second ask reads again", async () => {
    const fake = world();
    const kube = readAhead(fake.kube, [{ get: rule }, { list: services }]);
    expect(fake.calls).toEqual([
      { op: "get", ref: "DestinationRule/checkout-api" },
      { op: "list", ref: "Service" },
    ]);
    // the same ref written another way (an undefined context) is the same read
    expect((await kube.get({ ...rule, context: undefined }))?.spec.host).toBe("checkout-api");
    expect(await kube.list(services)).toEqual([]);
    expect(fake.calls).toHaveLength(2);
    await kube.get(rule);
    expect(fake.calls).toHaveLength(3);
  });

  it("keeps the failure of a read nobody asks for to itself, and gives one that is asked for to the asker", async () => {
    const fake = world();
    const refused = new Error("services is forbidden");
    const unasked: unknown[] = [];
    const onUnhandled = (err: unknown) => unasked.push(err);
    process.on("unhandledRejection", onUnhandled);
    try {
      const kube = readAhead({ ...fake.kube, list: async () => Promise.reject(refused) }, [{ list: services }, { list: { ...services, namespace: "staging" } }]);
      await expect(kube.list(services)).rejects.toBe(refused);
      await new Promise((resolve) => setImmediate(resolve));
      expect(unasked).toEqual([]);
    } finally {
      process.off("unhandledRejection", onUnhandled);
    }
  });

  it("makes a read that waited for the route go out with it: one round trip instead of two", async () => {
    const fake = world();
    const route = { ...rule, kind: "VirtualService" };
    const inspect = async (kube: typeof fake.kube) => [await kube.get(route), await kube.get(rule)];
    const { port, depthOf } = roundTrips(fake.kube);
    expect((await depthOf(() => inspect(port))).depth).toBe(2);
    expect((await depthOf(() => inspect(readAhead(port, [{ get: rule }])))).depth).toBe(1);
  });
});
