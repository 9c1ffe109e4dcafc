import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createClientNodeKube, loadKubeConfig } from "../../sdk/kube/client-node-port.ts";
import { connectionOf, KubeconfigError, SERVICE_ACCOUNT_DIR } from "../../sdk/kube/kubeconfig.ts";
import { loadStaticKubeconfig } from "../../sdk/kube/static-kubeconfig.ts";
import type { KubeApiServer } from "../../sdk/sim/kube-api/index.ts";
import { parse, stringify } from "yaml";
import { createKube } from "../../sdk/kube/index.ts";
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

  it("client-node sends the token of a user's tokenFile (kubectl's key), relative to the kubeconfig", async () => {
    const api = await server(TOKEN);
    const d = await dir("token-file");
    const config = JSON.parse(JSON.stringify(parse(api.kubeconfig()))) as { users: { user: Record<string, unknown> }[] };
    config.users = config.users.map((u) => ({ ...u, user: { tokenFile: "sa-token" } }));
    await writeFile(join(d, "sa-token"), TOKEN);
    await writeFile(join(d, "config"), stringify(config));
    const kube = createClientNodeKube(loadKubeConfig({ kind: "file", path: join(d, "config") }));
    expect((await kube.get(DEPLOY))?.metadata.name).toBe("checkout-api");
    expect(new Set(api.requests.map((r) => r.status))).toEqual(new Set([200]));
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
    expect(() => loadKubeConfig({ kind: "file", path: "/nonexistent/kubeconfig" })).toThrow(/^The kubeconfig \/nonexistent\/kubeconfig does not exist: check the path \(a relative one is read from /);
    const api = await server();
    const kube = createClientNodeKube(loadKubeConfig({ kind: "inline", content: api.kubeconfig() }));
    await expect(kube.get({ ...DEPLOY, context: "eu-west" })).rejects.toThrow("The kubeconfig has no context 'eu-west'; contexts are: 'firebreak-sim'.");
  });
});

describe("text that is no kubeconfig", () => {
  const loaders = { "client-node": loadKubeConfig, lean: loadStaticKubeconfig };
  it.each(Object.keys(loaders) as (keyof typeof loaders)[])("is refused by the %s port with what it looks like instead, never quoted", async (port) => {
    const kubeconfig = (await server()).kubeconfig();
    const cases: [string, string][] = [
      // the usual KUBE_CONFIG_DATA secret
      [Buffer.from(kubeconfig).toString("base64"), "Could not load the inline kubeconfig: it is a kubeconfig encoded in base64: decode it first (base64 -d) and give the YAML itself"],
      ["/home/runner/.kube/config", "Could not load the inline kubeconfig: it is a file path, not a kubeconfig: give the file's content (the YAML itself)"],
      ["s3cr3t-token-value", "Could not load the inline kubeconfig: it is not a kubeconfig: give the YAML of one, a mapping with clusters, users, contexts and current-context"],
    ];
    for (const [content, message] of cases) {
      const load = () => loaders[port]({ kind: "inline", content });
      expect(load).toThrow(KubeconfigError);
      expect(load).toThrow(message);
    }
  });
});

describe("KUBECONFIG naming several files is merged as kubectl merges it", () => {
  /** One kubeconfig file: entries named as given, each cluster at its server, each user with its token or token file. */
  const config = (o: { clusters: Record<string, string>; users: Record<string, Record<string, string>>; contexts: Record<string, [string, string]>; current: string }) =>
    stringify({
      apiVersion: "v1",
      kind: "Config",
      clusters: Object.entries(o.clusters).map(([name, server]) => ({ name, cluster: { server, "insecure-skip-tls-verify": true } })),
      users: Object.entries(o.users).map(([name, user]) => ({ name, user })),
      contexts: Object.entries(o.contexts).map(([name, [cluster, user]]) => ({ name, context: { cluster, user } })),
      "current-context": o.current,
    });

  /**
   * prod's file first, then a DR file that reuses kubeadm's default names and sets its own
   * current context; plus a file that does not exist. kubectl: the first file's current context,
   * the first file's entry for a name, missing files skipped, relative paths against their own file.
   */
  async function twoFiles(drUser: Record<string, string> = { token: "dr-token" }) {
    const prod = await server("prod-token");
    const dr = await server("dr-token");
    const d = await dir("merge");
    await mkdir(join(d, "dr"));
    await writeFile(join(d, "prod.yaml"), config({ clusters: { kubernetes: prod.url }, users: { admin: { token: "prod-token" } }, contexts: { prod: ["kubernetes", "admin"] }, current: "prod" }));
    await writeFile(join(d, "dr", "token"), "dr-token");
    await writeFile(
      join(d, "dr", "config"),
      config({ clusters: { kubernetes: dr.url, dr: dr.url }, users: { admin: { token: "dr-token" }, dr: drUser }, contexts: { prod: ["dr", "dr"], dr: ["dr", "dr"] }, current: "dr" }),
    );
    cleanups.push(setEnv({ KUBECONFIG: [join(d, "prod.yaml"), join(d, "gone"), join(d, "dr", "config")].join(":") }));
    return { prod, dr };
  }

  it.each([
    ["the lean port", () => createKube({ kind: "default" })],
    ["client-node", async () => createClientNodeKube(loadKubeConfig({ kind: "default" }))],
  ])("%s: the first file's current context and entries win", async (_name, make) => {
    const { prod, dr } = await twoFiles();
    const kube = await make();
    expect((await kube.get(DEPLOY))?.metadata.name).toBe("checkout-api");
    expect((await kube.get({ ...DEPLOY, context: "dr" }))?.metadata.name).toBe("checkout-api");
    // each server answers 401 to the other's token: every request reached the cluster kubectl would reach
    expect(new Set(prod.requests.map((r) => r.status))).toEqual(new Set([200]));
    expect(new Set(dr.requests.map((r) => r.status))).toEqual(new Set([200]));
  });

  it("a relative token file is read against the directory of the file that names it", async () => {
    const { dr } = await twoFiles({ tokenFile: "token" });
    const kube = await createKube({ kind: "default" });
    expect((await kube.get({ ...DEPLOY, context: "dr" }))?.metadata.name).toBe("checkout-api");
    expect(dr.requests.map((r) => r.status)).toEqual([200]);
  });

  it("none of the files existing is a usage error naming them", async () => {
    cleanups.push(setEnv({ KUBECONFIG: "/nonexistent/a:/nonexistent/b" }));
    await expect(createKube({ kind: "default" })).rejects.toThrow("None of the files KUBECONFIG names exists (/nonexistent/a, /nonexistent/b): fix KUBECONFIG, or pass --kubeconfig.");
  });
});
