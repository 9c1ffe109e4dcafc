import { createRequire as __firebreakCreateRequire } from "node:module";
import { fileURLToPath as __firebreakFileURLToPath } from "node:url";
const require = __firebreakCreateRequire(import.meta.url);
const __filename = __firebreakFileURLToPath(import.meta.url);
const __dirname = __filename.slice(0, __filename.lastIndexOf("/"));
import {
  childPath,
  setField
} from "./chunk-KA37ZHZ6.js";

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
  let into = target !== null && typeof target == "object" && !Array.isArray(target) ? target : void 0;
  if (patch === null || typeof patch != "object" || Array.isArray(patch) || !into) return withoutNulls(structuredClone(patch));
  let base = {};
  for (let [key, value] of Object.entries(into)) setField(base, key, value);
  for (let [key, value] of Object.entries(patch))
    value === null ? delete base[key] : setField(base, key, applyMergePatch(Object.hasOwn(base, key) ? base[key] : void 0, value));
  return base;
}
function withoutNulls(v) {
  if (Array.isArray(v)) return v.map(withoutNulls);
  if (v === null || typeof v != "object") return v;
  let out = {};
  for (let [key, value] of Object.entries(v)) value !== null && setField(out, key, withoutNulls(value));
  return out;
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

export {
  isObject,
  diffObjects,
  sameJson,
  applyMergePatch,
  withoutNulls,
  mergePatchFrom,
  fieldsOf
};
