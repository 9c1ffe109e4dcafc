import { afterEach, describe, expect, it } from "vitest";
import { KubeApiError } from "../../sdk/errors.ts";
import { createClientNodeKube, loadKubeConfig } from "../../sdk/kube/client-node-port.ts";
import type { KubeApiServer } from "../../sdk/sim/kube-api/index.ts";
import { startApi } from "./helpers.ts";

/** Transient failures (429, 5xx, a dropped connection) are retried; a hung server is given up on, naming it. */

const DEPLOY = { apiVersion: "apps/v1", kind: "Deployment", namespace: "prod", name: "checkout-api" };
const DEPLOY_PATH = "/apis/apps/v1/namespaces/prod/deployments/checkout-api";

let api: KubeApiServer;
afterEach(() => api?.close());

async function port(requestTimeoutMs?: number) {
  ({ api } = await startApi());
  return createClientNodeKube(loadKubeConfig({ kind: "inline", content: api.kubeconfig() }), requestTimeoutMs ? { requestTimeoutMs } : {});
}

const attempts = (method: string, path: string) => api.requests.filter((r) => r.method === method && r.path.split("?")[0] === path);

describe("transient failures are retried", () => {
  it.each([
    ["429 Too Many Requests", { kind: "status" as const, status: 429, retryAfterSeconds: 0 }],
    ["500 Internal Error", { kind: "status" as const, status: 500 }],
    ["503 Service Unavailable", { kind: "status" as const, status: 503 }],
    ["a dropped connection", { kind: "drop" as const }],
    ["a 504 after the server's own timeout", { kind: "timeout" as const, ms: 50 }],
  ])("a read survives %s twice in a row", async (_name, fault) => {
    const kube = await port();
    await kube.get(DEPLOY); // warm discovery so the fault hits the object itself
    api.faults.inject({ ...fault, method: "GET", path: DEPLOY_PATH, times: 2 });
    expect((await kube.get(DEPLOY))?.metadata.name).toBe("checkout-api");
    expect(attempts("GET", DEPLOY_PATH).map((r) => r.status).slice(-3)).toEqual([fault.kind === "drop" ? 0 : fault.kind === "timeout" ? 504 : fault.status, expect.any(Number), 200]);
  });

  it("a patch survives a 503 and lands once", async () => {
    const kube = await port();
    await kube.get(DEPLOY);
    api.faults.inject({ kind: "status", status: 503, method: "PATCH", path: DEPLOY_PATH });
    const patched = await kube.patch(DEPLOY, { spec: { replicas: 5 } });
    expect(patched.spec.replicas).toBe(5);
    expect(attempts("PATCH", DEPLOY_PATH).map((r) => r.status)).toEqual([503, 200]);
  });

  it("gives up after 4 attempts with the server's own words", async () => {
    const kube = await port();
    await kube.get(DEPLOY);
    api.faults.inject({ kind: "status", status: 503, method: "GET", path: DEPLOY_PATH, times: 10 });
    const err = await kube.get(DEPLOY).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(KubeApiError);
    expect((err as Error).message).toBe("Kubernetes API answered 503 for Deployment prod/checkout-api: The server is currently unable to handle the request");
    expect(attempts("GET", DEPLOY_PATH).filter((r) => r.status === 503)).toHaveLength(4);
  });

  it("does not retry what will not get better (422, 404)", async () => {
    const kube = await port();
    await kube.get(DEPLOY);
    await expect(kube.patch(DEPLOY, { spec: { replicas: -1 } })).rejects.toThrow(/answered 422.*spec.replicas/);
    expect(attempts("PATCH", DEPLOY_PATH)).toHaveLength(1);
  });
});

describe("request deadline", () => {
  it("a hung API server fails the call within the deadline, naming the server and context", async () => {
    const kube = await port(300);
    await kube.get(DEPLOY);
    api.faults.inject({ kind: "timeout", ms: 10_000, method: "GET", path: DEPLOY_PATH });
    const started = Date.now();
    const err = await kube.get(DEPLOY).catch((e: unknown) => e);
    const took = Date.now() - started;
    expect(took).toBeGreaterThanOrEqual(280);
    expect(took).toBeLessThan(2_000);
    expect(err).toBeInstanceOf(KubeApiError);
    expect((err as Error).message).toBe(
      `Kubernetes API failed for Deployment prod/checkout-api: the API server at ${api.url} (context firebreak-sim) did not answer get within 0.3s. ` +
        "Check that the cluster is reachable and healthy (kubectl --context firebreak-sim get --raw /readyz).",
    );
  });

  it("the deadline covers writes and lists too, and the next call is served normally", async () => {
    const kube = await port(300);
    await kube.get(DEPLOY);
    api.faults.inject({ kind: "timeout", ms: 10_000, method: "PATCH" });
    await expect(kube.patch(DEPLOY, { spec: { replicas: 4 } })).rejects.toThrow(/did not answer patch within 0.3s/);
    api.faults.inject({ kind: "timeout", ms: 10_000, method: "GET", path: "/apis/apps/v1/namespaces/prod/deployments" });
    await expect(kube.list({ apiVersion: "apps/v1", kind: "Deployment", namespace: "prod" })).rejects.toThrow(/did not answer list within 0.3s/);
    expect((await kube.list({ apiVersion: "apps/v1", kind: "Deployment", namespace: "prod" })).map((d) => d.metadata.name)).toEqual(["checkout-api"]);
  });

  it("an answer slower than usual but inside the deadline is fine", async () => {
    const kube = await port(2_000);
    await kube.get(DEPLOY);
    api.faults.inject({ kind: "timeout", ms: 200, method: "GET", path: DEPLOY_PATH }); // 504 after 200 ms: retried
    expect((await kube.get(DEPLOY))?.metadata.name).toBe("checkout-api");
  });
});
