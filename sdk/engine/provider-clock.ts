import type { Clock } from "../ports/clock.ts";
import type { MetricsPort } from "../ports/metrics.ts";
import { formatMs } from "../util/duration.ts";
import type { Journal } from "./journal.ts";

/** A skew this large is worth a line in the journal: it moves a 1m window by more than 1.5%. */
const NOTED_SKEW_MS = 1_000;

/**
 * The metrics port on the provider's clock. Gates ask "the last 1m" at the runner's time; a runner
 * N s behind Prometheus would let N s of traffic from before a shift into a window meant to hold
 * none, and one N s ahead asks about Prometheus's future, where no samples are yet. So the offset
 * is read once (the provider's `now`, against the midpoint of the round trip), before the first
 * query, and every time sent is moved onto the provider's clock; times in answers come back on the
 * runner's, as the journal keeps them. A failed reading is tried again at the next query.
 * @example const metrics = onProviderClock(createPrometheus({ url }), clock, journal);
 */
export function onProviderClock(metrics: MetricsPort, clock: Clock, journal: Journal): MetricsPort {
  const providerNow = metrics.now?.bind(metrics);
  if (!providerNow) return metrics;
  let offset: Promise<number> | undefined;
  const offsetMs = () =>
    (offset ??= (async () => {
      const sent = clock.now();
      const theirs = await providerNow();
      const ms = Math.round(theirs - (sent + clock.now()) / 2);
      if (Math.abs(ms) >= NOTED_SKEW_MS) {
        journal.emit({
          type: "note",
          text: `the metrics provider at ${metrics.url} is ${formatMs(Math.abs(ms))} ${ms > 0 ? "ahead of" : "behind"} this runner's clock: gate windows and the impact query are placed on its clock. Check NTP on the runner and on the provider.`,
        });
      }
      return ms;
    })().catch((err: unknown) => {
      offset = undefined;
      throw err;
    }));
  return {
    url: metrics.url,
    async query(promql, at) {
      if (at === undefined) return metrics.query(promql);
      const result = await metrics.query(promql, at + (await offsetMs()));
      return { ...result, at };
    },
    async queryRange(promql, startMs, endMs, stepSeconds) {
      const ms = await offsetMs();
      const result = await metrics.queryRange(promql, startMs + ms, endMs + ms, stepSeconds);
      return { ...result, series: result.series.map((s) => ({ ...s, points: s.points.map((p) => ({ ...p, at: p.at - ms })) })) };
    },
  };
}
