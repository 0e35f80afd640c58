// RequestHead: what the parser knows about one request once its header section is complete,
// the request line and fields as sent plus the framing it derived from them.

/** The request line, header fields and framing of one parsed request. */
export class RequestHead {
  /** The method as sent. */
  method = '';
  /** The request target as sent. */
  url = '';
  /** The protocol name of the request line: `HTTP` (also for HTTP/0.9), `RTSP` or `ICE`. */
  protocol = 'HTTP';
  /** Major version; 0 with minor 9 for a request line without a version (HTTP/0.9). */
  major = 1;
  /** Minor version. */
  minor = 1;
  /** Field names in wire order, case as sent. */
  names: string[] = [];
  /** Field values in wire order, surrounding whitespace removed. */
  values: string[] = [];
  /** Content-Length, 0 when absent, -1 for a chunked body. */
  contentLength = 0;
  /** True when the body is chunked. */
  chunked = false;
  /** Whether the connection persists after this message (version and Connection). */
  keepAlive = true;
  /** CONNECT, or Connection: upgrade with an Upgrade field: the connection changes protocol. */
  upgrade = false;
  /** True when Transfer-Encoding names a coding other than chunked (answered 501). */
  unsupportedCoding = false;
  /** The Expect value, lowercased, or null. */
  expect: string | null = null;
  /** How many Host fields came. */
  hostCount = 0;
  /** The first Host value, or null. */
  host: string | null = null;
  /** Trailer field names of a chunked body, once the body is complete. */
  trailerNames: string[] | null = null;
  /** Trailer field values, parallel to trailerNames. */
  trailerValues: string[] | null = null;

  /** The version as `HTTP/1.1`. */
  get proto(): string {
    return this.major === 0 ? 'HTTP/0.9' : `${this.protocol}/${this.major}.${this.minor}`;
  }
}
