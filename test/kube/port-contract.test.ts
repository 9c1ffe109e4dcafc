import { copyFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { ForbiddenError, KubeApiError, MissingCrdError } from "../../sdk/errors.ts";
import { KubeConflict, type KubeObject, type KubePort } from "../../sdk/ports/kube.ts";
import { startKubeApiServer, type KubeApiServer, type KubeApiServerOptions } from "../../sdk/sim/kube-api/index.ts";
import { http, seededStore } from "../sim/kube-api-fixtures.ts";
import { PORTS, tempDir } from "./helpers.ts";

/**
 * The KubePort contract, run against both ports on the strict loopback API server: what a plan
 * sees (objects, errors, retries, deadlines) must not depend on which port the factory picked.
 */

const DEPLOY = { apiVersion: "apps/v1", kind: "Deployment", namespace: "prod", name: "checkout-api" };
const DEPLOY_PATH = "/apis/apps/v1/namespaces/prod/deployments/checkout-api";
const VS = { apiVersion: "networking.istio.io/v1", kind: "VirtualService", namespace: "prod", name: "checkout" };
const TOKEN = "contract-token-7f3a";

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

const configMap = (data: Record<string, string>): KubeObject => ({ apiVersion: "v1", kind: "ConfigMap", metadata: { name: "checkout-flags", namespace: "prod" }, data });
const CM = { apiVersion: "v1", kind: "ConfigMap", namespace: "prod", name: "checkout-flags" };

/** A pod the pod proxy can reach; the proxy answers with the path it was asked for. */
function withPod(options: Partial<KubeApiServerOptions> = {}): Partial<KubeApiServerOptions> {
  const store = seededStore();
  store.create({ apiVersion: "v1", kind: "Pod", metadata: { name: "checkout-api-0", namespace: "prod", labels: { app: "checkout-api" } }, spec: { containers: [{ name: "app", image: "checkout:1" }] } });
  return { ...options, store, podProxy: (req) => (req.port === 8080 ? { status: req.path.startsWith("/healthz") ? 200 : 404, body: `pod says ${req.path}` } : undefined) };
}

describe.each(PORTS)("KubePort contract: $name", ({ make }) => {
  async function start(options: Partial<KubeApiServerOptions> = {}, portOptions: { requestTimeoutMs?: number } = {}): Promise<{ api: KubeApiServer; kube: KubePort }> {
    const api = await startKubeApiServer({ store: seededStore(), ...options });
    cleanups.push(() => api.close());
    return { api, kube: await make(api.kubeconfig(), portOptions) };
  }
  const attempts = (api: KubeApiServer, method: string, path: string) => api.requests.filter((r) => r.method === method && r.path.split("?")[0] === path);

  it("get returns the object, and undefined for one that does not exist", async () => {
    const { kube } = await start();
    const d = await kube.get(DEPLOY);
    expect(d).toMatchObject({ apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "checkout-api", namespace: "prod" }, spec: { replicas: 3 } });
    expect(await kube.get({ ...DEPLOY, name: "nope" })).toBeUndefined();
    expect(await kube.get({ ...VS, name: "nope" })).toBeUndefined();
  });

  it("list filters by label selector and gives each item its apiVersion and kind", async () => {
    const { api, kube } = await start();
    await http(api, "POST", "/apis/apps/v1/namespaces/prod/deployments", { ...(await kube.get(DEPLOY)), metadata: { name: "other", namespace: "prod", labels: { app: "other" } } });
    const all = await kube.list({ apiVersion: "apps/v1", kind: "Deployment", namespace: "prod" });
    expect(all.map((d) => d.metadata.name).sort()).toEqual(["checkout-api", "other"]);
    const some = await kube.list({ apiVersion: "apps/v1", kind: "Deployment", namespace: "prod", labelSelector: "app in (other)" });
    expect(some.map((d) => [d.apiVersion, d.kind, d.metadata.name])).toEqual([["apps/v1", "Deployment", "other"]]);
    expect(await kube.list({ apiVersion: "apps/v1", kind: "Deployment", namespace: "prod", labelSelector: "app=none" })).toEqual([]);
  });

  it("gets asked for at once, 8 or more of a kind in one namespace, go on the wire as one list; a refused list as a get each", async () => {
    const { api, kube } = await start();
    const names = Array.from({ length: 10 }, (_, i) => `pool-${i}`);
    const template = (await kube.get(DEPLOY))!;
    for (const name of names.slice(0, 9)) await http(api, "POST", "/apis/apps/v1/namespaces/prod/deployments", { ...template, metadata: { name, namespace: "prod", labels: { app: name } } });
    const read = async () => (await Promise.all(names.map((name) => kube.get({ ...DEPLOY, name })))).map((d) => d && [d.apiVersion, d.kind, d.metadata.name, d.spec.replicas]);
    const expected = [...names.slice(0, 9).map((name) => ["apps/v1", "Deployment", name, 3]), undefined];
    let seen = api.requests.length;
    expect(await read()).toEqual(expected);
    // one list, and a get for the one it lacks (discovery aside: a port may ask whether a 404 is the group's)
    const objectRequests = () => api.requests.slice(seen).filter((r) => r.path.includes("/namespaces/"));
    expect(objectRequests().map((r) => `${r.method} ${r.path.split("?")[0]} ${r.status}`)).toEqual([
      "GET /apis/apps/v1/namespaces/prod/deployments 200",
      "GET /apis/apps/v1/namespaces/prod/deployments/pool-9 404",
    ]);
    api.faults.inject({ method: "GET", path: "/apis/apps/v1/namespaces/prod/deployments", kind: "status", status: 403 });
    seen = api.requests.length;
    expect(await read()).toEqual(expected);
    expect(objectRequests().map((r) => r.path.split("?")[0])).toEqual(["/apis/apps/v1/namespaces/prod/deployments", ...names.map((n) => `/apis/apps/v1/namespaces/prod/deployments/${n}`)]);
  });

  it("a merge patch lands; with a stale resourceVersion it is a KubeConflict and changes nothing", async () => {
    const { kube } = await start();
    const before = (await kube.get(VS))!;
    const patched = await kube.patch(VS, { spec: { http: [{ route: [{ destination: { host: "checkout", subset: "stable" }, weight: 100 }] }] } }, { resourceVersion: before.metadata.resourceVersion! });
    expect(patched.spec.http[0].route).toEqual([{ destination: { host: "checkout", subset: "stable" }, weight: 100 }]);
    const err = await kube.patch(VS, { spec: { hosts: ["x"] } }, { resourceVersion: before.metadata.resourceVersion! }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(KubeConflict);
    expect((err as Error).message).toMatch(/the object has been modified/);
    expect((await kube.get(VS))!.spec.hosts).toEqual(["checkout.prod.svc.cluster.local"]);
  });

  it("a 403 is a missing permission only when the authorizer says so; one from admission (a policy webhook) says what refused it", async () => {
    const { api, kube } = await start();
    api.faults.inject({ method: "PATCH", path: DEPLOY_PATH, kind: "status", status: 403 });
    const rbac = await kube.patch(DEPLOY, { spec: { replicas: 4 } }).catch((e: unknown) => e);
    expect(rbac).toBeInstanceOf(ForbiddenError);
    expect((rbac as Error).message).toContain("Forbidden: the service account may not patch deployments.apps in namespace prod. Grant it");

    const denial = 'admission webhook "validation.gatekeeper.sh" denied the request: [must-have-owner] you must provide labels: {"owner"}';
    api.faults.inject({ method: "PATCH", path: DEPLOY_PATH, kind: "status", status: 403, message: denial });
    const policy = await kube.patch(DEPLOY, { spec: { replicas: 4 } }).catch((e: unknown) => e);
    expect(policy).not.toBeInstanceOf(ForbiddenError);
    expect(policy).toBeInstanceOf(KubeApiError);
    expect((policy as Error).message).toContain(`${denial}. The service account may patch it; admission refused this request: fix what the message names, or ask the owners of that policy or quota.`);
    expect((policy as Error).message).not.toContain("Grant it");
  });

  it("a patch the server rejects says why, in the server's words (422, not retried)", async () => {
    const { api, kube } = await start();
    await expect(kube.patch(DEPLOY, { spec: { replicas: -1 } })).rejects.toThrow(/answered 422 for Deployment prod\/checkout-api: .*spec.replicas/);
    expect(attempts(api, "PATCH", DEPLOY_PATH)).toHaveLength(1);
  });

  it("apply creates, updates as field manager firebreak, dry-runs without persisting, and conflicts until forced", async () => {
    const { api, kube } = await start();
    const predicted = await kube.apply!(configMap({ mode: "safe" }), { dryRun: true });
    expect(predicted.data).toEqual({ mode: "safe" });
    expect(await kube.get(CM)).toBeUndefined();
    await kube.apply!(configMap({ mode: "safe" }));
    const updated = await kube.apply!(configMap({ mode: "safe", canary: "off" }));
    expect(updated.data).toEqual({ mode: "safe", canary: "off" });
    expect((updated.metadata.managedFields as { manager: string }[]).map((m) => m.manager)).toEqual(["firebreak"]);
    const helm = await http(api, "PATCH", "/api/v1/namespaces/prod/configmaps/checkout-flags?fieldManager=helm", JSON.stringify(configMap({ mode: "fast" })), { "Content-Type": "application/apply-patch+yaml" });
    expect(helm.status).toBe(409); // helm does not own data.mode either, and does not force
    await http(api, "PATCH", "/api/v1/namespaces/prod/configmaps/checkout-flags?fieldManager=helm&force=true", JSON.stringify(configMap({ mode: "fast" })), { "Content-Type": "application/apply-patch+yaml" });
    const conflict = await kube.apply!(configMap({ mode: "safe", canary: "off" })).catch((e: unknown) => e);
    expect(conflict).toBeInstanceOf(KubeConflict);
    expect((conflict as Error).message).toMatch(/conflict.*"helm"/s);
    expect((await kube.apply!(configMap({ mode: "safe", canary: "off" }), { force: true })).data).toEqual({ mode: "safe", canary: "off" });
  });

  it("proxyGet reaches the pod, and reports the pod's or the proxy's status as the answer", async () => {
    const { kube } = await start(withPod());
    expect(await kube.proxyGet({ namespace: "prod", name: "checkout-api-0", port: 8080 }, "/healthz?full=1")).toEqual({ status: 200, body: "pod says /healthz?full=1" });
    expect((await kube.proxyGet({ namespace: "prod", name: "checkout-api-0", port: 8080 }, "/missing")).status).toBe(404);
    expect((await kube.proxyGet({ namespace: "prod", name: "no-such-pod", port: 8080 }, "/healthz")).status).toBe(404);
  });

  it("proxyGet speaks https to the pod when asked (pods/https:{name}:{port}/proxy), plain HTTP otherwise", async () => {
    const { api, kube } = await start({ ...withPod(), podProxy: (req) => ({ status: req.scheme === "https" ? 200 : 400, body: `${req.scheme} on ${req.port}` }) });
    expect(await kube.proxyGet({ namespace: "prod", name: "checkout-api-0", port: 8443, scheme: "https" }, "/healthz")).toEqual({ status: 200, body: "https on 8443" });
    expect(await kube.proxyGet({ namespace: "prod", name: "checkout-api-0", port: 8443 }, "/healthz")).toEqual({ status: 400, body: "http on 8443" });
    expect(api.requests.map((r) => decodeURIComponent(r.path)).filter((p) => p.includes("/proxy/"))).toEqual([
      "/api/v1/namespaces/prod/pods/https:checkout-api-0:8443/proxy/healthz",
      "/api/v1/namespaces/prod/pods/checkout-api-0:8443/proxy/healthz",
    ]);
  });

  it("proxyGet reports a pod's 5xx as its answer, once: retrying it would let a flaky pod look healthy", async () => {
    let calls = 0;
    const { kube } = await start({ ...withPod(), podProxy: () => ({ status: ++calls % 2 ? 500 : 200, body: "" }) });
    expect((await kube.proxyGet({ namespace: "prod", name: "checkout-api-0", port: 8080 }, "/ready")).status).toBe(500);
    expect(calls).toBe(1);
  });

  it("a group the cluster does not serve is a MissingCrdError naming the mesh", async () => {
    const crds = await tempDir("crds");
    cleanups.push(crds.cleanup);
    await copyFile(join("sdk/sim/crds", "gateway.networking.k8s.io_httproutes.yaml"), join(crds.dir, "gateway.networking.k8s.io_httproutes.yaml"));
    const { api, kube } = await start({ crdDir: crds.dir });
    const err = await kube.get(VS).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MissingCrdError);
    expect(err).toMatchObject({ provider: "Istio", kind: "VirtualService" });
    await expect(kube.list({ apiVersion: "networking.istio.io/v1", kind: "DestinationRule", namespace: "prod" })).rejects.toBeInstanceOf(MissingCrdError);
    expect(api.requests).toContainEqual({ method: "GET", path: "/apis/networking.istio.io/v1", status: 404 });
  });

  it("a missing permission is a ForbiddenError naming the verb and resource, with the server's words", async () => {
    const rbac = { user: "system:serviceaccount:ci:firebreak", rules: [{ apiGroups: ["apps"], resources: ["deployments"], verbs: ["get", "list"], namespaces: ["prod"] }] };
    const { kube } = await start({ rbac });
    expect((await kube.get(DEPLOY))?.metadata.name).toBe("checkout-api");
    const err = await kube.patch(DEPLOY, { spec: { replicas: 4 } }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ForbiddenError);
    expect((err as Error).message).toBe(
      "Forbidden: the service account may not patch deployments.apps in namespace prod. Grant it (see `firebreak rbac <plan.ts>`). " +
        'Server said: deployments.apps "checkout-api" is forbidden: User "system:serviceaccount:ci:firebreak" cannot patch resource "deployments" in API group "apps" in the namespace "prod"',
    );
  });

  it("sends the kubeconfig's bearer token; a wrong one is a 401 that does not echo it", async () => {
    const { api, kube } = await start({ token: TOKEN });
    expect((await kube.get(DEPLOY))?.metadata.name).toBe("checkout-api");
    const wrong = await make(api.kubeconfig().replace(TOKEN, "stolen-token-1"));
    const err = await wrong.get(DEPLOY).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(KubeApiError);
    expect((err as Error).message).toMatch(/^Kubernetes API answered 401 for Deployment prod\/checkout-api: Unauthorized: the API server refused the credentials/);
    expect(`${(err as Error).message} ${(err as Error).stack}`).not.toContain("stolen-token-1");
  });

  it.each([
    ["429", { kind: "status" as const, status: 429, retryAfterSeconds: 0 }],
    ["503", { kind: "status" as const, status: 503 }],
    ["a dropped connection", { kind: "drop" as const }],
  ])("a read survives %s twice in a row", async (_name, fault) => {
    const { api, kube } = await start();
    await kube.get(DEPLOY); // discovery warm, so the faults hit the object
    api.faults.inject({ ...fault, method: "GET", path: DEPLOY_PATH, times: 2 });
    expect((await kube.get(DEPLOY))?.metadata.name).toBe("checkout-api");
    expect(attempts(api, "GET", DEPLOY_PATH).map((r) => r.status).slice(-3)).toEqual([fault.kind === "drop" ? 0 : fault.status, fault.kind === "drop" ? 0 : fault.status, 200]);
  });

  it("a throttled request waits the Retry-After the server asked for before trying again", async () => {
    const { api, kube } = await start();
    await kube.get(DEPLOY);
    // API Priority and Fairness answers 429 with Retry-After: 1; the backoff alone would come back after 0.1 s and 0.3 s
    api.faults.inject({ kind: "status", status: 429, retryAfterSeconds: 1, method: "GET", path: DEPLOY_PATH, times: 2 });
    const started = Date.now();
    expect((await kube.get(DEPLOY))?.metadata.name).toBe("checkout-api");
    expect(Date.now() - started).toBeGreaterThanOrEqual(2_000);
    expect(attempts(api, "GET", DEPLOY_PATH).map((r) => r.status).slice(-3)).toEqual([429, 429, 200]);
  });

  it("a guarded patch whose answer was lost after it landed is a success, not a conflict with itself", async () => {
    const { api, kube } = await start();
    const before = (await kube.get(DEPLOY))!;
    api.faults.inject({ kind: "lose-answer", method: "PATCH", path: DEPLOY_PATH });
    const patched = await kube.patch(DEPLOY, { spec: { replicas: 5 } }, { resourceVersion: before.metadata.resourceVersion! });
    expect(patched.spec.replicas).toBe(5);
    expect(attempts(api, "PATCH", DEPLOY_PATH).map((r) => r.status)).toEqual([0, 409]);
  });

  it("a guarded patch whose answer was lost while another writer's change landed is still a conflict", async () => {
    const { api, kube } = await start();
    const before = (await kube.get(DEPLOY))!;
    await kube.patch(DEPLOY, { spec: { replicas: 7 } }); // another writer, after our read
    api.faults.inject({ kind: "drop", method: "PATCH", path: DEPLOY_PATH });
    await expect(kube.patch(DEPLOY, { spec: { replicas: 5 } }, { resourceVersion: before.metadata.resourceVersion! })).rejects.toBeInstanceOf(KubeConflict);
    expect((await kube.get(DEPLOY))?.spec.replicas).toBe(7);
  });

  it("a transient failure of discovery itself is retried too", async () => {
    const { api, kube } = await start();
    api.faults.inject({ kind: "status", status: 503, method: "GET", path: "/apis/apps/v1", times: 2 });
    expect((await kube.get(DEPLOY))?.metadata.name).toBe("checkout-api");
  });

  it("four 503s in a row fail with the server's words, after four attempts", async () => {
    const { api, kube } = await start();
    await kube.get(DEPLOY);
    api.faults.inject({ kind: "status", status: 503, method: "GET", path: DEPLOY_PATH, times: 4 });
    const err = await kube.get(DEPLOY).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(KubeApiError);
    expect((err as Error).message).toBe("Kubernetes API answered 503 for Deployment prod/checkout-api: The server is currently unable to handle the request");
    expect(attempts(api, "GET", DEPLOY_PATH).filter((r) => r.status === 503)).toHaveLength(4);
  });

  it("a hung server fails the call at the deadline, naming the server and context; the next call is served", async () => {
    const { api, kube } = await start({}, { requestTimeoutMs: 300 });
    await kube.get(DEPLOY);
    api.faults.inject({ kind: "timeout", ms: 10_000, method: "PATCH", path: DEPLOY_PATH });
    const started = Date.now();
    const err = await kube.patch(DEPLOY, { spec: { replicas: 4 } }).catch((e: unknown) => e);
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(err).toBeInstanceOf(KubeApiError);
    expect((err as Error).message).toBe(
      `Kubernetes API failed for Deployment prod/checkout-api: the API server at ${api.url} (context firebreak-sim) did not answer patch within 0.3s. ` +
        "Check that the cluster is reachable and healthy (kubectl --context firebreak-sim get --raw /readyz).",
    );
    expect((await kube.get(DEPLOY))?.spec.replicas).toBe(3);
  });
});
