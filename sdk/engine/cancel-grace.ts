import { CancelledError } from "../errors.ts";
import { formatMs } from "../util/duration.ts";

/** How long a cancelled program is given to stop before the safe state is restored without it. */
export const CANCEL_GRACE_MS = 10_000;

/**
 * Rejects with a CancelledError `graceMs` (real time) after `signal` aborts, until disposed: what
 * the runner races the plan's program with, so that a step awaiting something deaf to run.signal
 * (a hand-written poll, a fetch without the signal) cannot hold the restore of the safe state. A
 * step that heeds the signal stops well within it. Writes already on the wire are awaited all the
 * same, and the program's later calls are refused (it is over).
 */
export function afterCancelGrace(signal: AbortSignal | undefined, graceMs: number): { stopped: Promise<never>; dispose(): void } {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let onAbort: (() => void) | undefined;
  const stopped = new Promise<never>((_, reject) => {
    onAbort = () => {
      const why = `the plan's program did not stop within ${formatMs(graceMs)} of the cancel (a step awaits something deaf to run.signal): the safe state is restored without it`;
      timer = setTimeout(() => reject(new CancelledError(why)), graceMs);
      timer.unref?.();
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });
  stopped.catch(() => {}); // only ever raced: its rejection is read there, or not at all
  return {
    stopped,
    dispose() {
      clearTimeout(timer);
      if (onAbort) signal?.removeEventListener("abort", onAbort);
    },
  };
}
