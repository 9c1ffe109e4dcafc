import { describe, expect, it } from "vitest";
import { writeObject } from "../../sdk/engine/writes.ts";
import { VerificationError } from "../../sdk/errors.ts";
import { createFakeKube } from "../helpers/fake-kube.ts";
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
