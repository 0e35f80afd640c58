// The limits, timeouts and methods every transport takes from its factory, with their defaults.

/**
 * The methods of the IANA HTTP Method Registry (RFC 9110 §16.1), the default set a transport
 * accepts. `PRI` is listed there for HTTP/2's connection preface; over HTTP/1.x it only ever
 * arrives with version 2.0 and is answered 505.
 */
export const ianaMethods: readonly string[] = Object.freeze([
  'ACL', 'BASELINE-CONTROL', 'BIND', 'CHECKIN', 'CHECKOUT', 'CONNECT', 'COPY', 'DELETE', 'GET',
  'HEAD', 'LABEL', 'LINK', 'LOCK', 'MERGE', 'MKACTIVITY', 'MKCALENDAR', 'MKCOL', 'MKREDIRECTREF',
  'MKWORKSPACE', 'MOVE', 'OPTIONS', 'ORDERPATCH', 'PATCH', 'POST', 'PRI', 'PROPFIND', 'PROPPATCH',
  'PUT', 'REBIND', 'REPORT', 'SEARCH', 'TRACE', 'UNBIND', 'UNCHECKOUT', 'UNLINK', 'UNLOCK',
  'UPDATE', 'UPDATEREDIRECTREF', 'VERSION-CONTROL',
]);

/** Limits, timeouts and accepted methods of a transport. Every field is optional. */
export interface TransportOptions {
  /**
   * The methods accepted; any other gets 501 Not Implemented. Methods are case-sensitive
   * (RFC 9110 §9.1). Default: {@link ianaMethods}.
   */
  methods?: Iterable<string>;
  /** The most bytes in a request target; longer gets 414 URI Too Long. Default 8192. */
  maxUriBytes?: number;
  /**
   * The most bytes in the request line plus the header section (and, separately, in a chunked
   * body's trailer section); more gets 431 Request Header Fields Too Large. Default 16384.
   */
  maxHeaderBytes?: number;
  /**
   * The most body bytes a request may carry: a larger Content-Length gets 413 at once, a
   * chunked body that grows past it fails the body read with 413. Default 1 MiB (1048576).
   */
  maxBodyBytes?: number;
  /** Milliseconds to receive the whole header section of a request; then 408. Default 20000. */
  headerTimeout?: number;
  /**
   * Milliseconds to receive a whole request, header section and body, counted from its first
   * byte (as node's `requestTimeout` and Go's `ReadTimeout`); then 408, or a close once a
   * response has started. The header section is bounded by the smaller of this and
   * headerTimeout. 0 disables it. Default 300000.
   */
  requestTimeout?: number;
  /** Milliseconds a keep-alive connection may sit idle between requests. Default 5000. */
  idleTimeout?: number;
  /** The most open connections; further ones are closed on accept. Default 10000. */
  maxConnections?: number;
  /**
   * The most pipelined requests a connection answers ahead of its client: after this many
   * responses in a row the connection writes them out and, while the client is not taking
   * them (the socket's write buffer stays over its high-water mark), neither reads nor serves
   * more until it does, at most sendTimeout. Requests waiting their turn stay unparsed in the
   * connection's read queue, and a full queue stops reading from the socket (TCP
   * backpressure). Default 32.
   */
  maxPipelinedRequests?: number;
  /**
   * The most response bytes held for a connection whose client does not read them: past it
   * the connection stops reading and serving after the response in hand until the client
   * takes them, at most sendTimeout. Default 1 MiB (1048576).
   */
  maxBufferedResponseBytes?: number;
  /**
   * Milliseconds a connection may wait for its client to take response bytes it is not
   * reading (a write stalled on backpressure: a handler's write past writeHighWaterMark, or
   * the wait after maxPipelinedRequests or maxBufferedResponseBytes); then the connection is
   * dropped. Each stalled write has its own bound, as nginx's `send_timeout`. Default 60000.
   */
  sendTimeout?: number;
  /** The most bytes of chunk extensions on one chunk-size line; more gets 400. Default 1024. */
  maxChunkExtensionBytes?: number;
  /**
   * Response bytes buffered before write() stops resolving at once (the high-water mark).
   * Default 65536.
   */
  writeHighWaterMark?: number;
}

/** {@link TransportOptions} with every default filled in. */
export interface ResolvedTransportOptions {
  readonly methods: ReadonlySet<string>;
  readonly maxUriBytes: number;
  readonly maxHeaderBytes: number;
  readonly maxBodyBytes: number;
  readonly headerTimeout: number;
  readonly requestTimeout: number;
  readonly idleTimeout: number;
  readonly maxConnections: number;
  readonly maxPipelinedRequests: number;
  readonly maxBufferedResponseBytes: number;
  readonly sendTimeout: number;
  readonly maxChunkExtensionBytes: number;
  readonly writeHighWaterMark: number;
}

/** Fills in the defaults of {@link TransportOptions}. */
export function resolveTransportOptions(o: TransportOptions = {}): ResolvedTransportOptions {
  return {
    methods: new Set(o.methods ?? ianaMethods),
    maxUriBytes: o.maxUriBytes ?? 8192,
    maxHeaderBytes: o.maxHeaderBytes ?? 16384,
    maxBodyBytes: o.maxBodyBytes ?? 1048576,
    headerTimeout: o.headerTimeout ?? 20000,
    requestTimeout: o.requestTimeout ?? 300000,
    idleTimeout: o.idleTimeout ?? 5000,
    maxConnections: o.maxConnections ?? 10000,
    maxPipelinedRequests: o.maxPipelinedRequests ?? 32,
    maxBufferedResponseBytes: o.maxBufferedResponseBytes ?? 1048576,
    sendTimeout: o.sendTimeout ?? 60000,
    maxChunkExtensionBytes: o.maxChunkExtensionBytes ?? 1024,
    writeHighWaterMark: o.writeHighWaterMark ?? 65536,
  };
}
