import { InvalidPlanError } from "../errors.ts";

/** A duration as plans write it: milliseconds, or a string such as "90s", "5m", "1m30s", "250ms". */
export type Duration = number | string;

/** Every unit either kind of duration uses: plans' (ms to h) and Prometheus ranges' (ms to y). */
const UNIT_MS: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000, y: 31_536_000_000 };

const WRITE_IT = 'write it like "250ms", "30s", "5m" or "1m30s"';

/**
 * Milliseconds in a Duration.
 * @example toMs("1m30s") // 90000
 */
export function toMs(d: Duration, what = "duration"): number {
  if (typeof d === "number") {
    if (!Number.isFinite(d) || d < 0) throw new InvalidPlanError(`${what}: ${d} is not a duration; use milliseconds >= 0 or a string like "30s"`);
    return d;
  }
  // plans are loaded without type checking: a misspelt option arrives here as undefined
  if (typeof d !== "string") throw new InvalidPlanError(`${what}: ${String(d)} is not a duration; ${WRITE_IT}, or as milliseconds`);
  const text = d.trim();
  const parts = [...text.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h)/g)];
  if (!parts.length || parts.map((p) => p[0]).join("") !== text) {
    throw new InvalidPlanError(`${what}: "${d}" is not a duration; ${WRITE_IT}`);
  }
  return parts.reduce((sum, p) => sum + Number(p[1]) * UNIT_MS[p[2]!]!, 0);
}

/**
 * The longest request deadline a user may type. Beyond it is a typo; and past 24.8 days Node's
 * timers overflow and fire at once, failing every request.
 */
export const MAX_REQUEST_TIMEOUT = "1h";

/**
 * A request deadline a user gave ("10s", "1m", or milliseconds): its milliseconds, or undefined
 * when it is not a duration above zero and at most {@link MAX_REQUEST_TIMEOUT}. The CLI's
 * --request-timeout, the action's request-timeout and the Prometheus client's timeoutMs read it alike.
 * @example requestTimeoutMs("1m30s") // 90000
 */
export function requestTimeoutMs(given: Duration): number | undefined {
  try {
    const ms = toMs(given);
    return ms > 0 && ms <= toMs(MAX_REQUEST_TIMEOUT) ? ms : undefined;
  } catch {
    return undefined;
  }
}

/** Short human form: 90000 → "1m30s", 1500 → "1.5s", 5400000 → "1h30m". */
export function formatMs(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)}ms`;
  const tenths = Math.round(ms / 100) / 10; // rounded before it is split, so 59.99 s is 1m, not 60s
  if (tenths < 60) return `${tenths}s`;
  const total = Math.round(ms / 1000);
  const [h, m, s] = [Math.floor(total / 3600), Math.floor((total % 3600) / 60), total % 60];
  return `${h ? `${h}h` : ""}${m ? `${m}m` : ""}${s ? `${s}s` : ""}`;
}

/**
 * Milliseconds in a Prometheus range ("1m", "1h30m", "2d"), or undefined when `text` is not one.
 * Prometheus takes the units largest first, each once: "30s1m" and "1m1m" are parse errors there.
 * @example promRangeMs("1m30s") // 90000
 */
export function promRangeMs(text: string): number | undefined {
  if (!/^(\d+y)?(\d+w)?(\d+d)?(\d+h)?(\d+m)?(\d+s)?(\d+ms)?$/.test(text) || !text) return undefined;
  return [...text.matchAll(/(\d+)(ms|s|m|h|d|w|y)/g)].reduce((sum, p) => sum + Number(p[1]) * UNIT_MS[p[2]!]!, 0);
}
