import { existsSync } from "node:fs";
import { homedir } from "node:os";
import { delimiter, join } from "node:path";
import { FirebreakError } from "../errors.ts";

/**
 * Where a kubeconfig comes from, and the errors of loading one. Kept free of
 * `@kubernetes/client-node` so the lean port can name sources without loading it.
 */

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

/**
 * The source in words, for messages.
 * @example describeSource({ kind: "file", path: "/tmp/kc" }); // "the kubeconfig /tmp/kc"
 */
export function describeSource(source: KubeconfigSource): string {
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

/**
 * The error for a context the kubeconfig lacks, listing the ones it has (both ports word it alike).
 * @example throw noSuchContext("eu-west", ["us-east"]); // "The kubeconfig has no context 'eu-west'; contexts are: 'us-east'."
 */
export function noSuchContext(context: string, names: string[]): KubeconfigError {
  return new KubeconfigError(`The kubeconfig has no context '${context}'; contexts are: ${names.length ? names.map((n) => `'${n}'`).join(", ") : "(none)"}.`);
}

/**
 * Where the default source would read from: `KUBECONFIG` (one file or several, to merge), `~/.kube/config`,
 * or the pod's service account. Throws when there is none: client-node would fall back to
 * http://localhost:8080 and the plan would start against nothing (an empty kubeconfig secret).
 * @example defaultKubeconfig(); // { kind: "file", path: "/home/runner/.kube/config" }
 */
export function defaultKubeconfig(): { kind: "files"; paths: string[] } | { kind: "file"; path: string } | { kind: "in-cluster" } {
  const env = process.env.KUBECONFIG;
  if (env) return env.includes(delimiter) ? { kind: "files", paths: env.split(delimiter) } : { kind: "file", path: env };
  const home = join(homedir(), ".kube", "config");
  if (existsSync(home)) return { kind: "file", path: home };
  if (existsSync(join(SERVICE_ACCOUNT_DIR, "token"))) return { kind: "in-cluster" };
  throw new KubeconfigError("There is no kubeconfig: KUBECONFIG is unset, ~/.kube/config does not exist, and this is not a pod with a service account.");
}

/** The in-cluster environment's own error when run outside a pod (both ports word it alike). */
export function notInCluster(): KubeconfigError {
  return new KubeconfigError(
    "In-cluster config needs KUBERNETES_SERVICE_HOST and KUBERNETES_SERVICE_PORT, which Kubernetes sets in every pod: " +
      "run inside a pod, or pass a kubeconfig instead.",
  );
}

/** The in-cluster error when the pod has no service account token mounted. */
export function noServiceAccountToken(path: string): KubeconfigError {
  return new KubeconfigError(`In-cluster config needs the service account token at ${path}: set automountServiceAccountToken on the pod, or pass a kubeconfig instead.`);
}

/** Why a kubeconfig could not be loaded, as a KubeconfigError: a file that is not there said plainly, anything else in the loader's words. */
export function unloadable(source: KubeconfigSource, err: unknown): KubeconfigError {
  if (err instanceof KubeconfigError) return err;
  if (source.kind === "file" && (err as NodeJS.ErrnoException).code === "ENOENT") {
    return new KubeconfigError(`The kubeconfig ${source.path} does not exist: check the path (a relative one is read from ${process.cwd()}).`, { cause: err });
  }
  return new KubeconfigError(`Could not load ${describeSource(source)}: ${(err as Error).message}`, { cause: err });
}
