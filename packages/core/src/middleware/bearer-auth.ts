import type { Context, HandlerFunc } from '../context.js';
import { documentMiddleware } from '../openapi/middleware-doc.js';
import { challenge, credentials, quoted } from './challenge.js';
import { checkOptions, optionCheck } from './options-check.js';
import { safeEqual } from './safe-equal.js';

/** Options of {@link bearerAuth}: the accepted tokens, or a function checking one. */
export type BearerAuthOptions =
  | {
      /** The accepted token, or tokens. */
      token: string | readonly string[];
      /** The challenge's realm. Default empty. */
      realm?: string;
    }
  | {
      /** Checks a token. */
      verify: (token: string, c: Context) => boolean | Promise<boolean>;
      /** The challenge's realm. Default empty. */
      realm?: string;
    };

/**
 * Bearer token authentication (RFC 6750 §3). No Authorization header: 401 with
 * `WWW-Authenticate: Bearer realm="…"` and no error code; a header of another scheme or a
 * malformed token: 400 with `error="invalid_request"`; a token not accepted: 401 with
 * `error="invalid_token"`. Tokens are compared in constant time, over hashes.
 */
export function bearerAuth(options: BearerAuthOptions): HandlerFunc {
  checkOptions('bearerAuth', options, ['token', 'verify', 'realm']);
  const o = options as { token?: unknown; verify?: unknown };
  optionCheck('bearerAuth', (o.token === undefined) !== (o.verify === undefined), 'give one of the options "token" and "verify"');
  optionCheck('bearerAuth', o.verify === undefined || typeof o.verify === 'function', 'option "verify" must be a function');
  let verify: (token: string, c: Context) => boolean | Promise<boolean>;
  if ('verify' in options) verify = options.verify;
  else {
    const tokens = typeof options.token === 'string' ? [options.token] : [...options.token];
    optionCheck('bearerAuth', tokens.length > 0 && tokens.every((t) => typeof t === 'string' && t !== ''), 'option "token" must be a non-empty string or list of them');
    verify = (token) => {
      let ok = false;
      for (const t of tokens) ok = safeEqual(token, t) || ok;
      return ok;
    };
  }
  const realm = `realm=${quoted(options.realm ?? '')}`;

  const doc = { responses: { 400: 'A malformed Authorization header', 401: 'No valid bearer token' }, security: { name: 'bearerAuth', scheme: { type: 'http', scheme: 'bearer' } } } as const;
  return documentMiddleware(async function bearerAuth(c: Context): Promise<void> {
    const token = credentials(c, 'Bearer');
    if (token === undefined) { challenge(c, 401, `Bearer ${realm}`); return; }
    if (token === null) { challenge(c, 400, `Bearer ${realm}, error="invalid_request"`); return; }
    if (!(await verify(token, c))) { challenge(c, 401, `Bearer ${realm}, error="invalid_token"`); return; }
    await c.next();
  }, doc);
}
