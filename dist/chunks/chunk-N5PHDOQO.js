import { createRequire as __firebreakCreateRequire } from "node:module";
import { fileURLToPath as __firebreakFileURLToPath } from "node:url";
const require = __firebreakCreateRequire(import.meta.url);
const __filename = __firebreakFileURLToPath(import.meta.url);
const __dirname = __filename.slice(0, __filename.lastIndexOf("/"));
import {
  sameSplit
} from "./chunk-ERRGEV6Z.js";
import {
  refString
} from "./chunk-QZS5YSLN.js";

// sdk/journal/net-changes.ts
function netChanges(events, options = {}) {
  let byObject = /* @__PURE__ */ new Map();
  for (let e of events) {
    if (e.type !== "change" || !(e.applied || options.intended)) continue;
    let key = refString(e.object), entry = byObject.get(key) ?? { object: e.object, fields: /* @__PURE__ */ new Map() }, first = entry.fields.get(e.field), to = e.digests?.after ?? JSON.stringify(e.after);
    entry.fields.set(e.field, first ? { ...first, after: e.after, to } : { before: e.before, after: e.after, from: e.digests?.before ?? JSON.stringify(e.before), to }), byObject.set(key, entry);
  }
  return [...byObject].flatMap(([name, { object, fields }]) => {
    let changed = [...fields].filter(([, v]) => v.from !== v.to).map(([field, { before, after }]) => ({ field, before, after }));
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

// sdk/journal/traffic-changes.ts
function lastTrafficChange(events) {
  let splits = /* @__PURE__ */ new Map(), last;
  for (let e of events) {
    if (e.type !== "traffic") continue;
    let before = splits.get(refString(e.route));
    !e.initial && (!before || !sameSplit(before, e.split)) && (last = e.at), splits.set(refString(e.route), e.split);
  }
  return last;
}

export {
  netChanges,
  netFieldsText,
  lastTrafficChange
};
