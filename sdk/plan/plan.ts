import type { z } from "zod";
// zod/mini for the SDK's own checks: it loads in a millisecond, where the full zod plans use takes
// twenty (the action's cold start); both share zod's core, so a plan's schema is still a $ZodType.
import { $ZodType } from "zod/v4/core";
import * as zm from "zod/mini";
import { InvalidPlanError, PlanInputError, type FieldIssue } from "../errors.ts";
import type { Run } from "../engine/run.ts";
import { unknownKeys } from "./check-option.ts";
import { closest } from "../util/closest.ts";

/** The SDK major version plans are written against; a plan from another major is refused at load. */
export const SDK_MAJOR = 0;
export const SDK_VERSION = "0.1.0";

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
  inputs: zm.optional(zm.custom<z.ZodType>((v) => v instanceof $ZodType, "must be a zod schema, e.g. z.object({ ... })")),
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
  const given = schema.safeParse(raw);
  const read = given.success ? undefined : readFromText(raw, given.error.issues);
  const result = read ? schema.safeParse(read) : given;
  const issues = [
    ...unknownInputs(p.meta, raw),
    ...(result.success ? [] : result.error.issues.map((i) => ({ path: i.path.join(".") || "(inputs)", message: missingInput(p.meta, raw, i.path) ?? i.message }))),
  ];
  if (issues.length) throw new PlanInputError(p.meta.name, issues);
  return result.data as I;
}

/**
 * `key=value` inputs (the CLI's --input, the action's lines) arrive as text: where the plan
 * declares a number or a boolean (z.number(), z.boolean()) and got text that reads as one
 * ("3", "true"), the inputs with that text read; undefined when there is none.
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

/** The number or boolean `text` reads as, when `expected` is one; undefined otherwise. */
function valueOfText(expected: unknown, text: string): number | boolean | undefined {
  if (expected === "number" && /^-?\d+(\.\d+)?$/.test(text)) return Number(text);
  if (expected === "boolean" && (text === "true" || text === "false")) return text === "true";
  return undefined;
}

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
