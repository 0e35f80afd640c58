// TLSListener: Go's tls.NewListener. The node:net listener accepts as it does for TCP (a
// connection waits in the kernel until accepted); each accepted socket is then wrapped as the
// server side of a TLS connection, whose handshake runs as soon as it is handed out.
import type { Server, Socket } from 'node:net';
import { TLSSocket } from 'node:tls';
import type { Addr, Listener } from '../net/conn.js';
import { ClosedError } from '../net/errors.js';
import { TcpListener } from '../net/listener.js';
import type { TCPConnOptions } from '../net/tcp-conn.js';
import type { TLSConfig } from './config.js';
import { TLSConn } from './conn.js';
import { serverTLS, type ServerTLS } from './node-options.js';

/** A Listener of TLS connections: what it accepts are {@link TLSConn}s. */
export interface TLSListener extends Listener {
  /** {@inheritDoc Listener.accept} The connection's handshake has started, not completed. */
  accept(): Promise<TLSConn>;
  /** Yields accepted connections until the listener is closed. */
  [Symbol.asyncIterator](): AsyncIterator<TLSConn>;
  /**
   * Replaces the configuration for the connections accepted from now on (certificates,
   * getCertificate, ALPN, versions, client authentication), without closing the listener or
   * the connections it accepted: node:tls's `server.setSecureContext`. Throws TLSConfigError
   * for a config no handshake could work with, and then keeps the one it had.
   */
  setConfig(config: TLSConfig): void;
}

/** The TLSListener over a bound node:net server. */
export class TLSServerListener extends TcpListener implements TLSListener {
  readonly #defaultProtos: readonly string[];
  #tls: ServerTLS;

  /**
   * Wraps `server` (bound, with `pauseOnConnect` and `allowHalfOpen`), serving `config`;
   * `defaultProtos` are the ALPN protocols offered when the config names none; `taken` are
   * connections the server emitted before this listener existed (see TcpListener).
   */
  constructor(server: Server, addr: Addr, connOptions: TCPConnOptions, config: TLSConfig, defaultProtos: readonly string[] = [], taken: Iterable<Socket> = []) {
    super(server, addr, connOptions, taken);
    this.#defaultProtos = defaultProtos;
    this.#tls = serverTLS(config, defaultProtos);
  }

  /** {@inheritDoc TLSListener.accept} */
  override async accept(): Promise<TLSConn> {
    const conn = await super.accept();
    // Every connection this listener makes is a TLSConn (see newConn).
    if (!(conn instanceof TLSConn)) throw new TypeError('tls: the listener accepted a connection without TLS');
    return conn;
  }

  /** {@inheritDoc TLSListener.setConfig} */
  setConfig(config: TLSConfig): void {
    this.#tls = serverTLS(config, this.#defaultProtos);
  }

  /** {@inheritDoc TLSListener.[Symbol.asyncIterator]} */
  override async *[Symbol.asyncIterator](): AsyncIterator<TLSConn> {
    for (;;) {
      let conn: TLSConn;
      try {
        conn = await this.accept();
      } catch (err) {
        if (err instanceof ClosedError) return;
        throw err;
      }
      yield conn;
    }
  }

  /** The server side of a TLS connection over the accepted socket. */
  protected override newConn(socket: Socket, options: TCPConnOptions): TLSConn {
    const tls = this.#tls;
    const secure = new TLSSocket(socket, { ...tls.socketOptions, isServer: true });
    return new TLSConn(secure, { ...options, isServer: true, clientAuth: tls.clientAuth });
  }
}
