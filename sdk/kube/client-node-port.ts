import {
  ApisApi,
  CoreV1Api,
  createConfiguration,
  KubeConfig,
  KubernetesObjectApi,
  PatchStrategy,
  ServerConfiguration,
  type KubernetesObject,
  type RequestContext,
  type ResponseContext,
} from "@kubernetes/client-node";
import { KubeApiError } from "../errors.ts";
import { FIELD_MANAGER, type KubePort } from "../ports/kube.ts";
import { connectionOf, withContext } from "./kubeconfig.ts";
import { podProxyName, portOver, REQUEST_TIMEOUT_MS, RequestTimeout, type KubeTransport } from "./port-core.ts";

export { loadKubeConfig, type KubeconfigSource } from "./kubeconfig.ts";
export { FIELD_MANAGER } from "../ports/kube.ts";
export { REQUEST_TIMEOUT_MS } from "./port-core.ts";

export interface ClientNodeKubeOptions {
  /** Per-request deadline (default REQUEST_TIMEOUT_MS). */
  requestTimeoutMs?: number;
}

interface Clients {
  objects: KubernetesObjectApi;
  core: CoreV1Api;
  apis: ApisApi;
  server: string;
  context: string;
}

/** client-node's generated clients over `config`, with a deadline on every request (set in middleware, its only per-request hook). */
function makeClients(config: KubeConfig, timeoutMs: number): Clients {
  const cluster = config.getCurrentCluster();
  if (!cluster) throw new KubeApiError(0, `context ${config.getCurrentContext()}`, "the kubeconfig context names no cluster");
  const configuration = createConfiguration({
    baseServer: new ServerConfiguration<Record<string, string>>(cluster.server, {}),
    authMethods: { default: config },
    promiseMiddleware: [
      {
        pre: async (ctx: RequestContext) => {
          ctx.setSignal(AbortSignal.timeout(timeoutMs));
          return ctx;
        },
        post: async (res: ResponseContext) => res,
      },
    ],
  });
  const objects = new KubernetesObjectApi(configuration);
  // what KubernetesObjectApi.makeApiClient does, which cannot take our configuration
  (objects as unknown as { setDefaultNamespace(kc: KubeConfig): void }).setDefaultNamespace(config);
  return { objects, core: new CoreV1Api(configuration), apis: new ApisApi(configuration), server: cluster.server, context: config.getCurrentContext() };
}

const isAbort = (err: unknown) => {
  const e = err as { name?: string; type?: string; message?: string };
  return e?.name === "AbortError" || e?.type === "aborted" || /aborted a request|operation was aborted/i.test(e?.message ?? "");
};

/** An aborted request (our deadline) as the shared core expects it. */
async function deadlined<T>(fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (err) {
    throw isAbort(err) ? new RequestTimeout(String(err), { cause: err }) : err;
  }
}

/**
 * The Kubernetes port over `@kubernetes/client-node`: the general path, for kubeconfigs the lean
 * port cannot serve (auth providers, OIDC). One client per kubeconfig context, made
 * on first use, so handles with different `context`s act on different clusters through one port.
 * @example
 * const kube = createClientNodeKube(loadKubeConfig({ kind: "default" }), { requestTimeoutMs: 10_000 });
 * const vs = await kube.get({ apiVersion: "networking.istio.io/v1", kind: "VirtualService", namespace: "prod", name: "checkout-api", context: "eu-west" });
 */
export function createClientNodeKube(kc: KubeConfig, options: ClientNodeKubeOptions = {}): KubePort {
  const timeoutMs = options.requestTimeoutMs ?? REQUEST_TIMEOUT_MS;
  const clients = new Map<string, Clients>();
  const clientsFor = (context?: string): Clients => {
    const key = context ?? "";
    let c = clients.get(key);
    if (!c) {
      c = makeClients(context ? withContext(kc, context) : kc, timeoutMs);
      clients.set(key, c);
    }
    return c;
  };
  const header = (ref: { apiVersion: string; kind: string; namespace?: string; name: string }): KubernetesObject => ({
    apiVersion: ref.apiVersion,
    kind: ref.kind,
    metadata: { name: ref.name, ...(ref.namespace ? { namespace: ref.namespace } : {}) },
  });

  const transport: KubeTransport = {
    target: (context) => clientsFor(context),
    read: (ref) => deadlined(() => clientsFor(ref.context).objects.read(header(ref) as never)),
    list: (o) =>
      deadlined(() => clientsFor(o.context).objects.list(o.apiVersion, o.kind, o.namespace, undefined, undefined, undefined, o.fieldSelector, o.labelSelector)),
    patch: (ref, body, apply) =>
      deadlined(() =>
        apply
          ? clientsFor(ref.context).objects.patch(body as never, undefined, apply.dryRun ? "All" : undefined, FIELD_MANAGER, apply.force ?? false, PatchStrategy.ServerSideApply)
          : clientsFor(ref.context).objects.patch(body as never, undefined, undefined, FIELD_MANAGER, undefined, PatchStrategy.MergePatch),
      ),
    proxyGet: async (pod, path) => {
      const body = await deadlined(() =>
        clientsFor(pod.context).core.connectGetNamespacedPodProxyWithPath({ name: podProxyName(pod), namespace: pod.namespace, path: path.replace(/^\//, "") }),
      );
      return typeof body === "string" ? body : JSON.stringify(body);
    },
    connection: (context) => connectionOf(kc, context),
    servedVersions: async (group, context) => {
      const list = await deadlined(() => clientsFor(context).apis.getAPIVersions());
      return list.groups.find((g) => g.name === group)?.versions.map((v) => v.version) ?? [];
    },
  };
  return portOver(transport, timeoutMs);
}
