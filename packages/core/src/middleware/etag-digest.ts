// The digest etag() puts in an entity tag: a 64-bit non-cryptographic hash (cyrb53's two 32-bit
// multiply-xor lanes, both kept whole) over small ASCII bodies, SHA-1 over the rest. A tag only
// has to change when the body does, as with @fastify/etag's default FNV-1a; for a small body the
// call into native SHA-1 costs more than the hashing itself, above a kilobyte SHA-1 is faster.
import crypto from 'node:crypto';

/** Bodies up to this many bytes (or ASCII characters) are hashed in JavaScript. */
const SMALL = 1024;

const sha1Hex: (body: Uint8Array | string) => string =
  typeof (crypto as { hash?: unknown }).hash === 'function' ? (body) => crypto.hash('sha1', body, 'hex') : (body) => crypto.createHash('sha1').update(body).digest('hex');

/**
 * The entity tag of `body` as it goes out (a string as its UTF-8 bytes), weak (`W/"..."`) or
 * strong (`"..."`): the same bytes always give the same tag, whether given as a string or as bytes.
 */
export function entityTag(body: Uint8Array | string, weak: boolean): string {
  if (body.length > SMALL) return quoted(sha1Hex(body), weak);
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  if (typeof body === 'string') {
    for (let i = 0; i < body.length; i++) {
      const c = body.charCodeAt(i);
      // Past ASCII, SHA-1 over the UTF-8 bytes, as for bytes past ASCII: one digest per body.
      if (c > 0x7f) return quoted(sha1Hex(body), weak);
      h1 = Math.imul(h1 ^ c, 2654435761);
      h2 = Math.imul(h2 ^ c, 1597334677);
    }
  } else {
    for (let i = 0; i < body.length; i++) {
      const c = body[i]!;
      if (c > 0x7f) return quoted(sha1Hex(body), weak);
      h1 = Math.imul(h1 ^ c, 2654435761);
      h2 = Math.imul(h2 ^ c, 1597334677);
    }
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
  h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
  h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  // Both lanes whole (cyrb53 keeps 53 bits to fit a number; a string has room for 64).
  return hashTag(h2, h1, weak);
}

// A digest as a weak or strong entity tag.
function quoted(digest: string, weak: boolean): string {
  return weak ? `W/"${digest}"` : `"${digest}"`;
}

// The character codes of an ASCII string.
function codesOf(ascii: string): number[] {
  return Array.from({ length: ascii.length }, (_, i) => ascii.charCodeAt(i));
}

// The character codes of the hex digits.
const DIGITS = codesOf('0123456789abcdef');
// The codes of a weak tag of two 32-bit values, filled in place: W/"<16 hex digits>".
const WEAK_CODES = codesOf('W/"0000000000000000"');
const STRONG_CODES = WEAK_CODES.slice(2);

// The tag of a 64-bit hash given as two 32-bit halves, high first. Built from character codes in
// one piece: a tag joined from parts is a rope, which the header's value check flattens again.
function hashTag(high: number, low: number, weak: boolean): string {
  const codes = weak ? WEAK_CODES : STRONG_CODES;
  const at = codes.length - 17;
  for (let i = 0; i < 8; i++) {
    codes[at + i] = DIGITS[(high >>> (28 - 4 * i)) & 15]!;
    codes[at + 8 + i] = DIGITS[(low >>> (28 - 4 * i)) & 15]!;
  }
  return String.fromCharCode(...codes);
}
