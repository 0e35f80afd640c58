// The errors of the HTTP client: one class, Go's url.Error in shape (the operation, the URL and
// what went wrong), with a code from the catalogue below and Go's timeout().

/** The codes a {@link ClientError} can carry. */
export const clientErrorCodes = {
  /** The URL's scheme is neither `http` nor `https`. */
  ERR_CLIENT_UNSUPPORTED_PROTOCOL: 'unsupported protocol scheme',
  /** The request cannot be sent: a URL without a host, an invalid method or header. */
  ERR_CLIENT_INVALID_REQUEST: 'invalid request',
  /**
   * Connecting failed (for https, the handshake too: the cause is then the `HandshakeError` or
   * `CertificateVerificationError`), or the connection failed while the request was written or
   * the response read (the cause is the net error).
   */
  ERR_CLIENT_CONNECTION: 'connection failed',
  /** The server closed the connection before a complete response arrived. */
  ERR_CLIENT_CONNECTION_CLOSED: 'server closed the connection',
  /** The response does not parse (the cause is the `HttpParseError`, with its own code), or brought more than five 1xx responses. */
  ERR_CLIENT_MALFORMED_RESPONSE: 'malformed HTTP response',
  /** `Client.timeout` passed, or the request's signal aborted with a `TimeoutError` (Go's `Client.Timeout exceeded`). */
  ERR_CLIENT_TIMEOUT: 'timeout exceeded',
  /** The request's signal aborted (Go's canceled context); the cause is its reason. */
  ERR_CLIENT_ABORTED: 'request aborted',
  /** More than ten redirects in a row, as Go's default redirect policy stops. */
  ERR_CLIENT_TOO_MANY_REDIRECTS: 'stopped after 10 redirects',
  /** `checkRedirect` returned or threw an error (the cause) other than `errUseLastResponse`. */
  ERR_CLIENT_REDIRECT_REFUSED: 'redirect refused',
  /** A redirect's `Location` does not parse as a URL. */
  ERR_CLIENT_INVALID_REDIRECT: 'invalid redirect location',
  /** The body was read after being read to its end or closed (Go's `http: read on closed response body`). */
  ERR_CLIENT_BODY_CLOSED: 'read on closed response body',
  /** A whole-body read passed the `limit` given to it. */
  ERR_CLIENT_BODY_TOO_LARGE: 'response body over the limit',
  /** The request body's length differs from the `contentLength` it declared. */
  ERR_CLIENT_CONTENT_LENGTH_MISMATCH: 'request body length differs from its Content-Length',
} as const;

/** A code of {@link clientErrorCodes}. */
export type ClientErrorCode = keyof typeof clientErrorCodes;

/**
 * What `Client.do` and the package-level `get`/`post`/... reject with, and what reading a
 * response body fails with: `op` is the method in Go's spelling (`Get`, `Post`), `url` the URL
 * requested (after redirects, the one that failed), `cause` the underlying error.
 */
export class ClientError extends Error {
  /** What went wrong, one of {@link clientErrorCodes}. */
  readonly code: ClientErrorCode;
  /** The operation: the request method, capitalized as Go's url.Error (`Get`, `Head`, `Post`). */
  readonly op: string;
  /** The URL of the request that failed. */
  readonly url: string;

  constructor(code: ClientErrorCode, op: string, url: string, detail?: string, cause?: unknown) {
    super(`${op} ${JSON.stringify(url)}: ${detail ?? clientErrorCodes[code]}`, cause === undefined ? undefined : { cause });
    this.name = 'ClientError';
    this.code = code;
    this.op = op;
    this.url = url;
  }

  /** True when the request ran out of time (Go's `net.Error.Timeout`). */
  timeout(): boolean {
    if (this.code === 'ERR_CLIENT_TIMEOUT') return true;
    const c = this.cause as { timeout?: unknown } | null | undefined;
    if (typeof c !== 'object' || c === null || typeof c.timeout !== 'function') return false;
    return (c.timeout as () => unknown).call(c) === true;
  }
}

/** The method as Go's url.Error names the operation: `GET` gives `Get`. */
export function opName(method: string): string {
  return method.length === 0 ? 'Get' : method[0]!.toUpperCase() + method.slice(1).toLowerCase();
}
