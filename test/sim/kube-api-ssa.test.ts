import { PatchStrategy } from "@kubernetes/client-node";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ObjectStore } from "../../sdk/sim/store.ts";
import { asClient, type ClientObject, deployment, type Harness, http, NS, rejection, startHarness, virtualService } from "./kube-api-fixtures.ts";

let h: Harness;
beforeEach(async () => {
  h = await startHarness();
});
afterEach(() => h.api.close());

const DEPLOY = `/apis/apps/v1/namespaces/${NS}/deployments`;
const CM = `/api/v1/namespaces/${NS}/configmaps`;
const apply = { "Content-Type": "application/apply-patch+yaml" };
const merge = { "Content-Type": "application/merge-patch+json" };

const lock = (data: Record<string, string>) => ({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "firebreak-lock", namespace: NS }, data });

describe("server-side apply", () => {
  it("creates with Apply, records the manager's fields, and merges on the next apply", async () => {
    const created = await http(h.api, "PATCH", `${CM}/firebreak-lock?fieldManager=firebreak`, lock({ holder: "run-1" }), apply);
    expect(created.status).toBe(201);
    expect(created.json.metadata.managedFields).toEqual([
      { manager: "firebreak", operation: "Apply", apiVersion: "v1", time: expect.any(String), fieldsType: "FieldsV1", fieldsV1: { "f:data": { "f:holder": {} } } },
    ]);
    const again = await http(h.api, "PATCH", `${CM}/firebreak-lock?fieldManager=firebreak`, lock({ holder: "run-2", since: "03:00" }), apply);
    expect(again.status).toBe(200);
    expect(again.json.data).toEqual({ holder: "run-2", since: "03:00" });
  });

  it("stamps creation and managedFields times in whole seconds from the cluster's clock (the simulator's is virtual)", async () => {
    const store = new ObjectStore(() => Date.UTC(2026, 10, 24, 3, 0, 7, 250));
    store.create({ apiVersion: "v1", kind: "Namespace", metadata: { name: NS }, status: { phase: "Active" } });
    const virtual = await startHarness({ store });
    try {
      const dry = await http(virtual.api, "POST", `${CM}?dryRun=All`, lock({ holder: "run-1" }));
      const created = await http(virtual.api, "PATCH", `${CM}/firebreak-lock?fieldManager=firebreak`, lock({ holder: "run-1" }), apply);
      for (const { json } of [dry, created]) expect(json.metadata.creationTimestamp).toBe("2026-11-24T03:00:07Z");
      expect(created.json.metadata.managedFields[0].time).toBe("2026-11-24T03:00:07Z");
    } finally {
      await virtual.api.close();
    }
  });

  it("accepts YAML bodies, as kubectl sends them", async () => {
    const yaml = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: firebreak-lock\n  namespace: ${NS}\ndata:\n  holder: run-1\n`;
    const res = await http(h.api, "PATCH", `${CM}/firebreak-lock?fieldManager=firebreak`, yaml, apply);
    expect(res.json.data).toEqual({ holder: "run-1" });
  });

  it("requires a fieldManager (422 on PatchOptions, as the API server answers)", async () => {
    const res = await http(h.api, "PATCH", `${CM}/firebreak-lock`, lock({ holder: "x" }), apply);
    expect(res.status).toBe(422);
    expect(res.json.message).toBe('PatchOptions.meta.k8s.io "" is invalid: fieldManager: Required value: is required for apply patch');
  });

  it("removes the fields a manager stops applying", async () => {
    await http(h.api, "PATCH", `${CM}/firebreak-lock?fieldManager=firebreak`, lock({ holder: "run-1", since: "03:00" }), apply);
    const res = await http(h.api, "PATCH", `${CM}/firebreak-lock?fieldManager=firebreak`, lock({ holder: "run-1" }), apply);
    expect(res.json.data).toEqual({ holder: "run-1" });
  });

  it("is a 409 conflict to change a field another manager owns, unless forced", async () => {
    await http(h.api, "PATCH", `${CM}/firebreak-lock?fieldManager=firebreak`, lock({ holder: "run-1" }), apply);
    await http(h.api, "PATCH", `${CM}/firebreak-lock?fieldManager=kubectl-edit`, { data: { holder: "alice" } }, merge);

    const refused = await http(h.api, "PATCH", `${CM}/firebreak-lock?fieldManager=firebreak`, lock({ holder: "run-2" }), apply);
    expect(refused.status).toBe(409);
    expect(refused.json).toMatchObject({
      reason: "Conflict",
      message: 'Apply failed with 1 conflict: conflict with "kubectl-edit" using v1: .data.holder',
      details: { causes: [{ reason: "FieldManagerConflict", message: 'conflict with "kubectl-edit" using v1', field: ".data.holder" }] },
    });

    const forced = await http(h.api, "PATCH", `${CM}/firebreak-lock?fieldManager=firebreak&force=true`, lock({ holder: "run-2" }), apply);
    expect(forced.status).toBe(200);
    expect(forced.json.data.holder).toBe("run-2");
    expect(forced.json.metadata.managedFields.map((m: { manager: string }) => m.manager)).toEqual(["firebreak"]);
  });

  it("shares a field two managers apply with the same value", async () => {
    await http(h.api, "PATCH", `${CM}/firebreak-lock?fieldManager=a`, lock({ holder: "run-1" }), apply);
    const b = await http(h.api, "PATCH", `${CM}/firebreak-lock?fieldManager=b`, lock({ holder: "run-1" }), apply);
    expect(b.status).toBe(200);
    expect(b.json.metadata.managedFields.map((m: { manager: string }) => m.manager)).toEqual(["a", "b"]);
  });

  it("merges containers by name and conflicts on a seeded object's fields until forced", async () => {
    const config = {
      apiVersion: "apps/v1",
      kind: "Deployment",
      metadata: { name: "checkout-api", namespace: NS },
      spec: { template: { spec: { containers: [{ name: "app", image: "registry.example.com/checkout:2.4.0" }] } } },
    };
    // the seeded Deployment's fields belong to whoever wrote it before
    const refused = await http(h.api, "PATCH", `${DEPLOY}/checkout-api?fieldManager=firebreak`, config, apply);
    expect(refused.status).toBe(409);
    expect(refused.json.message).toContain('conflict with "before-first-apply" using apps/v1: .spec.template.spec.containers[name="app"].image');
    const forced = await http(h.api, "PATCH", `${DEPLOY}/checkout-api?fieldManager=firebreak&force=true`, config, apply);
    expect(forced.json.spec.template.spec.containers.map((c: { name: string; image: string }) => `${c.name}=${c.image}`)).toEqual([
      "app=registry.example.com/checkout:2.4.0",
      "envoy=istio/proxyv2:1.24.0",
    ]);
  });

  it("applies through client-node, and a stale resourceVersion in the config is a 409", async () => {
    const spec = asClient(virtualService("checkout", [70, 30]));
    const applied = await h.objects.patch<ClientObject>(spec, undefined, undefined, "firebreak", true, PatchStrategy.ServerSideApply);
    expect(applied.spec.http[0].route[1].weight).toBe(30);
    const stale = { ...spec, metadata: { ...spec.metadata, resourceVersion: "1" } };
    expect((await rejection(h.objects.patch(stale, undefined, undefined, "firebreak", true, PatchStrategy.ServerSideApply))).code).toBe(409);
  });

  it("validates what an apply produces", async () => {
    const res = await http(h.api, "PATCH", `/apis/networking.istio.io/v1/namespaces/${NS}/virtualservices/checkout?fieldManager=firebreak&force=true`, virtualService("checkout", [70, -40]), apply);
    expect(res.status).toBe(400);
    expect(res.json.message).toContain("weight -40 < 0");
  });

  it("records Update managers for other writes to tracked objects", async () => {
    await http(h.api, "POST", DEPLOY, deployment("web"));
    const res = await http(h.api, "PATCH", `${DEPLOY}/web?fieldManager=firebreak`, { spec: { replicas: 4 } }, merge);
    expect(res.json.metadata.managedFields.map((m: { manager: string; operation: string }) => `${m.manager}/${m.operation}`)).toEqual(["node/Update", "firebreak/Update"]);
    expect(res.json.metadata.managedFields[1].fieldsV1).toEqual({ "f:spec": { "f:replicas": {} } });
    await http(h.api, "PATCH", `${DEPLOY}/web/scale?fieldManager=kubectl-scale`, { spec: { replicas: 2 } }, merge);
    const after = h.store.get({ apiVersion: "apps/v1", kind: "Deployment", namespace: NS, name: "web" })!;
    expect(after.metadata.managedFields).toContainEqual(expect.objectContaining({ manager: "kubectl-scale", subresource: "scale", fieldsV1: { "f:spec": { "f:replicas": {} } } }));
    expect((after.metadata.managedFields as { manager: string }[]).map((m) => m.manager)).not.toContain("firebreak");
  });

  it("leaves objects nobody tracked untracked on plain updates, as the server's skip-non-applied manager does", async () => {
    const res = await http(h.api, "PATCH", `${DEPLOY}/checkout-api?fieldManager=firebreak`, { spec: { replicas: 4 } }, merge);
    expect(res.json.spec.replicas).toBe(4);
    expect(res.json.metadata.managedFields).toBeUndefined();
  });

  it("keeps at most ten Update managers, merging the oldest into ancient-changes", async () => {
    await http(h.api, "POST", CM, lock({ holder: "run-0" }));
    for (let i = 1; i <= 12; i++) await http(h.api, "PATCH", `${CM}/firebreak-lock?fieldManager=m${i}`, { data: { [`k${i}`]: "v" } }, merge);
    const managers = (h.store.get({ apiVersion: "v1", kind: "ConfigMap", namespace: NS, name: "firebreak-lock" })!.metadata.managedFields as { manager: string }[]).map((m) => m.manager);
    expect(managers).toHaveLength(10);
    expect(managers[0]).toBe("ancient-changes");
    expect(managers.at(-1)).toBe("m12");
  });
});
