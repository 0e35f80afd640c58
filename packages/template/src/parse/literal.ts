// Go's literal syntax for template constants: strconv.Unquote, strconv.UnquoteChar and the
// number forms strconv.ParseInt/ParseUint/ParseFloat accept with base 0.

/** A literal that is not valid Go syntax; the message is Go's error text. */
export class LiteralSyntaxError extends Error {}

const INVALID = 'invalid syntax';

const SIMPLE_ESCAPES: Readonly<Record<string, number>> = {
  a: 0x07, b: 0x08, f: 0x0c, n: 0x0a, r: 0x0d, t: 0x09, v: 0x0b, '\\': 0x5c,
};

/** One decoded element of a quoted literal: a code point, or a raw byte from `\x` / octal. */
interface Decoded {
  value: number;
  isByte: boolean;
  next: number;
}

/** Decodes one character or escape of `s` at `i`, inside a literal quoted with `quote`. */
function unquoteChar(s: string, i: number, quote: string): Decoded {
  const c = s.codePointAt(i);
  if (c === undefined) throw new LiteralSyntaxError(INVALID);
  const ch = String.fromCodePoint(c);
  if (ch === quote && (quote === "'" || quote === '"')) throw new LiteralSyntaxError(INVALID);
  if (ch !== '\\') return { value: c, isByte: false, next: i + ch.length };
  const e = s[i + 1];
  if (e === undefined) throw new LiteralSyntaxError(INVALID);
  const simple = SIMPLE_ESCAPES[e];
  if (simple !== undefined) return { value: simple, isByte: false, next: i + 2 };
  if (e === "'" || e === '"') {
    if (e !== quote) throw new LiteralSyntaxError(INVALID);
    return { value: e.charCodeAt(0), isByte: false, next: i + 2 };
  }
  const hexLen = e === 'x' ? 2 : e === 'u' ? 4 : e === 'U' ? 8 : 0;
  if (hexLen > 0) {
    const digits = s.slice(i + 2, i + 2 + hexLen);
    if (!new RegExp(`^[0-9a-fA-F]{${String(hexLen)}}$`).test(digits)) throw new LiteralSyntaxError(INVALID);
    const v = parseInt(digits, 16);
    if (e === 'x') return { value: v, isByte: true, next: i + 2 + hexLen };
    if (v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff)) throw new LiteralSyntaxError(INVALID);
    return { value: v, isByte: false, next: i + 2 + hexLen };
  }
  if (e >= '0' && e <= '7') {
    const digits = s.slice(i + 1, i + 4);
    if (!/^[0-7]{3}$/.test(digits)) throw new LiteralSyntaxError(INVALID);
    const v = parseInt(digits, 8);
    if (v > 255) throw new LiteralSyntaxError(INVALID);
    return { value: v, isByte: true, next: i + 4 };
  }
  throw new LiteralSyntaxError(INVALID);
}

const utf8Decoder = new TextDecoder('utf-8', { fatal: false });

/** Go's strconv.Unquote for "double-quoted" and `raw` strings. */
export function unquote(quoted: string): string {
  if (quoted.length < 2) throw new LiteralSyntaxError(INVALID);
  const q = quoted[0];
  if (q !== quoted[quoted.length - 1]) throw new LiteralSyntaxError(INVALID);
  const body = quoted.slice(1, -1);
  if (q === '`') {
    if (body.includes('`')) throw new LiteralSyntaxError(INVALID);
    return body.replaceAll('\r', '');
  }
  if (q !== '"') throw new LiteralSyntaxError(INVALID);
  if (!body.includes('\\') && !body.includes('"') && !body.includes('\n')) return body;
  if (body.includes('\n')) throw new LiteralSyntaxError(INVALID);
  // Byte escapes may spell UTF-8 sequences ("\xe6\x97\xa5"), so build bytes and decode once.
  const bytes: number[] = [];
  for (let i = 0; i < body.length; ) {
    const d = unquoteChar(body, i, '"');
    if (d.isByte) bytes.push(d.value);
    else for (const b of Buffer.from(String.fromCodePoint(d.value), 'utf8')) bytes.push(b);
    i = d.next;
  }
  return utf8Decoder.decode(Uint8Array.from(bytes));
}

/** The code point of a 'c' character constant; Go's error text when malformed. */
export function unquoteCharConstant(text: string): number {
  const d = unquoteChar(text, 1, "'");
  if (text.slice(d.next) !== "'") throw new LiteralSyntaxError(`malformed character constant: ${text}`);
  return d.value;
}

/** Go's strconv underscoreOK: underscores only between digits (or after a base prefix). */
function underscoreOK(text: string): boolean {
  let s = text;
  if (s.startsWith('-') || s.startsWith('+')) s = s.slice(1);
  let saw = '^';
  let i = 0;
  let hex = false;
  if (s.length >= 2 && s[0] === '0' && 'bBoOxX'.includes(s[1] ?? '')) {
    i = 2;
    saw = '0';
    hex = s[1] === 'x' || s[1] === 'X';
  }
  for (; i < s.length; i++) {
    const c = s[i] ?? '';
    if ((c >= '0' && c <= '9') || (hex && /[a-fA-F]/.test(c))) {
      saw = '0';
    } else if (c === '_') {
      if (saw !== '0') return false;
      saw = '_';
    } else {
      if (saw === '_') return false;
      saw = '!';
    }
  }
  return saw !== '_';
}

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const UINT64_MAX = 2n ** 64n - 1n;

/** The integer value of `text` in Go syntax with base 0 (sign allowed), or null. */
function parseIntLiteral(text: string): bigint | null {
  if (!underscoreOK(text)) return null;
  let s = text.replaceAll('_', '');
  let neg = false;
  if (s.startsWith('+') || s.startsWith('-')) {
    neg = s[0] === '-';
    s = s.slice(1);
  }
  let digits: RegExp;
  let prefix: string;
  if (/^0[xX]/.test(s)) [digits, prefix, s] = [/^[0-9a-fA-F]+$/, '0x', s.slice(2)];
  else if (/^0[bB]/.test(s)) [digits, prefix, s] = [/^[01]+$/, '0b', s.slice(2)];
  else if (/^0[oO]/.test(s)) [digits, prefix, s] = [/^[0-7]+$/, '0o', s.slice(2)];
  else if (/^0[0-9]/.test(s)) [digits, prefix, s] = [/^[0-7]+$/, '0o', s.slice(1)];
  else [digits, prefix] = [/^[0-9]+$/, ''];
  if (!digits.test(s)) return null;
  const v = BigInt(prefix + s);
  return neg ? -v : v;
}

/** Go's strconv.ParseFloat(text, 64): null on bad syntax or overflow. */
export function parseFloatLiteral(text: string): number | null {
  if (text.includes('_') && !underscoreOK(text)) return null;
  const s = text.replaceAll('_', '');
  const hex = /^([+-]?)0[xX]([0-9a-fA-F]*)(?:\.([0-9a-fA-F]*))?[pP]([+-]?[0-9]+)$/.exec(s);
  let v: number;
  if (hex) {
    const [, sign = '', whole = '', frac = '', exp = '0'] = hex;
    if (whole === '' && frac === '') return null;
    const mantissa = BigInt(`0x${whole}${frac}` === '0x' ? '0' : `0x${whole}${frac}`);
    v = Number(mantissa) * 2 ** (Number(exp) - 4 * frac.length);
    if (sign === '-') v = -v;
  } else if (/^[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?$/.test(s)) {
    v = Number(s);
  } else {
    return null;
  }
  return Number.isFinite(v) ? v : null;
}

/** The representations of a number constant, as Go's parse.NumberNode records them. */
export interface NumberValue {
  isInt: boolean;
  isUint: boolean;
  isFloat: boolean;
  isComplex: boolean;
  int: number | bigint;
  uint: number | bigint;
  float: number;
  /** Real and imaginary parts when `isComplex`. */
  real: number;
  imag: number;
}

function small(v: bigint): number | bigint {
  return v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v;
}

/** Whether float `f` survives Go's int64(f) conversion unchanged. */
function fitsInt64(f: number): boolean {
  return Number.isInteger(f) && f >= -(2 ** 63) && f < 2 ** 63;
}

/** Go's parse.newNumber for number and complex items; throws Go's error text. */
export function parseNumber(text: string, type: 'number' | 'complex' | 'charConstant'): NumberValue {
  const n: NumberValue = { isInt: false, isUint: false, isFloat: false, isComplex: false, int: 0, uint: 0, float: 0, real: 0, imag: 0 };
  if (type === 'charConstant') {
    const r = unquoteCharConstant(text);
    return { ...n, isInt: true, isUint: true, isFloat: true, int: r, uint: r, float: r };
  }
  if (type === 'complex' || text.endsWith('i')) return parseImaginary(text, type);
  const i = parseIntLiteral(text);
  if (i !== null && i >= 0n && i <= UINT64_MAX) {
    n.isUint = true;
    n.uint = small(i);
  }
  if (i !== null && i >= INT64_MIN && i <= INT64_MAX) {
    n.isInt = true;
    n.int = small(i);
    if (i === 0n) {
      n.isUint = true; // "-0"
      n.uint = 0;
    }
  }
  if (n.isInt || n.isUint) {
    n.isFloat = true;
    n.float = Number(n.isInt ? n.int : n.uint);
  } else {
    const f = parseFloatLiteral(text);
    if (f !== null) {
      if (!/[.eEpP]/.test(text)) throw new LiteralSyntaxError(`integer overflow: ${goQuoteAscii(text)}`);
      n.isFloat = true;
      n.float = f;
      if (fitsInt64(f)) {
        n.isInt = true;
        n.int = small(BigInt(f));
      }
      if (Number.isInteger(f) && f >= 0 && f < 2 ** 64) {
        n.isUint = true;
        n.uint = small(BigInt(f));
      }
    }
  }
  if (!n.isInt && !n.isUint && !n.isFloat) throw new LiteralSyntaxError(`illegal number syntax: ${goQuoteAscii(text)}`);
  return n;
}

/** Imaginary and complex constants: only those with a zero imaginary part are usable. */
function parseImaginary(text: string, type: 'number' | 'complex' | 'charConstant'): NumberValue {
  const n: NumberValue = { isInt: false, isUint: false, isFloat: false, isComplex: true, int: 0, uint: 0, float: 0, real: 0, imag: 0 };
  let re = 0;
  let im: number | null;
  if (type === 'complex') {
    const m = /^([+-]?[^+-]+(?:[eEpP][+-][^+-]*)?)([+-].*)i$/.exec(text);
    const r = m ? parseFloatLiteral(m[1] ?? '') : null;
    im = m ? parseFloatLiteral(m[2] ?? '') : null;
    if (r === null || im === null) throw new LiteralSyntaxError('expected integer');
    re = r;
  } else {
    im = parseFloatLiteral(text.slice(0, -1));
    if (im === null) throw new LiteralSyntaxError(`illegal number syntax: ${goQuoteAscii(text)}`);
  }
  n.real = re;
  n.imag = im;
  n.isFloat = im === 0;
  if (n.isFloat) {
    n.float = re;
    n.isInt = fitsInt64(re);
    if (n.isInt) n.int = small(BigInt(re));
    n.isUint = Number.isInteger(re) && re >= 0 && re < 2 ** 64;
    if (n.isUint) n.uint = small(BigInt(re));
  }
  return n;
}

function goQuoteAscii(s: string): string {
  return JSON.stringify(s);
}
