import type { Lookup } from './lookup.js';
import type { Params } from './params.js';

// The router as an HTTP Handler, httprouter style. The router depends on no HTTP package: the
// writer and the request are declared here by what the router uses of them, which the poller's
// ResponseWriter and Request (and anything shaped like them) provide.

/** What the router writes a response through: the part of a Go-style ResponseWriter it uses. */
export interface HandleWriter {
  /** The response header, mutable until the status is written. */
  header(): { set(name: string, value: string): unknown };
  /** Sends the status line and the header. */
  writeHeader(status: number): void;
  /** Ends the response, with a last chunk of body. */
  end(chunk?: string): unknown;
}

/** What the router reads of a request. */
export interface HandleRequest {
  /** The request method. */
  readonly method: string;
  /** The path without the query string, as it came on the wire. */
  readonly path: string;
  /** The query string without its `?`, '' when there is none; kept on redirects. */
  readonly rawQuery: string;
}

/**
 * httprouter's `Handle`: a route's handler, given the writer, the request and the route's params.
 * A `Router<Handle>` serves requests with `serveHTTP`.
 */
export type Handle<W extends HandleWriter = HandleWriter, R extends HandleRequest = HandleRequest> = (w: W, r: R, params: Params) => void | Promise<void>;

/**
 * Answers `r` from the outcome of routing it: the route's handle, else httprouter's automatic
 * answers: a redirect (301 for GET, 308 otherwise, the query kept), 405 with `Allow`, 400 for a
 * path that cannot be routed, 404.
 */
export function serveLookup<W extends HandleWriter, R extends HandleRequest>(m: Lookup<Handle<W, R>>, w: W, r: R): void | Promise<void> {
  switch (m.kind) {
    case 'found':
      return m.value(w, r, m.params);
    case 'redirect':
      w.header().set('Location', r.rawQuery === '' ? m.location : `${m.location}?${r.rawQuery}`);
      return plain(w, m.status, m.status === 301 ? 'Moved Permanently' : 'Permanent Redirect');
    case 'method-not-allowed':
      w.header().set('Allow', m.allow.join(', '));
      return plain(w, 405, 'Method Not Allowed');
    case 'bad-request':
      return plain(w, 400, `Bad Request: ${m.reason}`);
    case 'not-found':
      return plain(w, 404, '404 page not found');
    default:
      return unreachable(m);
  }
}

// Go's http.Error: a short plain-text body. The writer's promise, if it gives one, is returned
// to the caller (the transport), so that a failed write is never an unhandled rejection.
function plain(w: HandleWriter, status: number, text: string): void | Promise<void> {
  w.header().set('Content-Type', 'text/plain; charset=utf-8');
  w.header().set('X-Content-Type-Options', 'nosniff');
  w.writeHeader(status);
  const done = w.end(`${text}\n`);
  return done instanceof Promise ? done.then(() => undefined) : undefined;
}

function unreachable(m: never): never {
  throw new Error(`unknown lookup ${JSON.stringify(m)}`);
}
