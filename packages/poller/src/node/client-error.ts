// What the node transport answers when node's parser refuses a request (node:http's
// 'clientError'): the status netpoll gives the same input, in the same plain-text form.
import { HttpError } from '../http/errors.js';
import { statusText } from '../http/status.js';
import { dateLine } from '../http/date.js';

/** A parse error as node:http reports it. */
export interface NodeParseError extends Error {
  code?: string;
  /** The packet the parser was in when it failed. */
  rawPacket?: Buffer;
  /** How far into rawPacket it got. */
  bytesParsed?: number;
}

/** The HttpError netpoll would answer for what node's parser refused. */
export function clientErrorOf(err: NodeParseError): HttpError {
  switch (err.code) {
    case 'HPE_HEADER_OVERFLOW':
      return inRequestTarget(err)
        ? HttpError.of('ERR_HTTP_URI_TOO_LONG', 'request target too long')
        : HttpError.of('ERR_HTTP_HEADERS_TOO_LARGE', 'request head too large');
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return HttpError.of('ERR_HTTP_REQUEST_TIMEOUT', 'request not received in time');
    case 'HPE_CHUNK_EXTENSIONS_OVERFLOW':
      return HttpError.of('ERR_HTTP_INVALID_CHUNK_EXTENSION', 'chunk extensions too long');
    default:
      return HttpError.of('ERR_HTTP_BAD_REQUEST', err.message);
  }
}

/**
 * Whether node's head limit was crossed inside a request target. node counts the target and
 * the fields against one limit and says only "Header overflow", so the packet decides: the line
 * the parser stopped in is a request line (a method, a space, then no second space) or, when it
 * began in an earlier packet, holds no space at all, as a target never does. A field value that
 * long without a space reads as a target too: that is the one misjudged case.
 */
function inRequestTarget(err: NodeParseError): boolean {
  const packet = err.rawPacket;
  if (packet === undefined) return false;
  const end = Math.min(err.bytesParsed ?? packet.length, packet.length);
  const start = end === 0 ? 0 : packet.lastIndexOf(0x0a, end - 1) + 1;
  const sp = packet.indexOf(0x20, start);
  if (sp < 0 || sp >= end) return start === 0;
  if (packet.indexOf(0x20, sp + 1) >= 0 && packet.indexOf(0x20, sp + 1) < end) return false;
  for (let i = start; i < sp; i++) {
    const c = packet[i]!;
    if (c <= 0x20 || c >= 0x7f || c === 0x3a /* : */) return false;
  }
  return sp > start;
}

/** The plain-text body of a refusal, as both transports send it. */
export function refusalBody(status: number, message: string): string {
  return `${status} ${statusText(status)}: ${message}\n`;
}

/** A whole refusal response with `Connection: close`, for a socket node:http no longer serves. */
export function rawRefusal(e: HttpError): string {
  const body = refusalBody(e.status, e.message);
  return (
    `HTTP/1.1 ${e.status} ${statusText(e.status)}\r\n` +
    dateLine() +
    'Content-Type: text/plain; charset=utf-8\r\n' +
    `Content-Length: ${Buffer.byteLength(body)}\r\n` +
    'Connection: close\r\n\r\n' +
    body
  );
}
