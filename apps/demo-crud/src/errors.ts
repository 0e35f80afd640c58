// Every error the demo raises on purpose: each has a stable `code` (documented in the README)
// and the HTTP status it maps to, so the HTTP layer converts them in one place.

/** Base class of the demo's own errors. */
export abstract class DemoError extends Error {
  /** A stable, machine-readable code. */
  abstract readonly code: string;
  /** The HTTP status this error answers with. */
  abstract readonly status: number;
}

/** No user has the given id (`ERR_USER_NOT_FOUND`, 404). */
export class UserNotFoundError extends DemoError {
  readonly code = 'ERR_USER_NOT_FOUND';
  readonly status = 404;
  constructor(readonly id: number) {
    super(`user ${id} not found`);
    this.name = 'UserNotFoundError';
  }
}

/** Another user already has this email, compared after trimming and lower-casing (`ERR_EMAIL_TAKEN`, 409). */
export class EmailTakenError extends DemoError {
  readonly code = 'ERR_EMAIL_TAKEN';
  readonly status = 409;
  constructor(readonly email: string) {
    super(`email ${email} is already taken`);
    this.name = 'EmailTakenError';
  }
}

/** The user changed since the version the caller based its write on (`ERR_VERSION_MISMATCH`, 412). */
export class VersionMismatchError extends DemoError {
  readonly code = 'ERR_VERSION_MISMATCH';
  readonly status = 412;
  constructor(readonly id: number, readonly expected: number, readonly actual: number) {
    super(`user ${id} is at version ${actual}, not ${expected}`);
    this.name = 'VersionMismatchError';
  }
}

/** A pagination cursor that this server did not issue, or issued for another sort (`ERR_INVALID_CURSOR`, 400). */
export class InvalidCursorError extends DemoError {
  readonly code = 'ERR_INVALID_CURSOR';
  readonly status = 400;
  constructor(reason: string) {
    super(`invalid cursor: ${reason}`);
    this.name = 'InvalidCursorError';
  }
}

/** A setting read from the environment has an unusable value (`ERR_CONFIG`, at start-up). */
export class ConfigError extends DemoError {
  readonly code = 'ERR_CONFIG';
  readonly status = 500;
  constructor(readonly setting: string, message: string) {
    super(`${setting}: ${message}`);
    this.name = 'ConfigError';
  }
}

/**
 * A response of the user API that was not a success, as the client sees it: `status` is the
 * HTTP status received and `code` the server's error code (`ERR_HTTP` when the body had none).
 */
export class ApiError extends DemoError {
  readonly code: string;
  readonly status: number;
  constructor(status: number, code: string, message: string, readonly body: unknown) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
  }
}
