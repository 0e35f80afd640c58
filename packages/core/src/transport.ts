import { ianaMethods, netpollTransport, nodeTransport, type TransportOptions } from '@sloe/poller';
import type { Transport } from './http/contract.js';

/** The transports `listen` knows by name. */
export type TransportName = 'node' | 'netpoll';

/**
 * The Transport for a name (or the one given as is). A named transport accepts the IANA methods
 * plus every method the Engine has a route for, so custom methods reach their routes.
 */
export function resolveTransport(t: TransportName | Transport, extraMethods: readonly string[], options: TransportOptions = {}): Transport {
  if (typeof t !== 'string') return t;
  const methods = new Set([...(options.methods ?? ianaMethods), ...extraMethods]);
  const opts = { ...options, methods };
  return t === 'netpoll' ? netpollTransport(opts) : nodeTransport(opts);
}
