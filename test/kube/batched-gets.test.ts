import { describe, expect, it } from "vitest";
import { ForbiddenError, KubeApiError } from "../../sdk/errors.ts";
import { batchedGets, LIST_FROM } from "../../sdk/kube/batched-gets.ts";
import type { KubeObject, ListOptions, ObjectRef } from "../../sdk/ports/kube.ts";

const vsRef = (name: string, namespace = "prod"): ObjectRef => ({ apiVersion: "networking.istio.io/v1", kind: "VirtualService", namespace, name });
const names = (n: number) => Array.from({ length: n }, (_, i) => `svc-${i}`);

/** A cluster of VirtualServices named `present` in prod, read through batchedGets; `calls` is what reached it. */
function cluster(present: string[], listFails?: Error) {
  const calls: string[] = [];
  const objects = new Map(present.map((name) => [name, { apiVersion: "networking.istio.io/v1", kind: "VirtualService", metadata: { name, namespace: "prod" }, spec: { hosts: [name] } } as KubeObject]));
  const get = batchedGets(
    async (ref) => {
      calls.push(`get ${ref.namespace}/${ref.name}`);
      return ref.namespace === "prod" ? structuredClone(objects.get(ref.name)) : undefined;
    },
    async (o: ListOptions) => {
      calls.push(`list ${o.namespace}`);
      if (listFails) throw listFails;
      return o.namespace === "prod" ? [...objects.values()].map((x) => structuredClone(x)) : [];
    },
  );
  /** What each ref read as: the object's name, or "gone". */
  const readAs = async (refs: ObjectRef[]) => (await Promise.all(refs.map(get))).map((o) => o?.metadata.name ?? "gone");
  return { get, calls, readAs };
}

describe("gets asked for at once", () => {
  it(`are answered by one list from ${LIST_FROM} objects of one kind in one namespace`, async () => {
    const { readAs, calls } = cluster(names(10));
    expect(await readAs(names(10).map((n) => vsRef(n)))).toEqual(names(10));
    expect(calls).toEqual(["list prod"]);
  });

  it("below that, by a get each, each namespace on its own", async () => {
    const { readAs, calls } = cluster(names(10));
    // LIST_FROM in all, but one fewer in prod
    const refs = [...names(LIST_FROM - 1).map((n) => vsRef(n)), vsRef("svc-9", "staging")];
    expect(await readAs(refs)).toEqual([...names(LIST_FROM - 1), "gone"]);
    expect(calls).toEqual(refs.map((r) => `get ${r.namespace}/${r.name}`));
  });

  it("ask once for an object asked for twice, and give each asker its own copy", async () => {
    const { get, calls } = cluster(["svc-0"]);
    const [a, b] = await Promise.all([get(vsRef("svc-0")), get(vsRef("svc-0"))]);
    a!.spec.hosts.push("changed by one caller");
    expect(b!.spec.hosts).toEqual(["svc-0"]);
    expect(calls).toEqual(["get prod/svc-0"]);
  });

  it("ask for an object the list lacks by get: gone when it is gone", async () => {
    const { readAs, calls } = cluster(names(9));
    expect((await readAs(names(10).map((n) => vsRef(n))))[9]).toBe("gone");
    expect(calls).toEqual(["list prod", "get prod/svc-9"]);
  });

  it("fall back to a get each when the list is refused (a Role that grants get, not list)", async () => {
    const { readAs, calls } = cluster(names(10), new ForbiddenError("list", "virtualservices", "prod"));
    expect(await readAs(names(10).map((n) => vsRef(n)))).toEqual(names(10));
    expect(calls).toEqual(["list prod", ...names(10).map((n) => `get prod/${n}`)]);
  });

  it("fail with the list's error when it fails otherwise, without waiting on a get each after it", async () => {
    const { get, calls } = cluster(names(10), new KubeApiError(0, "VirtualService prod/(list)", "the API server did not answer list within 30s."));
    const settled = await Promise.allSettled(names(10).map((n) => get(vsRef(n))));
    expect(settled.map((r) => (r.status === "rejected" ? (r.reason as Error).message : "read"))).toEqual(names(10).map(() => expect.stringContaining("did not answer list within 30s")));
    expect(calls).toEqual(["list prod"]);
  });

  it("are batched by turn of the event loop: gets asked one after another are not held for each other", async () => {
    const { get, calls } = cluster(names(10));
    for (const n of names(10)) await get(vsRef(n));
    expect(calls).toEqual(names(10).map((n) => `get prod/${n}`));
  });
});
