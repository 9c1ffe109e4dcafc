import type { KubeObject } from "../../ports/kube.ts";
import schemas from "./builtin-schemas.json" with { type: "json" };
import { base64Error, fitsInt, intOrStringError, jsonKind, quantityError, timeError } from "./go-scalars.ts";
import { isObject } from "./json.ts";
import { groupVersion, type ResourceType } from "./resources.ts";

/**
 * Built-in kinds decoded as kube-apiserver decodes them into their Go structs: a JSON type the
 * struct cannot take is a decode error (400, worded as encoding/json words it), and fields the
 * struct has not are dropped and named, for the caller to warn about (fieldValidation=Warn),
 * refuse (Strict) or forget (Ignore), as api-concepts' "Field validation" describes. The structs
 * are @kubernetes/client-node's generated models, as scripts/builtin-schemas.mjs extracts them.
 */

/** A model: its fields' JSON names → types (`int32`, `[]V1Container`, `map[string]string`, a model's name, …). */
type Model = Record<string, string>;
const MODELS: Record<string, Model | undefined> = schemas.models;
const KINDS: Record<string, string | undefined> = schemas.kinds;

/** `V1DeploymentSpec` → package `v1`, struct `DeploymentSpec`; `CoreV1Event` → `v1`, `Event`. */
const MODEL_NAME = /^(?:[A-Z][a-z]+)?(V\d+(?:(?:alpha|beta)\d+)?)(\w+)$/;
const STRUCTS = new Map(Object.keys(MODELS).map((m) => [m, MODEL_NAME.exec(m)?.[2] ?? m]));
const structOf = (model: string) => STRUCTS.get(model) ?? model;

/**
 * The Go type as encoding/json prints it (`[]v1.Container`, `map[string]string`). A named string
 * type prints as `string` (Go says `v1.Protocol`): the models do not keep the name.
 */
function goType(type: string): string {
  if (type.startsWith("[]")) return `[]${goType(type.slice(2))}`;
  if (type === "map[string]quantity") return "v1.ResourceList";
  if (type.startsWith("map[string]")) return `map[string]${goType(type.slice(11))}`;
  if (type === "bytes") return "[]uint8";
  const model = MODEL_NAME.exec(type);
  return model && MODELS[type] ? `${model[1]!.toLowerCase()}.${model[2]}` : type;
}

/** Where the walk is: `path` as unknown fields are named (`containers[0].imagee`), `field` and `struct` as type errors name them. */
interface At {
  path: string;
  field: string;
  struct: string;
}

const join = (prefix: string, key: string) => (prefix ? `${prefix}.${key}` : key);

/** What decoding found: the first type error (decoding stops there), else the unknown fields it pruned. */
interface Found {
  typeError?: string;
  unknown: string[];
}

/** encoding/json's UnmarshalTypeError: `what` (the JSON kind, or `number 2.5`) cannot go into the field at `at`. */
const typeMismatch = (at: At, type: string, what: string) => `json: cannot unmarshal ${what} into Go struct field ${at.struct}.${at.field} of type ${goType(type)}`;

/** The error of a scalar: of a JSON type that is not `type`'s, or of a value its Go UnmarshalJSON refuses. */
function scalarError(value: unknown, type: string, at: At): string | undefined {
  const mismatch = (what = jsonKind(value)) => typeMismatch(at, type, what);
  switch (type) {
    case "string":
      return typeof value === "string" ? undefined : mismatch();
    case "bytes":
      return typeof value === "string" ? base64Error(value) : mismatch();
    case "bool":
      return typeof value === "boolean" ? undefined : mismatch();
    case "float64":
      return typeof value === "number" ? undefined : mismatch();
    case "int32":
    case "int64":
      if (typeof value !== "number") return mismatch();
      return fitsInt(value, type === "int32" ? 32 : 64) ? undefined : mismatch(`number ${value}`);
    case "time":
    case "microtime":
      return timeError(value, type === "microtime");
    case "intorstring":
      return intOrStringError(value);
    case "quantity":
      return quantityError(value);
    default:
      return undefined; // any
  }
}

/** Decodes `value` as a `type`, pruning unknown fields in place; null decodes into anything. */
function decode(value: unknown, type: string, at: At, found: Found): void {
  if (value === null || found.typeError !== undefined) return;
  const mismatch = () => {
    found.typeError = typeMismatch(at, type, jsonKind(value));
  };
  const model = MODELS[type];
  if (type.startsWith("[]")) {
    if (!Array.isArray(value)) return mismatch();
    value.forEach((v, i) => decode(v, type.slice(2), { ...at, path: `${at.path}[${i}]` }, found));
  } else if (type.startsWith("map[string]")) {
    if (!isObject(value)) return mismatch();
    for (const [k, v] of Object.entries(value)) decode(v, type.slice(11), { ...at, path: join(at.path, k) }, found);
  } else if (model) {
    if (!isObject(value)) return mismatch();
    for (const key of Object.keys(value)) {
      const fieldType = model[key];
      const inner = { path: join(at.path, key), field: join(at.field, key), struct: structOf(type) };
      if (fieldType) decode(value[key], fieldType, inner, found);
      else {
        found.unknown.push(inner.path);
        delete value[key];
      }
    }
  } else {
    found.typeError = scalarError(value, type, at);
  }
}

/** What decoding a built-in object found. */
export interface BuiltInDecode {
  /** The first JSON value its Go struct cannot take (`json: cannot unmarshal …`): a 400 whatever the field validation. */
  typeError?: string;
  /** Paths of the fields its Go struct has not (`spec.template.spec.containers[0].imagee`), pruned from the object. */
  unknownFields: string[];
}

/** The model of a served built-in kind at `version` (`V1Deployment`), or undefined when scripts/builtin-schemas.mjs does not list it. */
export const modelOf = (t: ResourceType, version: string): string | undefined => KINDS[`${groupVersion(t.group, version)}/${t.kind}`];

/**
 * Decodes `obj` (a `t` at `version`) against its Go struct, pruning unknown fields in place.
 * @example
 * decodeBuiltIn({ ...deployment, spec: { replica: 5 } }, deployments, "v1"); // { unknownFields: ["spec.replica"] }
 */
export function decodeBuiltIn(obj: KubeObject, t: ResourceType, version: string): BuiltInDecode {
  const model = modelOf(t, version);
  if (!model) throw new Error(`no schema for ${t.kind} ${version}: add it to scripts/builtin-schemas.mjs`);
  const found: Found = { unknown: [] };
  decode(obj, model, { path: "", field: "", struct: structOf(model) }, found);
  return found.typeError !== undefined ? { typeError: found.typeError, unknownFields: found.unknown } : { unknownFields: found.unknown };
}
