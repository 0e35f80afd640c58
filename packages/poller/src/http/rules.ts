// The server's rules on a parsed request head, before any handler sees it: what RFC 9112 and
// RFC 9110 let a parser accept but a server must refuse, each with its status.
import { HttpError } from './errors.js';
import type { RequestHead } from './request-head.js';

/** What the rules need from the transport's options. */
export interface RequestRules {
  /** Accepted methods; others get 501. */
  readonly methods: ReadonlySet<string>;
  /** Largest acceptable Content-Length; more gets 413. */
  readonly maxBodyBytes: number;
}

// uri-host [ ":" port ] bytes: unreserved, sub-delims, ":", "[", "]" and "%" (as Go's validHostHeader).
const HOST_BYTE = new Uint8Array(128);
for (const ch of "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~!$&'()*+,;=:[]%") {
  HOST_BYTE[ch.charCodeAt(0)] = 1;
}

/** Reports whether `v` is a syntactically valid Host value (possibly empty, RFC 9112 §3.2). */
export function isValidHost(v: string): boolean {
  for (let i = 0; i < v.length; i++) {
    const c = v.charCodeAt(i);
    if (c >= 128 || HOST_BYTE[c] !== 1) return false;
  }
  return true;
}

/**
 * Checks a parsed head against the server rules, in this order: protocol (400), version
 * (505), method (501), request-target form (400), Host (400), transfer codings (501),
 * Expect (417), Content-Length over the body limit (413). Returns the first broken rule as an
 * HttpError, or null when the request may be served.
 */
export function checkRequest(h: RequestHead, rules: RequestRules): HttpError | null {
  if (h.protocol !== 'HTTP') return HttpError.of('ERR_HTTP_INVALID_VERSION', `${h.protocol} is not HTTP`);
  if (h.major !== 1 || h.minor > 1) {
    return HttpError.of('ERR_HTTP_VERSION_NOT_SUPPORTED', `${h.proto} is not supported`);
  }
  if (!rules.methods.has(h.method)) {
    return HttpError.of('ERR_HTTP_METHOD_NOT_IMPLEMENTED', `method ${h.method} is not implemented`);
  }
  const target = checkTargetForm(h.method, h.url);
  if (target !== null) return target;
  if (h.hostCount > 1 || (h.minor === 1 && h.hostCount === 0)) {
    return HttpError.of('ERR_HTTP_INVALID_HOST', h.hostCount === 0 ? 'missing Host' : 'several Host fields');
  }
  if (h.host !== null && !isValidHost(h.host)) return HttpError.of('ERR_HTTP_INVALID_HOST', 'invalid Host');
  if (h.unsupportedCoding) {
    return HttpError.of('ERR_HTTP_UNSUPPORTED_TRANSFER_CODING', 'only the chunked transfer coding is implemented');
  }
  // An expectation in an HTTP/1.0 request is ignored (RFC 9110 §10.1.1).
  if (h.expect !== null && h.minor === 1 && h.expect !== '100-continue') {
    return HttpError.of('ERR_HTTP_EXPECTATION_FAILED', `unknown expectation ${JSON.stringify(h.expect)}`);
  }
  if (h.contentLength > rules.maxBodyBytes) {
    return HttpError.of('ERR_HTTP_BODY_TOO_LARGE', `Content-Length ${h.contentLength} is over the limit of ${rules.maxBodyBytes}`);
  }
  return null;
}

/**
 * Checks that `target` is in a request-target form `method` allows (RFC 9112 §3.2): authority
 * form for CONNECT and only there, asterisk form only for OPTIONS, else origin or absolute
 * form. Returns the broken rule as an `ERR_HTTP_INVALID_TARGET` HttpError, or null. Hot path: an
 * origin-form target of a method other than CONNECT is two comparisons.
 */
export function checkTargetForm(method: string, target: string): HttpError | null {
  const t = target;
  const c = t.charCodeAt(0);
  if (method === 'CONNECT') {
    return isAuthorityForm(t) ? null : HttpError.of('ERR_HTTP_INVALID_TARGET', 'CONNECT needs an authority-form target');
  }
  if (c === 0x2f) return null;
  if (t === '*') {
    return method === 'OPTIONS' ? null : HttpError.of('ERR_HTTP_INVALID_TARGET', 'asterisk-form is only for OPTIONS');
  }
  return hasScheme(t) ? null : HttpError.of('ERR_HTTP_INVALID_TARGET', 'request target is not in origin or absolute form');
}

// absolute-form: scheme ":" ..., scheme = ALPHA *( ALPHA / DIGIT / "+" / "-" / "." ).
function hasScheme(t: string): boolean {
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i) | 0x20;
    if (c === 0x3a) return i > 0 && t.length > i + 1;
    const alpha = c >= 0x61 && c <= 0x7a;
    if (i === 0 ? !alpha : !alpha && !(c >= 0x30 && c <= 0x39) && c !== 0x2b && c !== 0x2d && c !== 0x2e) return false;
  }
  return false;
}

// authority-form: uri-host ":" port, with a non-empty port of digits.
function isAuthorityForm(t: string): boolean {
  const colon = t.lastIndexOf(':');
  if (colon <= 0 || colon === t.length - 1) return false;
  for (let i = colon + 1; i < t.length; i++) {
    const c = t.charCodeAt(i);
    if (c < 0x30 || c > 0x39) return false;
  }
  return isValidHost(t.slice(0, colon)) && !t.includes('@');
}
