import { isIP } from 'node:net';
import type { Conn, ConnectionState } from '@sloe/poller';
import { CoreError } from '../errors.js';
import { Header, type Request, type RequestBody, type ResponseWriter } from './contract.js';
import { IterableBody } from './iterable-body.js';

const encoder = new TextEncoder();
// A string or bytes as bytes.
function toBytes(chunk: Uint8Array | string): Uint8Array {
  return typeof chunk === 'string' ? encoder.encode(chunk) : chunk;
}

/** What an in-memory request is built from. */
export interface MemoryRequestInit {
  /** The method; default GET. */
  method?: string;
  /**
   * An absolute URL or a request target (`/path?query`); default `/`. An absolute URL's
   * authority is the Host header when none is given, and an `https:` one makes the request
   * one that came over TLS (see `tls`).
   */
  url?: string;
  /** Request headers. */
  headers?: Iterable<readonly [string, string]> | Record<string, string | readonly string[] | undefined>;
  /** The body: bytes, a string (UTF-8), or a stream of chunks. */
  body?: Uint8Array | string | AsyncIterable<Uint8Array>;
  /** The peer address; default `127.0.0.1:0`. */
  remoteAddr?: string;
  /** Aborts the request as a disconnecting client would. */
  signal?: AbortSignal;
  /**
   * The connection's TLS state, `Request.tls` (a client certificate to test with, say). Default:
   * for an `https:` URL the state Go's `httptest.NewRequest` gives (handshake complete,
   * `TLSv1.2`, the URL's host name as `serverName`, no certificates), else null.
   */
  tls?: ConnectionState | null;
}

/** A request body held in memory or streamed from an iterable, readable once. */
class MemoryBody extends IterableBody {
  #source: AsyncIterable<Uint8Array>;
  #used = false;

  constructor(source: AsyncIterable<Uint8Array>) {
    super();
    this.#source = source;
  }

  [Symbol.asyncIterator](): AsyncIterator<Uint8Array> {
    if (this.#used) throw new Error('body already read');
    this.#used = true;
    return this.#source[Symbol.asyncIterator]();
  }
}

function once(bytes: Uint8Array): AsyncIterable<Uint8Array> {
  return {
    [Symbol.asyncIterator]: () => {
      let done = bytes.length === 0;
      return {
        next: () => {
          if (done) return Promise.resolve({ done: true, value: undefined });
          done = true;
          return Promise.resolve({ done: false, value: bytes });
        },
      };
    },
  };
}

function headerPairs(init: MemoryRequestInit['headers']): [string, string][] {
  const out: [string, string][] = [];
  if (init === undefined) return out;
  if (Symbol.iterator in init) {
    for (const [n, v] of init) out.push([n, v]);
    return out;
  }
  for (const [n, v] of Object.entries(init)) {
    if (v === undefined) continue;
    if (typeof v === 'string') out.push([n, v]);
    else for (const one of v) out.push([n, one]);
  }
  return out;
}

/**
 * The TLS state of a request sent to an `https:` URL whose authority (without user info) is
 * `authority`: Go's `httptest.NewRequest`'s, with the host name a client would send as SNI
 * (none for an IP address).
 */
function urlTLSState(authority: string): ConnectionState {
  const host = (/^(\[[^\]]*\]|[^:]*)/.exec(authority)?.[1] ?? '').toLowerCase();
  return Object.freeze({
    handshakeComplete: true,
    version: 'TLSv1.2',
    cipherSuite: '',
    negotiatedProtocol: '',
    serverName: host.startsWith('[') || isIP(host) !== 0 ? '' : host,
    didResume: false,
    peerCertificates: Object.freeze([]),
    verified: false,
  });
}

/** A {@link Request} held in memory, for `inject()` and `fetch()`. */
export class MemoryRequest implements Request {
  readonly method: string;
  readonly url: string;
  readonly path: string;
  readonly rawQuery: string;
  readonly proto = 'HTTP/1.1';
  readonly headers: Header;
  readonly remoteAddr: string;
  readonly tls: ConnectionState | null;
  readonly contentLength: number;
  readonly body: RequestBody;
  // Made on first use: most handlers never look, and an AbortController is a large share of a
  // request served in memory.
  #signal: AbortSignal | undefined;

  /** Builds the request; Content-Length and Host (the URL's authority, else `localhost`) are added when absent. */
  constructor(init: MemoryRequestInit) {
    this.method = (init.method ?? 'GET').toUpperCase();
    let url = init.url ?? '/';
    const absolute = /^([a-z][a-z0-9+.-]*):\/\/([^/?#]*)/i.exec(url);
    if (absolute !== null) url = url.slice(absolute[0].length) || '/';
    if (url.startsWith('?')) url = `/${url}`;
    this.url = url;
    const q = url.indexOf('?');
    this.path = q < 0 ? url : url.slice(0, q);
    this.rawQuery = q < 0 ? '' : url.slice(q + 1);
    const headers = new Header(headerPairs(init.headers));
    const body = init.body ?? new Uint8Array(0);
    if (typeof body === 'string' || body instanceof Uint8Array) {
      const bytes = toBytes(body);
      if (!headers.has('content-length') && bytes.length > 0) headers.set('Content-Length', String(bytes.length));
      this.contentLength = bytes.length;
      this.body = new MemoryBody(once(bytes));
    } else {
      this.contentLength = Number(headers.get('content-length') ?? -1);
      this.body = new MemoryBody(body);
    }
    // The authority without any user info, as a client sends it in Host.
    const authority = (absolute?.[2] ?? '').replace(/^[^@]*@/, '');
    if (!headers.has('host')) headers.set('Host', authority || 'localhost');
    this.headers = headers;
    this.remoteAddr = init.remoteAddr ?? '127.0.0.1:0';
    if (init.tls !== undefined) this.tls = init.tls;
    else this.tls = absolute?.[1]?.toLowerCase() === 'https' ? urlTLSState(authority) : null;
    this.#signal = init.signal;
  }

  /** The caller's signal, else one that never aborts (a request in memory has no peer to lose). */
  get signal(): AbortSignal {
    return (this.#signal ??= new AbortController().signal);
  }
}

/** A {@link ResponseWriter} that records the response in memory. */
export class MemoryResponseWriter implements ResponseWriter {
  #headers = new Header();
  #status = 200;
  #sent = false;
  #ended = false;
  #chunks: Uint8Array[] = [];
  #resolveDone!: () => void;
  /** Settles when `end()` has been called. */
  readonly done: Promise<void>;
  /** Called with each chunk as it is written, for streaming consumers. */
  onChunk: ((chunk: Uint8Array) => void) | undefined;
  /** Called once, when the status and headers are committed. */
  onHead: (() => void) | undefined;

  constructor() {
    this.done = new Promise((resolve) => (this.#resolveDone = resolve));
  }

  /** The response headers, mutable until they are sent. */
  header(): Header {
    return this.#headers;
  }

  /** Sets the status to send; ignored once sent. */
  writeHeader(status: number): void {
    if (!this.#sent) this.#status = status;
  }

  /** Appends a body chunk. */
  write(chunk: Uint8Array | string): Promise<void> {
    if (this.#ended) return Promise.reject(new CoreError('ERR_CORE_RESPONSE_WRITTEN', 'write after end'));
    this.#commit();
    const bytes = toBytes(chunk);
    if (bytes.length > 0) {
      this.#chunks.push(bytes);
      this.onChunk?.(bytes);
    }
    return Promise.resolve();
  }

  /** Ends the response, with an optional last chunk. */
  end(chunk?: Uint8Array | string): Promise<void> {
    if (this.#ended) return Promise.resolve();
    if (chunk !== undefined && !this.#sent && !this.#headers.has('content-length')) {
      this.#headers.set('Content-Length', String(typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.length));
    }
    if (chunk !== undefined) void this.write(chunk);
    this.#commit();
    this.#ended = true;
    this.#resolveDone();
    return Promise.resolve();
  }

  /** Marks the header as sent. */
  flush(): void {
    this.#commit();
  }

  #commit(): void {
    if (this.#sent) return;
    this.#sent = true;
    this.onHead?.();
  }

  /** Whether the status and headers have been sent. */
  get headersSent(): boolean {
    return this.#sent;
  }

  /** Whether `end()` was called. */
  get ended(): boolean {
    return this.#ended;
  }

  /** The status sent (200 unless set). */
  get status(): number {
    return this.#status;
  }

  /** The body written so far, as one byte array. */
  body(): Uint8Array {
    return Buffer.concat(this.#chunks);
  }

  /** In memory there is no connection to take over. */
  hijack(): Conn {
    throw new CoreError('ERR_CORE_TRANSPORT', 'the in-memory transport cannot be hijacked');
  }
}
