import { celEnv, type CelResult, isCelError, parse, plan } from "@bufbuild/cel";
import { type FieldError, invalidValue, quoteValue, requiredValue } from "./status.ts";
import { isObject } from "./json.ts";

/**
 * The `x-kubernetes-validations` CEL rules of a CRD schema, evaluated as apiextensions-apiserver
 * (Kubernetes 1.32) evaluates them: each rule with `self` bound to the value at the schema node
 * that carries it, after pruning and defaulting, never on an absent or null value; a rule that is
 * not `true` is a field error with the rule's message (or messageExpression), reason and fieldPath.
 *
 * Transition rules (`oldSelf`) are skipped: none of the bundled CRDs has one, and the real server
 * does not evaluate them on create either.
 */

export interface ValidationRule {
  rule: string;
  message?: string;
  messageExpression?: string;
  reason?: "FieldValueInvalid" | "FieldValueForbidden" | "FieldValueRequired" | "FieldValueDuplicate";
  fieldPath?: string;
}

/** The part of a structural schema that rules and their `self` values depend on. */
export interface RuleSchema {
  type?: string;
  properties?: Record<string, RuleSchema>;
  additionalProperties?: RuleSchema | boolean;
  items?: RuleSchema;
  "x-kubernetes-int-or-string"?: boolean;
  "x-kubernetes-validations"?: ValidationRule[];
}

type Program = (bindings: { self: unknown }) => CelResult;

/** A rule ready to run. */
type RunnableRule = { rule: ValidationRule; check: Program; message?: Program };

/** A rule ready to run, or why it could not be compiled (the real server reports that per object too). */
type CompiledRule = RunnableRule | { rule: ValidationRule; compileError: string };

const env = celEnv();

/** Rules compile once per CRD: keyed by the schema's rule list, which lives as long as the CRD. */
const compiledRules = new WeakMap<ValidationRule[], CompiledRule[]>();

function compile(rule: ValidationRule): CompiledRule {
  try {
    const check = plan(env, parse(rule.rule)) as Program;
    return rule.messageExpression ? { rule, check, message: plan(env, parse(rule.messageExpression)) as Program } : { rule, check };
  } catch (e) {
    return { rule, compileError: (e as Error).message };
  }
}

function rulesOf(schema: RuleSchema): CompiledRule[] {
  const rules = schema["x-kubernetes-validations"];
  if (!rules) return [];
  let out = compiledRules.get(rules);
  if (!out) {
    out = rules.filter((r) => !/\boldSelf\b/.test(r.rule)).map(compile);
    compiledRules.set(rules, out);
  }
  return out;
}

const CEL_RESERVED = new Set([
  "true", "false", "null", "in", "as", "break", "const", "continue", "else", "for", "function", "if",
  "import", "let", "loop", "package", "namespace", "return", "var", "void", "while",
]);

/**
 * A property name as rules spell it (`namespace` → `__namespace__`, `x-y` → `x__dash__y`), or
 * undefined for a name CEL cannot reach.
 */
function escapeProperty(name: string): string | undefined {
  if (CEL_RESERVED.has(name)) return `__${name}__`;
  if (!/^[a-zA-Z_.\-/][a-zA-Z0-9_.\-/]*$/.test(name)) return undefined;
  return name.replace(/__|[.\-/]/g, (m) => ({ __: "__underscores__", ".": "__dot__", "-": "__dash__", "/": "__slash__" })[m]!);
}

/** A JSON value as CEL sees it under the schema: integers are `int` (bigint), numbers `double`. */
function toCel(value: unknown, schema: RuleSchema | undefined): unknown {
  if (typeof value === "number") return schema?.type !== "number" && Number.isInteger(value) ? BigInt(value) : value;
  if (Array.isArray(value)) return value.map((v) => toCel(v, schema?.items));
  if (!isObject(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    const declared = schema?.properties?.[key];
    if (declared) {
      const name = escapeProperty(key);
      if (name) out[name] = toCel(v, declared);
    } else {
      out[key] = toCel(v, typeof schema?.additionalProperties === "object" ? schema.additionalProperties : undefined);
    }
  }
  return out;
}

/** `.spec.x['k']` of a rule's fieldPath, appended to the path of the node carrying the rule. */
function ruleFieldPath(base: string, fieldPath: string, schema: RuleSchema): string {
  let path = base;
  let node: RuleSchema | undefined = schema;
  for (const [, dotted, quoted] of fieldPath.matchAll(/\.([^.[]+)|\['((?:[^'\\]|\\.)*)'\]/g)) {
    const name = dotted ?? quoted!.replace(/\\(.)/g, "$1");
    if (node?.properties) {
      path = path ? `${path}.${name}` : name;
      node = node.properties[name];
    } else {
      path = `${path}[${name}]`;
      node = typeof node?.additionalProperties === "object" ? node.additionalProperties : undefined;
    }
  }
  return path;
}

const trimmedMessage = (rule: ValidationRule) => rule.message?.trim() || undefined;

/** The rule as errors name it: its message, else its expression. */
const ruleName = (rule: ValidationRule) => trimmedMessage(rule) ?? rule.rule.trim();

/** The message of a failed rule: messageExpression's string if it gives a usable one, else message, else the rule. */
function detailOf(rule: RunnableRule, self: unknown): string {
  const fromExpression = rule.message?.({ self });
  if (typeof fromExpression === "string" && fromExpression.trim() && !fromExpression.includes("\n")) return fromExpression.trim();
  return trimmedMessage(rule.rule) ?? `failed rule: ${rule.rule.rule.trim()}`;
}

function ruleError(field: string, type: string, detail: string, reason: ValidationRule["reason"]): FieldError {
  switch (reason) {
    case "FieldValueForbidden":
      return { field, reason, message: `Forbidden: ${detail}` };
    case "FieldValueRequired":
      return requiredValue(field, detail);
    case "FieldValueDuplicate":
      return { field, reason, message: `Duplicate value: ${quoteValue(type)}` };
    default:
      return invalidValue(field, type, detail);
  }
}

/** The errors of the rules on this node for `value`, the value there (present and not null). */
function nodeErrors(schema: RuleSchema, value: unknown, path: string): FieldError[] {
  const rules = rulesOf(schema);
  if (!rules.length) return [];
  // the real server quotes the node's schema type as the "value" of a rule error
  const type = schema.type ?? "";
  const self = toCel(value, schema);
  const errors: FieldError[] = [];
  for (const compiled of rules) {
    if ("compileError" in compiled) {
      errors.push(invalidValue(path, type, `rule compile error: ${compiled.compileError}`));
      continue;
    }
    const result = compiled.check({ self });
    if (isCelError(result)) errors.push(invalidValue(path, type, `${result.message} evaluating rule: ${ruleName(compiled.rule)}`));
    else if (result !== true) {
      const field = compiled.rule.fieldPath ? ruleFieldPath(path, compiled.rule.fieldPath, schema) : path;
      errors.push(ruleError(field, type, detailOf(compiled, self), compiled.rule.reason));
    }
  }
  return errors;
}

/** Evaluates every rule of `schema` and its descendants that has a value in `value`; `path` names `value`. */
export function celRuleErrors(schema: RuleSchema, value: unknown, path = ""): FieldError[] {
  if (value === null || value === undefined) return [];
  const errors = nodeErrors(schema, value, path);
  if (Array.isArray(value)) {
    if (schema.items) value.forEach((v, i) => errors.push(...celRuleErrors(schema.items!, v, `${path}[${i}]`)));
  } else if (isObject(value)) {
    for (const [key, v] of Object.entries(value)) {
      const declared = schema.properties?.[key];
      if (declared) errors.push(...celRuleErrors(declared, v, path ? `${path}.${key}` : key));
      else if (typeof schema.additionalProperties === "object") errors.push(...celRuleErrors(schema.additionalProperties, v, `${path}[${key}]`));
    }
  }
  return errors;
}
