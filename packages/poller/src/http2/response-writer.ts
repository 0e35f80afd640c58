// The ResponseWriter of the HTTP/2 transport: the contract's writer over one server stream. The
// header goes out as one HEADERS frame; the body as DATA frames under the stream's flow control,
// so a write settles at once below the high-water mark and waits for the client's window above
// it. A response that cannot be completed as declared is cut short with RST_STREAM, HTTP/2's way
// of telling the client it is truncated (HTTP/1.1 closes the connection).
import { constants, type OutgoingHttpHeaders, type ServerHttp2Stream } from 'node:http2';
import { HttpError } from '../http/errors.js';
import type { Header } from '../http/header.js';
import { bodyForbidden, statusText } from '../http/status.js';
import type { Conn } from '../net/conn.js';
import { ClosedError } from '../net/errors.js';
import { sniffContentType } from '../nethttp/sniff.js';
import { refusalBody } from '../node/client-error.js';
import { drained } from '../adapter/drain.js';
import { ResponseState } from '../adapter/response-state.js';
import type { ServedWriter } from '../adapter/serve.js';
import { handled, RESOLVED } from '../adapter/settled.js';

/** Transport-wide settings a writer consults. */
export interface Http2WriterContext {
  /** Milliseconds a write may wait for a client whose window is closed before the stream is reset. */
  readonly sendTimeout: number;
  /** Bytes buffered on the stream below which write() settles at once. */
  readonly writeHighWaterMark: number;
}

/**
 * Fields HTTP/2 forbids (RFC 9113 §8.2.2): they describe an HTTP/1.1 connection, which HTTP/2
 * does not have. A handler that sets them is not refused; they are left out, as Go's server does.
 */
const CONNECTION_SPECIFIC = new Set(['connection', 'keep-alive', 'proxy-connection', 'transfer-encoding', 'upgrade']);

/** A ResponseWriter over a server stream. */
export class Http2ResponseWriter implements ServedWriter {
  readonly #stream: ServerHttp2Stream;
  readonly #context: Http2WriterContext;
  readonly #head: boolean;
  readonly #connect: boolean;
  readonly #state = new ResponseState();
  /** The Content-Length the handler declared, or -1. */
  #declared = -1;
  /** Body bytes given so far (counted, not sent, for HEAD). */
  #written = 0;

  /** `method` decides HEAD (no body sent) and CONNECT (refused unless answered). */
  constructor(stream: ServerHttp2Stream, method: string, context: Http2WriterContext) {
    this.#stream = stream;
    this.#context = context;
    this.#head = method === 'HEAD';
    this.#connect = method === 'CONNECT';
  }

  /** {@inheritDoc ResponseWriter.headersSent} */
  get headersSent(): boolean {
    return this.#stream.headersSent;
  }

  /** True once the response is complete (or given up): the request's signal no longer aborts. */
  get responded(): boolean {
    return this.#state.ended;
  }

  /** True once the stream is gone (reset by the client, or dropped). */
  get clientGone(): boolean {
    return this.#stream.destroyed || this.#stream.closed;
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
    const refused = this.#state.writeRefusal();
    if (refused !== undefined) return Promise.reject(refused);
    const stream = this.#stream;
    if (stream.destroyed || stream.closed) return Promise.reject(new ClosedError('write'));
    const length = byteLength(chunk);
    try {
      if (!stream.headersSent) {
        if (length > 0) sniffContentType(this.header(), chunk);
        this.#commit(-1, this.#head);
      }
    } catch (err) {
      return Promise.reject(this.#abandon(err));
    }
    if (this.#declared >= 0 && this.#written + length > this.#declared) return Promise.reject(this.#mismatch(this.#written + length));
    this.#written += length;
    if (this.#head || length === 0) return RESOLVED;
    const ok = stream.write(chunk);
    // Hot path: under the high-water mark the write settles at once.
    if (ok || stream.writableLength < this.#context.writeHighWaterMark) return RESOLVED;
    return this.#drained();
  }

  /** Waits for the stream to drain; a client that does not open its window within sendTimeout has its stream reset. */
  #drained(): Promise<void> {
    const stream = this.#stream;
    return drained(stream, this.#context.sendTimeout, () => {
      this.#state.ended = true;
      stream.close(constants.NGHTTP2_CANCEL);
    });
  }

  /** {@inheritDoc ResponseWriter.end} */
  end(chunk?: Uint8Array | string): Promise<void> {
    return handled(this.#end(chunk));
  }

  #end(chunk?: Uint8Array | string): Promise<void> {
    const state = this.#state;
    if (state.ended) return RESOLVED;
    const length = chunk === undefined ? 0 : byteLength(chunk);
    const refused = state.endRefusal(length);
    if (refused !== undefined) return Promise.reject(refused);
    state.ended = true;
    const stream = this.#stream;
    if (stream.destroyed || stream.closed) return RESOLVED;
    try {
      if (!stream.headersSent) {
        const declared = state.fields?.get('content-length') ?? null;
        // HEAD may declare the length a GET would get without giving the body.
        const checked = declared !== null && !bodyForbidden(state.status) && !(this.#head && length === 0);
        if (checked && Number(declared) !== length) return Promise.reject(this.#mismatch(length, Number(declared)));
        if (length > 0) sniffContentType(this.header(), chunk!);
        this.#commit(length, this.#head || length === 0);
        if (this.#head || length === 0) return RESOLVED;
        stream.end(chunk);
        return RESOLVED;
      }
    } catch (err) {
      return Promise.reject(this.#abandon(err));
    }
    const total = this.#written + length;
    if (this.#declared >= 0 && total !== this.#declared && !(this.#head && total === 0)) return Promise.reject(this.#mismatch(total));
    this.#written = total;
    if (this.#head) return RESOLVED;
    if (length > 0) stream.end(chunk);
    else stream.end();
    return RESOLVED;
  }

  /** {@inheritDoc ResponseWriter.flush} */
  flush(): void {
    if (this.#state.ended || this.#stream.destroyed || this.#stream.closed || this.#stream.headersSent) return;
    try {
      this.#commit(-1, this.#head);
    } catch (err) {
      this.#abandon(err);
    }
  }

  /** HTTP/2 has no connection of a request's own to hand over: always `ERR_HTTP_HIJACK_FAILED`. */
  hijack(): Conn {
    throw HttpError.of('ERR_HTTP_HIJACK_FAILED', 'an HTTP/2 stream cannot be hijacked: the connection carries other streams');
  }

  /**
   * Completes the response after the handler returned. A CONNECT the handler did not answer is
   * refused with `ERR_HTTP_UPGRADE_REFUSED`'s status, never answered 200, which announces a tunnel.
   */
  finish(): void {
    if (this.#state.ended) return;
    if (this.#connect && !this.#state.statusSet && !this.headersSent) {
      this.#state.ended = true;
      const e = HttpError.of('ERR_HTTP_UPGRADE_REFUSED', 'the CONNECT was not answered');
      respond(this.#stream, e.status, e.message);
      return;
    }
    this.end().catch((err: unknown) => {
      this.fail(err);
    });
  }

  /**
   * Answers a handler failure: before the header, a plain-text error with the HttpError's status
   * (500 otherwise); after it, the stream is reset so the client knows the response is cut short.
   * The connection and its other streams go on.
   */
  fail(err: unknown): void {
    this.#state.ended = true;
    const stream = this.#stream;
    if (stream.destroyed || stream.closed) return;
    if (stream.headersSent) {
      stream.close(constants.NGHTTP2_INTERNAL_ERROR);
      return;
    }
    if (err instanceof HttpError) respond(stream, err.status, err.message);
    else respond(stream, 500, statusText(500));
  }

  /**
   * Sends the header. `length` >= 0 sets Content-Length unless the handler did; `endStream`
   * sends it as the whole response (HEAD, or no body).
   */
  #commit(length: number, endStream: boolean): void {
    const state = this.#state;
    let status = state.status;
    const fields = this.#fields();
    if (status < 200) {
      // An informational status goes out as an interim response; the final one follows (200
      // unless set later). HTTP/2 has no 101 (RFC 9113 §8.6): it is left out.
      if (status !== 101) this.#stream.additionalHeaders({ ...fields, ':status': status });
      state.status = status = 200;
      state.statusSet = false;
    }
    const declared = fields['content-length'];
    if (typeof declared === 'string') this.#declared = Number(declared);
    else if (length >= 0 && !bodyForbidden(status)) fields['content-length'] = String(length);
    fields[':status'] = status;
    this.#stream.respond(fields, { endStream });
  }

  /** The handler's fields as HTTP/2 sends them: names in lower case, repeats kept, connection fields left out. */
  #fields(): OutgoingHttpHeaders {
    const out: OutgoingHttpHeaders = {};
    const header = this.#state.fields;
    if (header === undefined) return out;
    for (const [name, value] of header) {
      const lower = name.toLowerCase();
      if (CONNECTION_SPECIFIC.has(lower)) continue;
      const prev = out[lower];
      if (prev === undefined) out[lower] = value;
      else if (Array.isArray(prev)) prev.push(value);
      else out[lower] = [String(prev), value];
    }
    return out;
  }

  /** A body that contradicts the declared Content-Length: the stream is reset, the write rejects. */
  #mismatch(actual: number, declared = this.#declared): HttpError {
    this.#state.ended = true;
    this.#stream.close(constants.NGHTTP2_INTERNAL_ERROR);
    return HttpError.of('ERR_HTTP_CONTENT_LENGTH_MISMATCH', `the body has ${actual} bytes where Content-Length declared ${declared}`);
  }

  /** The stream could not take the header (a field HTTP/2 refuses): the response is given up. */
  #abandon(err: unknown): HttpError {
    this.#state.ended = true;
    if (!this.#stream.destroyed && !this.#stream.closed) {
      if (this.#stream.headersSent) this.#stream.close(constants.NGHTTP2_INTERNAL_ERROR);
      else respond(this.#stream, 500, statusText(500));
    }
    if (err instanceof HttpError) return err;
    return HttpError.of('ERR_HTTP_INVALID_RESPONSE_HEADER', err instanceof Error ? err.message : 'invalid header', { cause: err });
  }
}

/** Answers `status` on `stream` with a plain-text body, as the other transports word their refusals. */
export function respond(stream: ServerHttp2Stream, status: number, message: string): void {
  if (stream.destroyed || stream.closed) return;
  const body = refusalBody(status, message);
  stream.respond({ ':status': status, 'content-type': 'text/plain; charset=utf-8', 'content-length': String(Buffer.byteLength(body)) });
  stream.end(body);
}

function byteLength(chunk: Uint8Array | string): number {
  return typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.length;
}

