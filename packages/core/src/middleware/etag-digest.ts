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
 * The digest of `body` as it goes out (a string as its UTF-8 bytes): the same bytes always give
 * the same digest, whether given as a string or as bytes.
 */
export function bodyDigest(body: Uint8Array | string): string {
  if (body.length > SMALL) return sha1Hex(body);
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  if (typeof body === 'string') {
    for (let i = 0; i < body.length; i++) {
      const c = body.charCodeAt(i);
      // Past ASCII, SHA-1 over the UTF-8 bytes, as for bytes past ASCII: one digest per body.
      if (c > 0x7f) return sha1Hex(body);
      h1 = Math.imul(h1 ^ c, 2654435761);
      h2 = Math.imul(h2 ^ c, 1597334677);
    }
  } else {
    for (let i = 0; i < body.length; i++) {
      const c = body[i]!;
      if (c > 0x7f) return sha1Hex(body);
      h1 = Math.imul(h1 ^ c, 2654435761);
      h2 = Math.imul(h2 ^ c, 1597334677);
    }
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507);
  h1 ^= Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507);
  h2 ^= Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  // Both lanes whole (cyrb53 keeps 53 bits to fit a number; a string has room for 64).
  return hex32(h2) + hex32(h1);
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

// Eight hex digits of a 32-bit value, by table: Number#toString(16) costs more than the hash.
function hex32(n: number): string {
  return HEX[n >>> 24]! + HEX[(n >>> 16) & 255]! + HEX[(n >>> 8) & 255]! + HEX[n & 255]!;
}
