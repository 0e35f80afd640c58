// WebSocket: one open WebSocket connection as a handler (or a test) holds it: send with
// backpressure, close, async iteration over messages, and keep-alive pings. The protocol itself
// (framing, masking, UTF-8 checks, the close handshake, permessage-deflate) is the ws library's.
import type { RawData, WebSocket as RawWebSocket } from 'ws';
import { CoreError } from '../errors.js';

/** A message: a string for a text frame, a Uint8Array for a binary one. */
export type WebSocketMessage = string | Uint8Array;

/** How a WebSocket closed: the close code (1006 when the connection dropped without one) and reason. */
export interface WebSocketCloseInfo {
  /** The status code of the closing handshake (RFC 6455 §7.4), 1005 when none was given, 1006 when there was no handshake. */
  readonly code: number;
  /** The reason the closing side gave, possibly empty. */
  readonly reason: string;
}

/** The connection's state, as the Web API's `readyState` names it. */
export type WebSocketState = 'open' | 'closing' | 'closed';

/** Keep-alive settings of one socket. */
export interface KeepAlive {
  /** Milliseconds between pings; 0 sends none. */
  readonly pingInterval: number;
  /** Milliseconds the peer has to show it is alive after a ping. */
  readonly pongTimeout: number;
  /** Messages queued before reading from the peer pauses. */
  readonly maxQueuedMessages: number;
}

const OPEN = 1;
const CLOSING = 2;
const DONE: IteratorResult<WebSocketMessage, undefined> = { done: true, value: undefined };

function toMessage(data: RawData, isBinary: boolean): WebSocketMessage {
  const buf = Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data as Buffer);
  if (!isBinary) return buf.toString('utf8');
  return new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength);
}

/**
 * An open WebSocket. `for await (const msg of ws)` yields each message (a string for text, a
 * Uint8Array for binary) and ends when the connection closes, whoever closed it; `send`
 * resolves once the frame is handed to the connection, so awaiting it paces a fast producer
 * to a slow peer. While `pingInterval` is set, the socket pings the peer and drops it (close
 * code 1006) when nothing comes back within `pongTimeout`.
 */
export class WebSocket implements AsyncIterable<WebSocketMessage> {
  readonly #raw: RawWebSocket;
  readonly #keepAlive: KeepAlive;
  readonly #queue: WebSocketMessage[] = [];
  #reader: ((r: IteratorResult<WebSocketMessage, undefined>) => void) | undefined;
  #paused = false;
  #ended = false;
  #failure: number | undefined;
  #pingTimer: NodeJS.Timeout | undefined;
  #pongTimer: NodeJS.Timeout | undefined;
  readonly #closed: Promise<WebSocketCloseInfo>;

  /**
   * Wraps an open ws socket. Made by core for each accepted upgrade (and by `injectWS`).
   * @internal
   */
  constructor(raw: RawWebSocket, keepAlive: KeepAlive) {
    this.#raw = raw;
    this.#keepAlive = keepAlive;
    this.#closed = new Promise((resolve) => {
      raw.once('close', (code: number, reason: Buffer) => {
        this.#stopKeepAlive();
        this.#end();
        resolve({ code: code === 1006 ? (this.#failure ?? code) : code, reason: reason.toString('utf8') });
      });
    });
    // A protocol error (a message too big, invalid UTF-8) is followed by 'close', which ends the
    // iteration: ws closed with the error's code, which `closed` reports even when the peer's
    // answer to the close frame is never read.
    raw.on('error', (err: Error) => {
      this.#failure ??= closeCodeOf(err);
    });
    raw.on('message', this.#onMessage);
    raw.on('pong', this.#alive);
    if (keepAlive.pingInterval > 0) {
      this.#pingTimer = setInterval(this.#ping, keepAlive.pingInterval);
      this.#pingTimer.unref();
    }
  }

  /** The subprotocol chosen in the handshake, or `''`. */
  get protocol(): string {
    return this.#raw.protocol;
  }

  /** The extensions negotiated (`permessage-deflate`...), as the response header listed them, or `''`. */
  get extensions(): string {
    return this.#raw.extensions;
  }

  /** `open`, `closing` (a close frame was sent or received), or `closed`. */
  get readyState(): WebSocketState {
    const s = this.#raw.readyState;
    return s === OPEN ? 'open' : s === CLOSING ? 'closing' : 'closed';
  }

  /** Bytes accepted by `send` and not yet handed to the connection. */
  get bufferedAmount(): number {
    return this.#raw.bufferedAmount;
  }

  /** Settles with the close code and reason once the connection has closed. */
  get closed(): Promise<WebSocketCloseInfo> {
    return this.#closed;
  }

  /**
   * Sends a message: a string as a text frame, bytes as a binary frame. Resolves when the frame
   * is handed to the connection (at once below its high-water mark, later when the peer reads:
   * backpressure). Rejects with `ERR_CORE_WEBSOCKET_CLOSED` once the socket is closing or closed.
   */
  send(data: WebSocketMessage): Promise<void> {
    if (this.#raw.readyState !== OPEN) return Promise.reject(closedError());
    return new Promise((resolve, reject) => {
      this.#raw.send(data, { binary: typeof data !== 'string' }, (err) => {
        if (!(err instanceof Error)) resolve();
        else reject(this.#raw.readyState === OPEN ? err : closedError());
      });
    });
  }

  /**
   * Starts the closing handshake with `code` (default 1000) and `reason` (at most 123 bytes of
   * UTF-8), and resolves when the connection has closed: the peer answered, or `closeTimeout`
   * passed and it was dropped. On a closing or closed socket it only waits.
   */
  close(code = 1000, reason = ''): Promise<WebSocketCloseInfo> {
    if (this.#raw.readyState === OPEN) this.#raw.close(code, reason);
    return this.#closed;
  }

  /** Drops the connection at once, without a closing handshake (the close code is 1006). */
  terminate(): void {
    this.#raw.terminate();
  }

  /** The messages, in order, until the connection closes. */
  [Symbol.asyncIterator](): AsyncIterator<WebSocketMessage, undefined> {
    return {
      next: () => this.#next(),
      return: () => {
        // A loop left early (break, throw) ends the conversation.
        void this.close();
        return Promise.resolve(DONE);
      },
    };
  }

  #next(): Promise<IteratorResult<WebSocketMessage, undefined>> {
    const msg = this.#queue.shift();
    if (msg !== undefined) {
      if (this.#paused && this.#queue.length < this.#keepAlive.maxQueuedMessages) {
        this.#paused = false;
        this.#raw.resume();
      }
      return Promise.resolve({ done: false, value: msg });
    }
    if (this.#ended) return Promise.resolve(DONE);
    return new Promise((resolve) => {
      this.#reader = resolve;
    });
  }

  readonly #onMessage = (data: RawData, isBinary: boolean): void => {
    this.#alive();
    const msg = toMessage(data, isBinary);
    const reader = this.#reader;
    if (reader !== undefined) {
      this.#reader = undefined;
      reader({ done: false, value: msg });
      return;
    }
    this.#queue.push(msg);
    if (!this.#paused && this.#queue.length >= this.#keepAlive.maxQueuedMessages) {
      // Stop reading from the peer until the iteration catches up (TCP backpressure).
      this.#paused = true;
      this.#alive();
      this.#raw.pause();
    }
  };

  #end(): void {
    this.#ended = true;
    const reader = this.#reader;
    this.#reader = undefined;
    reader?.(DONE);
  }

  readonly #ping = (): void => {
    // A paused socket reads nothing, its pongs included: the peer is not judged meanwhile.
    if (this.#raw.readyState !== OPEN || this.#pongTimer !== undefined || this.#paused) return;
    this.#pongTimer = setTimeout(this.#dead, this.#keepAlive.pongTimeout);
    this.#pongTimer.unref();
    this.#raw.ping();
  };

  // Any frame from the peer shows it is alive.
  readonly #alive = (): void => {
    clearTimeout(this.#pongTimer);
    this.#pongTimer = undefined;
  };

  readonly #dead = (): void => {
    this.#pongTimer = undefined;
    this.#raw.terminate();
  };

  #stopKeepAlive(): void {
    clearInterval(this.#pingTimer);
    clearTimeout(this.#pongTimer);
  }
}

// ws marks the errors that close a connection with the close code it sent, under a symbol.
function closeCodeOf(err: Error): number | undefined {
  const key = Object.getOwnPropertySymbols(err).find((s) => s.description === 'status-code');
  const code = key === undefined ? undefined : (err as unknown as Record<symbol, unknown>)[key];
  return typeof code === 'number' ? code : undefined;
}

function closedError(): CoreError {
  return new CoreError('ERR_CORE_WEBSOCKET_CLOSED', 'the WebSocket is closing or closed: nothing more can be sent');
}
