import { execFileSync } from "node:child_process";
import { chmod, readFile, writeFile } from "node:fs/promises";
import { createServer as createTlsServer } from "node:tls";
import { connect, type AddressInfo, type Socket } from "node:net";
import { join } from "node:path";
import { parse, stringify } from "yaml";
import { afterEach, describe, expect, it } from "vitest";
import { createKube } from "../../sdk/kube/index.ts";
import type { KubeApiServer } from "../../sdk/sim/kube-api/server.ts";
import { hasOpenssl, startApi, tempDir } from "./helpers.ts";

/** Exec credential plugins (aws eks get-token, kubelogin, gke-gcloud-auth-plugin) on the lean port, with real plugin processes. */

const DEPLOY = { apiVersion: "apps/v1", kind: "Deployment", namespace: "prod", name: "checkout-api" };
const TOKEN = "exec-token-7";
const V1 = "client.authentication.k8s.io/v1";

const cleanups: (() => unknown)[] = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c();
});

async function dir() {
  const d = await tempDir("exec");
  cleanups.push(d.cleanup);
  return d.dir;
}

async function server(token?: string) {
  const { api } = await startApi(token ? { token } : {});
  cleanups.push(() => api.close());
  return api;
}

/**
 * Writes an executable plugin: each run appends a line to `runs` (its args and what it was told),
 * then prints `stdout` (run number $n is in scope) to stdout and `stderr` to stderr, and exits `code`.
 */
async function plugin(d: string, script: { stdout?: string; stderr?: string; code?: number }) {
  const path = join(d, "plugin.sh");
  const runs = join(d, "runs.log");
  await writeFile(
    path,
    `#!/bin/sh
echo "$* | $PLUGIN_ENV | $KUBERNETES_EXEC_INFO" >> ${runs}
n=$(wc -l < ${runs} | tr -d ' ')
${script.stdout ? `cat <<EOF\n${script.stdout}\nEOF` : ""}
${script.stderr ? `echo "${script.stderr}" >&2` : ""}
exit ${script.code ?? 0}
`,
  );
  await chmod(path, 0o755);
  return { path, runs: async () => (await readFile(runs, "utf8").catch(() => "")).split("\n").filter(Boolean) };
}

const credential = (status: Record<string, unknown>) => JSON.stringify({ apiVersion: V1, kind: "ExecCredential", status });

/** The server's kubeconfig with its user replaced by an exec plugin. */
function withExec(api: KubeApiServer | { kubeconfig(): string }, exec: Record<string, unknown>, cluster?: Record<string, unknown>): string {
  const doc = parse(api.kubeconfig());
  doc.users[0].user = { exec: { apiVersion: V1, interactiveMode: "Never", ...exec } };
  if (cluster) doc.clusters[0].cluster = cluster;
  return stringify(doc);
}

describe("a token from an exec plugin", () => {
  it("reaches the API server, and concurrent requests share one run of the plugin", async () => {
    const api = await server(TOKEN);
    const p = await plugin(await dir(), { stdout: credential({ token: TOKEN, expirationTimestamp: "2999-01-01T00:00:00Z" }) });
    const kube = await createKube({ kind: "inline", content: withExec(api, { command: p.path }) });
    expect(kube.implementation).toBe("http");
    const reads = await Promise.all(Array.from({ length: 5 }, () => kube.get(DEPLOY)));
    await kube.patch(DEPLOY, { spec: { replicas: 4 } });
    expect(reads.map((r) => r?.metadata.name)).toEqual(Array(5).fill("checkout-api"));
    expect(await p.runs()).toHaveLength(1);
    expect(api.requests.every((r) => r.status !== 401)).toBe(true);
  });

  it("runs with the plugin's args and env, and KUBERNETES_EXEC_INFO carries the cluster when provideClusterInfo is set", async () => {
    const api = await server(TOKEN);
    const p = await plugin(await dir(), { stdout: credential({ token: TOKEN }) });
    const kube = await createKube({
      kind: "inline",
      content: withExec(api, { command: p.path, args: ["eks", "get-token", "--cluster-name", "prod"], env: [{ name: "PLUGIN_ENV", value: "from-kubeconfig" }], provideClusterInfo: true }),
    });
    await kube.get(DEPLOY);
    const [args, env, info] = (await p.runs())[0]!.split(" | ");
    expect({ args, env }).toEqual({ args: "eks get-token --cluster-name prod", env: "from-kubeconfig" });
    expect(JSON.parse(info!)).toEqual({ apiVersion: V1, kind: "ExecCredential", spec: { interactive: false, cluster: { server: kube.server, "insecure-skip-tls-verify": true } } });
  });

  it("is fetched again once it has expired", async () => {
    const api = await server(TOKEN);
    const p = await plugin(await dir(), { stdout: credential({ token: TOKEN, expirationTimestamp: "2000-01-01T00:00:00Z" }) });
    const kube = await createKube({ kind: "inline", content: withExec(api, { command: p.path }) });
    await kube.get(DEPLOY);
    await kube.get(DEPLOY);
    expect(await p.runs()).toHaveLength(2);
  });

  it("refused with 401, is asked for again once: a rotated token is picked up, a bad one fails after two runs", async () => {
    const api = await server(TOKEN);
    // the first run hands out a token the server no longer takes; later runs, the current one
    const rotating = await plugin(await dir(), { stdout: credential({ token: "$( [ $n -eq 1 ] && echo revoked || echo " + TOKEN + " )" }) });
    const kube = await createKube({ kind: "inline", content: withExec(api, { command: rotating.path }) });
    expect((await kube.get(DEPLOY))?.metadata.name).toBe("checkout-api");
    expect(await rotating.runs()).toHaveLength(2);

    const revoked = await plugin(await dir(), { stdout: credential({ token: "revoked" }) });
    const refused = await createKube({ kind: "inline", content: withExec(api, { command: revoked.path }) });
    await expect(refused.get(DEPLOY)).rejects.toThrow(/401|Unauthorized/);
    expect(await revoked.runs()).toHaveLength(2);
  });

  it("goes to kubectl and helm as the exec block itself, the command made absolute", async () => {
    const d = await dir();
    const api = await server(TOKEN);
    await plugin(d, { stdout: credential({ token: TOKEN }) });
    const file = join(d, "kubeconfig");
    await writeFile(file, withExec(api, { command: "./plugin.sh", args: ["get-token"] }));
    const kube = await createKube({ kind: "file", path: file });
    await kube.get(DEPLOY); // the relative command ran, from the kubeconfig's directory
    const doc = JSON.parse(kube.connection!().kubeconfig);
    expect(doc.users[0].user).toEqual({ exec: { apiVersion: V1, command: join(d, "plugin.sh"), args: ["get-token"], env: [], interactiveMode: "Never", provideClusterInfo: false } });
  });
});

describe("a plugin that gives no credential fails the request with a message that says why", () => {
  it("not installed: names the command and repeats the kubeconfig's installHint", async () => {
    const api = await server(TOKEN);
    const kube = await createKube({ kind: "inline", content: withExec(api, { command: "/nonexistent/aws-iam-authenticator", installHint: "Install it: brew install aws-iam-authenticator" }) });
    await expect(kube.get(DEPLOY)).rejects.toThrow("The exec plugin /nonexistent/aws-iam-authenticator (user firebreak-sim) was not found: install it or fix the kubeconfig's command. Install it: brew install aws-iam-authenticator");
  });

  it("failing: its exit code and the last line of its stderr, never its stdout", async () => {
    const api = await server(TOKEN);
    const p = await plugin(await dir(), { stdout: "partial output with s3cr3t-value", stderr: "Error: the SSO session has expired; run aws sso login", code: 255 });
    const kube = await createKube({ kind: "inline", content: withExec(api, { command: p.path }) });
    const err: Error = await kube.get(DEPLOY).then(() => new Error("no error"), (e: Error) => e);
    expect(err.message).toContain("failed (exit 255): Error: the SSO session has expired; run aws sso login.");
    expect(err.message).not.toContain("s3cr3t");
    // a failure is not kept: the next request runs the plugin again
    await expect(kube.get(DEPLOY)).rejects.toThrow(/exit 255/);
    expect(await p.runs()).toHaveLength(2);
  });

  it.each([
    ["not JSON", "token: abc", /its output is not JSON/],
    ["another kind", JSON.stringify({ apiVersion: V1, kind: "Status" }), /kind is "Status", not "ExecCredential"/],
    ["another protocol version", JSON.stringify({ apiVersion: "client.authentication.k8s.io/v1beta1", kind: "ExecCredential", status: { token: TOKEN } }), /the kubeconfig asked for client.authentication.k8s.io\/v1/],
    ["no credential", credential({}), /neither a token nor a client certificate and key/],
    ["a bad expiry", credential({ token: TOKEN, expirationTimestamp: "tomorrow" }), /"tomorrow" is not an RFC 3339 time/],
  ])("printing %s: no usable ExecCredential", async (_what, stdout, why) => {
    const api = await server(TOKEN);
    const p = await plugin(await dir(), { stdout });
    const kube = await createKube({ kind: "inline", content: withExec(api, { command: p.path }) });
    await expect(kube.get(DEPLOY)).rejects.toThrow(why);
  });

  it("interactiveMode Always: refused before running, as nobody can answer its prompt", async () => {
    const api = await server(TOKEN);
    const p = await plugin(await dir(), { stdout: credential({ token: TOKEN }) });
    const kube = await createKube({ kind: "inline", content: withExec(api, { command: p.path, interactiveMode: "Always" }) });
    await expect(kube.get(DEPLOY)).rejects.toThrow(/interactiveMode: Always, but nobody can answer a prompt here/);
    expect(await p.runs()).toEqual([]);
  });
});

describe.skipIf(!hasOpenssl)("a client certificate from an exec plugin", () => {
  /** A self-signed certificate and key for `cn` (its own CA). */
  function selfSigned(d: string, cn: string) {
    const [key, cert] = [join(d, `${cn}.key`), join(d, `${cn}.crt`)];
    execFileSync("openssl", ["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert, "-days", "1", "-subj", `/CN=${cn}`, "-addext", "subjectAltName=IP:127.0.0.1"], { stdio: "ignore", timeout: 20_000 });
    return { key, cert };
  }

  /** A TLS front that takes only clients presenting a certificate signed by `clientCa` (mutual TLS, as an API server without tokens). */
  async function mutualTlsFront(api: KubeApiServer, d: string, clientCa: string) {
    const own = selfSigned(d, "kubernetes");
    const sockets = new Set<Socket>();
    const upstreamPort = Number(new URL(parse(api.kubeconfig()).clusters[0].cluster.server).port);
    const tls = createTlsServer({ key: await readFile(own.key), cert: await readFile(own.cert), ca: clientCa, requestCert: true, rejectUnauthorized: true }, (client) => {
      const upstream = connect(upstreamPort, "127.0.0.1");
      for (const s of [client, upstream]) sockets.add(s.on("error", () => {}));
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((r) => tls.listen(0, "127.0.0.1", r));
    cleanups.push(() => new Promise<void>((r) => (sockets.forEach((s) => s.destroy()), tls.close(() => r()))));
    return { server: `https://127.0.0.1:${(tls.address() as AddressInfo).port}`, ca: await readFile(own.cert, "utf8") };
  }

  it("is presented to the server: with it the request goes through, without it the handshake is refused", async () => {
    const d = await dir();
    const api = await server();
    const client = selfSigned(d, "firebreak");
    const front = await mutualTlsFront(api, d, await readFile(client.cert, "utf8"));
    const cluster = { server: front.server, "certificate-authority-data": Buffer.from(front.ca).toString("base64") };
    const b64 = async (f: string) => JSON.stringify(await readFile(f, "utf8"));
    const p = await plugin(d, { stdout: `{"apiVersion":"${V1}","kind":"ExecCredential","status":{"clientCertificateData":${await b64(client.cert)},"clientKeyData":${await b64(client.key)}}}` });
    const kube = await createKube({ kind: "inline", content: withExec(api, { command: p.path }, cluster) });
    expect((await kube.get(DEPLOY))?.metadata.name).toBe("checkout-api");

    const tokenOnly = await plugin(await dir(), { stdout: credential({ token: TOKEN }) });
    const refused = await createKube({ kind: "inline", content: withExec(api, { command: tokenOnly.path }, cluster) });
    await expect(refused.get(DEPLOY)).rejects.toThrow(/certificate required/);
  });
});
