import { InvalidPlanError } from "../../errors.ts";
import { ingressNginxIndicators } from "./ingress-nginx.ts";
import { istioIndicators } from "./istio.ts";
import { linkerdIndicators } from "./linkerd.ts";
import type { MeshIndicators } from "./types.ts";

/**
 * By a router's `metrics` (whose metrics describe its traffic): SMI TrafficSplits and, by default,
 * Gateway API HTTPRoutes use Linkerd's.
 */
const byMesh: Record<string, MeshIndicators> = {
  istio: istioIndicators,
  linkerd: linkerdIndicators,
  "ingress-nginx": ingressNginxIndicators,
};

/**
 * The built-in indicator queries of a mesh (by router type).
 * @example indicatorsFor("linkerd").errors({ namespace: "prod", service: "checkout-api", version: "checkout-api-v2" }, "1m")
 */
export function indicatorsFor(mesh: string): MeshIndicators {
  const found = byMesh[mesh];
  if (!found) {
    throw new InvalidPlanError(
      `There are no built-in metrics for '${mesh}'; built-in ones exist for: ${Object.keys(byMesh).join(", ")}. Use gates.query({ promql, ... }) instead.`,
    );
  }
  return found;
}

export type { MeshIndicators, Scope } from "./types.ts";
