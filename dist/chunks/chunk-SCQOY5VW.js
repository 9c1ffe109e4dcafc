import { createRequire as __firebreakCreateRequire } from "node:module";
import { fileURLToPath as __firebreakFileURLToPath } from "node:url";
const require = __firebreakCreateRequire(import.meta.url);
const __filename = __firebreakFileURLToPath(import.meta.url);
const __dirname = __filename.slice(0, __filename.lastIndexOf("/"));

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
  withValueAt
};
