import { existsSync, readFileSync } from "node:fs";
import { parse as parseYaml } from "yaml";
import { UsageError } from "../errors.ts";
import { scenarioSchema, type Scenario, type ScenarioInput } from "./scenario.ts";
import { builtinScenarios } from "./scenarios/index.ts";

/**
 * A scenario by built-in name (`cold-jvm`), by file (YAML or JSON), or as an object, validated.
 * Every problem is reported with the path of the field at fault.
 */
export function resolveScenario(source: string | ScenarioInput): Scenario {
  let raw: unknown = source;
  let where = "scenario";
  if (typeof source === "string") {
    if (Object.hasOwn(builtinScenarios, source)) raw = builtinScenarios[source]; // not "toString" and kin
    else if (existsSync(source)) {
      where = source;
      try {
        raw = parseYaml(readFileSync(source, "utf8")); // YAML is a superset of JSON
      } catch (err) {
        throw new UsageError(`Scenario file ${source} is not valid YAML/JSON: ${(err as Error).message}`);
      }
    } else {
      throw new UsageError(
        `Unknown scenario '${source}': it is neither a built-in scenario nor a file. Built-in scenarios: ${Object.keys(builtinScenarios).join(", ")}.`,
      );
    }
  }
  const parsed = scenarioSchema.safeParse(raw);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  - ${i.path.join(".") || "(root)"}: ${i.message}`).join("\n");
    throw new UsageError(`Scenario ${where} is invalid:\n${lines}`);
  }
  return parsed.data;
}
