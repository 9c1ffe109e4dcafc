import { createRequire as __firebreakCreateRequire } from "node:module";
import { fileURLToPath as __firebreakFileURLToPath } from "node:url";
const require = __firebreakCreateRequire(import.meta.url);
const __filename = __firebreakFileURLToPath(import.meta.url);
const __dirname = __filename.slice(0, __filename.lastIndexOf("/"));
import {
  httpRouteRouter,
  istioVirtualServiceRouter,
  nginxCanaryRouter,
  runPlan
} from "./chunk-Z6I4M5VQ.js";
import "./chunk-HSCLIL2T.js";
import {
  builtinScenarios,
  resolveScenario,
  scenarioSchema,
  startSimulator
} from "./chunk-WWTWXJMP.js";
import {
  createVirtualClock,
  trafficSplitRouter
} from "./chunk-MWYNIDIV.js";
import "./chunk-LK36KTZC.js";
import "./chunk-X3GMW2EA.js";
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
    }), finalSplits = await readSplits(sim.store, sim.kube);
    return { ...result, finalSplits, virtualMs: sim.clock.now() - start };
  } finally {
    await sim.close();
  }
}
function routesIn(store) {
  let at = (o) => ({ namespace: o.metadata.namespace ?? "", name: o.metadata.name });
  return [
    ...["networking.istio.io/v1", "networking.istio.io/v1beta1"].flatMap((v) => store.list(v, "VirtualService").map((o) => ({ object: o, router: istioVirtualServiceRouter({ ...at(o), apiVersion: v }) }))),
    ...store.list("gateway.networking.k8s.io/v1", "HTTPRoute").map((o) => ({ object: o, router: httpRouteRouter(at(o)) })),
    ...["split.smi-spec.io/v1alpha2", "split.smi-spec.io/v1alpha1"].flatMap(
      (v) => store.list(v, "TrafficSplit").map((o) => ({ object: o, router: trafficSplitRouter({ ...at(o), apiVersion: v }) }))
    ),
    ...store.list("networking.k8s.io/v1", "Ingress").filter((o) => o.metadata.annotations?.["nginx.ingress.kubernetes.io/canary"] === "true").map((o) => ({ object: o, router: nginxCanaryRouter({ namespace: at(o).namespace, canaryIngress: o.metadata.name }) }))
  ];
}
async function readSplits(store, kube) {
  let out = {};
  for (let { object, router } of routesIn(store)) {
    let split;
    try {
      split = (await router.inspect(object, kube)).split;
    } catch {
      continue;
    }
    let key = `${object.metadata.namespace}/${object.metadata.name}`;
    out[key in out ? `${object.kind} ${key}` : key] = split;
  }
  return out;
}
export {
  builtinScenarios,
  createVirtualClock,
  rehearse,
  resolveScenario,
  scenarioSchema,
  startSimulator
};
