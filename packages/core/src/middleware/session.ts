import type { Context, HandlerFunc } from '../context.js';
import { CoreError } from '../errors.js';
import type { CookieOptions } from '../request/cookie.js';
import { newSessionId, Session } from '../session/session.js';
import type { SessionRecord, SessionStore } from '../session/store.js';
import { checkOptions, optionCheck } from './options-check.js';

/** The session cookie's name and attributes. */
export interface SessionCookieOptions extends Omit<CookieOptions, 'signed' | 'expires' | 'secure'> {
  /** The cookie's name. Default `session`. */
  name?: string;
  /**
   * Whether the cookie is `Secure`: `'auto'` (the default) marks it so on HTTPS requests
   * (`c.protocol()`: a TLS connection, or a trusted proxy's X-Forwarded-Proto), as
   * express-session's `'auto'`; `true` always, `false` never.
   */
  secure?: boolean | 'auto';
  /**
   * Seconds a session lives after it was last written: the cookie's Max-Age, the expiry signed
   * into a cookie-stored session, and the store's TTL. Default 86400 (one day).
   */
  maxAge?: number;
}

/** Options of {@link session}. */
export interface SessionOptions {
  /**
   * Where sessions live. Default: in the cookie itself, signed with the Engine's `keys` (the
   * whole record, at most 4096 bytes of cookie). With a store, the cookie carries only the
   * signed session id.
   */
  store?: SessionStore;
  /** The cookie's name and attributes. Default `session`, HttpOnly, SameSite=Lax, Path=/, one day, Secure on HTTPS. */
  cookie?: SessionCookieOptions;
  /**
   * Write the session back on every response, so it expires `maxAge` after the last request
   * instead of after the last change. Default false.
   */
  rolling?: boolean;
}

// Browsers keep a cookie of at most 4096 bytes, name and value together (RFC 6265 §6.1).
const MAX_COOKIE = 4096;
// `.` and a 43-character signature.
const SIGNATURE = 44;

const cookieKeys = ['name', 'maxAge', 'path', 'domain', 'secure', 'httpOnly', 'sameSite'];

/** The cookie store's payload: the id, the expiry (ms since the epoch) and the record. */
interface Payload {
  i: string;
  e: number;
  d: SessionRecord;
}

function decodePayload(text: string): Payload | undefined {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
    if (typeof parsed !== 'object' || parsed === null) return undefined;
    const p = parsed as Partial<Payload>;
    if (typeof p.i !== 'string' || typeof p.e !== 'number') return undefined;
    const d: unknown = p.d;
    if (typeof d !== 'object' || d === null || Array.isArray(d)) return undefined;
    return p as Payload;
  } catch {
    return undefined;
  }
}

/**
 * Sessions, `c.session`, kept by default in a cookie signed with the Engine's `keys` (so the
 * Engine needs `keys`), or server-side in `store` with only the signed id in the cookie. A
 * session is written back only when it changed (or on every response with `rolling`); a
 * tampered, unsigned or expired cookie reads as a new, empty session.
 */
export function session(options: SessionOptions = {}): HandlerFunc {
  checkOptions('session', options, ['store', 'cookie', 'rolling']);
  const cookie = options.cookie ?? {};
  checkOptions('session cookie', cookie, cookieKeys);
  const store = options.store;
  if (store !== undefined) {
    const methods = store as unknown as Record<string, unknown> | null;
    optionCheck('session', methods !== null && ['get', 'set', 'destroy'].every((m) => typeof methods[m] === 'function'), 'store must have get, set and destroy methods');
  }
  const { name = 'session', maxAge = 86400, secure = 'auto', ...attributes } = cookie;
  optionCheck('session', Number.isFinite(maxAge) && maxAge > 0, `cookie.maxAge must be a positive number of seconds, got ${String(maxAge)}`);
  const given: unknown = secure;
  optionCheck('session', typeof given === 'boolean' || given === 'auto', `cookie.secure must be true, false or 'auto', got ${String(given)}`);
  const rolling = options.rolling ?? false;
  const fixed = { ...attributes, secure: secure === true };
  const overTLS = { ...attributes, secure: true };
  const attributesOf: AttributesOf = secure === 'auto' ? (c) => (c.protocol() === 'https' ? overTLS : fixed) : () => fixed;
  const writeBack = store === undefined ? cookieWriter(name, maxAge, attributesOf) : storeWriter(store, name, maxAge, attributesOf);

  return async function sessionMiddleware(c: Context): Promise<void> {
    const s = store === undefined ? readCookie(c, name) : await readStore(c, name, store);
    c.set('session', s);
    let saving: Promise<void> | undefined;
    c.beforeHeaders(() => {
      // A new session nobody touched sets no cookie, rolling or not.
      if (!s.changed && (!rolling || s.isNew)) return;
      saving = writeBack(c, s);
    });
    await c.next();
    if (saving !== undefined) await saving;
  };
}

function readCookie(c: Context, name: string): Session {
  const raw = c.cookie(name, { signed: true });
  const p = raw === undefined ? undefined : decodePayload(raw);
  if (p === undefined || p.e <= Date.now()) return new Session(newSessionId(), undefined);
  return new Session(p.i, p.d);
}

async function readStore(c: Context, name: string, store: SessionStore): Promise<Session> {
  const id = c.cookie(name, { signed: true });
  const record = id === undefined ? undefined : await store.get(id);
  // An id the store does not know is never adopted: a new session gets a new id.
  return record === undefined || id === undefined ? new Session(newSessionId(), undefined) : new Session(id, record);
}

// The cookie's attributes for one answer: Secure may depend on the request.
type AttributesOf = (c: Context) => Omit<CookieOptions, 'signed' | 'expires' | 'maxAge'>;
type WriteBack = (c: Context, s: Session) => Promise<void> | undefined;

function cookieWriter(name: string, maxAge: number, attributesOf: AttributesOf): WriteBack {
  return (c, s) => {
    const attributes = attributesOf(c);
    if (s.destroyed) {
      c.setCookie(name, '', { ...attributes, maxAge: 0 });
      return undefined;
    }
    const payload: Payload = { i: s.id, e: Date.now() + maxAge * 1000, d: s.toRecord() };
    const value = Buffer.from(JSON.stringify(payload), 'utf8').toString('base64url');
    const size = name.length + 1 + value.length + SIGNATURE;
    if (size > MAX_COOKIE) {
      throw new CoreError('ERR_CORE_SESSION', `session: the cookie-stored session is ${size} bytes, over the ${MAX_COOKIE} browsers keep; store less in it or use session({ store })`);
    }
    c.setCookie(name, value, { ...attributes, maxAge, signed: true });
    return undefined;
  };
}

function storeWriter(store: SessionStore, name: string, maxAge: number, attributesOf: AttributesOf): WriteBack {
  return (c, s) => {
    const attributes = attributesOf(c);
    const ops: (Promise<void> | void)[] = [];
    if (s.previousId !== undefined) ops.push(store.destroy(s.previousId));
    if (s.destroyed) {
      c.setCookie(name, '', { ...attributes, maxAge: 0 });
      ops.push(store.destroy(s.id));
    } else {
      c.setCookie(name, s.id, { ...attributes, maxAge, signed: true });
      ops.push(store.set(s.id, s.toRecord(), maxAge * 1000));
    }
    // The answer is on its way: a store that fails now is logged, not answered.
    return Promise.all(ops.map(async (op) => op)).then(
      () => undefined,
      (err: unknown) => {
        c.log.error({ err }, 'session: saving to the store failed');
      },
    );
  };
}
