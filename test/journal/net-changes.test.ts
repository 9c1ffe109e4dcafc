import { describe, expect, it } from "vitest";
import { netFieldsText, type NetChange } from "../../sdk/journal/net-changes.ts";

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
