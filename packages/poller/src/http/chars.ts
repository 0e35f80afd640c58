// Byte classes of RFC 9110/9112 as 256-entry tables, and latin1 decoding of byte spans: the
// parser's inner loops are one table lookup per byte.
import { Buffer } from 'node:buffer';

function table(pred: (c: number) => boolean): Uint8Array {
  const t = new Uint8Array(256);
  for (let c = 0; c < 256; c++) t[c] = pred(c) ? 1 : 0;
  return t;
}

const TCHAR_EXTRA = "!#$%&'*+-.^_`|~";

/** tchar: the bytes of a token (method, field name, coding, chunk-extension name). */
export const TOKEN = table(
  (c) =>
    (c >= 0x30 && c <= 0x39) ||
    (c >= 0x41 && c <= 0x5a) ||
    (c >= 0x61 && c <= 0x7a) ||
    TCHAR_EXTRA.includes(String.fromCharCode(c)),
);

/** The bytes of a field value: HTAB, SP, VCHAR and obs-text (no other control byte, no DEL). */
export const FIELD_VALUE = table((c) => c === 0x09 || (c >= 0x20 && c !== 0x7f));

/**
 * The bytes of a request target: visible ASCII. Anything else (controls, SP inside the target,
 * raw UTF-8) is rejected, as RFC 3986 has no place for it.
 */
export const TARGET = table((c) => c > 0x20 && c < 0x7f);

/** Hexadecimal digit values, -1 for other bytes. */
export const HEX = new Int8Array(256).fill(-1);
for (let c = 0; c < 10; c++) HEX[0x30 + c] = c;
for (let c = 0; c < 6; c++) {
  HEX[0x41 + c] = 10 + c;
  HEX[0x61 + c] = 10 + c;
}

/** qdtext and the escaped bytes of a quoted-pair: HTAB, SP, VCHAR except `"` and `\`, obs-text. */
export const QDTEXT = table((c) => c === 0x09 || (c >= 0x20 && c !== 0x22 && c !== 0x5c && c !== 0x7f));

// Buffer's native latin1 decoder, applicable to any Uint8Array.
const latin1Slice = (Buffer.prototype as unknown as { latin1Slice: (this: Uint8Array, start: number, end: number) => string })
  .latin1Slice;

/** The bytes buf[start, end) as a latin1 string, one character per byte. */
export function latin1(buf: Uint8Array, start: number, end: number): string {
  if (end - start < 12) {
    let s = '';
    for (let i = start; i < end; i++) s += String.fromCharCode(buf[i]!);
    return s;
  }
  return latin1Slice.call(buf, start, end);
}
