/**
 * The deliberate rollback of a Helm release: the same incident as the naive `helm rollback`, done
 * the way the field has learned to. Isolate first, then let helm roll the release back while it
 * carries no users, probe the new pods until they are warm, and let users back in by stages.
 *
 *   firebreak run examples/helm-release-rollback.ts --scenario cold-jvm
 *
 * It rolls back to the last revision Helm recorded as good, or to --input revision=N. It needs
 * helm (3.14+ or 4) on PATH, or its path in FIREBREAK_HELM.
 */
import { helm, plan, z } from "firebreak";
import { isolate, namespace, release, revisionNumber, warmUpAndPromote } from "./checkout-api.ts";

/** The release pool as Helm knows it: every release went out with `helm upgrade checkout-api`. */
const helmRelease = helm.release({ namespace, name: "checkout-api" });

export default plan(
  {
    name: "helm-release-rollback",
    description: "Deliberate helm rollback of checkout-api in prod: isolate, helm rollback, warm up, canary back in.",
    inputs: z.object({
      revision: revisionNumber("helm history checkout-api")
        .optional()
        .describe("Helm revision to roll back to (default: the last one Helm recorded as deployed or superseded)"),
    }),
  },
  async (run, { revision }) => {
    const tidyUp = await isolate(run);

    const target = revision ?? (await helmRelease.lastGood())?.revision;
    // Scale nothing to 0 first: the release carries no users now, and with Helm 4 a scale would
    // make this run own spec.replicas, which the chart also sets; helm would refuse the rollback.
    await run.step(`helm rollback to revision ${target ?? "(none recorded as good)"}`, async () => {
      await helmRelease.rollback(revision ? { toRevision: revision } : {});
      await release.waitForRollout({ timeout: "5m" });
    });

    const result = await warmUpAndPromote(run, "return");
    // only measured failure is evidence for rolling forward: an error (Prometheus unreachable) or no data is not
    if (!result.promoted && result.verdict.phase === "failed") {
      run.recommend(
        `Roll forward with helm upgrade instead: revision ${target} fails on real traffic (${result.verdict.reason}) though its pods are ready and warm; ` +
          "the data it runs against has likely moved on (a schema migration a rollback does not rewind).",
        `canary ${result.stage}% ${result.verdict.phase}`,
      );
    }
    if (!result.promoted) throw new Error(`helm revision ${target} did not hold up at ${result.stage}%: ${result.verdict.reason}`);
    await tidyUp();
  },
);
