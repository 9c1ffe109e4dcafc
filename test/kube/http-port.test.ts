import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { parse, stringify } from "yaml";
import { afterEach, describe, expect, it } from "vitest";
import { createKube } from "../../sdk/kube/index.ts";
import { MAX_SOCKETS_PER_CLUSTER } from "../../sdk/kube/http-port.ts";
import { SERVICE_ACCOUNT_DIR } from "../../sdk/kube/source.ts";
import { hasOpenssl, setEnv, startApi, startCountingFront, startTlsFront, tempDir } from "./helpers.ts";

/** What only the lean port does: reuse its connections, and speak TLS with the kubeconfig's own CA and credentials. */

const DEPLOY = { apiVersion: "apps/v1", kind: "Deployment", namespace: "prod", name: "checkout-api" };
const TOKEN = "lean-token-42";

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function server(token?: string) {
  const { api } = await startApi(token ? { token } : {});
  cleanups.push(() => api.close());
  return api;
}

async function dir(prefix: string) {
  const d = await tempDir(prefix);
  cleanups.push(d.cleanup);
  return d.dir;
}

/** The server's kubeconfig with its cluster entry replaced. */
function withCluster(kubeconfig: string, cluster: Record<string, unknown>): string {
  const doc = parse(kubeconfig);
  doc.clusters[0].cluster = cluster;
  return stringify(doc);
}

describe("connections", () => {
  it("a run of requests shares one kept-alive connection", async () => {
    const api = await server();
    const front = await startCountingFront(api);
    cleanups.push(front.close);
    const kube = await createKube({ kind: "inline", content: withCluster(api.kubeconfig(), { server: front.url, "insecure-skip-tls-verify": true }) });
    for (let i = 0; i < 20; i++) expect((await kube.get(DEPLOY))?.metadata.name).toBe("checkout-api");
    await kube.patch(DEPLOY, { spec: { replicas: 4 } });
    expect(api.requests.length).toBeGreaterThanOrEqual(21); // 20 reads, the patch
    expect(front.connections()).toBe(1);
  });

  it("reads and writes the kinds it edits without a discovery round trip first", async () => {
    const api = await server();
    const kube = await createKube({ kind: "inline", content: api.kubeconfig() });
    await kube.get(DEPLOY);
    await kube.patch(DEPLOY, { spec: { replicas: 4 } });
    expect(api.requests.map((r) => `${r.method} ${r.path.split("?")[0]}`)).toEqual([
      "GET /apis/apps/v1/namespaces/prod/deployments/checkout-api",
      "PATCH /apis/apps/v1/namespaces/prod/deployments/checkout-api",
    ]);
    // a missing object of such a kind is still just missing: discovery confirms its group is served
    expect(await kube.get({ ...DEPLOY, name: "nope" })).toBeUndefined();
  });

  it("a burst of concurrent requests opens at most MAX_SOCKETS_PER_CLUSTER connections, and all are answered", async () => {
    const api = await server();
    const front = await startCountingFront(api);
    cleanups.push(front.close);
    const kube = await createKube({ kind: "inline", content: withCluster(api.kubeconfig(), { server: front.url, "insecure-skip-tls-verify": true }) });
    const deployments = { apiVersion: DEPLOY.apiVersion, kind: DEPLOY.kind, namespace: DEPLOY.namespace };
    await kube.list(deployments);
    // lists: gets asked for at once would go as one
    const answers = await Promise.all(Array.from({ length: 100 }, () => kube.list(deployments)));
    expect(answers.every((ds) => ds.some((d) => d.metadata.name === "checkout-api"))).toBe(true);
    expect(front.connections()).toBeGreaterThan(1);
    expect(front.connections()).toBeLessThanOrEqual(MAX_SOCKETS_PER_CLUSTER);
  });
});

describe.skipIf(!hasOpenssl)("TLS", () => {
  it("certificate-authority-data: the server's certificate is checked against the kubeconfig's CA, and the token is sent", async () => {
    const api = await server(TOKEN);
    const front = await startTlsFront(api, await dir("tls"));
    cleanups.push(front.close);
    const server_ = `https://127.0.0.1:${front.port}`;
    const kube = await createKube({ kind: "inline", content: withCluster(api.kubeconfig(), { server: server_, "certificate-authority-data": Buffer.from(front.ca).toString("base64") }) });
    expect(kube.implementation).toBe("http");
    expect((await kube.get(DEPLOY))?.metadata.name).toBe("checkout-api");
    expect(api.requests.at(-1)).toMatchObject({ method: "GET", status: 200 });
  });

  it("a server whose certificate the CA did not sign is refused, not trusted", async () => {
    const api = await server();
    const front = await startTlsFront(api, await dir("tls"));
    const other = await startTlsFront(api, await dir("tls-other"));
    cleanups.push(front.close, other.close);
    const kube = await createKube({ kind: "inline", content: withCluster(api.kubeconfig(), { server: `https://127.0.0.1:${front.port}`, "certificate-authority-data": Buffer.from(other.ca).toString("base64") }) });
    await expect(kube.get(DEPLOY)).rejects.toThrow(/self-signed certificate|unable to verify|certificate/i);
  });

  it("in-cluster: the service account's token file and CA over HTTPS to KUBERNETES_SERVICE_HOST:PORT", async () => {
    const api = await server(TOKEN);
    const root = await dir("pod");
    const front = await startTlsFront(api, root);
    cleanups.push(front.close);
    const sa = join(root, SERVICE_ACCOUNT_DIR);
    await mkdir(sa, { recursive: true });
    await writeFile(join(sa, "token"), `${TOKEN}\n`);
    await writeFile(join(sa, "ca.crt"), front.ca);
    await writeFile(join(sa, "namespace"), "prod");
    cleanups.push(setEnv({ KUBERNETES_SERVICE_HOST: "127.0.0.1", KUBERNETES_SERVICE_PORT: String(front.port) }));
    const kube = await createKube({ kind: "in-cluster", root });
    expect({ implementation: kube.implementation, server: kube.server }).toEqual({ implementation: "http", server: `https://127.0.0.1:${front.port}` });
    // no namespace in the ref: the pod's own namespace, as client-node does
    expect((await kube.get({ apiVersion: "apps/v1", kind: "Deployment", name: "checkout-api" }))?.metadata.namespace).toBe("prod");
    // handed to a CLI, the token stays a file client-go reads
    expect(JSON.parse(kube.connection!().kubeconfig).users[0].user).toEqual({ tokenFile: join(sa, "token") });
  });
});

describe("kubeconfig handling", () => {
  it("a kubeconfig file's relative paths are read against its directory", async () => {
    const api = await server();
    const d = await dir("relative");
    const doc = parse(api.kubeconfig());
    await writeFile(join(d, "token"), TOKEN);
    doc.users[0].user = { tokenFile: "token" };
    await writeFile(join(d, "config"), stringify(doc));
    const kube = await createKube({ kind: "file", path: join(d, "config") });
    expect(JSON.parse(kube.connection!().kubeconfig).users[0].user).toEqual({ tokenFile: join(d, "token") });
  });

  it("a kubeconfig that is not there and an unknown context are usage errors naming the fix", async () => {
    await expect(createKube({ kind: "file", path: "/nonexistent/kubeconfig" })).rejects.toThrow(/^The kubeconfig \/nonexistent\/kubeconfig does not exist: check the path/);
    const api = await server();
    await expect(createKube({ kind: "inline", content: api.kubeconfig() }, { context: "eu-west" })).rejects.toThrow("The kubeconfig has no context 'eu-west'; contexts are: 'firebreak-sim'.");
    const kube = await createKube({ kind: "inline", content: api.kubeconfig() });
    await expect(kube.get({ ...DEPLOY, context: "eu-west" })).rejects.toThrow("The kubeconfig has no context 'eu-west'; contexts are: 'firebreak-sim'.");
  });

  it("a kubeconfig that is not YAML says so without quoting it", async () => {
    const err = await createKube({ kind: "inline", content: `users:\n  - name: a\n    user: { token: "${TOKEN}"\n  bad: [` }).catch((e: unknown) => e);
    expect((err as Error).message).toMatch(/^Could not load the inline kubeconfig: /);
    expect((err as Error).message).not.toContain(TOKEN);
  });
});
