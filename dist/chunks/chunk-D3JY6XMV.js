import { createRequire as __firebreakCreateRequire } from "node:module";
import { fileURLToPath as __firebreakFileURLToPath } from "node:url";
const require = __firebreakCreateRequire(import.meta.url);
const __filename = __firebreakFileURLToPath(import.meta.url);
const __dirname = __filename.slice(0, __filename.lastIndexOf("/"));
import {
  applyMergePatch,
  sameJson
} from "./chunk-VXVKXMWV.js";
import {
  KubeConflict,
  refString
} from "./chunk-QZS5YSLN.js";
import {
  FirebreakError,
  ForbiddenError,
  KubeApiError,
  MissingCrdError
} from "./chunk-O5XZOHUO.js";

// sdk/kube/api-errors.ts
var PROVIDERS = {
  "networking.istio.io": "Istio",
  "gateway.networking.k8s.io": "the Gateway API",
  "split.smi-spec.io": "the Linkerd SMI extension",
  "networking.k8s.io": "the networking.k8s.io API"
};
function statusMessage(body) {
  if (typeof body == "string")
    try {
      return JSON.parse(body).message ?? body;
    } catch {
      return body || void 0;
    }
  return body?.message;
}
function forbiddenParts(message) {
  let m = /cannot (\w+) resource "([^"]+)"(?: in API group "([^"]*)")?/.exec(message);
  if (m)
    return { verb: m[1], resource: m[3] ? `${m[2]}.${m[3]}` : m[2] };
}
function classifyKubeError(err, ref, verb) {
  let e = err, message = statusMessage(e.body) ?? e.message ?? String(err), group = ref.apiVersion.includes("/") ? ref.apiVersion.split("/")[0] : "";
  if (/Failed to fetch resource metadata/.test(e.message ?? "") && e.code === 404 || /Unrecognized API version and kind/.test(e.message ?? ""))
    return new MissingCrdError(ref.apiVersion, ref.kind, PROVIDERS[group] ?? `the API group ${group || "core"}`);
  switch (e.code) {
    case 401:
      return new KubeApiError(401, refString(ref), `${message}: the API server refused the credentials. The token or client certificate in the kubeconfig is wrong or expired; log in again or refresh the secret.`, { cause: err });
    case 409:
      return new KubeConflict(message);
    case 403: {
      let parts = forbiddenParts(message);
      return parts ? new ForbiddenError(parts.verb, parts.resource, ref.namespace, message) : new KubeApiError(403, refString(ref), `${message}. The service account may ${verb} it; admission refused this request: fix what the message names, or ask the owners of that policy or quota.`, { cause: err });
    }
    default:
      return new KubeApiError(typeof e.code == "number" ? e.code : 0, refString(ref), message, { cause: err });
  }
}
function isTransient(err) {
  let code = err.code;
  return code === 429 || code === 500 || code === 502 || code === 503 || code === 504 ? !0 : typeof code == "number" ? !1 : /ECONNRESET|EPIPE|socket hang up|ECONNREFUSED|fetch failed|other side closed|terminated/i.test(`${String(code ?? "")} ${String(err.message ?? err)}`);
}
function retryAfterMs(err) {
  let e = err, header2 = e?.headers?.["retry-after"], value = Array.isArray(header2) ? header2[0] : header2;
  if (value !== void 0 && /^\d+$/.test(value.trim())) return Number(value.trim()) * 1e3;
  let body = e?.body;
  if (typeof body == "string")
    try {
      body = JSON.parse(body);
    } catch {
      return;
    }
  let seconds = body?.details?.retryAfterSeconds;
  return typeof seconds == "number" && seconds >= 0 ? seconds * 1e3 : void 0;
}

// sdk/kube/batched-gets.ts
var LIST_FROM = 8;
function batchedGets(get, list) {
  let asked, answer = (groups) => {
    for (let group of groups.values()) {
      let objects = [...group.values()], { apiVersion, kind, namespace, context } = objects[0].ref, listed = objects.length < LIST_FROM ? void 0 : list({ apiVersion, kind, ...namespace ? { namespace } : {}, ...context ? { context } : {} }).then(
        (items) => new Map(items.map((o) => [o.metadata.name, o])),
        (err) => {
          if (!(err instanceof ForbiddenError))
            throw err;
        }
      );
      for (let { ref, answers } of objects) {
        let read = listed ? listed.then((byName) => byName?.get(ref.name) ?? get(ref)) : get(ref);
        for (let a of answers) a(answers.length === 1 ? read : read.then((o) => o && structuredClone(o)));
      }
    }
  };
  return (ref) => new Promise((resolve) => {
    if (!asked) {
      let groups = asked = /* @__PURE__ */ new Map();
      setImmediate(() => {
        asked = void 0, answer(groups);
      });
    }
    let groupKey = [ref.context, ref.apiVersion, ref.kind, ref.namespace].join("\0"), group = asked.get(groupKey) ?? asked.set(groupKey, /* @__PURE__ */ new Map()).get(groupKey);
    (group.get(ref.name) ?? group.set(ref.name, { ref, answers: [] }).get(ref.name)).answers.push(resolve);
  });
}

// sdk/kube/port-core.ts
var TRANSIENT_ATTEMPTS = 4, BACKOFF_MS = [100, 300, 900], MAX_RETRY_AFTER_MS = 1e4, REQUEST_TIMEOUT_MS = 3e4, RequestTimeout = class extends Error {
  name = "RequestTimeout";
};
function podProxyName(pod) {
  return `${pod.scheme ? `${pod.scheme}:` : ""}${pod.name}:${pod.port}`;
}
var droppedConnection = (err) => typeof err.code != "number" && isTransient(err);
async function withRetry(fn, retryable = isTransient) {
  for (let attempt = 1; ; attempt++)
    try {
      return await fn();
    } catch (err) {
      if (attempt >= TRANSIENT_ATTEMPTS || !retryable(err)) throw err;
      let wait = Math.max(BACKOFF_MS[attempt - 1] ?? 1e3, Math.min(retryAfterMs(err) ?? 0, MAX_RETRY_AFTER_MS));
      await new Promise((r) => setTimeout(r, wait));
    }
}
var header = (ref) => ({
  apiVersion: ref.apiVersion,
  kind: ref.kind,
  metadata: { name: ref.name, ...ref.namespace ? { namespace: ref.namespace } : {} }
});
function mergePatchBody(ref, patch, resourceVersion) {
  let h = header(ref);
  return { ...h, ...patch, metadata: { ...h.metadata, ...patch.metadata ?? {}, ...resourceVersion ? { resourceVersion } : {} } };
}
function applyBody(obj) {
  let { managedFields: _m, resourceVersion: _rv, uid: _u, creationTimestamp: _c, generation: _g, ...metadata } = obj.metadata, body = { ...obj, metadata };
  return delete body.status, body;
}
function portOver(transport, timeoutMs) {
  let call = async (context, ref, verb, fn, retryable = isTransient) => {
    let target = transport.target(context);
    try {
      return await withRetry(fn, retryable);
    } catch (err) {
      if (err instanceof RequestTimeout)
        throw new KubeApiError(
          0,
          refString(ref),
          `the API server at ${target.server} (context ${target.context}) did not answer ${verb} within ${timeoutMs / 1e3}s. Check that the cluster is reachable and healthy (kubectl --context ${target.context} get --raw /readyz).`,
          { cause: err }
        );
      let socket = /\b(ECONNREFUSED|ENOTFOUND|EHOSTUNREACH|ENETUNREACH|EAI_AGAIN|ECONNRESET|CERT_\w+|UNABLE_TO_VERIFY_LEAF_SIGNATURE|DEPTH_ZERO_SELF_SIGNED_CERT|ERR_TLS_CERT_ALTNAME_INVALID)\b/.exec(
        `${err.code ?? ""} ${err.message ?? ""}`
      );
      throw socket && typeof err.code != "number" ? new KubeApiError(
        0,
        refString(ref),
        `cannot reach the API server at ${target.server} (context ${target.context}): ${socket[1]}. Check the kubeconfig's server address, the network path to it and its certificate (kubectl --context ${target.context} get --raw /readyz).`,
        { cause: err }
      ) : err;
    }
  }, classified = async (err, ref, verb, context) => {
    let e = err instanceof FirebreakError ? err : classifyKubeError(err, ref, verb), [group, version] = ref.apiVersion.split("/");
    if (!(e instanceof MissingCrdError) || e.servedVersions.length || !version) return e;
    let served = await transport.servedVersions(group, context).catch(() => []);
    return served.length && !served.includes(version) ? new MissingCrdError(e.apiVersion, e.kind, e.provider, served) : e;
  }, holding = async (ref, patch) => {
    let now = await call(ref.context, ref, "get", () => transport.read(ref)).catch(() => {
    });
    return now && sameJson(applyMergePatch(now, patch), now) ? now : void 0;
  }, getOne = async (ref) => {
    try {
      return await call(ref.context, ref, "get", () => transport.read(ref));
    } catch (err) {
      if (err.code === 404 && !/Failed to fetch resource metadata/.test(err.message)) return;
      throw await classified(err, ref, "get", ref.context);
    }
  }, list = async (o) => {
    let ref = { apiVersion: o.apiVersion, kind: o.kind, namespace: o.namespace, name: "(list)" };
    try {
      return (await call(o.context, ref, "list", () => transport.list(o))).items.map((item) => ({ ...item, apiVersion: o.apiVersion, kind: o.kind }));
    } catch (err) {
      throw await classified(err, ref, "list", o.context);
    }
  };
  return {
    get: batchedGets(getOne, list),
    list,
    async patch(ref, patch, opts = {}) {
      let body = mergePatchBody(ref, patch, opts.resourceVersion), unanswered = !1, send = () => transport.patch(ref, body).catch((err) => {
        throw unanswered ||= isTransient(err), err;
      });
      try {
        return await call(ref.context, ref, "patch", send);
      } catch (err) {
        let landed = unanswered && opts.resourceVersion && err.code === 409 ? await holding(ref, patch) : void 0;
        if (landed) return landed;
        throw await classified(err, ref, "patch", ref.context);
      }
    },
    async apply(obj, opts = {}) {
      let ref = { apiVersion: obj.apiVersion, kind: obj.kind, namespace: obj.metadata.namespace, name: obj.metadata.name, ...opts.context ? { context: opts.context } : {} }, options = { ...opts.dryRun ? { dryRun: !0 } : {}, force: opts.force ?? !1 };
      try {
        return await call(opts.context, ref, "apply", () => transport.patch(ref, applyBody(obj), options));
      } catch (err) {
        throw await classified(err, ref, "patch", opts.context);
      }
    },
    async proxyGet(pod, path) {
      let ref = { apiVersion: "v1", kind: "Pod", namespace: pod.namespace, name: pod.name };
      try {
        return { status: 200, body: await call(pod.context, ref, "get pods/proxy", () => transport.proxyGet(pod, path), droppedConnection) };
      } catch (err) {
        if (err instanceof FirebreakError) throw err;
        let code = err.code;
        if (typeof code == "number" && code >= 300 && code !== 403) return { status: code, body: String(err.body ?? "") };
        throw classifyKubeError(err, ref, "get pods/proxy");
      }
    },
    connection: (context) => transport.connection(context)
  };
}

export {
  REQUEST_TIMEOUT_MS,
  RequestTimeout,
  podProxyName,
  portOver
};
