// dial(network, address, options): Go's net.Dial / Dialer.DialContext over node:net's connect.
import { connect, type LookupFunction, type Socket } from 'node:net';
import type { Conn } from './conn.js';
import { parseNetwork, parseTcpAddress } from './addr.js';
import { DialError, type DialFailure } from './errors.js';
import { TCPConn, type TCPConnOptions } from './tcp-conn.js';

/** Options of `dial` (Go's `net.Dialer`). */
export interface DialOptions {
  /** Milliseconds the whole dial (name lookup included) may take; 0 means none, as in Go. Default: none. */
  timeout?: number;
  /** Aborts the dial (Go's context); the connection, once made, is not tied to it. */
  signal?: AbortSignal;
  /** Resolves host names, with node's `dns.lookup` signature (Go's `Dialer.Resolver`). Default: `dns.lookup`. */
  lookup?: LookupFunction;
  /** Received bytes queued before the connection stops reading. Default 64 KiB. */
  readHighWaterMark?: number;
}

/**
 * Connects to `address` (Go's `net.Dial`): `host:port` or `[ipv6]:port` for `tcp`, `tcp4` and
 * `tcp6` (an empty host dials the local system), a socket path for `unix`. Rejects with
 * `UnknownNetworkError`, `AddrError` or `DialError` (`timeout()` true when `timeout` passed).
 */
export function dial(network: string, address: string, options: DialOptions = {}): Promise<Conn> {
  return dialSocket(network, address, options).then(({ socket, connOptions }) => new TCPConn(socket, connOptions));
}

/** A connected node:net socket and the options of its Conn. */
export interface DialedSocket {
  readonly socket: Socket;
  readonly connOptions: TCPConnOptions;
}

/** Connects a node:net socket as `dial` does (the TLS dialer layers TLS on the same one). */
export function dialSocket(network: string, address: string, options: DialOptions): Promise<DialedSocket> {
  const net = parseNetwork(network);
  const connOptions: TCPConnOptions = {};
  if (options.readHighWaterMark !== undefined) connOptions.readHighWaterMark = options.readHighWaterMark;
  let socket: Socket;
  if (net === 'unix') {
    socket = connect({ path: address, allowHalfOpen: true });
    connOptions.unixRemote = address;
    connOptions.unixLocal = '';
  } else {
    const target = parseTcpAddress(net, address);
    socket = connect({
      host: target.host === '' ? 'localhost' : target.host,
      port: target.port,
      family: target.family,
      allowHalfOpen: true,
      noDelay: true,
      keepAlive: true,
      keepAliveInitialDelay: 15_000,
      ...(options.lookup === undefined ? {} : { lookup: options.lookup }),
    });
  }
  return settle(socket, network, address, options, connOptions);
}

function settle(socket: Socket, network: string, address: string, options: DialOptions, connOptions: TCPConnOptions): Promise<DialedSocket> {
  return new Promise((resolve, reject) => {
    const { signal, timeout } = options;
    let timer: NodeJS.Timeout | undefined;
    const fail = (failure: DialFailure, cause?: unknown): void => {
      cleanup();
      // A late error on a socket given up on must not go unhandled.
      socket.on('error', ignore);
      socket.destroy();
      reject(new DialError(network, address, failure, cause));
    };
    const onError = (err: Error): void => {
      fail('system', err);
    };
    const onAbort = (): void => {
      fail('aborted', signal?.reason);
    };
    const onConnect = (): void => {
      cleanup();
      resolve({ socket, connOptions });
    };
    function cleanup(): void {
      if (timer !== undefined) clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      socket.off('connect', onConnect);
      socket.off('error', onError);
    }
    if (signal?.aborted === true) {
      onAbort();
      return;
    }
    socket.once('connect', onConnect);
    socket.once('error', onError);
    signal?.addEventListener('abort', onAbort, { once: true });
    if (timeout !== undefined && timeout > 0) {
      timer = setTimeout(() => {
        fail('timeout');
      }, timeout);
    }
  });
}

function ignore(): void {
  // Swallows errors of a socket whose dial already failed.
}
