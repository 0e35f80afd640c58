// Go's http.Error, NotFound and NotFoundHandler.
import type { Handler, Request, ResponseWriter } from '../http/handler.js';

/**
 * Answers with `code` and the plain-text body `message` and a newline, as Go's `http.Error`
 * (exported as `httpError`, since `error` would shadow the global name in user code). The
 * handler should do nothing more with `w`. Sets `X-Content-Type-Options: nosniff`.
 */
export function httpError(w: ResponseWriter, message: string, code: number): Promise<void> {
  const h = w.header();
  h.delete('content-length');
  h.set('Content-Type', 'text/plain; charset=utf-8');
  h.set('X-Content-Type-Options', 'nosniff');
  w.writeHeader(code);
  return w.end(message + '\n');
}

/** Answers 404 `404 page not found`, as Go's `http.NotFound`. */
export function notFound(w: ResponseWriter, _r: Request): Promise<void> {
  return httpError(w, '404 page not found', 404);
}

/** The Handler answering every request with {@link notFound}. */
export function notFoundHandler(): Handler {
  return { serveHTTP: notFound };
}
