// One connection of the node transport, as the transport tracks it beside node:http: which of
// its requests are being served and which wait their turn, whether reading is held because the
// client does not take its responses, its idle timer, and how it closes.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { ResolvedTransportOptions } from '../http/options.js';
import { connectionPeer } from '../adapter/remote-addr.js';
import { servedConnectionState } from '../tls/state.js';

/**
 * What node:http keeps on a socket it serves (lib/_http_server.js): `_paused` is its own flag
 * for "stop reading until the responses drain", which the body reader and node's drain logic
 * both respect; `parser` is the C++ parser consuming the socket.
 */
interface ServedSocket extends Socket {
  _paused?: boolean;
  parser?: { pause(): void; resume(): void } | null;
}

// How long, and how many bytes, a connection closed with a request body still arriving keeps
// reading and dropping it after its response, so that unread input does not turn the close into
// a reset that destroys the response in flight (Go's closeWriteAndWait).
const LINGER_MS = 500;
const LINGER_BYTES = 4 * 1024 * 1024;

const conns = new WeakMap<Socket, NodeConn>();

/**
 * A served connection. Requests are served while fewer than `maxPipelinedRequests` responses
 * are unfinished and the socket holds at most `maxBufferedResponseBytes` unsent; past that they
 * wait, parsed but not served, and the socket is not read until the client takes its responses
 * (at most `sendTimeout`, then it is dropped). node:http's own check runs only as each request
 * arrives, before an asynchronous handler has answered, so alone it lets a client that never
 * reads pile up responses without end.
 */
export class NodeConn {
  readonly #socket: ServedSocket;
  readonly #options: ResolvedTransportOptions;
  #unfinished = 0;
  /** The responses being served, oldest (the one on the wire) first. */
  readonly #serving: ServerResponse[] = [];
  readonly #waiting: (() => void)[] = [];
  #held = false;
  #holdTimer: NodeJS.Timeout | undefined;
  #idleTimer: NodeJS.Timeout | undefined;
  #closing = false;
  #then: (() => void) | undefined;
  /** The request whose response is the last sent: a close after it lingers while its body arrives. */
  #last: IncomingMessage | undefined;

  private constructor(socket: Socket, options: ResolvedTransportOptions) {
    this.#socket = socket;
    this.#options = options;
    // Read now, while the socket is open: Request.remoteAddr and, over TLS, Request.tls.
    connectionPeer(socket, socket);
    servedConnectionState(socket);
    socket.on('drain', this.#progress);
    // node:http resumes reading when its own queue drains; while held, it stays stopped.
    socket.on('resume', this.#keepHeld);
    socket.once('close', this.#closed);
    // node:http ends a connection after a `Connection: close` response with destroySoon().
    const destroySoon = socket.destroySoon.bind(socket);
    socket.destroySoon = () => {
      const last = this.#last;
      if (last !== undefined && !last.complete) this.lingeringClose();
      else destroySoon();
    };
  }

  /** The state of `socket`, made on its first request. */
  static of(socket: Socket, options: ResolvedTransportOptions): NodeConn {
    let c = conns.get(socket);
    if (c === undefined) {
      c = new NodeConn(socket, options);
      conns.set(socket, c);
    }
    return c;
  }

  /**
   * True once a response ends the connection: requests parsed after it are not served (node's
   * parser may already have read them from the same packet).
   */
  get closing(): boolean {
    return this.#closing;
  }

  /** Serves no request after the current one. */
  closeAfterResponse(): void {
    this.#closing = true;
  }

  /**
   * A request refused before its handler: nothing after it is read or served; its response
   * goes out in turn, then the connection closes (lingering while its body still arrives).
   */
  refuse(req: IncomingMessage): void {
    this.#stopIdle();
    this.#last = req;
    this.#closing = true;
    this.hold();
  }

  /**
   * Runs `serve` for a request now, or when the responses ahead of it have gone out; `res`'s end
   * (or close) counts as its response finished.
   */
  admit(req: IncomingMessage, res: ServerResponse, serve: () => void): void {
    this.#stopIdle();
    const run = (): void => {
      this.#unfinished++;
      this.#serving.push(res);
      if (!this.#closing) this.#last = req;
      const finished = (): void => {
        this.#unfinished--;
        this.#serving.splice(this.#serving.indexOf(res), 1);
        this.#progress();
      };
      res.once('close', finished);
      serve();
    };
    if (this.#waiting.length === 0 && !this.#backedUp()) {
      run();
      return;
    }
    this.#waiting.push(run);
    this.hold();
  }

  /** Whether the response on the wire has sent its header (so nothing may be written before it ends). */
  get answering(): boolean {
    return this.#serving.length > 0 && this.#serving[0]!.headersSent;
  }

  /** Runs `fn` once no response of the connection is unfinished (now, if none is). */
  afterResponses(fn: () => void): void {
    this.#closing = true;
    this.hold();
    if (this.#unfinished === 0) fn();
    else this.#then = fn;
  }

  /** Stops reading from the socket (at the end of the packet node's parser is in). */
  hold(): void {
    const s = this.#socket;
    if (!this.#held) {
      this.#held = true;
      this.#holdTimer = setTimeout(this.#dropStalled, this.#options.sendTimeout);
      this.#holdTimer.unref();
    }
    s._paused = true;
    s.pause();
  }

  /**
   * Half-closes after the response and drops what the client still sends for a moment (at most
   * LINGER_MS and LINGER_BYTES), then closes.
   */
  lingeringClose(): void {
    const s = this.#socket;
    this.#closing = true;
    this.#held = false;
    clearTimeout(this.#holdTimer);
    // Read again, whoever stopped it (this class, or node when the unread body filled up):
    // node's parser drops the rest of the body once the response has finished.
    s._paused = false;
    s.parser?.resume();
    s.resume();
    s.end();
    const start = s.bytesRead;
    const check = setInterval(() => {
      if (s.bytesRead - start > LINGER_BYTES) s.destroy();
    }, 25);
    const stop = setTimeout(() => s.destroy(), LINGER_MS);
    check.unref();
    stop.unref();
    s.once('close', () => {
      clearInterval(check);
      clearTimeout(stop);
    });
  }

  // More responses than maxPipelinedRequests unfinished, or more than maxBufferedResponseBytes
  // the client has not taken.
  #backedUp(): boolean {
    return this.#unfinished >= this.#options.maxPipelinedRequests || this.#socket.writableLength > this.#options.maxBufferedResponseBytes;
  }

  // A response finished or the socket drained: serve what waits, and read again once nothing does.
  readonly #progress = (): void => {
    if (this.#holdTimer !== undefined) this.#holdTimer.refresh();
    while (this.#waiting.length > 0 && !this.#backedUp()) this.#waiting.shift()!();
    if (this.#closing) {
      const then = this.#then;
      if (then !== undefined && this.#unfinished === 0) {
        this.#then = undefined;
        then();
      }
      return;
    }
    if (this.#waiting.length > 0) return;
    if (this.#socket.writableLength > this.#options.maxBufferedResponseBytes) return;
    this.#release();
    if (this.#unfinished === 0) this.#startIdle();
  };

  #release(): void {
    if (!this.#held) return;
    this.#held = false;
    clearTimeout(this.#holdTimer);
    this.#holdTimer = undefined;
    const s = this.#socket;
    s._paused = false;
    s.parser?.resume();
    s.resume();
  }

  readonly #keepHeld = (): void => {
    if (this.#held) {
      this.#socket._paused = true;
      this.#socket.pause();
    }
  };

  // A client that has not taken its responses within sendTimeout is dropped, as netpoll does.
  readonly #dropStalled = (): void => {
    this.#socket.destroy();
  };

  // node's parser skips empty lines before a request line without a word, yet each packet of
  // them restarts node's keep-alive timer: this timer runs from the end of the last response to
  // the next request's head, whatever arrives in between.
  #startIdle(): void {
    if (this.#idleTimer === undefined) {
      this.#idleTimer = setTimeout(this.#idleExpired, this.#options.idleTimeout);
      this.#idleTimer.unref();
    } else {
      this.#idleTimer.refresh();
    }
  }

  #stopIdle(): void {
    if (this.#idleTimer !== undefined) {
      clearTimeout(this.#idleTimer);
      this.#idleTimer = undefined;
    }
  }

  readonly #idleExpired = (): void => {
    this.#idleTimer = undefined;
    if (this.#unfinished === 0 && this.#waiting.length === 0) this.#socket.destroy();
  };

  readonly #closed = (): void => {
    this.#stopIdle();
    clearTimeout(this.#holdTimer);
    this.#waiting.length = 0;
  };
}
