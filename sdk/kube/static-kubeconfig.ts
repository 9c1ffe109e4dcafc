import { existsSync, readFileSync } from "node:fs";
import { dirname, isAbsolute, join, resolve } from "node:path";
import { EXEC_API_VERSIONS, type ExecPlugin } from "./exec-credential.ts";
import { mergeKubeconfigFiles, parseKubeconfigYaml } from "./kubeconfig-files.ts";
import { defaultKubeconfig, describeSource, KubeconfigError, noServiceAccountToken, notInCluster, SERVICE_ACCOUNT_DIR, unloadable, type KubeconfigSource } from "./source.ts";

/**
 * Reads a kubeconfig without `@kubernetes/client-node` and decides whether the lean port can serve
 * it: every context's cluster is a server with a CA (or `insecure-skip-tls-verify`, or plain HTTP),
 * and every user has static credentials (a token or token file, a client certificate and key, a
 * username and password, or nothing) or an exec plugin (client.authentication.k8s.io v1 or v1beta1,
 * see exec-credential.ts). Auth providers (the retired GCP and Azure ones, OIDC) are left to
 * client-node.
 */

/** One context, resolved: where its requests go and with which credentials. File paths are absolute. */
export interface StaticContext {
  name: string;
  /** Set when the context names a cluster the kubeconfig has. */
  cluster?: {
    name: string;
    server: string;
    /** PEM text of the cluster's CA, or the path of a file holding it. */
    ca?: { data: string } | { file: string };
    insecure: boolean;
    tlsServerName?: string;
  };
  user: {
    name: string;
    token?: string;
    tokenFile?: string;
    cert?: { data: string } | { file: string };
    key?: { data: string } | { file: string };
    username?: string;
    password?: string;
    exec?: ExecPlugin;
  };
  namespace?: string;
}

/** A kubeconfig the lean port can serve. */
export interface StaticKubeconfig {
  current: string;
  contexts: Map<string, StaticContext>;
}

/** The outcome: the lean port can serve it, or why not (client-node will). */
export type StaticLoad = { lean: true; config: StaticKubeconfig } | { lean: false; reason: string };

const CLUSTER_KEYS = new Set(["server", "certificate-authority", "certificate-authority-data", "insecure-skip-tls-verify", "tls-server-name", "extensions", "disable-compression"]);
/** A user's keys that are credentials of their own (an exec plugin beside one is client-node's to sort out). */
const STATIC_CREDENTIALS = ["token", "tokenFile", "client-certificate", "client-certificate-data", "client-key", "client-key-data", "username"];
const USER_KEYS = new Set([...STATIC_CREDENTIALS, "password", "exec", "extensions"]);

type Named<T> = { name?: string } & Record<string, T | undefined>;
type Doc = { clusters?: Named<Record<string, unknown>>[]; users?: Named<Record<string, unknown>>[]; contexts?: Named<Record<string, string>>[]; "current-context"?: string };

const str = (v: unknown) => (typeof v === "string" && v !== "" ? v : undefined);
const decode = (b64: string) => Buffer.from(b64, "base64").toString("utf8");

/** Either inline data (base64 in the kubeconfig) or a file path made absolute against the kubeconfig's directory. */
function material(data: unknown, file: unknown, base: string): { data: string } | { file: string } | undefined {
  if (str(data)) return { data: decode(str(data)!) };
  if (str(file)) return { file: isAbsolute(str(file)!) ? str(file)! : resolve(base, str(file)!) };
  return undefined;
}

/** Why a context's cluster or user needs client-node, or undefined when it is static. */
function dynamicPart(name: string, cluster: Record<string, unknown> | undefined, user: Record<string, unknown>): string | undefined {
  const foreignUser = Object.keys(user).find((k) => !USER_KEYS.has(k));
  if (foreignUser) return `context ${name}: its user's ${foreignUser} needs client-node`;
  const hasCert = Boolean(str(user["client-certificate"]) || str(user["client-certificate-data"]));
  const hasKey = Boolean(str(user["client-key"]) || str(user["client-key-data"]));
  if (hasCert !== hasKey) return `context ${name}: a client certificate without its key (or a key without its certificate)`;
  if (user.exec !== undefined) {
    const exec = user.exec as Record<string, unknown> | null;
    if (!EXEC_API_VERSIONS.includes(String(exec?.apiVersion))) return `context ${name}: its user's exec plugin speaks ${String(exec?.apiVersion)}, which needs client-node`;
    if (!str(exec?.command)) return `context ${name}: its user's exec plugin names no command`;
    const alongside = STATIC_CREDENTIALS.find((k) => str(user[k]));
    if (alongside) return `context ${name}: its user has an exec plugin and ${alongside} both, which needs client-node`;
  }
  if (!cluster) return undefined;
  const foreignCluster = Object.keys(cluster).find((k) => !CLUSTER_KEYS.has(k));
  if (foreignCluster) return `context ${name}: its cluster's ${foreignCluster} needs client-node`;
  const server = str(cluster.server) ?? "";
  const trusted = str(cluster["certificate-authority"]) || str(cluster["certificate-authority-data"]) || cluster["insecure-skip-tls-verify"] === true;
  if (server.startsWith("https:") && !trusted) return `context ${name}: an HTTPS server without a CA in the kubeconfig (the system's CAs are client-node's job)`;
  return undefined;
}

const clusterOf = (name: string, cluster: Record<string, unknown>, base: string): NonNullable<StaticContext["cluster"]> => {
  const ca = material(cluster["certificate-authority-data"], cluster["certificate-authority"], base);
  return {
    name,
    server: str(cluster.server)!,
    ...(ca ? { ca } : {}),
    insecure: cluster["insecure-skip-tls-verify"] === true,
    ...(str(cluster["tls-server-name"]) ? { tlsServerName: str(cluster["tls-server-name"])! } : {}),
  };
};

const userOf = (name: string, user: Record<string, unknown>, base: string): StaticContext["user"] => {
  const cert = material(user["client-certificate-data"], user["client-certificate"], base);
  const key = material(user["client-key-data"], user["client-key"], base);
  return {
    name,
    ...(str(user.token) ? { token: str(user.token)! } : {}),
    ...(str(user.tokenFile) ? { tokenFile: resolve(base, str(user.tokenFile)!) } : {}),
    ...(cert ? { cert } : {}),
    ...(key ? { key } : {}),
    ...(str(user.username) ? { username: str(user.username)! } : {}),
    ...(typeof user.password === "string" ? { password: user.password } : {}),
    ...(user.exec ? { exec: execPluginOf(user.exec as Record<string, unknown>, base) } : {}),
  };
};

/** A user's exec block; a command with a slash but not absolute is relative to the kubeconfig, as client-go has it. */
function execPluginOf(exec: Record<string, unknown>, base: string): ExecPlugin {
  const command = str(exec.command)!;
  const env = Array.isArray(exec.env) ? (exec.env as { name?: unknown; value?: unknown }[]) : [];
  const mode = str(exec.interactiveMode);
  return {
    apiVersion: String(exec.apiVersion),
    command: command.includes("/") && !isAbsolute(command) ? resolve(base, command) : command,
    args: Array.isArray(exec.args) ? exec.args.map(String) : [],
    env: Object.fromEntries(env.filter((e) => str(e?.name)).map((e) => [String(e.name), String(e.value ?? "")])),
    ...(str(exec.installHint) ? { installHint: str(exec.installHint)! } : {}),
    provideClusterInfo: exec.provideClusterInfo === true,
    interactiveMode: mode === "Never" || mode === "Always" ? mode : "IfAvailable",
  };
}

/** Parses kubeconfig text (YAML or JSON) read from `base` (the directory relative paths are against). */
function fromText(text: string, base: string): StaticLoad {
  return fromDoc((parseKubeconfigYaml(text) ?? {}) as Doc, base);
}

/** A parsed kubeconfig whose relative paths are against `base`. */
function fromDoc(doc: Doc, base: string): StaticLoad {
  const byName = <T>(list: Named<T>[] | undefined, key: string) => new Map((list ?? []).map((e) => [e.name ?? "", (e[key] ?? {}) as T]));
  const clusters = byName<Record<string, unknown>>(doc.clusters, "cluster");
  const users = byName<Record<string, unknown>>(doc.users, "user");
  const contexts = new Map<string, StaticContext>();
  for (const entry of doc.contexts ?? []) {
    const name = entry.name ?? "";
    const c = (entry.context ?? {}) as Record<string, string>;
    const cluster = clusters.get(c.cluster ?? "");
    const user = users.get(c.user ?? "") ?? {};
    const why = dynamicPart(name, cluster, user);
    if (why) return { lean: false, reason: why };
    contexts.set(name, {
      name,
      ...(cluster && str(cluster.server) ? { cluster: clusterOf(c.cluster!, cluster, base) } : {}),
      user: userOf(c.user ?? "", user, base),
      ...(str(c.namespace) ? { namespace: c.namespace } : {}),
    });
  }
  return { lean: true, config: { current: str(doc["current-context"]) ?? "", contexts } };
}

/** The pod's service account as a one-context kubeconfig (what client-node's loadFromCluster builds). */
function inCluster(root: string): StaticLoad {
  const host = process.env.KUBERNETES_SERVICE_HOST;
  const port = process.env.KUBERNETES_SERVICE_PORT;
  if (!host || !port) throw notInCluster();
  const sa = join(root, SERVICE_ACCOUNT_DIR);
  if (!existsSync(join(sa, "token"))) throw noServiceAccountToken(join(sa, "token"));
  const namespaceFile = join(sa, "namespace");
  const namespace = existsSync(namespaceFile) ? readFileSync(namespaceFile, "utf8").trim() : undefined;
  const context: StaticContext = {
    name: "inClusterContext",
    cluster: { name: "inCluster", server: `https://${host.includes(":") ? `[${host}]` : host}:${port}`, ca: { file: join(sa, "ca.crt") }, insecure: false },
    // a file, re-read as the kubelet rotates the bound token
    user: { name: "inClusterUser", tokenFile: join(sa, "token") },
    ...(namespace ? { namespace } : {}),
  };
  return { lean: true, config: { current: context.name, contexts: new Map([[context.name, context]]) } };
}

/**
 * Reads the kubeconfig a source names and says whether the lean port can serve it. Throws
 * KubeconfigError (worded as client-node's path words it) when it cannot be read or names no
 * current cluster; credentials never appear in a message.
 * @example
 * const load = loadStaticKubeconfig({ kind: "inline", content });
 * if (!load.lean) console.log(`client-node: ${load.reason}`);
 */
export function loadStaticKubeconfig(source: KubeconfigSource): StaticLoad {
  let load: StaticLoad;
  try {
    switch (source.kind) {
      case "default": {
        const picked = defaultKubeconfig();
        if (picked.kind !== "files") return loadStaticKubeconfig(picked);
        // merged as kubectl merges them, every path made absolute
        load = fromDoc(mergeKubeconfigFiles(picked.paths) as Doc, process.cwd());
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
  if (load.lean && !load.config.contexts.get(load.config.current)?.cluster) {
    throw new KubeconfigError(`${describeSource(source)} names no current cluster: set its current-context, or name a context.`);
  }
  return load;
}
