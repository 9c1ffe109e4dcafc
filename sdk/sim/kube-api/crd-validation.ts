import { Ajv, type ErrorObject, type ValidateFunction } from "ajv";
import type { KubeObject } from "../../ports/kube.ts";
import { type FieldError, invalidValue, quoteValue, requiredValue } from "./status.ts";
import { isObject } from "./json.ts";
import { celRuleErrors, type RuleSchema } from "./crd-cel.ts";

/**
 * Custom resources checked the way apiextensions-apiserver checks them against the CRD version's
 * `openAPIV3Schema`: unknown fields pruned (structural schema), defaults applied, then the value
 * validations (ajv), with errors rendered as kube-openapi renders them, then the CEL rules
 * (`x-kubernetes-validations`, crd-cel.ts).
 */

type Schema = {
  type?: string;
  properties?: Record<string, Schema>;
  additionalProperties?: Schema | boolean;
  items?: Schema;
  default?: unknown;
  nullable?: boolean;
  "x-kubernetes-preserve-unknown-fields"?: boolean;
  "x-kubernetes-list-type"?: "atomic" | "set" | "map";
  "x-kubernetes-list-map-keys"?: string[];
};

const ajv = new Ajv({ allErrors: true, strict: false, logger: false });

// Known keywords without a value-validation effect in ajv (the CEL rules run after it, crd-cel.ts).
for (const keyword of ["x-kubernetes-validations", "x-kubernetes-list-map-keys", "x-kubernetes-preserve-unknown-fields", "x-kubernetes-map-type", "x-kubernetes-embedded-resource"]) {
  ajv.addKeyword({ keyword });
}

ajv.addKeyword({
  keyword: "x-kubernetes-int-or-string",
  schemaType: "boolean",
  errors: true,
  validate: function intOrString(on: boolean, data: unknown) {
    const ok = !on || typeof data === "string" || Number.isInteger(data);
    (intOrString as ValidateFunction).errors = ok ? [] : [{ keyword: "x-kubernetes-int-or-string", message: "int-or-string", params: {} } as ErrorObject];
    return ok;
  },
});

ajv.addKeyword({
  keyword: "x-kubernetes-list-type",
  schemaType: "string",
  errors: true,
  validate: function listType(type: string, data: unknown, parent?: Schema) {
    if (!Array.isArray(data) || type === "atomic") return true;
    const keys = parent?.["x-kubernetes-list-map-keys"] ?? [];
    const identity = (item: unknown) =>
      type === "map" && item && typeof item === "object"
        ? JSON.stringify(keys.map((k) => (item as Record<string, unknown>)[k]))
        : JSON.stringify(item);
    const seen = new Set<string>();
    const errors: ErrorObject[] = [];
    data.forEach((item, i) => {
      const id = identity(item);
      if (seen.has(id)) errors.push({ keyword: "x-kubernetes-list-type", message: "duplicate", params: { index: i, item } } as unknown as ErrorObject);
      seen.add(id);
    });
    (listType as ValidateFunction).errors = errors;
    return errors.length === 0;
  },
});

const int = (bits: number) => (n: number) => Number.isInteger(n) && Math.abs(n) <= 2 ** (bits - 1);
ajv.addFormat("int32", { type: "number", validate: int(32) });
ajv.addFormat("int64", { type: "number", validate: int(64) });
ajv.addFormat("double", { type: "number", validate: () => true });
ajv.addFormat("float", { type: "number", validate: () => true });
ajv.addFormat("byte", /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/);
ajv.addFormat("date-time", /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/i);

/** Compiling the big Istio schemas takes tens of ms each: once per schema object per process. */
const compiled = new WeakMap<object, ValidateFunction>();

function validatorFor(schema: object): ValidateFunction {
  let fn = compiled.get(schema);
  if (!fn) {
    fn = ajv.compile(schema);
    compiled.set(schema, fn);
  }
  return fn;
}

/** What validating a custom resource found. */
export interface CustomResourceCheck {
  /** The object with unknown fields pruned and defaults applied. */
  object: KubeObject;
  /** Paths of the pruned fields (`spec.foo`): a Strict request is refused over them, a Warn one warned. */
  unknownFields: string[];
  errors: FieldError[];
}

/**
 * Prunes what the structural schema does not declare and fills in defaults, in place, as the API
 * server does before validation. Only the structural part (properties, items,
 * additionalProperties) counts: value validations like oneOf never declare fields.
 */
function pruneAndDefault(value: unknown, schema: Schema, path: string, unknown: string[]): void {
  if (Array.isArray(value)) {
    if (schema.items) value.forEach((v, i) => pruneAndDefault(v, schema.items!, `${path}[${i}]`, unknown));
    return;
  }
  if (!isObject(value)) return;
  const props = schema.properties;
  for (const key of Object.keys(value)) {
    const sub = props?.[key] ?? (typeof schema.additionalProperties === "object" ? schema.additionalProperties : undefined);
    const at = path ? `${path}.${key}` : key;
    if (sub) pruneAndDefault(value[key], sub, at, unknown);
    else if (!schema["x-kubernetes-preserve-unknown-fields"] && schema.additionalProperties !== true) {
      unknown.push(at);
      delete value[key];
    }
  }
  for (const [key, sub] of Object.entries(props ?? {})) {
    if (sub.default === undefined) continue;
    // null on a non-nullable field with a default is dropped so the default applies
    if (value[key] === undefined || (value[key] === null && !sub.nullable)) {
      value[key] = structuredClone(sub.default);
      pruneAndDefault(value[key], sub, path ? `${path}.${key}` : key, unknown);
    }
  }
}

/** `/spec/http/0/route/0/weight` → `spec.http[0].route[0].weight`, using the data to tell indexes from keys. */
function fieldPath(pointer: string, data: unknown): string {
  let out = "";
  let at: unknown = data;
  for (const raw of pointer.split("/").slice(1)) {
    const seg = raw.replace(/~1/g, "/").replace(/~0/g, "~");
    out += Array.isArray(at) ? `[${seg}]` : out ? `.${seg}` : seg;
    at = (at as Record<string, unknown> | undefined)?.[seg];
  }
  return out;
}

const typeName = (v: unknown) => (v === null ? "null" : Array.isArray(v) ? "array" : Number.isInteger(v) ? "integer" : typeof v);

function toFieldError(e: ErrorObject, data: unknown): FieldError | undefined {
  let field = fieldPath(e.instancePath, data);
  const value = e.instancePath.split("/").slice(1).reduce<unknown>((v, s) => (v as Record<string, unknown> | undefined)?.[s.replace(/~1/g, "/").replace(/~0/g, "~")], data);
  const inBody = `${field || "<root>"} in body`;
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case "required":
      return requiredValue(field ? `${field}.${String(p.missingProperty)}` : String(p.missingProperty));
    case "type":
      return invalidValue(field, typeName(value), `${inBody} must be of type ${String(p.type)}: ${quoteValue(typeName(value))}`);
    case "x-kubernetes-int-or-string":
      return invalidValue(field, typeName(value), `${inBody} must be of type integer,string: ${quoteValue(typeName(value))}`);
    case "format":
      return invalidValue(field, value, `${inBody} must be of type ${String(p.format)}: ${quoteValue(value)}`);
    case "enum":
      return {
        field,
        reason: "FieldValueNotSupported",
        message: `Unsupported value: ${quoteValue(value)}: supported values: ${((p.allowedValues as unknown[] | undefined) ?? []).map(quoteValue).join(", ")}`,
      };
    case "maximum":
    case "minimum":
      return invalidValue(field, value, `${inBody} should be ${e.keyword === "maximum" ? "less" : "greater"} than or equal to ${String(p.limit)}`);
    case "exclusiveMaximum":
    case "exclusiveMinimum":
      return invalidValue(field, value, `${inBody} should be ${e.keyword === "exclusiveMaximum" ? "less" : "greater"} than ${String(p.limit)}`);
    case "maxLength":
      return { field, reason: "FieldValueTooLong", message: `Too long: may not be more than ${String(p.limit)} bytes` };
    case "minLength":
      return invalidValue(field, value, `${inBody} should be at least ${String(p.limit)} chars long`);
    case "maxItems":
    case "maxProperties":
      return { field, reason: "FieldValueTooMany", message: `Too many: ${Array.isArray(value) ? value.length : Object.keys(value ?? {}).length}: must have at most ${String(p.limit)} ${e.keyword === "maxItems" ? "items" : "properties"}` };
    case "minItems":
    case "minProperties":
      return invalidValue(field, value, `${inBody} should have at least ${String(p.limit)} ${e.keyword === "minItems" ? "items" : "properties"}`);
    case "pattern":
      return invalidValue(field, value, `${inBody} should match '${String(p.pattern)}'`);
    case "x-kubernetes-list-type":
      field = `${field}[${String(p.index)}]`;
      return { field, reason: "FieldValueDuplicate", message: `Duplicate value: ${quoteValue(p.item)}` };
    case "oneOf":
      return invalidValue(field, value, "must validate one and only one schema (oneOf)");
    case "anyOf":
      return invalidValue(field, value, "must validate at least one schema (anyOf)");
    case "not":
      return invalidValue(field, value, "must not validate the schema (not)");
    default:
      return e.message ? invalidValue(field, value, `${inBody} ${e.message}`) : undefined;
  }
}

/** Errors from inside a oneOf/anyOf/not branch explain why a branch failed, not what is wrong: drop them. */
const insideCombinator = (e: ErrorObject) => /\/(oneOf|anyOf|not)\//.test(e.schemaPath);

/**
 * Schema errors after which the real server does not run the CEL rules (the object has not the
 * shape they were written for): wrong type, required, enum, too long, too many.
 */
const BLOCKS_RULES = new Set(["type", "x-kubernetes-int-or-string", "required", "enum", "maxLength", "maxItems", "maxProperties"]);

const rulesNotChecked = invalidValue("<nil>", "null", "some validation rules were not checked because the object was invalid; correct the existing errors to complete validation");

/** Prunes, defaults and validates a custom resource against its version's schema, then its CEL rules. */
export function checkCustomResource(schema: object, input: KubeObject): CustomResourceCheck {
  const object = structuredClone(input);
  const unknownFields: string[] = [];
  // apiVersion, kind and metadata are the server's own (ObjectMeta), whatever the CRD says of them
  const { apiVersion, kind, metadata, ...rest } = object;
  pruneAndDefault(rest, schema as Schema, "", unknownFields);
  const pruned = { apiVersion, kind, metadata, ...rest } as KubeObject;
  const validate = validatorFor(schema);
  validate(pruned);
  const schemaErrors = (validate.errors ?? []).filter((e) => !insideCombinator(e));
  const errors = schemaErrors.map((e) => toFieldError(e, pruned)).filter((e): e is FieldError => e !== undefined);
  if (schemaErrors.some((e) => BLOCKS_RULES.has(e.keyword))) errors.push(rulesNotChecked);
  else errors.push(...celRuleErrors(schema as RuleSchema, pruned));
  return { object: pruned, unknownFields, errors };
}
