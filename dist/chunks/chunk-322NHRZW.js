import { createRequire as __firebreakCreateRequire } from "node:module";
import { fileURLToPath as __firebreakFileURLToPath } from "node:url";
const require = __firebreakCreateRequire(import.meta.url);
const __filename = __firebreakFileURLToPath(import.meta.url);
const __dirname = __filename.slice(0, __filename.lastIndexOf("/"));
import {
  valueAt
} from "./chunk-FSGPF5CP.js";

// sdk/util/redact.ts
var SECRET_NAME = /(token|secret|password|passwd|pwd|credential|api[-_]?key|private[-_]?key|auth(?!or(?!i[sz]))|cookie|session(?!affinity)|kubeconfig)/i, REDACTED = "[redacted]";
function redactValue(v, key, secretKeys, known) {
  if (SECRET_NAME.test(key) || secretKeys.includes(key)) return REDACTED;
  if (typeof v == "string") return known.reduce((s, secret) => s.split(secret).join(REDACTED), v);
  if (Array.isArray(v)) return v.map((x) => redactValue(x, key, secretKeys, known));
  if (v && typeof v == "object") {
    let entries = Object.entries(v).map(([k, x]) => [k, redactValue(x, k, secretKeys, known)]);
    return Object.fromEntries(namesSecret(v) ? entries.map(([k, x]) => [k, k === "value" ? REDACTED : x]) : entries);
  }
  return v;
}
function namesSecret(entry) {
  if (!entry || typeof entry != "object" || !("value" in entry)) return !1;
  let { name } = entry;
  return typeof name == "string" && SECRET_NAME.test(name);
}
var knownSecrets = (secretValues) => secretValues.filter((s) => s.length >= 4);
function redactInputs(values, secretKeys = [], secretValues = []) {
  let known = knownSecrets(secretValues);
  return Object.fromEntries(Object.entries(values).map(([k, v]) => [k, redactValue(v, k, secretKeys, known)]));
}
function secretValuesOf(values, secretKeys = []) {
  let found = [], walk = (v, secret) => {
    if ((typeof v == "string" || typeof v == "number" || typeof v == "bigint") && secret) found.push(String(v));
    else if (Array.isArray(v)) v.forEach((x) => walk(x, secret));
    else if (v && typeof v == "object") for (let [k, x] of Object.entries(v)) walk(x, secret || SECRET_NAME.test(k) || secretKeys.includes(k));
  };
  return walk(values, !1), found;
}
var leavesHidden = (v) => v && typeof v == "object" ? Array.isArray(v) ? v.map(leavesHidden) : Object.fromEntries(Object.entries(v).map(([k, x]) => [k, leavesHidden(x)])) : v === void 0 ? v : REDACTED;
function redactChange(change, objects = {}) {
  let segments = change.field.split(/[.[\]]/).filter(Boolean), named = /^metadata\.(annotations|labels)\b/.test(change.field) ? [] : segments, entry = /^(.*\[\d+\])\.value$/.exec(change.field)?.[1], entryNamesSecret = entry !== void 0 && (namesSecret(valueAt(objects.before, entry)) || namesSecret(valueAt(objects.after, entry))), whole = change.object.kind === "Secret" && /^(data|stringData)$/.test(segments[0] ?? "") || named.some((k) => SECRET_NAME.test(k)) || entryNamesSecret, hide = (v) => whole ? leavesHidden(v) : redactValue(v, "", [], []);
  return { ...change, before: hide(change.before), after: hide(change.after) };
}

// sdk/util/scrub.ts
function createScrubber(secrets) {
  let known = [...new Set(secrets.filter((s) => s.length >= 4))].sort((a, b) => b.length - a.length), forms = [
    ...new Set(
      known.flatMap((s) => [s, JSON.stringify(s).slice(1, -1), encodeURIComponent(s), new URLSearchParams({ s }).toString().slice(2)])
    )
  ], text = (value) => forms.reduce((out, secret) => out.split(secret).join(REDACTED), value), values = (v) => typeof v == "string" ? text(v) : Array.isArray(v) ? v.map(values) : v && typeof v == "object" ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, values(x)])) : v;
  return {
    text,
    event: (event) => forms.length === 0 ? event : values(event)
  };
}

export {
  redactInputs,
  secretValuesOf,
  redactChange,
  createScrubber
};
