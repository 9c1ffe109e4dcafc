/**
 * What a panicked `helm rollback checkout-api 2 --wait` does, written as a plan so it can be
 * rehearsed beside the deliberate one: roll the Helm release back in place while users are on it
 * (the real helm binary does it), wait for readiness, and put the chart's traffic split back. It
 * never checks warmth or real traffic, so it ends "succeeded" either way: compare the user impact
 * the two runs report.
 *
 *   firebreak run examples/naive-helm-rollback.ts --scenario schema-from-the-future
 *
 * It needs helm (3.14+ or 4) on PATH, or its path in FIREBREAK_HELM.
 */
import { helm, plan, z } from "firebreak";
import { namespace, release, revisionInput, route } from "./checkout-api.ts";

/** The release pool as Helm knows it: every release went out with `helm upgrade checkout-api`. */
const helmRelease = helm.release({ namespace, name: "checkout-api" });

export default plan(
  {
    name: "naive-helm-rollback",
    description: "helm rollback --wait, then traffic back as the chart has it (for comparison only).",
    inputs: z.object({ revision: revisionInput("Helm revision of checkout-api to roll back to", "helm history checkout-api") }),
  },
  async (run, { revision }) => {
    await run.step(`helm rollback to revision ${revision} --wait`, async () => {
      await helmRelease.rollback({ toRevision: revision });
      await release.waitForRollout({ timeout: "5m" }); // --wait: readiness, nothing more
    });
    await run.step("restore the chart's traffic split", () => route.shift({ stable: 10, release: 90 }, { capacity: "skip" }));
    // Helm is done here; the pager is not. Watch what users get for the next five minutes.
    await run.pause("5m", "helm reports success; users keep hitting the release");
  },
);
