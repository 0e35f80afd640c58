// ClientResponse and its body: Go's *http.Response as a client receives it. The body pulls from
// the connection as it is read, and must be read to its end or closed so that the connection can
// serve another request (as in Go).
import { Buffer } from 'node:buffer';
import type { Header } from '../http/header.js';
import type { ClientRequest } from './request.js';
import { ClientError, opName } from './errors.js';

/** Where a response body's bytes come from: the connection that read its head. */
export interface ResponseBodySource {
  /** The next body bytes, or null at the end of the body; rejects with a ClientError. */
  readBody(): Promise<Uint8Array | null>;
  /** The body is abandoned before its end: the connection is reused if the rest is already here, else closed. */
  abandon(): void;
}

/** Options of a whole-body read. */
export interface ResponseReadOptions {
  /** The most bytes to accept; past it the read rejects with `ERR_CLIENT_BODY_TOO_LARGE`. Default: no limit. */
  limit?: number;
}

const EMPTY = new Uint8Array(0);

/**
 * A response body (Go's `Response.Body`): an async iterable of chunks with `bytes()`, `text()`,
 * `json()` and `stream()`, read at most once, and `close()`. Reading it to the end, or closing it,
 * gives its connection back to the pool; a body neither read nor closed keeps its connection.
 */
export class ResponseBody implements AsyncIterable<Uint8Array> {
  #source: ResponseBodySource | null;
  readonly #request: ClientRequest;
  #used = false;
  #closed = false;

  /** A body reading from `source`; null for a response without a body. */
  constructor(source: ResponseBodySource | null, request: ClientRequest) {
    this.#source = source;
    this.#request = request;
  }

  /** Yields the chunks as they arrive. */
  [Symbol.asyncIterator](): AsyncIterator<Uint8Array> {
    return this.#chunks(Infinity);
  }

  /** The whole body; rejects with `ERR_CLIENT_BODY_TOO_LARGE` past `limit`, `ERR_CLIENT_BODY_CLOSED` when already read or closed. */
  async bytes(options?: ResponseReadOptions): Promise<Uint8Array> {
    const parts: Uint8Array[] = [];
    let total = 0;
    const it = this.#chunks(options?.limit ?? Infinity);
    for (let r = await it.next(); r.done !== true; r = await it.next()) {
      parts.push(r.value);
      total += r.value.length;
    }
    if (parts.length === 0) return EMPTY;
    if (parts.length === 1) return parts[0]!;
    return Buffer.concat(parts, total);
  }

  /** The whole body decoded as UTF-8. */
  async text(options?: ResponseReadOptions): Promise<string> {
    const b = await this.bytes(options);
    return Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('utf8');
  }

  /** The whole body parsed as JSON; a SyntaxError when it is not JSON. */
  async json(options?: ResponseReadOptions): Promise<unknown> {
    return JSON.parse(await this.text(options)) as unknown;
  }

  /** The body as a web `ReadableStream`, for APIs that take one. */
  stream(): ReadableStream<Uint8Array> {
    const it = this.#chunks(Infinity);
    return new ReadableStream<Uint8Array>({
      pull: async (controller) => {
        const r = await it.next();
        if (r.done === true) controller.close();
        else controller.enqueue(r.value);
      },
      cancel: () => {
        this.close();
      },
    });
  }

  /**
   * Closes the body (Go's `Body.Close`): what is unread is dropped; the connection goes back to
   * the pool when the rest of the body had already arrived, and is closed otherwise. Idempotent.
   */
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    const s = this.#source;
    this.#source = null;
    s?.abandon();
  }

  async *#chunks(limit: number): AsyncGenerator<Uint8Array, void> {
    if (this.#used || this.#closed) throw this.#error('ERR_CLIENT_BODY_CLOSED');
    this.#used = true;
    const s = this.#source;
    if (s === null) return;
    let total = 0;
    let ended = false;
    try {
      for (let chunk = await s.readBody(); chunk !== null; chunk = await s.readBody()) {
        total += chunk.length;
        if (total > limit) throw this.#error('ERR_CLIENT_BODY_TOO_LARGE', `response body over the limit of ${limit} bytes`);
        yield chunk;
      }
      ended = true;
    } finally {
      // Read to the end, the source has released the connection; stopped early, it is dropped.
      if (ended) this.#source = null;
      this.close();
    }
  }

  #error(code: 'ERR_CLIENT_BODY_CLOSED' | 'ERR_CLIENT_BODY_TOO_LARGE', detail?: string): ClientError {
    return new ClientError(code, opName(this.#request.method), this.#request.url.href, detail);
  }
}

/** A response as the client received it (Go's `*http.Response`). */
export class ClientResponse {
  /** The status as Go gives it: code and reason, `200 OK`. */
  readonly status: string;
  /** The status code. */
  readonly statusCode: number;
  /** The protocol version, `HTTP/1.1` or `HTTP/1.0`. */
  readonly proto: string;
  /** The header fields, case-insensitive, repeated fields kept, in wire order. */
  readonly header: Header;
  /** The body; empty for HEAD, 204 and 304. */
  readonly body: ResponseBody;
  /** The declared length: Content-Length, or -1 when unknown (chunked or until close). */
  readonly contentLength: number;
  /** True when the connection closes after this response (Go's `Response.Close`). */
  readonly close: boolean;
  /** The request this answers (after redirects, the last one). */
  readonly request: ClientRequest;
  /** The trailer fields of a chunked body: empty until the body has been read to its end (as Go's `Response.Trailer`). */
  readonly trailer: Header;

  constructor(init: {
    statusCode: number;
    reason: string;
    proto: string;
    header: Header;
    body: ResponseBody;
    contentLength: number;
    close: boolean;
    request: ClientRequest;
    trailer: Header;
  }) {
    this.statusCode = init.statusCode;
    this.status = init.reason === '' ? String(init.statusCode) : `${init.statusCode} ${init.reason}`;
    this.proto = init.proto;
    this.header = init.header;
    this.body = init.body;
    this.contentLength = init.contentLength;
    this.close = init.close;
    this.request = init.request;
    this.trailer = init.trailer;
  }
}
