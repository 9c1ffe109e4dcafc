import { existsSync } from "node:fs";
import { join } from "node:path";
import { KubeConfig } from "@kubernetes/client-node";
import { mergeKubeconfigFiles, parseKubeconfigYaml, readKubeconfigFile, type RawKubeconfig } from "./kubeconfig-files.ts";
import { defaultKubeconfig, describeSource as describe, KubeconfigError, noServiceAccountToken, noSuchContext, notInCluster, SERVICE_ACCOUNT_DIR, unloadable, type KubeconfigSource } from "./source.ts";
import type { KubeConnection } from "../ports/kube.ts";

export { KubeconfigError, SERVICE_ACCOUNT_DIR, type KubeconfigSource } from "./source.ts";

function loadInCluster(kc: KubeConfig, root: string): void {
  if (!process.env.KUBERNETES_SERVICE_HOST || !process.env.KUBERNETES_SERVICE_PORT) throw notInCluster();
  const token = join(root, SERVICE_ACCOUNT_DIR, "token");
  if (!existsSync(token)) throw noServiceAccountToken(token);
  kc.loadFromCluster(root);
}

/**
 * Loads a parsed kubeconfig into `kc`. client-node reads a user's token file only under the key
 * `token-file`, and only once; client-go's `tokenFile` (what kubectl and the lean port read) it
 * drops, and the user would send no token at all. Such a user gets client-node's own `tokenFile`
 * auth provider, the one its in-cluster config uses (it reads the file again as the token rotates).
 */
function loadDocument(kc: KubeConfig, doc: RawKubeconfig): void {
  const users = (doc.users ?? []).map((entry) => {
    const user = entry.user as Record<string, unknown> | undefined;
    if (!user || typeof user.tokenFile !== "string" || user.token || user["auth-provider"]) return entry;
    const { tokenFile, ...rest } = user;
    return { ...entry, user: { ...rest, "auth-provider": { name: "tokenFile", config: { tokenFile } } } };
  });
  kc.loadFromString(JSON.stringify({ ...doc, users }));
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
      case "default": {
        const picked = defaultKubeconfig(); // throws when there is none, rather than defaulting to localhost:8080
        // client-node's own merge takes the last file's current context and refuses a name two files share; kubectl's rules instead
        if (picked.kind === "files") loadDocument(kc, mergeKubeconfigFiles(picked.paths));
        else if (picked.kind === "file") loadDocument(kc, readKubeconfigFile(picked.path));
        else loadInCluster(kc, "");
        break;
      }
      case "file":
        loadDocument(kc, readKubeconfigFile(source.path));
        break;
      case "inline":
        loadDocument(kc, (parseKubeconfigYaml(source.content) ?? {}) as RawKubeconfig);
        break;
      case "in-cluster":
        loadInCluster(kc, source.root ?? "");
        break;
    }
  } catch (err) {
    throw unloadable(source, err);
  }
  if (!kc.getCurrentCluster()) {
    throw new KubeconfigError(`${describe(source)} names no current cluster: set its current-context, or name a context.`);
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
    throw noSuchContext(context, kc.getContexts().map((c) => c.name));
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
