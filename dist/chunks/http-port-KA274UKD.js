import { createRequire as __firebreakCreateRequire } from "node:module";
import { fileURLToPath as __firebreakFileURLToPath } from "node:url";
const require = __firebreakCreateRequire(import.meta.url);
const __filename = __firebreakFileURLToPath(import.meta.url);
const __dirname = __filename.slice(0, __filename.lastIndexOf("/"));
import {
  execCredentials
} from "./chunk-ICJVKSK5.js";
import {
  REQUEST_TIMEOUT_MS,
  RequestTimeout,
  podProxyName,
  portOver
} from "./chunk-D3JY6XMV.js";
import "./chunk-VXVKXMWV.js";
import {
  noSuchContext
} from "./chunk-KA37ZHZ6.js";
import {
  FIELD_MANAGER
} from "./chunk-QZS5YSLN.js";
import {
  KubeApiError
} from "./chunk-O5XZOHUO.js";
import "./chunk-5AMULRZH.js";

// sdk/kube/http-port.ts
import { readFileSync } from "node:fs";

// sdk/kube/discovery.ts
var WELL_KNOWN = {
  "/Pod": { name: "pods", namespaced: !0 },
  "/Service": { name: "services", namespaced: !0 },
  "/Secret": { name: "secrets", namespaced: !0 },
  "/ConfigMap": { name: "configmaps", namespaced: !0 },
  "/Namespace": { name: "namespaces", namespaced: !1 },
  "apps/Deployment": { name: "deployments", namespaced: !0 },
  "apps/ReplicaSet": { name: "replicasets", namespaced: !0 },
  "networking.k8s.io/Ingress": { name: "ingresses", namespaced: !0 },
  "autoscaling/HorizontalPodAutoscaler": { name: "horizontalpodautoscalers", namespaced: !0 },
  "networking.istio.io/VirtualService": { name: "virtualservices", namespaced: !0 },
  "networking.istio.io/DestinationRule": { name: "destinationrules", namespaced: !0 },
  "gateway.networking.k8s.io/HTTPRoute": { name: "httproutes", namespaced: !0 },
  "split.smi-spec.io/TrafficSplit": { name: "trafficsplits", namespaced: !0 },
  // read, never written, to refuse a Linkerd mesh route its proxies ignore; sent without discovery,
  // the read reaches a rehearsal's API server whether or not it serves Linkerd's CRDs, and `firebreak rbac` grants it
  "linkerd.io/ServiceProfile": { name: "serviceprofiles", namespaced: !0 }
};
function wellKnownResource(apiVersion, kind) {
  let group = apiVersion.includes("/") ? apiVersion.slice(0, apiVersion.indexOf("/")) : "", known = WELL_KNOWN[`${group}/${kind}`];
  return known && { ...known, kind };
}
var DiscoveryError = class extends Error {
  constructor(message, code, body, headers, options) {
    super(message, options);
    this.code = code;
    this.body = body;
    this.headers = headers;
  }
  code;
  body;
  headers;
  name = "DiscoveryError";
}, discoveryPath = (apiVersion) => apiVersion.includes("/") ? `/apis/${apiVersion}` : `/api/${apiVersion}`;
function createDiscovery(fetchList) {
  let cache = /* @__PURE__ */ new Map(), inFlight = /* @__PURE__ */ new Map(), fetchOnce = (apiVersion) => {
    let p = inFlight.get(apiVersion);
    return p || (p = fetchList(discoveryPath(apiVersion)).then((list) => {
      let resources = list.resources ?? [];
      return cache.set(apiVersion, resources), resources;
    }).finally(() => inFlight.delete(apiVersion)), inFlight.set(apiVersion, p)), p;
  };
  return {
    async resource(apiVersion, kind) {
      let find = (list2) => list2.find((r) => r.kind === kind && !r.name.includes("/")), cached = cache.get(apiVersion), hit = cached && find(cached);
      if (hit) return hit;
      let list;
      try {
        list = await fetchOnce(apiVersion);
      } catch (err) {
        if (err instanceof RequestTimeout) throw err;
        let e = err;
        throw new DiscoveryError(`Failed to fetch resource metadata for ${apiVersion}/${kind}: ${e.message ?? String(err)}`, e.code, e.body, e.headers, { cause: err });
      }
      let found = find(list);
      if (!found) throw new Error(`Unrecognized API version and kind: ${apiVersion} ${kind}`);
      return found;
    }
  };
}

// sdk/kube/http-port.ts
var MAX_SOCKETS_PER_CLUSTER = 32, TOKEN_FILE_TTL_MS = 6e4, MAX_RESPONSE_BYTES = 64 * 1024 * 1024, HttpStatusError = class extends Error {
  constructor(code, body, what, headers = {}) {
    super(`HTTP-Code: ${code} for ${what}`);
    this.code = code;
    this.body = body;
    this.headers = headers;
  }
  code;
  body;
  headers;
  name = "HttpStatusError";
}, read = (m) => "data" in m ? m.data : readFileSync(m.file, "utf8");
function authorization(user) {
  if (user.token) return () => `Bearer ${user.token}`;
  if (user.tokenFile) {
    let cached;
    return () => ((!cached || Date.now() - cached.at > TOKEN_FILE_TTL_MS) && (cached = { value: readFileSync(user.tokenFile, "utf8").trim(), at: Date.now() }), `Bearer ${cached.value}`);
  }
  if (user.username !== void 0) {
    let basic = `Basic ${Buffer.from(`${user.username}:${user.password ?? ""}`).toString("base64")}`;
    return () => basic;
  }
  return () => {
  };
}
var { Agent: HttpAgent, request: httpRequest } = process.getBuiltinModule("node:http");
function agentFor(ctx, https, credential) {
  let common = { keepAlive: !0, maxSockets: MAX_SOCKETS_PER_CLUSTER };
  if (!https) return new HttpAgent(common);
  let { Agent } = process.getBuiltinModule("node:https"), c = ctx.cluster;
  return new Agent({
    ...common,
    ...c.ca ? { ca: read(c.ca) } : {},
    ...ctx.user.cert ? { cert: read(ctx.user.cert) } : {},
    ...ctx.user.key ? { key: read(ctx.user.key) } : {},
    ...credential?.cert ? { cert: credential.cert, key: credential.key } : {},
    rejectUnauthorized: !c.insecure,
    ...c.tlsServerName ? { servername: c.tlsServerName } : {}
  });
}
function collect(res, done) {
  let chunks = [], size = 0;
  res.on("data", (c) => {
    if (size += c.length, size > MAX_RESPONSE_BYTES) return void res.destroy(new Error(`the answer exceeded ${MAX_RESPONSE_BYTES} bytes`));
    chunks.push(c);
  }), res.on("end", () => done(void 0, { status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString("utf8"), headers: res.headers })), res.on("error", (err) => done(err)), res.on("aborted", () => done(Object.assign(new Error("socket hang up"), { code: "ECONNRESET" })));
}
function openCluster(ctx, timeoutMs) {
  if (!ctx.cluster) throw new KubeApiError(0, `context ${ctx.name}`, "the kubeconfig context names no cluster");
  let server = ctx.cluster.server.replace(/\/+$/, ""), https = server.startsWith("https:"), request = https ? process.getBuiltinModule("node:https").request : httpRequest, agent = agentFor(ctx, https), auth = authorization(ctx.user), sendOnce = (method, path, body, through, token) => new Promise((resolve, reject) => {
    let settled = !1, settle = (err, answer) => {
      settled || (settled = !0, clearTimeout(timer), err ? reject(err) : resolve(answer));
    }, headers = {
      Accept: "application/json, */*;q=0.8",
      "User-Agent": "firebreak",
      ...token ? { Authorization: token } : {},
      ...body ? { "Content-Type": body.type, "Content-Length": Buffer.byteLength(body.text) } : {}
    }, req = request(`${server}${path}`, { method, agent: through, headers }, (res) => collect(res, settle)), timer = setTimeout(() => {
      settle(new RequestTimeout(`no answer to ${method} ${path} within ${timeoutMs} ms`)), req.destroy();
    }, timeoutMs);
    req.on("error", (err) => settle(err)), req.end(body?.text);
  }), send = (method, path, body) => sendOnce(method, path, body, agent, auth()), plugin = ctx.user.exec;
  if (plugin) {
    let c = ctx.cluster, caPem = c.ca && plugin.provideClusterInfo ? read(c.ca) : void 0, credentials = execCredentials(plugin, ctx.user.name, { server, ...caPem ? { caPem } : {}, insecure: c.insecure, ...c.tlsServerName ? { tlsServerName: c.tlsServerName } : {} }), certAgent, agentWith = (credential) => credential.cert ? (certAgent?.credential !== credential && (certAgent = { credential, agent: agentFor(ctx, https, credential) }), certAgent.agent) : agent, sendWith = (credential, method, path, body) => sendOnce(method, path, body, agentWith(credential), credential.token ? `Bearer ${credential.token}` : void 0);
    send = async (method, path, body) => {
      let credential = await credentials.get(), answer = await sendWith(credential, method, path, body);
      return answer.status === 401 ? sendWith(await credentials.refresh(credential), method, path, body) : answer;
    };
  }
  let getJson = async (path) => ok(await send("GET", path), `GET ${path}`);
  return {
    context: ctx.name,
    server: ctx.cluster.server,
    namespace: ctx.namespace ?? "default",
    discovery: createDiscovery((path) => getJson(path)),
    send
  };
}
function ok(answer, what) {
  let body = answer.text;
  try {
    body = JSON.parse(answer.text);
  } catch {
  }
  if (answer.status < 200 || answer.status >= 300) throw new HttpStatusError(answer.status, body, what, answer.headers);
  return body;
}
var execBlock = (p) => ({
  apiVersion: p.apiVersion,
  command: p.command,
  args: p.args,
  env: Object.entries(p.env).map(([name, value]) => ({ name, value })),
  interactiveMode: p.interactiveMode,
  provideClusterInfo: p.provideClusterInfo,
  ...p.installHint ? { installHint: p.installHint } : {}
});
function connectionOf(ctx) {
  let c = ctx.cluster, u = ctx.user, pem = (m, key) => m === void 0 ? {} : "data" in m ? { [`${key}-data`]: Buffer.from(m.data).toString("base64") } : { [key]: m.file }, doc = {
    apiVersion: "v1",
    kind: "Config",
    clusters: [{ name: c.name, cluster: { server: c.server, ...pem(c.ca, "certificate-authority"), ...c.insecure ? { "insecure-skip-tls-verify": !0 } : {}, ...c.tlsServerName ? { "tls-server-name": c.tlsServerName } : {} } }],
    users: [
      {
        name: u.name,
        user: {
          ...u.token ? { token: u.token } : {},
          ...u.tokenFile ? { tokenFile: u.tokenFile } : {},
          ...pem(u.cert, "client-certificate"),
          ...pem(u.key, "client-key"),
          ...u.username !== void 0 ? { username: u.username, password: u.password ?? "" } : {},
          ...u.exec ? { exec: execBlock(u.exec) } : {}
        }
      }
    ],
    contexts: [{ name: ctx.name, context: { cluster: c.name, user: u.name, ...ctx.namespace ? { namespace: ctx.namespace } : {} } }],
    "current-context": ctx.name
  };
  return { kubeconfig: JSON.stringify(doc), context: ctx.name, server: c.server };
}
function createHttpKube(config, options = {}) {
  let timeoutMs = options.requestTimeoutMs ?? REQUEST_TIMEOUT_MS, clusters = /* @__PURE__ */ new Map(), contextOf = (context) => {
    let ctx = config.contexts.get(context ?? config.current);
    if (!ctx) throw noSuchContext(context ?? config.current, [...config.contexts.keys()]);
    return ctx;
  }, clusterFor = (context) => {
    let ctx = contextOf(context), c = clusters.get(ctx.name);
    return c || clusters.set(ctx.name, c = openCluster(ctx, timeoutMs)), c;
  }, pathOf = async (c, ref, listing = !1) => {
    let r = wellKnownResource(ref.apiVersion, ref.kind) ?? await c.discovery.resource(ref.apiVersion, ref.kind), ns = r.namespaced ? ref.namespace ?? (listing ? void 0 : c.namespace) : void 0;
    return `${ref.apiVersion.includes("/") ? `/apis/${ref.apiVersion}` : `/api/${ref.apiVersion}`}${ns ? `/namespaces/${encodeURIComponent(ns)}` : ""}/${r.name}${ref.name !== void 0 ? `/${encodeURIComponent(ref.name)}` : ""}`;
  }, call = async (c, method, path, body) => ok(await c.send(method, path, body), `${method} ${path.split("?")[0]}`), callKnown = async (c, ref, method, path, body) => {
    try {
      return await call(c, method, path, body);
    } catch (err) {
      throw err instanceof HttpStatusError && err.code === 404 && wellKnownResource(ref.apiVersion, ref.kind) && await c.discovery.resource(ref.apiVersion, ref.kind), err;
    }
  };
  return portOver({
    target: (context) => clusterFor(context),
    async read(ref) {
      let c = clusterFor(ref.context);
      return callKnown(c, ref, "GET", await pathOf(c, ref));
    },
    async list(o) {
      let c = clusterFor(o.context), selectors = Object.entries({ labelSelector: o.labelSelector, fieldSelector: o.fieldSelector }).flatMap(([k, v]) => v ? [`${k}=${encodeURIComponent(v)}`] : []), query = selectors.length ? `?${selectors.join("&")}` : "";
      return callKnown(c, o, "GET", `${await pathOf(c, o, !0)}${query}`);
    },
    async patch(ref, body, apply) {
      let c = clusterFor(ref.context), query = new URLSearchParams({ fieldManager: FIELD_MANAGER });
      apply?.dryRun && query.set("dryRun", "All"), apply && query.set("force", String(apply.force ?? !1));
      let type = apply ? "application/apply-patch+yaml" : "application/merge-patch+json";
      return callKnown(c, ref, "PATCH", `${await pathOf(c, ref)}?${query}`, { type, text: JSON.stringify(body) });
    },
    async proxyGet(pod, path) {
      let c = clusterFor(pod.context), [rest, query] = path.replace(/^\//, "").split(/\?(.*)/s, 2), encoded = (rest ?? "").split("/").map(encodeURIComponent).join("/"), url = `/api/v1/namespaces/${encodeURIComponent(pod.namespace)}/pods/${podProxyName({ ...pod, name: encodeURIComponent(pod.name) })}/proxy/${encoded}${query ? `?${query}` : ""}`, answer = await c.send("GET", url);
      if (answer.status < 200 || answer.status >= 300) throw new HttpStatusError(answer.status, answer.text, `GET ${url.split("?")[0]}`);
      return answer.text;
    },
    connection: (context) => connectionOf(contextOf(context)),
    async servedVersions(group, context) {
      let c = clusterFor(context);
      return ((await call(c, "GET", `/apis/${encodeURIComponent(group)}`)).versions ?? []).flatMap((v) => v.version ? [v.version] : []);
    }
  }, timeoutMs);
}
export {
  MAX_SOCKETS_PER_CLUSTER,
  createHttpKube
};
