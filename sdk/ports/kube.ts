/**
 * The Kubernetes port: the few operations plans need, over any object by apiVersion/kind.
 * Production and the simulator use the same implementations over HTTP (`createKube` in sdk/kube:
 * a lean node:http port for static credentials, `@kubernetes/client-node` for exec plugins and auth providers);
 * preview wraps it in an overlay that records writes instead of sending them.
 */

/** Identifies one object. `context` picks a kubeconfig context (one plan may act on several clusters). */
export interface ObjectRef {
  apiVersion: string;
  kind: string;
  namespace?: string;
  name: string;
  context?: string;
}

/** A Kubernetes object as it travels on the wire. */
export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: {
    name: string;
    namespace?: string;
    uid?: string;
    resourceVersion?: string;
    generation?: number;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
    ownerReferences?: { apiVersion: string; kind: string; name: string; uid: string; controller?: boolean }[];
    creationTimestamp?: string;
    [key: string]: unknown;
  };
  spec?: any;
  status?: any;
  [key: string]: unknown;
}

export interface ListOptions {
  apiVersion: string;
  kind: string;
  namespace?: string;
  labelSelector?: string;
  /** The server filters by fields: `metadata.name=x` (and `metadata.namespace`) for any kind, custom ones too. */
  fieldSelector?: string;
  context?: string;
}

/** Options of a server-side apply (field manager `firebreak`). */
export interface ApplyOptions {
  /** Take over fields another field manager owns, instead of failing with a 409 conflict. */
  force?: boolean;
  /** Ask the server what the object would become, without persisting it (`dryRun=All`). */
  dryRun?: boolean;
  /** kubeconfig context, when the plan acts on several clusters. */
  context?: string;
}

/** How an external CLI (helm, kubectl) reaches the same cluster a KubePort does. */
export interface KubeConnection {
  /** kubeconfig YAML with credentials inlined; treat it as a secret. */
  kubeconfig: string;
  /** The context within it to use. */
  context: string;
  /** The API server's URL, for messages. */
  server: string;
}

/**
 * A pod port the API server's pod proxy dials. `scheme` "https" when the app serves TLS on that port:
 * the proxy speaks plain HTTP unless told (`pods/https:{name}:{port}/proxy`).
 */
export interface PodPort {
  namespace: string;
  name: string;
  port: number;
  scheme?: "http" | "https";
  context?: string;
}

/**
 * The field manager every Firebreak write is attributed to (visible in managedFields): patches as
 * an Update, applies as an Apply, which server-side apply counts as two managers.
 */
export const FIELD_MANAGER = "firebreak";

export interface KubePort {
  /** The object, or undefined when it does not exist (404). */
  get(ref: ObjectRef): Promise<KubeObject | undefined>;
  list(options: ListOptions): Promise<KubeObject[]>;
  /**
   * JSON merge patch (RFC 7386). When `resourceVersion` is given the write is guarded by it, and a
   * concurrent change answers 409 (ConflictError from the port is not thrown; a KubeConflict is).
   */
  patch(ref: ObjectRef, patch: object, options?: { resourceVersion?: string }): Promise<KubeObject>;
  /** GET through the API server's pod proxy: `/api/v1/namespaces/{ns}/pods/[{scheme}:]{name}:{port}/proxy/{path}`. */
  proxyGet(pod: PodPort, path: string): Promise<{ status: number; body: string }>;
  /**
   * Server-side apply of a whole object (PATCH `application/apply-patch+yaml`, field manager
   * `firebreak`): creates it when absent, else merges the fields it sets. A field another manager
   * owns answers 409 unless `force`. Optional: ports without it cannot apply whole objects.
   */
  apply?(obj: KubeObject, options?: ApplyOptions): Promise<KubeObject>;
  /**
   * The kubeconfig and context that reach this port's cluster, for tools that are not this port
   * (the helm CLI). Optional: a port without it cannot hand the cluster to a CLI.
   */
  connection?(context?: string): KubeConnection;
  /**
   * Told of a write the engine did not send: the object already held what the plan asked for, or
   * the run is a preview. Another cluster's state would need it, so `firebreak rbac` grants it.
   * Optional: ports that talk to a cluster have nothing to do with it.
   */
  unsentWrite?(ref: ObjectRef, verb: "patch" | "create"): void;
}

/** Thrown by a KubePort when a guarded write lost a race (HTTP 409); the engine re-reads and retries. */
export class KubeConflict extends Error {
  override name = "KubeConflict";
}

/** Labels as an equality-based label selector ("app=checkout-api,version=stable"), as a list's labelSelector takes it. */
export const selectorOf = (labels: Record<string, string>): string =>
  Object.entries(labels)
    .map(([k, v]) => `${k}=${v}`)
    .join(",");

/** A Deployment's or ReplicaSet's `spec.selector`. */
export interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: { key: string; operator: "In" | "NotIn" | "Exists" | "DoesNotExist"; values?: string[] }[];
}

/**
 * A label selector as the API's `labelSelector` query parameter says it, expressions included
 * (`tier in (web,api)`, `!canary`): a Deployment may select its pods by expressions alone.
 * @example labelSelectorOf({ matchLabels: { app: "web" }, matchExpressions: [{ key: "track", operator: "NotIn", values: ["canary"] }] }) // "app=web,track notin (canary)"
 */
export function labelSelectorOf(selector: LabelSelector | undefined): string {
  const expressions = (selector?.matchExpressions ?? []).map(({ key, operator, values = [] }) => {
    switch (operator) {
      case "In":
        return `${key} in (${values.join(",")})`;
      case "NotIn":
        return `${key} notin (${values.join(",")})`;
      case "Exists":
        return key;
      case "DoesNotExist":
        return `!${key}`;
    }
  });
  return [selectorOf(selector?.matchLabels ?? {}), ...expressions].filter(Boolean).join(",");
}

/** True when `labels` carry every label of `match` (a selector's matchLabels); no selector matches everything. */
export function matchesLabels(labels: Record<string, string> | undefined, match: Record<string, string> | undefined): boolean {
  if (!match) return true;
  return Object.entries(match).every(([k, v]) => labels?.[k] === v);
}

export function refString(ref: Pick<ObjectRef, "kind" | "namespace" | "name" | "context">): string {
  const where = ref.namespace ? `${ref.namespace}/${ref.name}` : ref.name;
  return `${ref.kind} ${where}${ref.context ? ` (context ${ref.context})` : ""}`;
}

export function refOf(obj: KubeObject, context?: string): ObjectRef {
  return {
    apiVersion: obj.apiVersion,
    kind: obj.kind,
    namespace: obj.metadata.namespace,
    name: obj.metadata.name,
    ...(context ? { context } : {}),
  };
}
