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
function valueAt(obj, path) {
  let tokens = path.match(/\[\d+\]|\["(?:[^"\\]|\\.)*"\]|[^.[\]]+/g) ?? [], v = obj;
  for (let t of tokens) {
    if (v === null || typeof v != "object") return;
    let key = t.startsWith('["') ? JSON.parse(t.slice(1, -1)) : t.startsWith("[") ? Number(t.slice(1, -1)) : t;
    v = v[key];
  }
  return v;
}

export {
  childPath,
  valueAt
};
