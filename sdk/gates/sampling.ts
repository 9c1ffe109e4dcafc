/**
 * How often Prometheus holds a sample of the series a query reads: the scrape interval, as the
 * data shows it. rate() and increase() need two samples in their range, so a range shorter than
 * two of these intervals reads as no data whatever the traffic. Learned from the series
 * themselves rather than from /api/v1/targets or /api/v1/status/config: Mimir serves neither, and
 * neither knows remote-written or backfilled series, nor which target a metric came from.
 */
import { MetricsQueryError, MetricsUnavailableError } from "../errors.ts";
import type { MetricsPort } from "../ports/metrics.ts";
import { formatMs, promRangeMs } from "../util/duration.ts";
import type { MeshIndicators, Scope } from "./indicators/index.ts";
import { read } from "./measure.ts";

/** How far back samples are looked for: two of them even at slow intervals (Prometheus's default is 1m). */
const LOOKBACK_MS = 10 * 60_000;
/**
 * Each step of the range query counts the samples in the 999 ms before it, so every sample falls
 * in exactly one step: Prometheus 2.x ranges include their left edge, and a [1s] range would count
 * a sample on a whole second twice.
 */
const STEP_S = 1;
const SLOT = "999ms";
/** Scrape intervals people configure; a spacing within a step of one of them is read as it. */
const USUAL_INTERVALS_MS = [1, 2, 5, 10, 15, 20, 30, 60, 120, 300].map((s) => s * 1000);

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/**
 * The interval between samples of the densest series `samples(range)` counts, over the ten minutes
 * before `at`; null when no series has two samples there. Read from when the samples are, to the
 * second (a range query of their counts per second), not from how many a range holds: four samples
 * in a minute are 15 s or 20 s apart, and a series younger than the range holds fewer than its
 * interval gives. A series' spacing is the median gap between its samples, so a missed scrape
 * does not count; one within a second of a usual interval is read as it (15 s, not 14 s).
 * @param samples per-series `count_over_time` of the series, over the range it is given
 * @example await sampleSpacingMs(metrics, (range) => ind.userSamples(scope, range), to) // 15000
 */
export async function sampleSpacingMs(metrics: MetricsPort, samples: (range: string) => string, at: number): Promise<number | null> {
  const { series } = await metrics.queryRange(samples(SLOT), at - LOOKBACK_MS, at, STEP_S);
  const spacings = series
    .map((s) => s.points.map((p) => p.at))
    .filter((times) => times.length >= 2)
    .map((times) => median(times.slice(1).map((t, i) => t - times[i]!)));
  if (!spacings.length) return null;
  const densest = Math.min(...spacings);
  const usual = USUAL_INTERVALS_MS.find((ms) => Math.abs(ms - densest) <= STEP_S * 1000);
  return usual ?? densest;
}

/**
 * Why `window` is too short for a scope's request series, or null when it is not (or the data
 * cannot tell): shorter than two scrape intervals, it holds at most one sample of each series.
 * Both are asked of the data, so neither a series too new to have two samples yet nor one that
 * stopped (its pods gone) is taken for a sparse one.
 * @example await windowTooShort(metrics, ind, scope, "1m", now) // "1m is shorter than two scrape intervals of its series (…)"
 */
export async function windowTooShort(metrics: MetricsPort, ind: MeshIndicators, scope: Scope, window: string, at: number): Promise<string | null> {
  const windowMs = promRangeMs(window)!;
  let spacingMs: number | null;
  let inWindow: number | null;
  try {
    [spacingMs, { value: inWindow }] = await Promise.all([
      sampleSpacingMs(metrics, (range) => ind.requestSamples(scope, range), at),
      read(metrics, `max(${ind.requestSamples(scope, window)})`, at),
    ]);
  } catch (err) {
    // a hint, not a measurement: where the provider cannot say, the gate's own reading speaks
    if (err instanceof MetricsUnavailableError || err instanceof MetricsQueryError) return null;
    throw err;
  }
  if (spacingMs === null || (inWindow ?? 0) > 1 || windowMs >= 2 * spacingMs) return null;
  const suggested = formatMs(Math.ceil((4 * spacingMs) / 60_000) * 60_000);
  return (
    `${window} is shorter than two scrape intervals of its series (a sample every ${formatMs(spacingMs)}): increase() needs two samples in its ` +
    `window and finds at most one; give the gate a window of four scrape intervals or more (window: "${suggested}")`
  );
}
