/**
 * The playbook from our field's hard lessons, as code: stop the bleeding at the traffic layer,
 * then act deliberately, and trust nothing green that has not been measured.
 *
 *   firebreak run examples/checkout-api-rollback.ts --scenario cold-jvm --input revision=2
 *
 * Give it a hotfix (--input hotfix=registry.example.com/checkout-api:2.0.1) and it first checks
 * that the database still fits the rollback target; when the schema has moved past it, it rolls
 * forward to the hotfix instead. Without one, the 1% canary stage is what catches a rollback the
 * data has outgrown, and the plan stops there with everyone on the stable pool.
 */
import { gates, plan, z } from "firebreak";
import { IMAGE, isolate, release, revisionInput, rollForward, stablePool, warmUpAndPromote } from "./checkout-api.ts";

export default plan(
  {
    name: "checkout-api-rollback",
    description: "Deliberate rollback of checkout-api in prod: isolate, roll back, warm up, canary back in.",
    inputs: z.object({
      revision: revisionInput("Deployment revision of checkout-api to roll back to"),
      reason: z.string().min(3).default("release 2.0.0 fails requests").describe("Why, for the timeline"),
      hotfix: z.string().regex(IMAGE, "must be an image reference like registry.example.com/checkout-api:2.0.1").optional().describe("An image to roll forward to if the data has moved past the rollback target"),
    }),
  },
  async (run, { revision, reason, hotfix }) => {
    run.note(`Rolling checkout-api back to revision ${revision}: ${reason}`);
    // The release's size before anything moved, to put it back later. It is at 0 when a run before
    // this one stopped after taking it out: then it gets the stable pool's size.
    const replicas: number = (await release.get()).spec.replicas || (await stablePool.get()).spec.replicas;

    // 0. Stop the bleeding: every user to the stable pool, scaled up first if it is too small.
    const tidyUp = await isolate(run);
    // A mistyped revision stops the plan here, with the revisions there are, before anything else moves.
    const target = await release.revision(revision);
    run.note(`revision ${revision} runs ${target.images.join(", ")}`);

    // 1. A rollback rewinds the pods, not the database: with somewhere else to go, look first.
    if (hotfix) {
      const data = await run.check(
        `the database still fits revision ${revision}`,
        gates.schema({ database: { urlEnv: "CHECKOUT_DATABASE_URL" }, tool: "flyway", expect: { fromWorkload: release, revision } }),
      );
      if (data.phase === "failed") {
        run.recommend(`Roll forward: ${data.reason}`, "the schema gate read the migration history");
        run.note(`rolling forward to ${hotfix} instead of back to revision ${revision}`);
        await rollForward(run, hotfix);
        await tidyUp();
        return;
      }
      if (data.phase !== "passed") run.note(`the data state is unknown (${data.reason}); the canary stages will judge the rollback`);
    }

    // 2. Take the broken release out, then roll it back with no traffic on it.
    await run.step("scale the broken release to 0", async () => {
      await release.scale(0);
      await release.waitForRollout({ timeout: "2m" });
    });
    await run.step(`roll back to revision ${revision}`, async () => {
      await release.rollback({ toRevision: revision });
      await release.scale(replicas);
      await release.waitForRollout({ timeout: "5m" });
    });

    // 3. Warm up, then let users back in by stages, judged on their own requests.
    const result = await warmUpAndPromote(run, "return");
    // only measured failure is evidence for rolling forward: an error (Prometheus unreachable) or no data is not
    if (!result.promoted && result.verdict.phase === "failed") {
      run.recommend(
        `Roll forward instead: revision ${revision} fails on real traffic (${result.verdict.reason}) even though its pods are ready and warm — ` +
          "the data it runs against has likely moved on (a schema migration a rollback does not rewind). Ship a fix with examples/checkout-api-roll-forward.ts.",
        `canary ${result.stage}% ${result.verdict.phase}`,
      );
    }
    if (!result.promoted) throw new Error(`the rolled-back release did not hold up at ${result.stage}%: ${result.verdict.reason}`);

    // 4. The stable pool grew to take everyone; give its pods back now that it carries nothing.
    await tidyUp();
  },
);
