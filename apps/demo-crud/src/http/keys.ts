// The keys the pages sign with, all derived from one secret (SESSION_SECRET), so instances behind
// one load balancer agree by sharing that one setting, and no key serves two purposes.
import { hkdfSync, randomBytes } from 'node:crypto';

/** The pages' keys. */
export interface PageKeys {
  /** Signs the session cookie, which carries the flash message (the Engine's `keys`). */
  session: Uint8Array;
  /** Signs the CSRF token of the forms (`csrf({ token: { secret } })`). */
  csrf: Uint8Array;
}

function derive(secret: Uint8Array, purpose: string): Uint8Array {
  return new Uint8Array(hkdfSync('sha256', secret, 'sloe-demo', purpose, 32));
}

/**
 * The keys derived from `secret` by HKDF-SHA256, one per purpose; without a secret, from 32
 * random bytes, so they hold in this process only.
 */
export function pageKeys(secret: string | undefined): PageKeys {
  const ikm = secret !== undefined && secret !== '' ? Buffer.from(secret, 'utf8') : randomBytes(32);
  return { session: derive(ikm, 'session cookie'), csrf: derive(ikm, 'csrf token') };
}
