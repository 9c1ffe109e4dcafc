/**
 * `firebreak/testing`: the simulator, for rehearsing plans in tests and CI.
 */
export { startSimulator, type Simulator } from "./sim/simulator.ts";
export { resolveScenario } from "./sim/load-scenario.ts";
export { scenarioSchema, type Scenario, type ScenarioInput } from "./sim/scenario.ts";
export { builtinScenarios } from "./sim/scenarios/index.ts";
export { createVirtualClock, type VirtualClock } from "./ports/clock.ts";
export { rehearse, type Rehearsal } from "./sim/rehearse.ts";
