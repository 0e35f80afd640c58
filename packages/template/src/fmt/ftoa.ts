// strconv.FormatFloat for float64: the layouts %e, %f, %g, %b and %x of a float's digits.
import { exactDigits, floatBits, roundDigits, shortestDigits, type Digits } from './decimal.js';

/** strconv's float formats: `e E f g G` decimal, `b` binary exponent, `x X` hexadecimal. */
export type FloatFormat = 'e' | 'E' | 'f' | 'g' | 'G' | 'b' | 'x' | 'X';

/**
 * Go's `strconv.FormatFloat(x, fmt, prec, 64)`: a negative `prec` asks for the shortest
 * digits that read back as `x`. NaN and infinities give `NaN`, `+Inf` and `-Inf`.
 */
export function formatFloat(x: number, fmt: FloatFormat, prec: number): string {
  const abs = Math.abs(x);
  if (abs === Infinity) return x > 0 ? '+Inf' : '-Inf';
  if (Number.isNaN(x)) return 'NaN';
  const neg = x < 0 || (x === 0 && 1 / x < 0);
  // Hot path: %.Nf.
  if (fmt === 'f') return prec >= 0 ? formatFixed(neg, abs, prec) : formatShortest(neg, shortestDigits(abs), fmt);
  if (fmt === 'b') return formatBinary(x);
  if (fmt === 'x' || fmt === 'X') return formatHex(x, fmt, prec);
  if (prec < 0) return formatShortest(neg, shortestDigits(abs), fmt);
  const exact = exactDigits(abs);
  if (fmt === 'e' || fmt === 'E') return layoutE(neg, roundDigits(exact, prec + 1), prec, fmt);
  const digits = Math.max(prec, 1);
  return layoutG(neg, roundDigits(exact, digits), digits, false, fmt);
}

function formatShortest(neg: boolean, digs: Digits, fmt: 'e' | 'E' | 'f' | 'g' | 'G'): string {
  const nd = digs.d.length;
  switch (fmt) {
    case 'e':
    case 'E':
      return layoutE(neg, digs, Math.max(nd - 1, 0), fmt);
    case 'f':
      return layoutF(neg, digs, Math.max(nd - digs.dp, 0));
    default:
      return layoutG(neg, digs, nd, true, fmt);
  }
}

const powersOf10 = [1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

/** %f with a precision, with fast paths for where the rounding is certain. */
function formatFixed(neg: boolean, abs: number, prec: number): string {
  if (prec < powersOf10.length) {
    // Hot path: scale to an integer count of units of 10^-prec and round that. The product
    // is rounded once; its exact error tells on which side of a half the exact product lies.
    const pow = powersOf10[prec]!;
    const scaled = abs * pow;
    if (scaled < 2 ** 50 && (abs > 2 ** -900 || abs === 0)) {
      const floor = Math.floor(scaled);
      const d = scaled - floor - 0.5;
      const err = productError(abs, pow, scaled);
      // The exact product is floor + 0.5 + d + err, and |err| is far below 0.5.
      const n = d > -err ? floor + 1 : d < -err ? floor : floor + (floor % 2);
      return fixedDigits(neg, n, prec);
    }
  }
  // A float m × 2^e (m odd, e < 0) has exactly -e fraction digits, the last a 5: toFixed
  // rounds correctly unless that 5 is the first digit dropped, an exact tie, which is when
  // abs × 2^(prec+1) is an odd integer (scaling by a power of two is exact).
  if (prec <= 100 && abs < 1e21 && (abs * 2 ** (prec + 1)) % 2 !== 1) {
    const s = abs.toFixed(prec);
    return neg ? '-' + s : s;
  }
  const exact = exactDigits(abs);
  return layoutF(neg, roundDigits(exact, exact.dp + prec), prec);
}

/**
 * The exact rounding error of a product: `a × b - p` for `p = a * b` as JavaScript computes
 * it (Dekker's TwoProduct, with Veltkamp's splitting); exact unless a part underflows.
 */
function productError(a: number, b: number, p: number): number {
  const split = 134217729; // 2^27 + 1
  let t = split * a;
  const ah = t - (t - a);
  const al = a - ah;
  t = split * b;
  const bh = t - (t - b);
  const bl = b - bh;
  return ah * bh - p + ah * bl + al * bh + al * bl;
}

/** "00" to "99", the two fraction digits of the common %.2f. */
const twoDigits = Array.from({ length: 100 }, (_, i) => (i < 10 ? '0' : '') + String(i));

/** The integer `n` with its last `prec` digits after a decimal point: fixedDigits(false, 314, 2) is "3.14". */
function fixedDigits(neg: boolean, n: number, prec: number): string {
  const sign = neg ? '-' : '';
  if (prec === 0) return sign + String(n);
  const pow = powersOf10[prec]!;
  // n < 2^50, so the quotient is within a quarter of 1/pow of its exact value: floor is exact.
  const int = Math.floor(n / pow);
  const frac = n - int * pow;
  const fracDigits = prec === 2 ? twoDigits[frac]! : String(frac).padStart(prec, '0');
  return sign + String(int) + '.' + fracDigits;
}

/** strconv's %g choice between %e and %f layouts (formatDigits). */
function layoutG(neg: boolean, digs: Digits, prec: number, shortest: boolean, fmt: 'g' | 'G'): string {
  const nd = digs.d.length;
  let eprec = prec;
  if (eprec > nd && nd >= digs.dp) eprec = nd;
  // %e is used if the exponent from the conversion is less than -4 or greater than or equal
  // to the precision; shortest formatting uses 6 for this decision.
  if (shortest) eprec = 6;
  const exp = digs.dp - 1;
  if (exp < -4 || exp >= eprec) {
    return layoutE(neg, digs, Math.min(prec, nd) - 1, fmt === 'g' ? 'e' : 'E');
  }
  return layoutF(neg, digs, Math.max((prec > digs.dp ? nd : prec) - digs.dp, 0));
}

/** d.ddddde±dd, at least two exponent digits. */
function layoutE(neg: boolean, digs: Digits, prec: number, fmt: 'e' | 'E'): string {
  const { d } = digs;
  let s = neg ? '-' : '';
  s += d.length > 0 ? d[0]! : '0';
  if (prec > 0) {
    s += '.';
    const frac = d.slice(1, prec + 1);
    s += frac + '0'.repeat(prec - frac.length);
  }
  let exp = d.length === 0 ? 0 : digs.dp - 1;
  s += fmt;
  if (exp < 0) {
    s += '-';
    exp = -exp;
  } else {
    s += '+';
  }
  return s + (exp < 10 ? '0' + String(exp) : String(exp));
}

/** ddd.ddd with exactly prec fraction digits. */
function layoutF(neg: boolean, digs: Digits, prec: number): string {
  const { d, dp } = digs;
  let s = neg ? '-' : '';
  if (dp > 0) {
    const int = d.slice(0, dp);
    s += int + '0'.repeat(dp - int.length);
  } else {
    s += '0';
  }
  if (prec > 0) {
    s += '.';
    for (let i = 0; i < prec; i++) {
      const j = dp + i;
      s += j >= 0 && j < d.length ? d[j]! : '0';
    }
  }
  return s;
}

/** %b: decimal significand and binary exponent, `4503599627370496p-52`. */
function formatBinary(x: number): string {
  const { neg, mant, exp } = floatBits(x);
  const e = exp - 52;
  return `${neg ? '-' : ''}${String(mant)}p${e >= 0 ? '+' : '-'}${String(Math.abs(e))}`;
}

/** %x: hexadecimal significand and binary exponent, `0x1.8p+01`, rounded half to even. */
function formatHex(x: number, fmt: 'x' | 'X', prec: number): string {
  const { neg, mant: m0, exp: e0 } = floatBits(x);
  let exp = m0 === 0 ? 0 : e0;
  // The significand as a fixed-point value with its leading bit at bit 60.
  let mant = BigInt(m0) << 8n;
  const one = 1n << 60n;
  while (mant !== 0n && (mant & one) === 0n) {
    mant <<= 1n;
    exp--;
  }
  if (prec >= 0 && prec < 15) {
    const shift = BigInt(prec * 4);
    const extra = (mant << shift) & (one - 1n);
    mant >>= 60n - shift;
    if ((extra | (mant & 1n)) > 1n << 59n) mant++;
    mant <<= 60n - shift;
    if ((mant & (1n << 61n)) !== 0n) {
      mant >>= 1n;
      exp++;
    }
  }
  const hex = fmt === 'X' ? '0123456789ABCDEF' : '0123456789abcdef';
  let s = `${neg ? '-' : ''}0${fmt}${String((mant >> 60n) & 1n)}`;
  mant = (mant << 4n) & ((1n << 64n) - 1n);
  const digit = (): string => {
    const c = hex[Number((mant >> 60n) & 15n)]!;
    mant = (mant << 4n) & ((1n << 64n) - 1n);
    return c;
  };
  if (prec < 0 && mant !== 0n) {
    s += '.';
    while (mant !== 0n) s += digit();
  } else if (prec > 0) {
    s += '.';
    for (let i = 0; i < prec; i++) s += digit();
  }
  s += fmt === 'X' ? 'P' : 'p';
  s += exp < 0 ? '-' : '+';
  const e = Math.abs(exp);
  return s + (e < 10 ? '0' + String(e) : String(e));
}

/**
 * Whether Go's %v prints `v` without an exponent (%g's shortest form, decimal exponent in
 * [-4, 6)), where JavaScript's String(v) also does, with the same shortest digits.
 */
export function isPlainDecimal(v: number): boolean {
  const abs = Math.abs(v);
  return abs >= 1e-4 && abs < 1e6;
}
