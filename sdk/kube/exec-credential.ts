import { KubeconfigError } from "./source.ts";

/**
 * Kubernetes' exec credential plugins (client.authentication.k8s.io): the kubeconfig names a
 * command (`aws eks get-token`, `kubelogin get-token`, `gke-gcloud-auth-plugin`) that prints an
 * ExecCredential with a token or a client certificate. Run as client-go runs them: the user's
 * environment plus the plugin's `env` and KUBERNETES_EXEC_INFO, no stdin, the answer cached until
 * its expirationTimestamp and fetched again after a 401.
 */

/** The versions of the exec protocol the lean port speaks (client-go's; v1alpha1 is gone). */
export const EXEC_API_VERSIONS = ["client.authentication.k8s.io/v1", "client.authentication.k8s.io/v1beta1"];
/** How long a plugin may take: they call cloud APIs, and a hung one must not hold the incident. */
const EXEC_TIMEOUT_MS = 60_000;

/** A kubeconfig user's `exec` block, read (the command made absolute when it is a relative path). */
export interface ExecPlugin {
  apiVersion: string;
  command: string;
  args: string[];
  env: Record<string, string>;
  installHint?: string;
  provideClusterInfo: boolean;
  interactiveMode: "Never" | "IfAvailable" | "Always";
}

/** What a plugin printed: a bearer token, or a client certificate and key (PEM). */
export interface ExecCredential {
  token?: string;
  cert?: string;
  key?: string;
  /** Milliseconds since the epoch; none: good for the whole run. */
  expiresAt?: number;
}

/** The cluster, as KUBERNETES_EXEC_INFO gives it to a plugin that asks for it (provideClusterInfo). */
export interface ExecClusterInfo {
  server: string;
  caPem?: string;
  insecure: boolean;
  tlsServerName?: string;
}

/** A plugin could not be run, or printed no usable credential. */
export class ExecCredentialError extends KubeconfigError {
  override name = "ExecCredentialError";
}

/** Credentials from one plugin: `get` answers from the cache while it is fresh, `refresh` runs the plugin again (after a 401). */
export interface ExecCredentials {
  get(): Promise<ExecCredential>;
  refresh(stale: ExecCredential): Promise<ExecCredential>;
}

/**
 * The credentials of a user with an exec plugin. Concurrent asks share one run of the plugin.
 * @example
 * const creds = execCredentials(plugin, "eks-admin", { server: "https://eks.example", insecure: false });
 * const { token } = await creds.get();
 */
export function execCredentials(plugin: ExecPlugin, user: string, cluster: ExecClusterInfo): ExecCredentials {
  /** The latest run of the plugin; `done` once it answered (a run under way answers whoever asks meanwhile). */
  let current: { answer: Promise<ExecCredential>; done: boolean } | undefined;
  const run = (): Promise<ExecCredential> => {
    const latest = { answer: runPlugin(plugin, user, cluster), done: false };
    latest.answer.then(
      () => (latest.done = true),
      () => (current === latest ? (current = undefined) : undefined), // a failure is not kept: the next ask runs the plugin again
    );
    current = latest;
    return latest.answer;
  };
  return {
    async get() {
      if (!current) return run();
      if (!current.done) return current.answer;
      const credential = await current.answer;
      return credential.expiresAt === undefined || credential.expiresAt > Date.now() ? credential : run();
    },
    async refresh(stale) {
      // several requests refused at once: the first runs the plugin again, the others share its answer
      if (current && !current.done) return current.answer;
      const latest = current && (await current.answer);
      return latest && latest !== stale ? latest : run();
    },
  };
}

/** The ExecCredential request a plugin reads from KUBERNETES_EXEC_INFO. */
function execInfo(plugin: ExecPlugin, cluster: ExecClusterInfo): string {
  const info = {
    server: cluster.server,
    ...(cluster.caPem ? { "certificate-authority-data": Buffer.from(cluster.caPem).toString("base64") } : {}),
    ...(cluster.insecure ? { "insecure-skip-tls-verify": true } : {}),
    ...(cluster.tlsServerName ? { "tls-server-name": cluster.tlsServerName } : {}),
  };
  return JSON.stringify({ apiVersion: plugin.apiVersion, kind: "ExecCredential", spec: { interactive: false, ...(plugin.provideClusterInfo ? { cluster: info } : {}) } });
}

function runPlugin(plugin: ExecPlugin, user: string, cluster: ExecClusterInfo): Promise<ExecCredential> {
  const who = `The exec plugin ${plugin.command} (user ${user})`;
  if (plugin.interactiveMode === "Always") {
    return Promise.reject(new ExecCredentialError(`${who} has interactiveMode: Always, but nobody can answer a prompt here (no terminal). Use a mode that does not prompt, or credentials that need none.`));
  }
  const { execFile } = process.getBuiltinModule("node:child_process");
  const env = { ...process.env, ...plugin.env, KUBERNETES_EXEC_INFO: execInfo(plugin, cluster) };
  return new Promise((resolve, reject) => {
    const child = execFile(plugin.command, plugin.args, { env, timeout: EXEC_TIMEOUT_MS, maxBuffer: 1024 * 1024 }, (err, stdout, stderr) => {
      if (err) {
        const e = err as NodeJS.ErrnoException & { killed?: boolean; code?: string | number };
        const hint = plugin.installHint ? ` ${plugin.installHint.trim()}` : "";
        if (e.code === "ENOENT") return reject(new ExecCredentialError(`${who} was not found: install it or fix the kubeconfig's command.${hint}`));
        if (e.killed) return reject(new ExecCredentialError(`${who} gave no credential within ${EXEC_TIMEOUT_MS / 1000} s.`));
        // stderr says why (expired SSO session, missing profile); stdout may hold a secret, so it is never quoted
        const why = stderr.trim().split("\n").filter(Boolean).pop()?.slice(0, 300);
        return reject(new ExecCredentialError(`${who} failed (exit ${e.code ?? "?"})${why ? `: ${why}` : ""}.${hint}`));
      }
      try {
        resolve(credentialOf(stdout, plugin.apiVersion));
      } catch (parseErr) {
        reject(new ExecCredentialError(`${who} printed no usable ExecCredential: ${(parseErr as Error).message}.`));
      }
    });
    child.stdin?.end(); // nothing to answer with: a plugin that waits for input gets end of file
  });
}

/** The credential in a plugin's output; throws what is wrong with it (never its content). */
function credentialOf(stdout: string, apiVersion: string): ExecCredential {
  let doc: { apiVersion?: unknown; kind?: unknown; status?: Record<string, unknown> };
  try {
    doc = JSON.parse(stdout);
  } catch {
    throw new Error("its output is not JSON");
  }
  if (doc?.kind !== "ExecCredential") throw new Error(`kind is ${JSON.stringify(doc?.kind)}, not "ExecCredential"`);
  if (doc.apiVersion !== apiVersion) throw new Error(`apiVersion is ${JSON.stringify(doc.apiVersion)}; the kubeconfig asked for ${apiVersion}`);
  const status = doc.status ?? {};
  const text = (v: unknown) => (typeof v === "string" && v !== "" ? v : undefined);
  const [token, cert, key] = [text(status.token), text(status.clientCertificateData), text(status.clientKeyData)];
  if (!token && !(cert && key)) throw new Error("its status has neither a token nor a client certificate and key");
  let expiresAt: number | undefined;
  if (status.expirationTimestamp !== undefined) {
    expiresAt = Date.parse(String(status.expirationTimestamp));
    if (Number.isNaN(expiresAt)) throw new Error(`expirationTimestamp ${JSON.stringify(status.expirationTimestamp)} is not an RFC 3339 time`);
  }
  return { ...(token ? { token } : { cert, key }), ...(expiresAt !== undefined ? { expiresAt } : {}) };
}
