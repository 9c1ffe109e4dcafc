import { stringify } from "yaml";
import { builtinScenario } from "../sim/load-scenario.ts";
import { scenarioSchema } from "../sim/scenario.ts";
import { builtinScenarios } from "../sim/scenarios/index.ts";

/** `firebreak scenarios`: the built-in scenarios, names in a column as wide as the longest, and how to bring one's own. */
export function formatScenarioList(): string {
  const width = Math.max(...Object.keys(builtinScenarios).map((name) => name.length)) + 2;
  const rows = Object.entries(builtinScenarios).map(([name, s]) => `${name.padEnd(width)}${s.description}`);
  return [
    ...rows,
    "",
    "--scenario NAME picks one of these; --scenario FILE takes a scenario of your own, in YAML or JSON (docs/scenarios.md).",
    "To start one of your own from a built-in one: firebreak scenarios NAME > my-world.yaml, then edit it.",
  ].join("\n");
}

/**
 * `firebreak scenarios NAME`: a built-in scenario as a YAML file to start one's own from, every
 * default written out so each knob shows. Named `<name>-copy`: a file may not take a built-in's
 * name (its journal would pass for that scenario's).
 */
export function formatScenarioFile(name: string): string {
  const scenario = withoutEmpty(scenarioSchema.parse(builtinScenario(name)));
  const header = [
    `# The built-in scenario ${name}, as a file to start a scenario of your own from.`,
    "# Make its world yours (images, services, deployments, routes, faults), then rehearse with",
    "#   firebreak run <plan.ts> --scenario <this file>",
    "# Every field is described in docs/scenarios.md.",
  ];
  return `${header.join("\n")}\n${stringify({ ...scenario, name: `${name}-copy` }, { lineWidth: 100 })}`;
}

/** The value without empty objects (`labels: {}`, `backends: {}`): defaults that say nothing. */
function withoutEmpty<T>(value: T): T {
  if (Array.isArray(value)) return value.map(withoutEmpty) as T;
  if (value === null || typeof value !== "object") return value;
  const kept = Object.entries(value).filter(([, v]) => !(v && typeof v === "object" && !Array.isArray(v) && Object.keys(v).length === 0));
  return Object.fromEntries(kept.map(([k, v]) => [k, withoutEmpty(v)])) as T;
}
