import type { KeyObject, webcrypto } from 'node:crypto';
import { documentMiddleware } from '../openapi/middleware-doc.js';
import type { JWTVerifyGetKey } from 'jose';
import type { Context } from '../context.js';
import type { Middleware } from '../env.js';
import { challenge, credentials, quoted } from './challenge.js';
import { checkOptions, optionCheck } from './options-check.js';

/**
 * The claims of a verified token, as `c.get('jwtPayload')` gives them: jose's `JWTPayload`,
 * declared here so that an application's type-checker does not load jose's declarations (the
 * verified payload is assigned to it below, so the two cannot drift apart).
 */
export interface JwtPayload {
  /** "iss" (Issuer) Claim. */
  iss?: string;
  /** "sub" (Subject) Claim. */
  sub?: string;
  /** "aud" (Audience) Claim. */
  aud?: string | string[];
  /** "jti" (JWT ID) Claim. */
  jti?: string;
  /** "nbf" (Not Before) Claim, expressed as a NumericDate (seconds since the Unix epoch). */
  nbf?: number;
  /** "exp" (Expiration Time) Claim, expressed as a NumericDate (seconds since the Unix epoch). */
  exp?: number;
  /** "iat" (Issued At) Claim, expressed as a NumericDate (seconds since the Unix epoch). */
  iat?: number;
  /** Any other JWT Claims Set member. */
  [propName: string]: unknown;
}

/** The signature algorithms {@link jwt} verifies. */
export type JwtAlgorithm =
  | 'HS256' | 'HS384' | 'HS512'
  | 'RS256' | 'RS384' | 'RS512'
  | 'PS256' | 'PS384' | 'PS512'
  | 'ES256' | 'ES384' | 'ES512'
  | 'EdDSA' | 'Ed25519';

/** The claim checks and challenge every {@link jwt} setup shares. */
export interface JwtCommonOptions {
  /** The accepted `aud` values. Default: not checked. */
  audience?: string | readonly string[];
  /** The accepted `iss` values. Default: not checked. */
  issuer?: string | readonly string[];
  /** Seconds of clock skew allowed on `exp` and `nbf`. Default 0. */
  clockTolerance?: number;
  /** The challenge's realm. Default empty. */
  realm?: string;
}

/**
 * Options of {@link jwt}: a key (an HMAC secret, a PEM public key or a KeyObject) and its
 * algorithm, or a JWKS URL (keys fetched once and cached, refetched for an unknown `kid`) and
 * the algorithms accepted.
 */
export type JwtOptions =
  | (JwtCommonOptions & { secret: string | Uint8Array | KeyObject; alg: JwtAlgorithm })
  | (JwtCommonOptions & { jwks: string | URL; alg: JwtAlgorithm | readonly JwtAlgorithm[] });

type Jose = typeof import('jose');
type VerifyKey = Uint8Array | KeyObject | webcrypto.CryptoKey | JWTVerifyGetKey;

let jose: Promise<Jose> | undefined;

// jose is loaded on the first token verified, so applications without jwt never load it.
function loadJose(): Promise<Jose> {
  return (jose ??= import('jose'));
}

const KNOWN = ['secret', 'jwks', 'alg', 'audience', 'issuer', 'clockTolerance', 'realm'];

function keyOf(o: JwtOptions): (j: Jose) => Promise<VerifyKey> {
  if ('jwks' in o) {
    let set: JWTVerifyGetKey | undefined;
    return (j) => Promise.resolve((set ??= j.createRemoteJWKSet(new URL(o.jwks))));
  }
  const secret = o.secret;
  if (typeof secret !== 'string') return () => Promise.resolve(secret);
  if (o.alg.startsWith('HS')) {
    const bytes = new TextEncoder().encode(secret);
    return () => Promise.resolve(bytes);
  }
  let key: Promise<webcrypto.CryptoKey> | undefined;
  return (j) => (key ??= j.importSPKI(secret, o.alg));
}

/**
 * Verifies a JSON Web Token from `Authorization: Bearer …` with jose: the signature with the
 * configured key or JWKS, `exp` and `nbf` always, `aud` and `iss` when configured. The claims
 * go on the Context as `c.get('jwtPayload')`, typed and never undefined in the handlers
 * registered after it (a {@link Middleware}). Challenges as RFC 6750 §3 says: 401
 * without a token, 400 `invalid_request` for a malformed header, 401 `invalid_token` for a token
 * that does not verify.
 */
export function jwt(options: JwtOptions): Middleware<{ jwtPayload: JwtPayload }> {
  checkOptions('jwt', options, KNOWN);
  const o = options as unknown as Partial<Record<string, unknown>>;
  optionCheck('jwt', (o['secret'] === undefined) !== (o['jwks'] === undefined), 'give one of the options "secret" and "jwks"');
  optionCheck('jwt', o['alg'] !== undefined, 'missing option "alg" (the algorithm the tokens are signed with)');
  const algorithms = typeof options.alg === 'string' ? [options.alg] : [...options.alg];
  if ('secret' in options && typeof options.secret !== 'object') {
    optionCheck('jwt', options.secret !== '', 'option "secret" is empty');
  }
  const key = keyOf(options);
  const verifyOptions = { algorithms, audience: options.audience as string | string[] | undefined, issuer: options.issuer as string | string[] | undefined, clockTolerance: options.clockTolerance };
  const realm = `realm=${quoted(options.realm ?? '')}`;

  const doc = { responses: { 400: 'A malformed Authorization header', 401: 'No valid token' }, security: { name: 'jwt', scheme: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } } } as const;
  return documentMiddleware(async function jwt(c: Context): Promise<void> {
    const token = credentials(c, 'Bearer');
    if (token === undefined) { challenge(c, 401, `Bearer ${realm}`); return; }
    if (token === null) { challenge(c, 400, `Bearer ${realm}, error="invalid_request"`); return; }
    const j = await loadJose();
    const k = await key(j);
    let payload: JwtPayload;
    try {
      payload = typeof k === 'function' ? (await j.jwtVerify(token, k, verifyOptions)).payload : (await j.jwtVerify(token, k, verifyOptions)).payload;
    } catch (err) {
      // A key set that cannot be fetched is the server's failure, not the token's.
      if (!(err instanceof j.errors.JOSEError) || err instanceof j.errors.JWKSTimeout) throw err;
      c.log.debug({ code: err.code }, 'token refused');
      challenge(c, 401, `Bearer ${realm}, error="invalid_token"`); return;
    }
    c.set('jwtPayload', payload);
    await c.next();
  }, doc);
}
