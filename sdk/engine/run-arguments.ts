/**
 * The checks of what a plan passes to `run`'s calls. Plans load without type checking, and what a
 * call journals as text must be text: an event holding anything else stops the postmortem, and
 * `firebreak postmortem` refuses the journal. So a wrong argument is refused when the call is made,
 * in preview too, naming the argument and a right call.
 */
import type { FieldIssue } from "../errors.ts";
import { quoted, refuseArguments } from "../plan/check-option.ts";

const EXAMPLE = {
  step: 'run.step("isolate", () => vs.shift({ stable: 100, release: 0 }))',
  gate: 'run.gate("release healthy", gates.successRate({ route: vs, destination: "release", min: 0.99 }))',
  check: 'run.check("fix healthy", gates.successRate({ route: vs, destination: "release", min: 0.99 }))',
  pause: 'run.pause("1m", "let 1% of traffic reach release")',
  recommend: 'run.recommend("Roll forward to 2.0.1", "1.9.0 fails against the schema 2.0.0 migrated")',
  safeState: 'run.safeState(vs, { stable: 100, release: 0 }, "all traffic on the stable pool")',
} as const;

/** A value as a refusal names it: an object by what it is, not by its JSON. */
function given(v: unknown): string {
  if (typeof v === "function") return "a function";
  if (Array.isArray(v)) return "a list";
  if (typeof v !== "object" || v === null) return quoted(v);
  return typeof (v as PromiseLike<unknown>).then === "function" ? "a promise" : "an object";
}

const issue = (path: string, problem: string, example: string): FieldIssue => ({ path, message: `${problem}; e.g. ${example}` });

/** Text that must be given and say something: a name, a note, a recommendation and its reason. */
function textIssue(value: unknown, path: string, example: string): FieldIssue | undefined {
  if (typeof value === "string" && value.trim()) return undefined;
  return issue(path, value === undefined ? "is missing" : typeof value === "string" ? "is empty" : `must be text (got ${given(value)})`, example);
}

/** Text a call may go without (a pause's reason, a safe state's description). */
const optionalTextIssue = (value: unknown, path: string, example: string): FieldIssue | undefined =>
  value === undefined || typeof value === "string" ? undefined : issue(path, `must be text (got ${given(value)})`, example);

const refuse = (call: string, issues: (FieldIssue | undefined)[]) => refuseArguments(call, issues.filter((i) => i !== undefined));

/** Refuses a run.step() without a name or a function for its work. */
export function checkStepArguments(name: unknown, fn: unknown): void {
  // a promise is the likely slip, run.step("isolate", vs.shift(…)): the shift then runs outside the step
  const fnIssue = typeof fn === "function" ? undefined : issue("fn", `must be a function doing the step's work (got ${given(fn)})`, EXAMPLE.step);
  refuse("run.step()", [textIssue(name, "name", EXAMPLE.step), fnIssue]);
}

/** Refuses a run.gate() or run.check() without a name or a gate. */
export function checkGateArguments(call: "gate" | "check", name: unknown, gate: unknown): void {
  const g = gate as { evaluate?: unknown; description?: unknown } | null | undefined;
  const isGate = typeof g === "object" && g !== null && typeof g.evaluate === "function" && typeof g.description === "string";
  const gateIssue = isGate ? undefined : issue("gate", gate === undefined ? "is missing" : `must be a gate made by gates (got ${given(gate)})`, EXAMPLE[call]);
  refuse(`run.${call}()`, [textIssue(name, "name", EXAMPLE[call]), gateIssue]);
}

/** Refuses a run.pause() reason that is not text (its duration is checked when it is read). */
export function checkPauseArguments(reason: unknown): void {
  refuse("run.pause()", [optionalTextIssue(reason, "reason", EXAMPLE.pause)]);
}

/**
 * A note's text from whatever the plan passed: a note only informs, and must never stop a plan
 * mid-incident, so an error (`run.note(err)`) or any other value is written as text.
 */
export function noteText(v: unknown): string {
  if (typeof v === "string") return v;
  if (v instanceof Error) return `${v.name}: ${v.message}`;
  return JSON.stringify(v) ?? String(v);
}

/** Refuses a run.recommend() without its text or its reason. */
export function checkRecommendArguments(text: unknown, reason: unknown): void {
  refuse("run.recommend()", [textIssue(text, "text", EXAMPLE.recommend), textIssue(reason, "reason", EXAMPLE.recommend)]);
}

/** Refuses a run.safeState() without a route handle, or with a description that is not text (its split is checked with the route). */
export function checkSafeStateArguments(route: unknown, description: unknown): void {
  const r = route as { label?: unknown; checkDestinations?: unknown } | null | undefined;
  const isRoute = typeof r === "object" && r !== null && typeof r.label === "string" && typeof r.checkDestinations === "function";
  const routeIssue = isRoute ? undefined : issue("route", route === undefined ? "is missing" : `must be a route handle, as istio.virtualService(…) returns (got ${given(route)})`, EXAMPLE.safeState);
  refuse("run.safeState()", [routeIssue, optionalTextIssue(description, "description", EXAMPLE.safeState)]);
}
