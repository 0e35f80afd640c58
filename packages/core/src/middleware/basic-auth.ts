import type { Context, HandlerFunc } from '../context.js';
import { documentMiddleware } from '../openapi/middleware-doc.js';
import { challenge, credentials, quoted } from './challenge.js';
import { checkOptions, optionCheck } from './options-check.js';
import { safeEqual } from './safe-equal.js';

/** Options of {@link basicAuth}: one user and password, or a function checking any pair. */
export type BasicAuthOptions =
  | {
      /** The user name. */
      username: string;
      /** The password. */
      password: string;
      /** The challenge's realm. Default `Secure Area`. */
      realm?: string;
    }
  | {
      /** Checks a user name and password. */
      verify: (username: string, password: string, c: Context) => boolean | Promise<boolean>;
      /** The challenge's realm. Default `Secure Area`. */
      realm?: string;
    };

/**
 * HTTP Basic authentication (RFC 7617). A request without valid credentials is answered 401
 * with `WWW-Authenticate: Basic realm="…", charset="UTF-8"`; a valid one goes on with the user
 * name in `c.get('user')`, as gin's BasicAuth stores it. The given user and password are
 * compared with the configured ones in constant time, over hashes, so neither length leaks.
 */
export function basicAuth(options: BasicAuthOptions): HandlerFunc {
  checkOptions('basicAuth', options, ['username', 'password', 'verify', 'realm']);
  const o = options as { username?: unknown; password?: unknown; verify?: unknown; realm?: unknown };
  const byVerify = o.verify !== undefined;
  optionCheck('basicAuth', byVerify ? typeof o.verify === 'function' && o.username === undefined && o.password === undefined : true, 'option "verify" is a function, given instead of "username" and "password"');
  if (!byVerify) {
    optionCheck('basicAuth', typeof o.username === 'string', 'missing option "username" (or give "verify")');
    optionCheck('basicAuth', typeof o.password === 'string', 'missing option "password" (or give "verify")');
    optionCheck('basicAuth', !(o.username as string).includes(':'), 'option "username" cannot contain ":"');
  }
  const verify =
    'verify' in options
      ? options.verify
      : (user: string, pass: string): boolean => {
          // Both compared, always: no early exit tells which one was wrong.
          const u = safeEqual(user, options.username);
          const p = safeEqual(pass, options.password);
          return u && p;
        };
  const header = `Basic realm=${quoted(options.realm ?? 'Secure Area')}, charset="UTF-8"`;

  const doc = { responses: { 401: 'No valid credentials (HTTP Basic)' }, security: { name: 'basicAuth', scheme: { type: 'http', scheme: 'basic' } } } as const;
  return documentMiddleware(async function basicAuth(c: Context): Promise<void> {
    const given = credentials(c, 'Basic');
    if (typeof given === 'string') {
      const decoded = Buffer.from(given, 'base64').toString('utf8');
      const colon = decoded.indexOf(':');
      if (colon >= 0) {
        const user = decoded.slice(0, colon);
        if (await verify(user, decoded.slice(colon + 1), c)) {
          c.set('user', user);
          await c.next();
          return;
        }
      }
    }
    challenge(c, 401, header);
  }, doc);
}
