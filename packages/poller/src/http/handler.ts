// The HTTP contract, Go's net/http Handler rendered in TypeScript: interfaces and the guarantees
// each transport gives, nothing else. The netpoll and node transports implement it; the
// framework's Engine is a Handler.
import type { Conn } from '../net/conn.js';
import type { ConnectionState, TLSConfig } from '../tls/config.js';
import type { Header } from './header.js';

/**
 * Serves one request. The transport calls `serveHTTP` once per request, in request order on a
 * connection. When it returns (or its promise settles) the response is complete: whatever the
 * handler has not ended is ended for it, as Go does when ServeHTTP returns. A throw or a
 * rejection before the header is sent is answered 500 and the connection is closed; after the
 * header is sent, the connection is closed, so the client sees a truncated response.
 */
export interface Handler {
  serveHTTP(w: ResponseWriter, r: Request): void | Promise<void>;
}

/** Options for reading a whole body. */
export interface BodyReadOptions {
  /**
   * The most bytes to accept; above it the read rejects with an HttpError `ERR_HTTP_BODY_TOO_LARGE`
   * (413). Defaults to the transport's `maxBodyBytes`, and can only lower it.
   */
  limit?: number;
}

/**
 * A request body: an async iterable of chunks, read at most once. Reading it is what pulls the
 * bytes from the connection, so an unread body costs nothing until the transport discards it
 * after the handler returns. On an `Expect: 100-continue` request the first read sends the
 * interim 100 response.
 */
export interface RequestBody extends AsyncIterable<Uint8Array> {
  /**
   * The whole body, rejected with `ERR_HTTP_BODY_TOO_LARGE` (413) past the limit, `ERR_HTTP_REQUEST_ABORTED`
   * when the client goes away mid-body, and `ERR_HTTP_BODY_CONSUMED` when already read.
   */
  bytes(options?: BodyReadOptions): Promise<Uint8Array>;
  /** The whole body decoded as UTF-8, under the same limit and errors as bytes(). */
  text(options?: BodyReadOptions): Promise<string>;
  /** The whole body parsed as JSON; a SyntaxError when it is not JSON. */
  json(options?: BodyReadOptions): Promise<unknown>;
}

/**
 * An incoming request. Every field is read-only. `headers`, `body` and `signal` are created the
 * first time they are read, so a handler pays only for what it uses.
 */
export interface Request {
  /** The method as sent, case preserved (`GET`, `PROPFIND`). */
  readonly method: string;
  /** The request target exactly as sent: `/a/b?x=1`, `http://h/p`, `host:443` or `*`. */
  readonly url: string;
  /**
   * The path of the target, without its query string, undecoded as it came on the wire; for an
   * absolute-form target the path part (`/` when empty), for authority and asterisk forms the
   * target itself.
   */
  readonly path: string;
  /** The query string after `?` without the `?` (and without any `#fragment`), or ''. */
  readonly rawQuery: string;
  /** The protocol version as sent: `HTTP/1.1` or `HTTP/1.0`. */
  readonly proto: string;
  /** The header fields, case-insensitive, repeated fields kept, in wire order. */
  readonly headers: Header;
  /**
   * The peer as `host:port` (`[v6]:port` for IPv6), read once per connection as it begins: still
   * there after the client has gone.
   */
  readonly remoteAddr: string;
  /**
   * The TLS state of the connection the request came on (Go's `r.TLS`): its version, ALPN
   * protocol, SNI server name, the client's certificates; `null` on a plain (cleartext)
   * connection, as Go's is nil. Read once per connection while it is open, never per request:
   * the same frozen object for every request of the connection, still there after the client
   * has gone.
   */
  readonly tls: ConnectionState | null;
  /**
   * The declared body length: the Content-Length value, 0 for a request without a body, and -1
   * for a chunked body whose length is unknown until read.
   */
  readonly contentLength: number;
  /** The body; empty (yields nothing) when the request has none. */
  readonly body: RequestBody;
  /**
   * Aborts when the client goes away before the response is complete (the connection closes or
   * errors), or when the server is closed without grace. Never aborts after the response ends.
   */
  readonly signal: AbortSignal;
}

/**
 * Builds the response to one request. The status line and header are sent on the first write,
 * flush or end (or by writeHeader followed by one of those); after that, header changes are
 * ignored, as in Go.
 */
export interface ResponseWriter {
  /** The response header, mutable until the header is sent; set/append validate every field. */
  header(): Header;
  /**
   * Sets the status (100-999) to send; 200 when never called. A second call, or a call after
   * the header is sent, is ignored. Does not by itself send anything.
   */
  writeHeader(status: number): void;
  /**
   * Writes body bytes (a string is UTF-8). Resolves at once while the bytes buffered for this
   * connection are under the transport's high-water mark, and later, when the peer has read
   * enough, otherwise. Without a Content-Length set by the handler a first write that is not
   * the last one switches the response to chunked (HTTP/1.1) or to close-delimited (HTTP/1.0).
   * Rejects with `ERR_HTTP_BODY_NOT_ALLOWED` for 1xx/204/304, `ERR_HTTP_RESPONSE_ALREADY_SENT` after end(), and
   * with the connection's error once the client has gone. For HEAD the bytes are counted, not
   * sent.
   */
  write(chunk: Uint8Array | string): Promise<void>;
  /**
   * Writes the optional last chunk and completes the response. When the whole body is given
   * here and nothing was written before, Content-Length is set from it. Resolves when the bytes
   * are handed to the connection; a second call is a no-op.
   */
  end(chunk?: Uint8Array | string): Promise<void>;
  /** Sends the header (if not yet sent) and any buffered body bytes now. */
  flush(): void;
  /** True once the status line and header are committed to the connection. */
  readonly headersSent: boolean;
  /**
   * Takes over the connection, as Go's Hijacker: the transport stops managing it (no response is
   * written, no timeouts apply) and the caller owns the returned Conn, whose first reads give
   * any bytes the transport had already read past the request head. Meant for Upgrade and
   * CONNECT: throws `ERR_HTTP_HIJACK_FAILED` for any other request, once the header is sent, or
   * when called twice.
   */
  hijack(): Conn;
}

/** Where and how to listen. Limits and timeouts belong to the transport factory. */
export interface ServeOptions {
  /** TCP port; 0 picks a free one. Default 0. */
  port?: number;
  /** Interface to bind; default: all interfaces (`::`, falling back to `0.0.0.0`), as gin's ":8080". */
  host?: string;
  /** Listen backlog; default the platform's (511 in Node). */
  backlog?: number;
}

/** Options to {@link ServerHandle.close}. */
export interface CloseOptions {
  /**
   * true (default): stop accepting, close idle connections, let in-flight requests finish and
   * answer them with `Connection: close`, then resolve. false: destroy every connection now
   * (their request signals abort).
   */
  graceful?: boolean;
  /** With graceful, the most milliseconds to wait before closing the rest; default 10000. */
  timeout?: number;
}

/** What a running server has counted, for metrics and health checks. */
export interface ServerStats {
  /** Connections open now; a hijacked connection no longer counts. */
  readonly connections: number;
  /** Connections accepted since the server started. */
  readonly accepted: number;
  /**
   * Requests the transport refused before any handler saw them because they were malformed,
   * too large or broke a rule (each answered 4xx); slow requests answered 408 are not counted.
   */
  readonly parseErrors: number;
}

/** A running server. */
export interface ServerHandle {
  /** The bound address as `host:port` (`[::]:8080`). */
  readonly address: string;
  /** The bound port. */
  readonly port: number;
  /** Stops the server; resolves when every connection is closed. Calling it again is harmless. */
  close(options?: CloseOptions): Promise<void>;
  /** What the server has counted so far; both of the poller's transports give it. */
  stats?(): ServerStats;
  /**
   * Serves the connections accepted from now on with a new TLS config, without a restart
   * (node:tls's `server.setSecureContext`): a renewed certificate, or a new `getCertificate`.
   * Connections already open keep theirs. Throws TLSConfigError for a config that cannot work
   * (the server keeps its own) or on a server without TLS. The poller's transports give it.
   */
  setSecureContext?(config: TLSConfig): void;
}

/** Something that serves a Handler over the network: the netpoll and node transports. */
export interface Transport {
  /** Binds and starts serving; resolves once listening. */
  serve(handler: Handler, options?: ServeOptions): Promise<ServerHandle>;
}
