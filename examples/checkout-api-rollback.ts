/**
 * The playbook from our field's hard lessons, as code: stop the bleeding at the traffic layer,
 * then act deliberately, and trust nothing green that has not been measured.
 *
 *   firebreak run examples/checkout-api-rollback.ts --scenario cold-jvm --input revision=2
 */
import { canary, gates, plan, z } from "firebreak";
import { release, route, stablePool } from "./checkout-api.ts";

export default plan(
  {
    name: "checkout-api-rollback",
    description: "Deliberate rollback of checkout-api in prod: isolate, roll back, warm up, canary back in.",
    inputs: z.object({
      revision: z.coerce.number().int().positive().default(2).describe("Deployment revision of checkout-api to roll back to"),
      reason: z.string().min(3).default("release 2.0.0 fails requests").describe("Why, for the timeline"),
    }),
  },
  async (run, { revision, reason }) => {
    run.note(`Rolling checkout-api back to revision ${revision}: ${reason}`);
    // Sizes as they were before anything moved, to put them back later.
    const replicas: number = (await release.get()).spec.replicas;
    const stableReplicas: number = (await stablePool.get()).spec.replicas;
    await run.safeState(route, { stable: 100, release: 0 }, "all checkout traffic on the stable pool");

    // 0. Stop the bleeding: every user to the stable pool, scaled up first if it is too small.
    await run.step("isolate: 100% to stable", () => route.shift({ stable: 100, release: 0 }));

    // 1. Take the broken release out, then roll it back with no traffic on it.
    await run.step("scale the broken release to 0", async () => {
      await release.scale(0);
      await release.waitForRollout({ timeout: "2m" });
    });
    await run.step(`roll back to revision ${revision}`, async () => {
      await release.rollback({ toRevision: revision });
      await release.scale(replicas);
      await release.waitForRollout({ timeout: "5m" });
    });

    // 2. Ready is not warm: probe the new pods ourselves, and want them steady.
    await run.step("watch the rolled-back pods", () =>
      run.gate(
        "warm and steady",
        gates.all(
          gates.warmup({ workload: release, maxLatency: "300ms", consecutive: 5, timeout: "5m" }),
          gates.podsReady({ workload: release, for: "60s" }),
        ),
      ),
    );

    // 3. Let users back in by stages, judged on their own requests.
    const result = await canary(run, {
      route,
      stable: "stable",
      canary: "release",
      stages: [1, 10, 50, 100],
      pause: "1m",
      gate: gates.successRate({ route, destination: "release", min: 0.99, minRequests: 100 }),
      onFailure: "return",
    });
    if (!result.promoted) {
      run.recommend(
        `Roll forward instead: revision ${revision} fails on real traffic (${result.verdict.reason}) even though its pods are ready and warm — ` +
          "the data it runs against has likely moved on (a schema migration a rollback does not rewind). Ship a fix with examples/checkout-api-roll-forward.ts.",
        `canary ${result.stage}% ${result.verdict.phase}`,
      );
      throw new Error(`the rolled-back release did not hold up at ${result.stage}%: ${result.verdict.reason}`);
    }

    // 4. The stable pool grew to take everyone; give its pods back now that it carries nothing.
    await run.step("return the stable pool to its size", () => stablePool.scale(stableReplicas));
  },
);
