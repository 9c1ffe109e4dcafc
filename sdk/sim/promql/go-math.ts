/**
 * Go's math.Pow, ported: PromQL's `^` must give the bits Prometheus gives, and JavaScript's `**`
 * differs from Go both in special cases (`1 ^ NaN` is 1 in Go) and in rounding for integer powers,
 * which Go computes by repeated squaring.
 */

const view = new DataView(new ArrayBuffer(8));
const MIN_NORMAL = 2.2250738585072014e-308;

/** x = frac × 2^exp with |frac| in [0.5, 1), like Go's math.Frexp. */
function frexp(x: number): [number, number] {
  if (x === 0 || !Number.isFinite(x)) return [x, 0];
  let exp = 0;
  if (Math.abs(x) < MIN_NORMAL) {
    x *= 2 ** 52;
    exp = -52;
  }
  view.setFloat64(0, x);
  const hi = view.getUint32(0);
  exp += ((hi >>> 20) & 0x7ff) - 1022;
  view.setUint32(0, (hi & 0x800fffff) | (1022 << 20));
  return [view.getFloat64(0), exp];
}

/** frac × 2^exp with a single rounding, like Go's math.Ldexp. */
function ldexp(frac: number, exp: number): number {
  if (frac === 0 || !Number.isFinite(frac)) return frac;
  const [f, e] = frexp(frac);
  // f × 2^(exp + e) = (2f) × 2^(exp + e - 1), with 2f in [1, 2)
  const unbiased = exp + e - 1;
  if (unbiased < -1075) return frac < 0 ? -0 : 0;
  if (unbiased > 1023) return frac < 0 ? -Infinity : Infinity;
  if (unbiased < -1022) return 2 * f * 2 ** (unbiased + 53) * 2 ** -53;
  return 2 * f * 2 ** unbiased;
}

/**
 * Go's math.Pow(x, y).
 *
 * @example
 * goPow(1, NaN); // 1 (JavaScript's 1 ** NaN is NaN)
 */
export function goPow(x: number, y: number): number {
  if (y === 0 || x === 1) return 1;
  if (y === 1) return x;
  if (Number.isNaN(x) || Number.isNaN(y)) return NaN;
  if (x === 0 || !Number.isFinite(x) || !Number.isFinite(y)) {
    if (x === -1 && !Number.isFinite(y)) return 1;
    return x ** y; // the remaining special cases agree with Go
  }
  if (y === 0.5) return Math.sqrt(x);
  if (y === -0.5) return 1 / Math.sqrt(x);
  let yi = Math.trunc(Math.abs(y));
  let yf = Math.abs(y) - yi;
  if (yf !== 0 && x < 0) return NaN;
  if (yi >= 2 ** 63) {
    // A huge even integer exponent: overflow or underflow for every x but ±1.
    if (x === -1) return 1;
    return (Math.abs(x) < 1) === y > 0 ? 0 : Infinity;
  }
  let a1 = 1;
  let ae = 0;
  if (yf !== 0) {
    if (yf > 0.5) {
      yf--;
      yi++;
    }
    a1 = Math.exp(yf * Math.log(x));
  }
  let [x1, xe] = frexp(x);
  // Repeated squaring over the bits of yi (a float above 2^53, so halve it rather than shift).
  for (let i = yi; i !== 0; i = Math.floor(i / 2)) {
    if (xe < -(1 << 12) || 1 << 12 < xe) {
      ae += xe;
      break;
    }
    if (i % 2 === 1) {
      a1 *= x1;
      ae += xe;
    }
    x1 *= x1;
    xe <<= 1;
    if (x1 < 0.5) {
      x1 += x1;
      xe--;
    }
  }
  if (y < 0) {
    a1 = 1 / a1;
    ae = -ae;
  }
  return ldexp(a1, ae);
}
