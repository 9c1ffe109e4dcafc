import { createRequire as __firebreakCreateRequire } from "node:module";
import { fileURLToPath as __firebreakFileURLToPath } from "node:url";
const require = __firebreakCreateRequire(import.meta.url);
const __filename = __firebreakFileURLToPath(import.meta.url);
const __dirname = __filename.slice(0, __filename.lastIndexOf("/"));
import {
  EXEC_API_VERSIONS
} from "./chunk-ICJVKSK5.js";
import {
  mergeKubeconfigFiles,
  parseKubeconfigYaml
} from "./chunk-7MWAMBLI.js";
import {
  REQUEST_TIMEOUT_MS
} from "./chunk-D3JY6XMV.js";
import {
  KubeconfigError,
  SERVICE_ACCOUNT_DIR,
  defaultKubeconfig,
  describeSource,
  noServiceAccountToken,
  noSuchContext,
  notInCluster,
  unloadable
} from "./chunk-KA37ZHZ6.js";

// sdk/kube/static-kubeconfig.ts
import { existsSync, readFileSync } from "node:fs";
import { dirname, isAbsolute, join, resolve } from "node:path";
var CLUSTER_KEYS = /* @__PURE__ */ new Set(["server", "certificate-authority", "certificate-authority-data", "insecure-skip-tls-verify", "tls-server-name", "extensions", "disable-compression"]), STATIC_CREDENTIALS = ["token", "tokenFile", "client-certificate", "client-certificate-data", "client-key", "client-key-data", "username"], USER_KEYS = /* @__PURE__ */ new Set([...STATIC_CREDENTIALS, "password", "exec", "extensions"]), str = (v) => typeof v == "string" && v !== "" ? v : void 0, decode = (b64) => Buffer.from(b64, "base64").toString("utf8");
function material(data, file, base) {
  if (str(data)) return { data: decode(str(data)) };
  if (str(file)) return { file: isAbsolute(str(file)) ? str(file) : resolve(base, str(file)) };
}
function dynamicPart(name, cluster, user) {
  let foreignUser = Object.keys(user).find((k) => !USER_KEYS.has(k));
  if (foreignUser) return `context ${name}: its user's ${foreignUser} needs client-node`;
  let hasCert = !!(str(user["client-certificate"]) || str(user["client-certificate-data"])), hasKey = !!(str(user["client-key"]) || str(user["client-key-data"]));
  if (hasCert !== hasKey) return `context ${name}: a client certificate without its key (or a key without its certificate)`;
  if (user.exec !== void 0) {
    let exec = user.exec;
    if (!EXEC_API_VERSIONS.includes(String(exec?.apiVersion))) return `context ${name}: its user's exec plugin speaks ${String(exec?.apiVersion)}, which needs client-node`;
    if (!str(exec?.command)) return `context ${name}: its user's exec plugin names no command`;
    let alongside = STATIC_CREDENTIALS.find((k) => str(user[k]));
    if (alongside) return `context ${name}: its user has an exec plugin and ${alongside} both, which needs client-node`;
  }
  if (!cluster) return;
  let foreignCluster = Object.keys(cluster).find((k) => !CLUSTER_KEYS.has(k));
  if (foreignCluster) return `context ${name}: its cluster's ${foreignCluster} needs client-node`;
  let server = str(cluster.server) ?? "", trusted = str(cluster["certificate-authority"]) || str(cluster["certificate-authority-data"]) || cluster["insecure-skip-tls-verify"] === !0;
  if (server.startsWith("https:") && !trusted) return `context ${name}: an HTTPS server without a CA in the kubeconfig (the system's CAs are client-node's job)`;
}
var clusterOf = (name, cluster, base) => {
  let ca = material(cluster["certificate-authority-data"], cluster["certificate-authority"], base);
  return {
    name,
    server: str(cluster.server),
    ...ca ? { ca } : {},
    insecure: cluster["insecure-skip-tls-verify"] === !0,
    ...str(cluster["tls-server-name"]) ? { tlsServerName: str(cluster["tls-server-name"]) } : {}
  };
}, userOf = (name, user, base) => {
  let cert = material(user["client-certificate-data"], user["client-certificate"], base), key = material(user["client-key-data"], user["client-key"], base);
  return {
    name,
    ...str(user.token) ? { token: str(user.token) } : {},
    ...str(user.tokenFile) ? { tokenFile: resolve(base, str(user.tokenFile)) } : {},
    ...cert ? { cert } : {},
    ...key ? { key } : {},
    ...str(user.username) ? { username: str(user.username) } : {},
    ...typeof user.password == "string" ? { password: user.password } : {},
    ...user.exec ? { exec: execPluginOf(user.exec, base) } : {}
  };
};
function execPluginOf(exec, base) {
  let command = str(exec.command), env = Array.isArray(exec.env) ? exec.env : [], mode = str(exec.interactiveMode);
  return {
    apiVersion: String(exec.apiVersion),
    command: command.includes("/") && !isAbsolute(command) ? resolve(base, command) : command,
    args: Array.isArray(exec.args) ? exec.args.map(String) : [],
    env: Object.fromEntries(env.filter((e) => str(e?.name)).map((e) => [String(e.name), String(e.value ?? "")])),
    ...str(exec.installHint) ? { installHint: str(exec.installHint) } : {},
    provideClusterInfo: exec.provideClusterInfo === !0,
    interactiveMode: mode === "Never" || mode === "Always" ? mode : "IfAvailable"
  };
}
function fromText(text, base) {
  return fromDoc(parseKubeconfigYaml(text) ?? {}, base);
}
function fromDoc(doc, base) {
  let byName = (list, key) => new Map((list ?? []).map((e) => [e.name ?? "", e[key] ?? {}])), clusters = byName(doc.clusters, "cluster"), users = byName(doc.users, "user"), contexts = /* @__PURE__ */ new Map();
  for (let entry of doc.contexts ?? []) {
    let name = entry.name ?? "", c = entry.context ?? {}, cluster = clusters.get(c.cluster ?? ""), user = users.get(c.user ?? "") ?? {}, why = dynamicPart(name, cluster, user);
    if (why) return { lean: !1, reason: why };
    contexts.set(name, {
      name,
      ...cluster && str(cluster.server) ? { cluster: clusterOf(c.cluster, cluster, base) } : {},
      user: userOf(c.user ?? "", user, base),
      ...str(c.namespace) ? { namespace: c.namespace } : {}
    });
  }
  return { lean: !0, config: { current: str(doc["current-context"]) ?? "", contexts } };
}
function inCluster(root) {
  let host = process.env.KUBERNETES_SERVICE_HOST, port = process.env.KUBERNETES_SERVICE_PORT;
  if (!host || !port) throw notInCluster();
  let sa = join(root, SERVICE_ACCOUNT_DIR);
  if (!existsSync(join(sa, "token"))) throw noServiceAccountToken(join(sa, "token"));
  let namespaceFile = join(sa, "namespace"), namespace = existsSync(namespaceFile) ? readFileSync(namespaceFile, "utf8").trim() : void 0, context = {
    name: "inClusterContext",
    cluster: { name: "inCluster", server: `https://${host.includes(":") ? `[${host}]` : host}:${port}`, ca: { file: join(sa, "ca.crt") }, insecure: !1 },
    // a file, re-read as the kubelet rotates the bound token
    user: { name: "inClusterUser", tokenFile: join(sa, "token") },
    ...namespace ? { namespace } : {}
  };
  return { lean: !0, config: { current: context.name, contexts: /* @__PURE__ */ new Map([[context.name, context]]) } };
}
function loadStaticKubeconfig(source) {
  let load;
  try {
    switch (source.kind) {
      case "default": {
        let picked = defaultKubeconfig();
        if (picked.kind !== "files") return loadStaticKubeconfig(picked);
        load = fromDoc(mergeKubeconfigFiles(picked.paths), process.cwd());
        break;
      }
      case "file":
        load = fromText(readFileSync(source.path, "utf8"), dirname(resolve(source.path)));
        break;
      case "inline":
        load = fromText(source.content, process.cwd());
        break;
      case "in-cluster":
        load = inCluster(source.root ?? "");
        break;
    }
  } catch (err) {
    throw unloadable(source, err);
  }
  if (load.lean && !load.config.contexts.get(load.config.current)?.cluster)
    throw new KubeconfigError(`${describeSource(source)} names no current cluster: set its current-context, or name a context.`);
  return load;
}

// sdk/kube/index.ts
async function createKube(source, options = {}) {
  let requestTimeoutMs = options.requestTimeoutMs ?? REQUEST_TIMEOUT_MS, load = loadStaticKubeconfig(source);
  if (load.lean) {
    let { createHttpKube } = await import("./http-port-KA274UKD.js"), config = options.context ? { ...load.config, current: options.context } : load.config, current = config.contexts.get(config.current);
    if (!current) throw noSuchContext(config.current, [...config.contexts.keys()]);
    if (!current.cluster) throw new KubeconfigError(`The kubeconfig's context ${config.current} names no cluster: name another context.`);
    return { ...createHttpKube(config, { requestTimeoutMs }), implementation: "http", context: config.current, server: current.cluster.server };
  }
  let { createClientNodeKube, loadKubeConfig } = await import("./client-node-port-YVSRKCSX.js"), kc = loadKubeConfig(source);
  if (options.context) {
    if (!kc.getContextObject(options.context)) throw noSuchContext(options.context, kc.getContexts().map((c) => c.name));
    kc.setCurrentContext(options.context);
  }
  let cluster = kc.getCurrentCluster();
  if (!cluster) throw new KubeconfigError(`The kubeconfig's context ${kc.getCurrentContext()} names no cluster: name another context.`);
  return { ...createClientNodeKube(kc, { requestTimeoutMs }), implementation: "client-node", reason: load.reason, context: kc.getCurrentContext(), server: cluster.server };
}

export {
  createKube
};
