import { InvalidPlanError, type FieldIssue } from "../errors.ts";
import { closest } from "../util/closest.ts";
import { formatMs, toMs, type Duration } from "../util/duration.ts";

/**
 * A value as a message quotes it: as JSON, but numbers as JavaScript writes them, since JSON
 * writes NaN and Infinity as null ("must be a whole number (got null)" for NaN).
 * @example quoted(Number.NaN) // "NaN"; quoted("10s") // "\"10s\""
 */
export const quoted = (v: unknown): string => (typeof v === "number" || typeof v === "bigint" ? String(v) : (JSON.stringify(v) ?? String(v)));

/** A whole number, `min` or more: a count of replicas, restarts or rounds, a revision number. */
export const isCount = (v: unknown, min: number): v is number => typeof v === "number" && Number.isInteger(v) && v >= min;

/**
 * The problem with a duration an option waits for or measures, if any: it is one, and at least
 * `minMs` (default: longer than 0).
 * @example durationIssue("0ms", "maxLatency") // { path: "maxLatency", message: 'must be longer than 0 (got "0ms")' }
 */
export function durationIssue(d: unknown, path: string, minMs?: number): FieldIssue | undefined {
  let ms: number;
  try {
    ms = toMs(d as Duration);
  } catch {
    return { path, message: `${quoted(d)} is not a duration; write it like "10s" or "5m"` };
  }
  if (minMs === undefined ? ms > 0 : ms >= minMs) return undefined;
  return { path, message: `must be ${minMs === undefined ? "longer than 0" : `at least ${formatMs(minMs)}`} (got ${quoted(d)})` };
}

/**
 * Refuses a string option that is given but not one of the accepted values. Plans are loaded
 * without type checking, so a misspelt value ("fial" for "fail") reaches the runtime, where a
 * comparison with `===` would silently take the other branch.
 * @param where the call the option was given to, e.g. "canary"
 * @param otherwise what to do when none of them fits, shown after them
 * @example checkOneOf("canary", "onFailure", "fial", ["fail", "return"]);
 * // InvalidPlanError: canary got an invalid option:
 * //   - onFailure: "fial" is not accepted; use "fail" or "return"
 */
export function checkOneOf<T extends string>(where: string, option: string, value: unknown, accepted: readonly T[], otherwise = ""): asserts value is T | undefined {
  if (value === undefined || (accepted as readonly unknown[]).includes(value)) return;
  const choices = accepted.map((a) => JSON.stringify(a));
  const use = choices.length > 1 ? `${choices.slice(0, -1).join(", ")} or ${choices.at(-1)}` : choices[0];
  const message = `${quoted(value)} is not accepted; use ${use}${otherwise ? ` (${otherwise})` : ""}`;
  throw new InvalidPlanError(`${where} got an invalid option:`, [{ path: option, message }]);
}

/**
 * The options a call does not take, each with the one it most likely meant (`timout`, `backend`):
 * plans load without type checking, and a misspelt key would ride past every check with its
 * option quietly at its default.
 * @param at where the plan wrote them, e.g. "policy"; "" for the call's own options
 */
export function unknownKeys(options: unknown, known: readonly string[], at = ""): FieldIssue[] {
  if (!options || typeof options !== "object") return [];
  return Object.keys(options)
    .filter((k) => !known.includes(k))
    .map((k) => {
      const meant = closest(k, known);
      return { path: at ? `${at}.${k}` : k, message: `is not an option${meant ? ` (did you mean ${meant}?)` : ""}; the options are: ${known.join(", ")}` };
    });
}

/**
 * Refuses options the call does not take (see {@link unknownKeys}).
 * @example checkKnownKeys("canary", { stage: [1, 100] }, ["route", "stages"]);
 * // InvalidPlanError: canary got an invalid option:
 * //   - stage: is not an option (did you mean stages?); the options are: route, stages
 */
export function checkKnownKeys(call: string, options: unknown, known: readonly string[]): void {
  refuseIssues(call, unknownKeys(options, known));
}

/**
 * Throws an InvalidPlanError (or `As`, e.g. UsageError for a client's options) listing `issues`
 * under the call they were given to; nothing when there are none.
 */
export function refuseIssues(call: string, issues: FieldIssue[], As: new (message: string, issues: FieldIssue[]) => Error = InvalidPlanError): void {
  if (issues.length) throw new As(`${call} got ${issues.length > 1 ? "invalid options" : "an invalid option"}:`, issues);
}

/**
 * Throws an InvalidPlanError listing `issues` with the positional arguments of `call`; nothing when there are none.
 * @example refuseArguments("run.recommend()", [{ path: "reason", message: "is missing" }]);
 * // InvalidPlanError: run.recommend() got an invalid argument:
 * //   - reason: is missing
 */
export function refuseArguments(call: string, issues: FieldIssue[]): void {
  if (issues.length) throw new InvalidPlanError(`${call} got ${issues.length > 1 ? "invalid arguments" : "an invalid argument"}:`, issues);
}

/**
 * Refuses a handle's options that lack a name it needs, or that it does not take, when the handle
 * is made: without the check a handle would be labelled "Deployment prod/undefined", previewed as
 * if it existed, and fail only when the run first reads it.
 * @param optional the other options it takes
 * @example checkNames("deployment", { namespace: "prod", nme: "checkout-api" }, ["namespace", "name"], ["context"]);
 * // InvalidPlanError: deployment got invalid options:
 * //   - name: is missing
 * //   - nme: is not an option (did you mean name?); the options are: namespace, name, context
 */
export function checkNames(call: string, options: unknown, required: readonly string[], optional: readonly string[]): void {
  const given = (options ?? {}) as Record<string, unknown>;
  const missing = required.filter((o) => typeof given[o] !== "string" || given[o] === "");
  const issues = [
    ...missing.map((o) => ({ path: o, message: given[o] === undefined ? "is missing" : `must be a name (got ${quoted(given[o])})` })),
    ...unknownKeys(options, [...required, ...optional]),
  ];
  if (issues.length) throw new InvalidPlanError(`${call} got invalid options:`, issues);
}
