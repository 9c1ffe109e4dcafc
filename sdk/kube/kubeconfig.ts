import { existsSync } from "node:fs";
import { join } from "node:path";
import { KubeConfig } from "@kubernetes/client-node";
import { FirebreakError } from "../errors.ts";
import type { KubeConnection } from "../ports/kube.ts";

/** Where a pod's service account credentials are mounted (the path client-node and client-go read). */
export const SERVICE_ACCOUNT_DIR = "/var/run/secrets/kubernetes.io/serviceaccount";

/**
 * Where the kubeconfig comes from:
 * - `default`: `KUBECONFIG` (paths joined by `:`), else `~/.kube/config`, else the pod's service account;
 * - `file`: one kubeconfig file;
 * - `inline`: kubeconfig content (the GitHub Action's secret);
 * - `in-cluster`: the pod's service account (`KUBERNETES_SERVICE_HOST`/`_PORT` and the token, CA
 *   and namespace files). `root` prefixes the mount path, for tests and chroots.
 */
export type KubeconfigSource =
  | { kind: "default" }
  | { kind: "file"; path: string }
  | { kind: "inline"; content: string }
  | { kind: "in-cluster"; root?: string };

/** The kubeconfig could not be loaded or names nothing usable. */
export class KubeconfigError extends FirebreakError {
  override name = "KubeconfigError";
  constructor(message: string, options?: { cause?: unknown }) {
    super("usage", message, options);
  }
}

function describe(source: KubeconfigSource): string {
  switch (source.kind) {
    case "default":
      return "the default kubeconfig (KUBECONFIG, ~/.kube/config, or the pod's service account)";
    case "file":
      return `the kubeconfig ${source.path}`;
    case "inline":
      return "the inline kubeconfig";
    case "in-cluster":
      return "the pod's service account";
  }
}

function loadInCluster(kc: KubeConfig, root: string): void {
  if (!process.env.KUBERNETES_SERVICE_HOST || !process.env.KUBERNETES_SERVICE_PORT) {
    throw new KubeconfigError(
      "In-cluster config needs KUBERNETES_SERVICE_HOST and KUBERNETES_SERVICE_PORT, which Kubernetes sets in every pod: " +
        "run inside a pod, or pass a kubeconfig instead.",
    );
  }
  const token = join(root, SERVICE_ACCOUNT_DIR, "token");
  if (!existsSync(token)) {
    throw new KubeconfigError(`In-cluster config needs the service account token at ${token}: set automountServiceAccountToken on the pod, or pass a kubeconfig instead.`);
  }
  kc.loadFromCluster(root);
}

/**
 * Loads a kubeconfig from one of the sources above and checks that it names a cluster.
 * @example
 * const kc = loadKubeConfig({ kind: "inline", content: process.env.KUBECONFIG_CONTENT! });
 * const kube = createClientNodeKube(kc);
 */
export function loadKubeConfig(source: KubeconfigSource): KubeConfig {
  const kc = new KubeConfig();
  try {
    switch (source.kind) {
      case "default":
        kc.loadFromDefault();
        break;
      case "file":
        kc.loadFromFile(source.path);
        break;
      case "inline":
        kc.loadFromString(source.content);
        break;
      case "in-cluster":
        loadInCluster(kc, source.root ?? "");
        break;
    }
  } catch (err) {
    if (err instanceof KubeconfigError) throw err;
    throw new KubeconfigError(`Could not load ${describe(source)}: ${(err as Error).message}`, { cause: err });
  }
  if (!kc.getCurrentCluster()) {
    throw new KubeconfigError(`${describe(source)} names no current cluster: set current-context, or name a context (--context).`);
  }
  return kc;
}

/**
 * A copy of `kc` switched to `context`, with an error listing the contexts when it has no such one.
 * @example
 * const eu = withContext(kc, "eu-west"); // KubeconfigError "… contexts are: 'us-east'." when absent
 */
export function withContext(kc: KubeConfig, context: string): KubeConfig {
  if (!kc.getContextObject(context)) {
    const names = kc.getContexts().map((c) => c.name);
    throw new KubeconfigError(`The kubeconfig has no context '${context}'; contexts are: ${names.length ? names.map((n) => `'${n}'`).join(", ") : "(none)"}.`);
  }
  const copy = new KubeConfig();
  copy.loadFromString(kc.exportConfig());
  copy.setCurrentContext(context);
  return copy;
}

/**
 * The API server URL a kubeconfig context talks to, for messages.
 * @example
 * serverOf(kc); // "https://10.0.0.1:6443"
 */
export function serverOf(kc: KubeConfig): string {
  return kc.getCurrentCluster()?.server ?? "(no cluster)";
}

/**
 * A self-contained kubeconfig for a CLI (helm) that must reach the same cluster as `kc` in
 * `context`. client-node's in-cluster user reads its token through an auth provider client-go
 * does not know; it is written as client-go's `tokenFile` instead.
 * @example
 * const { kubeconfig, context } = connectionOf(kc, "eu-west"); // write to a 0600 file for helm --kubeconfig
 */
export function connectionOf(kc: KubeConfig, context?: string): KubeConnection {
  const config = context ? withContext(kc, context) : kc;
  const doc = JSON.parse(config.exportConfig()) as { users: { user: Record<string, unknown> }[] };
  for (const u of doc.users) {
    const provider = u.user["auth-provider"] as { name?: string; config?: { tokenFile?: string } } | undefined;
    if (provider?.name === "tokenFile" && provider.config?.tokenFile) {
      delete u.user["auth-provider"];
      u.user.tokenFile = provider.config.tokenFile;
    }
  }
  return { kubeconfig: JSON.stringify(doc), context: config.getCurrentContext(), server: serverOf(config) };
}
