import { createRequire as __firebreakCreateRequire } from "node:module";
import { fileURLToPath as __firebreakFileURLToPath } from "node:url";
const require = __firebreakCreateRequire(import.meta.url);
const __filename = __firebreakFileURLToPath(import.meta.url);
const __dirname = __filename.slice(0, __filename.lastIndexOf("/"));
import {
  refString
} from "./chunk-X3GMW2EA.js";

// sdk/journal/net-changes.ts
function netChanges(events, options = {}) {
  let byObject = /* @__PURE__ */ new Map();
  for (let e of events) {
    if (e.type !== "change" || !(e.applied || options.intended)) continue;
    let key = refString(e.object), entry = byObject.get(key) ?? { object: e.object, fields: /* @__PURE__ */ new Map() };
    entry.fields.set(e.field, { before: entry.fields.has(e.field) ? entry.fields.get(e.field).before : e.before, after: e.after }), byObject.set(key, entry);
  }
  return [...byObject].flatMap(([name, { object, fields }]) => {
    let changed = [...fields].filter(([, v]) => JSON.stringify(v.before) !== JSON.stringify(v.after)).map(([field, v]) => ({ field, ...v }));
    return changed.length ? [{ object, name, fields: changed }] : [];
  });
}
function netFieldsText(change) {
  return change.fields.map((f) => `${f.field}=${JSON.stringify(f.after)}, was ${JSON.stringify(f.before)}`).join("; ");
}

export {
  netChanges,
  netFieldsText
};
