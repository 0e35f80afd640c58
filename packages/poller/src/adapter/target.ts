// The path and query of a request target, in the four forms of RFC 9112 §3.2.

/** A request target's undecoded path and raw query. */
export interface Target {
  /** The path as sent, undecoded (the target itself in authority and asterisk form). */
  readonly path: string;
  /** The query without `?`, empty when there is none. */
  readonly rawQuery: string;
}

/** Splits a request target into its undecoded path and its raw query (without `?` or `#fragment`). */
export function splitTarget(url: string): Target {
  let start = 0;
  if (url.charCodeAt(0) !== 0x2f /* / */) {
    const scheme = url.indexOf('://');
    // authority-form (CONNECT host:port) and asterisk-form are their own path.
    if (scheme < 0) return { path: url, rawQuery: '' };
    const slash = url.indexOf('/', scheme + 3);
    const q = url.indexOf('?', scheme + 3);
    if (slash < 0 || (q >= 0 && q < slash)) return { path: '/', rawQuery: queryOf(url, q) };
    start = slash;
  }
  const q = url.indexOf('?', start);
  if (q < 0) {
    const hash = url.indexOf('#', start);
    return { path: hash < 0 ? (start === 0 ? url : url.slice(start)) : url.slice(start, hash), rawQuery: '' };
  }
  return { path: url.slice(start, q), rawQuery: queryOf(url, q) };
}

function queryOf(url: string, q: number): string {
  if (q < 0) return '';
  const hash = url.indexOf('#', q);
  return hash < 0 ? url.slice(q + 1) : url.slice(q + 1, hash);
}
