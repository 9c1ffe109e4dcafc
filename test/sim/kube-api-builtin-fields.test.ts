import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
// @ts-expect-error -- a plain .mjs script without types
import { deriveBuiltInSchemas, renderBuiltInSchemas, SCHEMAS } from "../../scripts/builtin-schemas.mjs";
import { modelOf } from "../../sdk/sim/kube-api/builtin-schema.ts";
import { loadResourceTable } from "../../sdk/sim/kube-api/resources.ts";
import { type Harness, http, NS, startHarness } from "./kube-api-fixtures.ts";

/**
 * Built-in kinds decoded as kube-apiserver decodes them into their Go structs (api-concepts,
 * "Field validation"): an unknown field is dropped with a Warning (Warn, the default), refused
 * with 400 (Strict) or dropped silently (Ignore); a JSON type the struct cannot take is a 400 in
 * every mode, worded as encoding/json words it.
 */

let h: Harness;
beforeAll(async () => {
  h = await startHarness();
  expect((await http(h.api, "POST", HPA, autoscaler)).status).toBe(201);
  expect((await http(h.api, "POST", INGRESS, ingress)).status).toBe(201);
});
afterAll(() => h.api.close());

const DEPLOY = `/apis/apps/v1/namespaces/${NS}/deployments/checkout-api`;
const HPA = `/apis/autoscaling/v2/namespaces/${NS}/horizontalpodautoscalers`;
const INGRESS = `/apis/networking.k8s.io/v1/namespaces/${NS}/ingresses`;
const merge = { "Content-Type": "application/merge-patch+json" };

const autoscaler = {
  metadata: { name: "checkout-api" },
  spec: { scaleTargetRef: { apiVersion: "apps/v1", kind: "Deployment", name: "checkout-api" }, minReplicas: 2, maxReplicas: 10 },
};
const ingress = {
  metadata: { name: "shop" },
  spec: { rules: [{ host: "shop.example.com", http: { paths: [{ path: "/", pathType: "Prefix", backend: { service: { name: "checkout-api", port: { number: 80 } } } }] } }] },
};

const stored = (apiVersion: string, kind: string, name: string) => h.store.get({ apiVersion, kind, namespace: NS, name })!;
const warnings = (res: { headers: Headers }) => res.headers.get("warning");
const typos = { spec: { replica: 5, template: { spec: { containers: [{ name: "app", image: "registry.example.com/checkout:2.4.2", imagee: "typo" }] } } } };

describe("unknown fields of a built-in kind", () => {
  it("are dropped with a Warning per field by default", async () => {
    const res = await http(h.api, "PATCH", DEPLOY, typos, merge);
    expect(res.status).toBe(200);
    expect(warnings(res)?.split(", ").sort()).toEqual(['299 - "unknown field \\"spec.replica\\""', '299 - "unknown field \\"spec.template.spec.containers[0].imagee\\""']);
    const spec = stored("apps/v1", "Deployment", "checkout-api").spec;
    expect(spec.replica).toBeUndefined();
    expect(spec.template.spec.containers[0]).not.toHaveProperty("imagee");
    expect(spec.template.spec.containers[0].image).toBe("registry.example.com/checkout:2.4.2");
  });

  it("are refused with 400 under fieldValidation=Strict, naming each, and nothing is written", async () => {
    const before = stored("apps/v1", "Deployment", "checkout-api").metadata.resourceVersion;
    const res = await http(h.api, "PATCH", `${DEPLOY}?fieldValidation=Strict`, typos, merge);
    expect(res.status).toBe(400);
    expect(res.json).toMatchObject({ kind: "Status", reason: "BadRequest", code: 400 });
    expect(res.json.message).toMatch(/^Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: unknown field "spec\.(replica|template)/);
    expect(res.json.message).toContain('unknown field "spec.replica"');
    expect(res.json.message).toContain('unknown field "spec.template.spec.containers[0].imagee"');
    expect(stored("apps/v1", "Deployment", "checkout-api").metadata.resourceVersion).toBe(before);
  });

  it("are dropped silently under fieldValidation=Ignore", async () => {
    const res = await http(h.api, "PATCH", `${DEPLOY}?fieldValidation=Ignore`, { spec: { replica: 5, paused: true } }, merge);
    expect(res.status).toBe(200);
    expect(warnings(res)).toBeNull();
    expect(res.json.spec).toMatchObject({ paused: true });
    expect(res.json.spec.replica).toBeUndefined();
    await http(h.api, "PATCH", DEPLOY, { spec: { paused: null } }, merge);
  });

  it("of a HorizontalPodAutoscaler: minReplica is not minReplicas", async () => {
    const warned = await http(h.api, "PATCH", `${HPA}/checkout-api`, { spec: { minReplica: 9 } }, merge);
    expect(warned.status).toBe(200);
    expect(warnings(warned)).toBe('299 - "unknown field \\"spec.minReplica\\""');
    expect(stored("autoscaling/v2", "HorizontalPodAutoscaler", "checkout-api").spec).toMatchObject({ minReplicas: 2 });
    expect(stored("autoscaling/v2", "HorizontalPodAutoscaler", "checkout-api").spec.minReplica).toBeUndefined();
    const strict = await http(h.api, "PATCH", `${HPA}/checkout-api?fieldValidation=Strict`, { spec: { minReplica: 9 } }, merge);
    expect(strict.status).toBe(400);
    expect(strict.json.message).toBe('HorizontalPodAutoscaler in version "v2" cannot be handled as a HorizontalPodAutoscaler: strict decoding error: unknown field "spec.minReplica"');
  });

  it("of an Ingress, deep in its rules, on create", async () => {
    const typo = structuredClone(ingress);
    typo.metadata.name = "typo";
    (typo.spec.rules[0]!.http.paths[0]!.backend.service.port as Record<string, unknown>).numbr = 8080;
    const strict = await http(h.api, "POST", `${INGRESS}?fieldValidation=Strict`, typo);
    expect(strict.status).toBe(400);
    expect(strict.json.message).toBe('Ingress in version "v1" cannot be handled as a Ingress: strict decoding error: unknown field "spec.rules[0].http.paths[0].backend.service.port.numbr"');
    expect((await http(h.api, "GET", `${INGRESS}/typo`)).status).toBe(404);
    const warned = await http(h.api, "POST", INGRESS, typo);
    expect(warned.status).toBe(201);
    expect(warnings(warned)).toBe('299 - "unknown field \\"spec.rules[0].http.paths[0].backend.service.port.numbr\\""');
    expect(warned.json.spec.rules[0].http.paths[0].backend.service.port).toEqual({ number: 80 });
  });
});

describe("a JSON type the Go struct cannot take is a 400 in every field validation mode", () => {
  const refused = async (path: string, patch: object) => {
    const statuses: number[] = [];
    let message = "";
    for (const mode of ["", "?fieldValidation=Ignore", "?fieldValidation=Warn", "?fieldValidation=Strict"]) {
      const res = await http(h.api, "PATCH", `${path}${mode}`, patch, merge);
      statuses.push(res.status);
      message = res.json.message;
    }
    expect(statuses).toEqual([400, 400, 400, 400]);
    return message;
  };

  it("a string for an int32, a bool or a number with a fraction (Deployment)", async () => {
    const before = stored("apps/v1", "Deployment", "checkout-api").metadata.resourceVersion;
    expect(await refused(DEPLOY, { spec: { progressDeadlineSeconds: "600" } })).toBe(
      'Deployment in version "v1" cannot be handled as a Deployment: json: cannot unmarshal string into Go struct field DeploymentSpec.spec.progressDeadlineSeconds of type int32',
    );
    expect(await refused(DEPLOY, { spec: { replica: 5, paused: "yes", template: { spec: { containers: [{ name: "app", image: "x", imagee: "typo" }] } } } })).toBe(
      'Deployment in version "v1" cannot be handled as a Deployment: json: cannot unmarshal string into Go struct field DeploymentSpec.spec.paused of type bool',
    );
    expect(await refused(DEPLOY, { spec: { template: { spec: { containers: [{ name: "app", image: "x", ports: [{ containerPort: "8080" }] }] } } } })).toBe(
      'Deployment in version "v1" cannot be handled as a Deployment: json: cannot unmarshal string into Go struct field ContainerPort.spec.template.spec.containers.ports.containerPort of type int32',
    );
    expect(await refused(DEPLOY, { spec: { replicas: 2.5 } })).toBe(
      'Deployment in version "v1" cannot be handled as a Deployment: json: cannot unmarshal number 2.5 into Go struct field DeploymentSpec.spec.replicas of type int32',
    );
    expect(await refused(DEPLOY, { spec: { template: { spec: { containers: { name: "app" } } } } })).toBe(
      'Deployment in version "v1" cannot be handled as a Deployment: json: cannot unmarshal object into Go struct field PodSpec.spec.template.spec.containers of type []v1.Container',
    );
    expect(stored("apps/v1", "Deployment", "checkout-api").metadata.resourceVersion).toBe(before);
  });

  it("an int32 out of range, a string metric target (HorizontalPodAutoscaler)", async () => {
    expect(await refused(`${HPA}/checkout-api`, { spec: { maxReplicas: 2 ** 31 } })).toBe(
      'HorizontalPodAutoscaler in version "v2" cannot be handled as a HorizontalPodAutoscaler: json: cannot unmarshal number 2147483648 into Go struct field HorizontalPodAutoscalerSpec.spec.maxReplicas of type int32',
    );
    const metric = (target: object) => ({ spec: { metrics: [{ type: "Resource", resource: { name: "cpu", target } }] } });
    expect(await refused(`${HPA}/checkout-api`, metric({ type: "Utilization", averageUtilization: "70" }))).toBe(
      'HorizontalPodAutoscaler in version "v2" cannot be handled as a HorizontalPodAutoscaler: json: cannot unmarshal string into Go struct field MetricTarget.spec.metrics.resource.target.averageUtilization of type int32',
    );
    // a Quantity takes a number as well as a string
    const res = await http(h.api, "PATCH", `${HPA}/checkout-api?fieldValidation=Strict`, metric({ type: "AverageValue", averageValue: 2 }), merge);
    expect(res.status).toBe(200);
    expect(await refused(`${HPA}/checkout-api`, metric({ type: "AverageValue", averageValue: "two" }))).toBe(
      "HorizontalPodAutoscaler in version \"v2\" cannot be handled as a HorizontalPodAutoscaler: quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'",
    );
  });

  it("a string port number, a bool for an int-or-string; a number for a Quantity is fine (Ingress, Deployment)", async () => {
    const port = (p: object) => ({ spec: { rules: [{ host: "shop.example.com", http: { paths: [{ path: "/", pathType: "Prefix", backend: { service: { name: "checkout-api", port: p } } }] } }] } });
    expect(await refused(`${INGRESS}/shop`, port({ number: "80" }))).toBe(
      'Ingress in version "v1" cannot be handled as a Ingress: json: cannot unmarshal string into Go struct field ServiceBackendPort.spec.rules.http.paths.backend.service.port.number of type int32',
    );
    expect(await refused(`${INGRESS}/shop`, { spec: { rules: "shop.example.com" } })).toBe(
      'Ingress in version "v1" cannot be handled as a Ingress: json: cannot unmarshal string into Go struct field IngressSpec.spec.rules of type []v1.IngressRule',
    );
    // intstr.IntOrString's own decoder: no struct field in its message
    expect(await refused(DEPLOY, { spec: { strategy: { rollingUpdate: { maxSurge: true } } } })).toBe(
      'Deployment in version "v1" cannot be handled as a Deployment: json: cannot unmarshal bool into Go value of type int32',
    );
    expect((await http(h.api, "PATCH", `${DEPLOY}?fieldValidation=Strict`, { spec: { strategy: { rollingUpdate: { maxSurge: 2, maxUnavailable: "10%" } } } }, merge)).status).toBe(200);
    const resources = { spec: { template: { spec: { containers: [{ name: "app", image: "x:1", resources: { limits: { cpu: 1, memory: "512Mi" } } }] } } } };
    expect((await http(h.api, "PATCH", `${DEPLOY}?fieldValidation=Strict`, resources, merge)).status).toBe(200);
  });

  it("a Secret's data that is not base64, an Event's timestamp that is not RFC 3339", async () => {
    const secret = await http(h.api, "POST", `/api/v1/namespaces/${NS}/secrets`, { metadata: { name: "db" }, data: { password: "aHVudGVyMg==", user: "admin" } });
    expect(secret.status).toBe(400);
    expect(secret.json.message).toBe('Secret in version "v1" cannot be handled as a Secret: illegal base64 data at input byte 4');
    const event = { metadata: { name: "checkout-api.1" }, involvedObject: { kind: "Deployment", name: "checkout-api" }, reason: "Rollback" };
    const bad = await http(h.api, "POST", `/api/v1/namespaces/${NS}/events`, { ...event, firstTimestamp: "2026-02-30T10:00:00Z" });
    expect(bad.status).toBe(400);
    expect(bad.json.message).toBe('Event in version "v1" cannot be handled as a Event: parsing time "2026-02-30T10:00:00Z": day out of range');
    const spaced = await http(h.api, "POST", `/api/v1/namespaces/${NS}/events`, { ...event, firstTimestamp: "2026-02-03 10:00:00Z" });
    expect(spaced.json.message).toBe('Event in version "v1" cannot be handled as a Event: parsing time "2026-02-03 10:00:00Z" as "2006-01-02T15:04:05Z07:00": cannot parse " 10:00:00Z" as "T"');
    const ok = await http(h.api, "POST", `/api/v1/namespaces/${NS}/events?fieldValidation=Strict`, { ...event, firstTimestamp: "2026-02-03T10:00:00.5+01:00" });
    expect(ok.status).toBe(201);
  });
});

describe("the built-in kinds' schemas", () => {
  it("are client-node's models (run `node scripts/builtin-schemas.mjs` when this fails)", async () => {
    expect(readFileSync(SCHEMAS, "utf8")).toBe(renderBuiltInSchemas(await deriveBuiltInSchemas()));
  });

  it("cover every built-in kind the server serves", async () => {
    const table = await loadResourceTable(new URL("../../sdk/sim/crds", import.meta.url).pathname);
    const missing = table.all.filter((t) => !t.crd).flatMap((t) => t.versions.filter((v) => !modelOf(t, v)).map((v) => `${t.kind} ${v}`));
    expect(missing).toEqual([]);
  });
});
