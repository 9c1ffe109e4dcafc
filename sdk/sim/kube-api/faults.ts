import { type ApiError, failure } from "./status.ts";

/**
 * Fault injection: the next N requests matching a method and path get a fault instead of an
 * answer, so retry, backoff and timeout handling are tested against the same wire behaviour a
 * struggling real API server shows.
 */

/** A fault to inject. Without `method`/`path` it matches any request; `times` defaults to 1. */
export type Fault = { method?: string; path?: string | RegExp; times?: number } & (
  /** A 403 without `message` is the authorizer's (the RBAC rule missing); with one, e.g. an admission webhook's denial. */
  | { kind: "status"; status: 409 | 429 | 500 | 503 | 504 | number; retryAfterSeconds?: number; message?: string }
  /** Hold the request `ms`, then answer 504 Timeout. */
  | { kind: "timeout"; ms: number }
  /** Destroy the connection without an answer. */
  | { kind: "drop" }
  /** Serve the request (a write lands), then destroy the connection instead of answering: a load balancer timing out after the server committed. */
  | { kind: "lose-answer" }
);

/** Injects faults into the API server's next requests. */
export interface FaultInjector {
  /** The next `times` (default 1) requests matching method/path get the fault instead of being served. */
  inject(fault: Fault): void;
  /** Forgets every pending fault. */
  clear(): void;
}

/** Pending faults at once; a test that needs more is leaking them. */
const MAX_PENDING_FAULTS = 1000;

/** The injector plus the server's side of it: taking the fault for a request. */
export interface FaultQueue extends FaultInjector {
  /** The fault this request gets, if any (consumes one of its `times`). */
  take(method: string, pathname: string, pathAndQuery: string): Fault | undefined;
}

function matches(f: Fault, method: string, pathname: string, pathAndQuery: string): boolean {
  if (f.method && f.method.toUpperCase() !== method) return false;
  if (f.path === undefined) return true;
  // a string names a path exactly (with or without its query); a RegExp is tested against path+query
  if (typeof f.path === "string") return f.path === pathname || f.path === pathAndQuery;
  f.path.lastIndex = 0;
  return f.path.test(pathAndQuery);
}

/** An empty fault queue. */
export function createFaultQueue(): FaultQueue {
  const pending: { fault: Fault; left: number }[] = [];
  return {
    inject(fault) {
      const times = fault.times ?? 1;
      if (!Number.isInteger(times) || times < 1) throw new RangeError(`fault.times must be a positive integer, got ${times}`);
      if (fault.kind === "timeout" && !(fault.ms >= 0)) throw new RangeError(`fault.ms must be >= 0, got ${fault.ms}`);
      if (pending.length >= MAX_PENDING_FAULTS) throw new RangeError(`more than ${MAX_PENDING_FAULTS} pending faults`);
      pending.push({ fault, left: times });
    },
    clear() {
      pending.length = 0;
    },
    take(method, pathname, pathAndQuery) {
      const i = pending.findIndex((p) => matches(p.fault, method, pathname, pathAndQuery));
      if (i < 0) return undefined;
      const p = pending[i]!;
      if (--p.left === 0) pending.splice(i, 1);
      return p.fault;
    },
  };
}

/** The reason and message a real server sends with each status code we inject. */
const INJECTED: Record<number, [reason: string, message: string]> = {
  400: ["BadRequest", "the server rejected our request for an unknown reason"],
  401: ["Unauthorized", "Unauthorized"],
  403: ["Forbidden", "forbidden: injected by the simulator"],
  404: ["NotFound", "the server could not find the requested resource"],
  409: ["Conflict", "Operation cannot be fulfilled: the object has been modified; please apply your changes to the latest version and try again"],
  410: ["Expired", "too old resource version"],
  422: ["Invalid", "the server rejected our request due to an error in our request"],
  429: ["TooManyRequests", "Too many requests, please try again later."],
  500: ["InternalError", "Internal error occurred: fault injected by the simulator"],
  502: ["", "the server responded with the status code 502 but did not return more information"],
  503: ["ServiceUnavailable", "The server is currently unable to handle the request"],
  504: ["Timeout", "Timeout: request did not complete within the allotted timeout"],
};

/** The error an injected status fault answers with; `conflictMessage` words a 409 for the object, `given` replaces the standard message. */
export function injectedError(status: number, retryAfterSeconds: number | undefined, conflictMessage?: string, given?: string): ApiError {
  const [reason, standard] = INJECTED[status] ?? ["", `the server responded with the status code ${status} but did not return more information`];
  const message = given ?? standard;
  // 429 always carries Retry-After, as API Priority and Fairness sends it
  const retry = retryAfterSeconds ?? (status === 429 ? 1 : undefined);
  return failure(status, reason || undefined, status === 409 && conflictMessage ? conflictMessage : message, retry !== undefined ? { retryAfterSeconds: retry } : {});
}
