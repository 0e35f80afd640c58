// A running node transport server: node:http's Server configured with the transport's limits,
// each request checked against the rules node:http does not enforce, then handed to the
// Handler. Implements ServerHandle, with Go's graceful Shutdown.
import { createServer, ServerResponse, type IncomingMessage, type Server } from 'node:http';
import type { Socket } from 'node:net';
import type { CloseOptions, Handler, ServeOptions, ServerHandle } from '../http/handler.js';
import type { ResolvedTransportOptions } from '../http/options.js';
import { checkTargetForm, isValidHost } from '../http/rules.js';
import { joinHostPort } from '../net/addr.js';
import { ListenError, NetError } from '../net/errors.js';
import { handlerFailure } from '../http/errors.js';
import { NodeRequest } from './request.js';
import { NodeResponseWriter, respond, type Takeover, type WriterContext } from './response-writer.js';

/**
 * Reports a handler failure (with its request), or a server error such as a failed accept
 * (without one); the default prints it, as Go's server logs a panic or an accept error.
 */
export type HandlerErrorReporter = (err: unknown, req: { method: string; url: string } | undefined) => void;

/** A node:http server serving one Handler. */
export class NodeServer implements ServerHandle, WriterContext {
  /** {@inheritDoc ServerHandle.address} */
  readonly address: string;
  /** {@inheritDoc ServerHandle.port} */
  readonly port: number;
  /** {@inheritDoc WriterContext.closing} */
  closing = false;
  /** {@inheritDoc WriterContext.sendTimeout} */
  readonly sendTimeout: number;
  readonly #server: Server;
  readonly #handler: Handler;
  readonly #options: ResolvedTransportOptions;
  readonly #report: HandlerErrorReporter;
  /** Open connections not hijacked: what a graceful close waits for. */
  readonly #sockets = new Set<Socket>();
  #closed: Promise<void> | undefined;
  #allClosed: (() => void) | undefined;

  private constructor(server: Server, handler: Handler, options: ResolvedTransportOptions, report: HandlerErrorReporter) {
    this.#server = server;
    this.#handler = handler;
    this.#options = options;
    this.#report = report;
    this.sendTimeout = options.sendTimeout;
    const bound = server.address();
    if (bound === null || typeof bound === 'string') throw new Error('node transport: server is not bound to a TCP address');
    this.address = joinHostPort(bound.address, String(bound.port));
    this.port = bound.port;
  }

  /** Creates the node:http server, binds it and starts serving `handler`. */
  static async start(handler: Handler, serve: ServeOptions, options: ResolvedTransportOptions, report: HandlerErrorReporter): Promise<NodeServer> {
    const server = createNodeServer(options);
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
    const s = new NodeServer(server, handler, options, report);
    // Errors of the listening socket (a failed accept) are reported; node:http keeps serving.
    server.on('error', (err) => {
      report(err, undefined);
    });
    server.on('connection', s.#onConnection);
    server.on('request', s.#onRequest);
    server.on('checkContinue', s.#onCheckContinue);
    server.on('upgrade', s.#onUpgrade);
    server.on('connect', s.#onUpgrade);
    return s;
  }

  /** {@inheritDoc ServerHandle.close} */
  close(options: CloseOptions = {}): Promise<void> {
    const graceful = options.graceful ?? true;
    if (this.#closed !== undefined) {
      if (!graceful) this.#server.closeAllConnections();
      return this.#closed;
    }
    this.closing = true;
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

  /** Closes connections that never sent a byte: node:http counts them neither idle nor active. */
  #closeUnused(): void {
    for (const socket of this.#sockets) if (socket.bytesRead === 0) socket.destroy();
  }

  #checkDone(): void {
    if (this.closing && this.#sockets.size === 0) this.#allClosed?.();
  }

  readonly #onConnection = (socket: Socket): void => {
    this.#sockets.add(socket);
    socket.once('close', () => {
      this.#sockets.delete(socket);
      this.#checkDone();
    });
  };

  readonly #onRequest = (req: IncomingMessage, res: ServerResponse): void => {
    this.#dispatch(req, res, false, undefined);
  };

  readonly #onCheckContinue = (req: IncomingMessage, res: ServerResponse): void => {
    this.#dispatch(req, res, true, undefined);
  };

  /** Upgrade and CONNECT: node:http lets go of the socket, so the response is built on it here. */
  readonly #onUpgrade = (req: IncomingMessage, socket: Socket, head: Buffer): void => {
    // node:http removed its own error listener from this socket; an error must not go unhandled.
    socket.on('error', destroyOnError);
    const res = new ServerResponse(req);
    res.shouldKeepAlive = false;
    res.assignSocket(socket);
    res.once('finish', () => {
      res.detachSocket(socket);
      socket.destroySoon();
    });
    const takeover: Takeover = {
      socket,
      head,
      onHijack: (s) => {
        this.#sockets.delete(s);
        this.#checkDone();
      },
    };
    this.#dispatch(req, res, false, takeover);
  };

  /** Hot path: checks the request, then runs the handler. */
  #dispatch(req: IncomingMessage, res: ServerResponse, expectContinue: boolean, takeover: Takeover | undefined): void {
    const options = this.#options;
    // Framing facts node:http leaves to the application, found in one pass over the raw header.
    const raw = req.rawHeaders;
    let contentLength = 0;
    let hosts = 0;
    let badHost = false;
    let unknownCoding = false;
    // The head's size as it came: request line, then "name: value" CRLF per field (node trims
    // the optional whitespace around values, so this may undercount by those bytes).
    let headBytes = req.method!.length + req.url!.length + 12;
    for (let i = 0; i < raw.length; i += 2) {
      const name = raw[i]!;
      headBytes += name.length + raw[i + 1]!.length + 4;
      if (name.length === 4) {
        if (sameToken(name, 'host')) {
          hosts++;
          if (!isValidHost(raw[i + 1]!)) badHost = true;
        }
      } else if (name.length === 14) {
        if (sameToken(name, 'content-length')) contentLength = Number(raw[i + 1]);
      } else if (name.length === 17 && sameToken(name, 'transfer-encoding')) {
        contentLength = -1;
        // node:http's parser only lets through codings that end in chunked; others are unknown here.
        if (raw[i + 1]!.trim().toLowerCase() !== 'chunked') unknownCoding = true;
      }
    }
    // The netpoll server's rule order: version, method, target form and length, head size, Host,
    // codings, body length.
    let status = 0;
    if (req.httpVersionMajor !== 1) status = 505;
    else if (!options.methods.has(req.method!)) status = 501;
    else if (checkTargetForm(req.method!, req.url!) !== null) status = 400;
    else if (req.url!.length > options.maxUriBytes) status = 414;
    else if (headBytes > options.maxHeaderBytes) status = 431;
    else if (hosts > 1 || badHost) status = 400;
    else if (unknownCoding) status = 501;
    else if (contentLength > options.maxBodyBytes) status = 413;
    if (status !== 0) {
      respond(res, status);
      return;
    }
    // On Upgrade and CONNECT node:http stops parsing at the head: any body is part of the
    // stream hijack() hands over, so the request itself has none.
    const r = new NodeRequest(req, res, takeover === undefined ? contentLength : 0, expectContinue, options.maxBodyBytes);
    const w = new NodeResponseWriter(res, this, takeover);
    let result: void | Promise<void>;
    try {
      result = this.#handler.serveHTTP(w, r);
    } catch (err) {
      this.#fail(w, r, err);
      return;
    }
    if (result === undefined) {
      w.finish();
      return;
    }
    result.then(
      () => {
        w.finish();
      },
      (err: unknown) => {
        this.#fail(w, r, err);
      },
    );
  }

  #fail(w: NodeResponseWriter, r: NodeRequest, err: unknown): void {
    // Report only real failures, as an HttpError (HANDLER_FAILED around anything else): not a
    // client that left or was dropped, nor a client error the handler passed on (a body over
    // the limit is answered 413, not logged).
    const failure = handlerFailure(err);
    if (failure.status >= 500 && !(w.clientGone && err instanceof NetError)) this.#report(failure, r);
    w.fail(err);
  }
}

/** The error listener of a socket node:http let go of: the socket is done. */
function destroyOnError(this: Socket): void {
  this.destroy();
}

/** The least head size node:http's parser is let read before it answers 431 itself. */
const NODE_HEAD_LIMIT = 64 * 1024;

/** What node:http adds to keepAliveTimeout before it closes an idle socket. */
const KEEP_ALIVE_BUFFER_MS = 1000;

/** Compares a header name with a lower-case token, ignoring ASCII case, without allocating. */
function sameToken(name: string, lower: string): boolean {
  for (let i = 0; i < lower.length; i++) {
    if ((name.charCodeAt(i) | 0x20) !== lower.charCodeAt(i)) return false;
  }
  return true;
}

function createNodeServer(o: ResolvedTransportOptions): Server {
  // node:http refuses a header timeout longer than the request timeout.
  const headersTimeout = o.requestTimeout > 0 ? Math.min(o.headerTimeout, o.requestTimeout) : o.headerTimeout;
  const server = createServer({
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
    requireHostHeader: true,
    joinDuplicateHeaders: false,
    noDelay: true,
  });
  server.maxConnections = o.maxConnections;
  server.timeout = 0;
  return server;
}
