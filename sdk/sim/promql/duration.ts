/**
 * Prometheus durations (`5m`, `1m30s`, `1h`, `250ms`): the syntax of range selectors, `offset`,
 * and the HTTP API's `step` and `timeout`.
 */

const MS_PER = { y: 365 * 86_400_000, w: 7 * 86_400_000, d: 86_400_000, h: 3_600_000, m: 60_000, s: 1000, ms: 1 };

// Same shape as prometheus/common's model.ParseDuration: units largest first, each at most once.
const DURATION = /^(?:(\d+)y)?(?:(\d+)w)?(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?(?:(\d+)ms)?$/;
const UNITS = ["y", "w", "d", "h", "m", "s", "ms"] as const;

/**
 * Milliseconds in a Prometheus duration, or `undefined` when the text is not one.
 *
 * @example
 * parseDuration("1m30s"); // 90_000
 * parseDuration("90");    // undefined: a bare number is not a duration (only "0" is)
 */
export function parseDuration(text: string): number | undefined {
  if (text === "0") return 0;
  const m = text === "" ? null : DURATION.exec(text);
  if (!m) return undefined;
  let ms = 0;
  UNITS.forEach((unit, i) => {
    const n = m[i + 1];
    if (n !== undefined) ms += Number(n) * MS_PER[unit];
  });
  return ms;
}
