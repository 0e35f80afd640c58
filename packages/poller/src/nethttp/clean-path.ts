// The path helpers of Go's ServeMux: path.Clean with the trailing slash kept (cleanPath), the
// host without its port (stripHostPort), and url's unescaping and path escaping.

/** Go's `path.Clean`: the shortest equivalent of `p` by purely lexical processing. */
export function clean(p: string): string {
  if (p === '') return '.';
  const rooted = p[0] === '/';
  const out: string[] = [];
  for (const part of p.split('/')) {
    if (part === '' || part === '.') continue;
    if (part === '..') {
      if (out.length > 0 && out[out.length - 1] !== '..') out.pop();
      else if (!rooted) out.push('..');
      continue;
    }
    out.push(part);
  }
  const s = out.join('/');
  if (rooted) return '/' + s;
  return s === '' ? '.' : s;
}

/** The canonical form of a request path, as Go's ServeMux sees it: cleaned, trailing slash kept. */
export function cleanPath(p: string): string {
  if (p === '') return '/';
  if (p[0] !== '/') p = '/' + p;
  let np = clean(p);
  if (p.endsWith('/') && np !== '/') np += '/';
  return np;
}

/** `host` without a trailing `:port` (IPv6 brackets removed with it), else unchanged. */
export function stripHostPort(host: string): string {
  if (!host.includes(':')) return host;
  const m = /^\[([^\]]*)\]:([^\]]*)$/.exec(host) ?? /^([^:[\]]*):([^:[\]]*)$/.exec(host);
  return m === null ? host : m[1]!;
}

/** Percent-decodes a path (Go's `url.PathUnescape`); an invalid escape leaves it as given. */
export function pathUnescape(s: string): string {
  if (!s.includes('%')) return s;
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** Escapes a decoded path as Go's `url.URL.EscapedPath` does for a URL with no raw path. */
export function escapePath(p: string): string {
  let out = '';
  for (const b of new TextEncoder().encode(p)) {
    const c = String.fromCharCode(b);
    out += /[A-Za-z0-9\-_.~$&+,/:;=@]/.test(c) ? c : '%' + b.toString(16).toUpperCase().padStart(2, '0');
  }
  return out;
}
