// Go's bufio split functions. A split function gets the unconsumed bytes and whether the input
// has ended, and says how far to advance and which token (null: none yet) it found.
import { decodeRune, ERROR_RUNE, fullRune } from './utf8.js';

/**
 * Go's `bufio.SplitFunc`: returns `[advance, token, err]`. A null token asks for more data (or,
 * with `advance` > 0, skips bytes); an empty token is a token. `err` stops scanning with that
 * error, or, as `errFinalToken`, after delivering `token`.
 */
export type SplitFunc = (data: Uint8Array, atEOF: boolean) => [advance: number, token: Uint8Array | null, err?: Error | null];

/** Each byte is a token (Go's `ScanBytes`). */
export const scanBytes: SplitFunc = (data, atEOF) => {
  if (atEOF && data.length === 0) return [0, null];
  return [1, data.subarray(0, 1)];
};

/**
 * Each UTF-8 rune is a token (Go's `ScanRunes`); an invalid byte gives U+FFFD's three bytes and
 * advances by one.
 */
export const scanRunes: SplitFunc = (data, atEOF) => {
  if (atEOF && data.length === 0) return [0, null];
  if (data[0]! < 0x80) return [1, data.subarray(0, 1)];
  const [, width] = decodeRune(data);
  if (width > 1) return [width, data.subarray(0, width)];
  if (!atEOF && !fullRune(data)) return [0, null];
  return [1, ERROR_RUNE];
};

/**
 * Each line is a token, without its `\n` and a `\r` before it (Go's `ScanLines`); the last line
 * may lack its newline; an empty final line is not a token.
 */
export const scanLines: SplitFunc = (data, atEOF) => {
  if (atEOF && data.length === 0) return [0, null];
  const i = data.indexOf(0x0a);
  if (i >= 0) return [i + 1, dropCR(data.subarray(0, i))];
  if (atEOF) return [data.length, dropCR(data)];
  return [0, null];
};

/** Each run of non-space runes is a token, spaces as Go's `unicode.IsSpace` (Go's `ScanWords`). */
export const scanWords: SplitFunc = (data, atEOF) => {
  let start = 0;
  while (start < data.length) {
    const [r, width] = decodeRune(data, start);
    if (!isSpace(r)) break;
    start += width;
  }
  for (let i = start; i < data.length; ) {
    const [r, width] = decodeRune(data, i);
    if (isSpace(r)) return [i + width, data.subarray(start, i)];
    i += width;
  }
  if (atEOF && data.length > start) return [data.length, data.subarray(start)];
  return [start, null];
};

function dropCR(b: Uint8Array): Uint8Array {
  return b.length > 0 && b[b.length - 1] === 0x0d ? b.subarray(0, b.length - 1) : b;
}

// Go's isSpace in bufio (unicode.IsSpace without the table).
function isSpace(r: number): boolean {
  if (r <= 0xff) return r === 0x20 || (r >= 0x09 && r <= 0x0d) || r === 0x85 || r === 0xa0;
  if (r >= 0x2000 && r <= 0x200a) return true;
  return r === 0x1680 || r === 0x2028 || r === 0x2029 || r === 0x202f || r === 0x205f || r === 0x3000;
}
