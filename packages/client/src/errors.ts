// The errors the client throws: a request it cannot build, a server it cannot reach, a body it
// cannot read. An answer with an error status is not thrown: it is a value (see response.ts).

/** The codes of {@link ClientError}, each documented in the README. */
export const clientErrorCodes = [
  /** The base URL is not an absolute http(s) URL. */
  'ERR_CLIENT_BASE_URL',
  /** A param the route's pattern needs was not given. */
  'ERR_CLIENT_PARAM',
  /** fetch failed: no connection, a reset, an abort. The fetch error is the `cause`. */
  'ERR_CLIENT_FETCH',
  /** The answer says it is JSON but does not parse. */
  'ERR_CLIENT_BODY',
] as const;

/** A code of {@link ClientError}. */
export type ClientErrorCode = (typeof clientErrorCodes)[number];

/** An error of the client, with a code from {@link clientErrorCodes}. */
export class ClientError extends Error {
  /** What went wrong, as a stable code. */
  readonly code: ClientErrorCode;

  /** Creates the error; `cause` is the underlying error, when there is one. */
  constructor(code: ClientErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'ClientError';
    this.code = code;
  }
}
