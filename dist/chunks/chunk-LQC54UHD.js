import { createRequire as __firebreakCreateRequire } from "node:module";
import { fileURLToPath as __firebreakFileURLToPath } from "node:url";
const require = __firebreakCreateRequire(import.meta.url);
const __filename = __firebreakFileURLToPath(import.meta.url);
const __dirname = __filename.slice(0, __filename.lastIndexOf("/"));
import {
  YAMLException,
  load
} from "./chunk-VTRGJADI.js";
import {
  KubeconfigError
} from "./chunk-T7YNTYNB.js";

// sdk/kube/kubeconfig-files.ts
import { existsSync, readFileSync } from "node:fs";
import { dirname, isAbsolute, resolve } from "node:path";
function parseKubeconfigYaml(text) {
  let doc;
  try {
    doc = load(text);
  } catch (err) {
    throw err instanceof YAMLException ? new Error(`not valid YAML: ${err.reason} at line ${err.mark.line + 1}, column ${err.mark.column + 1}`) : err;
  }
  if (doc != null && (typeof doc != "object" || Array.isArray(doc))) throw new Error(notAMapping(text));
  return doc;
}
function notAMapping(text) {
  let t = text.trim();
  return /^[A-Za-z0-9+/=\s]{16,}$/.test(t) && /\b(apiVersion|clusters)\b/.test(Buffer.from(t, "base64").toString("utf8")) ? "it is a kubeconfig encoded in base64: decode it first (base64 -d) and give the YAML itself" : /^(~|\.{1,2})?\/[^\s:]*$/.test(t) ? "it is a file path, not a kubeconfig: give the file's content (the YAML itself)" : "it is not a kubeconfig: give the YAML of one, a mapping with clusters, users, contexts and current-context";
}
var LISTS = ["clusters", "users", "contexts"];
function withAbsolutePaths(doc, base) {
  let absolute = (p) => typeof p == "string" && p !== "" && !isAbsolute(p) ? resolve(base, p) : p, inEntry = (e, key, fields) => {
    let body = e[key];
    if (!body || typeof body != "object") return e;
    let out = { ...body };
    for (let f of fields) f in out && (out[f] = absolute(out[f]));
    let exec = out.exec;
    return exec && typeof exec.command == "string" && exec.command.includes("/") && (out.exec = { ...exec, command: absolute(exec.command) }), { ...e, [key]: out };
  };
  return {
    ...doc,
    clusters: (doc.clusters ?? []).map((e) => inEntry(e, "cluster", ["certificate-authority"])),
    users: (doc.users ?? []).map((e) => inEntry(e, "user", ["client-certificate", "client-key", "tokenFile"]))
  };
}
function readKubeconfigFile(path) {
  let doc = parseKubeconfigYaml(readFileSync(path, "utf8")) ?? {};
  return withAbsolutePaths(doc, dirname(resolve(path)));
}
function mergeKubeconfigFiles(paths) {
  let docs = [];
  for (let path of new Set(paths.filter(Boolean)))
    if (existsSync(path))
      try {
        docs.push(readKubeconfigFile(path));
      } catch (err) {
        throw new KubeconfigError(`Could not load the kubeconfig ${path} (named in KUBECONFIG): ${err.message}`, { cause: err });
      }
  if (!docs.length) throw new KubeconfigError(`None of the files KUBECONFIG names exists (${paths.join(", ")}): fix KUBECONFIG, or pass --kubeconfig.`);
  let merged = { apiVersion: "v1", kind: "Config", clusters: [], users: [], contexts: [] };
  for (let list of LISTS) {
    let seen = /* @__PURE__ */ new Set();
    for (let doc of docs)
      for (let entry of doc[list] ?? [])
        seen.has(entry.name ?? "") || (seen.add(entry.name ?? ""), merged[list].push(entry));
  }
  let current = docs.map((d) => d["current-context"]).find((c) => typeof c == "string" && c !== "");
  return current && (merged["current-context"] = current), merged;
}

export {
  parseKubeconfigYaml,
  readKubeconfigFile,
  mergeKubeconfigFiles
};
