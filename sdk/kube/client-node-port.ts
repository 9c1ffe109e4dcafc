import { CoreV1Api, KubeConfig, KubernetesObjectApi, PatchStrategy, type KubernetesObject } from "@kubernetes/client-node";
import type { KubeObject, KubePort, ListOptions, ObjectRef } from "../ports/kube.ts";
import { classifyKubeError, isTransient } from "./api-errors.ts";

/** The field manager every Firebreak write is attributed to (visible in managedFields). */
export const FIELD_MANAGER = "firebreak";

/** Attempts for a transient API failure (429, 5xx, dropped connection) before giving up. */
const TRANSIENT_ATTEMPTS = 4;
const BACKOFF_MS = [100, 300, 900];

export type KubeconfigSource = { kind: "default" } | { kind: "file"; path: string } | { kind: "inline"; content: string } | { kind: "in-cluster" };

/** Loads a kubeconfig: KUBECONFIG/~/.kube/config, a file, inline content (the action's secret), or the pod's service account. */
export function loadKubeConfig(source: KubeconfigSource): KubeConfig {
  const kc = new KubeConfig();
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
      kc.loadFromCluster();
      break;
  }
  return kc;
}

interface Clients {
  objects: KubernetesObjectApi;
  core: CoreV1Api;
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

/**
 * The Kubernetes port over `@kubernetes/client-node`, used against real clusters and the
 * simulator alike. One client per kubeconfig context, made on first use.
 */
export function createClientNodeKube(kc: KubeConfig): KubePort {
  const clients = new Map<string, Clients>();
  const clientsFor = (context?: string): Clients => {
    const key = context ?? "";
    let c = clients.get(key);
    if (!c) {
      let config = kc;
      if (context) {
        config = new KubeConfig();
        config.loadFromString(kc.exportConfig());
        config.setCurrentContext(context);
      }
      c = { objects: KubernetesObjectApi.makeApiClient(config), core: config.makeApiClient(CoreV1Api) };
      clients.set(key, c);
    }
    return c;
  };
  const header = (ref: ObjectRef): KubernetesObject => ({
    apiVersion: ref.apiVersion,
    kind: ref.kind,
    metadata: { name: ref.name, ...(ref.namespace ? { namespace: ref.namespace } : {}) },
  });

  return {
    async get(ref) {
      try {
        return (await withRetry(() => clientsFor(ref.context).objects.read(header(ref) as never))) as unknown as KubeObject;
      } catch (err) {
        if ((err as { code?: number }).code === 404 && !/Failed to fetch resource metadata/.test((err as Error).message)) return undefined;
        throw classifyKubeError(err, ref, "get");
      }
    },

    async list(o: ListOptions) {
      try {
        const res = await withRetry(() =>
          clientsFor(o.context).objects.list(o.apiVersion, o.kind, o.namespace, undefined, undefined, undefined, undefined, o.labelSelector),
        );
        return (res.items as unknown as KubeObject[]).map((item) => ({ ...item, apiVersion: o.apiVersion, kind: o.kind }));
      } catch (err) {
        throw classifyKubeError(err, { apiVersion: o.apiVersion, kind: o.kind, namespace: o.namespace, name: "(list)" }, "list");
      }
    },

    async patch(ref, patch, options = {}) {
      // The resourceVersion in a merge patch is a precondition: the server answers 409 if it moved.
      const body = {
        ...header(ref),
        ...patch,
        metadata: { ...header(ref).metadata, ...((patch as { metadata?: object }).metadata ?? {}), ...(options.resourceVersion ? { resourceVersion: options.resourceVersion } : {}) },
      };
      try {
        return (await withRetry(() =>
          clientsFor(ref.context).objects.patch(body as never, undefined, undefined, FIELD_MANAGER, undefined, PatchStrategy.MergePatch),
        )) as unknown as KubeObject;
      } catch (err) {
        throw classifyKubeError(err, ref, "patch");
      }
    },

    async proxyGet(pod, path) {
      const ref = { apiVersion: "v1", kind: "Pod", namespace: pod.namespace, name: pod.name };
      try {
        const body = await clientsFor(pod.context).core.connectGetNamespacedPodProxyWithPath({
          name: `${pod.name}:${pod.port}`,
          namespace: pod.namespace,
          path: path.replace(/^\//, ""),
        });
        return { status: 200, body: typeof body === "string" ? body : JSON.stringify(body) };
      } catch (err) {
        const code = (err as { code?: number }).code;
        if (typeof code === "number" && code >= 300 && code !== 403) return { status: code, body: String((err as { body?: unknown }).body ?? "") };
        throw classifyKubeError(err, ref, "get pods/proxy");
      }
    },
  };
}
