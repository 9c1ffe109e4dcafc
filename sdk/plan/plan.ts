import type { z } from "zod";
// zod/mini for the SDK's own checks: it loads in a millisecond, where the full zod plans use takes
// twenty (the action's cold start); both share zod's core, so a plan's schema is still a $ZodType.
import { $ZodType } from "zod/v4/core";
import * as zm from "zod/mini";
import { InvalidPlanError, PlanInputError, type FieldIssue } from "../errors.ts";
import type { Run } from "../engine/run.ts";
import { unknownKeys } from "./check-option.ts";
import { closest } from "../util/closest.ts";
import { SDK_MAJOR } from "../version.ts";

export { SDK_MAJOR, SDK_VERSION } from "../version.ts";

const PLAN_BRAND = Symbol.for("firebreak.plan");

export interface PlanMeta<S extends z.ZodType = z.ZodType> {
  /** Short kebab-case name, used in journals, issue titles and concurrency groups. */
  name: string;
  description?: string;
  /** The plan's inputs, validated before anything runs. */
  inputs?: S;
  /** Input names whose values are secrets: they never reach logs, journals or issues. */
  secrets?: string[];
}

export type PlanProgram<I> = (run: Run, inputs: I) => Promise<void> | void;

export interface Plan<I = unknown> {
  readonly [PLAN_BRAND]: { sdkMajor: number };
  readonly meta: PlanMeta;
  readonly program: PlanProgram<I>;
}

const planMetaSchema = zm.object({
  name: zm.string().check(zm.regex(/^[a-z0-9][a-z0-9-]{0,62}$/, "use lower-case letters, digits and '-' (at most 63)")),
  description: zm.optional(zm.string()),
  inputs: zm.optional(zm.custom<z.ZodType>((v) => v instanceof $ZodType, 'must be a zod 4 schema, e.g. z.object({ ... }) with import { z } from "firebreak" (a zod 3 schema, or none, is not one)')),
  secrets: zm.optional(zm.array(zm.string())),
});

/**
 * Declares a plan: metadata, the schema of its inputs, and the program that runs it.
 * The program is ordinary TypeScript: loops, branches and functions are all allowed; every
 * change it makes goes through `run` and the handles (routes, workloads, gates) so it can be
 * previewed, journaled and undone.
 *
 * @example
 * export default plan({
 *   name: "checkout-api-rollback",
 *   inputs: z.object({ revision: z.coerce.number().int().positive() }),
 * }, async (run, { revision }) => {
 *   await run.step("isolate", () => vs.shift({ stable: 100, release: 0 }));
 * });
 */
export function plan<S extends z.ZodType = z.ZodObject<{}>>(meta: PlanMeta<S>, program: PlanProgram<z.output<S>>): Plan<z.output<S>> {
  const parsed = planMetaSchema.safeParse(meta);
  const issues = [
    ...unknownKeys(meta, Object.keys(planMetaSchema.def.shape)),
    ...(parsed.success ? unnamedSecrets(meta) : parsed.error.issues.map((i) => ({ path: i.path.join("."), message: i.message }))),
  ];
  if (issues.length) throw new InvalidPlanError("plan(...) got invalid metadata:", issues);
  if (typeof program !== "function") throw new InvalidPlanError("plan(meta, program): program must be an async function (run, inputs) => { ... }");
  return { [PLAN_BRAND]: { sdkMajor: SDK_MAJOR }, meta, program } as Plan<z.output<S>>;
}

/**
 * Secret names that name no input: the input meant (`secrets: ["tokn"]` for `token`) would reach
 * logs, journals and issues unredacted. Inputs nested in objects count, as redaction finds them.
 */
function unnamedSecrets(meta: PlanMeta): FieldIssue[] {
  const names = inputNames(meta.inputs);
  if (!names) return [];
  return (meta.secrets ?? []).flatMap((name, i) => {
    if (names.includes(name)) return [];
    const meant = closest(name, names);
    const inputs = names.length ? `the inputs are: ${names.join(", ")}` : "the plan takes no inputs";
    return [{ path: `secrets.${i}`, message: `"${name}" names no input${meant ? ` (did you mean "${meant}"?)` : ""}; ${inputs}. A secret left unnamed would be logged as it is` }];
  });
}

/** Schemas of one value, with no names inside. */
const LEAF_TYPES = new Set(["string", "number", "boolean", "bigint", "enum", "literal", "date", "null", "undefined"]);

/** Every input name a schema declares, nested ones too; undefined when it takes names it does not list (records, unions, passthrough). */
function inputNames(schema: z.ZodType | undefined): string[] | undefined {
  if (!schema) return [];
  const def = schema._zod.def as { type: string; shape?: Record<string, z.ZodType>; catchall?: unknown; innerType?: z.ZodType };
  if (def.innerType) return inputNames(def.innerType); // optional, nullable, default
  if (LEAF_TYPES.has(def.type)) return [];
  if (def.type !== "object" || !def.shape || def.catchall) return undefined;
  const names = Object.keys(def.shape);
  for (const field of Object.values(def.shape)) {
    const nested = inputNames(field);
    if (!nested) return undefined;
    names.push(...nested);
  }
  return names;
}

/** True when `value` was made by `plan()` of any Firebreak SDK copy. */
export function isPlan(value: unknown): value is Plan {
  return typeof value === "object" && value !== null && PLAN_BRAND in value;
}

/** The SDK major a plan object was built with. */
export function planSdkMajor(p: Plan): number {
  return p[PLAN_BRAND].sdkMajor;
}

/** Validates raw inputs (strings from the CLI or the action) against the plan's schema. */
export function parseInputs<I>(p: Plan<I>, raw: Record<string, unknown>): I {
  const schema = p.meta.inputs ?? zm.object({});
  const parse = (inputs: Record<string, unknown>) => {
    try {
      return schema.safeParse(inputs);
    } catch (err) {
      throw schemaThrew(p, inputs, err);
    }
  };
  const given = parse(raw);
  const read = given.success ? undefined : readFromText(raw, given.error.issues);
  const result = read ? parse(read) : given;
  const issues = [
    ...unknownInputs(p.meta, raw),
    ...(result.success ? [] : result.error.issues.map((i) => ({ path: i.path.join(".") || "(inputs)", message: missingInput(p.meta, raw, i.path) ?? `${i.message}${asJson(i)}` }))),
  ];
  if (issues.length) throw new PlanInputError(p.meta.name, issues);
  return result.data as I;
}

/**
 * The plan's own schema threw (a `.transform` calling JSON.parse on a bad value) rather than
 * report an issue. Its message would quote the value, which may be a secret: only the input it
 * threw on (when one field's schema alone throws) and the error's kind are said.
 */
function schemaThrew(p: Pick<Plan, "meta">, inputs: Record<string, unknown>, err: unknown): PlanInputError {
  const shape = (p.meta.inputs?._zod.def as { shape?: Record<string, z.ZodType> } | undefined)?.shape ?? {};
  const throws = (name: string) => {
    try {
      shape[name]!.safeParse(inputs[name]);
      return false;
    } catch {
      return true;
    }
  };
  const kind = err instanceof Error ? err.name : typeof err;
  const message =
    `the plan's schema for it threw ${kind} reading the value (neither the value nor the error's text is shown: either may hold a secret). ` +
    "Check the value, or have the schema report a bad one (z.string().transform((s, ctx) => { … ctx.addIssue(…) })) rather than throw";
  const names = Object.keys(shape).filter(throws);
  return new PlanInputError(p.meta.name, (names.length ? names : ["(inputs)"]).map((path) => ({ path, message })));
}

/**
 * `key=value` inputs (the CLI's --input, the action's lines) arrive as text: where the plan
 * declares a number, a boolean, a list or an object (z.number(), z.boolean(), z.array(…),
 * z.object(…)) and got text that reads as one ("3", "1e3", "true", `["a","b"]`), the inputs with
 * that text read; undefined when there is none.
 */
function readFromText(raw: Record<string, unknown>, issues: readonly { code: string; path: PropertyKey[]; expected?: unknown }[]): Record<string, unknown> | undefined {
  const read: Record<string, unknown> = { ...raw };
  let changed = false;
  for (const issue of issues) {
    const [name] = issue.path;
    const text = typeof name === "string" && issue.path.length === 1 ? raw[name] : undefined;
    if (issue.code !== "invalid_type" || typeof text !== "string") continue;
    const value = valueOfText(issue.expected, text.trim());
    if (value === undefined) continue;
    read[name as string] = value;
    changed = true;
  }
  return changed ? read : undefined;
}

/** The value `text` reads as, when it reads as the type `expected`; undefined otherwise. */
function valueOfText(expected: unknown, text: string): unknown {
  if (expected === "number" && /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i.test(text)) return Number(text);
  if (expected === "boolean" && (text === "true" || text === "false")) return text === "true";
  if (expected === "array" || expected === "object") {
    const json = parsedJson(text);
    if (expected === "array" ? Array.isArray(json) : json !== null && typeof json === "object" && !Array.isArray(json)) return json;
  }
  return undefined;
}

const parsedJson = (text: string): unknown => {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
};

/** How to give a list or object input as text, when one was given text that is not its JSON. */
const asJson = (issue: { code: string; expected?: unknown; path: PropertyKey[] }): string =>
  issue.code === "invalid_type" && (issue.expected === "array" || issue.expected === "object") && issue.path.length === 1
    ? ` (give it as JSON, e.g. ${String(issue.path[0])}=${issue.expected === "array" ? '["a","b"]' : '{"key":"value"}'})`
    : "";

/** For a declared input that was not given, says so (zod would say "expected string, received undefined"). */
function missingInput(meta: PlanMeta, raw: Record<string, unknown>, path: PropertyKey[]): string | undefined {
  const [name] = path;
  if (path.length !== 1 || typeof name !== "string" || raw[name] !== undefined) return undefined;
  const field = (meta.inputs?._zod.def as { shape?: Record<string, { description?: unknown }> } | undefined)?.shape?.[name];
  if (!field) return undefined;
  return `not given, and the plan needs it${typeof field.description === "string" ? ` (${field.description})` : ""}`;
}

/**
 * Inputs the plan does not declare. An object schema would drop them without a word, and a
 * misspelt `hotifx=` would quietly run the plan without its hotfix.
 */
function unknownInputs(meta: PlanMeta, raw: Record<string, unknown>): FieldIssue[] {
  const declared = declaredInputs(meta);
  if (!declared) return [];
  const takes = declared.length ? `its inputs are: ${declared.join(", ")}` : "it takes no inputs";
  return Object.keys(raw)
    .filter((k) => !declared.includes(k))
    .map((k) => ({ path: k, message: `not an input of this plan; ${takes}` }));
}

/**
 * The names of the inputs a plan declares; undefined when its schema takes others too (records,
 * unions, passthrough: the schema decides).
 *
 * @example
 * declaredInputs(plan.meta); // ["revision", "reason", "hotfix"]
 */
export function declaredInputs(meta: PlanMeta): string[] | undefined {
  const def = (meta.inputs ?? zm.object({}))._zod.def as { type: string; shape?: Record<string, unknown>; catchall?: unknown };
  return def.type !== "object" || !def.shape || def.catchall ? undefined : Object.keys(def.shape);
}
