import { refString } from "../ports/kube.ts";
import { sameSplit } from "../traffic/split.ts";
import type { JournalEvent } from "./events.ts";

/**
 * When the run last changed where users' requests go: its last `traffic` event whose split differs
 * from the one journaled before it for that route (a shift, a step's rewrite of the route, a drift
 * found), or undefined when no route moved. The split as first read is where traffic started, and
 * one repeated (a shift to where the route already was, a route read again at the end) moves nobody.
 * @example
 * lastTrafficChange(result.events); // 1795489206000: the isolating shift
 */
export function lastTrafficChange(events: readonly JournalEvent[]): number | undefined {
  const splits = new Map<string, Record<string, number>>();
  let last: number | undefined;
  for (const e of events) {
    if (e.type !== "traffic") continue;
    const before = splits.get(refString(e.route));
    if (!e.initial && (!before || !sameSplit(before, e.split))) last = e.at;
    splits.set(refString(e.route), e.split);
  }
  return last;
}
