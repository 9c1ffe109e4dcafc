import { createRoute, type Route, type RouteOptions } from "./route.ts";
import { istioVirtualServiceRouter, type IstioVirtualServiceOptions } from "./routers/istio.ts";

/**
 * Istio handles.
 * @example
 * const vs = istio.virtualService({ namespace: "prod", name: "checkout-api",
 *   backends: { stable: stablePool, release } });
 */
export const istio = {
  virtualService(options: IstioVirtualServiceOptions & RouteOptions): Route {
    return createRoute(istioVirtualServiceRouter(options), options);
  },
};
