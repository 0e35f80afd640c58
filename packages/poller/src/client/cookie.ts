// Cookie and the parsing of Set-Cookie fields, as Go's net/http readSetCookies: a cookie whose
// name is not a token or whose value holds a byte RFC 6265 forbids is dropped, unknown attributes
// are ignored.
import type { Header } from '../http/header.js';
import { isToken } from '../http/header.js';

/** An HTTP cookie as a Set-Cookie field carries it (Go's `http.Cookie`). */
export interface Cookie {
  name: string;
  value: string;
  /** The Path attribute; '' when absent. */
  path?: string;
  /** The Domain attribute without a leading dot; '' when absent (a host-only cookie). */
  domain?: string;
  /** The Expires attribute; undefined when absent or unparsable. */
  expires?: Date;
  /**
   * Go's convention: 0 means no Max-Age attribute, a negative number means `Max-Age` 0 or less
   * (delete now), a positive number is the lifetime in seconds.
   */
  maxAge?: number;
  secure?: boolean;
  httpOnly?: boolean;
  /** The SameSite attribute as sent (`Lax`, `Strict`, `None`); '' when absent. */
  sameSite?: string;
}

/** The cookies of the Set-Cookie fields of `header`, the malformed ones left out. */
export function readSetCookies(header: Header): Cookie[] {
  const out: Cookie[] = [];
  for (const line of header.getAll('set-cookie')) {
    const c = parseSetCookie(line);
    if (c !== null) out.push(c);
  }
  return out;
}

/** One Set-Cookie value, or null when its name or value is invalid. */
export function parseSetCookie(line: string): Cookie | null {
  const parts = line.split(';');
  const first = parts[0]!.trim();
  const eq = first.indexOf('=');
  if (eq < 0) return null;
  const name = first.slice(0, eq).trim();
  const value = cookieValue(first.slice(eq + 1).trim());
  if (!isToken(name) || value === null) return null;
  const c: Cookie = { name, value, path: '', domain: '', maxAge: 0, secure: false, httpOnly: false, sameSite: '' };
  for (let i = 1; i < parts.length; i++) attribute(c, parts[i]!.trim());
  return c;
}

// Applies one attribute; malformed ones are ignored, as Go does.
function attribute(c: Cookie, part: string): void {
  if (part === '') return;
  const eq = part.indexOf('=');
  const key = (eq < 0 ? part : part.slice(0, eq)).trim().toLowerCase();
  const val = eq < 0 ? '' : part.slice(eq + 1).trim();
  switch (key) {
    case 'secure':
      c.secure = true;
      return;
    case 'httponly':
      c.httpOnly = true;
      return;
    case 'domain':
      if (val !== '') c.domain = (val.startsWith('.') ? val.slice(1) : val).toLowerCase();
      return;
    case 'path':
      c.path = val;
      return;
    case 'max-age': {
      if (!/^-?[0-9]+$/.test(val) || (val.length > 1 && val.startsWith('0'))) return;
      const secs = Number(val);
      c.maxAge = secs <= 0 ? -1 : secs;
      return;
    }
    case 'expires': {
      const t = Date.parse(val);
      if (!Number.isNaN(t)) c.expires = new Date(t);
      return;
    }
    case 'samesite':
      c.sameSite = val;
      return;
  }
}

// RFC 6265 cookie-value: optionally quoted, no CTLs, whitespace, DQUOTE, comma, semicolon or backslash.
function cookieValue(raw: string): string | null {
  const v = raw.length > 1 && raw.startsWith('"') && raw.endsWith('"') ? raw.slice(1, -1) : raw;
  for (let i = 0; i < v.length; i++) {
    const b = v.charCodeAt(i);
    if (b <= 0x20 || b >= 0x7f || b === 0x22 || b === 0x2c || b === 0x3b || b === 0x5c) return null;
  }
  return v;
}

/** The value of a Cookie request field for `cookies`: `a=1; b=2`. */
export function cookieHeader(cookies: readonly Cookie[]): string {
  return cookies.map((c) => `${c.name}=${c.value}`).join('; ');
}
