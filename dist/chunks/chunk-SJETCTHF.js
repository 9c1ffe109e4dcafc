import { createRequire as __firebreakCreateRequire } from "node:module";
import { fileURLToPath as __firebreakFileURLToPath } from "node:url";
const require = __firebreakCreateRequire(import.meta.url);
const __filename = __firebreakFileURLToPath(import.meta.url);
const __dirname = __filename.slice(0, __filename.lastIndexOf("/"));
import {
  sameSplit
} from "./chunk-4WLNFUSH.js";
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
function netFieldsText(change, limits = {}) {
  let [fields, chars] = [limits.fields ?? MAX_FIELDS, limits.valueChars ?? MAX_VALUE], shown = change.fields.slice(0, Math.max(1, fields)).map((f) => `${f.field}=${valueText(f.after, chars)}, was ${valueText(f.before, chars)}`), more = change.fields.length - shown.length;
  return [...shown, ...more > 0 ? [`and ${more} more field${more === 1 ? "" : "s"} (see the journal)`] : []].join("; ");
}
var MAX_FIELDS = 10, MAX_VALUE = 120;
function valueText(v, max) {
  let text = JSON.stringify(v) ?? "undefined", chars = Array.from(text);
  return chars.length <= max ? text : `${chars.slice(0, max).join("")}\u2026 (${chars.length.toLocaleString("en-US")} characters; see the journal)`;
}

// sdk/postmortem/format.ts
function clockTime(at) {
  return new Date(at).toISOString().slice(11, 19);
}
function dateTime(at) {
  let iso = new Date(at).toISOString();
  return `${iso.slice(0, 10)} ${iso.slice(11, 19)} UTC`;
}
function endTime(from, to) {
  return sameUtcDay(from, to) ? `${clockTime(to)} UTC` : dateTime(to);
}
function sameUtcDay(a, b) {
  return dateTime(a).slice(0, 10) === dateTime(b).slice(0, 10);
}
function offset(ms) {
  let total = Math.max(0, Math.floor(ms / 1e3)), h = Math.floor(total / 3600), m = Math.floor(total % 3600 / 60), s = String(total % 60).padStart(2, "0");
  return h > 0 ? `+${h}:${String(m).padStart(2, "0")}:${s}` : `+${m}:${s}`;
}
function duration(ms) {
  if (ms < 1e3) return `${Math.round(ms)}ms`;
  let total = Math.round(ms / 1e3), h = Math.floor(total / 3600), m = Math.floor(total % 3600 / 60), s = total % 60;
  return h > 0 ? `${h}h ${m}m` : m > 0 ? s > 0 ? `${m}m ${s}s` : `${m}m` : `${s}s`;
}
function objectName(ref) {
  return refString(ref);
}
function objectKey(ref) {
  return [ref.context ?? "", ref.apiVersion, ref.kind, ref.namespace ?? "", ref.name].join("|");
}
var BY_FIREBREAK = "(by Firebreak)";
function stepTitle(step) {
  return step.restore ? `${step.name} ${BY_FIREBREAK}` : step.name;
}
function splitText(split) {
  let shares = Object.entries(split).filter(([, weight]) => weight > 0).sort((a, b) => b[1] - a[1]);
  return shares.length === 0 ? "no traffic to any destination" : shares.length === 1 ? `${shares[0][1]}% to ${shares[0][0]}` : shares.map(([name, weight]) => `${weight}% ${name}`).join(", ");
}
function valueText2(value) {
  if (value === void 0) return "(none)";
  if (typeof value == "string") return value;
  try {
    return JSON.stringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}
function numberText(value, digits = 4) {
  return Number.isInteger(value) ? String(value) : String(Number(value.toFixed(digits)));
}
function percent(ratio) {
  return ratio > 0 && ratio < 5e-5 ? "<0.01%" : `${numberText(ratio * 100, 2)}%`;
}
function plural(count, word, many = `${word}s`) {
  return `${count} ${count === 1 ? word : many}`;
}
function phaseVerb(phase) {
  return phase === "error" ? "errored" : phase === "inconclusive" ? "was inconclusive" : phase;
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
  MAX_FIELDS,
  MAX_VALUE,
  clockTime,
  dateTime,
  endTime,
  sameUtcDay,
  offset,
  duration,
  objectName,
  objectKey,
  BY_FIREBREAK,
  stepTitle,
  splitText,
  valueText2 as valueText,
  numberText,
  percent,
  plural,
  phaseVerb,
  lastTrafficChange
};
