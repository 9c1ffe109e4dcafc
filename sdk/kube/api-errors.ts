import { ForbiddenError, KubeApiError, MissingCrdError } from "../errors.ts";
import { KubeConflict, refString, type ObjectRef } from "../ports/kube.ts";

/** The mesh or project that serves an API group, for "X is not installed" messages. */
const PROVIDERS: Record<string, string> = {
  "networking.istio.io": "Istio",
  "gateway.networking.k8s.io": "the Gateway API",
  "split.smi-spec.io": "the Linkerd SMI extension",
  "networking.k8s.io": "the networking.k8s.io API",
};

/**
 * What both ports throw: client-node's ApiException, and the lean port's own `{ code, body, message }`
 * (body: the server's Status, parsed or as text); a socket error carries its code as a string.
 */
export interface ApiLikeError {
  /** HTTP status; a socket error (node-fetch's FetchError, node:http's ECONNRESET) puts its code (a string) here. */
  code?: number | string;
  body?: unknown;
  /** The answer's headers, lower-case names (client-node's ApiException has them too). */
  headers?: Record<string, string | string[] | undefined>;
  message?: string;
}

function statusMessage(body: unknown): string | undefined {
  if (typeof body === "string") {
    try {
      return (JSON.parse(body) as { message?: string }).message ?? body;
    } catch {
      return body || undefined;
    }
  }
  return (body as { message?: string } | undefined)?.message;
}

/** Parses the API server's 403 text: `… cannot patch resource "deployments" in API group "apps" …`. */
function forbiddenParts(message: string): { verb: string; resource: string } | undefined {
  const m = /cannot (\w+) resource "([^"]+)"(?: in API group "([^"]*)")?/.exec(message);
  if (!m) return undefined;
  return { verb: m[1]!, resource: m[3] ? `${m[2]}.${m[3]}` : m[2]! };
}

/**
 * Maps a port's failure ({@link ApiLikeError}) to the Firebreak error a responder can act on: a
 * missing CRD, a missing permission, a lost write race, or the API server's own words.
 * @example
 * throw classifyKubeError({ code: 409, body: { message: "the object has been modified" } }, ref, "patch"); // KubeConflict
 */
export function classifyKubeError(err: unknown, ref: Pick<ObjectRef, "apiVersion" | "kind" | "namespace" | "name">, verb: string): Error {
  const e = err as ApiLikeError;
  const message = statusMessage(e.body) ?? e.message ?? String(err);
  const group = ref.apiVersion.includes("/") ? ref.apiVersion.split("/")[0]! : "";
  // client-node reads discovery first: only a 404 there (or a group without the kind) means "not installed"
  const discovery = /Failed to fetch resource metadata/.test(e.message ?? "");
  if ((discovery && e.code === 404) || /Unrecognized API version and kind/.test(e.message ?? "")) {
    return new MissingCrdError(ref.apiVersion, ref.kind, PROVIDERS[group] ?? `the API group ${group || "core"}`);
  }
  switch (e.code) {
    case 401:
      return new KubeApiError(401, refString(ref), `${message}: the API server refused the credentials. The token or client certificate in the kubeconfig is wrong or expired; log in again or refresh the secret.`, { cause: err });
    case 409:
      return new KubeConflict(message);
    case 403: {
      const parts = forbiddenParts(message);
      if (parts) return new ForbiddenError(parts.verb, parts.resource, ref.namespace, message);
      // the authorizer allowed it; admission refused it: a webhook or policy (Gatekeeper, Kyverno,
      // Pod Security), a ResourceQuota, a namespace being deleted. A Role would change nothing.
      return new KubeApiError(403, refString(ref), `${message}. The service account may ${verb} it; admission refused this request: fix what the message names, or ask the owners of that policy or quota.`, { cause: err });
    }
    default:
      return new KubeApiError(typeof e.code === "number" ? e.code : 0, refString(ref), message, { cause: err });
  }
}

/**
 * Errors worth one more try: throttling, server hiccups, a dropped connection.
 * @example isTransient({ code: 503 }); // true
 */
export function isTransient(err: unknown): boolean {
  const code = (err as { code?: unknown }).code;
  if (code === 429 || code === 500 || code === 502 || code === 503 || code === 504) return true;
  // node-fetch (client-node 1.x) puts the socket's error code in `code`: ECONNRESET is a string, not a status
  if (typeof code === "number") return false;
  return /ECONNRESET|EPIPE|socket hang up|ECONNREFUSED|fetch failed|other side closed|terminated/i.test(`${String(code ?? "")} ${String((err as Error).message ?? err)}`);
}

/**
 * How long the server asked the client to wait before trying again, in ms: its Retry-After header
 * (API Priority and Fairness sends one with every 429, on a text body), else the Status's
 * `details.retryAfterSeconds`; undefined when it said nothing.
 * @example retryAfterMs({ code: 429, headers: { "retry-after": "1" } }); // 1000
 */
export function retryAfterMs(err: unknown): number | undefined {
  const e = err as ApiLikeError;
  const header = e?.headers?.["retry-after"];
  const value = Array.isArray(header) ? header[0] : header;
  if (value !== undefined && /^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  let body = e?.body;
  if (typeof body === "string") {
    try {
      body = JSON.parse(body);
    } catch {
      return undefined;
    }
  }
  const seconds = (body as { details?: { retryAfterSeconds?: unknown } } | undefined)?.details?.retryAfterSeconds;
  return typeof seconds === "number" && seconds >= 0 ? seconds * 1000 : undefined;
}
