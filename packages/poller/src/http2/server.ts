// A running HTTP/2 transport server. One listening socket: cleartext h2c, or TLS whose ALPN
// choice routes each connection to node:http2 (`h2`) or, with allowHTTP1, to node:http under the
// node transport's rules (`http/1.1`, or no ALPN). Implements ServerHandle, with GOAWAY for a
// graceful close.
import { createServer as createH2Server, type Http2Server } from 'node:http2';
import type { Server as HttpServer } from 'node:http';
import { createServer as createNetServer, type Server as NetServer, type Socket } from 'node:net';
import { createServer as createTlsServer, type TLSSocket } from 'node:tls';
import type { CloseOptions, Handler, ServeOptions, ServerHandle, ServerStats } from '../http/handler.js';
import { joinHostPort } from '../net/addr.js';
import { ListenError } from '../net/errors.js';
import type { HandlerErrorReporter } from '../adapter/error-reporter.js';
import type { TLSConfig } from '../tls/config.js';
import { TLSConfigError } from '../tls/errors.js';
import { ServerSecureContext } from '../tls/server-context.js';
import { NodeDispatcher } from '../node/dispatcher.js';
import { createNodeServer } from '../node/server.js';
import { Http2Dispatcher } from './dispatcher.js';
import type { ResolvedHttp2Options } from './options.js';
import { Sessions } from './sessions.js';
import { NEW_CONNECTION_GRACE_MS } from '../http/new-connection-grace.js';

/** The HTTP/1.1 side of a TLS server with allowHTTP1: node:http behind the node transport's dispatcher. */
interface Http1Side {
  readonly server: HttpServer;
  readonly dispatcher: NodeDispatcher;
  /** Its connections, so a graceful close can find those that never sent a byte. */
  readonly sockets: Map<Socket, number>;
}

/** A server of the HTTP/2 transport. */
export class Http2TransportServer implements ServerHandle {
  /** {@inheritDoc ServerHandle.address} */
  readonly address: string;
  /** {@inheritDoc ServerHandle.port} */
  readonly port: number;
  readonly #listener: NetServer;
  readonly #sessions: Sessions;
  readonly #http1: Http1Side | undefined;
  readonly #headerTimeout: number;
  /** Every open connection, whatever it speaks: what a close waits for. */
  readonly #sockets = new Set<Socket>();
  readonly #dispatcher: Http2Dispatcher;
  readonly #tls: ServerSecureContext | undefined;
  #accepted = 0;
  #closed: Promise<void> | undefined;
  #allClosed: (() => void) | undefined;

  private constructor(listener: NetServer, sessions: Sessions, http1: Http1Side | undefined, headerTimeout: number, dispatcher: Http2Dispatcher, tls: ServerSecureContext | undefined) {
    this.#listener = listener;
    this.#tls = tls;
    this.#dispatcher = dispatcher;
    this.#headerTimeout = headerTimeout;
    this.#sessions = sessions;
    this.#http1 = http1;
    const bound = listener.address();
    if (bound === null || typeof bound === 'string') throw new Error('http2 transport: server is not bound to a TCP address');
    this.address = joinHostPort(bound.address, String(bound.port));
    this.port = bound.port;
  }

  /** Creates the servers, binds the listening socket and starts serving `handler`. */
  static async start(handler: Handler, serve: ServeOptions, options: ResolvedHttp2Options, report: HandlerErrorReporter): Promise<Http2TransportServer> {
    const h2 = createH2Server({
      settings: { maxConcurrentStreams: options.maxConcurrentStreams, maxHeaderListSize: options.maxHeaderListSize, enablePush: false },
    });
    const sessions = new Sessions(options);
    h2.on('session', sessions.onSession);
    const dispatcher = new Http2Dispatcher(handler, options, report);
    h2.on('stream', dispatcher.onStream);
    const http1 = options.tls !== undefined && options.allowHTTP1 ? http1Side(handler, options, report) : undefined;
    const protocols = http1 === undefined ? ['h2'] : ['h2', 'http/1.1'];
    const tls = options.tls === undefined ? undefined : new ServerSecureContext(options.tls, protocols);
    let listener: NetServer;
    if (tls === undefined) {
      listener = createNetServer();
    } else {
      const secure = createTlsServer({
        ...tls.options,
        ALPNProtocols: protocols,
        // A connection that does not finish its handshake in time is dropped, as a slow head is.
        handshakeTimeout: options.headerTimeout,
      });
      tls.attach(secure);
      listener = secure;
    }
    listener.maxConnections = options.maxConnections;
    await new Promise<void>((resolve, reject) => {
      const onError = (err: Error): void => {
        reject(new ListenError('tcp', joinHostPort(serve.host ?? '', String(serve.port ?? 0)), err));
      };
      listener.once('error', onError);
      listener.listen({ port: serve.port ?? 0, host: serve.host, backlog: serve.backlog }, () => {
        listener.off('error', onError);
        resolve();
      });
    });
    const s = new Http2TransportServer(listener, sessions, http1, options.headerTimeout, dispatcher, tls);
    listener.on('error', (err) => {
      report(err, undefined);
    });
    listener.on('connection', s.#onConnection);
    if (tls === undefined) {
      listener.on('connection', (socket: Socket) => {
        s.#route(h2, socket);
      });
    } else {
      listener.on('secureConnection', (socket: TLSSocket) => {
        if (socket.destroyed) return;
        s.#route(socket.alpnProtocol === 'h2' ? h2 : http1?.server, socket);
      });
      // A failed handshake is the client's problem, not the server's: the socket is closed.
      listener.on('tlsClientError', (_err: Error, socket: TLSSocket) => {
        socket.destroy();
      });
    }
    return s;
  }

  /** {@inheritDoc ServerHandle.setSecureContext} ALPN and clientAuth stay as the server started. */
  setSecureContext(config: TLSConfig): void {
    if (this.#tls === undefined) throw new TLSConfigError('the server does not serve TLS');
    this.#tls.reload(config);
  }

  /** {@inheritDoc ServerHandle.close} */
  close(options: CloseOptions = {}): Promise<void> {
    const graceful = options.graceful ?? true;
    if (this.#closed !== undefined) {
      if (!graceful) this.#destroyAll();
      return this.#closed;
    }
    this.#closed = new Promise<void>((resolve) => {
      this.#allClosed = resolve;
    });
    this.#listener.close();
    if (!graceful) {
      this.#destroyAll();
    } else {
      this.#sessions.close(true);
      const sweep = this.#http1 === undefined ? undefined : closeHttp1Gracefully(this.#http1);
      const deadline = setTimeout(() => {
        this.#destroyAll();
      }, options.timeout ?? 10_000);
      deadline.unref();
      void this.#closed.then(() => {
        clearInterval(sweep);
        clearTimeout(deadline);
        this.#http1?.server.close();
      });
    }
    this.#checkDone();
    return this.#closed;
  }

  #destroyAll(): void {
    this.#sessions.close(false);
    this.#http1?.server.closeAllConnections();
    this.#http1?.server.close();
    for (const socket of this.#sockets) socket.destroy();
  }

  // A connection whose handshake ends while the server closes is still routed, as Go lets a new
  // connection be: HTTP/2 then gets GOAWAY at once, HTTP/1.1 its one request with Connection: close.
  /** Connections of either protocol, and the heads refused on both sides (see ServerHandle.stats). */
  stats(): ServerStats {
    return {
      connections: this.#sockets.size,
      accepted: this.#accepted,
      parseErrors: this.#dispatcher.parseErrors + (this.#http1?.dispatcher.parseErrors ?? 0),
    };
  }

  #route(server: Http2Server | HttpServer | undefined, socket: Socket): void {
    if (server === undefined) {
      socket.destroy();
      return;
    }
    const http1 = this.#http1;
    if (http1 !== undefined && server === http1.server) this.#watchFresh(http1, socket);
    server.emit('connection', socket);
  }

  /**
   * An HTTP/1.1 connection must send its first bytes within headerTimeout of its handshake
   * (node:http's own header timeout starts only with them); a graceful close closes one that
   * has sent none once its grace has passed, as the node transport does.
   */
  #watchFresh(http1: Http1Side, socket: Socket): void {
    http1.sockets.set(socket, Date.now());
    const timer = setTimeout(() => {
      if (socket.bytesRead === 0) socket.destroy();
    }, this.#headerTimeout);
    timer.unref();
    socket.once('close', () => {
      clearTimeout(timer);
      http1.sockets.delete(socket);
    });
  }

  #checkDone(): void {
    if (this.#closed !== undefined && this.#sockets.size === 0) this.#allClosed?.();
  }

  readonly #onConnection = (socket: Socket): void => {
    this.#accepted++;
    this.#sockets.add(socket);
    // Errors on a socket are the session's or node:http's to handle; none may go uncaught.
    socket.on('error', () => undefined);
    socket.once('close', () => {
      this.#sockets.delete(socket);
      this.#checkDone();
    });
  };
}

/** node:http with the node transport's limits and rules, for the HTTP/1.1 clients of a TLS server. */
function http1Side(handler: Handler, options: ResolvedHttp2Options, report: HandlerErrorReporter): Http1Side {
  const server = createNodeServer(options);
  const dispatcher = new NodeDispatcher(handler, options, report);
  server.on('request', dispatcher.onRequest);
  dispatcher.attach(server);
  // The server never listens itself (connections come from the TLS listener), but its
  // connection list and header and request timeout checks start on 'listening'.
  server.emit('listening');
  return { server, dispatcher, sockets: new Map() };
}

/**
 * The node transport's graceful close for the HTTP/1.1 connections: responses in flight carry
 * `Connection: close`, idle connections are closed as they become idle, and those that never
 * sent a byte once `NEW_CONNECTION_GRACE_MS` has passed since their handshake. Returns the
 * sweep's timer.
 */
function closeHttp1Gracefully(http1: Http1Side): NodeJS.Timeout {
  http1.dispatcher.closing = true;
  const closeUnused = (): void => {
    const now = Date.now();
    for (const [socket, since] of http1.sockets) {
      if (socket.bytesRead === 0 && now - since >= NEW_CONNECTION_GRACE_MS) socket.destroy();
    }
  };
  http1.server.closeIdleConnections();
  closeUnused();
  const sweep = setInterval(() => {
    http1.server.closeIdleConnections();
    closeUnused();
  }, 25);
  sweep.unref();
  return sweep;
}
