import { InvalidPlanError } from "../errors.ts";

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
  const message = `${JSON.stringify(value)} is not accepted; use ${use}${otherwise ? ` (${otherwise})` : ""}`;
  throw new InvalidPlanError(`${where} got an invalid option:`, [{ path: option, message }]);
}

/**
 * Refuses a handle's options that lack a name it needs, when the handle is made: without the check
 * a handle would be labelled "Deployment prod/undefined", previewed as if it existed, and fail only
 * when the run first reads it.
 * @example checkNames("deployment", { namespace: "prod", nme: "checkout-api" }, ["namespace", "name"]);
 * // InvalidPlanError: deployment got invalid options:
 * //   - name: is missing
 */
export function checkNames(call: string, options: unknown, required: readonly string[]): void {
  const given = (options ?? {}) as Record<string, unknown>;
  const missing = required.filter((o) => typeof given[o] !== "string" || given[o] === "");
  if (!missing.length) return;
  throw new InvalidPlanError(
    `${call} got invalid options:`,
    missing.map((o) => ({ path: o, message: given[o] === undefined ? "is missing" : `must be a name (got ${JSON.stringify(given[o])})` })),
  );
}
