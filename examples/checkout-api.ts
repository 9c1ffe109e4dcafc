/**
 * The handles the checkout-api examples share: the two Deployments behind the service and the
 * Istio VirtualService that splits traffic between them. A plan library is ordinary TypeScript.
 */
import { deployment, istio } from "firebreak";

export const namespace = "prod";

/** The stable pool: the last build known good, kept running beside every release. */
export const stablePool = deployment({ namespace, name: "checkout-api-stable" });

/** The release pool: where new versions go out (and where the bad one is now). */
export const release = deployment({ namespace, name: "checkout-api" });

/** Subsets `stable` and `release`; a shift checks the receiving pool has the pods to take it. */
export const route = istio.virtualService({
  namespace,
  name: "checkout-api",
  backends: { stable: stablePool, release },
});
