import type { Context } from '../context.js';

/** A quoted-string parameter value (RFC 9110 §5.6.4). */
export function quoted(s: string): string {
  return `"${s.replace(/[\\"]/g, '\\$&')}"`;
}

/**
 * Refuses the request: the status with a WWW-Authenticate challenge and a short text body, and
 * the chain aborted. Used by the authentication middleware.
 */
export function challenge(c: Context, status: 400 | 401, wwwAuthenticate: string): void {
  c.abort();
  c.setHeader('WWW-Authenticate', wwwAuthenticate);
  c.string(status, status === 401 ? 'Unauthorized' : 'Bad Request');
}

const TOKEN68 = /^[A-Za-z0-9\-._~+/]+=*$/;

/**
 * The credentials of an `Authorization: <scheme> <token68>` header: undefined when there is no
 * header, null when it names another scheme or is malformed.
 */
export function credentials(c: Context, scheme: string): string | null | undefined {
  const h = c.header('authorization');
  if (h === undefined) return undefined;
  const space = h.indexOf(' ');
  const name = space < 0 ? h : h.slice(0, space);
  if (name.toLowerCase() !== scheme.toLowerCase()) return null;
  const value = space < 0 ? '' : h.slice(space + 1).trim();
  return TOKEN68.test(value) ? value : null;
}
