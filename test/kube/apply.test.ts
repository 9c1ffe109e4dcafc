import { afterEach, describe, expect, it } from "vitest";
import { createEngineContext, withContext } from "../../sdk/engine/context.ts";
import { Journal } from "../../sdk/engine/journal.ts";
import { createPreviewKube } from "../../sdk/engine/preview-kube.ts";
import { applyObject } from "../../sdk/engine/writes.ts";
import { createVirtualClock } from "../../sdk/ports/clock.ts";
import type { KubeObject, KubePort } from "../../sdk/ports/kube.ts";
import type { KubeApiServer } from "../../sdk/sim/kube-api/index.ts";
import { http } from "../sim/kube-api-fixtures.ts";
import { startApi } from "./helpers.ts";

let api: KubeApiServer;
afterEach(() => api?.close());

const configMap = (data: Record<string, string>): KubeObject => ({
  apiVersion: "v1",
  kind: "ConfigMap",
  metadata: { name: "checkout-flags", namespace: "prod" },
  data,
});
const CM = { apiVersion: "v1", kind: "ConfigMap", namespace: "prod", name: "checkout-flags" };
const CM_PATH = "/api/v1/namespaces/prod/configmaps/checkout-flags";

function engine(kube: KubePort, mode: "run" | "preview") {
  const clock = createVirtualClock(0);
  const preview = mode === "preview" ? createPreviewKube(kube) : undefined;
  return createEngineContext({ mode, kube: preview ?? kube, ...(preview ? { preview } : {}), clock, signal: new AbortController().signal, journal: new Journal(undefined, clock) });
}

describe("KubePort.apply: server-side apply as field manager firebreak", () => {
  it("creates, then merges, and the server records firebreak as the manager", async () => {
    const { api: a, kube } = await startApi();
    api = a;
    await kube.apply!(configMap({ mode: "safe" }));
    const updated = await kube.apply!(configMap({ mode: "safe", canary: "off" }));
    expect(updated.data).toEqual({ mode: "safe", canary: "off" });
    expect((updated.metadata.managedFields as { manager: string; operation: string }[]).map((m) => [m.manager, m.operation])).toEqual([["firebreak", "Apply"]]);
  });

  it("a dry run shows the result and persists nothing", async () => {
    const { api: a, kube } = await startApi();
    api = a;
    const predicted = await kube.apply!(configMap({ mode: "safe" }), { dryRun: true });
    expect(predicted.data).toEqual({ mode: "safe" });
    expect(await kube.get(CM)).toBeUndefined();
  });

  it("a field another manager owns is a conflict until forced", async () => {
    const { api: a, kube } = await startApi();
    api = a;
    const other = await http(api, "PATCH", `${CM_PATH}?fieldManager=helm`, JSON.stringify(configMap({ mode: "fast" })), { "Content-Type": "application/apply-patch+yaml" });
    expect(other.status).toBe(201);
    const ctx = engine(kube, "run");
    const err = await withContext(ctx, () => applyObject(ctx, { object: configMap({ mode: "safe" }), action: "apply overlay" })).catch((e: unknown) => e);
    expect((err as Error).message).toMatch(/answered 409 for ConfigMap prod\/checkout-flags: .*conflict.*"helm".*apply with \{ force: true \} to take them over/s);
    const forced = await withContext(ctx, () => applyObject(ctx, { object: configMap({ mode: "safe" }), action: "apply overlay", force: true }));
    expect(forced.changes).toEqual([{ field: "data.mode", before: "fast", after: "safe" }]);
    expect((await kube.get(CM))?.data).toEqual({ mode: "safe" });
  });
});

describe("applyObject: the engine's write path for whole objects", () => {
  it("preview shows the field-level diff against the live object and writes nothing", async () => {
    const { api: a, kube } = await startApi();
    api = a;
    await kube.apply!(configMap({ mode: "fast", canary: "on" }));
    const ctx = engine(kube, "preview");
    const patches = () => api.requests.filter((r) => r.method === "PATCH" && !r.path.includes("dryRun")).length;
    const before = patches();
    const result = await withContext(ctx, () => applyObject(ctx, { object: configMap({ mode: "safe" }), action: "apply overlay" }));
    // the field firebreak no longer applies is removed, as server-side apply does
    expect(result.changes).toEqual([
      { field: "data.mode", before: "fast", after: "safe" },
      { field: "data.canary", before: "on", after: undefined },
    ]);
    expect(patches()).toBe(before);
    expect((await kube.get(CM))?.data).toEqual({ mode: "fast", canary: "on" });
    expect(ctx.journal.events.filter((e) => e.type === "change").map((e) => e.type === "change" && [e.field, e.applied])).toEqual([
      ["data.mode", false],
      ["data.canary", false],
    ]);
  });

  it("preview lays the apply over the plan's earlier intended writes: a field the manifest does not set is kept, as the run keeps it", async () => {
    const { api: a, kube } = await startApi();
    api = a;
    const live = await kube.apply!(configMap({ mode: "fast" }));
    const ctx = engine(kube, "preview");
    // an earlier step of the same preview (a restart) would have stamped an annotation
    const restarted = { ...live, metadata: { ...live.metadata, annotations: { "kubectl.kubernetes.io/restartedAt": "2026-11-24T03:00:00Z" } } };
    ctx.preview!.put(CM, restarted);
    const result = await withContext(ctx, () => applyObject(ctx, { object: configMap({ mode: "safe" }), action: "apply overlay" }));
    expect(result.changes).toEqual([{ field: "data.mode", before: "fast", after: "safe" }]);
    expect((await ctx.kube.get(CM))?.metadata.annotations).toEqual({ "kubectl.kubernetes.io/restartedAt": "2026-11-24T03:00:00Z" });
  });

  it("run applies, reads back, verifies and journals each change; a second apply changes nothing", async () => {
    const { api: a, kube } = await startApi();
    api = a;
    const ctx = engine(kube, "run");
    const created = await withContext(ctx, () => applyObject(ctx, { object: configMap({ mode: "safe" }), action: "apply overlay" }));
    expect(created.changes.map((c) => c.field).sort()).toEqual(["apiVersion", "data", "kind", "metadata.name", "metadata.namespace"]);
    expect(ctx.journal.events.filter((e) => e.type === "change").every((e) => e.type === "change" && e.applied)).toBe(true);
    const again = await withContext(ctx, () => applyObject(ctx, { object: configMap({ mode: "safe" }), action: "apply overlay" }));
    expect(again.changes).toEqual([]);
  });
});
