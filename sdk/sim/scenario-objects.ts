import { refString } from "../ports/kube.ts";
import { resolveScenario } from "./load-scenario.ts";
import { seedScenario } from "./model/seed.ts";
import { builtinScenarios } from "./scenarios/index.ts";
import { ObjectStore } from "./store.ts";

/** The objects each built-in scenario's world starts with, by name ("Ingress prod/checkout-api-canary"); seeded on first ask. */
const seeded = new Map<string, Set<string>>();

function objectsOf(scenario: string): Set<string> {
  let names = seeded.get(scenario);
  if (!names) {
    const found = new Set<string>();
    const store = new ObjectStore(() => 0);
    store.onChange(({ object }) => found.add(refString({ kind: object.kind, namespace: object.metadata.namespace, name: object.metadata.name })));
    seedScenario(store, resolveScenario(scenario), 0);
    seeded.set(scenario, (names = found));
  }
  return names;
}

/**
 * What to do when a rehearsal on `scenario` lacks `object` (as refString names it): on the
 * simulator the plan is most likely right and the scenario is the wrong one, so this names the
 * built-in scenarios that have the object, or says how to write one that does.
 * @example
 * missingFromScenario("cold-jvm", "Ingress prod/checkout-api-canary")
 * // "The simulator's scenario cold-jvm does not have it; the built-in scenario nginx-cold-jvm does: rehearse with --scenario nginx-cold-jvm."
 */
export function missingFromScenario(scenario: string, object: string): string {
  const having = Object.keys(builtinScenarios).filter((name) => name !== scenario && objectsOf(name).has(object));
  if (having.length === 1) return `The simulator's scenario ${scenario} does not have it; the built-in scenario ${having[0]} does: rehearse with --scenario ${having[0]}.`;
  if (having.length) return `The simulator's scenario ${scenario} does not have it; the built-in scenarios ${having.join(", ")} do: rehearse with one of them (--scenario ${having[0]}).`;
  return `The simulator's scenario ${scenario} does not have it: rehearse with a scenario file that has it (--scenario FILE, described in docs/scenarios.md; \`firebreak scenarios NAME\` prints a built-in one to start from).`;
}
