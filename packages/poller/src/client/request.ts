// ClientRequest and newRequest: Go's http.Request as a client builds it, with http.NewRequest's
// validation and its body rules (a body of known length can be replayed for a redirect).
import { Buffer } from 'node:buffer';
import { Header, isToken, type HeaderInit } from '../http/header.js';
import { ClientError, opName } from './errors.js';

/**
 * What a request body can be: a string (sent as UTF-8), bytes, or an async iterable of chunks
 * (streamed, chunked unless `contentLength` is given). `null` or `undefined`: no body.
 */
export type RequestBodyInit = string | Uint8Array | AsyncIterable<Uint8Array | string> | null | undefined;

/** Options of {@link newRequest}. */
export interface NewRequestOptions {
  /** Header fields to start with. Default: none. */
  header?: HeaderInit;
  /**
   * Aborts the request, its connection and its body read (Go's context): a signal from
   * `AbortSignal.timeout(ms)` is a deadline. Default: none.
   */
  signal?: AbortSignal;
  /**
   * The length of a streamed (async iterable) body, sent as Content-Length; the body must then
   * have exactly this many bytes. Default: unknown (-1), sent chunked.
   */
  contentLength?: number;
}

const EMPTY = new Uint8Array(0);

/**
 * An HTTP request to send (Go's `*http.Request` on the client side). Build it with
 * {@link newRequest}; `header`, `host`, `close` and `signal` may be changed before sending.
 */
export class ClientRequest {
  /** The method, `GET` when given empty. */
  readonly method: string;
  /** The URL to request. */
  readonly url: URL;
  /** The header fields to send (Host, Content-Length and Transfer-Encoding are the transport's). */
  readonly header: Header;
  /**
   * The bytes of a body given as string or bytes (replayable for 307/308 redirects and retries),
   * or null.
   */
  readonly bytes: Uint8Array | null;
  /** A streamed body, sent once, or null. */
  readonly stream: AsyncIterable<Uint8Array | string> | null;
  /** The body length: the bytes' length, a streamed body's declared length, or -1 when unknown. */
  readonly contentLength: number;
  /** Overrides the Host field (Go's `Request.Host`); '' sends the URL's host. */
  host = '';
  /** Asks for the connection to close after the response (Go's `Request.Close`). */
  close = false;
  /** Aborts the exchange (Go's context); null for none. */
  signal: AbortSignal | null;
  /** For a request made by following a redirect: the response that asked for it. */
  response: { readonly statusCode: number; readonly header: Header } | null = null;

  /** Use {@link newRequest}, which validates. */
  constructor(method: string, url: URL, header: Header, body: Uint8Array | AsyncIterable<Uint8Array | string> | null, contentLength: number, signal: AbortSignal | null) {
    this.method = method;
    this.url = url;
    this.header = header;
    this.bytes = body instanceof Uint8Array ? body : null;
    this.stream = body === null || body instanceof Uint8Array ? null : body;
    this.contentLength = contentLength;
    this.signal = signal;
  }

  /** True when the body can be sent again: no body, or one given as string or bytes (Go's `GetBody`). */
  get replayable(): boolean {
    return this.stream === null;
  }

  /** The body's length as Go's `outgoingLength`: 0 without a body, -1 when unknown. */
  get outgoingLength(): number {
    if (this.stream === null && this.bytes === null) return 0;
    return this.contentLength;
  }

  /** A copy with another signal (Go's `WithContext`). */
  withSignal(signal: AbortSignal | null): ClientRequest {
    const r = new ClientRequest(this.method, this.url, this.header, this.bytes ?? this.stream, this.contentLength, signal);
    r.host = this.host;
    r.close = this.close;
    r.response = this.response;
    return r;
  }

  /** The request target of the request line: the URL's path (`/` when empty) and query. */
  get requestURI(): string {
    const p = this.url.pathname === '' ? '/' : this.url.pathname;
    return this.url.search === '' ? p : p + this.url.search;
  }
}

/**
 * Go's `http.NewRequestWithContext`: validates the method (a token) and the URL (absolute,
 * with a host), and prepares the body. Throws a {@link ClientError} `ERR_CLIENT_INVALID_REQUEST`.
 */
export function newRequest(method: string, url: string | URL, body?: RequestBodyInit, options: NewRequestOptions = {}): ClientRequest {
  const m = method === '' ? 'GET' : method;
  const raw = String(url);
  if (!isToken(m)) throw new ClientError('ERR_CLIENT_INVALID_REQUEST', opName(m), raw, `invalid method ${JSON.stringify(method)}`);
  let u: URL;
  try {
    u = typeof url === 'string' ? new URL(url) : new URL(url.href);
  } catch (err) {
    throw new ClientError('ERR_CLIENT_INVALID_REQUEST', opName(m), raw, 'invalid URL', err);
  }
  let header: Header;
  try {
    header = new Header(options.header);
  } catch (err) {
    throw new ClientError('ERR_CLIENT_INVALID_REQUEST', opName(m), raw, err instanceof Error ? err.message : 'invalid header', err);
  }
  const signal = options.signal ?? null;
  if (body === null || body === undefined) return new ClientRequest(m, u, header, null, 0, signal);
  if (typeof body === 'string') {
    const bytes = body.length === 0 ? EMPTY : Buffer.from(body, 'utf8');
    return new ClientRequest(m, u, header, bytes, bytes.length, signal);
  }
  if (body instanceof Uint8Array) return new ClientRequest(m, u, header, body, body.length, signal);
  const n = options.contentLength ?? -1;
  if (!Number.isSafeInteger(n) || n < -1) throw new ClientError('ERR_CLIENT_INVALID_REQUEST', opName(m), raw, `invalid contentLength ${n}`);
  return new ClientRequest(m, u, header, body, n, signal);
}
