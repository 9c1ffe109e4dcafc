import { createRoute, type Route, type RouteOptions } from "./route.ts";
import { httpRouteRouter, type HttpRouteOptions } from "./routers/gateway-api.ts";
import { nginxCanaryRouter, type NginxCanaryOptions } from "./routers/ingress-nginx.ts";
import { istioVirtualServiceRouter, type IstioVirtualServiceOptions } from "./routers/istio.ts";
import { trafficSplitRouter, type TrafficSplitOptions } from "./routers/smi.ts";

/**
 * Istio.
 * @example
 * const vs = istio.virtualService({ namespace: "prod", name: "checkout-api",
 *   backends: { stable: stablePool, release } });
 * await vs.shift({ stable: 100, release: 0 });
 */
export const istio = {
  virtualService: (options: IstioVirtualServiceOptions & RouteOptions): Route => createRoute(istioVirtualServiceRouter(options), options),
};

/**
 * Gateway API (Linkerd, Envoy Gateway, Istio in gateway mode, …).
 * @example
 * const route = gatewayApi.httpRoute({ namespace: "prod", name: "checkout" });
 * await route.shift({ "checkout-v1": 100, "checkout-v2": 0 });
 */
export const gatewayApi = {
  httpRoute: (options: HttpRouteOptions & RouteOptions): Route => createRoute(httpRouteRouter(options), options),
};

/**
 * SMI TrafficSplit (the Linkerd SMI extension).
 * @example
 * const split = smi.trafficSplit({ namespace: "prod", name: "checkout" });
 */
export const smi = {
  trafficSplit: (options: TrafficSplitOptions & RouteOptions): Route => createRoute(trafficSplitRouter(options), options),
};

/**
 * ingress-nginx canary annotations.
 * @example
 * const canary = ingressNginx.canary({ namespace: "prod", canaryIngress: "checkout-canary" });
 * await canary.shift({ "checkout-canary": 0, checkout: 100 });
 */
export const ingressNginx = {
  canary: (options: NginxCanaryOptions & RouteOptions): Route => createRoute(nginxCanaryRouter(options), options),
};
