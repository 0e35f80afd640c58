import { ianaMethods, netpollTransport, nodeTransport, type TransportOptions } from '@sloe/poller';
import type { Transport } from './http/contract.js';

/** The transports `listen` knows by name. */
export type TransportName = 'node' | 'netpoll';

/**
 * The Transport for a name (or the one given as is). A named transport accepts the IANA methods
 * plus every method the Engine has a route for, so custom methods reach their routes, and bodies
 * up to `maxBodyBytes` (the largest any route accepts) unless `options` sets its own limit.
 */
export function resolveTransport(t: TransportName | Transport, extraMethods: readonly string[], maxBodyBytes: number, options: TransportOptions = {}): Transport {
  if (typeof t !== 'string') return t;
  const methods = new Set([...(options.methods ?? ianaMethods), ...extraMethods]);
  const opts = { ...options, methods, maxBodyBytes: options.maxBodyBytes ?? maxBodyBytes };
  return t === 'netpoll' ? netpollTransport(opts) : nodeTransport(opts);
}
