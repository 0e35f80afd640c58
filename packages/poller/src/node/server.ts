// A running node transport server: node:http's Server configured with the transport's limits,
// each request checked against the rules node:http does not enforce, then handed to the
// Handler. Implements ServerHandle, with Go's graceful Shutdown.
import { createServer, type Server, type ServerOptions } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { Socket } from 'node:net';
import type { CloseOptions, Handler, ServeOptions, ServerHandle, ServerStats } from '../http/handler.js';
import type { ResolvedTransportOptions } from '../http/options.js';
import { joinHostPort } from '../net/addr.js';
import { ListenError } from '../net/errors.js';
import type { HandlerErrorReporter } from '../adapter/error-reporter.js';
import type { TLSConfig } from '../tls/config.js';
import { TLSConfigError } from '../tls/errors.js';
import type { ServerSecureContext } from '../tls/server-context.js';
import { NodeDispatcher } from './dispatcher.js';
import { NEW_CONNECTION_GRACE_MS } from '../http/new-connection-grace.js';

/** A node:http server serving one Handler. */
export class NodeServer implements ServerHandle {
  /** {@inheritDoc ServerHandle.address} */
  readonly address: string;
  /** {@inheritDoc ServerHandle.port} */
  readonly port: number;
  readonly #server: Server;
  readonly #dispatcher: NodeDispatcher;
  readonly #tls: ServerSecureContext | undefined;
  /** Open connections not hijacked, with when each was accepted: what a graceful close waits for. */
  readonly #sockets = new Map<Socket, number>();
  #accepted = 0;
  #closed: Promise<void> | undefined;
  #allClosed: (() => void) | undefined;

  private constructor(server: Server, handler: Handler, options: ResolvedTransportOptions, report: HandlerErrorReporter, tls: ServerSecureContext | undefined) {
    this.#server = server;
    this.#tls = tls;
    this.#dispatcher = new NodeDispatcher(handler, options, report, (socket) => {
      this.#sockets.delete(socket);
      this.#checkDone();
    });
    const bound = server.address();
    if (bound === null || typeof bound === 'string') throw new Error('node transport: server is not bound to a TCP address');
    this.address = joinHostPort(bound.address, String(bound.port));
    this.port = bound.port;
  }

  /** Creates the node:http server (node:https with `tls`), binds it and starts serving `handler`. */
  static async start(handler: Handler, serve: ServeOptions, options: ResolvedTransportOptions, report: HandlerErrorReporter, tls?: ServerSecureContext): Promise<NodeServer> {
    const server = createNodeServer(options, tls);
    // Held from the start: in a node:cluster worker, the primary can hand over a connection
    // before the 'listening' event, and a graceful close must wait for that one too.
    const taken: Socket[] = [];
    const take = (socket: Socket): void => {
      taken.push(socket);
    };
    server.on('connection', take);
    await new Promise<void>((resolve, reject) => {
      const onError = (err: Error): void => {
        reject(new ListenError('tcp', joinHostPort(serve.host ?? '', String(serve.port ?? 0)), err));
      };
      server.once('error', onError);
      server.listen({ port: serve.port ?? 0, host: serve.host, backlog: serve.backlog }, () => {
        server.off('error', onError);
        resolve();
      });
    });
    const s = new NodeServer(server, handler, options, report, tls);
    // Errors of the listening socket (a failed accept) are reported; node:http keeps serving.
    server.on('error', (err) => {
      report(err, undefined);
    });
    server.off('connection', take);
    for (const socket of taken) s.#onConnection(socket);
    server.on('connection', s.#onConnection);
    server.on('request', s.#dispatcher.onRequest);
    s.#dispatcher.attach(server);
    return s;
  }

  /** {@inheritDoc ServerHandle.setSecureContext} */
  setSecureContext(config: TLSConfig): void {
    if (this.#tls === undefined) throw new TLSConfigError('the server does not serve TLS');
    this.#tls.reload(config);
  }

  /** {@inheritDoc ServerHandle.stats} */
  stats(): ServerStats {
    return { connections: this.#sockets.size, accepted: this.#accepted, parseErrors: this.#dispatcher.parseErrors };
  }

  /** {@inheritDoc ServerHandle.close} */
  close(options: CloseOptions = {}): Promise<void> {
    const graceful = options.graceful ?? true;
    if (this.#closed !== undefined) {
      if (!graceful) this.#server.closeAllConnections();
      return this.#closed;
    }
    this.#dispatcher.closing = true;
    const server = this.#server;
    this.#closed = new Promise<void>((resolve) => {
      this.#allClosed = resolve;
    });
    // server.close() stops listening and closes the idle keep-alive connections.
    server.close();
    if (!graceful) {
      server.closeAllConnections();
    } else {
      // Connections that finish their response become idle: close them as they do.
      const sweep = setInterval(() => {
        server.closeIdleConnections();
        this.#closeUnused();
      }, 25);
      this.#closeUnused();
      const deadline = setTimeout(() => {
        server.closeAllConnections();
      }, options.timeout ?? 10_000);
      sweep.unref();
      deadline.unref();
      void this.#closed.then(() => {
        clearInterval(sweep);
        clearTimeout(deadline);
      });
    }
    this.#checkDone();
    return this.#closed;
  }

  /**
   * Closes connections that never sent a byte (node:http counts them neither idle nor active)
   * once `NEW_CONNECTION_GRACE_MS` has passed since their accept.
   */
  #closeUnused(): void {
    const now = Date.now();
    for (const [socket, accepted] of this.#sockets) {
      if (socket.bytesRead === 0 && now - accepted >= NEW_CONNECTION_GRACE_MS) socket.destroy();
    }
  }

  #checkDone(): void {
    if (this.#dispatcher.closing && this.#sockets.size === 0) this.#allClosed?.();
  }

  readonly #onConnection = (socket: Socket): void => {
    this.#accepted++;
    this.#sockets.set(socket, Date.now());
    socket.once('close', () => {
      this.#sockets.delete(socket);
      this.#checkDone();
    });
  };
}

/** The least head size node:http's parser is let read before it answers 431 itself. */
const NODE_HEAD_LIMIT = 64 * 1024;

/** What node:http adds to keepAliveTimeout before it closes an idle socket. */
const KEEP_ALIVE_BUFFER_MS = 1000;

/**
 * A node:http server with the transport's limits and timeouts (also the HTTP/2 transport's
 * HTTP/1.1 side); a node:https one, the same in every other respect, with `tls`.
 */
export function createNodeServer(o: ResolvedTransportOptions, tls?: ServerSecureContext): Server {
  // node:http refuses a header timeout longer than the request timeout.
  const headersTimeout = o.requestTimeout > 0 ? Math.min(o.headerTimeout, o.requestTimeout) : o.headerTimeout;
  const httpOptions: ServerOptions = {
    // node:http counts the target in its header limit: give it room for a target past
    // maxUriBytes (414) and a head past maxHeaderBytes (431), both answered here.
    maxHeaderSize: Math.max(NODE_HEAD_LIMIT, 2 * (o.maxHeaderBytes + o.maxUriBytes)),
    highWaterMark: o.writeHighWaterMark,
    headersTimeout,
    requestTimeout: o.requestTimeout,
    // node:http keeps an idle socket 1 s longer than keepAliveTimeout (and advertises the shorter).
    keepAliveTimeout: Math.max(1, o.idleTimeout - KEEP_ALIVE_BUFFER_MS),
    // node:http checks its header and request timeouts on this period: keep it a fraction of them.
    connectionsCheckingInterval: Math.max(10, Math.min(1000, Math.floor(headersTimeout / 4))),
    // A missing Host is refused by the shared rules, as netpoll refuses it.
    requireHostHeader: false,
    joinDuplicateHeaders: false,
    noDelay: true,
  };
  let server: Server;
  if (tls === undefined) {
    server = createServer(httpOptions);
  } else {
    // A connection that does not finish its handshake within headerTimeout is dropped, as a slow head is.
    const https = createHttpsServer({ ...httpOptions, ...tls.options, handshakeTimeout: headersTimeout });
    tls.attach(https);
    server = https;
  }
  server.maxConnections = o.maxConnections;
  server.timeout = 0;
  return server;
}
