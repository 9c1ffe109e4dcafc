/**
 * Shared by the action's tests: the runner's view of action.yml (every input gets its default,
 * `${{ github.token }}` resolved), and the `INPUT_*` variables a runner would set.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";
import type { InputName } from "../../action/inputs.ts";

export const ROOT = fileURLToPath(new URL("../../", import.meta.url));

interface ActionYml {
  inputs: Record<string, { description: string; required?: boolean; default?: string }>;
  outputs: Record<string, { description: string }>;
  runs: { using: string; main: string; post: string };
}

/** action.yml, parsed. */
export function actionYml(): ActionYml {
  return parse(readFileSync(`${ROOT}action.yml`, "utf8")) as ActionYml;
}

/**
 * Every input's value as a runner passes it: the given value, else action.yml's default, its
 * expression evaluated as in a job without a matrix (`${{ github.token }}` is the token; the
 * matrix leg of incident-key's default is then nothing).
 */
export function runnerInputs(given: Partial<Record<InputName, string>>, token = "ghs_default_workflow_token"): Record<string, string> {
  const out: Record<string, string> = {};
  // a workflow against a cluster names its Prometheus, or says the plan has no metric gates
  const defaults: Partial<Record<InputName, string>> = { "prometheus-url": "none" };
  for (const [name, input] of Object.entries(actionYml().inputs)) {
    const value = given[name as InputName] ?? defaults[name as InputName] ?? String(input.default ?? "");
    out[name] = value === "${{ github.token }}" ? token : value.startsWith("${{ strategy.") ? "" : value;
  }
  return out;
}

/** The runner's environment variables for those inputs (`INPUT_PLAN`, `INPUT_GITHUB-TOKEN`, …). */
export function inputEnv(inputs: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(inputs).map(([k, v]) => [`INPUT_${k.replace(/ /g, "_").toUpperCase()}`, v]));
}
