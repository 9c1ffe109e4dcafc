import type { RunStatus } from "../journal/events.ts";

/**
 * Exit codes a script (or a responder) can act on. 3 is the one never to miss: the plan failed
 * and could not put the safe state back.
 */
export const EXIT = {
  succeeded: 0,
  "failed-safe": 1,
  usage: 2,
  "failed-unsafe": 3,
  cancelled: 130,
  /** Firebreak itself failed (a bug): not the user's input, and a run may have changed the cluster. */
  bug: 4,
} as const;

export function exitCodeFor(status: RunStatus): number {
  return EXIT[status];
}
