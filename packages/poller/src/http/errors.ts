// Every error the HTTP layer raises: one class per kind, each with a `code` documented in the
// package README and, where it answers a request, the HTTP status that answer carries.

/** The codes an {@link HttpError} can carry, with the status each is answered with. */
export const httpErrorStatus = {
  /** The request line or a header field is malformed (RFC 9112 §3, §5). */
  ERR_HTTP_BAD_REQUEST: 400,
  /** The method is not a token (RFC 9110 §9.1). */
  ERR_HTTP_INVALID_METHOD: 400,
  /** The request target contains a byte no request-target form allows (RFC 9112 §3.2). */
  ERR_HTTP_INVALID_TARGET: 400,
  /** The HTTP-version is malformed, or the request line has no version (HTTP/0.9). */
  ERR_HTTP_INVALID_VERSION: 400,
  /** A field name is not a token, or whitespace precedes the colon (RFC 9112 §5.1). */
  ERR_HTTP_INVALID_HEADER_NAME: 400,
  /** A field value holds NUL, CR, LF or another control byte (RFC 9110 §5.5). */
  ERR_HTTP_INVALID_HEADER_VALUE: 400,
  /** A field line begins with whitespace: obsolete line folding (RFC 9112 §5.2). */
  ERR_HTTP_OBS_FOLD: 400,
  /** A line ends in a bare CR or a bare LF (RFC 9112 §2.2). */
  ERR_HTTP_INVALID_LINE_ENDING: 400,
  /** Content-Length is not digits, too large, or repeated with differing values (RFC 9112 §6.3). */
  ERR_HTTP_INVALID_CONTENT_LENGTH: 400,
  /** Transfer-Encoding and Content-Length both present (RFC 9112 §6.3). */
  ERR_HTTP_CONTENT_LENGTH_WITH_TRANSFER_ENCODING: 400,
  /** Transfer-Encoding is malformed or does not end in `chunked` (RFC 9112 §6.3). */
  ERR_HTTP_INVALID_TRANSFER_ENCODING: 400,
  /** Transfer-Encoding names a coding the server does not implement (RFC 9112 §6.1). */
  ERR_HTTP_UNSUPPORTED_TRANSFER_CODING: 501,
  /** A chunk-size line is malformed or its size overflows (RFC 9112 §7.1). */
  ERR_HTTP_INVALID_CHUNK_SIZE: 400,
  /** A chunk extension is malformed or longer than its bound (RFC 9112 §7.1.1). */
  ERR_HTTP_INVALID_CHUNK_EXTENSION: 400,
  /** Chunk data is not followed by CRLF (RFC 9112 §7.1). */
  ERR_HTTP_INVALID_CHUNK_DATA: 400,
  /** Bytes follow a message after which the connection must close (RFC 9112 §9.6). */
  ERR_HTTP_DATA_AFTER_CLOSE: 400,
  /** A response's status line is malformed: not `HTTP/1.x SP 3DIGIT [SP reason]`, or a code outside 100-599 (RFC 9112 §4). */
  ERR_HTTP_INVALID_STATUS_LINE: 502,
  /** The connection ended in the middle of a message. */
  ERR_HTTP_UNEXPECTED_EOF: 400,
  /** An HTTP/1.1 request has no Host, several, or an invalid one (RFC 9112 §3.2). */
  ERR_HTTP_INVALID_HOST: 400,
  /** The request target is longer than the limit (RFC 9112 §3). */
  ERR_HTTP_URI_TOO_LONG: 414,
  /** The request line and header section exceed the limit (RFC 6585 §5). */
  ERR_HTTP_HEADERS_TOO_LARGE: 431,
  /** The request body exceeds the limit (RFC 9110 §15.5.14). */
  ERR_HTTP_BODY_TOO_LARGE: 413,
  /** The header section did not arrive within the header timeout (RFC 9110 §15.5.9). */
  ERR_HTTP_HEADER_TIMEOUT: 408,
  /** The whole request, header and body, did not arrive within the request timeout (RFC 9110 §15.5.9). */
  ERR_HTTP_REQUEST_TIMEOUT: 408,
  /** The method is not one the server accepts (RFC 9110 §15.6.2). */
  ERR_HTTP_METHOD_NOT_IMPLEMENTED: 501,
  /** The HTTP version is neither 1.0 nor 1.1 (RFC 9110 §15.6.6). */
  ERR_HTTP_VERSION_NOT_SUPPORTED: 505,
  /** Expect holds something other than 100-continue (RFC 9110 §10.1.1). */
  ERR_HTTP_EXPECTATION_FAILED: 417,
  /**
   * Upgrade or CONNECT that the handler neither took over with hijack() nor answered: refused
   * rather than answered with an empty 200, which to CONNECT would announce a tunnel
   * (RFC 9110 §9.3.6).
   */
  ERR_HTTP_UPGRADE_REFUSED: 501,
  /** The request body read with `json()` is not JSON (RFC 8259). */
  ERR_HTTP_INVALID_JSON: 400,
  /** The client went away before the request body was read. */
  ERR_HTTP_REQUEST_ABORTED: 400,
  /** The handler failed: it threw or rejected with something other than an HttpError (the cause). */
  ERR_HTTP_HANDLER_FAILED: 500,
  /** A header name or value set by the handler holds a forbidden byte (no response splitting). */
  ERR_HTTP_INVALID_RESPONSE_HEADER: 500,
  /** The handler wrote after the header was sent, or after end(). */
  ERR_HTTP_RESPONSE_ALREADY_SENT: 500,
  /** The handler wrote a body for a status or method that has none (1xx, 204, 304). */
  ERR_HTTP_BODY_NOT_ALLOWED: 500,
  /** The handler wrote more or fewer bytes than the Content-Length it declared. */
  ERR_HTTP_CONTENT_LENGTH_MISMATCH: 500,
  /** hijack() was called after the response started, twice, or on a transport without it. */
  ERR_HTTP_HIJACK_FAILED: 500,
  /** The body was already consumed, or the connection was hijacked. */
  ERR_HTTP_BODY_CONSUMED: 500,
} as const;

/** A code of {@link httpErrorStatus}. */
export type HttpErrorCode = keyof typeof httpErrorStatus;

/** Options of {@link HttpError}. */
export interface HttpErrorOptions {
  /** A stable identifier of the error, `ERR_<AREA>_<WHAT>`; default `ERR_HTTP`. */
  code?: string;
  /** Whether the message may be shown to the client; default: true below 500, false from 500. */
  expose?: boolean;
  /** The underlying error. */
  cause?: unknown;
}

/**
 * An error that carries the HTTP status to answer with: a request the server refuses, a misuse
 * of the ResponseWriter, or anything a handler throws to answer with a status. The transports
 * (and @sloe/core, which re-exports this very class) answer it with `status` and, when
 * `expose` is true, its message. The transports' own errors are made with {@link HttpError.of},
 * which takes the status from {@link httpErrorStatus}.
 */
export class HttpError extends Error {
  /** The HTTP status that answers this error. */
  readonly status: number;
  /** A stable identifier of the error; the transports' own codes are in {@link httpErrorStatus}. */
  readonly code: string;
  /** Whether `message` is safe to send to the client. */
  readonly expose: boolean;

  /** Creates an error answering `status` with `message`. */
  constructor(status: number, message: string, options: HttpErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'HttpError';
    this.status = status;
    this.code = options.code ?? 'ERR_HTTP';
    this.expose = options.expose ?? status < 500;
  }

  /** One of the transports' own errors: its status is the one {@link httpErrorStatus} gives `code`. */
  static of(code: HttpErrorCode, message: string, options?: Omit<HttpErrorOptions, 'code'>): HttpError {
    return new HttpError(httpErrorStatus[code], message, { ...options, code });
  }
}

/**
 * A request the parser rejected. `offset` is the index, in the bytes fed to the parser for the
 * current connection, of the byte at which the error was found.
 */
export class HttpParseError extends HttpError {
  /** Offset of the offending byte in the connection's byte stream. */
  readonly offset: number;

  constructor(code: HttpErrorCode, message: string, offset: number) {
    super(httpErrorStatus[code], message, { code });
    this.name = 'HttpParseError';
    this.offset = offset;
  }
}

/**
 * What a handler failure is answered and reported as: an HttpError as it is, anything else
 * wrapped in an `ERR_HTTP_HANDLER_FAILED` error (500) whose `cause` is what the handler threw.
 */
export function handlerFailure(thrown: unknown): HttpError {
  if (thrown instanceof HttpError) return thrown;
  const what = thrown instanceof Error ? thrown.message : String(thrown);
  return HttpError.of('ERR_HTTP_HANDLER_FAILED', `the handler failed: ${what}`, { cause: thrown });
}
