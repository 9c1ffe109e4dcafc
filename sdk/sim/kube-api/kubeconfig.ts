import { stringify } from "yaml";

/** The context (and cluster and user) name of the simulator's kubeconfig. */
export const CONTEXT_NAME = "firebreak-sim";

/**
 * A kubeconfig for the loopback server, for client-node's `KubeConfig.loadFromString` and for
 * `kubectl --kubeconfig`. Plain HTTP: `insecure-skip-tls-verify` only keeps clients from asking
 * for a CA.
 */
export function kubeconfigFor(url: string, token: string | undefined): string {
  return stringify({
    apiVersion: "v1",
    kind: "Config",
    clusters: [{ name: CONTEXT_NAME, cluster: { server: url, "insecure-skip-tls-verify": true } }],
    users: [{ name: CONTEXT_NAME, user: token ? { token } : {} }],
    contexts: [{ name: CONTEXT_NAME, context: { cluster: CONTEXT_NAME, user: CONTEXT_NAME } }],
    "current-context": CONTEXT_NAME,
    preferences: {},
  });
}
