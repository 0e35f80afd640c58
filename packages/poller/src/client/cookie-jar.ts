// CookieJar and MemoryCookieJar: Go's http.CookieJar interface and an in-memory jar following
// RFC 6265's storage model (as Go's net/http/cookiejar, without a public suffix list).
import { isIP } from 'node:net';
import type { Cookie } from './cookie.js';

/** Stores and returns cookies for a Client (Go's `http.CookieJar`). */
export interface CookieJar {
  /** Takes the cookies of a response to a request for `url`. */
  setCookies(url: URL, cookies: readonly Cookie[]): void;
  /** The cookies to send with a request for `url`. */
  cookies(url: URL): Cookie[];
}

interface Entry {
  name: string;
  value: string;
  domain: string;
  path: string;
  hostOnly: boolean;
  secure: boolean;
  httpOnly: boolean;
  /** Epoch ms, Infinity for a session cookie. */
  expires: number;
  created: number;
  seq: number;
}

/**
 * A cookie jar in memory (Go's `cookiejar.Jar`, with no public suffix list: a Domain attribute
 * naming a single label, such as `com`, is refused). Cookies are scoped by domain (host-only
 * unless Domain was given), path and Secure, expire by Max-Age or Expires, and are returned
 * longest path first, then oldest first.
 */
export class MemoryCookieJar implements CookieJar {
  readonly #entries = new Map<string, Entry>();
  readonly #now: () => number;
  #seq = 0;

  /** `now` is the clock (epoch ms); tests pass a fixed one. */
  constructor(now: () => number = Date.now) {
    this.#now = now;
  }

  /** {@inheritDoc CookieJar.setCookies} */
  setCookies(url: URL, cookies: readonly Cookie[]): void {
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return;
    const host = canonicalHost(url.hostname);
    const now = this.#now();
    for (const c of cookies) {
      const scope = this.#domain(host, c.domain ?? '');
      if (scope === null) continue;
      const path = c.path !== undefined && c.path.startsWith('/') ? c.path : defaultPath(url.pathname);
      const key = `${scope.domain};${path};${c.name}`;
      const maxAge = c.maxAge ?? 0;
      const expires = maxAge < 0 ? now : maxAge > 0 ? now + maxAge * 1000 : c.expires !== undefined ? c.expires.getTime() : Infinity;
      const old = this.#entries.get(key);
      if (expires <= now) {
        this.#entries.delete(key);
        continue;
      }
      this.#entries.set(key, {
        name: c.name,
        value: c.value,
        domain: scope.domain,
        path,
        hostOnly: scope.hostOnly,
        secure: c.secure === true,
        httpOnly: c.httpOnly === true,
        expires,
        created: old?.created ?? now,
        seq: old?.seq ?? this.#seq++,
      });
    }
  }

  /** {@inheritDoc CookieJar.cookies} */
  cookies(url: URL): Cookie[] {
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return [];
    const host = canonicalHost(url.hostname);
    const path = url.pathname === '' ? '/' : url.pathname;
    const https = url.protocol === 'https:';
    const now = this.#now();
    const picked: Entry[] = [];
    for (const [key, e] of this.#entries) {
      if (e.expires <= now) {
        this.#entries.delete(key);
        continue;
      }
      if (e.secure && !https) continue;
      if (e.hostOnly ? host !== e.domain : !domainMatch(host, e.domain)) continue;
      if (!pathMatch(path, e.path)) continue;
      picked.push(e);
    }
    picked.sort((a, b) => b.path.length - a.path.length || a.created - b.created || a.seq - b.seq);
    return picked.map((e) => ({ name: e.name, value: e.value }));
  }

  // The domain a cookie is stored under, or null when the host may not set it.
  #domain(host: string, attr: string): { domain: string; hostOnly: boolean } | null {
    if (attr === '') return { domain: host, hostOnly: true };
    const d = canonicalHost(attr);
    if (d === host) return { domain: d, hostOnly: false };
    // An IP address never sets a cookie for another host, nor does anyone for a single label.
    if (isIP(host) !== 0 || !d.includes('.')) return null;
    return domainMatch(host, d) ? { domain: d, hostOnly: false } : null;
  }
}

function canonicalHost(h: string): string {
  const s = h.toLowerCase();
  return s.endsWith('.') ? s.slice(0, -1) : s;
}

// RFC 6265 §5.1.3: the host is the domain or a subdomain of it.
function domainMatch(host: string, domain: string): boolean {
  return host === domain || (host.endsWith('.' + domain) && isIP(host) === 0);
}

// RFC 6265 §5.1.4.
function pathMatch(reqPath: string, cookiePath: string): boolean {
  if (reqPath === cookiePath) return true;
  if (!reqPath.startsWith(cookiePath)) return false;
  return cookiePath.endsWith('/') || reqPath[cookiePath.length] === '/';
}

// RFC 6265 §5.1.4: the directory of the request path.
function defaultPath(p: string): string {
  if (!p.startsWith('/')) return '/';
  const i = p.lastIndexOf('/');
  return i === 0 ? '/' : p.slice(0, i);
}
