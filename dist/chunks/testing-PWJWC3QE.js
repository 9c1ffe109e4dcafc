import { createRequire as __firebreakCreateRequire } from "node:module";
import { fileURLToPath as __firebreakFileURLToPath } from "node:url";
const require = __firebreakCreateRequire(import.meta.url);
const __filename = __firebreakFileURLToPath(import.meta.url);
const __dirname = __filename.slice(0, __filename.lastIndexOf("/"));
import {
  runPlan
} from "./chunk-RVK5JBQY.js";
import "./chunk-HSCLIL2T.js";
import {
  builtinScenarios,
  resolveScenario,
  scenarioSchema,
  startSimulator
} from "./chunk-MMO57IQO.js";
import {
  createVirtualClock
} from "./chunk-EETVWDK3.js";
import "./chunk-UIG654FX.js";
import "./chunk-DS2GLLVK.js";
import "./chunk-RPVA4LOL.js";
import "./chunk-LKO3ARFM.js";
import "./chunk-CGM6U6GF.js";
import "./chunk-5AMULRZH.js";

// sdk/sim/rehearse.ts
async function rehearse(plan, options) {
  let sim = await startSimulator(options.scenario);
  try {
    let start = sim.clock.now(), result = await runPlan(plan, {
      mode: options.mode ?? "run",
      inputs: options.inputs ?? {},
      kube: sim.kube,
      metrics: sim.metrics,
      clock: sim.clock,
      target: { kind: "sim", scenario: sim.scenario.name },
      ...options.journal ? { journal: options.journal } : {},
      ...options.onProgress ? { onProgress: options.onProgress } : {},
      ...options.signal ? { signal: options.signal } : {}
    }), finalSplits = {};
    for (let vs of sim.store.list("networking.istio.io/v1", "VirtualService")) {
      let route = vs.spec?.http?.[0]?.route ?? [];
      finalSplits[`${vs.metadata.namespace}/${vs.metadata.name}`] = Object.fromEntries(
        route.map((r) => [r.destination.subset ?? r.destination.host, r.weight ?? 100])
      );
    }
    return { ...result, finalSplits, virtualMs: sim.clock.now() - start };
  } finally {
    await sim.close();
  }
}
export {
  builtinScenarios,
  createVirtualClock,
  rehearse,
  resolveScenario,
  scenarioSchema,
  startSimulator
};
