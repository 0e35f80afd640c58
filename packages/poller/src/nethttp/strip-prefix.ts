// Go's http.StripPrefix.
import type { Handler } from '../http/handler.js';
import { notFound } from './error.js';
import { RoutedRequest } from './routed-request.js';

/**
 * The Handler serving requests whose path starts with `prefix` through `h`, with the prefix
 * removed from `r.path` (the escaped path, as sent); any other request gets 404. An empty
 * prefix returns `h` itself.
 */
export function stripPrefix(prefix: string, h: Handler): Handler {
  if (prefix === '') return h;
  return {
    serveHTTP(w, r) {
      if (!r.path.startsWith(prefix)) return notFound(w, r);
      return h.serveHTTP(w, new RoutedRequest(r, { path: r.path.slice(prefix.length) }));
    },
  };
}
