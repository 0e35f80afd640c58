// Cross-site request forgery protection for the HTML forms, by signed double submit: a random
// token lives in a signed HttpOnly cookie and in a hidden `_csrf` field of every form; a write
// is accepted only when the two agree. Another site can make a browser send the cookie, but it
// can neither read it nor forge the signature, so it cannot fill in the field.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { HttpError, type Context, type HandlerFunc } from '@sloe/core';
import type { Signer } from './signer.js';

const COOKIE = 'csrf';
const FIELD = '_csrf';
const SAFE = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The key under which the middleware stores the request's token for the templates. */
export const CSRF_KEY = 'csrfToken';

/**
 * Middleware: gives every request a token (`c.get(CSRF_KEY)`), issuing the cookie when it is
 * missing or forged, and answers 403 to a write (POST, or a form's PUT/DELETE through
 * `_method`) whose `_csrf` field does not match the cookie.
 */
export function csrfProtection(signer: Signer): HandlerFunc {
  return async function csrf(c: Context): Promise<void> {
    const cookie = c.cookie(COOKIE);
    const known = cookie === undefined ? null : signer.unsign(cookie);
    if (!SAFE.has(c.method)) {
      // A body that is no readable form (too large, malformed, not a form) is answered as what it is.
      const sent = await c.postForm(FIELD);
      if (known === null || sent === undefined || !same(known, sent)) {
        throw new HttpError(403, 'the form has expired or did not come from this site; reload the page and try again', { code: 'ERR_CSRF' });
      }
    }
    let token = known;
    if (token === null) {
      token = randomBytes(24).toString('base64url');
      c.setCookie(COOKIE, signer.sign(token), { httpOnly: true, sameSite: 'Lax' });
    }
    c.set(CSRF_KEY, token);
    await c.next();
  };
}

function same(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
