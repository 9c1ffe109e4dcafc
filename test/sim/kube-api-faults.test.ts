import { PatchStrategy } from "@kubernetes/client-node";
import { afterEach, describe, expect, it } from "vitest";
import { asClient, type Harness, http, NS, rejection, startHarness, virtualService } from "./kube-api-fixtures.ts";

let h: Harness;
afterEach(() => h.api.close());

const VS_PATH = `/apis/networking.istio.io/v1/namespaces/${NS}/virtualservices/checkout`;
const DEPLOY_PATH = `/apis/apps/v1/namespaces/${NS}/deployments/checkout-api`;

describe("fault injection", () => {
  it("answers 429 with a Status body and Retry-After, then serves normally", async () => {
    h = await startHarness();
    h.api.faults.inject({ method: "GET", path: VS_PATH, kind: "status", status: 429, retryAfterSeconds: 2 });
    const throttled = await http(h.api, "GET", VS_PATH);
    expect(throttled.status).toBe(429);
    expect(throttled.headers.get("retry-after")).toBe("2");
    expect(throttled.json).toMatchObject({ kind: "Status", status: "Failure", reason: "TooManyRequests", details: { retryAfterSeconds: 2 }, code: 429 });
    expect((await http(h.api, "GET", VS_PATH)).status).toBe(200);
  });

  it("fails the next `times` matching requests with 500, leaving others alone", async () => {
    h = await startHarness();
    h.api.faults.inject({ method: "PATCH", path: /virtualservices\/checkout/, kind: "status", status: 500, times: 2 });
    expect((await http(h.api, "GET", VS_PATH)).status).toBe(200);
    const patch = () => http(h.api, "PATCH", VS_PATH, { metadata: { labels: { a: "b" } } }, { "Content-Type": "application/merge-patch+json" });
    expect((await patch()).json).toMatchObject({ reason: "InternalError", code: 500 });
    expect((await patch()).status).toBe(500);
    expect((await patch()).status).toBe(200);
  });

  it("words an injected 409 like a real write conflict, which client-node surfaces as code 409", async () => {
    h = await startHarness();
    h.api.faults.inject({ path: VS_PATH, kind: "status", status: 409 });
    const { code, status } = await rejection(h.objects.patch(asClient(virtualService("checkout", [80, 20])), undefined, undefined, "firebreak", undefined, PatchStrategy.MergePatch));
    expect(code).toBe(409);
    expect(status.message).toBe(
      'Operation cannot be fulfilled on virtualservices.networking.istio.io "checkout": the object has been modified; please apply your changes to the latest version and try again',
    );
  });

  it("drops the connection", async () => {
    h = await startHarness();
    h.api.faults.inject({ path: DEPLOY_PATH, kind: "drop" });
    await expect(fetch(`${h.api.url}${DEPLOY_PATH}`)).rejects.toThrow(/fetch failed/);
    expect(h.api.requests.at(-1)).toEqual({ method: "GET", path: DEPLOY_PATH, status: 0 });
    expect((await http(h.api, "GET", DEPLOY_PATH)).status).toBe(200);
  });

  it("holds a request, then answers 504", async () => {
    h = await startHarness();
    h.api.faults.inject({ path: DEPLOY_PATH, kind: "timeout", ms: 150 });
    const started = Date.now();
    const res = await http(h.api, "GET", DEPLOY_PATH);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    expect(res.status).toBe(504);
    expect(res.json).toMatchObject({ reason: "Timeout", code: 504 });
  });

  it("close() ends held requests and open connections", async () => {
    h = await startHarness();
    h.api.faults.inject({ kind: "timeout", ms: 60_000 });
    const pending = fetch(`${h.api.url}${DEPLOY_PATH}`).then(
      () => "answered",
      () => "closed",
    );
    await new Promise((r) => setTimeout(r, 50));
    await h.api.close();
    expect(await pending).toBe("closed");
  });

  it("clear() forgets pending faults", async () => {
    h = await startHarness();
    h.api.faults.inject({ kind: "status", status: 503, times: 5 });
    h.api.faults.clear();
    expect((await http(h.api, "GET", DEPLOY_PATH)).status).toBe(200);
  });
});

describe("authentication and authorization", () => {
  it("requires the bearer token when one is set, and the kubeconfig carries it", async () => {
    h = await startHarness({ token: "s3cret" });
    const anonymous = await http(h.api, "GET", DEPLOY_PATH);
    expect(anonymous.status).toBe(401);
    expect(anonymous.json).toMatchObject({ kind: "Status", reason: "Unauthorized", code: 401 });
    expect(h.api.kubeconfig()).toContain("token: s3cret");
    expect((await h.objects.read({ apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "checkout-api", namespace: NS } })).metadata!.name).toBe("checkout-api");
  });

  it("refuses what the RBAC rules do not allow with the API server's 403 message", async () => {
    h = await startHarness({
      rbac: {
        user: "system:serviceaccount:ci:firebreak",
        rules: [
          { apiGroups: ["apps"], resources: ["deployments"], verbs: ["get", "list"], namespaces: [NS] },
          { apiGroups: ["networking.istio.io"], resources: ["virtualservices"], verbs: ["*"] },
        ],
      },
    });
    expect((await http(h.api, "GET", DEPLOY_PATH)).status).toBe(200);
    const denied = await http(h.api, "PATCH", DEPLOY_PATH, { spec: { replicas: 1 } }, { "Content-Type": "application/merge-patch+json" });
    expect(denied.status).toBe(403);
    expect(denied.json).toMatchObject({
      kind: "Status",
      reason: "Forbidden",
      message: 'deployments.apps "checkout-api" is forbidden: User "system:serviceaccount:ci:firebreak" cannot patch resource "deployments" in API group "apps" in the namespace "prod"',
      details: { name: "checkout-api", group: "apps", kind: "deployments" },
      code: 403,
    });
    const scale = await http(h.api, "GET", `${DEPLOY_PATH}/scale`);
    expect(scale.json.message).toContain('cannot get resource "deployments/scale" in API group "apps"');
    const pods = await http(h.api, "GET", "/api/v1/pods");
    expect(pods.json.message).toBe('pods is forbidden: User "system:serviceaccount:ci:firebreak" cannot list resource "pods" in API group "" at the cluster scope');
    expect((await http(h.api, "GET", "/apis")).status).toBe(200);
    expect((await http(h.api, "GET", VS_PATH)).status).toBe(200);
  });

  it("authorizes an apply that creates the object as a create too: patch alone updates, it does not create", async () => {
    h = await startHarness({ rbac: { user: "system:serviceaccount:ci:firebreak", rules: [{ apiGroups: [""], resources: ["configmaps"], verbs: ["get", "patch"], namespaces: [NS] }] } });
    const apply = { "Content-Type": "application/apply-patch+yaml" };
    const flags = (data: Record<string, string>) => ({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "flags", namespace: NS }, data });
    const path = `/api/v1/namespaces/${NS}/configmaps/flags?fieldManager=firebreak`;
    for (const dryRun of ["&dryRun=All", ""]) {
      const denied = await http(h.api, "PATCH", path + dryRun, flags({ a: "1" }), apply);
      expect(denied.status).toBe(403);
      expect(denied.json.message).toContain('cannot create resource "configmaps" in API group "" in the namespace "prod"');
    }
    h.store.create(flags({ a: "0" }));
    expect((await http(h.api, "PATCH", `${path}&force=true`, flags({ a: "1" }), apply)).status).toBe(200);
  });
});

describe("the request log and limits", () => {
  it("records every request with its status", async () => {
    h = await startHarness();
    await http(h.api, "GET", `${VS_PATH}?pretty=true`);
    await http(h.api, "GET", `${VS_PATH}-missing`);
    expect(h.api.requests.slice(-2)).toEqual([
      { method: "GET", path: `${VS_PATH}?pretty=true`, status: 200 },
      { method: "GET", path: `${VS_PATH}-missing`, status: 404 },
    ]);
  });

  it("refuses bodies over the API server's 3 MiB limit", async () => {
    h = await startHarness();
    const big = { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "big", namespace: NS }, data: { x: "y".repeat(3 * 1024 * 1024) } };
    const res = await http(h.api, "POST", `/api/v1/namespaces/${NS}/configmaps`, big);
    expect(res.status).toBe(413);
  });

  it("serves many parallel writes without losing one", async () => {
    h = await startHarness();
    const results = await Promise.all(
      Array.from({ length: 100 }, (_, i) =>
        http(h.api, "POST", `/api/v1/namespaces/${NS}/configmaps`, { apiVersion: "v1", kind: "ConfigMap", metadata: { name: `cm-${i}` }, data: { i: String(i) } }),
      ),
    );
    expect(results.every((r) => r.status === 201)).toBe(true);
    expect(h.store.list("v1", "ConfigMap", NS)).toHaveLength(100);
    // concurrent guarded patches of one object: exactly one wins per resourceVersion
    const rv = h.store.get({ apiVersion: "apps/v1", kind: "Deployment", namespace: NS, name: "checkout-api" })!.metadata.resourceVersion;
    const patches = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        http(h.api, "PATCH", DEPLOY_PATH, { metadata: { resourceVersion: rv }, spec: { replicas: i } }, { "Content-Type": "application/merge-patch+json" }),
      ),
    );
    expect(patches.filter((p) => p.status === 200)).toHaveLength(1);
    expect(patches.filter((p) => p.status === 409)).toHaveLength(19);
  });
});
