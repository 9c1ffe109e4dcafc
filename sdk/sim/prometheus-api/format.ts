/**
 * The Prometheus HTTP API's text conventions, reproduced from Prometheus 2.42 (web/api/v1): how
 * sample values and timestamps are written, and how `time`, `start`, `end`, `step` and `timeout`
 * parameters are read.
 */
import { parseDuration } from "../promql/index.ts";

/** Shortest round-trip digits of a finite, non-zero |v|, and its decimal exponent (d.ddd × 10^exp). */
function digitsOf(v: number): { digits: string; exp: number } {
  const [mantissa, exp] = Math.abs(v).toExponential().split("e") as [string, string];
  return { digits: mantissa.replace(".", ""), exp: Number(exp) };
}

function special(v: number): string | undefined {
  if (Number.isNaN(v)) return "NaN";
  if (v === Infinity) return "+Inf";
  if (v === -Infinity) return "-Inf";
  if (v === 0) return Object.is(v, -0) ? "-0" : "0";
  return undefined;
}

/**
 * Go's `strconv.FormatFloat(v, 'f', -1, 64)`: shortest digits, never an exponent. Prometheus writes
 * scalar results this way.
 *
 * @example
 * formatFloatF(1e21); // "1000000000000000000000"
 */
export function formatFloatF(v: number): string {
  const s = special(v);
  if (s !== undefined) return s;
  const { digits, exp } = digitsOf(v);
  const sign = v < 0 ? "-" : "";
  if (exp >= digits.length - 1) return sign + digits + "0".repeat(exp - digits.length + 1);
  if (exp >= 0) return `${sign}${digits.slice(0, exp + 1)}.${digits.slice(exp + 1)}`;
  return `${sign}0.${"0".repeat(-exp - 1)}${digits}`;
}

/**
 * A sample value in a vector or matrix result, as Prometheus's jsonutil.MarshalValue writes it:
 * Go's `'e'` format (two-digit exponent) below 1e-6 and from 1e21 up, `'f'` otherwise.
 *
 * @example
 * formatSampleValue(0.95);  // "0.95"
 * formatSampleValue(1e-7);  // "1e-07"
 * formatSampleValue(NaN);   // "NaN"
 */
export function formatSampleValue(v: number): string {
  const abs = Math.abs(v);
  if (special(v) !== undefined || (abs >= 1e-6 && abs < 1e21)) return formatFloatF(v);
  const { digits, exp } = digitsOf(v);
  const mantissa = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
  const e = Math.abs(exp).toString().padStart(2, "0");
  return `${v < 0 ? "-" : ""}${mantissa}e${exp < 0 ? "-" : "+"}${e}`;
}

/** A timestamp in a result: Unix seconds with millisecond precision, as a JSON number. */
export const unixSeconds = (ms: number): number => ms / 1000;

const GO_FLOAT = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(?:[Zz]|([+-])(\d{2}):(\d{2}))$/;

/** Go's math.Round: halves away from zero. */
const roundHalfAway = (x: number): number => Math.sign(x) * Math.round(Math.abs(x));

/**
 * Milliseconds since the epoch of a `time`/`start`/`end` parameter: Unix seconds (fractions
 * rounded to the millisecond) or RFC 3339; `undefined` when it is neither.
 *
 * @example
 * parseTimeParam("1700000300.5");          // 1700000300500
 * parseTimeParam("2026-11-24T03:00:00Z");  // 1795489200000
 */
export function parseTimeParam(text: string): number | undefined {
  if (GO_FLOAT.test(text)) {
    const t = Number(text);
    if (!Number.isFinite(t)) return undefined;
    const whole = Math.trunc(t);
    return whole * 1000 + roundHalfAway((t - whole) * 1000);
  }
  const m = RFC3339.exec(text);
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s, frac, sign, oh, om] = m;
  const utc = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
  const offsetMs = sign ? (sign === "-" ? -1 : 1) * (Number(oh) * 60 + Number(om)) * 60_000 : 0;
  // Prometheus truncates sub-millisecond digits.
  return utc - offsetMs + (frac ? Number(frac.slice(0, 3).padEnd(3, "0")) : 0);
}

/**
 * Milliseconds of a `step`/`timeout` parameter: float seconds or a Prometheus duration; `undefined`
 * when it is neither.
 *
 * @example
 * parseDurationParam("15");   // 15000
 * parseDurationParam("1m");   // 60000
 */
export function parseDurationParam(text: string): number | undefined {
  if (GO_FLOAT.test(text)) return Number(text) * 1000;
  return parseDuration(text);
}
