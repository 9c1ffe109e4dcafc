import { createRequire as __firebreakCreateRequire } from "node:module";
import { fileURLToPath as __firebreakFileURLToPath } from "node:url";
const require = __firebreakCreateRequire(import.meta.url);
const __filename = __firebreakFileURLToPath(import.meta.url);
const __dirname = __filename.slice(0, __filename.lastIndexOf("/"));
import {
  httpRouteRouter,
  istioVirtualServiceRouter,
  runPlan
} from "./chunk-SEXDSAKN.js";
import "./chunk-KMBNXFI7.js";
import "./chunk-SJETCTHF.js";
import {
  ROUTE_API_VERSIONS,
  builtinScenarios,
  listAny,
  resolveScenario,
  scenarioSchema,
  startSimulator
} from "./chunk-QTDCW62N.js";
import {
  NGINX_CANARY_ANNOTATIONS,
  createVirtualClock,
  nginxCanaryRouter,
  trafficSplitRouter
} from "./chunk-2BA7XB7Q.js";
import "./chunk-4WLNFUSH.js";
import "./chunk-OYFAQVQC.js";
import "./chunk-ICJVKSK5.js";
import "./chunk-7MWAMBLI.js";
import "./chunk-D3JY6XMV.js";
import "./chunk-VXVKXMWV.js";
import "./chunk-KA37ZHZ6.js";
import "./chunk-QZS5YSLN.js";
import "./chunk-ZDGXG3M3.js";
import "./chunk-ZT6CORZH.js";
import "./chunk-6RCF7MMO.js";
import "./chunk-O5XZOHUO.js";
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
