// The netpoll transport: HTTP/1.1 served over the Go-style net layer. A listener's accept loop
// hands each connection to a ServerConn; the server keeps the set of live connections for the
// connection limit and for closing, gracefully or not.
import type { Listener } from '../net/conn.js';
import { TCPAddr, joinHostPort } from '../net/addr.js';
import { bindServer, listen } from '../net/listen.js';
import type { TLSConfig } from '../tls/config.js';
import { TLSConfigError } from '../tls/errors.js';
import { TLSServerListener } from '../tls/listener.js';
import { serverTLS } from '../tls/node-options.js';
import type { CloseOptions, Handler, ServeOptions, ServerHandle, ServerStats, Transport } from './handler.js';
import { resolveTransportOptions } from './options.js';
import type { ResolvedTransportOptions, TransportOptions } from './options.js';
import type { Request } from './handler.js';
import { ServerConn } from './server-conn.js';
import type { ServerState } from './server-conn.js';

// How often a graceful close looks again for connections it may close.
const SWEEP_INTERVAL_MS = 250;

/** Options of the netpoll transport: the shared limits, timeouts and methods, and error reporting. */
export interface NetpollTransportOptions extends TransportOptions {
  /**
   * Called with what a handler throws (or rejects with) before the transport answers it, as an
   * HttpError: anything else is wrapped in a `ERR_HTTP_HANDLER_FAILED` error whose `cause` is the thrown
   * value. Not called for a client error the handler passed on (a 4xx HttpError, answered
   * with its status) nor for a write that failed because the client left or was dropped.
   * Default: prints it to stderr, as Go's server logs a handler panic.
   */
  onHandlerError?: (err: unknown, req: Request) => void;
  /**
   * Serve HTTPS: the connections are accepted with `tls.listen`'s listener under this config,
   * and every limit, timeout and rule applies to the decrypted stream as it does to TCP (the
   * handshake counts in the first request's headerTimeout; `hijack()` gives the TLSConn). ALPN
   * offers `nextProtos`, by default `['http/1.1']`. Default: cleartext HTTP.
   */
  tls?: TLSConfig;
}

const printError = (err: unknown, req: Request): void => {
  console.error(`http: handler failed serving ${req.method} ${req.url}:`, err);
};

/**
 * The netpoll transport: a strict HTTP/1.1 server written on the net layer (keep-alive,
 * pipelining with batched writes, chunked bodies both ways, 100-continue, limits and timeouts).
 */
export function netpollTransport(options: NetpollTransportOptions = {}): Transport {
  const resolved = resolveTransportOptions(options);
  const report = options.onHandlerError ?? printError;
  const tls = options.tls;
  // A config that cannot work is refused when the transport is made, as http2Transport refuses.
  if (tls !== undefined) serverTLS(tls, HTTP_PROTOS);
  return {
    async serve(handler: Handler, opts: ServeOptions = {}): Promise<ServerHandle> {
      const port = String(opts.port ?? 0);
      const address = opts.host === undefined || opts.host === '' ? `:${port}` : joinHostPort(opts.host, port);
      const listenOptions = opts.backlog === undefined ? {} : { backlog: opts.backlog };
      let ln: Listener;
      if (tls === undefined) {
        ln = await listen('tcp', address, listenOptions);
      } else {
        const bound = await bindServer('tcp', address, listenOptions);
        ln = new TLSServerListener(bound.server, bound.addr, bound.connOptions, tls, HTTP_PROTOS, bound.taken);
      }
      return new NetpollServer(ln, handler, resolved, report);
    },
  };
}

/** The ALPN protocols of an HTTPS server unless its config names its own. */
const HTTP_PROTOS: readonly string[] = ['http/1.1'];

/** A running netpoll server. */
class NetpollServer implements ServerHandle, ServerState {
  readonly address: string;
  readonly port: number;
  readonly options: ResolvedTransportOptions;
  readonly handler: Handler;
  readonly reportError: (err: unknown, req: Request) => void;
  readonly #ln: Listener;
  readonly #conns = new Set<ServerConn>();
  #accepted = 0;
  #parseErrors = 0;
  #closing = false;
  #closed: Promise<void> | null = null;
  #drained: (() => void) | null = null;

  constructor(ln: Listener, handler: Handler, options: ResolvedTransportOptions, report: (err: unknown, req: Request) => void) {
    this.#ln = ln;
    this.reportError = report;
    this.handler = handler;
    this.options = options;
    this.address = ln.addr.toString();
    this.port = ln.addr instanceof TCPAddr ? ln.addr.port : 0;
    void this.#accept();
  }

  get closing(): boolean {
    return this.#closing;
  }

  close(options: CloseOptions = {}): Promise<void> {
    // A close without grace during a graceful one closes what is left now, as node's does.
    if (this.#closed !== null && options.graceful === false) {
      for (const c of this.#conns) c.destroy(new Error('server closed'));
    }
    return (this.#closed ??= this.#close(options.graceful ?? true, options.timeout ?? 10000));
  }

  /** {@inheritDoc ServerHandle.setSecureContext} */
  setSecureContext(config: TLSConfig): void {
    if (!(this.#ln instanceof TLSServerListener)) throw new TLSConfigError('the server does not serve TLS');
    this.#ln.setConfig(config);
  }

  stats(): ServerStats {
    return { connections: this.#conns.size, accepted: this.#accepted, parseErrors: this.#parseErrors };
  }

  countParseError(): void {
    this.#parseErrors++;
  }

  release(c: ServerConn): void {
    this.#conns.delete(c);
    if (this.#conns.size === 0 && this.#drained !== null) this.#drained();
  }

  async #accept(): Promise<void> {
    for await (const conn of this.#ln) {
      this.#accepted++;
      if (this.#conns.size >= this.options.maxConnections) {
        conn.close();
        continue;
      }
      const sc = new ServerConn(conn, this);
      this.#conns.add(sc);
      void sc.serve();
    }
  }

  async #close(graceful: boolean, timeout: number): Promise<void> {
    this.#closing = true;
    await this.#ln.close();
    if (!graceful) {
      for (const c of this.#conns) c.destroy(new Error('server closed'));
      return;
    }
    for (const c of this.#conns) c.closeIfIdle();
    if (this.#conns.size === 0) return;
    const drained = new Promise<void>((resolve) => {
      this.#drained = resolve;
    });
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<void>((resolve) => {
      timer = setTimeout(resolve, timeout);
    });
    // Connections still silent once their grace has passed are closed as idle ones.
    const sweep = setInterval(() => {
      for (const c of this.#conns) c.closeIfIdle();
    }, SWEEP_INTERVAL_MS);
    await Promise.race([drained, late]);
    clearInterval(sweep);
    clearTimeout(timer);
    for (const c of this.#conns) c.destroy(new Error('server closed'));
  }
}
