import {
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
import { FirebreakError, KubeApiError } from "../errors.ts";
import { refString, type KubeObject, type KubePort, type ListOptions, type ObjectRef } from "../ports/kube.ts";
import { classifyKubeError, isTransient } from "./api-errors.ts";
import { connectionOf, withContext } from "./kubeconfig.ts";

export { loadKubeConfig, type KubeconfigSource } from "./kubeconfig.ts";

/** The field manager every Firebreak write is attributed to (visible in managedFields). */
export const FIELD_MANAGER = "firebreak";

/** Attempts for a transient API failure (429, 5xx, dropped connection) before giving up. */
const TRANSIENT_ATTEMPTS = 4;
const BACKOFF_MS = [100, 300, 900];

/**
 * How long one API request may take before we give up on it. kube-apiserver itself ends a
 * non-streaming request after 60 s (its --request-timeout default) with a 504, which is retried;
 * 30 s is already long for one read or patch during an incident, and a server that does not answer
 * at all must not hold the plan. Not retried: a hung server rarely recovers within seconds.
 */
export const REQUEST_TIMEOUT_MS = 30_000;

export interface ClientNodeKubeOptions {
  /** Per-request deadline (default REQUEST_TIMEOUT_MS). */
  requestTimeoutMs?: number;
}

interface Clients {
  objects: KubernetesObjectApi;
  core: CoreV1Api;
  server: string;
  context: string;
}

/** Thrown inside a request whose deadline passed; turned into a KubeApiError naming the server. */
class RequestTimeout extends Error {
  override name = "RequestTimeout";
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
  return { objects, core: new CoreV1Api(configuration), server: cluster.server, context: config.getCurrentContext() };
}

async function withRetry<T>(fn: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (err) {
      if (attempt >= TRANSIENT_ATTEMPTS || !isTransient(err)) throw err;
      await new Promise((r) => setTimeout(r, BACKOFF_MS[attempt - 1] ?? 1000));
    }
  }
}

const isAbort = (err: unknown) => {
  const e = err as { name?: string; type?: string; message?: string };
  return e?.name === "AbortError" || e?.type === "aborted" || /aborted a request|operation was aborted/i.test(e?.message ?? "");
};

/**
 * The Kubernetes port over `@kubernetes/client-node`, used against real clusters and the
 * simulator alike. One client per kubeconfig context, made on first use, so handles with
 * different `context`s act on different clusters through one port.
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
  const header = (ref: ObjectRef): KubernetesObject => ({
    apiVersion: ref.apiVersion,
    kind: ref.kind,
    metadata: { name: ref.name, ...(ref.namespace ? { namespace: ref.namespace } : {}) },
  });
  /** Runs one API call with retries, mapping failures to typed errors; a missed deadline names the server. */
  const call = async <T>(context: string | undefined, ref: Pick<ObjectRef, "apiVersion" | "kind" | "namespace" | "name">, verb: string, fn: (c: Clients) => Promise<T>) => {
    const c = clientsFor(context);
    try {
      return await withRetry(async () => {
        try {
          return await fn(c);
        } catch (err) {
          throw isAbort(err) ? new RequestTimeout(String(err), { cause: err }) : err;
        }
      });
    } catch (err) {
      if (err instanceof RequestTimeout) {
        throw new KubeApiError(
          0,
          refString(ref),
          `the API server at ${c.server} (context ${c.context}) did not answer ${verb} within ${timeoutMs / 1000}s. ` +
            `Check that the cluster is reachable and healthy (kubectl --context ${c.context} get --raw /readyz).`,
          { cause: err },
        );
      }
      throw err;
    }
  };

  return {
    async get(ref) {
      try {
        return (await call(ref.context, ref, "get", (c) => c.objects.read(header(ref) as never))) as unknown as KubeObject;
      } catch (err) {
        if ((err as { code?: number }).code === 404 && !/Failed to fetch resource metadata/.test((err as Error).message)) return undefined;
        throw err instanceof FirebreakError ? err : classifyKubeError(err, ref, "get");
      }
    },

    async list(o: ListOptions) {
      const ref = { apiVersion: o.apiVersion, kind: o.kind, namespace: o.namespace, name: "(list)" };
      try {
        const res = await call(o.context, ref, "list", (c) =>
          c.objects.list(o.apiVersion, o.kind, o.namespace, undefined, undefined, undefined, undefined, o.labelSelector),
        );
        return (res.items as unknown as KubeObject[]).map((item) => ({ ...item, apiVersion: o.apiVersion, kind: o.kind }));
      } catch (err) {
        throw err instanceof FirebreakError ? err : classifyKubeError(err, ref, "list");
      }
    },

    async patch(ref, patch, opts = {}) {
      // The resourceVersion in a merge patch is a precondition: the server answers 409 if it moved.
      const body = {
        ...header(ref),
        ...patch,
        metadata: { ...header(ref).metadata, ...((patch as { metadata?: object }).metadata ?? {}), ...(opts.resourceVersion ? { resourceVersion: opts.resourceVersion } : {}) },
      };
      try {
        return (await call(ref.context, ref, "patch", (c) =>
          c.objects.patch(body as never, undefined, undefined, FIELD_MANAGER, undefined, PatchStrategy.MergePatch),
        )) as unknown as KubeObject;
      } catch (err) {
        throw err instanceof FirebreakError ? err : classifyKubeError(err, ref, "patch");
      }
    },

    async apply(obj, opts = {}) {
      const ref: ObjectRef = { apiVersion: obj.apiVersion, kind: obj.kind, namespace: obj.metadata.namespace, name: obj.metadata.name };
      // managedFields and resourceVersion in an apply body are refused or turned into preconditions
      const { managedFields: _m, resourceVersion: _rv, uid: _u, creationTimestamp: _c, generation: _g, ...metadata } = obj.metadata;
      const body = { ...obj, metadata };
      delete body.status;
      try {
        return (await call(opts.context, ref, "apply", (c) =>
          c.objects.patch(body as never, undefined, opts.dryRun ? "All" : undefined, FIELD_MANAGER, opts.force ?? false, PatchStrategy.ServerSideApply),
        )) as unknown as KubeObject;
      } catch (err) {
        throw err instanceof FirebreakError ? err : classifyKubeError(err, ref, "patch");
      }
    },

    async proxyGet(pod, path) {
      const ref = { apiVersion: "v1", kind: "Pod", namespace: pod.namespace, name: pod.name };
      try {
        const body = await call(pod.context, ref, "get pods/proxy", (c) =>
          c.core.connectGetNamespacedPodProxyWithPath({ name: `${pod.name}:${pod.port}`, namespace: pod.namespace, path: path.replace(/^\//, "") }),
        );
        return { status: 200, body: typeof body === "string" ? body : JSON.stringify(body) };
      } catch (err) {
        if (err instanceof FirebreakError) throw err;
        const code = (err as { code?: number }).code;
        if (typeof code === "number" && code >= 300 && code !== 403) return { status: code, body: String((err as { body?: unknown }).body ?? "") };
        throw classifyKubeError(err, ref, "get pods/proxy");
      }
    },

    connection(context) {
      return connectionOf(kc, context);
    },
  };
}
