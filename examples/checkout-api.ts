/**
 * What the checkout-api plans share: the two Deployments behind the service, the Istio
 * VirtualService that splits traffic between them, and the steps every way back to health ends
 * with. A plan library is ordinary TypeScript.
 */
import { canary, deployment, gates, istio, z, type CanaryResult, type Run } from "firebreak";

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

/**
 * Stops the bleeding: every user to the stable pool (scaled up first if it is too small to take
 * them), declared as the run's safe state. Returns the step that gives the stable pool back its
 * size once it carries nothing again.
 */
export async function isolate(run: Run): Promise<() => Promise<void>> {
  // its size as it was before anything moved, to put it back later
  const stableReplicas: number = (await stablePool.get()).spec.replicas;
  await run.safeState(route, { stable: 100, release: 0 }, "all checkout traffic on the stable pool");
  await run.step("isolate: 100% to stable", () => route.shift({ stable: 100, release: 0 }));
  return () => run.step("return the stable pool to its size", () => stablePool.scale(stableReplicas));
}

/**
 * Ready is not warm: probe the release pool's new pods until they answer fast and stay up, then
 * let users back in by stages, judged on their own requests (success rate and p99 latency).
 */
export async function warmUpAndPromote(run: Run, onFailure: "fail" | "return" = "fail"): Promise<CanaryResult> {
  await run.step("watch the new pods", () =>
    run.gate(
      "warm and steady",
      gates.all(
        gates.warmup({ workload: release, maxLatency: "300ms", consecutive: 5, timeout: "5m" }),
        gates.podsReady({ workload: release, for: "60s" }),
      ),
    ),
  );
  return canary(run, {
    route,
    stable: "stable",
    canary: "release",
    stages: [1, 10, 50, 100],
    pause: "1m",
    gate: gates.all(
      gates.successRate({ route, destination: "release", min: 0.99, minRequests: 100 }),
      gates.latency({ route, destination: "release", quantile: 0.99, maxMs: 500, minRequests: 100 }),
    ),
    onFailure,
  });
}

/** Ships an image to the release pool while it carries no traffic, then warms it up and promotes it. */
export async function rollForward(run: Run, image: string): Promise<CanaryResult> {
  await run.step(`deploy ${image}`, async () => {
    await release.setImage(image);
    await release.waitForRollout({ timeout: "5m" });
  });
  return warmUpAndPromote(run);
}

/** A container image reference, as the inputs of these plans accept it. */
export const IMAGE = /^[\w.\-/:@]+$/;

/**
 * A revision number as the plans take it (`--input revision=2`), with messages a responder can act
 * on; `listedBy` is the command that lists them (a Helm release's: `helm history checkout-api`).
 */
export const revisionNumber = (listedBy = "kubectl rollout history") =>
  z.coerce
    .number({ error: `must be a revision number, e.g. 2 (${listedBy} lists them)` })
    .int("must be a whole revision number, e.g. 2")
    .positive("must be 1 or more: revisions start at 1");

/** The revision to roll back to, 2 unless given. */
export const revisionInput = (description: string, listedBy?: string) => revisionNumber(listedBy).default(2).describe(description);
