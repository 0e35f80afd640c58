// The shared transport suite's cases the HTTP/2 transport answers differently over HTTP/2, named
// in one place, in four kinds, with the reason for each.

/** What HTTP/2 cannot carry: the gateway refuses to send it, and the case sees a closed connection without an answer. */
export const notExpressible: Record<string, string> = {
  'http10-close': 'HTTP/2 cannot carry HTTP/1.0 or a Connection field',
  'connection-close': 'HTTP/2 has no Connection field: a connection is closed with GOAWAY',
  'http10-stream': 'HTTP/2 cannot carry HTTP/1.0; a body of unknown length is DATA frames up to END_STREAM',
  'http2-request-line': 'an HTTP/2.0 request line is HTTP/1.1 syntax: HTTP/2 has no request line',
  'http-1x-as-11': 'HTTP/2 has no version in its requests',
  'rtsp-not-http': 'HTTP/2 has no request line to name another protocol in',
  'http-version-unknown': 'HTTP/2 has no version in its requests',
  http09: 'HTTP/2 has no request line',
  'duplicate-host': 'HTTP/2 has one :authority',
  'te-unknown-coding': 'HTTP/2 has no Transfer-Encoding (RFC 9113 §8.2.2)',
  'te-with-content-length': 'HTTP/2 has no Transfer-Encoding: no smuggling by framing',
  'te-chunked-not-last': 'HTTP/2 has no Transfer-Encoding',
  'content-length-differing': 'the HTTP/2 client refuses to send differing Content-Length values',
  'content-length-sign': 'the HTTP/2 client refuses to send a signed Content-Length',
  'obs-fold': 'HPACK fields have no line folding',
  'space-before-colon': 'HPACK fields have no colon',
  'nul-in-value': 'the HTTP/2 client refuses a NUL in a field value (the HTTP/2 layer would reset the stream)',
  'bare-lf': 'HPACK fields have no line endings',
  'framing-error-stops': 'HTTP/2 has no chunked framing to get wrong: DATA frames carry their length',
  'header-timeout': 'a header block arrives whole in HEADERS frames: there is no partial head to time out; a new connection that opens no stream is closed at headerTimeout',
  'request-timeout-head': 'a header block arrives whole: requestTimeout runs from the stream\'s HEADERS frame',
  'upgrade-hijack': 'HTTP/2 has no Upgrade (RFC 9113 §8.6) and no connection of a request\'s own to hijack',
  'upgrade-not-taken': 'HTTP/2 has no Upgrade',
  'upgrade-declined': 'HTTP/2 has no Upgrade',
  'hijack-after-header': 'the case asks with Upgrade, which HTTP/2 cannot carry (hijack-not-upgrade shows hijack() refused)',
  'hijack-twice': 'the case asks with Upgrade, which HTTP/2 cannot carry',
  'write-after-hijack': 'the case asks with Upgrade, which HTTP/2 cannot carry',
  'upgrade-empty-body': 'HTTP/2 has no Upgrade',
  'upgrade-client-reset': 'HTTP/2 has no Upgrade',
  'llhttp-sample-04-firefox-get': 'the request has Connection and Keep-Alive fields, which HTTP/2 cannot carry',
  'llhttp-sample-08-apache-bench-get': 'the request has a Connection field, which HTTP/2 cannot carry',
  'llhttp-connection-01-setting-flag': 'the request has a Connection field, which HTTP/2 cannot carry',
  'llhttp-invalid-03-spaces-before-headers': 'HPACK fields have no whitespace to get wrong',
  'llhttp-invalid-09-headers-separated-by-cr': 'HPACK fields have no line endings',
  'llhttp-invalid-10-headers-separated-by-lf': 'HPACK fields have no line endings',
  'llhttp-invalid-11-headers-separated-by-dummy-characters': 'HPACK fields have no line endings',
  'llhttp-invalid-22-missing-cr-between-headers': 'HPACK fields have no line endings',
  'llhttp-content-length-08-error-on-duplicate-content-length': 'the HTTP/2 client refuses to send differing Content-Length values',
  'llhttp-content-length-09-error-on-simultaneous-content-length-and-transfer-encoding-i': 'HTTP/2 has no Transfer-Encoding',
  'llhttp-transfer-encoding-17-post-with-transfer-encoding-and-content-length': 'HTTP/2 has no Transfer-Encoding',
  'llhttp-transfer-encoding-20-post-with-chunked-before-other-transfer-coding-names': 'HTTP/2 has no Transfer-Encoding',
};

/** What the HTTP/2 layer (nghttp2) refuses itself, before the transport sees it: a stream reset (PROTOCOL_ERROR), not a 400. */
export const refusedByTheProtocol: Record<string, string> = {
  'asterisk-not-options': 'the HTTP/2 layer resets a stream with :path * for a method other than OPTIONS',
  'connect-origin-form': 'the HTTP/2 layer resets a CONNECT whose :authority is not host:port',
  'host-invalid': 'the HTTP/2 layer resets a stream whose :authority is not a valid authority',
};

/** Pseudo-header fields instead of a request line, and lower-case field names. */
export const pseudoHeaders: Record<string, string> = {
  hello: 'an HTTP/2 response has :status and no version or reason phrase (the gateway shows HTTP/2.0 200)',
  'request-fields': 'proto is HTTP/2.0, and field names arrive in lower case (host from :authority first)',
  'absolute-form': 'the target arrives as :scheme, :authority and :path: url is the :path (/info?a=1)',
  'host-missing': 'the HTTP/2 client always sends :authority, which stands for Host: there is no request without one',
  'text-encoding': 'field names go in lower case (x-name: café), as HTTP/2 requires',
  'expect-continue': 'the interim response is HEADERS with :status 100, no status line (the gateway shows HTTP/2.0 100)',
};

/** Streams instead of a connection per exchange: each request stands alone, and HTTP/2 has its own backpressure. */
export const streams: Record<string, string> = {
  'length-mismatch-head-write-long':
    'a HEAD response is complete with its HEADERS frame, so the stream is not reset: the write still rejects, and the next stream is answered',
  'expect-continue-unread': 'an unread body does not cost the connection: the stream is closed with NO_ERROR after the response, no Connection: close',
  'handler-throws': 'a failed handler gets its 500 on its stream; the connection and the next stream go on',
  'connect-not-hijacked': 'the CONNECT is refused 501 on its stream; the connection and the next stream go on',
  'connect-tunnel': 'an HTTP/2 stream cannot be hijacked: the probe\'s hijack() throws and the request is answered 500',
  'pipelined-unread-paused':
    'streams are served concurrently (up to maxConcurrentStreams), each response bounded by its flow-control window: a client that does not read stalls its windows, not a queue of pipelined requests',
  'pipelined-unread-dropped': 'as pipelined-unread-paused: HTTP/2 flow control, not maxBufferedResponseBytes, bounds what a client that does not read holds up',
  'graceful-close-new-connection':
    'a graceful close sends GOAWAY with last stream 0 to a connection that has opened no stream yet: the client learns that nothing was processed and retries on a new connection (RFC 9113 §6.8), where HTTP/1.1 has no such signal and gets its first request answered',
};

/** Every difference of the HTTP/2 transport over HTTP/2. */
export const http2Differences: Record<string, string> = { ...notExpressible, ...refusedByTheProtocol, ...pseudoHeaders, ...streams };
