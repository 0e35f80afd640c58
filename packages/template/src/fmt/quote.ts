// strconv's quoting: Quote, QuoteToASCII, QuoteRune, QuoteRuneToASCII, CanBackquote, IsPrint.
// A JavaScript string is UTF-16; a lone surrogate stands for the U+FFFD it becomes in UTF-8.

const hex = '0123456789abcdef';
const printable = /^[\p{L}\p{M}\p{N}\p{P}\p{S}]$/u;

/** The largest Unicode code point, Go's utf8.MaxRune. */
export const maxRune = 0x10ffff;

/**
 * Go's `strconv.IsPrint`: letters, marks, numbers, punctuation, symbols and the ASCII space.
 * (Go 1.19 uses Unicode 13 tables; this uses the runtime's, which may know newer characters.)
 */
export function isPrint(r: number): boolean {
  if (r <= 0xff) {
    if (r >= 0x20 && r <= 0x7e) return true;
    if (r >= 0xa1 && r <= 0xff) return r !== 0xad;
    return false;
  }
  if (!isValidRune(r)) return false;
  return printable.test(String.fromCodePoint(r));
}

/** Whether `r` is a Unicode scalar value: in range and not a surrogate (utf8.ValidRune). */
export function isValidRune(r: number): boolean {
  return r >= 0 && r <= maxRune && !(r >= 0xd800 && r <= 0xdfff);
}

/** Go's `strconv.Quote` (or `QuoteToASCII` when `asciiOnly`): a double-quoted Go string literal. */
export function quote(s: string, asciiOnly: boolean): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    // Hot path: printable ASCII other than the quote and backslash stands for itself.
    if (c >= 0x20 && c < 0x7f && c !== 0x22 && c !== 0x5c) {
      out += s[i]!;
      continue;
    }
    const r = s.codePointAt(i)!;
    if (r > 0xffff) i++;
    out += escapedRune(r >= 0xd800 && r <= 0xdfff ? 0xfffd : r, 0x22, asciiOnly);
  }
  return out + '"';
}

/** Go's `strconv.QuoteRune` (or `QuoteRuneToASCII`): a single-quoted Go rune literal. */
export function quoteRune(r: number, asciiOnly: boolean): string {
  return `'${escapedRune(isValidRune(r) ? r : 0xfffd, 0x27, asciiOnly)}'`;
}

/** Go's `strconv.CanBackquote`: whether `s` can be written as a raw string literal unchanged. */
export function canBackquote(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09) || c === 0x60 || c === 0x7f || c === 0xfeff) return false;
    // A lone surrogate is invalid UTF-8 once encoded.
    if (c >= 0xd800 && c <= 0xdbff) {
      const next = s.charCodeAt(i + 1);
      if (!(next >= 0xdc00 && next <= 0xdfff)) return false;
      i++;
    } else if (c >= 0xdc00 && c <= 0xdfff) {
      return false;
    }
  }
  return true;
}

function escapedRune(r: number, quoteChar: number, asciiOnly: boolean): string {
  if (r === quoteChar || r === 0x5c) return '\\' + String.fromCharCode(r);
  if (asciiOnly ? r < 0x80 && isPrint(r) : isPrint(r)) return String.fromCodePoint(r);
  switch (r) {
    case 0x07:
      return '\\a';
    case 0x08:
      return '\\b';
    case 0x0c:
      return '\\f';
    case 0x0a:
      return '\\n';
    case 0x0d:
      return '\\r';
    case 0x09:
      return '\\t';
    case 0x0b:
      return '\\v';
  }
  if (r < 0x20 || r === 0x7f) return '\\x' + hex[r >> 4]! + hex[r & 0xf]!;
  if (r < 0x10000) return '\\u' + r.toString(16).padStart(4, '0');
  return '\\U' + r.toString(16).padStart(8, '0');
}
