import { http2Transport, ianaMethods, netpollTransport, nodeTransport, type Http2Settings, type TLSConfig, type TransportOptions } from '@sloe/poller';
import type { Transport } from './http/contract.js';

/** The transports `listen` knows by name. */
export type TransportName = 'node' | 'netpoll' | 'http2';

/** The options of a named transport: the shared limits, plus HTTP/2's settings for `http2`. */
export type NamedTransportOptions = TransportOptions & Http2Settings;

/**
 * The Transport for a name (or the one given as is). A named transport accepts the IANA methods
 * plus every method the Engine has a route for, so custom methods reach their routes, and bodies
 * up to `maxBodyBytes` (the largest any route accepts) unless `options` sets its own limit; with
 * `tls` it serves HTTPS. A Transport given as is takes its TLS from its own factory: `tls` with
 * one is a TypeError.
 */
export function resolveTransport(t: TransportName | Transport, extraMethods: readonly string[], maxBodyBytes: number, options: NamedTransportOptions = {}, tls?: TLSConfig): Transport {
  if (typeof t !== 'string') {
    if (tls !== undefined) throw new TypeError('listen: `tls` applies to a named transport; give a Transport its TLS config through its factory');
    return t;
  }
  const methods = new Set([...(options.methods ?? ianaMethods), ...extraMethods]);
  const opts = { ...options, methods, maxBodyBytes: options.maxBodyBytes ?? maxBodyBytes, ...(tls === undefined ? {} : { tls }) };
  switch (t) {
    case 'netpoll':
      return netpollTransport(opts);
    case 'http2':
      return http2Transport(opts);
    case 'node':
      return nodeTransport(opts);
  }
}
