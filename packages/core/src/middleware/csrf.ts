import { createHmac, randomBytes } from 'node:crypto';
import { documentMiddleware } from '../openapi/middleware-doc.js';
import type { Context, HandlerFunc } from '../context.js';
import { HttpError } from '../errors.js';
import { bodyKind } from '../request/content-type.js';
import { checkOptions, optionCheck, requireOption } from './options-check.js';
import { safeEqual } from './safe-equal.js';

/** Options of the signed double-submit token of {@link csrf}. */
export interface CsrfTokenOptions {
  /** The key the token is signed with (HMAC-SHA256). Required. */
  secret: string | Uint8Array;
  /** The cookie holding the signed token. Default `csrf`. */
  cookie?: string;
  /** The request header a script sends the token in. Default `X-CSRF-Token`. */
  header?: string;
  /** The form field a page's form sends the token in. Default `_csrf`. */
  field?: string;
}

/** Options of {@link csrf}. */
export interface CsrfOptions {
  /** Origins (`https://app.example.com`) trusted to send unsafe requests cross-site. Default none. */
  origins?: readonly string[];
  /** Also require a signed double-submit token on unsafe requests (`c.csrfToken()` for forms). Default: off. */
  token?: CsrfTokenOptions;
}

const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

// Thrown, as Hono, Fastify and Express raise theirs, so the application's error handling (the
// recovery middleware, or a page's own) answers it in the page's format.
function forbidden(reason: string): HttpError {
  return new HttpError(403, `forbidden: ${reason}`, { code: 'ERR_CORE_CSRF' });
}

// Go 1.25's CrossOriginProtection.Check: safe methods pass; Sec-Fetch-Site same-origin or none
// passes, any other value fails; without it, an Origin whose host is the Host passes, a request
// with neither header (not from a browser, or same-origin from an old one) passes.
function crossOrigin(c: Context, trusted: ReadonlySet<string>): boolean {
  const site = c.header('sec-fetch-site');
  const origin = c.header('origin');
  if (site !== undefined && site !== '') {
    if (site === 'same-origin' || site === 'none') return false;
    return origin === undefined || !trusted.has(origin);
  }
  if (origin === undefined || origin === '') return false;
  try {
    if (new URL(origin).host === c.header('host')) return false;
  } catch {
    // An Origin that is not a URL (`null`) is cross-origin.
  }
  return !trusted.has(origin);
}

class TokenSigner {
  readonly #secret: string | Uint8Array;

  constructor(secret: string | Uint8Array) {
    this.#secret = secret;
  }

  sign(): string {
    const nonce = randomBytes(18).toString('base64url');
    return `${nonce}.${this.#mac(nonce)}`;
  }

  valid(token: string): boolean {
    const dot = token.indexOf('.');
    if (dot < 0) return false;
    return safeEqual(token.slice(dot + 1), this.#mac(token.slice(0, dot)));
  }

  #mac(nonce: string): string {
    return createHmac('sha256', this.#secret).update(nonce).digest('base64url');
  }
}

/**
 * Cross-site request forgery protection. Unsafe methods (all but GET, HEAD, OPTIONS) whose
 * Sec-Fetch-Site or Origin says they come from another origin are refused with a thrown
 * `HttpError` (403, `ERR_CORE_CSRF`), by Go
 * 1.25's `CrossOriginProtection` algorithm; `origins` lists the ones trusted anyway. With
 * `token`, unsafe requests must also carry, in a header or form field, the signed token of the
 * request's `csrf` cookie: `c.csrfToken()` gives it to templates (and sets the cookie).
 */
export function csrf(options: CsrfOptions = {}): HandlerFunc {
  checkOptions('csrf', options, ['origins', 'token']);
  const trusted = new Set(options.origins ?? []);
  const t = options.token;
  let signer: TokenSigner | undefined;
  let cookie = 'csrf';
  let header = 'x-csrf-token';
  let field = '_csrf';
  if (t !== undefined) {
    checkOptions('csrf token', t, ['secret', 'cookie', 'header', 'field']);
    requireOption('csrf token', t, 'secret', 'the key the token is signed with');
    optionCheck('csrf', t.secret.length >= 16, 'token.secret must be at least 16 bytes');
    signer = new TokenSigner(t.secret);
    cookie = t.cookie ?? cookie;
    header = t.header ?? header;
    field = t.field ?? field;
  }

  const doc = { responses: { 403: 'A cross-origin request, or a missing or invalid CSRF token' }, skipMethods: [...SAFE] };
  return documentMiddleware(async function csrf(c: Context): Promise<void> {
    const safe = SAFE.has(c.method);
    if (!safe && crossOrigin(c, trusted)) throw forbidden('cross-origin request');
    if (signer !== undefined) {
      const s = signer;
      const given = c.cookie(cookie);
      const current = given !== undefined && s.valid(given) ? given : undefined;
      let token = current;
      c.set('csrfToken', () => {
        if (token === undefined) {
          token = s.sign();
          c.setCookie(cookie, token, { path: '/', httpOnly: true, sameSite: 'Lax', secure: c.protocol() === 'https' });
        }
        return token;
      });
      if (!safe) {
        let sent = c.header(header);
        if (sent === undefined) {
          const kind = bodyKind(c.header('content-type'));
          if (kind === 'urlencoded' || kind === 'multipart') sent = await c.postForm(field);
        }
        if (current === undefined || sent === undefined || !safeEqual(sent, current)) throw forbidden('missing or invalid CSRF token');
      }
    }
    await c.next();
  }, doc);
}
