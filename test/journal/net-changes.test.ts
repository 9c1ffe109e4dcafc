import { describe, expect, it } from "vitest";
import { netChanges, netFieldsText, type NetChange } from "../../sdk/journal/net-changes.ts";
import { Journal } from "../../sdk/engine/journal.ts";
import { createVirtualClock } from "../../sdk/ports/clock.ts";
import { runPlan } from "../../sdk/engine/runner.ts";
import { currentContext } from "../../sdk/engine/context.ts";
import { writeObject } from "../../sdk/engine/writes.ts";
import { plan } from "../../sdk/index.ts";
import { createFakeKube } from "../helpers/fake-kube.ts";

const change = (fields: NetChange["fields"]): NetChange => ({ object: { apiVersion: "v1", kind: "ConfigMap", namespace: "prod", name: "flags" }, name: "ConfigMap prod/flags", fields });

describe("what a run left changed, in one line", () => {
  it("names each field as it is now and was before", () => {
    expect(netFieldsText(change([{ field: "data.mode", before: "fast", after: "safe" }]))).toBe('data.mode="safe", was "fast"');
  });

  it("cuts a long value, whole emoji included, and says how long it is; lists ten fields and counts the rest", () => {
    const long = `${"x".repeat(118)}🚨${"y".repeat(500)}`;
    const text = netFieldsText(change([{ field: "data.page", before: undefined, after: long }]));
    expect(text).toBe(`data.page="${"x".repeat(118)}🚨… (621 characters; see the journal), was undefined`);
    const many = change(Array.from({ length: 13 }, (_, i) => ({ field: `data.k${i}`, before: i, after: i + 1 })));
    expect(netFieldsText(many)).toMatch(/data\.k9=10, was 9; and 3 more fields \(see the journal\)$/);
  });
});

describe("a change whose values the journal hides", () => {
  const DEPLOY = { apiVersion: "apps/v1", kind: "Deployment", namespace: "prod", name: "checkout-api" };
  const env = (password: string) => [{ name: "DB_PASSWORD", value: password }];
  const changeOf = (before: string, after: string) =>
    ({ type: "change", object: DEPLOY, field: "spec.template.spec.containers[0].env[0].value", before, after, applied: true, action: "roll back" }) as const;

  it("is still a change when both sides read [redacted]: each value's keyed hash tells, and the hash is no hash of the value alone", () => {
    const journal = new Journal(undefined, createVirtualClock());
    journal.emit({ ...changeOf("new-pass-2222", "old-pass-1111"), field: "spec.template.spec.containers[0].env", before: env("new-pass-2222"), after: env("old-pass-1111") });
    const [left] = netChanges(journal.events);
    expect(left?.fields).toEqual([{ field: "spec.template.spec.containers[0].env", before: [{ name: "DB_PASSWORD", value: "[redacted]" }], after: [{ name: "DB_PASSWORD", value: "[redacted]" }] }]);
    expect(JSON.stringify(journal.events)).not.toContain("pass-");
    // changed back in the same run: nothing left changed
    journal.emit({ ...changeOf("old-pass-1111", "new-pass-2222"), field: "spec.template.spec.containers[0].env", before: env("old-pass-1111"), after: env("new-pass-2222") });
    expect(netChanges(journal.events)).toEqual([]);
    // another run's journal hashes the same value otherwise: its key is its own
    const other = new Journal(undefined, createVirtualClock());
    other.emit({ ...changeOf("x", "y"), field: "spec.template.spec.containers[0].env", before: env("new-pass-2222"), after: env("old-pass-1111") });
    const digests = (j: Journal) => (j.events[0] as { digests?: unknown }).digests;
    expect(digests(other)).not.toEqual(digests(journal));
  });

  it("a run that leaves a secret changed with no safe state ends failed-unsafe naming it, not failed-safe", async () => {
    const fake = createFakeKube();
    fake.store.create({ ...DEPLOY, metadata: { name: DEPLOY.name, namespace: DEPLOY.namespace }, spec: { template: { spec: { containers: [{ name: "app", image: "app:1", env: env("new-pass-2222") }] } } } });
    const p = plan({ name: "rotate-back" }, async (run) => {
      await run.step("put the old credentials back", async () => {
        await writeObject(currentContext("test"), { ref: DEPLOY, action: "roll back", patchFor: () => ({ spec: { template: { spec: { containers: [{ name: "app", image: "app:1", env: env("old-pass-1111") }] } } } }) });
      });
      throw new Error("smoke test failed");
    });
    const result = await runPlan(p, { mode: "run", inputs: {}, kube: fake.kube, clock: createVirtualClock(), target: { kind: "sim" } });
    expect(result.status).toBe("failed-unsafe");
    expect(result.unsafe?.join("\n")).toContain("Deployment prod/checkout-api");
  });
});
