import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { deployment, destinationRule, type Harness, http, NS, seededStore, startHarness, virtualService } from "./kube-api-fixtures.ts";

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
});
afterAll(() => h.api.close());
beforeEach(() => {
  // a fresh world per test, same server
  const fresh = seededStore();
  for (const t of [["v1", "Namespace"], ["apps/v1", "Deployment"], ["networking.istio.io/v1", "VirtualService"], ["networking.istio.io/v1", "DestinationRule"]] as const) {
    for (const o of h.store.list(t[0], t[1])) h.store.delete({ apiVersion: o.apiVersion, kind: o.kind, namespace: o.metadata.namespace, name: o.metadata.name });
    for (const o of fresh.list(t[0], t[1])) h.store.create(o);
  }
});

const VS = `/apis/networking.istio.io/v1/namespaces/${NS}/virtualservices`;
const DEPLOY = `/apis/apps/v1/namespaces/${NS}/deployments`;
const merge = { "Content-Type": "application/merge-patch+json" };
const strategic = { "Content-Type": "application/strategic-merge-patch+json" };
const jsonPatch = { "Content-Type": "application/json-patch+json" };

describe("custom resources are validated against their CRD schema", () => {
  it("refuses a weight of the wrong type with 422 and the field path, and leaves the CEL rules unchecked", async () => {
    const vs = virtualService("typo");
    vs.spec.http[0].route[0].weight = "ten";
    const res = await http(h.api, "POST", VS, vs);
    expect(res.status).toBe(422);
    expect(res.json).toMatchObject({
      kind: "Status",
      reason: "Invalid",
      message:
        'VirtualService.networking.istio.io "typo" is invalid: [spec.http[0].route[0].weight: Invalid value: "string": spec.http[0].route[0].weight in body must be of type integer: "string", ' +
        '<nil>: Invalid value: "null": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation]',
      details: {
        name: "typo",
        group: "networking.istio.io",
        kind: "VirtualService",
        causes: [{ reason: "FieldValueInvalid", field: "spec.http[0].route[0].weight" }, { reason: "FieldValueInvalid", field: "<nil>" }],
      },
      code: 422,
    });
  });

  it("checks every served version with that version's schema, and required fields", async () => {
    const dr = { ...destinationRule("no-host"), apiVersion: "networking.istio.io/v1beta1" };
    delete dr.spec.host;
    const res = await http(h.api, "POST", `/apis/networking.istio.io/v1beta1/namespaces/${NS}/destinationrules`, dr);
    expect(res.status).toBe(422);
    expect(res.json.details.causes).toContainEqual({ reason: "FieldValueRequired", message: "Required value", field: "spec.host" });
  });

  it("names the supported values of an enum", async () => {
    const dr = destinationRule("lb");
    dr.spec.trafficPolicy = { loadBalancer: { simple: "FASTEST" } };
    const res = await http(h.api, "POST", `/apis/networking.istio.io/v1/namespaces/${NS}/destinationrules`, dr);
    expect(res.status).toBe(422);
    expect(res.json.details.causes).toContainEqual({
      reason: "FieldValueNotSupported",
      field: "spec.trafficPolicy.loadBalancer.simple",
      message: expect.stringMatching(/^Unsupported value: "FASTEST": supported values: "UNSPECIFIED", .*"ROUND_ROBIN"/),
    });
  });

  it("applies the schema's defaults (Gateway API HTTPRoute)", async () => {
    const route = {
      apiVersion: "gateway.networking.k8s.io/v1",
      kind: "HTTPRoute",
      metadata: { name: "checkout", namespace: NS },
      spec: { parentRefs: [{ name: "gw" }], rules: [{ backendRefs: [{ name: "checkout", port: 8080, weight: 90 }] }] },
    };
    const res = await http(h.api, "POST", `/apis/gateway.networking.k8s.io/v1/namespaces/${NS}/httproutes`, route);
    expect(res.status).toBe(201);
    expect(res.json.spec.rules[0].backendRefs[0]).toEqual({ name: "checkout", port: 8080, weight: 90, group: "", kind: "Service" });
  });

  it("prunes unknown fields with a warning, refuses them under fieldValidation=Strict", async () => {
    const vs = virtualService("extra");
    vs.spec.colour = "blue";
    const warned = await http(h.api, "POST", VS, vs);
    expect(warned.status).toBe(201);
    expect(warned.json.spec.colour).toBeUndefined();
    expect(warned.headers.get("warning")).toBe('299 - "unknown field \\"spec.colour\\""');

    const strict = await http(h.api, "POST", `${VS}?fieldValidation=Strict`, { ...vs, metadata: { name: "extra2", namespace: NS } });
    expect(strict.status).toBe(400);
    expect(strict.json).toMatchObject({
      reason: "BadRequest",
      message: 'VirtualService in version "v1" cannot be handled as a VirtualService: strict decoding error: unknown field "spec.colour"',
    });
  });

  it("stores a custom resource at the version it was written and serves it at all versions", async () => {
    const alpha = { ...virtualService("old-style"), apiVersion: "networking.istio.io/v1alpha3" };
    expect((await http(h.api, "POST", `/apis/networking.istio.io/v1alpha3/namespaces/${NS}/virtualservices`, alpha)).status).toBe(201);
    expect(h.store.get({ apiVersion: "networking.istio.io/v1alpha3", kind: "VirtualService", namespace: NS, name: "old-style" })).toBeDefined();
    const v1 = await http(h.api, "GET", `${VS}/old-style`);
    expect(v1.json.apiVersion).toBe("networking.istio.io/v1");
    expect((await http(h.api, "POST", VS, virtualService("old-style"))).status).toBe(409);
  });

  it("validates names and required metadata", async () => {
    const bad = await http(h.api, "POST", VS, { ...virtualService(), metadata: { name: "Checkout_V2", namespace: NS } });
    expect(bad.status).toBe(422);
    expect(bad.json.details.causes[0]).toMatchObject({ field: "metadata.name", reason: "FieldValueInvalid" });
    expect(bad.json.message).toContain("a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters");
    const noKind = await http(h.api, "POST", VS, { metadata: { name: "x" }, spec: {} });
    expect(noKind.status).toBe(400);
    const wrongVersion = await http(h.api, "POST", VS, { ...virtualService("x"), apiVersion: "networking.istio.io/v1beta1" });
    expect(wrongVersion.json.message).toBe("the API version in the data (networking.istio.io/v1beta1) does not match the expected API version (networking.istio.io/v1)");
    const noName = await http(h.api, "POST", DEPLOY, { ...deployment(), metadata: { namespace: NS } });
    expect(noName.json.message).toBe('Deployment.apps "" is invalid: metadata.name: Required value: name or generateName is required');
  });

  it("requires a resourceVersion to replace a custom resource", async () => {
    const res = await http(h.api, "PUT", `${VS}/checkout`, virtualService("checkout", [80, 20]));
    expect(res.status).toBe(422);
    expect(res.json.message).toBe('VirtualService.networking.istio.io "checkout" is invalid: metadata.resourceVersion: Invalid value: 0x0: must be specified for an update');
  });

  it("answers 415 to a strategic merge patch of a custom resource", async () => {
    const res = await http(h.api, "PATCH", `${VS}/checkout`, { spec: {} }, strategic);
    expect(res.status).toBe(415);
    expect(res.json.reason).toBe("UnsupportedMediaType");
    expect(res.json.message).toContain("application/merge-patch+json");
  });
});

describe("Istio's validating webhook", () => {
  it("refuses a negative weight; weights are relative (Istio 1.15+), so 100 and 10 or 30 and 30 are fine", async () => {
    const res = await http(h.api, "POST", VS, virtualService("under", [100, -10]));
    expect(res.status).toBe(400);
    expect(res.json.message).toBe('admission webhook "validation.istio.io" denied the request: configuration is invalid: weight -10 < 0');
    expect((await http(h.api, "POST", VS, virtualService("over", [100, 10]))).status).toBe(201);
    const patch = await http(h.api, "PATCH", `${VS}/checkout`, { spec: virtualService("checkout", [30, 30]).spec }, merge);
    expect(patch.status).toBe(200);
  });

  it("accepts a route whose weights are all omitted", async () => {
    const vs = virtualService("even");
    for (const r of vs.spec.http[0].route) delete r.weight;
    expect((await http(h.api, "POST", VS, vs)).status).toBe(201);
  });
});

describe("built-in kinds", () => {
  it("refuses negative replicas with 422 and a string with 400, like the Go decoder", async () => {
    const neg = await http(h.api, "PATCH", `${DEPLOY}/checkout-api`, { spec: { replicas: -1 } }, merge);
    expect(neg.status).toBe(422);
    expect(neg.json.message).toBe('Deployment.apps "checkout-api" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0');
    const str = await http(h.api, "PATCH", `${DEPLOY}/checkout-api`, { spec: { replicas: "3" } }, merge);
    expect(str.status).toBe(400);
    expect(str.json.message).toContain("cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32");
  });

  it("validates a HorizontalPodAutoscaler's bounds and target as ValidateHorizontalPodAutoscalerSpec does, defaulting minReplicas to 1", async () => {
    const HPA = `/apis/autoscaling/v2/namespaces/${NS}/horizontalpodautoscalers`;
    const target = { apiVersion: "apps/v1", kind: "Deployment", name: "checkout-api" };
    const bad = await http(h.api, "POST", HPA, { metadata: { name: "bad" }, spec: { scaleTargetRef: target, minReplicas: 5, maxReplicas: 2 } });
    expect(bad.status).toBe(422);
    expect(bad.json.message).toBe('HorizontalPodAutoscaler.autoscaling "bad" is invalid: spec.maxReplicas: Invalid value: 2: must be greater than or equal to `minReplicas`');
    const zero = await http(h.api, "POST", HPA, { metadata: { name: "zero" }, spec: { scaleTargetRef: { kind: "Deployment" }, minReplicas: 0, maxReplicas: 3 } });
    expect(zero.json.details.causes.map((c: { field: string }) => c.field)).toEqual(["spec.minReplicas", "spec.scaleTargetRef.name"]);
    const str = await http(h.api, "POST", HPA, { metadata: { name: "str" }, spec: { scaleTargetRef: target, maxReplicas: "3" } });
    expect(str.status).toBe(400);
    expect(str.json.message).toContain("cannot unmarshal string into Go struct field HorizontalPodAutoscalerSpec.spec.maxReplicas of type int32");
    const created = await http(h.api, "POST", HPA, { metadata: { name: "checkout-api" }, spec: { scaleTargetRef: target, maxReplicas: 3 } });
    expect(created.status).toBe(201);
    expect(created.json.spec.minReplicas).toBe(1);
    await http(h.api, "DELETE", `${HPA}/checkout-api`);
  });

  it("merges containers by name in a strategic merge patch", async () => {
    const res = await http(h.api, "PATCH", `${DEPLOY}/checkout-api`, { spec: { template: { spec: { containers: [{ name: "app", image: "registry.example.com/checkout:2.4.0" }] } } } }, strategic);
    expect(res.status).toBe(200);
    const containers = res.json.spec.template.spec.containers;
    expect(containers.map((c: { name: string; image: string }) => [c.name, c.image])).toEqual([
      ["app", "registry.example.com/checkout:2.4.0"],
      ["envoy", "istio/proxyv2:1.24.0"],
    ]);
    expect(containers[0].ports).toEqual([{ containerPort: 8080, protocol: "TCP" }]);
    // a merge patch replaces the list instead
    const replaced = await http(h.api, "PATCH", `${DEPLOY}/checkout-api`, { spec: { template: { spec: { containers: [{ name: "app", image: "x:1" }] } } } }, merge);
    expect(replaced.json.spec.template.spec.containers.map((c: { name: string }) => c.name)).toEqual(["app"]);
  });

  it("deletes a list element with $patch: delete", async () => {
    const res = await http(h.api, "PATCH", `${DEPLOY}/checkout-api`, { spec: { template: { spec: { containers: [{ name: "envoy", $patch: "delete" }] } } } }, strategic);
    expect(res.json.spec.template.spec.containers.map((c: { name: string }) => c.name)).toEqual(["app"]);
  });

  it("applies JSON patches, with test as a precondition", async () => {
    const ok = await http(h.api, "PATCH", `${DEPLOY}/checkout-api`, [{ op: "test", path: "/spec/replicas", value: 3 }, { op: "replace", path: "/spec/replicas", value: 4 }], jsonPatch);
    expect(ok.json.spec.replicas).toBe(4);
    const failed = await http(h.api, "PATCH", `${DEPLOY}/checkout-api`, [{ op: "test", path: "/spec/replicas", value: 3 }, { op: "replace", path: "/spec/replicas", value: 5 }], jsonPatch);
    expect(failed.status).toBe(422);
    expect(failed.json.details.causes[0].message).toBe("testing value /spec/replicas failed: test failed");
    const missing = await http(h.api, "PATCH", `${DEPLOY}/checkout-api`, [{ op: "replace", path: "/spec/paused/x", value: true }], jsonPatch);
    expect(missing.status).toBe(422);
  });

  it("keeps the selector immutable and checks it matches the template", async () => {
    const res = await http(h.api, "PATCH", `${DEPLOY}/checkout-api`, { spec: { selector: { matchLabels: { app: "other" } } } }, merge);
    expect(res.status).toBe(422);
    expect(res.json.details.causes.map((c: { field: string }) => c.field)).toEqual(["spec.template.metadata.labels", "spec.selector"]);
  });

  it("defaults what the API server defaults", async () => {
    const created = await http(h.api, "POST", DEPLOY, { ...deployment("web"), spec: { ...deployment("web").spec, replicas: undefined } });
    expect(created.json.spec).toMatchObject({ replicas: 1, revisionHistoryLimit: 10, progressDeadlineSeconds: 600, strategy: { type: "RollingUpdate" } });
    const svc = await http(h.api, "POST", `/api/v1/namespaces/${NS}/services`, { metadata: { name: "web" }, spec: { selector: { app: "web" }, ports: [{ port: 80 }] } });
    expect(svc.json.spec).toMatchObject({ type: "ClusterIP", ports: [{ port: 80, protocol: "TCP", targetPort: 80 }] });
    expect(svc.json.spec.clusterIP).toMatch(/^10\.96\./);
  });

  it("scales through the scale subresource", async () => {
    const scale = await http(h.api, "GET", `${DEPLOY}/checkout-api/scale`);
    expect(scale.json).toMatchObject({ kind: "Scale", apiVersion: "autoscaling/v1", spec: { replicas: 3 }, status: { selector: "app=checkout-api" } });
    const patched = await http(h.api, "PATCH", `${DEPLOY}/checkout-api/scale`, { spec: { replicas: 0 } }, merge);
    expect(patched.json.spec.replicas).toBe(0);
    expect(h.store.get({ apiVersion: "apps/v1", kind: "Deployment", namespace: NS, name: "checkout-api" })!.spec.replicas).toBe(0);
    expect((await http(h.api, "PATCH", `${DEPLOY}/checkout-api/scale`, { spec: { replicas: -2 } }, merge)).status).toBe(422);
  });

  it("writes status only through the status subresource", async () => {
    const main = await http(h.api, "PATCH", `${DEPLOY}/checkout-api`, { status: { replicas: 7 }, spec: { paused: true } }, merge);
    expect(main.json.status).toBeUndefined();
    expect(main.json.spec.paused).toBe(true);
    const status = await http(h.api, "PATCH", `${DEPLOY}/checkout-api/status`, { status: { replicas: 7 }, spec: { paused: false } }, merge);
    expect(status.json.status.replicas).toBe(7);
    expect(status.json.spec.paused).toBe(true);
  });

  it("prints Tables for kubectl", async () => {
    const res = await http(h.api, "GET", VS, undefined, { Accept: "application/json;as=Table;v=v1;g=meta.k8s.io,application/json" });
    expect(res.json.kind).toBe("Table");
    expect(res.json.columnDefinitions.map((c: { name: string }) => c.name)).toEqual(["Name", "Gateways", "Hosts", "Age"]);
    expect(res.json.rows[0].cells.slice(0, 3)).toEqual(["checkout", null, '["checkout.prod.svc.cluster.local"]']);
  });
});
