// IncomingRequest: the netpoll transport's Request. Everything beyond the request line is
// created on first use: the Header object, the path/query split, the body reader and the
// AbortSignal; a handler that reads none of them allocates none of them.
import type { ConnectionState } from '../tls/config.js';
import type { Request, RequestBody } from './handler.js';
import type { Header } from './header.js';
import { headerFromWire } from './header.js';
import type { RequestHead } from './request-head.js';
import { BodyReader } from './body.js';
import type { BodySource } from './body.js';

/** What a request needs from its connection. */
export interface RequestConn extends BodySource {
  /** The peer as `host:port`. */
  readonly remoteAddr: string;
  /** The connection's TLS state, null on a plain one (see Request.tls). */
  readonly tls: ConnectionState | null;
  /** Called when the handler first reads `signal`, so the connection watches for a disconnect. */
  watchDisconnect(): void;
}

/** A request received by the netpoll transport. */
export class IncomingRequest implements Request {
  readonly method: string;
  readonly url: string;
  readonly contentLength: number;
  readonly #conn: RequestConn;
  readonly #head: RequestHead;
  #headers: Header | null = null;
  #body: BodyReader | null = null;
  #abort: AbortController | null = null;
  #queryAt = -2;
  #path: string | null = null;

  constructor(conn: RequestConn, head: RequestHead) {
    this.#conn = conn;
    this.#head = head;
    this.method = head.method;
    this.url = head.url;
    this.contentLength = head.contentLength;
  }

  /** {@inheritDoc Request.proto} */
  get proto(): string {
    return this.#head.minor === 0 ? 'HTTP/1.0' : 'HTTP/1.1';
  }

  /** {@inheritDoc Request.headers} */
  get headers(): Header {
    return (this.#headers ??= headerFromWire(this.#head.names, this.#head.values));
  }

  /** {@inheritDoc Request.remoteAddr} */
  get remoteAddr(): string {
    return this.#conn.remoteAddr;
  }

  /** {@inheritDoc Request.tls} */
  get tls(): ConnectionState | null {
    return this.#conn.tls;
  }

  /** {@inheritDoc Request.path} */
  get path(): string {
    if (this.#path !== null) return this.#path;
    const url = this.url;
    let start = 0;
    if (url.charCodeAt(0) !== 0x2f && url !== '*' && this.method !== 'CONNECT') {
      // absolute-form: the path starts after "scheme://authority".
      const scheme = url.indexOf('://');
      start = scheme < 0 ? url.length : firstOf(url, '/?#', scheme + 3);
    }
    const end = this.method === 'CONNECT' ? url.length : firstOf(url, '?#', start);
    this.#path = start === 0 && end === url.length ? url : url.slice(start, end) || '/';
    return this.#path;
  }

  /** {@inheritDoc Request.rawQuery} */
  get rawQuery(): string {
    if (this.#queryAt === -2) this.#queryAt = this.method === 'CONNECT' ? -1 : this.url.indexOf('?');
    if (this.#queryAt < 0) return '';
    const hash = this.url.indexOf('#', this.#queryAt);
    return this.url.slice(this.#queryAt + 1, hash < 0 ? this.url.length : hash);
  }

  /** {@inheritDoc Request.body} */
  get body(): RequestBody {
    return (this.#body ??= new BodyReader(this.#conn, this.#head.contentLength));
  }

  /** {@inheritDoc Request.signal} */
  get signal(): AbortSignal {
    if (this.#abort === null) {
      this.#abort = new AbortController();
      this.#conn.watchDisconnect();
    }
    return this.#abort.signal;
  }

  /** Aborts the signal, if anyone asked for it (the client went away). */
  abort(reason: unknown): void {
    if (this.#abort !== null && !this.#abort.signal.aborted) this.#abort.abort(reason);
  }
}

function firstOf(s: string, chars: string, from: number): number {
  for (let i = from; i < s.length; i++) if (chars.includes(s[i]!)) return i;
  return s.length;
}
