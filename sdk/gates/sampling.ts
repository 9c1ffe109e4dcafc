/**
 * How often Prometheus holds a sample of the series a query reads: the scrape interval, as the
 * data shows it. rate() and increase() need two samples in their range, so a range shorter than
 * two of these intervals reads as no data whatever the traffic. Learned from the series
 * themselves (count_over_time) rather than from /api/v1/targets or /api/v1/status/config: Mimir
 * serves neither, and neither knows remote-written or backfilled series, nor which target a
 * metric came from.
 */
import { MetricsQueryError, MetricsUnavailableError } from "../errors.ts";
import type { MetricsPort } from "../ports/metrics.ts";
import { formatMs, promRangeMs } from "../util/duration.ts";
import type { MeshIndicators, Scope } from "./indicators/index.ts";
import { read } from "./measure.ts";

/**
 * The ranges samples are counted over: the short one is covered even by series a few minutes old
 * (a young series would look sparse over the long one), the long one holds two samples at slow
 * intervals (Prometheus's default is 1m).
 */
const LOOKBACKS_MS = [60_000, 10 * 60_000];
/** Scrape intervals people configure; an estimate that allows one of them is read as it. */
const USUAL_INTERVALS_MS = [1, 2, 5, 10, 15, 20, 30, 60, 120, 300].map((s) => s * 1000);

/**
 * The interval between samples of the densest series `samples(range)` counts before `at`; null
 * with fewer than two samples in every range. A range R holding n samples is between n − 1 and
 * n + 1 intervals long, so the interval lies within [R / (n + 1), R / (n − 1)]: taken is the usual
 * interval within every range's bounds when there is one (15 s, not 14.6 s), else the tightest
 * upper bound in whole seconds.
 * @example await sampleSpacingMs(metrics, (range) => ind.userSamples(scope, range), to) // 15000
 */
export async function sampleSpacingMs(metrics: MetricsPort, samples: (range: string) => string, at: number): Promise<number | null> {
  const counted = await Promise.all(LOOKBACKS_MS.map(async (ms) => ({ ms, n: (await read(metrics, samples(formatMs(ms)), at)).value ?? 0 })));
  const bounds = counted.filter(({ n }) => n >= 2).map(({ ms, n }) => ({ low: ms / (n + 1), high: ms / (n - 1) }));
  if (!bounds.length) return null;
  const high = Math.min(...bounds.map((b) => b.high));
  // a series younger than a range has fewer samples in it than its interval gives: that range's lower bound is then too high
  const low = Math.max(...bounds.map((b) => b.low));
  const usual = USUAL_INTERVALS_MS.filter((ms) => ms <= high && (low > high || ms >= low)).at(-1);
  return usual ?? Math.max(1000, Math.floor(high / 1000) * 1000);
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
      read(metrics, ind.requestSamples(scope, window), at),
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
