// The request checks of the node transport: node:http's parsed request seen as the RequestHead
// the netpoll parser produces, so both transports refuse a request through the same rules.
import type { IncomingMessage } from 'node:http';
import { HttpError } from '../http/errors.js';
import type { ResolvedTransportOptions } from '../http/options.js';
import { RequestHead } from '../http/request-head.js';
import { checkRequest } from '../http/rules.js';

/**
 * Checks a request node:http parsed as netpoll checks one it parsed: first the limits netpoll's
 * parser enforces while reading (target length 414, head size 431), then the shared server
 * rules of `checkRequest`. Returns the first broken rule, or null when the request may be
 * served.
 */
export function checkNodeRequest(req: IncomingMessage, head: NodeHead, options: ResolvedTransportOptions): HttpError | null {
  if (req.url!.length > options.maxUriBytes) {
    return HttpError.of('ERR_HTTP_URI_TOO_LONG', `request target longer than ${options.maxUriBytes} bytes`);
  }
  if (head.bytes > options.maxHeaderBytes) {
    return HttpError.of('ERR_HTTP_HEADERS_TOO_LARGE', `request head larger than ${options.maxHeaderBytes} bytes`);
  }
  return checkRequest(head, options);
}

/** A RequestHead with the size of the head as it came. */
export class NodeHead extends RequestHead {
  /**
   * Request line, then "name: value" CRLF per field (node trims the optional whitespace around
   * values, so this may undercount by those bytes).
   */
  bytes = 0;
}

/**
 * The RequestHead of a request node:http parsed, found in one pass over its raw header;
 * `upgrade` marks an Upgrade or CONNECT request node:http handed over.
 */
export function nodeRequestHead(req: IncomingMessage, upgrade: boolean): NodeHead {
  const h = new NodeHead();
  h.method = req.method!;
  h.url = req.url!;
  // node's parser reads only HTTP (and RTSP, as HTTP): the protocol is HTTP here.
  h.major = req.httpVersionMajor;
  h.minor = req.httpVersionMinor;
  h.upgrade = upgrade;
  const raw = req.rawHeaders;
  let bytes = h.method.length + h.url.length + 12;
  for (let i = 0; i < raw.length; i += 2) {
    const name = raw[i]!;
    const value = raw[i + 1]!;
    bytes += name.length + value.length + 4;
    switch (name.length) {
      case 4:
        if (sameToken(name, 'host')) {
          if (h.hostCount++ === 0) h.host = value;
        }
        break;
      case 6:
        if (sameToken(name, 'expect')) h.expect = value.toLowerCase();
        break;
      case 14:
        if (h.contentLength >= 0 && sameToken(name, 'content-length')) h.contentLength = Number(value);
        break;
      case 17:
        if (sameToken(name, 'transfer-encoding')) {
          h.contentLength = -1;
          h.chunked = true;
          // node's parser only lets through codings that end in chunked; others are unknown here.
          if (value.trim().toLowerCase() !== 'chunked') h.unsupportedCoding = true;
        }
        break;
    }
  }
  h.bytes = bytes;
  return h;
}

/** Compares a header name with a lower-case token, ignoring ASCII case, without allocating. */
export function sameToken(name: string, lower: string): boolean {
  for (let i = 0; i < lower.length; i++) {
    if ((name.charCodeAt(i) | 0x20) !== lower.charCodeAt(i)) return false;
  }
  return true;
}
