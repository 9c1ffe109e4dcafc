import { FirebreakError, KubeApiError, MissingCrdError } from "../errors.ts";
import { refString, type ApplyOptions, type KubeConnection, type KubeObject, type KubePort, type ListOptions, type ObjectRef, type PodPort } from "../ports/kube.ts";
import { sameJson } from "../util/diff.ts";
import { applyMergePatch } from "../util/merge-patch.ts";
import { classifyKubeError, isTransient, retryAfterMs } from "./api-errors.ts";
import { batchedGets } from "./batched-gets.ts";

/**
 * What both KubePorts share: the retries, the deadline's message, 404 → undefined, the mapping of
 * failures to typed errors, the bodies of a merge patch and of an apply. A port is a
 * {@link KubeTransport} (how a request reaches the server) wrapped by {@link portOver}.
 */

/** Attempts for a transient API failure (429, 5xx, dropped connection) before giving up. */
export const TRANSIENT_ATTEMPTS = 4;
/** Waits between attempts; roughly what client-go's default backoff does for the first retries. */
export const BACKOFF_MS = [100, 300, 900];
/**
 * The longest Retry-After honoured: a server asking for more is waited on this long, so a
 * throttled step still fails within about half a minute instead of holding the incident.
 */
export const MAX_RETRY_AFTER_MS = 10_000;

/**
 * How long one API request may take before we give up on it. kube-apiserver itself ends a
 * non-streaming request after 60 s (its --request-timeout default) with a 504, which is retried;
 * 30 s is already long for one read or patch during an incident, and a server that does not answer
 * at all must not hold the plan. Not retried: a hung server rarely recovers within seconds.
 */
export const REQUEST_TIMEOUT_MS = 30_000;

/** Thrown by a transport when one request's deadline passed; turned into a KubeApiError naming the server. */
export class RequestTimeout extends Error {
  override name = "RequestTimeout";
}

/** The object part of a ref, without the context. */
type Where = Pick<ObjectRef, "apiVersion" | "kind" | "namespace" | "name">;

/**
 * How one port reaches its server(s). Failures are thrown as `{ code, body, message }` (HTTP status
 * and the server's Status) or a socket error, a discovery failure has a message starting with
 * "Failed to fetch resource metadata", a kind the group lacks "Unrecognized API version and kind",
 * a missed deadline is a {@link RequestTimeout}; a FirebreakError passes through untouched.
 */
export interface KubeTransport {
  /** The server and context a `context` (default: the current one) talks to; throws KubeconfigError for an unknown one. */
  target(context?: string): { server: string; context: string };
  read(ref: ObjectRef): Promise<unknown>;
  list(options: ListOptions): Promise<{ items: unknown[] }>;
  /** A merge patch, or with `apply` a server-side apply of `body` as {@link FIELD_MANAGER}. */
  patch(ref: ObjectRef, body: KubeObject, apply?: Omit<ApplyOptions, "context">): Promise<unknown>;
  /** The body the pod answered (a non-2xx answer is thrown as `{ code, body }`). */
  proxyGet(pod: PodPort, path: string): Promise<string>;
  connection(context?: string): KubeConnection;
  /** The versions the cluster serves an API group at (GET /apis/{group}), preferred first; empty when it does not serve the group. */
  servedVersions(group: string, context?: string): Promise<string[]>;
}

/** The name part of a pod proxy URL, `[scheme:]name:port`, as the API server splits it. */
export function podProxyName(pod: PodPort): string {
  return `${pod.scheme ? `${pod.scheme}:` : ""}${pod.name}:${pod.port}`;
}

/** A status is the pod's answer to a probe (a flaky pod's 500 is the result): only a dropped connection is retried. */
const droppedConnection = (err: unknown): boolean => typeof (err as { code?: unknown }).code !== "number" && isTransient(err);

/**
 * Runs `fn` until it succeeds, fails for good, or {@link TRANSIENT_ATTEMPTS} transient failures;
 * each retry waits its backoff, or the server's Retry-After when that is longer (up to {@link MAX_RETRY_AFTER_MS}).
 * @example const obj = await withRetry(() => transport.read(ref));
 */
export async function withRetry<T>(fn: () => Promise<T>, retryable: (err: unknown) => boolean = isTransient): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (err) {
      if (attempt >= TRANSIENT_ATTEMPTS || !retryable(err)) throw err;
      // as client-go: no sooner than the server's Retry-After (a throttled client that comes back early is throttled again)
      const wait = Math.max(BACKOFF_MS[attempt - 1] ?? 1000, Math.min(retryAfterMs(err) ?? 0, MAX_RETRY_AFTER_MS));
      await new Promise((r) => setTimeout(r, wait));
    }
  }
}

/** The header of an object a ref names (what a patch body starts from). */
const header = (ref: Where): KubeObject => ({
  apiVersion: ref.apiVersion,
  kind: ref.kind,
  metadata: { name: ref.name, ...(ref.namespace ? { namespace: ref.namespace } : {}) },
});

/** A merge patch body; the resourceVersion in it is a precondition: the server answers 409 if it moved. */
function mergePatchBody(ref: ObjectRef, patch: object, resourceVersion?: string): KubeObject {
  const h = header(ref);
  return { ...h, ...patch, metadata: { ...h.metadata, ...((patch as { metadata?: object }).metadata ?? {}), ...(resourceVersion ? { resourceVersion } : {}) } };
}

/** An apply body: managedFields and resourceVersion in it are refused or turned into preconditions, status is not ours. */
function applyBody(obj: KubeObject): KubeObject {
  const { managedFields: _m, resourceVersion: _rv, uid: _u, creationTimestamp: _c, generation: _g, ...metadata } = obj.metadata;
  const body: KubeObject = { ...obj, metadata };
  delete body.status;
  return body;
}

/**
 * The KubePort semantics over a transport: every call retried when transient, a missed deadline
 * named by server and context, failures classified (MissingCrdError, ForbiddenError, KubeConflict,
 * KubeApiError), a 404 get answered undefined, list items given their apiVersion and kind.
 * @example
 * const kube = portOver(createHttpTransport(config), 10_000);
 */
export function portOver(transport: KubeTransport, timeoutMs: number): KubePort {
  const call = async <T>(context: string | undefined, ref: Where, verb: string, fn: () => Promise<T>, retryable = isTransient): Promise<T> => {
    const target = transport.target(context);
    try {
      return await withRetry(fn, retryable);
    } catch (err) {
      if (err instanceof RequestTimeout) {
        throw new KubeApiError(
          0,
          refString(ref),
          `the API server at ${target.server} (context ${target.context}) did not answer ${verb} within ${timeoutMs / 1000}s. ` +
            `Check that the cluster is reachable and healthy (kubectl --context ${target.context} get --raw /readyz).`,
          { cause: err },
        );
      }
      const socket = /\b(ECONNREFUSED|ENOTFOUND|EHOSTUNREACH|ENETUNREACH|EAI_AGAIN|ECONNRESET|CERT_\w+|UNABLE_TO_VERIFY_LEAF_SIGNATURE|DEPTH_ZERO_SELF_SIGNED_CERT|ERR_TLS_CERT_ALTNAME_INVALID)\b/.exec(
        `${(err as { code?: unknown }).code ?? ""} ${(err as Error).message ?? ""}`,
      );
      if (socket && typeof (err as { code?: unknown }).code !== "number") {
        // no HTTP answer at all: say which server could not be reached, not which resource was asked for
        throw new KubeApiError(
          0,
          refString(ref),
          `cannot reach the API server at ${target.server} (context ${target.context}): ${socket[1]}. ` +
            `Check the kubeconfig's server address, the network path to it and its certificate (kubectl --context ${target.context} get --raw /readyz).`,
          { cause: err },
        );
      }
      throw err;
    }
  };
  /**
   * The failure as a typed error. A missing API whose group the cluster serves at other versions
   * (Istio before 1.22 has no networking.istio.io/v1) says which: "not installed" would send the
   * responder after the wrong fix.
   */
  const classified = async (err: unknown, ref: Where, verb: string, context: string | undefined): Promise<Error> => {
    const e = err instanceof FirebreakError ? err : classifyKubeError(err, ref, verb);
    const [group, version] = ref.apiVersion.split("/");
    if (!(e instanceof MissingCrdError) || e.servedVersions.length || !version) return e;
    const served = await transport.servedVersions(group!, context).catch((): string[] => []);
    return served.length && !served.includes(version) ? new MissingCrdError(e.apiVersion, e.kind, e.provider, served) : e;
  };

  /**
   * After a guarded patch's retry answered 409: the object when it already holds the patch (an
   * earlier attempt landed and only its answer was lost), so the write counts as done, not as a
   * conflict the engine would re-read and, finding nothing left to change, never journal.
   */
  const holding = async (ref: ObjectRef, patch: object): Promise<KubeObject | undefined> => {
    const now = (await call(ref.context, ref, "get", () => transport.read(ref)).catch(() => undefined)) as KubeObject | undefined;
    return now && sameJson(applyMergePatch(now, patch), now) ? now : undefined;
  };

  const getOne = async (ref: ObjectRef): Promise<KubeObject | undefined> => {
    try {
      return (await call(ref.context, ref, "get", () => transport.read(ref))) as KubeObject;
    } catch (err) {
      // a 404 from discovery is a group the cluster does not serve, not an absent object
      if ((err as { code?: number }).code === 404 && !/Failed to fetch resource metadata/.test((err as Error).message)) return undefined;
      throw await classified(err, ref, "get", ref.context);
    }
  };
  const list = async (o: ListOptions): Promise<KubeObject[]> => {
    const ref = { apiVersion: o.apiVersion, kind: o.kind, namespace: o.namespace, name: "(list)" };
    try {
      const res = await call(o.context, ref, "list", () => transport.list(o));
      // items of a list carry no apiVersion/kind on the wire
      return (res.items as KubeObject[]).map((item) => ({ ...item, apiVersion: o.apiVersion, kind: o.kind }));
    } catch (err) {
      throw await classified(err, ref, "list", o.context);
    }
  };

  return {
    get: batchedGets(getOne, list),
    list,

    async patch(ref, patch, opts = {}) {
      const body = mergePatchBody(ref, patch, opts.resourceVersion);
      // a dropped connection or a 5xx does not say the write did not land: its retry may then conflict with it
      let unanswered = false;
      const send = () =>
        transport.patch(ref, body).catch((err: unknown) => {
          unanswered ||= isTransient(err);
          throw err;
        });
      try {
        return (await call(ref.context, ref, "patch", send)) as KubeObject;
      } catch (err) {
        const landed = unanswered && opts.resourceVersion && (err as { code?: unknown }).code === 409 ? await holding(ref, patch) : undefined;
        if (landed) return landed;
        throw await classified(err, ref, "patch", ref.context);
      }
    },

    async apply(obj, opts = {}) {
      const ref: ObjectRef = { apiVersion: obj.apiVersion, kind: obj.kind, namespace: obj.metadata.namespace, name: obj.metadata.name, ...(opts.context ? { context: opts.context } : {}) };
      const options = { ...(opts.dryRun ? { dryRun: true } : {}), force: opts.force ?? false };
      try {
        return (await call(opts.context, ref, "apply", () => transport.patch(ref, applyBody(obj), options))) as KubeObject;
      } catch (err) {
        throw await classified(err, ref, "patch", opts.context);
      }
    },

    async proxyGet(pod, path) {
      const ref = { apiVersion: "v1", kind: "Pod", namespace: pod.namespace, name: pod.name };
      try {
        return { status: 200, body: await call(pod.context, ref, "get pods/proxy", () => transport.proxyGet(pod, path), droppedConnection) };
      } catch (err) {
        if (err instanceof FirebreakError) throw err;
        // the pod's own answer (or the proxy's 503 when nothing listens) is the probe's result, not a failure
        const code = (err as { code?: number }).code;
        if (typeof code === "number" && code >= 300 && code !== 403) return { status: code, body: String((err as { body?: unknown }).body ?? "") };
        throw classifyKubeError(err, ref, "get pods/proxy");
      }
    },

    connection: (context) => transport.connection(context),
  };
}
