// The digest etag() puts in an entity tag: a 53-bit non-cryptographic hash (cyrb53, two 32-bit
// multiply-xor lanes) over small ASCII bodies, SHA-1 over the rest. A tag only has to change when the
// body does, as @fastify/etag's default FNV-1a does; for a small body the native SHA-1 call costs
// far more than the hashing itself, while above a kilobyte it is the faster of the two.
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
  // 21 bits of h2 and 32 of h1, after the length: bodies of different sizes never share a tag.
  return `${body.length.toString(16)}-${(h2 & 0x1fffff).toString(16)}${(h1 >>> 0).toString(16).padStart(8, '0')}`;
}
