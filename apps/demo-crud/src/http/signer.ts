// HMAC-SHA256 signatures of cookie values, so the flash message and the CSRF token survive a
// round trip through the browser unaltered and work on every instance sharing the secret.
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/** Signs and verifies strings with one secret. */
export class Signer {
  readonly #secret: Buffer;

  /** A signer with `secret` (at least 32 bytes of entropy recommended). */
  constructor(secret: string | Buffer) {
    this.#secret = typeof secret === 'string' ? Buffer.from(secret, 'utf8') : secret;
  }

  /** A signer with a random secret: signatures are valid in this process only. */
  static random(): Signer {
    return new Signer(randomBytes(32));
  }

  /** `value.signature`, the signature in base64url. */
  sign(value: string): string {
    return `${value}.${this.#mac(value)}`;
  }

  /** The value of a string made by `sign`, or null when the signature does not match. */
  unsign(signed: string): string | null {
    const dot = signed.lastIndexOf('.');
    if (dot < 0) return null;
    const value = signed.slice(0, dot);
    // The text is compared, not its decoding: a lenient base64url decoder ignores stray
    // characters (`!!`) and the unused low bits of the last one, so several texts would pass
    // for one signature. Only the canonical encoding is accepted.
    const given = Buffer.from(signed.slice(dot + 1), 'latin1');
    const expected = Buffer.from(this.#mac(value), 'latin1');
    return given.length === expected.length && timingSafeEqual(given, expected) ? value : null;
  }

  #mac(value: string): string {
    return createHmac('sha256', this.#secret).update(value).digest('base64url');
  }
}
