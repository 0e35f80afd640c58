// The flash message: set by the request that changes something, shown once by the page it
// redirects to. It lives in a short-lived signed cookie, not in server memory, so it works
// whichever instance serves the next request.
import type { Context } from '@sloe/core';
import type { Signer } from './signer.js';

/** A one-time message about the last change. */
export interface Flash {
  kind: 'success' | 'error';
  message: string;
}

const COOKIE = 'flash';

function isFlash(v: unknown): v is Flash {
  if (typeof v !== 'object' || v === null) return false;
  const f = v as { kind?: unknown; message?: unknown };
  return (f.kind === 'success' || f.kind === 'error') && typeof f.message === 'string';
}

/** Sets the flash shown by the next page. */
export function setFlash(c: Context, signer: Signer, flash: Flash): void {
  const value = Buffer.from(JSON.stringify(flash), 'utf8').toString('base64url');
  c.setCookie(COOKIE, signer.sign(value), { maxAge: 60, httpOnly: true, sameSite: 'Lax' });
}

/** The pending flash, if any (and validly signed); it is cleared so it shows once. */
export function takeFlash(c: Context, signer: Signer): Flash | null {
  const raw = c.cookie(COOKIE);
  if (raw === undefined) return null;
  c.setCookie(COOKIE, '', { maxAge: 0 });
  const value = signer.unsign(raw);
  if (value === null) return null;
  try {
    const parsed: unknown = JSON.parse(Buffer.from(value, 'base64url').toString('utf8'));
    return isFlash(parsed) ? parsed : null;
  } catch {
    return null;
  }
}
