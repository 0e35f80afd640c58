import { createHash, timingSafeEqual } from 'node:crypto';

function digest(s: string): Buffer {
  return createHash('sha256').update(s, 'utf8').digest();
}

/**
 * Whether two secrets are equal, in time that depends on neither: both are hashed first, so
 * `timingSafeEqual` compares equal lengths and the length of the expected value does not leak.
 */
export function safeEqual(given: string, expected: string): boolean {
  return timingSafeEqual(digest(given), digest(expected));
}
