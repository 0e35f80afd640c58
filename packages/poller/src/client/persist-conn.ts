// PersistConn: one client connection that outlives its requests (Go's persistConn). It holds the
// bytes read from the socket that the response parser has not consumed yet, and turns reads into
// parser events: a head, body bytes, the end of a response.
import { Buffer } from 'node:buffer';
import type { Conn, PollableConn } from '../net/conn.js';
import { isPollable } from '../net/pollable.js';
import { ParseEvent, RequestParser } from '../http/parser.js';
import type { ResponseHead } from '../http/response-head.js';

const EMPTY = new Uint8Array(0);

/** Raised when the stream ends where a response (or more of one) was expected. */
export class EndOfStream extends Error {
  constructor() {
    super('end of stream before the response was complete');
    this.name = 'EndOfStream';
  }
}

/** A keep-alive connection with its response parser. */
export class PersistConn {
  readonly conn: Conn;
  /** The pool key: scheme, host and port. */
  readonly key: string;
  /** Responses completely read on this connection. */
  served = 0;
  /** When the connection last went idle (epoch ms), while it sits in the pool. */
  idleSince = 0;
  /** True while the connection sits in the idle pool. */
  idle = false;
  readonly #parser: RequestParser;
  readonly #tcp: PollableConn | null;
  #buf: Uint8Array = EMPTY;
  #pos = 0;
  #eof = false;
  #gotBytes = false;

  constructor(conn: Conn, key: string, maxResponseHeaderBytes: number) {
    this.conn = conn;
    this.key = key;
    this.#tcp = isPollable(conn) ? conn : null;
    this.#parser = new RequestParser({ maxUriBytes: 0, maxHeaderBytes: maxResponseHeaderBytes, maxChunkExtensionBytes: 1024 }, 'response');
  }

  /** Prepares for the response to a request with `method`. */
  begin(method: string): void {
    this.#parser.expectResponseTo(method);
    this.#gotBytes = false;
  }

  /** True once a byte of the current response has arrived (a request that got none may be retried). */
  get gotBytes(): boolean {
    return this.#gotBytes || this.#pos < this.#buf.length;
  }

  /** The head of the last HEAD event. */
  get head(): ResponseHead {
    return this.#parser.responseHead;
  }

  /** The body bytes of the last BODY event (a view of the socket's chunk, never reused). */
  bodyChunk(): Uint8Array {
    return this.#buf.subarray(this.#parser.bodyStart, this.#parser.bodyEnd);
  }

  /** True when bytes are here past the response just ended: the server sent more than it framed. */
  get leftover(): boolean {
    return this.#pos < this.#buf.length || this.conn.readBuffered > 0;
  }

  /** True when the connection can serve another request. */
  get reusable(): boolean {
    return !this.#eof && !this.conn.closed && !this.leftover;
  }

  /** Watches an idle connection: `cb` runs when the server closes it or sends unasked bytes. */
  watchIdle(cb: () => void): void {
    this.#tcp?.onReadable(cb);
  }

  /** Writes the request head and, when given, a body in one batch. */
  write(head: string, ascii: boolean, body: Uint8Array | null): Promise<void> {
    const tcp = this.#tcp;
    if (tcp !== null && ascii) {
      if (body === null || body.length === 0) return tcp.writeText(head);
      return tcp.writev([head, body]);
    }
    const h = Buffer.from(head, 'latin1');
    if (body === null || body.length === 0) return this.conn.write(h);
    return this.conn.writev([h, body]);
  }

  /** Runs the parser over the bytes already held, without reading: NEED_MORE when they run out. */
  parseHeld(): ParseEvent {
    this.#pos = this.#parser.exec(this.#buf, this.#pos, this.#buf.length);
    return this.#parser.event;
  }

  /**
   * The next event from the bytes held or already queued on the connection, without waiting:
   * NEED_MORE when nothing more is there.
   */
  nextReady(): ParseEvent {
    for (;;) {
      const ev = this.parseHeld();
      if (ev !== ParseEvent.NEED_MORE || this.#eof) return ev;
      const chunk = this.conn.tryRead();
      if (chunk === undefined || chunk === null) return ParseEvent.NEED_MORE;
      this.#gotBytes = true;
      this.#buf = chunk;
      this.#pos = 0;
    }
  }

  /**
   * The next parser event, reading from the connection as needed. Rejects with the parser's
   * HttpParseError, the connection's error, or {@link EndOfStream}.
   */
  async next(): Promise<ParseEvent> {
    for (;;) {
      const ev = this.parseHeld();
      if (ev !== ParseEvent.NEED_MORE) return ev;
      if (this.#eof) return this.#atEnd();
      // Hot path: take what is queued without parking.
      let chunk = this.conn.tryRead();
      if (chunk === undefined) chunk = await this.conn.read();
      if (chunk === null) {
        this.#eof = true;
        return this.#atEnd();
      }
      this.#gotBytes = true;
      this.#buf = chunk;
      this.#pos = 0;
    }
  }

  /** Closes the connection. */
  close(): void {
    this.idle = false;
    this.conn.close();
  }

  // The stream ended: the end of a close-delimited body, else a response cut short.
  #atEnd(): ParseEvent {
    this.#parser.finish();
    if (this.#parser.event === ParseEvent.MESSAGE_END) return ParseEvent.MESSAGE_END;
    throw new EndOfStream();
  }
}
