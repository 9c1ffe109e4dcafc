import { readFileSync } from "node:fs";
import type { Agent, IncomingHttpHeaders, IncomingMessage, RequestOptions } from "node:http";
import { KubeApiError } from "../errors.ts";
import { FIELD_MANAGER, type KubeConnection, type KubePort, type ObjectRef } from "../ports/kube.ts";
import { createDiscovery, wellKnownResource, type Discovery } from "./discovery.ts";
import { noSuchContext } from "./source.ts";
import { podProxyName, portOver, REQUEST_TIMEOUT_MS, RequestTimeout, type KubeTransport } from "./port-core.ts";
import type { StaticContext, StaticKubeconfig } from "./static-kubeconfig.ts";
import { execCredentials, type ExecCredential, type ExecPlugin } from "./exec-credential.ts";

/**
 * The lean KubePort: node:http/node:https with one keep-alive Agent per cluster, for kubeconfigs
 * with static credentials or exec plugins. It loads in a few milliseconds where client-node takes
 * about 0.1 s, and reuses its connections where client-node 1.4 opens one per request. Same
 * semantics as the client-node port: both are {@link portOver} a transport.
 */

/**
 * Connections one port keeps to one API server. Enough for a step's concurrent writes to overlap
 * (100 isolations are 600 requests), few enough not to look like a flood to API Priority and
 * Fairness; client-go keeps up to 25 idle connections per host.
 */
export const MAX_SOCKETS_PER_CLUSTER = 32;
/** How long a token file's content is trusted before it is read again; client-go re-reads it every minute (bound service account tokens rotate). */
const TOKEN_FILE_TTL_MS = 60_000;
/** Largest response body accepted; a list this big is a runaway selector, not an answer. */
const MAX_RESPONSE_BYTES = 64 * 1024 * 1024;

export interface HttpKubeOptions {
  /** Per-request deadline (default REQUEST_TIMEOUT_MS). */
  requestTimeoutMs?: number;
}

/** A non-2xx answer, shaped as the shared error mapping reads it; never carries the request's headers. */
class HttpStatusError extends Error {
  override name = "HttpStatusError";
  constructor(
    readonly code: number,
    readonly body: unknown,
    what: string,
    /** The answer's headers (Retry-After); never the request's. */
    readonly headers: IncomingHttpHeaders = {},
  ) {
    super(`HTTP-Code: ${code} for ${what}`);
  }
}

interface Answer {
  status: number;
  text: string;
  headers: IncomingHttpHeaders;
}

/** One context's way to its cluster: the agent, the credentials, the discovery cache. */
interface Cluster {
  context: string;
  server: string;
  namespace: string;
  discovery: Discovery;
  send(method: string, path: string, body?: { type: string; text: string }): Promise<Answer>;
}

const read = (m: { data: string } | { file: string }) => ("data" in m ? m.data : readFileSync(m.file, "utf8"));

/** The Authorization header of a user, or undefined; a token file is re-read after TOKEN_FILE_TTL_MS. */
function authorization(user: StaticContext["user"]): () => string | undefined {
  if (user.token) return () => `Bearer ${user.token}`;
  if (user.tokenFile) {
    let cached: { value: string; at: number } | undefined;
    return () => {
      if (!cached || Date.now() - cached.at > TOKEN_FILE_TTL_MS) cached = { value: readFileSync(user.tokenFile!, "utf8").trim(), at: Date.now() };
      return `Bearer ${cached.value}`;
    };
  }
  if (user.username !== undefined) {
    const basic = `Basic ${Buffer.from(`${user.username}:${user.password ?? ""}`).toString("base64")}`;
    return () => basic;
  }
  return () => undefined;
}

// Through getBuiltinModule, not an ESM import: Node builds an ESM facade of node:http by reading
// every export, and one of them is a lazy getter that loads undici (about 10 ms on the incident path).
const { Agent: HttpAgent, request: httpRequest } = process.getBuiltinModule("node:http");

/**
 * A keep-alive agent for the cluster, with its CA and the user's client certificate (or the one an
 * exec plugin gave). node:https is loaded only for an https server.
 */
function agentFor(ctx: StaticContext, https: boolean, credential?: ExecCredential): Agent {
  const common = { keepAlive: true, maxSockets: MAX_SOCKETS_PER_CLUSTER };
  if (!https) return new HttpAgent(common);
  const { Agent } = process.getBuiltinModule("node:https");
  const c = ctx.cluster!;
  return new Agent({
    ...common,
    ...(c.ca ? { ca: read(c.ca) } : {}),
    ...(ctx.user.cert ? { cert: read(ctx.user.cert) } : {}),
    ...(ctx.user.key ? { key: read(ctx.user.key) } : {}),
    ...(credential?.cert ? { cert: credential.cert, key: credential.key } : {}),
    rejectUnauthorized: !c.insecure,
    ...(c.tlsServerName ? { servername: c.tlsServerName } : {}),
  });
}

/** Reads an answer to its end; the deadline covers the body too. */
function collect(res: IncomingMessage, done: (err: Error | undefined, answer?: Answer) => void): void {
  const chunks: Buffer[] = [];
  let size = 0;
  res.on("data", (c: Buffer) => {
    size += c.length;
    if (size > MAX_RESPONSE_BYTES) return void res.destroy(new Error(`the answer exceeded ${MAX_RESPONSE_BYTES} bytes`));
    chunks.push(c);
  });
  res.on("end", () => done(undefined, { status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString("utf8"), headers: res.headers }));
  res.on("error", (err) => done(err));
  res.on("aborted", () => done(Object.assign(new Error("socket hang up"), { code: "ECONNRESET" })));
}

function openCluster(ctx: StaticContext, timeoutMs: number): Cluster {
  if (!ctx.cluster) throw new KubeApiError(0, `context ${ctx.name}`, "the kubeconfig context names no cluster");
  const server = ctx.cluster.server.replace(/\/+$/, "");
  const https = server.startsWith("https:");
  const request = https ? process.getBuiltinModule("node:https").request : httpRequest;
  const agent = agentFor(ctx, https);
  const auth = authorization(ctx.user);
  const sendOnce = (method: string, path: string, body: { type: string; text: string } | undefined, through: Agent, token: string | undefined) =>
    new Promise<Answer>((resolve, reject) => {
      let settled = false;
      const settle = (err: Error | undefined, answer?: Answer) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        if (err) reject(err);
        else resolve(answer!);
      };
      const headers: RequestOptions["headers"] = {
        Accept: "application/json, */*;q=0.8",
        "User-Agent": "firebreak",
        ...(token ? { Authorization: token } : {}),
        ...(body ? { "Content-Type": body.type, "Content-Length": Buffer.byteLength(body.text) } : {}),
      };
      const req = request(`${server}${path}`, { method, agent: through, headers }, (res) => collect(res, settle));
      // the deadline ends this request (and its socket); the shared core names the server
      const timer = setTimeout(() => {
        settle(new RequestTimeout(`no answer to ${method} ${path} within ${timeoutMs} ms`));
        req.destroy();
      }, timeoutMs);
      req.on("error", (err) => settle(err));
      req.end(body?.text);
    });
  let send: Cluster["send"] = (method, path, body) => sendOnce(method, path, body, agent, auth());
  const plugin = ctx.user.exec;
  if (plugin) {
    const c = ctx.cluster;
    // the CA goes to the plugin only when it asks for the cluster (the agent has read it already)
    const caPem = c.ca && plugin.provideClusterInfo ? read(c.ca) : undefined;
    const credentials = execCredentials(plugin, ctx.user.name, { server, ...(caPem ? { caPem } : {}), insecure: c.insecure, ...(c.tlsServerName ? { tlsServerName: c.tlsServerName } : {}) });
    // a plugin's client certificate needs an agent of its own, made again when the plugin gives a new one
    let certAgent: { credential: ExecCredential; agent: Agent } | undefined;
    const agentWith = (credential: ExecCredential) => {
      if (!credential.cert) return agent;
      if (certAgent?.credential !== credential) certAgent = { credential, agent: agentFor(ctx, https, credential) };
      return certAgent.agent;
    };
    const sendWith = (credential: ExecCredential, method: string, path: string, body?: { type: string; text: string }) =>
      sendOnce(method, path, body, agentWith(credential), credential.token ? `Bearer ${credential.token}` : undefined);
    send = async (method, path, body) => {
      const credential = await credentials.get();
      const answer = await sendWith(credential, method, path, body);
      // as client-go: a credential the server refuses is asked for again, once
      return answer.status === 401 ? sendWith(await credentials.refresh(credential), method, path, body) : answer;
    };
  }
  const getJson = async (path: string) => ok(await send("GET", path), `GET ${path}`);
  return {
    context: ctx.name,
    server: ctx.cluster.server,
    namespace: ctx.namespace ?? "default",
    discovery: createDiscovery((path) => getJson(path) as Promise<{ resources?: [] }>),
    send,
  };
}

/** The parsed body of a 2xx answer; anything else thrown as an HttpStatusError with the server's Status. */
function ok(answer: Answer, what: string): unknown {
  let body: unknown = answer.text;
  try {
    body = JSON.parse(answer.text);
  } catch {
    // not JSON (a pod's answer, a proxy's text): kept as text
  }
  if (answer.status < 200 || answer.status >= 300) throw new HttpStatusError(answer.status, body, what, answer.headers);
  return body;
}

/** An exec plugin as a kubeconfig names it: kubectl and helm run it themselves. */
const execBlock = (p: ExecPlugin) => ({
  apiVersion: p.apiVersion,
  command: p.command,
  args: p.args,
  env: Object.entries(p.env).map(([name, value]) => ({ name, value })),
  interactiveMode: p.interactiveMode,
  provideClusterInfo: p.provideClusterInfo,
  ...(p.installHint ? { installHint: p.installHint } : {}),
});

/** A self-contained kubeconfig for a CLI: the context, its cluster and user, file paths absolute. */
function connectionOf(ctx: StaticContext): KubeConnection {
  const c = ctx.cluster!;
  const u = ctx.user;
  const pem = (m: { data: string } | { file: string } | undefined, key: string) =>
    m === undefined ? {} : "data" in m ? { [`${key}-data`]: Buffer.from(m.data).toString("base64") } : { [key]: m.file };
  const doc = {
    apiVersion: "v1",
    kind: "Config",
    clusters: [{ name: c.name, cluster: { server: c.server, ...pem(c.ca, "certificate-authority"), ...(c.insecure ? { "insecure-skip-tls-verify": true } : {}), ...(c.tlsServerName ? { "tls-server-name": c.tlsServerName } : {}) } }],
    users: [
      {
        name: u.name,
        user: {
          ...(u.token ? { token: u.token } : {}),
          ...(u.tokenFile ? { tokenFile: u.tokenFile } : {}),
          ...pem(u.cert, "client-certificate"),
          ...pem(u.key, "client-key"),
          ...(u.username !== undefined ? { username: u.username, password: u.password ?? "" } : {}),
          ...(u.exec ? { exec: execBlock(u.exec) } : {}),
        },
      },
    ],
    contexts: [{ name: ctx.name, context: { cluster: c.name, user: u.name, ...(ctx.namespace ? { namespace: ctx.namespace } : {}) } }],
    "current-context": ctx.name,
  };
  return { kubeconfig: JSON.stringify(doc), context: ctx.name, server: c.server };
}

/**
 * The lean Kubernetes port over a kubeconfig with static credentials or exec plugins (see static-kubeconfig.ts):
 * one keep-alive agent per context's cluster, made on first use; handles naming a `context` act
 * on that context's cluster. Prefer {@link createKube}, which picks this port when it can.
 * @example
 * const load = loadStaticKubeconfig({ kind: "inline", content });
 * if (load.lean) await createHttpKube(load.config).get({ apiVersion: "apps/v1", kind: "Deployment", namespace: "prod", name: "checkout-api" });
 */
export function createHttpKube(config: StaticKubeconfig, options: HttpKubeOptions = {}): KubePort {
  const timeoutMs = options.requestTimeoutMs ?? REQUEST_TIMEOUT_MS;
  const clusters = new Map<string, Cluster>();
  const contextOf = (context?: string): StaticContext => {
    const ctx = config.contexts.get(context ?? config.current);
    if (!ctx) throw noSuchContext(context ?? config.current, [...config.contexts.keys()]);
    return ctx;
  };
  const clusterFor = (context?: string): Cluster => {
    const ctx = contextOf(context);
    let c = clusters.get(ctx.name);
    if (!c) clusters.set(ctx.name, (c = openCluster(ctx, timeoutMs)));
    return c;
  };
  /** The URL path of an object (or, without `name`, of its collection): well known, or found through discovery. */
  const pathOf = async (c: Cluster, ref: { apiVersion: string; kind: string; namespace?: string; name?: string }, listing = false) => {
    const r = wellKnownResource(ref.apiVersion, ref.kind) ?? (await c.discovery.resource(ref.apiVersion, ref.kind));
    // as client-node: a namespaced object named without a namespace is in the context's namespace; a list without one spans them all
    const ns = r.namespaced ? ref.namespace ?? (listing ? undefined : c.namespace) : undefined;
    const base = ref.apiVersion.includes("/") ? `/apis/${ref.apiVersion}` : `/api/${ref.apiVersion}`;
    return `${base}${ns ? `/namespaces/${encodeURIComponent(ns)}` : ""}/${r.name}${ref.name !== undefined ? `/${encodeURIComponent(ref.name)}` : ""}`;
  };
  const call = async (c: Cluster, method: string, path: string, body?: { type: string; text: string }) => ok(await c.send(method, path, body), `${method} ${path.split("?")[0]}`);
  /**
   * `call` on a path built without discovery: a 404 may then mean the group is not served (the CRD
   * is missing) rather than the object; discovery tells which, and throws as it does for others.
   */
  const callKnown = async (c: Cluster, ref: { apiVersion: string; kind: string }, method: string, path: string, body?: { type: string; text: string }) => {
    try {
      return await call(c, method, path, body);
    } catch (err) {
      if (err instanceof HttpStatusError && err.code === 404 && wellKnownResource(ref.apiVersion, ref.kind)) await c.discovery.resource(ref.apiVersion, ref.kind);
      throw err;
    }
  };

  const transport: KubeTransport = {
    target: (context) => clusterFor(context),
    async read(ref: ObjectRef) {
      const c = clusterFor(ref.context);
      return callKnown(c, ref, "GET", await pathOf(c, ref));
    },
    async list(o) {
      const c = clusterFor(o.context);
      const selectors = Object.entries({ labelSelector: o.labelSelector, fieldSelector: o.fieldSelector }).flatMap(([k, v]) => (v ? [`${k}=${encodeURIComponent(v)}`] : []));
      const query = selectors.length ? `?${selectors.join("&")}` : "";
      return callKnown(c, o, "GET", `${await pathOf(c, o, true)}${query}`) as Promise<{ items: unknown[] }>;
    },
    async patch(ref, body, apply) {
      const c = clusterFor(ref.context);
      const query = new URLSearchParams({ fieldManager: FIELD_MANAGER });
      if (apply?.dryRun) query.set("dryRun", "All");
      if (apply) query.set("force", String(apply.force ?? false));
      // JSON is YAML: an apply body needs no YAML serializer
      const type = apply ? "application/apply-patch+yaml" : "application/merge-patch+json";
      return callKnown(c, ref, "PATCH", `${await pathOf(c, ref)}?${query}`, { type, text: JSON.stringify(body) });
    },
    async proxyGet(pod, path) {
      const c = clusterFor(pod.context);
      const [rest, query] = path.replace(/^\//, "").split(/\?(.*)/s, 2);
      const encoded = (rest ?? "").split("/").map(encodeURIComponent).join("/");
      const url = `/api/v1/namespaces/${encodeURIComponent(pod.namespace)}/pods/${podProxyName({ ...pod, name: encodeURIComponent(pod.name) })}/proxy/${encoded}${query ? `?${query}` : ""}`;
      const answer = await c.send("GET", url);
      // the pod's answer is text, whatever it is: the probe reads status and body as sent
      if (answer.status < 200 || answer.status >= 300) throw new HttpStatusError(answer.status, answer.text, `GET ${url.split("?")[0]}`);
      return answer.text;
    },
    connection: (context) => connectionOf(contextOf(context)),
    async servedVersions(group, context) {
      const c = clusterFor(context);
      const apiGroup = (await call(c, "GET", `/apis/${encodeURIComponent(group)}`)) as { versions?: { version?: string }[] };
      return (apiGroup.versions ?? []).flatMap((v) => (v.version ? [v.version] : []));
    },
  };
  return portOver(transport, timeoutMs);
}
