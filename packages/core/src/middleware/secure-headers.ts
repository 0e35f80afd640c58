import { randomBytes } from 'node:crypto';
import { HeaderFields, isValidFieldValue } from '@sloe/poller';
import type { Context, HandlerFunc } from '../context.js';
import { checkOptions, optionCheck } from './options-check.js';

/**
 * A header of {@link secureHeaders}: true sends the default value, false sends nothing, a
 * string sends that value.
 */
export type SecureHeaderSetting = boolean | string;

/**
 * Content-Security-Policy directives, by name (`defaultSrc` or `default-src`) → sources. The
 * source `'nonce'` is replaced by `'nonce-<value>'`, a fresh value per request that handlers
 * read with `c.get('cspNonce')` and pass to their templates.
 */
export type ContentSecurityPolicy = Record<string, readonly string[]>;

/** Options of {@link secureHeaders}: each header on (its default), off, or a value of its own. */
export interface SecureHeadersOptions {
  /** Content-Security-Policy directives. Default: none sent. */
  contentSecurityPolicy?: ContentSecurityPolicy | false;
  /** Cross-Origin-Embedder-Policy. Default false (`require-corp` when true). */
  crossOriginEmbedderPolicy?: SecureHeaderSetting;
  /** Cross-Origin-Resource-Policy. Default `same-origin`. */
  crossOriginResourcePolicy?: SecureHeaderSetting;
  /** Cross-Origin-Opener-Policy. Default `same-origin`. */
  crossOriginOpenerPolicy?: SecureHeaderSetting;
  /** Origin-Agent-Cluster. Default `?1`. */
  originAgentCluster?: SecureHeaderSetting;
  /** Referrer-Policy. Default `no-referrer`. */
  referrerPolicy?: SecureHeaderSetting;
  /** Strict-Transport-Security, sent on HTTPS requests only. Default `max-age=15552000; includeSubDomains`. */
  strictTransportSecurity?: SecureHeaderSetting;
  /** X-Content-Type-Options. Default `nosniff`. */
  xContentTypeOptions?: SecureHeaderSetting;
  /** X-DNS-Prefetch-Control. Default `off`. */
  xDnsPrefetchControl?: SecureHeaderSetting;
  /** X-Download-Options. Default `noopen`. */
  xDownloadOptions?: SecureHeaderSetting;
  /** X-Frame-Options. Default `SAMEORIGIN`. */
  xFrameOptions?: SecureHeaderSetting;
  /** X-Permitted-Cross-Domain-Policies. Default `none`. */
  xPermittedCrossDomainPolicies?: SecureHeaderSetting;
  /** X-XSS-Protection. Default `0` (the old filter off, as helmet and Hono send). */
  xXssProtection?: SecureHeaderSetting;
}

type HeaderKey = Exclude<keyof SecureHeadersOptions, 'contentSecurityPolicy'>;

// Name, default value, on by default: helmet's and Hono's defaults.
const HEADERS: Record<HeaderKey, readonly [string, string, boolean]> = {
  crossOriginEmbedderPolicy: ['Cross-Origin-Embedder-Policy', 'require-corp', false],
  crossOriginResourcePolicy: ['Cross-Origin-Resource-Policy', 'same-origin', true],
  crossOriginOpenerPolicy: ['Cross-Origin-Opener-Policy', 'same-origin', true],
  originAgentCluster: ['Origin-Agent-Cluster', '?1', true],
  referrerPolicy: ['Referrer-Policy', 'no-referrer', true],
  strictTransportSecurity: ['Strict-Transport-Security', 'max-age=15552000; includeSubDomains', true],
  xContentTypeOptions: ['X-Content-Type-Options', 'nosniff', true],
  xDnsPrefetchControl: ['X-DNS-Prefetch-Control', 'off', true],
  xDownloadOptions: ['X-Download-Options', 'noopen', true],
  xFrameOptions: ['X-Frame-Options', 'SAMEORIGIN', true],
  xPermittedCrossDomainPolicies: ['X-Permitted-Cross-Domain-Policies', 'none', true],
  xXssProtection: ['X-XSS-Protection', '0', true],
};

const NONCE = "'nonce'";

function kebab(name: string): string {
  return name.replace(/[A-Z]/g, (m) => `-${m.toLowerCase()}`);
}

/**
 * Security response headers with helmet's and Hono's defaults, each switchable. Unlike them,
 * Strict-Transport-Security is sent only on HTTPS requests (`c.protocol()`: TLS, or a trusted proxy's
 * X-Forwarded-Proto), since HSTS over plain HTTP is ignored by browsers and misleads. With a
 * Content-Security-Policy whose sources include `'nonce'`, each request gets a fresh nonce,
 * read with `c.get('cspNonce')`.
 */
export function secureHeaders(options: SecureHeadersOptions = {}): HandlerFunc {
  checkOptions('secureHeaders', options, ['contentSecurityPolicy', ...Object.keys(HEADERS)]);
  // The fixed headers, validated and serialized once, set together on every request.
  const fixed: [string, string][] = [];
  let hsts: string | undefined;
  for (const [key, [name, value, on]] of Object.entries(HEADERS) as [HeaderKey, readonly [string, string, boolean]][]) {
    const setting = options[key] ?? on;
    optionCheck('secureHeaders', typeof setting === 'boolean' || (typeof setting === 'string' && setting !== ''), `option "${key}" must be a boolean or a non-empty string`);
    if (setting === false) continue;
    const v = setting === true ? value : setting;
    if (key === 'strictTransportSecurity') hsts = v;
    else fixed.push([name, v]);
  }
  const policy = options.contentSecurityPolicy;
  let csp: string | undefined;
  let nonce = false;
  // The policy cut at each 'nonce', joined again around each request's own value.
  let cspAround: string[] = [];
  if (policy !== undefined && policy !== false) {
    optionCheck('secureHeaders', typeof (policy as unknown) === 'object' && (policy as unknown) !== null, 'option "contentSecurityPolicy" must be an object of directives');
    const parts: string[] = [];
    for (const [name, sources] of Object.entries(policy)) {
      optionCheck('secureHeaders', Array.isArray(sources), `contentSecurityPolicy.${name} must be a list of sources`);
      if (sources.includes(NONCE)) nonce = true;
      parts.push(sources.length === 0 ? kebab(name) : `${kebab(name)} ${sources.join(' ')}`);
    }
    csp = parts.join('; ');
    cspAround = csp.split(NONCE);
    if (!nonce) {
      fixed.push(['Content-Security-Policy', csp]);
      csp = undefined;
    }
  }
  for (const [name, value] of fixed) optionCheck('secureHeaders', isValidFieldValue(value), `the value for ${name} cannot be sent in a header: ${JSON.stringify(value)}`);
  const fields = new HeaderFields(fixed);

  // Hot path: no await, so the chain goes on without a promise for this middleware.
  return function secureHeaders(c: Context): void {
    const h = c.writer.header();
    h.setFields(fields);
    if (hsts !== undefined && c.protocol() === 'https') h.set('Strict-Transport-Security', hsts);
    if (csp !== undefined) {
      // base64url: no `+`, `/` or `=` for a template to escape in an attribute (CSP allows it).
      const value = randomBytes(16).toString('base64url');
      c.set('cspNonce', value);
      h.set('Content-Security-Policy', cspAround.join(`'nonce-${value}'`));
    }
  };
}
