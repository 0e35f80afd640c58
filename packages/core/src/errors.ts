/**
 * Every error @sloe/core raises is one of the classes below, each with a stable `code`
 * (documented in the package README) and the HTTP `status` it answers with.
 */
import { HttpError } from '@sloe/poller';

/** The codes of {@link CoreError}: mistakes in how the framework is used. */
export type CoreErrorCode =
  | 'ERR_RESPONSE_WRITTEN'
  | 'ERR_NEXT_TWICE'
  | 'ERR_CONTEXT_ENDED'
  | 'ERR_HANDLER_RETURNED_VALUE'
  | 'ERR_NO_HANDLERS'
  | 'ERR_ROUTE_OPTIONS'
  | 'ERR_SCHEMA'
  | 'ERR_CORE_UNSAFE_PATTERN'
  | 'ERR_NO_TEMPLATES'
  | 'ERR_TEMPLATE_NOT_FOUND'
  | 'ERR_STATIC_ROOT'
  | 'ERR_TRANSPORT'
  | 'ERR_BAD_STATUS';

/** The codes of the `HttpError`s the framework raises itself while reading a request. */
export type HttpErrorCode =
  | 'ERR_BODY_TOO_LARGE'
  | 'ERR_UNSUPPORTED_MEDIA_TYPE'
  | 'ERR_INVALID_JSON'
  | 'ERR_CORE_INVALID_UTF8'
  | 'ERR_MALFORMED_FORM'
  | 'ERR_VALIDATION'
  | 'ERR_HTTP';

/**
 * A programming error: the framework was used in a way that cannot produce a correct response
 * (answering twice, calling `next()` twice, returning a value from a handler...). It answers 500.
 */
export class CoreError extends Error {
  /** A stable identifier of the mistake, documented in the README. */
  readonly code: CoreErrorCode;
  /** Always 500: the fault is on the server's side. */
  readonly status = 500;

  /** Creates the error with its code and a message saying what to do instead. */
  constructor(code: CoreErrorCode, message: string) {
    super(message);
    this.name = 'CoreError';
    this.code = code;
  }
}

/**
 * An error that carries the HTTP status to answer with: `new HttpError(status, message, { code,
 * cause, expose })`. Throw it from any handler: the recovery middleware (or the Engine's last
 * resort) answers with `status` and, when `expose` is true, the message. It is the very class
 * @sloe/poller's transports raise and answer, so one thrown at either level keeps its status.
 */
export { HttpError } from '@sloe/poller';
export type { HttpErrorOptions } from '@sloe/poller';

/** One failing check of a request part, as the 400 body lists it. */
export interface ValidationIssue {
  /** Which part of the request failed. */
  in: 'body' | 'query' | 'params' | 'headers';
  /** A JSON pointer into that part (`/email`), empty for the part itself. */
  path: string;
  /** What is wrong, in ajv's words (`must match format "email"`). */
  message: string;
}

/** A request part failed its schema: answers 400 with the body shown in DESIGN.md. */
export class ValidationError extends HttpError {
  /** Every failing check. */
  readonly details: readonly ValidationIssue[];

  /** Creates the error from the failing checks; the message names the first one. */
  constructor(details: readonly ValidationIssue[]) {
    const first = details[0];
    super(400, first === undefined ? 'invalid request' : `${first.in}${first.path} ${first.message}`, { code: 'ERR_VALIDATION' });
    this.name = 'ValidationError';
    this.details = details;
  }
}

/** True for an error that carries an HTTP status (an {@link HttpError} or a {@link CoreError}). */
export function errorStatus(err: unknown): number {
  if (err instanceof HttpError || err instanceof CoreError) return err.status;
  return 500;
}
