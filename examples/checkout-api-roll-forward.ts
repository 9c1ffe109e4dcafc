/**
 * Roll forward is a first-class answer: isolate, ship the hotfix to the release pool with no
 * traffic on it, warm it up, and canary it back in.
 *
 *   firebreak run examples/checkout-api-roll-forward.ts --scenario schema-from-the-future --input image=registry.example.com/checkout-api:2.0.1
 */
import { canary, gates, plan, z } from "firebreak";
import { release, route } from "./checkout-api.ts";

export default plan(
  {
    name: "checkout-api-roll-forward",
    description: "Roll checkout-api forward to a hotfix image behind an isolated stable pool.",
    inputs: z.object({
      image: z
        .string()
        .regex(/^[\w.\-/:@]+$/, "must be an image reference like registry.example.com/checkout-api:2.0.1")
        .default("registry.example.com/checkout-api:2.0.1"),
    }),
  },
  async (run, { image }) => {
    await run.safeState(route, { stable: 100, release: 0 }, "all checkout traffic on the stable pool");
    await run.step("isolate: 100% to stable", () => route.shift({ stable: 100, release: 0 }));

    await run.step(`deploy ${image}`, async () => {
      await release.setImage(image);
      await release.waitForRollout({ timeout: "5m" });
    });

    await run.step("watch the new pods", () =>
      run.gate(
        "warm and steady",
        gates.all(
          gates.warmup({ workload: release, maxLatency: "300ms", consecutive: 5 }),
          gates.podsReady({ workload: release, for: "60s" }),
        ),
      ),
    );

    await canary(run, {
      route,
      stable: "stable",
      canary: "release",
      pause: "1m",
      gate: gates.all(
        gates.successRate({ route, destination: "release", min: 0.99, minRequests: 100 }),
        gates.latency({ route, destination: "release", quantile: 0.99, maxMs: 500, minRequests: 100 }),
      ),
    });
  },
);
