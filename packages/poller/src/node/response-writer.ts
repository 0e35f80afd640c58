// The ResponseWriter of the node transport: the contract's writer over node:http's
// ServerResponse. The header is handed to node as one flat array (node's fastest path), and
// writes settle at once while node's buffer is under its high-water mark.
import type { ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { ResponseWriter } from '../http/handler.js';
import { HttpError } from '../http/errors.js';
import { Header, headerIsAscii } from '../http/header.js';
import { checkStatusCode, statusText } from '../http/status.js';
import { refusalBody } from './client-error.js';
import type { Conn } from '../net/conn.js';
import { ClosedError, DeadlineExceededError } from '../net/errors.js';
import { TCPConn } from '../net/tcp-conn.js';
import { sniffContentType } from '../nethttp/sniff.js';

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

const RESOLVED: Promise<void> = Promise.resolve();
const ignore = (): void => undefined;

// A handler may ignore what write() and end() return: a failure must not become an unhandled
// rejection. Hot path: the settled promise gets no handler.
function handled(p: Promise<void>): Promise<void> {
  if (p !== RESOLVED) p.catch(ignore);
  return p;
}

/** A ResponseWriter over a ServerResponse. */
export class NodeResponseWriter implements ResponseWriter {
  readonly #res: ServerResponse;
  readonly #context: WriterContext;
  readonly #takeover: Takeover | undefined;
  #status = 200;
  #statusSet = false;
  #header: Header | undefined;
  #ended = false;
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
    this.#header ??= new Header();
    return this.#header;
  }

  /** {@inheritDoc ResponseWriter.writeHeader} */
  writeHeader(status: number): void {
    checkStatusCode(status);
    if (this.#statusSet || this.headersSent) return;
    this.#statusSet = true;
    this.#status = status;
  }

  /** {@inheritDoc ResponseWriter.write} */
  write(chunk: Uint8Array | string): Promise<void> {
    return handled(this.#write(chunk));
  }

  #write(chunk: Uint8Array | string): Promise<void> {
    const refused = this.#refuseBody();
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
    return new Promise((resolve, reject) => {
      const settle = (): void => {
        clearTimeout(timer);
        res.off('drain', onDrain);
        res.off('close', onClose);
      };
      const onDrain = (): void => {
        settle();
        resolve();
      };
      const onClose = (): void => {
        settle();
        reject(new ClosedError('write'));
      };
      // A client that does not take the bytes within sendTimeout is dropped.
      const timer = setTimeout(() => {
        settle();
        res.destroy();
        reject(new DeadlineExceededError('write'));
      }, this.#context.sendTimeout);
      res.once('drain', onDrain);
      res.once('close', onClose);
    });
  }

  /** {@inheritDoc ResponseWriter.end} */
  end(chunk?: Uint8Array | string): Promise<void> {
    return handled(this.#end(chunk));
  }

  #end(chunk?: Uint8Array | string): Promise<void> {
    if (this.#ended || this.#hijacked) return RESOLVED;
    const res = this.#res;
    const empty = chunk === undefined || chunk.length === 0;
    if (!empty && !bodyAllowed(this.#status)) return Promise.reject(bodyNotAllowed(this.#status));
    this.#ended = true;
    if (res.destroyed) return RESOLVED;
    try {
      const first = !res.headersSent;
      if (first) {
        if (!empty) sniffContentType(this.header(), chunk);
        if ((this.#header === undefined || this.#header.size === 0) && implicitFraming(res)) {
          // Hot path: no handler fields, so node:http frames the body itself, as bare node does.
          res.statusCode = this.#status;
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
    if (this.#ended || this.#hijacked) return;
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
    this.#ended = true;
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
    if (this.#ended || this.#hijacked) return;
    if (this.#takeover !== undefined && !this.#statusSet && !this.#res.headersSent) {
      this.#ended = true;
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
    this.#ended = true;
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
    const header = this.#header;
    return typeof chunk === 'string' && header !== undefined && !headerIsAscii(header) ? Buffer.from(chunk, 'utf8') : chunk;
  }

  /** Sends the status line and header; `length` >= 0 sets Content-Length unless the handler did. */
  #commit(length: number): void {
    const res = this.#res;
    const flat: string[] = [];
    const header = this.#header;
    let framed = false;
    if (header !== undefined) {
      for (const [name, value] of header) flat.push(name, value);
      // A declared length is held to: node:http then fails a write past it, or an end short of it.
      if (header.has('content-length')) framed = res.strictContentLength = true;
      else framed = header.has('transfer-encoding');
    }
    if (length >= 0 && !framed && bodyAllowed(this.#status)) flat.push('Content-Length', String(length));
    if (this.#context.closing) res.shouldKeepAlive = false;
    res.writeHead(this.#status, flat);
  }

  #refuseBody(): HttpError | undefined {
    if (this.#hijacked) return HttpError.of('ERR_HTTP_RESPONSE_ALREADY_SENT', 'the connection was hijacked');
    if (this.#ended) return HttpError.of('ERR_HTTP_RESPONSE_ALREADY_SENT', 'write after end()');
    if (!bodyAllowed(this.#status)) return bodyNotAllowed(this.#status);
    return undefined;
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

function bodyAllowed(status: number): boolean {
  return status >= 200 && status !== 204 && status !== 304;
}

function bodyNotAllowed(status: number): HttpError {
  return HttpError.of('ERR_HTTP_BODY_NOT_ALLOWED', `a ${status} response has no body`);
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
