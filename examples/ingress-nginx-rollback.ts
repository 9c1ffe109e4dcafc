/**
 * The deliberate rollback behind ingress-nginx: the primary Ingress sends shop.example.com to the
 * Service checkout-api (the stable pool), and the canary Ingress checkout-api-canary takes
 * `canary-weight` percent of it to the Service checkout-api-canary (the release). Isolating is
 * setting that weight to 0; letting users back is raising it.
 *
 *   firebreak run examples/ingress-nginx-rollback.ts --scenario nginx-cold-jvm --input revision=2
 */
import { canary, deployment, gates, ingressNginx, plan, z } from "firebreak";
import { revisionInput } from "./checkout-api.ts";

const namespace = "prod";
const stablePool = deployment({ namespace, name: "checkout-api-stable" });
/** The canary Deployment: the release behind the canary Ingress. */
const release = deployment({ namespace, name: "checkout-api" });

/** Destinations are the two Ingresses' backend Services. */
const route = ingressNginx.canary({
  namespace,
  canaryIngress: "checkout-api-canary",
  backends: { "checkout-api": stablePool, "checkout-api-canary": release },
});
const canaryOff = { "checkout-api": 100, "checkout-api-canary": 0 };

export default plan(
  {
    name: "ingress-nginx-rollback",
    description: "Roll the canary Deployment back behind ingress-nginx: canary-weight 0, roll back, warm up, canary back in.",
    inputs: z.object({
      revision: revisionInput("Deployment revision of checkout-api to roll back to"),
    }),
  },
  async (run, { revision }) => {
    await run.safeState(route, canaryOff, "canary-weight 0: every request on the primary Ingress's backend");
    await run.step("isolate: canary-weight 0", () => route.shift(canaryOff));

    await run.step(`roll back the canary Deployment to revision ${revision}`, async () => {
      await release.rollback({ toRevision: revision });
      await release.waitForRollout({ timeout: "5m" });
    });
    await run.gate("warm", gates.warmup({ workload: release, maxLatency: "300ms", consecutive: 5, timeout: "5m" }));

    // ingress-nginx labels canary-served requests with the canary upstream: the gate counts only those
    await canary(run, {
      route,
      stable: "checkout-api",
      canary: "checkout-api-canary",
      pause: "1m",
      gate: gates.successRate({ route, destination: "checkout-api-canary", min: 0.99, minRequests: 100 }),
    });
  },
);
