/**
 * Every error @sloe/core raises is one of the classes below, each with a stable `code`
 * (documented in the package README) and the HTTP `status` it answers with.
 */
import { HttpError } from '@sloe/poller';

// Mistakes in how the framework is used: raised as CoreError, answered 500.
const mistakeStatus = {
  /** A second answer after the response was written (`c.json` twice). */
  ERR_CORE_RESPONSE_WRITTEN: 500,
  /** A handler called `c.next()` twice. */
  ERR_CORE_NEXT_TWICE: 500,
  /** Answering or calling `next()` after the request ended (a late timer). */
  ERR_CORE_CONTEXT_ENDED: 500,
  /** A handler returned (or resolved to) a value. */
  ERR_CORE_HANDLER_RETURNED_VALUE: 500,
  /** A route registered without a handler. */
  ERR_CORE_NO_HANDLERS: 500,
  /** Route options not in first position, a bad `bodyLimit`, or a group without an Engine. */
  ERR_CORE_ROUTE_OPTIONS: 500,
  /** A route schema ajv cannot compile. */
  ERR_CORE_SCHEMA: 500,
  /** A schema pattern that needs backtracking on a route that does not allow it. */
  ERR_CORE_UNSAFE_PATTERN: 500,
  /** `c.html` without templates, or a template glob that finds nothing. */
  ERR_CORE_NO_TEMPLATES: 500,
  /** `c.html` with an unknown template name. */
  ERR_CORE_TEMPLATE_NOT_FOUND: 500,
  /** `app.static` on a directory that does not exist. */
  ERR_CORE_STATIC_ROOT: 500,
  /** Hijacking a connection where there is none (`inject`, `fetch`). */
  ERR_CORE_TRANSPORT: 500,
  /** A status out of range, or `c.redirect` with a status that is not a redirect. */
  ERR_CORE_BAD_STATUS: 500,
  /** A middleware factory given an unknown, missing or contradictory option; `c.csrfToken()` without `csrf({ token })`. */
  ERR_CORE_OPTIONS: 500,
  /** A signed cookie without `keys` on the Engine, or an empty key list or key. */
  ERR_CORE_KEYS: 500,
  /** `c.session` without the session middleware, or a session too large for its cookie. */
  ERR_CORE_SESSION: 500,
  /** `send` on a WebSocket that is closing or closed. */
  ERR_CORE_WEBSOCKET_CLOSED: 500,
  /** `listen({ workers })`: a worker exited before it listened (the entry script failed in it). */
  ERR_CORE_CLUSTER: 500,
} as const;

// What core answers for a request it cannot serve as sent: raised as HttpError.
const requestStatus = {
  /** A body, multipart body, file part or part count over its limit. */
  ERR_CORE_BODY_TOO_LARGE: 413,
  /** A Content-Type the reader or route cannot read. */
  ERR_CORE_UNSUPPORTED_MEDIA_TYPE: 415,
  /** An empty or malformed JSON body. */
  ERR_CORE_INVALID_JSON: 400,
  /** A body (or a percent-encoded form field) that is not valid UTF-8. */
  ERR_CORE_INVALID_UTF8: 400,
  /** A multipart body without boundary or with broken parts. */
  ERR_CORE_MALFORMED_FORM: 400,
  /** Input failed its schema (a ValidationError). */
  ERR_CORE_VALIDATION: 400,
  /** An unsafe request refused by `csrf()`: from another origin, or without its token. */
  ERR_CORE_CSRF: 403,
  /** A precondition (`If-Match`, `If-None-Match`, `If-Unmodified-Since`) failed in `c.checkPreconditions`. */
  ERR_CORE_PRECONDITION_FAILED: 412,
  /** A request to a WebSocket route that is not an upgrade, or asks for a version other than 13. */
  ERR_CORE_WEBSOCKET_UPGRADE_REQUIRED: 426,
  /** A WebSocket upgrade with a missing or malformed `Sec-WebSocket-Key`. */
  ERR_CORE_WEBSOCKET_HANDSHAKE: 400,
  /** `timeout()` ran out before anything was written (the status is the middleware's `status`, 503 by default). */
  ERR_CORE_TIMEOUT: 503,
  /** The `error` of the answer to an error that carries no code of its own (its message hidden). */
  ERR_CORE_INTERNAL: 500,
  /** A body sent with `c.json(status, body)` does not match the route's schema for that status (a ResponseMismatchError). */
  ERR_CORE_RESPONSE_MISMATCH: 500,
} as const;

/** The codes of {@link CoreError}: mistakes in how the framework is used. */
export type CoreErrorCode = keyof typeof mistakeStatus;

/** The codes of the `HttpError`s (and error answers) core raises itself while serving a request. */
export type HttpErrorCode = keyof typeof requestStatus;

/**
 * The catalogue of every code @sloe/core raises, `ERR_CORE_<WHAT>`, with the status it answers;
 * each is documented in the README.
 */
export const coreErrorStatus: Readonly<Record<CoreErrorCode | HttpErrorCode, number>> = Object.freeze({ ...mistakeStatus, ...requestStatus });

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
    super(400, first === undefined ? 'invalid request' : `${first.in}${first.path} ${first.message}`, { code: 'ERR_CORE_VALIDATION' });
    this.name = 'ValidationError';
    this.details = details;
  }
}

/**
 * A body given to `c.json(status, body)` does not match the route's response schema for that
 * status (outside production, or with `responseCheck: 'error'`): answered 500 with the message,
 * which names each field (`/password is not in the schema: the serializer drops it`).
 */
export class ResponseMismatchError extends HttpError {
  /** The route, as `GET /users/:id`. */
  readonly route: string;
  /** The status whose schema the body missed. */
  readonly responseStatus: number;
  /** Each mismatch, a JSON pointer into the body and what is wrong there. */
  readonly fields: readonly string[];

  /** Creates the error for `route`'s `status` from the mismatches found. */
  constructor(route: string, status: number, fields: readonly string[]) {
    super(500, `the ${status} response of ${route} does not match its schema: ${fields.join('; ')}`, { code: 'ERR_CORE_RESPONSE_MISMATCH', expose: true });
    this.name = 'ResponseMismatchError';
    this.route = route;
    this.responseStatus = status;
    this.fields = fields;
  }
}

/** True for an error that carries an HTTP status (an {@link HttpError} or a {@link CoreError}). */
export function errorStatus(err: unknown): number {
  if (err instanceof HttpError || err instanceof CoreError) return err.status;
  return 500;
}
