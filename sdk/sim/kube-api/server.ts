import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { fileURLToPath } from "node:url";
import type { ObjectStore } from "../store.ts";
import { type ApiReply, type ApiRequest, type PodProxy, type ServerContext, VersionedObjects } from "./context.ts";
import { discovery } from "./discovery.ts";
import { createFaultQueue, type FaultInjector, injectedError } from "./faults.ts";
import { kubeconfigFor } from "./kubeconfig.ts";
import { openapi } from "./openapi.ts";
import { APPLY_PATCH, patch } from "./patching.ts";
import { proxy } from "./proxy.ts";
import { authorize, type RbacPolicy, verbOf } from "./rbac.ts";
import { get, list } from "./read.ts";
import { loadResourceTable, type ResourceTable } from "./resources.ts";
import { parseResourceRoute, type ResourceRoute, splitPath } from "./routes.ts";
import { scale } from "./scale.ts";
import { ApiError, conflict, failure, internalError, methodNotAllowed, unauthorized } from "./status.ts";
import { createWatches } from "./watch.ts";
import { create, remove, removeCollection, replace } from "./write.ts";

/** Options of startKubeApiServer. */
export interface KubeApiServerOptions {
  store: ObjectStore;
  /** Called after every successful write, before the response is sent (the simulator runs its controllers here so a following read sees ReplicaSets/pods). */
  afterWrite?: () => void;
  /** Answers GET /api/v1/namespaces/{ns}/pods/[{scheme}:]{name}[:{port}]/proxy/{path}; undefined → 404/503 like the real one. `path` is what the pod is asked for: leading "/", query included; `scheme` what the proxy speaks to the pod (http unless the URL says https). */
  podProxy?: PodProxy;
  /** Directory of CRD YAML files to validate custom resources against; default: sdk/sim/crds. */
  crdDir?: string;
  /** When set, requests must carry `Authorization: Bearer <token>` (401 otherwise). */
  token?: string;
  /** When set, only what these rules allow is allowed (RBAC-like), else 403 with the real message format. */
  rbac?: RbacPolicy;
}

/** A running simulator API server. */
export interface KubeApiServer {
  /** http://127.0.0.1:PORT */
  url: string;
  faults: FaultInjector;
  /** kubeconfig YAML (cluster server=url, insecure; user with the token if any; context "firebreak-sim"). */
  kubeconfig(): string;
  /** Every request seen: method, path+query, status (0 for a dropped connection). The oldest are forgotten past MAX_REQUEST_LOG. */
  requests: { method: string; path: string; status: number }[];
  close(): Promise<void>;
}

/** kube-apiserver's request body limit (--max-request-bytes default, 3 MiB). */
export const MAX_REQUEST_BYTES = 3 * 1024 * 1024;
/** Requests remembered in `requests`; a long benchmark would otherwise grow it without end. */
export const MAX_REQUEST_LOG = 100_000;
/** Concurrent connections; beyond it the server stops accepting, as a saturated one does. */
const MAX_CONNECTIONS = 1024;
/** Who an injected 403 says was refused: a plan's service account. */
const INJECTED_403_USER = "system:serviceaccount:firebreak:firebreak";

const DEFAULT_CRD_DIR = fileURLToPath(new URL("../crds", import.meta.url));

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (c: Buffer) => {
      size += c.length;
      if (size > MAX_REQUEST_BYTES) {
        reject(failure(413, "RequestEntityTooLarge", `Request entity too large: limit is ${MAX_REQUEST_BYTES}`));
        req.resume();
        return;
      }
      chunks.push(c);
    });
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

function send(res: ServerResponse, reply: ApiReply, pretty: boolean): void {
  if (res.headersSent || res.destroyed) return;
  for (const [k, v] of Object.entries(reply.headers ?? {})) if (!Array.isArray(v) || v.length) res.setHeader(k, v);
  const text = typeof reply.body === "string" || Buffer.isBuffer(reply.body) ? reply.body : JSON.stringify(reply.body, null, pretty ? 2 : undefined);
  res.writeHead(reply.status, { "Content-Type": reply.contentType ?? "application/json", "Cache-Control": "no-cache, private" });
  res.end(text);
}

function errorReply(err: ApiError): ApiReply {
  const retry = err.status.details?.retryAfterSeconds;
  return { status: err.status.code, body: err.status, ...(retry !== undefined ? { headers: { "Retry-After": String(retry) } } : {}) };
}

const isWatch = (query: URLSearchParams) => query.get("watch") === "true" || query.get("watch") === "1";

/** Serves one resource request; the handlers are synchronous, so each write is atomic. */
function dispatch(ctx: ServerContext, req: ApiRequest, watches: ReturnType<typeof createWatches>, res: ServerResponse): ApiReply | undefined {
  const { method, route } = req;
  if (route.subresource === "proxy") return proxy(ctx, req);
  if (route.subresource === "scale") {
    if (method === "GET" || method === "PUT" || method === "PATCH") return scale(ctx, req);
    throw methodNotAllowed();
  }
  if (route.name === undefined) {
    if (method === "GET" && isWatch(req.query)) {
      watches.open(ctx, req, res);
      return undefined;
    }
    if (method === "GET") return list(ctx, req);
    // creating or deleting across all namespaces is not a thing
    if (route.type.namespaced && route.namespace === undefined) throw methodNotAllowed();
    if (method === "POST") return create(ctx, req);
    if (method === "DELETE") return removeCollection(ctx, req);
    throw methodNotAllowed();
  }
  switch (method) {
    case "GET":
      return get(ctx, req);
    case "PUT":
      return replace(ctx, req);
    case "PATCH":
      return patch(ctx, req);
    case "DELETE":
      if (route.subresource) throw methodNotAllowed();
      return remove(ctx, req);
    default:
      throw methodNotAllowed();
  }
}

/** The wording of an injected 409 for the object a path names, if it names one. */
function conflictMessageFor(table: ResourceTable, pathname: string): string | undefined {
  try {
    const r: ResourceRoute = parseResourceRoute(table, splitPath(pathname));
    return r.name ? conflict({ group: r.group, plural: r.type.plural }, r.name).message : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Starts a loopback Kubernetes API server over `store`, strict like kube-apiserver: discovery,
 * CRUD, the four patch types, server-side apply, CRD schema validation, admission, RBAC, faults.
 * @example
 * const api = await startKubeApiServer({ store });
 * const kc = new KubeConfig(); kc.loadFromString(api.kubeconfig());
 * api.faults.inject({ method: "PATCH", kind: "status", status: 429, retryAfterSeconds: 1 });
 * await api.close();
 */
export async function startKubeApiServer(options: KubeApiServerOptions): Promise<KubeApiServer> {
  const table = await loadResourceTable(options.crdDir ?? DEFAULT_CRD_DIR);
  const ctx: ServerContext = {
    table,
    objects: new VersionedObjects(options.store),
    afterWrite: options.afterWrite ?? (() => {}),
    podProxy: options.podProxy,
  };
  const faults = createFaultQueue();
  const watches = createWatches();
  const requests: KubeApiServer["requests"] = [];
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  let serverAddress = "";

  /** An injected 403 as the authorizer words it (the RBAC rule missing), for the request's verb and resource. */
  function deniedByRbac(method: string, url: URL): ApiError {
    try {
      const route = parseResourceRoute(table, splitPath(url.pathname));
      authorize({ user: INJECTED_403_USER, rules: [] }, verbOf(method, route.name !== undefined, isWatch(url.searchParams)), route);
    } catch (err) {
      if (err instanceof ApiError) return err;
    }
    return injectedError(403, undefined);
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const method = (req.method ?? "GET").toUpperCase();
    const url = new URL(req.url ?? "/", "http://localhost");
    const entry = { method, path: url.pathname + url.search, status: 0 };
    if (requests.push(entry) > MAX_REQUEST_LOG) requests.splice(0, MAX_REQUEST_LOG / 10);
    res.on("finish", () => (entry.status = res.statusCode));
    const pretty = url.searchParams.get("pretty") === "true";

    const fault = faults.take(method, url.pathname, entry.path);
    if (fault?.kind === "drop") return void req.socket.destroy();
    if (fault?.kind === "timeout") {
      const timer = setTimeout(() => {
        timers.delete(timer);
        send(res, errorReply(failure(504, "Timeout", "Timeout: request did not complete within the allotted timeout", {})), false);
      }, fault.ms);
      timers.add(timer);
      return;
    }
    if (fault?.kind === "status") {
      const conflictMessage = fault.status === 409 ? conflictMessageFor(table, url.pathname) : undefined;
      const error = fault.message !== undefined || fault.status !== 403 ? injectedError(fault.status, fault.retryAfterSeconds, conflictMessage, fault.message) : deniedByRbac(method, url);
      return send(res, errorReply(error), pretty);
    }

    try {
      if (options.token !== undefined && req.headers.authorization !== `Bearer ${options.token}`) throw unauthorized();
      const body = await readBody(req);
      const segments = splitPath(url.pathname);
      if (["healthz", "livez", "readyz"].includes(segments[0] ?? "") && segments.length === 1) {
        return send(res, { status: 200, body: "ok", contentType: "text/plain; charset=utf-8" }, false);
      }
      const accept = req.headers.accept ?? "";
      if (method === "GET") {
        const doc = discovery(table, segments, accept, serverAddress) ?? openapi(table, segments, accept);
        if (doc) return send(res, { status: 200, body: doc.body, ...(doc.contentType ? { contentType: doc.contentType } : {}) }, pretty);
      }
      const route = parseResourceRoute(table, segments);
      const apiReq: ApiRequest = {
        method,
        route,
        query: url.searchParams,
        contentType: (req.headers["content-type"] ?? "").split(";")[0]!.trim().toLowerCase(),
        body,
        accept,
        userAgent: req.headers["user-agent"] ?? "",
      };
      if (options.rbac) {
        authorize(options.rbac, verbOf(method, route.name !== undefined, isWatch(url.searchParams)), route);
        // an apply that creates the object is authorized as a create too (api-concepts, "Patch and apply")
        const creates = method === "PATCH" && apiReq.contentType === APPLY_PATCH && !route.subresource && !ctx.objects.get(route.type, route.namespace, route.name!);
        if (creates) authorize(options.rbac, "create", route);
      }
      const reply = dispatch(ctx, apiReq, watches, res);
      if (fault?.kind === "lose-answer") return void req.socket.destroy();
      if (reply) send(res, reply, pretty);
      else entry.status = res.statusCode; // a watch: streaming until it ends
    } catch (err) {
      send(res, errorReply(err instanceof ApiError ? err : internalError((err as Error).message ?? String(err))), pretty);
    }
  }

  const server = createServer((req, res) => void handle(req, res));
  server.maxConnections = MAX_CONNECTIONS;
  server.on("connection", (s) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  serverAddress = `127.0.0.1:${port}`;
  const url = `http://${serverAddress}`;

  let closing: Promise<void> | undefined;
  return {
    url,
    faults,
    requests,
    kubeconfig: () => kubeconfigFor(url, options.token),
    close() {
      closing ??= new Promise<void>((resolve) => {
        watches.closeAll();
        for (const t of timers) clearTimeout(t);
        timers.clear();
        server.close(() => resolve());
        for (const s of sockets) s.destroy();
      });
      return closing;
    },
  };
}
