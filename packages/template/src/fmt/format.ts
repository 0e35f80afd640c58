// The formatting of one operand under one verb's flags, width and precision (Go's fmt/format.go):
// padding, integers in every base, strings, quoted strings and runes, floats.
import { formatFloat, type FloatFormat } from './ftoa.js';
import { canBackquote, isPrint, isValidRune, maxRune, quote, quoteRune } from './quote.js';

const encoder = new TextEncoder();

/** The flags, width and precision of the verb being printed; `plusV`/`sharpV` are %+v and %#v. */
export interface FormatFlags {
  /** A width was given (`%5d`, `%*d`). */
  widPresent: boolean;
  /** A precision was given (`%.2f`, `%.*f`, `%.f`). */
  precPresent: boolean;
  /** `-`: pad on the right. */
  minus: boolean;
  /** `+`: always a sign; %q in ASCII. */
  plus: boolean;
  /** `#`: the alternate form (0x, 0, a point, backquotes). */
  sharp: boolean;
  /** ` `: a space for the sign; spaces between hex bytes. */
  space: boolean;
  /** `0`: pad with zeros after the sign. */
  zero: boolean;
  /** `%+v`: struct field names. */
  plusV: boolean;
  /** `%#v`: Go syntax. */
  sharpV: boolean;
}

/** Go's `fmt` struct: writes formatted primitives into `buf`, honouring the current flags. */
export class Formatter implements FormatFlags {
  /** The output so far. */
  buf = '';
  // The flags of FormatFlags, and the width and precision when present.
  widPresent = false;
  precPresent = false;
  minus = false;
  plus = false;
  sharp = false;
  space = false;
  zero = false;
  plusV = false;
  sharpV = false;
  wid = 0;
  prec = 0;

  /** Resets flags, width and precision for the next verb. */
  clearFlags(): void {
    this.widPresent = this.precPresent = this.minus = this.plus = false;
    this.sharp = this.space = this.zero = this.plusV = this.sharpV = false;
    this.wid = this.prec = 0;
  }

  /** A copy of the current flags, to restore after printing with other ones. */
  saveFlags(): FormatFlags & { wid: number; prec: number } {
    const { widPresent, precPresent, minus, plus, sharp, space, zero, plusV, sharpV, wid, prec } = this;
    return { widPresent, precPresent, minus, plus, sharp, space, zero, plusV, sharpV, wid, prec };
  }

  /** Restores flags saved by {@link saveFlags}. */
  restoreFlags(saved: Readonly<FormatFlags> & { readonly wid: number; readonly prec: number }): void {
    this.widPresent = saved.widPresent;
    this.precPresent = saved.precPresent;
    this.minus = saved.minus;
    this.plus = saved.plus;
    this.sharp = saved.sharp;
    this.space = saved.space;
    this.zero = saved.zero;
    this.plusV = saved.plusV;
    this.sharpV = saved.sharpV;
    this.wid = saved.wid;
    this.prec = saved.prec;
  }

  /** Sets the flag written `c` (one of `# 0 + - space`); false if `c` is not a flag. */
  setFlag(c: string | undefined): boolean {
    switch (c) {
      case '#':
        this.sharp = true;
        return true;
      case '0':
        // Zero padding is only ever on the left.
        this.zero = !this.minus;
        return true;
      case '+':
        this.plus = true;
        return true;
      case '-':
        this.minus = true;
        this.zero = false;
        return true;
      case ' ':
        this.space = true;
        return true;
      default:
        return false;
    }
  }

  /** Appends `n` padding characters: zeros under the 0 flag, spaces otherwise. */
  writePadding(n: number): void {
    if (n > 0) this.buf += (this.zero ? '0' : ' ').repeat(n);
  }

  /** Appends `s` padded to the width, on the left unless the - flag is set. */
  pad(s: string): void {
    if (!this.widPresent || this.wid === 0) {
      this.buf += s;
      return;
    }
    const width = this.wid - runeCount(s);
    if (this.minus) {
      this.buf += s;
      this.writePadding(width);
    } else {
      this.writePadding(width);
      this.buf += s;
    }
  }

  /** Appends `s` padded to the width with spaces, whatever the 0 flag says. */
  padSpaces(s: string): void {
    const zero = this.zero;
    this.zero = false;
    this.pad(s);
    this.zero = zero;
  }

  /** %t */
  fmtBoolean(v: boolean): void {
    this.pad(v ? 'true' : 'false');
  }

  /** %U: `U+0041`, with # also the printable character: `U+0041 'A'`. */
  fmtUnicode(u: bigint): void {
    const digits = u.toString(16).toUpperCase();
    const prec = this.precPresent && this.prec > 4 ? this.prec : 4;
    let s = 'U+' + digits.padStart(prec, '0');
    if (this.sharp && u <= BigInt(maxRune) && isPrint(Number(u))) s += ` '${String.fromCodePoint(Number(u))}'`;
    this.padSpaces(s);
  }

  /**
   * An integer in base 2, 8, 10 or 16 (%b %o %O %d %x %X): precision is a minimum digit count,
   * the 0 flag pads with zeros to the width, # adds the base prefix.
   */
  fmtInteger(v: number | bigint, base: 2 | 8 | 10 | 16, verb: string, upper: boolean): void {
    const negative = v < 0;
    const isZero = typeof v === 'bigint' ? v === 0n : v === 0;
    let digits = (negative ? -v : v).toString(base);
    if (upper) digits = digits.toUpperCase();
    let prec = 0;
    if (this.precPresent) {
      prec = this.prec;
      // Precision 0 and value 0 means "print nothing but padding".
      if (prec === 0 && isZero) {
        const zero = this.zero;
        this.zero = false;
        this.writePadding(this.wid);
        this.zero = zero;
        return;
      }
    } else if (this.zero && this.widPresent) {
      prec = this.wid;
      if (negative || this.plus || this.space) prec--;
    }
    if (digits.length < prec) digits = '0'.repeat(prec - digits.length) + digits;
    if (this.sharp) {
      if (base === 2) digits = '0b' + digits;
      else if (base === 8 && digits[0] !== '0') digits = '0' + digits;
      else if (base === 16) digits = (upper ? '0X' : '0x') + digits;
    }
    if (verb === 'O') digits = '0o' + digits;
    if (negative) digits = '-' + digits;
    else if (this.plus) digits = '+' + digits;
    else if (this.space) digits = ' ' + digits;
    this.padSpaces(digits);
  }

  /** %s: the string truncated to the precision in runes, padded. */
  fmtS(s: string): void {
    this.pad(this.truncate(s));
  }

  /** %x %X of a string or bytes: two hex digits per byte; space separates bytes, # prefixes 0x. */
  fmtSx(bytes: Uint8Array, upper: boolean): void {
    let length = bytes.length;
    if (this.precPresent && this.prec < length) length = this.prec;
    let width = 2 * length;
    if (width <= 0) {
      if (this.widPresent) this.writePadding(this.wid);
      return;
    }
    if (this.space) {
      if (this.sharp) width *= 2;
      width += length - 1;
    } else if (this.sharp) {
      width += 2;
    }
    if (this.widPresent && this.wid > width && !this.minus) this.writePadding(this.wid - width);
    const digits = upper ? '0123456789ABCDEF' : '0123456789abcdef';
    const prefix = upper ? '0X' : '0x';
    let s = this.sharp ? prefix : '';
    for (let i = 0; i < length; i++) {
      if (this.space && i > 0) s += this.sharp ? ' ' + prefix : ' ';
      const c = bytes[i]!;
      s += digits[c >> 4]! + digits[c & 0xf]!;
    }
    this.buf += s;
    if (this.widPresent && this.wid > width && this.minus) this.writePadding(this.wid - width);
  }

  /** %x %X of a string: its UTF-8 bytes. */
  fmtStringHex(s: string, upper: boolean): void {
    this.fmtSx(encoder.encode(s), upper);
  }

  /** %q of a string: a Go string literal; # prefers a raw `backquoted` one, + escapes non-ASCII. */
  fmtQ(s: string): void {
    s = this.truncate(s);
    if (this.sharp && canBackquote(s)) {
      this.pad('`' + s + '`');
      return;
    }
    this.pad(quote(s, this.plus));
  }

  /** %c: the character with the integer's code point (U+FFFD if it is not one). */
  fmtC(c: bigint): void {
    const r = c <= BigInt(maxRune) && isValidRune(Number(c)) ? Number(c) : 0xfffd;
    this.pad(String.fromCodePoint(r));
  }

  /** %q of an integer: a Go rune literal. */
  fmtQc(c: bigint): void {
    const r = c <= BigInt(maxRune) ? Number(c) : 0xfffd;
    this.pad(quoteRune(r, this.plus));
  }

  /**
   * A float under strconv format `verb` with default precision `prec` (-1: shortest): sign
   * flags, # (keep the point and trailing zeros), and zero padding after the sign.
   */
  fmtFloat(v: number, verb: FloatFormat, prec: number): void {
    if (this.precPresent) prec = this.prec;
    if (!this.plus && !this.space && !this.sharp && !this.widPresent && Number.isFinite(v)) {
      // Hot path: no sign, padding or point to add.
      this.buf += formatFloat(v, verb, prec);
      return;
    }
    let num = formatFloat(v, verb, prec);
    if (num[0] !== '-' && num[0] !== '+') num = '+' + num;
    if (this.space && num[0] === '+' && !this.plus) num = ' ' + num.slice(1);
    if (num[1] === 'I' || num[1] === 'N') {
      // Infinities and NaN are never zero-padded, and NaN takes a sign only when asked.
      if (num[1] === 'N' && !this.space && !this.plus) num = num.slice(1);
      this.padSpaces(num);
      return;
    }
    if (this.sharp && verb !== 'b') num = withPoint(num, verb, prec);
    if (this.plus || num[0] !== '+') {
      if (this.zero && this.widPresent && this.wid > num.length) {
        // Zero padding goes between the sign and the digits.
        this.buf += num[0]!;
        this.writePadding(this.wid - num.length);
        this.buf += num.slice(1);
        return;
      }
      this.pad(num);
      return;
    }
    this.pad(num.slice(1));
  }

  /** The string cut to the precision, counted in runes. */
  private truncate(s: string): string {
    if (!this.precPresent) return s;
    let n = this.prec;
    for (let i = 0; i < s.length; i++) {
      if (n-- <= 0) return s.slice(0, i);
      const c = s.charCodeAt(i);
      if (c >= 0xd800 && c <= 0xdbff) {
        const next = s.charCodeAt(i + 1);
        if (next >= 0xdc00 && next <= 0xdfff) i++;
      }
    }
    return s;
  }
}

/** The # flag on a float: always a decimal point, and %g keeps its trailing zeros. */
function withPoint(num: string, verb: FloatFormat, prec: number): string {
  let digits = 0;
  if (verb === 'g' || verb === 'G' || verb === 'x') digits = prec === -1 ? 6 : prec;
  let tail = '';
  let hasPoint = false;
  let sawNonzero = false;
  let body = num;
  for (let i = 1; i < body.length; i++) {
    const c = body[i]!;
    if (c === '.') {
      hasPoint = true;
    } else if (c === 'p' || c === 'P' || ((c === 'e' || c === 'E') && verb !== 'x' && verb !== 'X')) {
      tail = body.slice(i);
      body = body.slice(0, i);
      break;
    } else {
      if (c !== '0') sawNonzero = true;
      if (sawNonzero) digits--;
    }
  }
  if (!hasPoint) {
    // A leading 0 of "0" counts as a digit for %g.
    if (body.length === 2 && body[1] === '0') digits--;
    body += '.';
  }
  if (digits > 0) body += '0'.repeat(digits);
  return body + tail;
}

/** The number of runes in `s`: code points, a lone surrogate counting as one (U+FFFD). */
export function runeCount(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = s.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        n--;
        i++;
      }
    }
  }
  return n;
}
