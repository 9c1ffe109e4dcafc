import { createRequire as __firebreakCreateRequire } from "node:module";
import { fileURLToPath as __firebreakFileURLToPath } from "node:url";
const require = __firebreakCreateRequire(import.meta.url);
const __filename = __firebreakFileURLToPath(import.meta.url);
const __dirname = __filename.slice(0, __filename.lastIndexOf("/"));
import {
  httpRouteRouter,
  istioVirtualServiceRouter,
  runPlan
} from "./chunk-WM7ILQCE.js";
import "./chunk-LHIKGDG2.js";
import "./chunk-N5PHDOQO.js";
import {
  ROUTE_API_VERSIONS,
  builtinScenarios,
  listAny,
  resolveScenario,
  scenarioSchema,
  startSimulator
} from "./chunk-5Y3KHQTN.js";
import {
  NGINX_CANARY_ANNOTATIONS,
  createVirtualClock,
  nginxCanaryRouter,
  trafficSplitRouter
} from "./chunk-M55X4LAB.js";
import "./chunk-ERRGEV6Z.js";
import "./chunk-JPVDFBQE.js";
import "./chunk-LFACZUZK.js";
import "./chunk-LQC54UHD.js";
import "./chunk-VTRGJADI.js";
import "./chunk-T7YNTYNB.js";
import "./chunk-IH6INKLK.js";
import "./chunk-SCQOY5VW.js";
import "./chunk-QZS5YSLN.js";
import "./chunk-H7NUWDF2.js";
import "./chunk-PT75GMAY.js";
import "./chunk-QIM3ZTPK.js";
import "./chunk-GACHYSYR.js";
import "./chunk-U3NCBEXJ.js";
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
      databases: sim.databases,
      clock: sim.clock,
      target: { kind: "sim", scenario: sim.scenario.name },
      explainMissing: sim.explainMissing,
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
  let at = (o) => ({ namespace: o.metadata.namespace ?? "", name: o.metadata.name }), each = (versions, kind, router) => listAny(store, versions, kind).map((object) => ({ object, router: router(object) }));
  return [
    ...each(ROUTE_API_VERSIONS.istio, "VirtualService", (o) => istioVirtualServiceRouter({ ...at(o), apiVersion: o.apiVersion })),
    ...each(ROUTE_API_VERSIONS.httproute, "HTTPRoute", (o) => httpRouteRouter(at(o))),
    ...each(ROUTE_API_VERSIONS.trafficsplit, "TrafficSplit", (o) => trafficSplitRouter({ ...at(o), apiVersion: o.apiVersion })),
    ...each(ROUTE_API_VERSIONS.ingress, "Ingress", (o) => nginxCanaryRouter({ namespace: at(o).namespace, canaryIngress: o.metadata.name })).filter(
      ({ object }) => object.metadata.annotations?.[NGINX_CANARY_ANNOTATIONS.canary] === "true"
    )
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
