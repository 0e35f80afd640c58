// The error a ServeMux throws when a pattern cannot be registered.

/** Why a pattern was refused. */
export type MuxErrorCode = 'ERR_MUX_INVALID_PATTERN' | 'ERR_MUX_PATTERN_CONFLICT';

/**
 * A pattern a ServeMux refused at registration (Go panics there): `ERR_MUX_INVALID_PATTERN` for
 * a pattern that does not parse, `ERR_MUX_PATTERN_CONFLICT` for one that matches some request
 * as specifically as a pattern already registered.
 */
export class MuxError extends Error {
  readonly code: MuxErrorCode;
  /** The pattern refused. */
  readonly pattern: string;

  constructor(code: MuxErrorCode, pattern: string, message: string) {
    super(message);
    this.name = 'MuxError';
    this.code = code;
    this.pattern = pattern;
  }
}
