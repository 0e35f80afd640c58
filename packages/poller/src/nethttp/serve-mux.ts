// Go's http.ServeMux with the patterns of Go 1.22 and later: methods, hosts, wildcards and
// `{$}`, the most specific pattern winning, conflicts refused at registration, 405 with Allow
// when only the method differs, and the redirects of the path to its canonical form and of
// `/dir` to `/dir/`.
import type { Handler, Request, ResponseWriter } from '../http/handler.js';
import { statusText } from '../http/status.js';
import { cleanPath, escapePath, pathUnescape, stripHostPort } from './clean-path.js';
import { httpError, notFoundHandler } from './error.js';
import type { HandlerFunc } from './handler-func.js';
import { handlerFunc } from './handler-func.js';
import { MuxError } from './mux-error.js';
import { comparePaths, conflicts, matchPath, parsePattern } from './pattern.js';
import type { Pattern } from './pattern.js';
import { redirectHandler } from './redirect.js';
import { RoutedRequest } from './routed-request.js';

interface Entry {
  readonly pattern: Pattern;
  readonly handler: Handler;
}

interface Match {
  readonly entry: Entry;
  readonly values: [string, string][];
}

/** What {@link ServeMux.handler} found for a request. */
export interface MuxLookup {
  /** The handler to run: the registered one, or a redirect, 405 or 404 handler. Never null. */
  handler: Handler;
  /** The pattern that matched; for a redirect, the path (or pattern) it leads to; '' for 404 and 405. */
  pattern: string;
}

/** The host a request is for: the absolute-form target's, else the Host field's. */
function requestHost(r: Request): string {
  const m = /^[A-Za-z][A-Za-z0-9+.-]*:\/\/([^/?#]*)/.exec(r.url);
  if (m !== null) return m[1]!;
  return r.headers.get('host') ?? '';
}

/** Where a redirect to `path` (escaped) goes, with the request's query. */
function location(path: string, rawQuery: string): string {
  return escapePath(pathUnescape(path)) + (rawQuery === '' ? '' : '?' + rawQuery);
}

/**
 * A request multiplexer, Go's `http.ServeMux`. Patterns are `[METHOD ][HOST]/[PATH]`:
 * `/static/` matches every path under it, `/index.html` only itself, `GET /items/{id}` a GET
 * or HEAD with any single segment there (`r.pathValue('id')`), `/files/{path...}` the rest of
 * the path, `/{$}` only `/` itself. When several patterns match, the most specific wins (a
 * pattern with a host before one without); two patterns that could match the same request with
 * neither more specific are refused when the second is registered.
 */
export class ServeMux implements Handler {
  readonly #entries: Entry[] = [];
  #hosts = false;

  /** Registers `handler` for `pattern`; throws MuxError on a bad or conflicting pattern. */
  handle(pattern: string, handler: Handler): void {
    const p = parsePattern(pattern);
    for (const e of this.#entries) {
      if (conflicts(p, e.pattern)) {
        throw new MuxError('ERR_MUX_PATTERN_CONFLICT', pattern, `pattern "${pattern}" conflicts with pattern "${e.pattern.str}"`);
      }
    }
    this.#entries.push({ pattern: p, handler });
    if (p.host !== '') this.#hosts = true;
  }

  /** Registers the function `fn` for `pattern`, as handle(). */
  handleFunc(pattern: string, fn: HandlerFunc): void {
    this.handle(pattern, handlerFunc(fn));
  }

  /**
   * The handler for `r` and the pattern it matched, as Go's `ServeMux.Handler`: a redirect
   * handler when the path is not canonical (or names a directory without its slash), a 405
   * handler with Allow when only the method differs, else a 404 handler.
   */
  handler(r: Request): MuxLookup {
    const { handler, pattern } = this.#find(r);
    return { handler, pattern };
  }

  /** Dispatches `r` to the handler whose pattern matches it best. */
  serveHTTP(w: ResponseWriter, r: Request): void | Promise<void> {
    if (r.url === '*') {
      w.header().set('Connection', 'close');
      w.writeHeader(400);
      return w.end();
    }
    const found = this.#find(r);
    if (found.match === null) return found.handler.serveHTTP(w, r);
    const routed = new RoutedRequest(r, { pattern: found.pattern, values: found.match.values });
    return found.handler.serveHTTP(w, routed);
  }

  #find(r: Request): MuxLookup & { match: Match | null } {
    const method = r.method;
    let host: string;
    let path: string;
    let match: Match | null;
    if (method === 'CONNECT') {
      host = requestHost(r);
      path = r.path;
      const redirect = this.#slashRedirect(host, method, path, r.rawQuery);
      if (redirect !== null) return { ...redirect, match: null };
      match = this.#match(host, method, path);
    } else {
      host = stripHostPort(requestHost(r));
      path = cleanPath(r.path);
      const redirect = this.#slashRedirect(host, method, path, r.rawQuery);
      if (redirect !== null) return { ...redirect, match: null };
      match = this.#match(host, method, path);
      if (path !== r.path) {
        return { handler: redirectHandler(location(path, r.rawQuery), 301), pattern: match?.entry.pattern.str ?? '', match: null };
      }
    }
    if (match !== null) return { handler: match.entry.handler, pattern: match.entry.pattern.str, match };
    const allowed = this.#allowedMethods(host, path);
    if (allowed.length > 0) {
      const allow = allowed.join(', ');
      const handler: Handler = {
        serveHTTP: (w) => {
          w.header().set('Allow', allow);
          return httpError(w, statusText(405), 405);
        },
      };
      return { handler, pattern: '', match: null };
    }
    return { handler: notFoundHandler(), pattern: '', match: null };
  }

  // The `/dir` to `/dir/` redirect: when no pattern matches `path` exactly but one matches
  // `path/` exactly (any pattern, not only the best, as Go 1.19 looked the two paths up).
  #slashRedirect(host: string, method: string, path: string, rawQuery: string): MuxLookup | null {
    if (path.endsWith('/') || this.#anyExact(host, method, path)) return null;
    const withSlash = path + '/';
    if (!this.#anyExact(host, method, withSlash)) return null;
    return { handler: redirectHandler(location(withSlash, rawQuery), 301), pattern: escapePath(pathUnescape(withSlash)) };
  }

  #anyExact(host: string, method: string, path: string): boolean {
    for (const entry of this.#entries) {
      const p = entry.pattern;
      if (p.host !== '' && p.host !== host) continue;
      if (p.method !== '' && p.method !== method && !(p.method === 'GET' && method === 'HEAD')) continue;
      const values = matchPath(p, path);
      if (values !== null && exact({ entry, values }, path)) return true;
    }
    return false;
  }

  // The best match: a pattern for the host before one without, then one for the method (GET
  // for HEAD) before one for any method, then the most specific path.
  #match(host: string, method: string, path: string): Match | null {
    const hosts = this.#hosts && host !== '' ? [host, ''] : [''];
    const methods = method === 'HEAD' ? ['HEAD', 'GET', ''] : [method, ''];
    for (const h of hosts) {
      for (const m of methods) {
        const found = this.#bestPath(h, m, path);
        if (found !== null) return found;
      }
    }
    return null;
  }

  #bestPath(host: string, method: string, path: string): Match | null {
    let best: Match | null = null;
    for (const entry of this.#entries) {
      const p = entry.pattern;
      if (p.host !== host || p.method !== method) continue;
      const values = matchPath(p, path);
      if (values === null) continue;
      if (best === null || comparePaths(p, best.entry.pattern) === 'moreSpecific') best = { entry, values };
    }
    return best;
  }

  // The methods some pattern accepts for this path (and for it with a trailing slash), sorted.
  #allowedMethods(host: string, path: string): string[] {
    const set = new Set<string>();
    const paths = path.endsWith('/') ? [path] : [path, path + '/'];
    for (const e of this.#entries) {
      const p = e.pattern;
      if (p.method === '' || (p.host !== '' && p.host !== host)) continue;
      if (paths.some((x) => matchPath(p, x) !== null)) set.add(p.method);
    }
    if (set.has('GET')) set.add('HEAD');
    return [...set].sort();
  }
}

// Whether the match consumed the whole path: no match is; a pattern not ending in a
// multi-segment wildcard is; one ending in it only when the wildcard matched nothing.
function exact(m: Match | null, path: string): boolean {
  if (m === null) return false;
  const segs = m.entry.pattern.segments;
  if (segs[segs.length - 1]?.multi !== true) return true;
  if (path.length > 0 && !path.endsWith('/')) return false;
  return segs.length === (path.match(/\//g)?.length ?? 0);
}
