/**
 * The deliberate rollback on Linkerd, where traffic is split by a Gateway API HTTPRoute attached to
 * the Service callers address (Linkerd's mesh mode): each version is a backend Service, and
 * Linkerd's proxies report each backend's requests on its Deployment, named like it.
 *
 *   firebreak run examples/linkerd-httproute-rollback.ts --scenario linkerd-cold-jvm --input revision=2
 */
import { canary, deployment, gatewayApi, gates, plan, z } from "firebreak";
import { revisionInput } from "./checkout-api.ts";

const namespace = "prod";
const stablePool = deployment({ namespace, name: "checkout-api-stable" });
const release = deployment({ namespace, name: "checkout-api-release" });

/** Backends are Services; declaring the Deployment behind each lets a shift check capacity first. */
const route = gatewayApi.httpRoute({
  namespace,
  name: "checkout-api",
  backends: { "checkout-api-stable": stablePool, "checkout-api-release": release },
});
const onStable = { "checkout-api-stable": 100, "checkout-api-release": 0 };

export default plan(
  {
    name: "linkerd-httproute-rollback",
    description: "Roll checkout-api back behind a Linkerd HTTPRoute: isolate, roll back, warm up, canary back in.",
    inputs: z.object({
      revision: revisionInput("Deployment revision of checkout-api-release to roll back to"),
    }),
  },
  async (run, { revision }) => {
    await run.safeState(route, onStable, "every request on the stable backend");
    await run.step("isolate: 100% to checkout-api-stable", () => route.shift(onStable));

    await run.step(`roll back checkout-api-release to revision ${revision}`, async () => {
      await release.rollback({ toRevision: revision });
      await release.waitForRollout({ timeout: "5m" });
    });
    await run.gate("warm", gates.warmup({ workload: release, maxLatency: "300ms", consecutive: 5, timeout: "5m" }));

    // judged on the backend's own requests, as Linkerd's proxies counted them
    await canary(run, {
      route,
      stable: "checkout-api-stable",
      canary: "checkout-api-release",
      pause: "1m",
      gate: gates.successRate({ route, destination: "checkout-api-release", min: 0.99, minRequests: 100 }),
    });
  },
);
