// The request checks of the HTTP/2 transport: what the HTTP/2 layer (nghttp2) has not already
// refused, checked against the limits and rules every transport applies, from the header list
// in one pass.
import { HttpError } from '../http/errors.js';
import type { ResolvedTransportOptions } from '../http/options.js';

/** What the dispatch needs of a stream's header list, found in one pass. */
export interface Http2Head {
  method: string;
  /** `:path`, or for CONNECT (which has none) `:authority`. */
  target: string;
  authority: string | undefined;
  /** The Content-Length field, or -1 when there is none. */
  contentLength: number;
  /** The Expect field, lower case, or ''. */
  expect: string;
  /** Bytes of the head as HTTP/1.1 would carry it: method, target, then `name: value` CRLF per field. */
  bytes: number;
  /** Set when a field breaks a rule no limit covers. */
  invalid: HttpError | undefined;
}

/** Reads the head of a stream from its raw header list (`[name, value, ...]`, names lower case). */
export function http2Head(raw: readonly string[]): Http2Head {
  const h: Http2Head = { method: '', target: '', authority: undefined, contentLength: -1, expect: '', bytes: 12, invalid: undefined };
  let path: string | undefined;
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i]!;
    const value = raw[i + 1]!;
    h.bytes += name.length + value.length + 4;
    switch (name) {
      case ':method':
        h.method = value;
        break;
      case ':path':
        path = value;
        break;
      case ':authority':
        h.authority = value;
        break;
      case 'content-length':
        if (!/^\d{1,15}$/.test(value) || (h.contentLength >= 0 && h.contentLength !== Number(value))) {
          h.invalid = HttpError.of('ERR_HTTP_INVALID_CONTENT_LENGTH', 'invalid Content-Length');
        }
        h.contentLength = Number(value);
        break;
      case 'expect':
        h.expect = value.toLowerCase();
        break;
    }
  }
  h.target = path ?? h.authority ?? '';
  return h;
}

/**
 * Checks a head as the other transports check theirs, in their order: a target byte outside
 * visible ASCII 400 (the HTTP/2 layer lets obs-text through; a request target never has it),
 * method 501, target length 414, head size 431, a malformed field 400, an unknown expectation 417, a declared body
 * over the limit 413. Returns the first broken rule, or null when the request may be served.
 */
export function checkHttp2Head(h: Http2Head, options: ResolvedTransportOptions): HttpError | null {
  if (!visibleAscii(h.target)) return HttpError.of('ERR_HTTP_INVALID_TARGET', 'a request target byte outside visible ASCII');
  if (!options.methods.has(h.method)) return HttpError.of('ERR_HTTP_METHOD_NOT_IMPLEMENTED', `method ${h.method} not implemented`);
  if (h.target.length > options.maxUriBytes) {
    return HttpError.of('ERR_HTTP_URI_TOO_LONG', `request target longer than ${options.maxUriBytes} bytes`);
  }
  if (h.bytes > options.maxHeaderBytes) {
    return HttpError.of('ERR_HTTP_HEADERS_TOO_LARGE', `request head larger than ${options.maxHeaderBytes} bytes`);
  }
  if (h.invalid !== undefined) return h.invalid;
  if (h.expect !== '' && h.expect !== '100-continue') return HttpError.of('ERR_HTTP_EXPECTATION_FAILED', `unsupported expectation ${h.expect}`);
  if (h.contentLength > options.maxBodyBytes) {
    return HttpError.of('ERR_HTTP_BODY_TOO_LARGE', `request body larger than ${options.maxBodyBytes} bytes`);
  }
  return null;
}

/** Whether every character of `s` is visible ASCII (0x21-0x7e), as a request target's bytes must be (RFC 9112 §3.2). */
function visibleAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x21 || c > 0x7e) return false;
  }
  return true;
}
