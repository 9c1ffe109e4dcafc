import type { GateSummary, StepSummary } from "./summary.ts";

/**
 * Where each gate whose name another gate also has was evaluated: the names of the steps it ran
 * in, outermost first ("bring payments back"), leaving out steps named like the gate (a canary
 * stage is a step and a gate of the same name). A plan that loops over services repeats gate names
 * ("canary 5%" for each); a report listing them by name alone could not say which is which.
 * Gates whose name is their own are left out of the map.
 *
 * @example
 * gatePlaces(s.gates, s.steps).get(g); // 'bring payments back'
 */
export function gatePlaces(gates: readonly GateSummary[], steps: readonly StepSummary[]): Map<GateSummary, string> {
  const byId = new Map(steps.map((s) => [s.id, s]));
  const count = new Map<string, number>();
  for (const g of gates) count.set(g.name, (count.get(g.name) ?? 0) + 1);
  const places = new Map<GateSummary, string>();
  for (const g of gates) {
    if (count.get(g.name)! < 2) continue;
    const path: string[] = [];
    for (let step = g.stepId === undefined ? undefined : byId.get(g.stepId); step; step = step.parentId === undefined ? undefined : byId.get(step.parentId)) {
      if (step.name !== g.name) path.unshift(step.name);
    }
    if (path.length) places.set(g, path.join(" › "));
  }
  return places;
}

/** 'check "canary 5%" in "bring ledger back"' (a `gate` when it fails the plan); the place only when `places` has one for it. */
export function gateText(g: GateSummary, places: ReadonlyMap<GateSummary, string>): string {
  const place = places.get(g);
  return `${g.enforced ? "gate" : "check"} "${g.name}"${place ? ` in "${place}"` : ""}`;
}
