import { execFileSync } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { connect, createServer, type Server, type Socket } from "node:net";
import { createServer as createTlsServer } from "node:tls";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parse, stringify } from "yaml";
import { createClientNodeKube, loadKubeConfig } from "../../sdk/kube/client-node-port.ts";
import { createKube } from "../../sdk/kube/index.ts";
import type { KubePort } from "../../sdk/ports/kube.ts";
import { startKubeApiServer, type KubeApiServer, type KubeApiServerOptions } from "../../sdk/sim/kube-api/index.ts";
import type { ObjectStore } from "../../sdk/sim/store.ts";
import { seededStore } from "../sim/kube-api-fixtures.ts";

/** A loopback API server over a store (default: namespace prod with a Deployment, a VirtualService and its DestinationRule). */
export async function startApi(options: Partial<KubeApiServerOptions> = {}): Promise<{ api: KubeApiServer; store: ObjectStore; kube: KubePort }> {
  const store = options.store ?? seededStore();
  const api = await startKubeApiServer({ ...options, store });
  return { api, store, kube: createClientNodeKube(loadKubeConfig({ kind: "inline", content: api.kubeconfig() })) };
}

/** A way to build a KubePort from kubeconfig text: the contract suites run once per port. */
export interface PortMaker {
  name: "node:http" | "client-node";
  make(kubeconfig: string, options?: { requestTimeoutMs?: number }): Promise<KubePort>;
}

/** Both ports: the lean one (through the factory, which must pick it for these kubeconfigs) and client-node. */
export const PORTS: PortMaker[] = [
  {
    name: "node:http",
    async make(kubeconfig, options = {}) {
      const kube = await createKube({ kind: "inline", content: kubeconfig }, options);
      if (kube.implementation !== "http") throw new Error(`the factory picked ${kube.implementation}: ${kube.reason}`);
      return kube;
    },
  },
  { name: "client-node", make: async (kubeconfig, options = {}) => createClientNodeKube(loadKubeConfig({ kind: "inline", content: kubeconfig }), options) },
];

/**
 * One kubeconfig naming several loopback servers, one context each (cluster, user and context
 * all take the context's name), as a responder's kubeconfig names one context per region.
 */
export function multiClusterKubeconfig(servers: Record<string, KubeApiServer>, current = Object.keys(servers)[0]!): string {
  const doc = { apiVersion: "v1", kind: "Config", clusters: [] as unknown[], users: [] as unknown[], contexts: [] as unknown[], "current-context": current };
  for (const [name, api] of Object.entries(servers)) {
    const one = parse(api.kubeconfig());
    doc.clusters.push({ name, cluster: one.clusters[0].cluster });
    doc.users.push({ name, user: one.users[0].user });
    doc.contexts.push({ name, context: { cluster: name, user: name } });
  }
  return stringify(doc);
}

/** A temp dir removed by the returned cleanup. */
export async function tempDir(prefix: string): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), `firebreak-${prefix}-`));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/** Sets environment variables for one test; the returned function puts them back. */
export function setEnv(vars: Record<string, string | undefined>): () => void {
  const saved = Object.fromEntries(Object.keys(vars).map((k) => [k, process.env[k]]));
  const assign = (values: Record<string, string | undefined>) => {
    for (const [k, v] of Object.entries(values)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  };
  assign(vars);
  return () => assign(saved);
}

/** Whether openssl is installed (the TLS tests make a certificate with it). */
export const hasOpenssl = (() => {
  try {
    execFileSync("openssl", ["version"], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
})();

/** Pipes every connection `server` accepts to the loopback API server. */
function pipeTo(api: KubeApiServer) {
  const upstream = new URL(api.url);
  return (socket: Socket) => {
    const up = connect(Number(upstream.port), upstream.hostname);
    socket.pipe(up).pipe(socket);
    socket.on("error", () => up.destroy());
    up.on("error", () => socket.destroy());
  };
}

async function listen(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return (server.address() as { port: number }).port;
}

/**
 * A TLS front for the plain-HTTP loopback server with a fresh self-signed certificate for
 * 127.0.0.1 (written to `certDir`), as a real API server is HTTPS with the cluster's CA.
 */
export async function startTlsFront(api: KubeApiServer, certDir: string): Promise<{ port: number; ca: string; close: () => Promise<void> }> {
  const key = join(certDir, "tls.key");
  const cert = join(certDir, "tls.crt");
  execFileSync("openssl", ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert, "-days", "1", "-subj", "/CN=kubernetes", "-addext", "subjectAltName=IP:127.0.0.1"], { stdio: "ignore", timeout: 20_000 });
  const sockets = new Set<Socket>();
  const tls = createTlsServer({ key: await readFile(key), cert: await readFile(cert) }, (s) => (sockets.add(s), pipeTo(api)(s)));
  const port = await listen(tls);
  const close = () => new Promise<void>((r) => (sockets.forEach((s) => s.destroy()), tls.close(() => r())));
  return { port, ca: await readFile(cert, "utf8"), close };
}

/** A plain TCP front that counts the connections clients open (the API server's log cannot tell). */
export async function startCountingFront(api: KubeApiServer): Promise<{ url: string; connections: () => number; close: () => Promise<void> }> {
  let connections = 0;
  const sockets = new Set<Socket>();
  const tcp = createServer((s) => {
    connections++;
    sockets.add(s);
    pipeTo(api)(s);
  });
  const port = await listen(tcp);
  const close = () => new Promise<void>((r) => (sockets.forEach((s) => s.destroy()), tcp.close(() => r())));
  return { url: `http://127.0.0.1:${port}`, connections: () => connections, close };
}
