import { existsSync, readFileSync, statSync } from "node:fs";
import { parse as parseYaml } from "yaml";
import { UsageError } from "../errors.ts";
import { closest } from "../util/closest.ts";
import { scenarioSchema, type Scenario, type ScenarioInput } from "./scenario.ts";
import { builtinScenarios } from "./scenarios/index.ts";

/**
 * A scenario by built-in name (`cold-jvm`), by file (YAML or JSON), or as an object, validated.
 * Every problem is reported with the path of the field at fault.
 */
export function resolveScenario(source: string | ScenarioInput): Scenario {
  if (typeof source !== "string") return validated(source, "scenario");
  if (Object.hasOwn(builtinScenarios, source)) return validated(builtinScenarios[source], "scenario"); // not "toString" and kin
  if (!existsSync(source)) throw new UsageError(`Unknown scenario '${source}': it is neither a built-in scenario nor a file.${builtinHint(source)}`);
  if (statSync(source).isDirectory()) throw new UsageError(`Scenario ${source} is a directory; give a scenario file (.yaml or .json) or a built-in scenario's name`);
  let raw: unknown;
  try {
    raw = parseYaml(readFileSync(source, "utf8")); // YAML is a superset of JSON
  } catch (err) {
    throw new UsageError(`Scenario file ${source} is not valid YAML/JSON: ${(err as Error).message}`);
  }
  const scenario = validated(raw, source);
  // journals, postmortems and reports name the scenario: a file must not pass for a built-in one
  if (Object.hasOwn(builtinScenarios, scenario.name)) {
    throw new UsageError(`Scenario ${source} is named '${scenario.name}', as a built-in scenario is: its journal and postmortem could not be told apart from that one's. Give it a name of its own.`);
  }
  return scenario;
}

/** A built-in scenario by name, as written (defaults not filled in); an unknown name is a UsageError with the closest one. */
export function builtinScenario(name: string): ScenarioInput {
  if (!Object.hasOwn(builtinScenarios, name)) throw new UsageError(`Unknown scenario '${name}'.${builtinHint(name)}`);
  return builtinScenarios[name]!;
}

/** " Did you mean 'cold-jvm'? Built-in scenarios: cold-jvm, …." */
function builtinHint(name: string): string {
  const meant = closest(name, Object.keys(builtinScenarios));
  return `${meant ? ` Did you mean '${meant}'?` : ""} Built-in scenarios: ${Object.keys(builtinScenarios).join(", ")}.`;
}

function validated(raw: unknown, where: string): Scenario {
  const parsed = scenarioSchema.safeParse(raw);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  - ${i.path.join(".") || "(root)"}: ${i.message}`).join("\n");
    throw new UsageError(`Scenario ${where} is invalid:\n${lines}`);
  }
  return parsed.data;
}
