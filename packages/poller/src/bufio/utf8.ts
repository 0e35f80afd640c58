// The pieces of Go's unicode/utf8 the split functions need: decoding one rune with Go's rules
// (no overlong forms, no surrogates, nothing past U+10FFFF) and whether a full one is there.

/** Go's `utf8.RuneError`, U+FFFD, as UTF-8 bytes. */
export const ERROR_RUNE = new Uint8Array([0xef, 0xbf, 0xbd]);

/** The rune at data[i] and its width in bytes; an invalid or incomplete encoding is U+FFFD of width 1 (0 at the end). */
export function decodeRune(data: Uint8Array, i = 0): [rune: number, width: number] {
  const n = data.length - i;
  if (n < 1) return [0xfffd, 0];
  const b0 = data[i]!;
  if (b0 < 0x80) return [b0, 1];
  const need = width(b0);
  if (need === 0 || n < need) return [0xfffd, 1];
  const [lo, hi] = secondRange(b0);
  const b1 = data[i + 1]!;
  if (b1 < lo || b1 > hi) return [0xfffd, 1];
  if (need === 2) return [((b0 & 0x1f) << 6) | (b1 & 0x3f), 2];
  const b2 = data[i + 2]!;
  if (!cont(b2)) return [0xfffd, 1];
  if (need === 3) return [((b0 & 0x0f) << 12) | ((b1 & 0x3f) << 6) | (b2 & 0x3f), 3];
  const b3 = data[i + 3]!;
  if (!cont(b3)) return [0xfffd, 1];
  return [((b0 & 0x07) << 18) | ((b1 & 0x3f) << 12) | ((b2 & 0x3f) << 6) | (b3 & 0x3f), 4];
}

/** Go's `utf8.FullRune`: whether `data` begins with a full encoding, or with bytes no more bytes could complete. */
export function fullRune(data: Uint8Array): boolean {
  const n = data.length;
  if (n === 0) return false;
  const b0 = data[0]!;
  if (b0 < 0x80) return true;
  const need = width(b0);
  if (need === 0 || n >= need) return true;
  const [lo, hi] = secondRange(b0);
  if (n > 1 && (data[1]! < lo || data[1]! > hi)) return true;
  if (n > 2 && !cont(data[2]!)) return true;
  return false;
}

// The encoded length a lead byte announces; 0 for a byte that cannot lead.
function width(b0: number): number {
  if (b0 >= 0xc2 && b0 <= 0xdf) return 2;
  if (b0 >= 0xe0 && b0 <= 0xef) return 3;
  if (b0 >= 0xf0 && b0 <= 0xf4) return 4;
  return 0;
}

// The valid range of the second byte after each lead (excludes overlongs, surrogates, > U+10FFFF).
function secondRange(b0: number): [number, number] {
  if (b0 === 0xe0) return [0xa0, 0xbf];
  if (b0 === 0xed) return [0x80, 0x9f];
  if (b0 === 0xf0) return [0x90, 0xbf];
  if (b0 === 0xf4) return [0x80, 0x8f];
  return [0x80, 0xbf];
}

function cont(b: number): boolean {
  return b >= 0x80 && b <= 0xbf;
}
