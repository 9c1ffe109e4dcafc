/**
 * The journal file is a boundary: a line may have been edited by hand, cut short in a field, or
 * written by another Firebreak version. This schema is what a line must hold for every renderer
 * to read it safely. Objects are loose, so fields a newer minor version adds are kept.
 */
import * as z from "zod/mini";
import type { JournalEvent } from "./events.ts";

const split = z.record(z.string(), z.number(), "a number per destination");
const errorInfo = z.looseObject({ name: z.string(), message: z.string() });
const objectRef = z.looseObject({
  apiVersion: z.string(),
  kind: z.string(),
  namespace: z.optional(z.string()),
  name: z.string(),
  context: z.optional(z.string()),
});
const gatePhase = z.enum(["passed", "failed", "inconclusive", "error"]);
const evidence = z.looseObject({
  at: z.number(),
  indicator: z.string(),
  subject: z.optional(z.string()),
  query: z.optional(z.string()),
  window: z.optional(z.string()),
  value: z.nullable(z.number()),
  unit: z.optional(z.string()),
  threshold: z.optional(z.string()),
  samples: z.optional(z.number()),
  phase: gatePhase,
  reason: z.optional(z.string()),
});

const event = <const T extends string, S extends z.core.$ZodLooseShape>(type: T, shape: S) =>
  z.extend(z.looseObject({ type: z.literal(type), at: z.number(), stepId: z.optional(z.number()) }), shape);

export const journalEventSchema = z.discriminatedUnion("type", [
  event("plan-started", {
    runId: z.string(),
    plan: z.looseObject({ name: z.string(), description: z.optional(z.string()), file: z.optional(z.string()) }),
    mode: z.enum(["preview", "run"]),
    inputs: z.record(z.string(), z.unknown()),
    target: z.looseObject({ kind: z.enum(["sim", "cluster"]), scenario: z.optional(z.string()), detail: z.optional(z.string()) }),
    sdkVersion: z.string(),
  }),
  event("step-started", { stepId: z.number(), name: z.string(), parentId: z.optional(z.number()), restore: z.optional(z.literal(true)) }),
  event("step-finished", {
    stepId: z.number(),
    name: z.string(),
    outcome: z.enum(["succeeded", "failed", "cancelled"]),
    durationMs: z.number(),
    error: z.optional(errorInfo),
  }),
  event("change", {
    object: objectRef,
    field: z.string(),
    before: z.unknown(),
    after: z.unknown(),
    applied: z.boolean(),
    action: z.string(),
    digests: z.optional(z.object({ before: z.string(), after: z.string() })),
  }),
  event("traffic", {
    route: objectRef,
    split,
    verified: z.boolean(),
    drift: z.optional(z.looseObject({ written: split, unreadable: z.optional(z.string()) })),
    changedBy: z.optional(z.string()),
    initial: z.optional(z.literal(true)),
  }),
  event("gate", {
    name: z.string(),
    kind: z.string(),
    description: z.string(),
    phase: gatePhase,
    reason: z.string(),
    enforced: z.boolean(),
    cancelled: z.optional(z.boolean()),
    startedAt: z.number(),
    evidence: z.array(evidence),
  }),
  event("note", { text: z.string(), stops: z.optional(z.literal(true)) }),
  event("pause", { durationMs: z.number(), reason: z.optional(z.string()), cancelled: z.optional(z.looseObject({ afterMs: z.number(), startedAt: z.number() })) }),
  event("wait", { object: objectRef, what: z.string(), durationMs: z.number(), outcome: z.enum(["done", "timeout", "failed", "skipped"]) }),
  event("safe-state-declared", { description: z.string(), route: objectRef, split }),
  event("safe-state-restore", { description: z.string(), outcome: z.enum(["restored", "failed"]), detail: z.optional(z.string()) }),
  event("recommendation", { text: z.string(), reason: z.string() }),
  event("impact", {
    from: z.number(),
    to: z.number(),
    beforePlanMs: z.optional(z.number()),
    requests: z.nullable(z.number()),
    failed: z.nullable(z.number()),
    series: z.array(z.looseObject({ at: z.number(), errorRate: z.nullable(z.number()), requests: z.nullable(z.number()) })),
    end: z.optional(z.looseObject({ from: z.number(), requests: z.number(), errorRate: z.nullable(z.number()) })),
    query: z.string(),
    reason: z.optional(z.string()),
  }),
  event("plan-finished", {
    status: z.enum(["succeeded", "failed-safe", "failed-unsafe", "cancelled"]),
    durationMs: z.number(),
    error: z.optional(errorInfo),
    unsafe: z.optional(z.array(z.string())),
  }),
]);

const EXPECTED: Record<string, string> = { number: "a number", string: "a string", boolean: "true or false", array: "a list", object: "an object", record: "an object" };

/** What a field should hold, in words, where the schema does not say it itself. */
const expectedMessage: z.core.$ZodErrorMap = (issue) => {
  if (issue.code === "invalid_type") return EXPECTED[issue.expected] ?? issue.expected;
  if (issue.code === "invalid_value") return `one of ${issue.values.map((v) => JSON.stringify(v)).join(", ")}`;
  return undefined;
};

const fieldPath = (path: PropertyKey[]) => path.map((key, i) => (typeof key === "number" ? `[${key}]` : `${i ? "." : ""}${String(key)}`)).join("");

function shown(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "an object";
  const json = JSON.stringify(value);
  return json.length > 40 ? `${json.slice(0, 40)}…` : json;
}

/**
 * What is wrong with an event of a known type, e.g. "split is missing (a number per destination)";
 * undefined when every renderer can read it.
 */
export function journalEventProblem(event: unknown): string | undefined {
  const result = journalEventSchema.safeParse(event, { error: expectedMessage, reportInput: true });
  if (result.success) return undefined;
  const issue = result.error.issues[0]!;
  const field = fieldPath(issue.path);
  if (issue.code !== "invalid_type" && issue.code !== "invalid_value") return `${field}: ${issue.message}`;
  if (issue.input === undefined) return `${field} is missing (${issue.message})`;
  return `${field} is ${shown(issue.input)}, not ${issue.message}`;
}

/**
 * The event types in events.ts stay hand-written (their docs are the contract plan authors read,
 * and a loose schema's type would let any misspelt field through as `unknown`). These fail to
 * compile when the schema and the types disagree on a field, in either direction: its type, whether
 * it is optional, or (AllPresent, since `{ a?: T }` and `{}` are assignable both ways) whether it is there.
 */
type Parsed = z.output<typeof journalEventSchema>;
/** Without the `[k: string]: unknown` that loose objects add. */
type Known<T> = T extends readonly (infer U)[] ? Known<U>[] : T extends object ? { [K in keyof T as string extends K ? (unknown extends T[K] ? never : K) : K]: Known<T[K]> } : T;
type AllPresent<T> = T extends readonly (infer U)[] ? AllPresent<U>[] : T extends object ? { [K in keyof T]-?: AllPresent<T[K]> } : T;
type MutuallyAssignable<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
true satisfies MutuallyAssignable<Known<Parsed>, JournalEvent>;
true satisfies MutuallyAssignable<AllPresent<Known<Parsed>>, AllPresent<JournalEvent>>;
