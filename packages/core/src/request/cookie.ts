/** Parses a Cookie header into name → value (first occurrence wins, values percent-decoded). */
export function parseCookies(header: string | null | undefined): Map<string, string> {
  const out = new Map<string, string>();
  if (header === null || header === undefined) return out;
  for (const pair of header.split(';')) {
    const eq = pair.indexOf('=');
    if (eq < 0) continue;
    const name = pair.slice(0, eq).trim();
    if (name === '' || out.has(name)) continue;
    let value = pair.slice(eq + 1).trim();
    if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) value = value.slice(1, -1);
    try {
      out.set(name, decodeURIComponent(value));
    } catch {
      out.set(name, value);
    }
  }
  return out;
}

/** Attributes of a cookie set with `c.setCookie`. */
export interface CookieOptions {
  /** Max-Age in seconds; 0 or less deletes the cookie. Default: a session cookie. */
  maxAge?: number;
  /** Expiry date. Default: none. */
  expires?: Date;
  /** Path. Default: `/`. */
  path?: string;
  /** Domain. Default: none (the host only). */
  domain?: string;
  /** Secure flag. Default: false. */
  secure?: boolean;
  /** HttpOnly flag. Default: true. */
  httpOnly?: boolean;
  /** SameSite. Default: `Lax`. */
  sameSite?: 'Strict' | 'Lax' | 'None';
  /** Sign the value with the Engine's first key (`new Engine({ keys })`). Default false. */
  signed?: boolean;
}

/** Options of `c.cookie(name, options)`. */
export interface CookieReadOptions {
  /**
   * Return the value only if its signature verifies with one of the Engine's keys; a tampered,
   * unsigned or malformed value reads as undefined. Default false.
   */
  signed?: boolean;
}

const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

/** Serializes a Set-Cookie header value; the value is percent-encoded. */
export function serializeCookie(name: string, value: string, opts: CookieOptions = {}): string {
  if (!TOKEN.test(name)) throw new TypeError(`invalid cookie name ${JSON.stringify(name)}`);
  let out = `${name}=${encodeURIComponent(value)}`;
  if (opts.maxAge !== undefined) out += `; Max-Age=${Math.max(0, Math.floor(opts.maxAge))}`;
  if (opts.expires !== undefined) out += `; Expires=${opts.expires.toUTCString()}`;
  out += `; Path=${opts.path ?? '/'}`;
  if (opts.domain !== undefined) out += `; Domain=${opts.domain}`;
  if (opts.secure === true) out += '; Secure';
  if (opts.httpOnly ?? true) out += '; HttpOnly';
  out += `; SameSite=${opts.sameSite ?? 'Lax'}`;
  return out;
}
