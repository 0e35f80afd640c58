// The ResponseWriter of the node transport: the contract's writer over node:http's
// ServerResponse. The header is handed to node as one flat array (node's fastest path), and
// writes settle at once while node's buffer is under its high-water mark.
import type { ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import { HttpError } from '../http/errors.js';
import { headerFlat, headerIsAscii, type Header } from '../http/header.js';
import { bodyForbidden, statusText } from '../http/status.js';
import { refusalBody } from './client-error.js';
import type { Conn } from '../net/conn.js';
import { ClosedError } from '../net/errors.js';
import { TCPConn } from '../net/tcp-conn.js';
import { sniffContentType } from '../nethttp/sniff.js';
import { drained } from '../adapter/drain.js';
import { ResponseState } from '../adapter/response-state.js';
import type { ServedWriter } from '../adapter/serve.js';
import { handled, RESOLVED } from '../adapter/settled.js';

/** The raw connection behind an Upgrade or CONNECT request, which hijack() hands over. */
export interface Takeover {
  /** The socket node:http let go of. */
  socket: Socket;
  /** Bytes node:http read past the request head. */
  head: Buffer;
  /** Called when the handler takes the socket, so the server stops tracking it. */
  onHijack(socket: Socket): void;
}

/** Server-wide state a writer consults when it sends the header. */
export interface WriterContext {
  /** True once the server is closing: responses then carry `Connection: close`. */
  closing: boolean;
  /** Milliseconds a write may wait for a client that is not reading before it is dropped. */
  readonly sendTimeout: number;
}

/** A ResponseWriter over a ServerResponse. */
export class NodeResponseWriter implements ServedWriter {
  readonly #res: ServerResponse;
  readonly #context: WriterContext;
  readonly #takeover: Takeover | undefined;
  readonly #state = new ResponseState();
  #hijacked = false;

  constructor(res: ServerResponse, context: WriterContext, takeover: Takeover | undefined) {
    this.#res = res;
    this.#context = context;
    this.#takeover = takeover;
  }

  /** {@inheritDoc ResponseWriter.headersSent} */
  get headersSent(): boolean {
    return this.#hijacked || this.#res.headersSent;
  }

  /** True once the connection is gone (the client left, or it was dropped). */
  get clientGone(): boolean {
    return this.#res.destroyed;
  }

  /** {@inheritDoc ResponseWriter.header} */
  header(): Header {
    return this.#state.header();
  }

  /** {@inheritDoc ResponseWriter.writeHeader} */
  writeHeader(status: number): void {
    this.#state.writeHeader(status, this.headersSent);
  }

  /** {@inheritDoc ResponseWriter.write} */
  write(chunk: Uint8Array | string): Promise<void> {
    return handled(this.#write(chunk));
  }

  #write(chunk: Uint8Array | string): Promise<void> {
    const refused = this.#hijacked ? HttpError.of('ERR_HTTP_RESPONSE_ALREADY_SENT', 'the connection was hijacked') : this.#state.writeRefusal();
    if (refused !== undefined) return Promise.reject(refused);
    const res = this.#res;
    if (res.destroyed) return Promise.reject(new ClosedError('write'));
    let ok: boolean;
    try {
      const first = !res.headersSent;
      if (first) {
        if (chunk.length > 0) sniffContentType(this.header(), chunk);
        this.#commit(-1);
      }
      ok = res.write(first ? this.#firstBody(chunk) : chunk);
    } catch (err) {
      return Promise.reject(convert(err));
    }
    // Hot path: under the high-water mark the write settles at once.
    if (ok) return RESOLVED;
    // A client that does not take the bytes within sendTimeout is dropped.
    return drained(res, this.#context.sendTimeout, () => res.destroy());
  }

  /** {@inheritDoc ResponseWriter.end} */
  end(chunk?: Uint8Array | string): Promise<void> {
    return handled(this.#end(chunk));
  }

  #end(chunk?: Uint8Array | string): Promise<void> {
    const state = this.#state;
    if (state.ended || this.#hijacked) return RESOLVED;
    const res = this.#res;
    const empty = chunk === undefined || chunk.length === 0;
    const refused = state.endRefusal(empty ? 0 : 1);
    if (refused !== undefined) return Promise.reject(refused);
    state.ended = true;
    if (res.destroyed) return RESOLVED;
    try {
      const first = !res.headersSent;
      if (first) {
        if (!empty) sniffContentType(this.header(), chunk);
        if (state.bare && implicitFraming(res)) {
          // Hot path: no handler fields, so node:http frames the body itself, as bare node does.
          res.statusCode = state.status;
          if (this.#context.closing) res.shouldKeepAlive = false;
        } else {
          this.#commit(empty ? 0 : typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.length);
        }
      }
      if (empty) res.end();
      else res.end(first ? this.#firstBody(chunk) : chunk);
    } catch (err) {
      res.destroy();
      return Promise.reject(convert(err));
    }
    return RESOLVED;
  }

  /** {@inheritDoc ResponseWriter.flush} */
  flush(): void {
    if (this.#state.ended || this.#hijacked) return;
    const res = this.#res;
    if (res.destroyed) return;
    if (!res.headersSent) this.#commit(-1);
    res.flushHeaders();
  }

  /** {@inheritDoc ResponseWriter.hijack} */
  hijack(): Conn {
    const takeover = this.#takeover;
    if (takeover === undefined) {
      throw HttpError.of('ERR_HTTP_HIJACK_FAILED', 'node:http hands its connection over only for Upgrade and CONNECT requests');
    }
    if (this.#hijacked) throw HttpError.of('ERR_HTTP_HIJACK_FAILED', 'the connection was already hijacked');
    if (this.#res.headersSent) throw HttpError.of('ERR_HTTP_HIJACK_FAILED', 'the response header was already sent');
    this.#hijacked = true;
    this.#state.ended = true;
    this.#res.detachSocket(takeover.socket);
    takeover.onHijack(takeover.socket);
    return new TCPConn(takeover.socket, { head: takeover.head });
  }

  /**
   * Completes the response after the handler returned, as Go does when ServeHTTP returns. An
   * Upgrade or CONNECT the handler neither hijacked nor answered is refused with
   * `ERR_HTTP_UPGRADE_REFUSED`'s status rather than answered 200, which to CONNECT announces a tunnel.
   */
  finish(): void {
    if (this.#state.ended || this.#hijacked) return;
    if (this.#takeover !== undefined && !this.#state.statusSet && !this.#res.headersSent) {
      this.#state.ended = true;
      const e = HttpError.of('ERR_HTTP_UPGRADE_REFUSED', `${this.#res.req.method === 'CONNECT' ? 'CONNECT' : 'the upgrade'} was not taken over`);
      if (!this.#res.destroyed) respond(this.#res, e.status, e.message);
      return;
    }
    this.end().catch((err: unknown) => {
      this.fail(err);
    });
  }

  /**
   * Answers a handler failure: before the header, a plain-text error with the HttpError's status
   * (500 otherwise) and `Connection: close`; after it, the connection is dropped.
   */
  fail(err: unknown): void {
    if (this.#hijacked) return;
    this.#state.ended = true;
    const res = this.#res;
    if (res.destroyed) return;
    if (res.headersSent) {
      res.destroy();
      return;
    }
    if (err instanceof HttpError) respond(res, err.status, err.message);
    else respond(res, 500, statusText(500));
  }

  // node:http sends the header in the encoding of the first body chunk when that is text. A
  // field value with a Latin-1 character must go out as one byte, so the text goes as UTF-8
  // bytes then, and the header in Latin-1 before it.
  #firstBody(chunk: Uint8Array | string): Uint8Array | string {
    const header = this.#state.fields;
    return typeof chunk === 'string' && header !== undefined && !headerIsAscii(header) ? Buffer.from(chunk, 'utf8') : chunk;
  }

  /** Sends the status line and header; `length` >= 0 sets Content-Length unless the handler did. */
  #commit(length: number): void {
    const res = this.#res;
    const state = this.#state;
    const flat: string[] = [];
    const header = state.fields;
    let framed = false;
    if (header !== undefined) {
      headerFlat(header, flat);
      // A declared length is held to: node:http then fails a write past it, or an end short of it.
      if (header.has('content-length')) framed = res.strictContentLength = true;
      else framed = header.has('transfer-encoding');
    }
    if (length >= 0 && !framed && !bodyForbidden(state.status)) flat.push('Content-Length', String(length));
    if (this.#context.closing) res.shouldKeepAlive = false;
    res.writeHead(state.status, flat);
  }
}

/** Answers `status` with a plain-text body (as netpoll's) and closes the connection. */
export function respond(res: ServerResponse, status: number, message: string): void {
  const body = refusalBody(status, message);
  res.shouldKeepAlive = false;
  res.writeHead(status, ['Content-Type', 'text/plain; charset=utf-8', 'Content-Length', String(Buffer.byteLength(body)), 'Connection', 'close']);
  res.end(body);
}

/**
 * Whether node:http frames `end(body)` as netpoll would on its own: HTTP/1.1 and not HEAD. (It
 * sends no Content-Length for HEAD, and closes an HTTP/1.0 keep-alive connection without one.)
 */
function implicitFraming(res: ServerResponse): boolean {
  const req = res.req;
  return req.httpVersionMinor === 1 && req.method !== 'HEAD';
}

/** Maps node:http's errors to the contract's. */
function convert(err: unknown): Error {
  if (typeof err === 'object' && err !== null && 'code' in err) {
    switch (err.code) {
      case 'ERR_HTTP_CONTENT_LENGTH_MISMATCH':
        return HttpError.of('ERR_HTTP_CONTENT_LENGTH_MISMATCH', err instanceof Error ? err.message : 'content length mismatch', { cause: err });
      case 'ERR_HTTP_INVALID_HEADER_VALUE':
      case 'ERR_INVALID_HTTP_TOKEN':
      case 'ERR_INVALID_CHAR':
        return HttpError.of('ERR_HTTP_INVALID_RESPONSE_HEADER', err instanceof Error ? err.message : 'invalid header', { cause: err });
      case 'ERR_STREAM_DESTROYED':
      case 'ERR_STREAM_WRITE_AFTER_END':
        return new ClosedError('write');
    }
  }
  return err instanceof Error ? err : new Error(String(err));
}
