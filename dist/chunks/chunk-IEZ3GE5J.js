import { createRequire as __firebreakCreateRequire } from "node:module";
import { fileURLToPath as __firebreakFileURLToPath } from "node:url";
const require = __firebreakCreateRequire(import.meta.url);
const __filename = __firebreakFileURLToPath(import.meta.url);
const __dirname = __filename.slice(0, __filename.lastIndexOf("/"));
import {
  refString
} from "./chunk-2NZ2GLZA.js";

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
  let shown = change.fields.slice(0, MAX_FIELDS).map((f) => `${f.field}=${valueText(f.after)}, was ${valueText(f.before)}`), more = change.fields.length - shown.length;
  return [...shown, ...more > 0 ? [`and ${more} more field${more === 1 ? "" : "s"} (see the journal)`] : []].join("; ");
}
var MAX_FIELDS = 10, MAX_VALUE = 120;
function valueText(v) {
  let text = JSON.stringify(v) ?? "undefined", chars = Array.from(text);
  return chars.length <= MAX_VALUE ? text : `${chars.slice(0, MAX_VALUE).join("")}\u2026 (${chars.length.toLocaleString("en-US")} characters; see the journal)`;
}

export {
  netChanges,
  netFieldsText
};
