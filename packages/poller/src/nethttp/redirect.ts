// Go's http.Redirect and RedirectHandler.
import type { Handler, Request, ResponseWriter } from '../http/handler.js';
import { statusText } from '../http/status.js';
import { clean } from './clean-path.js';

function hexEscapeNonASCII(s: string): string {
  let out = '';
  for (const b of Buffer.from(s, 'utf8')) out += b >= 0x80 ? '%' + b.toString(16).toUpperCase() : String.fromCharCode(b);
  return out;
}

function htmlEscape(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&#34;', "'": '&#39;' })[c]!);
}

function isAbsolute(url: string): boolean {
  return /^[A-Za-z][A-Za-z0-9+.-]*:/.test(url) || url.startsWith('//');
}

/**
 * Answers with a redirect to `url` (3xx `code`), as Go's `http.Redirect`: a relative `url` is
 * resolved against the request path and cleaned (its trailing slash kept), non-ASCII bytes of
 * the Location are percent-escaped, and a GET gets a small HTML body with the link (unless the
 * handler set a Content-Type).
 */
export function redirect(w: ResponseWriter, r: Request, url: string, code: number): Promise<void> {
  if (!isAbsolute(url)) {
    if (url === '' || url[0] !== '/') {
      const old = r.path === '' ? '/' : r.path;
      url = old.slice(0, old.lastIndexOf('/') + 1) + url;
    }
    let query = '';
    const q = url.indexOf('?');
    if (q >= 0) {
      query = url.slice(q);
      url = url.slice(0, q);
    }
    const trailing = url.endsWith('/');
    url = clean(url);
    if (trailing && !url.endsWith('/')) url += '/';
    url += query;
  }
  const h = w.header();
  const hadType = h.has('content-type');
  h.set('Location', hexEscapeNonASCII(url));
  if (!hadType && (r.method === 'GET' || r.method === 'HEAD')) h.set('Content-Type', 'text/html; charset=utf-8');
  w.writeHeader(code);
  if (!hadType && r.method === 'GET') return w.end(`<a href="${htmlEscape(url)}">${statusText(code)}</a>.\n\n`);
  return w.end();
}

/** The Handler redirecting every request to `url` with `code` (Go's `http.RedirectHandler`). */
export function redirectHandler(url: string, code: number): Handler {
  return { serveHTTP: (w, r) => redirect(w, r, url, code) };
}
