// How both transports' body helpers read JSON: a malformed body is the client's error (400),
// never a handler failure.
import { HttpError } from './errors.js';

/** Parses a request body as JSON; malformed JSON rejects with `ERR_HTTP_INVALID_JSON` (400). */
export function parseJsonBody(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    throw HttpError.of('ERR_HTTP_INVALID_JSON', `malformed JSON body: ${why}`, { cause: err });
  }
}
