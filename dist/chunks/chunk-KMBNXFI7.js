import { createRequire as __firebreakCreateRequire } from "node:module";
import { fileURLToPath as __firebreakFileURLToPath } from "node:url";
const require = __firebreakCreateRequire(import.meta.url);
const __filename = __firebreakFileURLToPath(import.meta.url);
const __dirname = __filename.slice(0, __filename.lastIndexOf("/"));
import {
  valueAt
} from "./chunk-KA37ZHZ6.js";
import {
  $ZodType,
  _regex,
  array,
  closest,
  custom,
  object,
  optional,
  string,
  unknownKeys
} from "./chunk-ZT6CORZH.js";
import {
  InvalidPlanError,
  PlanInputError
} from "./chunk-O5XZOHUO.js";

// sdk/version.ts
var SDK_VERSION = "0.1.0";

// sdk/plan/plan.ts
var PLAN_BRAND = /* @__PURE__ */ Symbol.for("firebreak.plan"), planMetaSchema = object({
  name: string().check(_regex(/^[a-z0-9][a-z0-9-]{0,62}$/, "use lower-case letters, digits and '-' (at most 63)")),
  description: optional(string()),
  inputs: optional(custom((v) => v instanceof $ZodType, 'must be a zod 4 schema, e.g. z.object({ ... }) with import { z } from "firebreak" (a zod 3 schema, or none, is not one)')),
  secrets: optional(array(string()))
});
function plan(meta, program) {
  let parsed = planMetaSchema.safeParse(meta), issues = [
    ...unknownKeys(meta, Object.keys(planMetaSchema.def.shape)),
    ...parsed.success ? unnamedSecrets(meta) : parsed.error.issues.map((i) => ({ path: i.path.join("."), message: i.message }))
  ];
  if (issues.length) throw new InvalidPlanError("plan(...) got invalid metadata:", issues);
  if (typeof program != "function") throw new InvalidPlanError("plan(meta, program): program must be an async function (run, inputs) => { ... }");
  return { [PLAN_BRAND]: { sdkMajor: 0 }, meta, program };
}
function unnamedSecrets(meta) {
  let names = inputNames(meta.inputs);
  return names ? (meta.secrets ?? []).flatMap((name, i) => {
    if (names.includes(name)) return [];
    let meant = closest(name, names), inputs = names.length ? `the inputs are: ${names.join(", ")}` : "the plan takes no inputs";
    return [{ path: `secrets.${i}`, message: `"${name}" names no input${meant ? ` (did you mean "${meant}"?)` : ""}; ${inputs}. A secret left unnamed would be logged as it is` }];
  }) : [];
}
var LEAF_TYPES = /* @__PURE__ */ new Set(["string", "number", "boolean", "bigint", "enum", "literal", "date", "null", "undefined"]);
function inputNames(schema) {
  if (!schema) return [];
  let def = schema._zod.def;
  if (def.innerType) return inputNames(def.innerType);
  if (LEAF_TYPES.has(def.type)) return [];
  if (def.type !== "object" || !def.shape || def.catchall) return;
  let names = Object.keys(def.shape);
  for (let field of Object.values(def.shape)) {
    let nested = inputNames(field);
    if (!nested) return;
    names.push(...nested);
  }
  return names;
}
function isPlan(value) {
  return typeof value == "object" && value !== null && PLAN_BRAND in value;
}
function planSdkMajor(p) {
  return p[PLAN_BRAND].sdkMajor;
}
function parseInputs(p, raw) {
  let schema = p.meta.inputs ?? object({}), parse = (inputs) => {
    try {
      return schema.safeParse(inputs);
    } catch (err) {
      throw schemaThrew(p, inputs, err);
    }
  }, given = parse(raw), read = given.success ? void 0 : readFromText(raw, given.error.issues), result = read ? parse(read) : given, issues = [
    ...unknownInputs(p.meta, raw),
    ...result.success ? [] : result.error.issues.map((i) => ({ path: i.path.join(".") || "(inputs)", message: missingInput(p.meta, raw, i.path) ?? `${i.message}${asJson(i)}` }))
  ];
  if (issues.length) throw new PlanInputError(p.meta.name, issues);
  return result.data;
}
function schemaThrew(p, inputs, err) {
  let shape = p.meta.inputs?._zod.def?.shape ?? {}, throws = (name) => {
    try {
      return shape[name].safeParse(inputs[name]), !1;
    } catch {
      return !0;
    }
  }, message = `the plan's schema for it threw ${err instanceof Error ? err.name : typeof err} reading the value (neither the value nor the error's text is shown: either may hold a secret). Check the value, or have the schema report a bad one (z.string().transform((s, ctx) => { \u2026 ctx.addIssue(\u2026) })) rather than throw`, names = Object.keys(shape).filter(throws);
  return new PlanInputError(p.meta.name, (names.length ? names : ["(inputs)"]).map((path) => ({ path, message })));
}
function readFromText(raw, issues) {
  let read = { ...raw }, changed = !1;
  for (let issue of issues) {
    let [name] = issue.path, text = typeof name == "string" && issue.path.length === 1 ? raw[name] : void 0;
    if (issue.code !== "invalid_type" || typeof text != "string") continue;
    let value = valueOfText(issue.expected, text.trim());
    value !== void 0 && (read[name] = value, changed = !0);
  }
  return changed ? read : void 0;
}
function valueOfText(expected, text) {
  if (expected === "number" && /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(text)) return Number(text);
  if (expected === "boolean" && (text === "true" || text === "false")) return text === "true";
  if (expected === "array" || expected === "object") {
    let json = parsedJson(text);
    if (expected === "array" ? Array.isArray(json) : json !== null && typeof json == "object" && !Array.isArray(json)) return json;
  }
}
var parsedJson = (text) => {
  try {
    return JSON.parse(text);
  } catch {
    return;
  }
}, asJson = (issue) => issue.code === "invalid_type" && (issue.expected === "array" || issue.expected === "object") && issue.path.length === 1 ? ` (give it as JSON, e.g. ${String(issue.path[0])}=${issue.expected === "array" ? '["a","b"]' : '{"key":"value"}'})` : "";
function missingInput(meta, raw, path) {
  let [name] = path;
  if (path.length !== 1 || typeof name != "string" || raw[name] !== void 0) return;
  let field = meta.inputs?._zod.def?.shape?.[name];
  if (field)
    return `not given, and the plan needs it${typeof field.description == "string" ? ` (${field.description})` : ""}`;
}
function unknownInputs(meta, raw) {
  let declared = declaredInputs(meta);
  if (!declared) return [];
  let takes = declared.length ? `its inputs are: ${declared.join(", ")}` : "it takes no inputs";
  return Object.keys(raw).filter((k) => !declared.includes(k)).map((k) => ({ path: k, message: `not an input of this plan; ${takes}` }));
}
function declaredInputs(meta) {
  let def = (meta.inputs ?? object({}))._zod.def;
  return def.type !== "object" || !def.shape || def.catchall ? void 0 : Object.keys(def.shape);
}

// sdk/util/redact.ts
var SECRET_NAME = /(token|secret|password|passwd|pwd|credential|api[-_]?key|private[-_]?key|auth(?!or(?!i[sz]))|cookie|session(?!affinity)|kubeconfig|dsn)/i, REDACTED = "[redacted]", PRIVATE_KEY = /-----BEGIN ([A-Z]+ )*PRIVATE KEY-----[\s\S]*?(-----END ([A-Z]+ )*PRIVATE KEY-----|$)/g, URL_PASSWORD = /\b([a-z][a-z0-9+.-]*:\/\/[^\s/:@]*):([^\s/@]+)@/gi, secretsByShape = (s) => s.replace(PRIVATE_KEY, REDACTED).replace(URL_PASSWORD, `$1:${REDACTED}@`), secretsShapedIn = (s) => [
  ...[...s.matchAll(PRIVATE_KEY)].map((m) => m[0]),
  ...[...s.matchAll(URL_PASSWORD)].flatMap((m) => {
    let password = m[2], decoded = password;
    try {
      decoded = decodeURIComponent(password);
    } catch {
    }
    return [password, decoded];
  })
];
function redactValue(v, key, secretKeys, known) {
  if (SECRET_NAME.test(key) || secretKeys.includes(key)) return REDACTED;
  if (typeof v == "string") return known.reduce((s, secret) => s.split(secret).join(REDACTED), secretsByShape(v));
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
    else if (typeof v == "string") found.push(...secretsShapedIn(v));
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
  SDK_VERSION,
  plan,
  isPlan,
  planSdkMajor,
  parseInputs,
  declaredInputs,
  redactInputs,
  secretValuesOf,
  redactChange,
  createScrubber
};
