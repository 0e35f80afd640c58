import { createHmac, timingSafeEqual } from 'node:crypto';
import { CoreError } from '../errors.js';

/** A key of `new Engine({ keys })`: a string (as UTF-8) or raw bytes. */
export type SigningKey = string | Uint8Array;

// An HMAC-SHA256 in unpadded base64url is always 43 characters.
const SIGNATURE_LENGTH = 43;

/**
 * The Engine's signing keys: signs with the first, verifies with any, so a key can be rotated
 * in by putting it first and rotated out, once every cookie signed with it has expired, by
 * removing it. A signature covers the cookie's name as well as its value (`name=value`), so a
 * value signed for one cookie does not verify as another.
 */
export class Keyring {
  readonly #keys: readonly SigningKey[];

  /** Throws `ERR_CORE_KEYS` for an empty list or an empty key. */
  constructor(keys: readonly SigningKey[]) {
    const list: unknown = keys;
    if (!Array.isArray(list) || list.length === 0) throw new CoreError('ERR_CORE_KEYS', 'keys: give at least one signing key (the first signs, every one verifies)');
    for (const k of keys) {
      if (!(typeof k === 'string' || k instanceof Uint8Array) || k.length === 0) throw new CoreError('ERR_CORE_KEYS', 'keys: each key must be a non-empty string or Uint8Array');
    }
    this.#keys = keys.slice();
  }

  /** `value.signature`, signed with the first key. */
  sign(name: string, value: string): string {
    return `${value}.${mac(this.#keys[0]!, name, value)}`;
  }

  /**
   * The value of a signed `value.signature`, or undefined when no key produced that signature.
   * The signature is compared as text, against the canonical base64url of each key's MAC: a
   * different spelling of the same bytes (a changed last character whose low bits base64url
   * ignores, padding, trailing junk) does not verify.
   */
  verify(name: string, signed: string): string | undefined {
    const dot = signed.lastIndexOf('.');
    if (dot < 0) return undefined;
    const given = Buffer.from(signed.slice(dot + 1), 'utf8');
    if (given.length !== SIGNATURE_LENGTH) return undefined;
    const value = signed.slice(0, dot);
    let ok = false;
    // Every key is tried, so the time taken does not say which one matched.
    for (const k of this.#keys) {
      if (timingSafeEqual(given, Buffer.from(mac(k, name, value), 'utf8'))) ok = true;
    }
    return ok ? value : undefined;
  }
}

function mac(key: SigningKey, name: string, value: string): string {
  return createHmac('sha256', key).update(`${name}=${value}`, 'utf8').digest('base64url');
}
