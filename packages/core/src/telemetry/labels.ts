// Label values for metrics and span attributes, kept to a bounded set: a route's pattern,
// never the raw path, and the registered methods, never whatever a client sends.

const KNOWN_METHODS = new Set(['GET', 'HEAD', 'POST', 'PUT', 'DELETE', 'CONNECT', 'OPTIONS', 'TRACE', 'PATCH', 'QUERY']);

/** The method, or `_OTHER` for one outside the standard set (as OpenTelemetry's conventions say). */
export function methodLabel(method: string): string {
  return KNOWN_METHODS.has(method) ? method : '_OTHER';
}

/** The route's pattern, or `unmatched` when no route matched (404, 405, redirects, OPTIONS). */
export function routeLabel(pattern: string): string {
  return pattern === '' ? 'unmatched' : pattern;
}
