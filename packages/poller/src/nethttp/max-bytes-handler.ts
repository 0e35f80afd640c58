// Go's http.MaxBytesHandler: a request body limit in front of a handler.
import type { BodyReadOptions, Handler, RequestBody } from '../http/handler.js';
import { HttpError } from '../http/errors.js';
import { RoutedRequest } from './routed-request.js';

function tooLarge(n: number): HttpError {
  return HttpError.of('ERR_HTTP_BODY_TOO_LARGE', `request body larger than ${n} bytes`);
}

/** `body` read with at most `n` bytes: past them the read fails with `ERR_HTTP_BODY_TOO_LARGE` (413). */
export function maxBytesBody(body: RequestBody, n: number): RequestBody {
  const limited = (o?: BodyReadOptions): BodyReadOptions => ({ limit: Math.min(n, o?.limit ?? n) });
  return {
    async *[Symbol.asyncIterator]() {
      let read = 0;
      for await (const chunk of body) {
        read += chunk.length;
        if (read > n) throw tooLarge(n);
        yield chunk;
      }
    },
    bytes: (o) => body.bytes(limited(o)),
    text: (o) => body.text(limited(o)),
    json: (o) => body.json(limited(o)),
  };
}

/**
 * The Handler running `h` with the request body limited to `n` bytes (Go's
 * `http.MaxBytesHandler`): a read past them rejects with `ERR_HTTP_BODY_TOO_LARGE`, which
 * answers 413 when the handler lets it propagate before writing.
 */
export function maxBytesHandler(h: Handler, n: number): Handler {
  return {
    serveHTTP(w, r) {
      return h.serveHTTP(w, new RoutedRequest(r, { body: maxBytesBody(r.body, n) }));
    },
  };
}
