import { describe, expect, it } from "vitest";
import { writeObject } from "../../sdk/engine/writes.ts";
import { VerificationError } from "../../sdk/errors.ts";
import type { KubePort } from "../../sdk/ports/kube.ts";
import { createFakeKube, seedRoute } from "../helpers/fake-kube.ts";
import { gateContext } from "../gates/support.ts";

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
