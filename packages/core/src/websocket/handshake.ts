// The checks of an opening handshake (RFC 6455 §4.2.1) made before the connection is taken
// over, so that a request that is not a WebSocket upgrade gets an ordinary HTTP answer.
import { HttpError } from '../errors.js';
import type { Request } from '../http/contract.js';

const KEY = /^[+/0-9A-Za-z]{22}==$/;

function hasToken(value: string | null, token: string): boolean {
  if (value === null) return false;
  return value.split(',').some((t) => t.trim().toLowerCase() === token);
}

/**
 * What is wrong with `r` as a WebSocket opening handshake, or undefined when nothing is. A
 * request that does not ask for the upgrade, or asks for a version other than 13, is answered
 * 426 with the `Upgrade` and `Sec-WebSocket-Version` the route takes; a malformed key is 400.
 */
export function handshakeError(r: Request): HttpError | undefined {
  const h = r.headers;
  if (r.method !== 'GET' || !hasToken(h.get('upgrade'), 'websocket') || !hasToken(h.get('connection'), 'upgrade')) {
    return new HttpError(426, 'this resource is a WebSocket: send a GET with Upgrade: websocket', { code: 'ERR_CORE_WEBSOCKET_UPGRADE_REQUIRED' });
  }
  if (h.get('sec-websocket-version') !== '13') {
    return new HttpError(426, 'unsupported Sec-WebSocket-Version: this server speaks version 13', { code: 'ERR_CORE_WEBSOCKET_UPGRADE_REQUIRED' });
  }
  if (!KEY.test(h.get('sec-websocket-key') ?? '')) {
    return new HttpError(400, 'missing or malformed Sec-WebSocket-Key', { code: 'ERR_CORE_WEBSOCKET_HANDSHAKE' });
  }
  return undefined;
}
