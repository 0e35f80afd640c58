// The node:http listener behind both nodeTransport() and nodeListener(): each request checked
// against the shared rules, admitted in turn on its connection, then handed to the Handler;
// Upgrade and CONNECT taken over for hijack(); parse errors answered as netpoll answers them.
import { ServerResponse, type IncomingMessage, type Server } from 'node:http';
import type { Socket } from 'node:net';
import type { Handler } from '../http/handler.js';
import type { ResolvedTransportOptions } from '../http/options.js';
import type { HandlerErrorReporter } from '../adapter/error-reporter.js';
import { connectionPeer } from '../adapter/remote-addr.js';
import { servedConnectionState } from '../tls/state.js';
import { serveRequest } from '../adapter/serve.js';
import { clientErrorOf, rawRefusal, type NodeParseError } from './client-error.js';
import { NodeConn } from './conn.js';
import { checkNodeRequest, nodeRequestHead } from './head.js';
import { NodeRequest } from './request.js';
import { NodeResponseWriter, respond, type Takeover, type WriterContext } from './response-writer.js';

/** The socket node:http serves, with the server it belongs to (set by node:http). */
type ServerSocket = Socket & { server?: Server };

/** Serves one Handler on the node:http servers it is attached to. */
export class NodeDispatcher implements WriterContext {
  /** {@inheritDoc WriterContext.closing} */
  closing = false;
  /** {@inheritDoc WriterContext.sendTimeout} */
  readonly sendTimeout: number;
  /** Requests refused as malformed, too large or against a rule (see ServerStats.parseErrors). */
  parseErrors = 0;
  readonly #handler: Handler;
  readonly #options: ResolvedTransportOptions;
  readonly #report: HandlerErrorReporter;
  readonly #onHijack: ((socket: Socket) => void) | undefined;
  readonly #attached = new WeakSet<Server>();

  /** `onHijack` is told of each socket a handler takes over. */
  constructor(handler: Handler, options: ResolvedTransportOptions, report: HandlerErrorReporter, onHijack?: (socket: Socket) => void) {
    this.#handler = handler;
    this.#options = options;
    this.#report = report;
    this.#onHijack = onHijack;
    this.sendTimeout = options.sendTimeout;
  }

  /**
   * Installs on `server` what a request listener alone does not get: 100-continue and other
   * expectations, Upgrade and CONNECT (unless the server already has listeners for them), and
   * parse errors (unless it already handles them). Once per server.
   */
  attach(server: Server): void {
    if (this.#attached.has(server)) return;
    this.#attached.add(server);
    server.on('checkContinue', this.#onCheckContinue);
    server.on('checkExpectation', this.onRequest);
    if (server.listenerCount('upgrade') === 0) server.on('upgrade', this.#onUpgrade);
    if (server.listenerCount('connect') === 0) server.on('connect', this.#onUpgrade);
    if (server.listenerCount('clientError') === 0) server.on('clientError', this.#onClientError);
  }

  /** node:http's 'request' listener. */
  readonly onRequest = (req: IncomingMessage, res: ServerResponse): void => {
    this.#dispatch(req, res, false, undefined);
  };

  /** The 'request' listener of a server not attached yet (a listener given to createServer). */
  readonly onFirstRequest = (req: IncomingMessage, res: ServerResponse): void => {
    const server = (req.socket as ServerSocket).server;
    if (server !== undefined) this.attach(server);
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
    // The connection ends with this request, and its peer and TLS state with the socket: read them now.
    connectionPeer(socket, socket);
    servedConnectionState(socket);
    const takeover: Takeover = {
      socket,
      head,
      onHijack: (s) => {
        this.#onHijack?.(s);
      },
    };
    this.#dispatch(req, res, false, takeover);
  };

  // A request node's parser refused: answered as netpoll answers it once the responses ahead
  // of it are out, then the connection closes.
  readonly #onClientError = (err: NodeParseError, socket: Socket): void => {
    if (err.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }
    const conn = NodeConn.of(socket, this.#options);
    if (conn.closing) {
      socket.destroy();
      return;
    }
    const e = clientErrorOf(err);
    if (e.status !== 408) this.parseErrors++;
    const answer = (): void => {
      if (socket.destroyed) return;
      socket.write(rawRefusal(e));
      conn.lingeringClose();
    };
    // As node:http: the answer goes out now unless a response is already on the wire, whose
    // end it then waits for; a request still being served is cut short by the close.
    if (conn.answering) conn.afterResponses(answer);
    else answer();
  };

  /** Hot path: checks the request, then runs the handler in its turn. */
  #dispatch(req: IncomingMessage, res: ServerResponse, expectContinue: boolean, takeover: Takeover | undefined): void {
    const options = this.#options;
    const head = nodeRequestHead(req, takeover !== undefined);
    const refusal = checkNodeRequest(req, head, options);
    if (refusal !== null) this.parseErrors++;
    if (takeover !== undefined) {
      if (refusal !== null) {
        respond(res, refusal.status, refusal.message);
        return;
      }
      // On Upgrade and CONNECT node:http stops parsing at the head: any body is part of the
      // stream hijack() hands over, so the request itself has none.
      this.#serve(req, res, expectContinue, takeover, 0);
      return;
    }
    const conn = NodeConn.of(req.socket, options);
    // A request parsed after one that closes the connection is not served.
    if (conn.closing) return;
    if (refusal !== null) {
      conn.refuse(req);
      respond(res, refusal.status, refusal.message);
      return;
    }
    // An HTTP/1.0 message with Transfer-Encoding has faulty framing: close after it (RFC 9112 §6.1).
    if (head.chunked && head.minor === 0) {
      conn.closeAfterResponse();
      res.shouldKeepAlive = false;
    }
    const contentLength = head.contentLength;
    conn.admit(req, res, () => {
      this.#serve(req, res, expectContinue, undefined, contentLength);
    });
  }

  #serve(req: IncomingMessage, res: ServerResponse, expectContinue: boolean, takeover: Takeover | undefined, contentLength: number): void {
    const r = new NodeRequest(req, res, contentLength, expectContinue, this.#options.maxBodyBytes);
    const w = new NodeResponseWriter(res, this, takeover);
    serveRequest(this.#handler, w, r, this.#report);
  }
}

/** The error listener of a socket node:http let go of: the socket is done. */
function destroyOnError(this: Socket): void {
  this.destroy();
}

