import type { KubePort } from "../ports/kube.ts";
import { REQUEST_TIMEOUT_MS } from "./port-core.ts";
import { KubeconfigError, noSuchContext, type KubeconfigSource } from "./source.ts";
import { loadStaticKubeconfig } from "./static-kubeconfig.ts";

/**
 * Kubernetes access: one factory that picks the lean node:http port when the kubeconfig's
 * credentials are static or come from exec plugins, and `@kubernetes/client-node` (loaded only
 * then) when they come from an auth provider.
 */

export { KubeconfigError, SERVICE_ACCOUNT_DIR, type KubeconfigSource } from "./source.ts";
export { FIELD_MANAGER } from "../ports/kube.ts";
export { REQUEST_TIMEOUT_MS } from "./port-core.ts";

export interface CreateKubeOptions {
  /** The context used when a ref names none (the CLI's `--context`); default: the kubeconfig's current context. */
  context?: string;
  /** Per-request deadline (default REQUEST_TIMEOUT_MS). */
  requestTimeoutMs?: number;
}

/** A KubePort and what it talks to by default. */
export interface Kube extends KubePort {
  /** `http`: the lean port; `client-node`: the general one (auth providers). */
  readonly implementation: "http" | "client-node";
  /** Why client-node was needed, when it was. */
  readonly reason?: string;
  /** The default context and its API server, for messages. */
  readonly context: string;
  readonly server: string;
}

/**
 * The Kubernetes port for a kubeconfig source. Every context of a kubeconfig the lean port can serve
 * goes through node:http with keep-alive connections; a kubeconfig the lean port cannot serve (an
 * auth provider) goes through client-node, imported only in that case. Throws
 * KubeconfigError when the kubeconfig cannot be read or the context does not exist.
 * @example
 * const kube = await createKube({ kind: "file", path: "/home/me/.kube/config" }, { context: "eu-west" });
 * const vs = await kube.get({ apiVersion: "networking.istio.io/v1", kind: "VirtualService", namespace: "prod", name: "checkout-api" });
 */
export async function createKube(source: KubeconfigSource, options: CreateKubeOptions = {}): Promise<Kube> {
  const requestTimeoutMs = options.requestTimeoutMs ?? REQUEST_TIMEOUT_MS;
  const load = loadStaticKubeconfig(source);
  if (load.lean) {
    const { createHttpKube } = await import("./http-port.ts");
    const config = options.context ? { ...load.config, current: options.context } : load.config;
    const current = config.contexts.get(config.current);
    if (!current) throw noSuchContext(config.current, [...config.contexts.keys()]);
    if (!current.cluster) throw new KubeconfigError(`The kubeconfig's context ${config.current} names no cluster: name another context.`);
    const port = createHttpKube(config, { requestTimeoutMs });
    return { ...port, implementation: "http", context: config.current, server: current.cluster.server };
  }
  const { createClientNodeKube, loadKubeConfig } = await import("./client-node-port.ts");
  const kc = loadKubeConfig(source);
  if (options.context) {
    if (!kc.getContextObject(options.context)) throw noSuchContext(options.context, kc.getContexts().map((c) => c.name));
    kc.setCurrentContext(options.context);
  }
  const cluster = kc.getCurrentCluster();
  if (!cluster) throw new KubeconfigError(`The kubeconfig's context ${kc.getCurrentContext()} names no cluster: name another context.`);
  const port = createClientNodeKube(kc, { requestTimeoutMs });
  return { ...port, implementation: "client-node", reason: load.reason, context: kc.getCurrentContext(), server: cluster.server };
}
