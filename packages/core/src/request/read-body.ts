import { HttpError } from '../errors.js';
import type { Request } from '../http/contract.js';

/**
 * Reads the whole request body, refusing (413) as soon as it passes `limit` bytes, or before
 * reading at all when Content-Length already says so.
 */
export async function readBody(req: Request, limit: number): Promise<Uint8Array> {
  const declared = req.headers.get('content-length');
  if (declared !== null && declared !== '' && Number(declared) > limit) throw tooLarge(limit);
  try {
    // Hot path: the transport collects the body its own fastest way, under the limit.
    return await req.body.bytes({ limit });
  } catch (err) {
    throw fromTransport(err);
  }
}

/**
 * A transport's error while reading the body (its own size limit, a client that went away) as
 * an HttpError with the transport's status; anything else is rethrown as is.
 */
function fromTransport(err: unknown): unknown {
  if (err instanceof HttpError) return err;
  const status = (err as { status?: unknown } | null)?.status;
  if (typeof status !== 'number' || status < 400 || status > 599) return err;
  const message = err instanceof Error ? err.message : 'request body could not be read';
  return new HttpError(status, message, { code: status === 413 ? 'ERR_CORE_BODY_TOO_LARGE' : 'ERR_HTTP', cause: err });
}

/** The 413 error for a body over `limit` bytes. */
export function tooLarge(limit: number): HttpError {
  return new HttpError(413, `request body larger than ${limit} bytes`, { code: 'ERR_CORE_BODY_TOO_LARGE' });
}
