// Decimal digits of a float64, as strconv computes them: the shortest digits that read back as
// the same float, or the exact expansion rounded half-to-even at any position. JavaScript's
// toFixed/toExponential/toPrecision round exact ties away from zero (2.5 -> "3"), Go to even
// ("2"), so fixed precisions are rounded here, on exact digits.

/**
 * A non-negative decimal `0.d × 10^dp`, strconv's decimalSlice: `d` holds no leading and no
 * trailing zeros, and is empty for zero.
 */
export interface Digits {
  readonly d: string;
  readonly dp: number;
}

/** The binary parts of a finite float64 `x = mant × 2^exp`, as strconv decodes them. */
export interface FloatBits {
  readonly neg: boolean;
  /** The significand with its implicit leading bit, below 2^53. */
  readonly mant: number;
  /** The exponent of the significand's leading bit (strconv's `exp`, before subtracting 52). */
  readonly exp: number;
}

const view = new DataView(new ArrayBuffer(8));

/** Decodes a finite float64 into sign, significand and exponent (strconv's genericFtoa). */
export function floatBits(x: number): FloatBits {
  view.setFloat64(0, x);
  const hi = view.getUint32(0);
  const lo = view.getUint32(4);
  const biased = (hi >>> 20) & 0x7ff;
  let mant = (hi & 0xfffff) * 2 ** 32 + lo;
  let exp = biased;
  if (biased === 0) exp++;
  else mant += 2 ** 52;
  return { neg: hi >>> 31 === 1, mant, exp: exp - 1023 };
}

/** The shortest digits that read back as `x` (x finite and >= 0): strconv's precision -1. */
export function shortestDigits(x: number): Digits {
  if (x === 0) return { d: '', dp: 0 };
  // toExponential() without a precision is specified to give the shortest round-trip digits,
  // choosing the closest when several are as short, as Go's Ryū does.
  const s = x.toExponential();
  const e = s.indexOf('e');
  const d = s[1] === '.' ? s[0]! + s.slice(2, e) : s.slice(0, e);
  return { d, dp: Number(s.slice(e + 1)) + 1 };
}

/** The exact decimal expansion of `x` (x finite and >= 0). */
export function exactDigits(x: number): Digits {
  if (x === 0) return { d: '', dp: 0 };
  if (Number.isInteger(x)) {
    const s = x < 2 ** 53 ? String(x) : BigInt(x).toString();
    return trimmed(s, s.length);
  }
  const fracDigits = -oddExponent(x);
  if (fracDigits <= 100 && x < 1e21) {
    // toFixed is exact when asked for every fraction digit the binary value has.
    const s = x.toFixed(fracDigits);
    const point = s.indexOf('.');
    const int = s.slice(0, point);
    return int === '0' ? trimmed(s.slice(point + 1), 0) : trimmed(int + s.slice(point + 1), point);
  }
  // x = m × 2^-k = m × 5^k / 10^k.
  const { mant, exp } = floatBits(x);
  const k = 52 - exp;
  const s = (BigInt(mant) * 5n ** BigInt(k)).toString();
  return trimmed(s, s.length - k);
}

/**
 * The binary exponent of `x` once its significand is odd: `x = m × 2^e` with m odd. A
 * non-integral x has exactly `-e` decimal fraction digits, the last one a 5.
 */
export function oddExponent(x: number): number {
  const { mant, exp } = floatBits(x);
  let m = mant;
  let e = exp - 52;
  while (m % 2 === 0 && m !== 0) {
    m /= 2;
    e++;
  }
  return e;
}

/** Rounds to `nd` digits, half to even, as strconv's decimal.Round (nd may be negative). */
export function roundDigits(digs: Digits, nd: number): Digits {
  const { d, dp } = digs;
  if (nd < 0) return { d: '', dp: 0 };
  if (nd >= d.length) return digs;
  if (shouldRoundUp(d, nd)) return roundUp(d, dp, nd);
  return trimmed(d.slice(0, nd), dp);
}

function shouldRoundUp(d: string, nd: number): boolean {
  const c = d.charCodeAt(nd);
  if (c === 0x35 && nd + 1 === d.length) {
    // Exactly halfway: round to even.
    return nd > 0 && (d.charCodeAt(nd - 1) - 0x30) % 2 === 1;
  }
  return c >= 0x35;
}

function roundUp(d: string, dp: number, nd: number): Digits {
  let i = nd - 1;
  while (i >= 0 && d[i] === '9') i--;
  if (i < 0) return { d: '1', dp: dp + 1 };
  return { d: d.slice(0, i) + String.fromCharCode(d.charCodeAt(i) + 1), dp };
}

function trimmed(s: string, dp: number): Digits {
  let start = 0;
  while (start < s.length && s.charCodeAt(start) === 0x30) start++;
  let end = s.length;
  while (end > start && s.charCodeAt(end - 1) === 0x30) end--;
  if (start === end) return { d: '', dp: 0 };
  return { d: s.slice(start, end), dp: dp - start };
}
