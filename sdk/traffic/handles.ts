import { checkNames } from "../plan/check-option.ts";
import { createRoute, type Route, type RouteOptions } from "./route.ts";
import type { TrafficRouter } from "./router.ts";
import { httpRouteRouter, type HttpRouteOptions } from "./routers/gateway-api.ts";
import { nginxCanaryRouter, type NginxCanaryOptions } from "./routers/ingress-nginx.ts";
import { istioVirtualServiceRouter, type IstioVirtualServiceOptions } from "./routers/istio.ts";
import { trafficSplitRouter, type TrafficSplitOptions } from "./routers/smi.ts";

/** What every route handle takes besides its router's options. */
const ROUTE_OPTIONS: (keyof RouteOptions)[] = ["backends", "fullFleet"];

/**
 * A handle maker that refuses options missing a name it needs, or that it does not take, when the
 * handle is made: without the check a route would be labelled "Ingress shop/undefined" and fail
 * only when first read, and a misspelt `backend` would leave its capacity unchecked.
 */
function handle<O extends RouteOptions>(call: string, required: (keyof O & string)[], optional: (keyof O & string)[], router: (options: O) => TrafficRouter) {
  return (options: O): Route => {
    checkNames(call, options, required, [...optional, ...ROUTE_OPTIONS]);
    return createRoute(router(options), options);
  };
}

/**
 * Istio.
 * @example
 * const vs = istio.virtualService({ namespace: "prod", name: "checkout-api",
 *   backends: { stable: stablePool, release } });
 * await vs.shift({ stable: 100, release: 0 });
 */
export const istio = {
  virtualService: handle<IstioVirtualServiceOptions & RouteOptions>("istio.virtualService", ["namespace", "name"], ["context", "httpRoute", "apiVersion", "rootNamespace"], istioVirtualServiceRouter),
};

/**
 * Gateway API (Linkerd, Envoy Gateway, Istio in gateway mode, …).
 * @example
 * const route = gatewayApi.httpRoute({ namespace: "prod", name: "checkout" });
 * await route.shift({ "checkout-v1": 100, "checkout-v2": 0 });
 */
export const gatewayApi = {
  httpRoute: handle<HttpRouteOptions & RouteOptions>("gatewayApi.httpRoute", ["namespace", "name"], ["context", "rule", "metrics"], httpRouteRouter),
};

/**
 * SMI TrafficSplit (the Linkerd SMI extension).
 * @example
 * const split = smi.trafficSplit({ namespace: "prod", name: "checkout" });
 */
export const smi = {
  trafficSplit: handle<TrafficSplitOptions & RouteOptions>("smi.trafficSplit", ["namespace", "name"], ["context", "apiVersion"], trafficSplitRouter),
};

/**
 * ingress-nginx canary annotations.
 * @example
 * const canary = ingressNginx.canary({ namespace: "prod", canaryIngress: "checkout-canary" });
 * await canary.shift({ "checkout-canary": 0, checkout: 100 });
 */
export const ingressNginx = {
  canary: handle<NginxCanaryOptions & RouteOptions>("ingressNginx.canary", ["namespace", "canaryIngress"], ["stableIngress", "context"], nginxCanaryRouter),
};
