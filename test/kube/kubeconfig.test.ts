import { execFileSync } from "node:child_process";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { connect, type Server } from "node:net";
import { join } from "node:path";
import { createServer as createTlsServer } from "node:tls";
import { afterEach, describe, expect, it } from "vitest";
import { createClientNodeKube, loadKubeConfig } from "../../sdk/kube/client-node-port.ts";
import { connectionOf, KubeconfigError, SERVICE_ACCOUNT_DIR } from "../../sdk/kube/kubeconfig.ts";
import type { KubeApiServer } from "../../sdk/sim/kube-api/index.ts";
import { startApi, setEnv, tempDir } from "./helpers.ts";

const DEPLOY = { apiVersion: "apps/v1", kind: "Deployment", namespace: "prod", name: "checkout-api" };
const TOKEN = "sa-token-for-firebreak";

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function server(token?: string): Promise<KubeApiServer> {
  const { api } = await startApi(token ? { token } : {});
  cleanups.push(() => api.close());
  return api;
}

async function dir(prefix: string): Promise<string> {
  const d = await tempDir(prefix);
  cleanups.push(d.cleanup);
  return d.dir;
}

const hasOpenssl = (() => {
  try {
    execFileSync("openssl", ["version"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
})();

/** A TLS front for the plain-HTTP loopback server, as the in-cluster endpoint is HTTPS with the cluster's CA. */
async function tlsFront(api: KubeApiServer, certDir: string): Promise<{ port: number; ca: string }> {
  const key = join(certDir, "tls.key");
  const cert = join(certDir, "tls.crt");
  execFileSync("openssl", ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert, "-days", "1", "-subj", "/CN=kubernetes", "-addext", "subjectAltName=IP:127.0.0.1"], { stdio: "ignore", timeout: 20_000 });
  const upstream = new URL(api.url);
  const tls: Server = createTlsServer({ key: await readFile(key), cert: await readFile(cert) }, (socket) => {
    const up = connect(Number(upstream.port), upstream.hostname);
    socket.pipe(up).pipe(socket);
    socket.on("error", () => up.destroy());
    up.on("error", () => socket.destroy());
  });
  await new Promise<void>((resolve) => tls.listen(0, "127.0.0.1", resolve));
  cleanups.push(() => new Promise((r) => tls.close(r)));
  const port = (tls.address() as { port: number }).port;
  return { port, ca: await readFile(cert, "utf8") };
}

describe("kubeconfig sources", () => {
  it("inline content (the action's secret) reaches the cluster it names, with its token", async () => {
    const api = await server(TOKEN);
    const kube = createClientNodeKube(loadKubeConfig({ kind: "inline", content: api.kubeconfig() }));
    expect((await kube.get(DEPLOY))?.metadata.name).toBe("checkout-api");
  });

  it("KUBECONFIG names the file the default source reads", async () => {
    const api = await server();
    const d = await dir("kubeconfig");
    await writeFile(join(d, "config"), api.kubeconfig());
    cleanups.push(setEnv({ KUBECONFIG: join(d, "config") }));
    const kube = createClientNodeKube(loadKubeConfig({ kind: "default" }));
    expect((await kube.get(DEPLOY))?.metadata.name).toBe("checkout-api");
  });

  it("without KUBECONFIG, the default source reads ~/.kube/config", async () => {
    const api = await server();
    const home = await dir("home");
    await mkdir(join(home, ".kube"));
    await writeFile(join(home, ".kube", "config"), api.kubeconfig());
    cleanups.push(setEnv({ KUBECONFIG: undefined, HOME: home }));
    const kube = createClientNodeKube(loadKubeConfig({ kind: "default" }));
    expect((await kube.get(DEPLOY))?.metadata.name).toBe("checkout-api");
  });

  it.skipIf(!hasOpenssl)("in-cluster: the service account's token and CA, over HTTPS to KUBERNETES_SERVICE_HOST:PORT", async () => {
    const api = await server(TOKEN);
    const root = await dir("pod");
    const { port, ca } = await tlsFront(api, root);
    const sa = join(root, SERVICE_ACCOUNT_DIR);
    await mkdir(sa, { recursive: true });
    await writeFile(join(sa, "token"), TOKEN);
    await writeFile(join(sa, "ca.crt"), ca);
    await writeFile(join(sa, "namespace"), "prod");
    cleanups.push(setEnv({ KUBERNETES_SERVICE_HOST: "127.0.0.1", KUBERNETES_SERVICE_PORT: String(port) }));

    const kc = loadKubeConfig({ kind: "in-cluster", root });
    expect(kc.getCurrentCluster()?.server).toBe(`https://127.0.0.1:${port}`);
    const kube = createClientNodeKube(kc);
    expect((await kube.get(DEPLOY))?.metadata.name).toBe("checkout-api");
    // the server saw the service account's bearer token (it answers 401 to anything else)
    expect(api.requests.at(-1)).toMatchObject({ method: "GET", status: 200 });
    // handed to a CLI, the token file is written the way client-go reads it
    const conn = connectionOf(kc);
    expect(JSON.parse(conn.kubeconfig).users[0].user).toMatchObject({ tokenFile: join(sa, "token") });
  });

  it("in-cluster outside a pod says what is missing", () => {
    const restore = setEnv({ KUBERNETES_SERVICE_HOST: undefined, KUBERNETES_SERVICE_PORT: undefined });
    try {
      expect(() => loadKubeConfig({ kind: "in-cluster" })).toThrow(/KUBERNETES_SERVICE_HOST and KUBERNETES_SERVICE_PORT.*run inside a pod, or pass a kubeconfig/);
    } finally {
      restore();
    }
  });

  it("a wrong token is refused by the server, and says so", async () => {
    const api = await server(TOKEN);
    const kube = createClientNodeKube(loadKubeConfig({ kind: "inline", content: api.kubeconfig().replace(TOKEN, "stolen") }));
    await expect(kube.get(DEPLOY)).rejects.toThrow(/answered 401.*Unauthorized/);
  });

  it("an unreadable kubeconfig and an unknown context are usage errors naming the fix", async () => {
    expect(() => loadKubeConfig({ kind: "file", path: "/nonexistent/kubeconfig" })).toThrow(KubeconfigError);
    expect(() => loadKubeConfig({ kind: "file", path: "/nonexistent/kubeconfig" })).toThrow(/Could not load the kubeconfig \/nonexistent\/kubeconfig/);
    const api = await server();
    const kube = createClientNodeKube(loadKubeConfig({ kind: "inline", content: api.kubeconfig() }));
    await expect(kube.get({ ...DEPLOY, context: "eu-west" })).rejects.toThrow("The kubeconfig has no context 'eu-west'; contexts are: 'firebreak-sim'.");
  });
});
