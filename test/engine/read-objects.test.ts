import { describe, expect, it } from "vitest";
import { istio, plan } from "../../sdk/index.ts";
import { runPlan } from "../../sdk/engine/runner.ts";
import { LIST_FROM, readObjects } from "../../sdk/engine/read-objects.ts";
import { createVirtualClock } from "../../sdk/ports/clock.ts";
import { refString, type ObjectRef } from "../../sdk/ports/kube.ts";
import { createFakeKube, seedRoute } from "../helpers/fake-kube.ts";

const vsRef = (name: string, namespace = "prod"): ObjectRef => ({ apiVersion: "networking.istio.io/v1", kind: "VirtualService", namespace, name });
const names = (n: number) => Array.from({ length: n }, (_, i) => `svc-${i}`);

function cluster(services: string[]) {
  const fake = createFakeKube();
  for (const name of services) seedRoute(fake.store, { stable: 10, release: 90 }, name);
  return fake;
}

/** What each ref read as: the object's name, or "gone". */
async function readAs(fake: ReturnType<typeof createFakeKube>, refs: ObjectRef[]) {
  const reads = readObjects(fake.kube, refs);
  return Object.fromEntries(await Promise.all(refs.map(async (r) => [r.name, (await reads.get(refString(r)))?.metadata.name ?? "gone"])));
}

describe("reading many objects again", () => {
  it(`reads ${LIST_FROM} or more of one kind in one namespace with one list, each once`, async () => {
    const fake = cluster(names(10));
    const refs = [...names(10).map((n) => vsRef(n)), vsRef("svc-3")];
    expect(await readAs(fake, refs)).toEqual(Object.fromEntries(names(10).map((n) => [n, n])));
    expect(fake.calls).toEqual([{ op: "list", ref: "VirtualService" }]);
  });

  it("reads fewer with a get each, and each namespace on its own", async () => {
    const fake = cluster(names(10));
    // LIST_FROM in all, but one fewer in prod
    const refs = [...names(LIST_FROM - 1).map((n) => vsRef(n)), vsRef("svc-9", "staging")];
    expect(Object.values(await readAs(fake, refs))).toEqual([...names(LIST_FROM - 1), "gone"]);
    expect(fake.calls).toEqual(refs.map((r) => ({ op: "get", ref: `VirtualService/${r.name}` })));
  });

  it("asks for an object the list lacks by get: gone when it is gone", async () => {
    const fake = cluster(names(9));
    const refs = names(10).map((n) => vsRef(n));
    expect((await readAs(fake, refs))["svc-9"]).toBe("gone");
    expect(fake.calls).toEqual([{ op: "list", ref: "VirtualService" }, { op: "get", ref: "VirtualService/svc-9" }]);
  });

  it("falls back to a get each when the list is refused (a Role that grants get, not list)", async () => {
    const fake = cluster(names(10));
    fake.switches.faults.set(1, { kind: "403" });
    expect(await readAs(fake, names(10).map((n) => vsRef(n)))).toEqual(Object.fromEntries(names(10).map((n) => [n, n])));
    expect(fake.calls.map((c) => c.op)).toEqual(["list", ...names(10).map(() => "get")]);
  });

  it("fails each read with the list's error when it fails otherwise, without waiting on a get each after it", async () => {
    const fake = cluster(names(10));
    fake.switches.faults.set(1, { kind: "500" });
    const reads = readObjects(fake.kube, names(10).map((n) => vsRef(n)));
    const settled = await Promise.allSettled(reads.values());
    expect(settled.map((r) => (r.status === "rejected" ? (r.reason as Error).message : "read"))).toEqual(names(10).map(() => expect.stringContaining("etcdserver: request timed out")));
    expect(fake.calls).toEqual([{ op: "list", ref: "VirtualService" }]);
  });
});

describe("100 routes isolated in one step, read again when the program is over", () => {
  it("are read with one list, and the one a controller put back is still found", async () => {
    const services = names(100);
    const fake = cluster(services);
    const routes = services.map((name) => istio.virtualService({ namespace: "prod", name }));
    const isolate = plan({ name: "isolate" }, async (run) => {
      await run.step("isolate 100", () => Promise.all(routes.map((r) => r.shift({ stable: 100, release: 0 }))));
      // Argo CD's self-heal puts one back before the run reads them again
      const obj = fake.store.get(vsRef("svc-42"))!;
      fake.store.update({ ...obj, spec: { ...obj.spec, http: [{ ...obj.spec.http[0], route: [{ ...obj.spec.http[0].route[0], weight: 10 }, { ...obj.spec.http[0].route[1], weight: 90 }] }] } });
      fake.calls.length = 0;
    });
    const result = await runPlan(isolate, { mode: "run", inputs: {}, kube: fake.kube, clock: createVirtualClock(), target: { kind: "sim" } });
    expect(fake.calls).toEqual([{ op: "list", ref: "VirtualService" }]);
    expect(result.status).toBe("failed-unsafe");
    expect(result.unsafe).toEqual([expect.stringMatching(/^VirtualService prod\/svc-42 no longer holds the split this run wrote \(stable=100, release=0\): it is at stable=10, release=90\./)]);
  });
});
