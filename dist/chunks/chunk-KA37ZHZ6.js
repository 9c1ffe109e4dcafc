import { createRequire as __firebreakCreateRequire } from "node:module";
import { fileURLToPath as __firebreakFileURLToPath } from "node:url";
const require = __firebreakCreateRequire(import.meta.url);
const __filename = __firebreakFileURLToPath(import.meta.url);
const __dirname = __filename.slice(0, __filename.lastIndexOf("/"));
import {
  FirebreakError
} from "./chunk-O5XZOHUO.js";

// sdk/kube/source.ts
import { existsSync } from "node:fs";
import { homedir } from "node:os";
import { delimiter, join } from "node:path";
var SERVICE_ACCOUNT_DIR = "/var/run/secrets/kubernetes.io/serviceaccount", KubeconfigError = class extends FirebreakError {
  name = "KubeconfigError";
  constructor(message, options) {
    super("usage", message, options);
  }
};
function describeSource(source) {
  switch (source.kind) {
    case "default":
      return "the default kubeconfig (KUBECONFIG, ~/.kube/config, or the pod's service account)";
    case "file":
      return `the kubeconfig ${source.path}`;
    case "inline":
      return "the inline kubeconfig";
    case "in-cluster":
      return "the pod's service account";
  }
}
function noSuchContext(context, names) {
  return new KubeconfigError(`The kubeconfig has no context '${context}'; contexts are: ${names.length ? names.map((n) => `'${n}'`).join(", ") : "(none)"}.`);
}
function defaultKubeconfig() {
  let env = process.env.KUBECONFIG;
  if (env) return env.includes(delimiter) ? { kind: "files", paths: env.split(delimiter) } : { kind: "file", path: env };
  let home = join(homedir(), ".kube", "config");
  if (existsSync(home)) return { kind: "file", path: home };
  if (existsSync(join(SERVICE_ACCOUNT_DIR, "token"))) return { kind: "in-cluster" };
  throw new KubeconfigError("There is no kubeconfig: KUBECONFIG is unset, ~/.kube/config does not exist, and this is not a pod with a service account.");
}
function notInCluster() {
  return new KubeconfigError(
    "In-cluster config needs KUBERNETES_SERVICE_HOST and KUBERNETES_SERVICE_PORT, which Kubernetes sets in every pod: run inside a pod, or pass a kubeconfig instead."
  );
}
function noServiceAccountToken(path) {
  return new KubeconfigError(`In-cluster config needs the service account token at ${path}: set automountServiceAccountToken on the pod, or pass a kubeconfig instead.`);
}
function unloadable(source, err) {
  return err instanceof KubeconfigError ? err : source.kind === "file" && err.code === "ENOENT" ? new KubeconfigError(`The kubeconfig ${source.path} does not exist: check the path (a relative one is read from ${process.cwd()}).`, { cause: err }) : new KubeconfigError(`Could not load ${describeSource(source)}: ${err.message}`, { cause: err });
}

// sdk/util/field-path.ts
var PLAIN = /^[A-Za-z_$][\w$-]*$/;
function childPath(parent, key) {
  return typeof key == "number" ? `${parent}[${key}]` : PLAIN.test(key) ? parent ? `${parent}.${key}` : key : `${parent}[${JSON.stringify(key)}]`;
}
function keysOf(path) {
  return (path.match(/\[\d+\]|\["(?:[^"\\]|\\.)*"\]|[^.[\]]+/g) ?? []).map((t) => t.startsWith('["') ? JSON.parse(t.slice(1, -1)) : t.startsWith("[") ? Number(t.slice(1, -1)) : t);
}
var overlaps = (a, b) => {
  let inside = (path, outer) => path === outer || path.startsWith(`${outer}.`) || path.startsWith(`${outer}[`);
  return inside(a, b) || inside(b, a);
};
function valueAt(obj, path) {
  let v = obj;
  for (let key of keysOf(path)) {
    if (v === null || typeof v != "object") return;
    v = v[key];
  }
  return v;
}
function setField(obj, key, value) {
  Object.defineProperty(obj, key, { value, enumerable: !0, writable: !0, configurable: !0 });
}
function withValueAt(obj, path, value) {
  let copy = structuredClone(obj), keys = keysOf(path), node = copy;
  for (let key of keys.slice(0, -1))
    (!Object.hasOwn(node, key) || node[key] === null || typeof node[key] != "object") && setField(node, key, {}), node = node[key];
  return setField(node, keys.at(-1), structuredClone(value)), copy;
}

export {
  childPath,
  overlaps,
  valueAt,
  setField,
  withValueAt,
  SERVICE_ACCOUNT_DIR,
  KubeconfigError,
  describeSource,
  noSuchContext,
  defaultKubeconfig,
  notInCluster,
  noServiceAccountToken,
  unloadable
};
