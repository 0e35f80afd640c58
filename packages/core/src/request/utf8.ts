import { HttpError } from '../errors.js';

const decoder = new TextDecoder('utf-8', { fatal: true });

/**
 * Decodes UTF-8, refusing (400) what is not: replacing bad bytes with U+FFFD would validate and
 * store something other than what the client sent.
 */
export function decodeUTF8(bytes: Uint8Array, what = 'request body'): string {
  try {
    return decoder.decode(bytes);
  } catch {
    throw new HttpError(400, `${what} is not valid UTF-8`, { code: 'ERR_CORE_INVALID_UTF8' });
  }
}
