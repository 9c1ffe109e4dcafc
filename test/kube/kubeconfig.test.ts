import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createClientNodeKube, loadKubeConfig } from "../../sdk/kube/client-node-port.ts";
import { connectionOf, KubeconfigError, SERVICE_ACCOUNT_DIR } from "../../sdk/kube/kubeconfig.ts";
import type { KubeApiServer } from "../../sdk/sim/kube-api/index.ts";
import { hasOpenssl, startApi, startTlsFront, setEnv, tempDir } from "./helpers.ts";

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

async function tlsFront(api: KubeApiServer, certDir: string) {
  const front = await startTlsFront(api, certDir);
  cleanups.push(front.close);
  return front;
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
