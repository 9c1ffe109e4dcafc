import { createRequire as __firebreakCreateRequire } from "node:module";
import { fileURLToPath as __firebreakFileURLToPath } from "node:url";
const require = __firebreakCreateRequire(import.meta.url);
const __filename = __firebreakFileURLToPath(import.meta.url);
const __dirname = __filename.slice(0, __filename.lastIndexOf("/"));
import {
  childPath,
  setField
} from "./chunk-QXKUTHXR.js";
import {
  KubeConflict,
  refString
} from "./chunk-7YCXX5NN.js";
import {
  FirebreakError,
  ForbiddenError,
  KubeApiError,
  MissingCrdError
} from "./chunk-GH6XOQAL.js";

// sdk/util/diff.ts
var isObject = (v) => v !== null && typeof v == "object" && !Array.isArray(v);
function diffObjects(before, after, path = "") {
  return path === "status" || path === "metadata.resourceVersion" || path === "metadata.generation" || path === "metadata.managedFields" ? [] : isObject(before) && isObject(after) ? [.../* @__PURE__ */ new Set([...Object.keys(before), ...Object.keys(after)])].flatMap((k) => diffObjects(before[k], after[k], childPath(path, k))) : Array.isArray(before) && Array.isArray(after) && before.length === after.length ? before.flatMap((b, i) => diffObjects(b, after[i], childPath(path, i))) : JSON.stringify(before) === JSON.stringify(after) ? [] : [{ field: path, before, after }];
}
function sameJson(a, b) {
  if (Array.isArray(a) || Array.isArray(b)) return Array.isArray(a) && Array.isArray(b) && a.length === b.length && a.every((x, i) => sameJson(x, b[i]));
  if (isObject(a) && isObject(b)) {
    let keys = (o) => Object.keys(o).filter((k) => o[k] !== void 0), [ka, kb] = [keys(a), keys(b)];
    return ka.length === kb.length && ka.every((k) => sameJson(a[k], b[k]));
  }
  return a === b;
}

// sdk/util/merge-patch.ts
function applyMergePatch(target, patch) {
  if (patch === null || typeof patch != "object" || Array.isArray(patch)) return structuredClone(patch);
  let base = {};
  if (target !== null && typeof target == "object" && !Array.isArray(target))
    for (let [key, value] of Object.entries(target)) setField(base, key, value);
  for (let [key, value] of Object.entries(patch))
    value === null ? delete base[key] : setField(base, key, applyMergePatch(Object.hasOwn(base, key) ? base[key] : void 0, value));
  return base;
}
function mergePatchFrom(current, target) {
  if (!isObject(current) || !isObject(target)) return structuredClone(target);
  let patch = {}, own = (o, key) => Object.hasOwn(o, key) ? o[key] : void 0;
  for (let key of Object.keys(current)) Object.hasOwn(target, key) || setField(patch, key, null);
  for (let [key, value] of Object.entries(target))
    JSON.stringify(own(current, key)) !== JSON.stringify(value) && setField(patch, key, mergePatchFrom(own(current, key), value));
  return patch;
}
function fieldsOf(value, shape) {
  if (!isObject(value) || !isObject(shape)) return structuredClone(value);
  let out = {};
  for (let key of Object.keys(shape)) Object.hasOwn(value, key) && setField(out, key, fieldsOf(value[key], shape[key]));
  return out;
}

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
      return new ForbiddenError(parts?.verb ?? verb, parts?.resource ?? `${ref.kind.toLowerCase()}s${group ? `.${group}` : ""}`, ref.namespace, message);
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

// sdk/kube/port-core.ts
var FIELD_MANAGER = "firebreak", TRANSIENT_ATTEMPTS = 4, BACKOFF_MS = [100, 300, 900], MAX_RETRY_AFTER_MS = 1e4, REQUEST_TIMEOUT_MS = 3e4, RequestTimeout = class extends Error {
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
  };
  return {
    async get(ref) {
      try {
        return await call(ref.context, ref, "get", () => transport.read(ref));
      } catch (err) {
        if (err.code === 404 && !/Failed to fetch resource metadata/.test(err.message)) return;
        throw await classified(err, ref, "get", ref.context);
      }
    },
    async list(o) {
      let ref = { apiVersion: o.apiVersion, kind: o.kind, namespace: o.namespace, name: "(list)" };
      try {
        return (await call(o.context, ref, "list", () => transport.list(o))).items.map((item) => ({ ...item, apiVersion: o.apiVersion, kind: o.kind }));
      } catch (err) {
        throw await classified(err, ref, "list", o.context);
      }
    },
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
  isObject,
  diffObjects,
  sameJson,
  applyMergePatch,
  mergePatchFrom,
  fieldsOf,
  FIELD_MANAGER,
  REQUEST_TIMEOUT_MS,
  RequestTimeout,
  podProxyName,
  portOver
};
