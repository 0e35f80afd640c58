// The Request of the HTTP/2 transport: a view of one server stream. The pseudo-header fields
// become the request line (`:method`, `:path`), `:authority` becomes `host`, and the headers,
// body, signal and path are computed the first time they are read.
import type { Http2Session, ServerHttp2Stream } from 'node:http2';
import type { Request, RequestBody } from '../http/handler.js';
import { headerFromWire, type Header } from '../http/header.js';
import { closeSignal } from '../adapter/close-signal.js';
import { EmptyBody } from '../adapter/empty-body.js';
import { connectionPeer } from '../adapter/remote-addr.js';
import { StreamBody, type BodySource } from '../adapter/stream-body.js';
import { splitTarget, type Target } from '../adapter/target.js';
import type { ConnectionState } from '../tls/config.js';
import { servedConnectionState } from '../tls/state.js';
import type { Http2Head } from './head.js';

/** The request's side of its stream: the body's source, and whether the response is complete. */
export interface StreamState extends BodySource {
  /** True once the response has ended: the signal no longer aborts. */
  readonly responded: boolean;
}

/** A Request over a server stream. */
export class Http2Request implements Request {
  /** {@inheritDoc Request.method} */
  readonly method: string;
  /** {@inheritDoc Request.url} */
  readonly url: string;
  /** {@inheritDoc Request.contentLength} */
  readonly contentLength: number;
  readonly #stream: ServerHttp2Stream;
  /** The stream's session: the stream forgets it once closed. */
  readonly #session: Http2Session | undefined;
  readonly #raw: readonly string[];
  readonly #authority: string | undefined;
  readonly #state: StreamState;
  readonly #maxBodyBytes: number;
  #target: Target | undefined;
  #headers: Header | undefined;
  #body: RequestBody | undefined;
  #signal: AbortSignal | undefined;

  /**
   * `raw` is the stream's raw header list; a request whose HEADERS frame ended the stream has
   * no body (`contentLength` 0), one with DATA to come and no Content-Length has -1.
   */
  constructor(stream: ServerHttp2Stream, head: Http2Head, raw: readonly string[], state: StreamState, maxBodyBytes: number) {
    this.method = head.method;
    this.url = head.target;
    this.contentLength = stream.endAfterHeaders ? 0 : head.contentLength;
    this.#stream = stream;
    this.#session = stream.session;
    this.#raw = raw;
    this.#authority = head.authority;
    this.#state = state;
    this.#maxBodyBytes = maxBodyBytes;
  }

  /** {@inheritDoc Request.path} */
  get path(): string {
    return (this.#target ??= splitTarget(this.url)).path;
  }

  /** {@inheritDoc Request.rawQuery} */
  get rawQuery(): string {
    return (this.#target ??= splitTarget(this.url)).rawQuery;
  }

  /** `HTTP/2.0`, as Go's `Request.Proto`. */
  get proto(): string {
    return 'HTTP/2.0';
  }

  /**
   * The regular fields in wire order, names in lower case as HTTP/2 sends them; a `host` field
   * from `:authority` comes first when the request has no Host of its own, so code that reads
   * Host works on every transport.
   */
  get headers(): Header {
    if (this.#headers === undefined) {
      const raw = this.#raw;
      const names: string[] = [];
      const values: string[] = [];
      let host = false;
      for (let i = 0; i < raw.length; i += 2) {
        const name = raw[i]!;
        if (name.charCodeAt(0) === 0x3a /* : */) continue;
        if (name === 'host') host = true;
        names.push(name);
        values.push(raw[i + 1]!);
      }
      if (!host && this.#authority !== undefined) {
        names.unshift('host');
        values.unshift(this.#authority);
      }
      this.#headers = headerFromWire(names, values);
    }
    return this.#headers;
  }

  /** {@inheritDoc Request.remoteAddr} */
  get remoteAddr(): string {
    const session = this.#session;
    if (session === undefined) return ':0';
    // A destroyed session's socket proxy throws (ERR_HTTP2_SOCKET_UNBOUND) rather than answer.
    return connectionPeer(session, session.destroyed ? undefined : session.socket);
  }

  /** {@inheritDoc Request.tls} The session's state, read when the session began. */
  get tls(): ConnectionState | null {
    const session = this.#session;
    return session?.encrypted === true ? servedConnectionState(session.socket, session) : null;
  }

  /** {@inheritDoc Request.body} */
  get body(): RequestBody {
    this.#body ??= this.contentLength === 0 ? new EmptyBody() : new StreamBody(this.#state, this.#maxBodyBytes);
    return this.#body;
  }

  /** Aborts when the stream is reset or closed before the response ends, or the server closes without grace. */
  get signal(): AbortSignal {
    if (this.#signal === undefined) {
      const state = this.#state;
      this.#signal = closeSignal(this.#stream, this.#stream.destroyed, () => state.responded, 'the client reset the stream');
    }
    return this.#signal;
  }
}
