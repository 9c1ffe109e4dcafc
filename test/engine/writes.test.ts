import { describe, expect, it } from "vitest";
import { writeObject } from "../../sdk/engine/writes.ts";
import { VerificationError } from "../../sdk/errors.ts";
import type { KubePort } from "../../sdk/ports/kube.ts";
import { createFakeKube, seedRoute } from "../helpers/fake-kube.ts";
import { gateContext } from "../gates/support.ts";
import { deployment, istio, plan } from "../../sdk/index.ts";
import { rehearse, type Rehearsal } from "../../sdk/sim/rehearse.ts";

const ref = { apiVersion: "apps/v1", kind: "Deployment", namespace: "prod", name: "checkout-api" };
const withPassword = (password: string) => ({
  containers: [{ name: "app", image: "shop/checkout-api:2.0.0", env: [{ name: "LOG_LEVEL", value: "info" }, { name: "DB_PASSWORD", value: password }] }],
});

describe("a write a controller reverts", () => {
  it("fails verification naming the field, with an env var named like a secret shown redacted", async () => {
    const fake = createFakeKube();
    fake.store.create({ ...ref, metadata: { name: ref.name, namespace: ref.namespace }, spec: { template: { spec: withPassword("new-s3cret-pw") } } });
    fake.switches.revert = { kind: "Deployment" };
    const ctx = gateContext({ kube: fake.kube });
    const write = writeObject(ctx, { ref, action: "roll back to revision 2", patchFor: () => ({ spec: { template: { spec: withPassword("old-s3cret-pw") } } }) });
    const err = await write.catch((e: unknown) => e);
    expect(err).toBeInstanceOf(VerificationError);
    expect((err as Error).message).toContain("Deployment prod/checkout-api spec.template.spec.containers");
    expect((err as Error).message).not.toMatch(/s3cret/);
  });
});

describe("a write an admission webhook rewrites", () => {
  const image = (image: string) => ({ spec: { template: { spec: { containers: [{ name: "app", image }] } } } });
  const DIGEST = `sha256:${"4f1c".repeat(16)}`;
  /** A Deployment at 2.0.0 whose writes pass through `mutate` (a mutating webhook), and a write of 1.9.4. */
  const writeThrough = async (mutate: (image: string) => string) => {
    const fake = createFakeKube();
    fake.store.create({ ...ref, metadata: { name: ref.name, namespace: ref.namespace }, ...image("shop/checkout-api:2.0.0") });
    const patch = fake.kube.patch;
    const kube: KubePort = {
      ...fake.kube,
      async patch(r, p, o) {
        await patch(r, p, o);
        const d = fake.store.get(ref)!;
        const c = d.spec.template.spec.containers[0];
        c.image = mutate(c.image);
        return fake.store.update(d);
      },
    };
    const ctx = gateContext({ kube });
    const error = await writeObject(ctx, { ref, action: "roll back", patchFor: () => image("shop/checkout-api:1.9.4") }).then(() => undefined, (e: unknown) => e);
    return { error, changes: ctx.journal.events.filter((e) => e.type === "change"), live: fake.store.get(ref)!.spec.template.spec.containers[0].image };
  };

  it("takes a digest pinned onto the tag written as the image written, and journals what the cluster holds", async () => {
    const r = await writeThrough((i) => `${i}@${DIGEST}`);
    expect(r.error).toBeUndefined();
    expect(r.changes).toMatchObject([{ field: "spec.template.spec.containers[0].image", before: "shop/checkout-api:2.0.0", after: `shop/checkout-api:1.9.4@${DIGEST}`, applied: true }]);
  });

  it("fails verification on any other rewrite, having journaled the change that landed (the postmortem says what is left where)", async () => {
    const r = await writeThrough((i) => i.replace("shop/", "mirror.example.com/shop/"));
    expect(r.error).toBeInstanceOf(VerificationError);
    expect((r.error as Error).message).toContain("or an admission webhook rewriting it");
    expect(r.live).toBe("mirror.example.com/shop/checkout-api:1.9.4");
    expect(r.changes).toMatchObject([{ before: "shop/checkout-api:2.0.0", after: "mirror.example.com/shop/checkout-api:1.9.4", applied: true }]);
  });

  it("journals nothing for a field put back as it was: no change is left", async () => {
    const r = await writeThrough(() => "shop/checkout-api:2.0.0");
    expect(r.error).toBeInstanceOf(VerificationError);
    expect(r.changes).toEqual([]);
  });
});

const VS = { apiVersion: "networking.istio.io/v1", kind: "VirtualService", namespace: "prod", name: "checkout-api" };

/** Object keys sorted at every level: how a real API server serves a custom resource (stored unstructured). */
const sortedKeys = (v: unknown): unknown =>
  Array.isArray(v) ? v.map(sortedKeys) : v && typeof v === "object" ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, sortedKeys((v as Record<string, unknown>)[k])])) : v;

describe("writeObject", () => {
  it("verifies a read-back whatever its key order: a real API server serves custom resources with keys sorted", async () => {
    const fake = createFakeKube();
    seedRoute(fake.store, { stable: 100 });
    const kube: KubePort = { ...fake.kube, get: async (ref) => sortedKeys(await fake.kube.get(ref)) as Awaited<ReturnType<KubePort["get"]>> };
    const ctx = gateContext({ kube });
    // a route entry written subset-first, served back host-first: the same value
    const route = [
      { destination: { subset: "stable", host: "checkout-api" }, weight: 90 },
      { weight: 10, destination: { subset: "release", host: "checkout-api" } },
    ];
    const { changes } = await writeObject(ctx, { ref: VS, action: "shift traffic", patchFor: () => ({ spec: { http: [{ name: "primary", route }] } }) });
    expect(changes.map((c) => c.field)).toEqual(["spec.http[0].route"]);
    expect(ctx.journal.events.filter((e) => e.type === "change")).toMatchObject([{ field: "spec.http[0].route", applied: true }]);
  });
});

describe("a branch still writing when another branch of the program fails", () => {
  const stable = deployment({ namespace: "prod", name: "checkout-api-stable" });
  const route = istio.virtualService({ namespace: "prod", name: "checkout-api" });
  /** A step that fails at once beside one that shifts: `readFirst`, the shift starts after the failure (its read was on the wire), else before. */
  const twoHalves = (readFirst: boolean) =>
    plan({ name: "two-halves" }, async (run) => {
      await run.safeState(route, { stable: 100, release: 0 });
      await Promise.all([
        run.step("half", async () => {
          throw new Error("the other half failed");
        }),
        run.step("shift", async () => {
          if (readFirst) await stable.get();
          await route.shift({ stable: 50, release: 50 });
        }),
      ]);
    });
  const shiftStep = (r: Rehearsal) => r.events.find((e) => e.type === "step-finished" && e.name === "shift");
  const shifted = (r: Rehearsal) => r.events.filter((e) => e.type === "change" && e.action === "shift traffic");

  for (const [readFirst, message] of [
    [false, "the run is stopping: not writing VirtualService prod/checkout-api"],
    [true, "the run is stopping: not starting VirtualService prod/checkout-api.shift()"],
  ] as const) {
    it(`is cancelled as the run stops, in preview as in the run, with nothing asked of the plan (shift started ${readFirst ? "after" : "before"} the failure)`, async () => {
      const p = twoHalves(readFirst);
      const [preview, run] = [await rehearse(p, { scenario: "cold-jvm", mode: "preview" }), await rehearse(p, { scenario: "cold-jvm" })];
      for (const r of [preview, run]) {
        expect(shiftStep(r), r.mode).toMatchObject({ outcome: "cancelled", error: { name: "CancelledError", message } });
        expect(shifted(r), r.mode).toEqual([]);
        expect(r.events.filter((e) => e.type === "recommendation"), r.mode).toEqual([]);
      }
    });
  }
});
