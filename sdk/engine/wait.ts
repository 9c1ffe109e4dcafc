import { refString, type ObjectRef } from "../ports/kube.ts";
import { formatMs } from "../util/duration.ts";
import type { EngineContext } from "./context.ts";
import { journalRef } from "./journal.ts";

export interface Poll {
  done: boolean;
  /** Stop waiting: it will not get better by itself (e.g. CrashLoopBackOff). */
  failed?: boolean;
  message: string;
}

export interface WaitOutcome {
  outcome: "done" | "skipped" | "timeout" | "failed";
  message: string;
  waitedMs: number;
}

/**
 * How often a wait whose status does not change says it is still waiting. Each change is said at
 * once; a poll every 2 s that said each unchanged one would be 300 identical lines in 10 minutes.
 */
export const WAIT_HEARTBEAT_MS = 30_000;

/**
 * Polls `check` on the run's clock until it is done, failed, or `timeoutMs` passes, journaling the
 * wait. Preview does not wait: it records what it would have waited for.
 */
export async function waitFor(
  ctx: EngineContext,
  what: string,
  object: ObjectRef,
  check: () => Promise<Poll>,
  options: { timeoutMs: number; intervalMs: number },
): Promise<WaitOutcome> {
  const ref = journalRef(object);
  const start = ctx.clock.now();
  if (ctx.mode === "preview") {
    ctx.journal.emit({ type: "wait", object: ref, what, durationMs: 0, outcome: "skipped" });
    return { outcome: "skipped", message: `would wait for ${what}`, waitedMs: 0 };
  }
  let last: Poll = { done: false, message: "not checked yet" };
  let reported: { message: string; waited: number } | undefined;
  for (;;) {
    last = await check();
    const waited = ctx.clock.now() - start;
    if (last.done || last.failed || waited >= options.timeoutMs) {
      const outcome = last.done ? "done" : last.failed ? "failed" : "timeout";
      ctx.journal.emit({ type: "wait", object: ref, what: `${what}: ${last.message}`, durationMs: waited, outcome });
      return { outcome, message: last.message, waitedMs: waited };
    }
    if (last.message !== reported?.message || waited - reported.waited >= WAIT_HEARTBEAT_MS) {
      ctx.progress(`waiting for ${what} of ${refString(ref)}: ${last.message}${waited > 0 ? ` (${formatMs(waited)} so far)` : ""}`);
      reported = { message: last.message, waited };
    }
    await ctx.clock.sleep(Math.min(options.intervalMs, options.timeoutMs - waited), ctx.signal);
  }
}
