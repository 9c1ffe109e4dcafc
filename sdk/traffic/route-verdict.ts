import { RouteRejectedError, RouteStatusTimeoutError } from "../errors.ts";
import type { EngineContext } from "../engine/context.ts";
import { readRequired } from "../engine/writes.ts";
import type { KubeObject } from "../ports/kube.ts";
import type { TrafficRouter } from "./router.ts";

const POLL_MS = 1_000;
/** A gateway controller reports within seconds; one that has not after this is stuck or gone. */
export const VERDICT_TIMEOUT_MS = 30_000;

/**
 * Waits for the controller behind a route to report on the write that left it `written` (see
 * TrafficRouter.pendingVerdict): the API server storing the weights is not the gateway routing by them.
 * `before`: the route as inspected before the write. `restoring`: the write restores the safe
 * state, which a refusal must not stop (the route may hold the reference it refuses since before
 * the run): it is noted instead.
 */
export async function awaitVerdict(ctx: EngineContext, router: TrafficRouter, before: KubeObject, written: KubeObject, restoring: boolean): Promise<void> {
  try {
    await untilReported(ctx, router, before, written);
  } catch (err) {
    if (!(restoring && err instanceof RouteRejectedError)) throw err;
    ctx.journal.emit({ type: "note", text: err.message });
  }
}

async function untilReported(ctx: EngineContext, router: TrafficRouter, before: KubeObject, written: KubeObject): Promise<void> {
  if (!router.pendingVerdict) return;
  const start = ctx.clock.now();
  let now = written;
  for (;;) {
    const pending = router.pendingVerdict(before, now);
    if (pending === undefined) return;
    const waited = ctx.clock.now() - start;
    if (waited >= VERDICT_TIMEOUT_MS) throw new RouteStatusTimeoutError(router.label, waited, pending);
    ctx.progress(`waiting for the status of ${router.label}`);
    await ctx.clock.sleep(POLL_MS, ctx.signal);
    now = await readRequired(ctx, router.ref);
  }
}
