// The errors of the Scanner: Go's bufio errors (ErrTooLong ...) and the misuses Go panics on, one
// class with a code each.

/** The codes a {@link ScannerError} can carry, with Go's message for each. */
export const scannerErrorCodes = {
  /** A token is longer than the scanner's maximum token size (Go's `ErrTooLong`). */
  ERR_SCANNER_TOO_LONG: 'bufio.Scanner: token too long',
  /** The split function returned a negative advance (Go's `ErrNegativeAdvance`). */
  ERR_SCANNER_NEGATIVE_ADVANCE: 'bufio.Scanner: SplitFunc returns negative advance count',
  /** The split function advanced past the data it was given (Go's `ErrAdvanceTooFar`). */
  ERR_SCANNER_ADVANCE_TOO_FAR: 'bufio.Scanner: SplitFunc returns advance count beyond input',
  /** The source returned no bytes 100 times in a row (Go's `io.ErrNoProgress`). */
  ERR_SCANNER_NO_PROGRESS: 'multiple Read calls return no data or error',
  /** The split function returned 100 empty tokens at the end without advancing (Go panics). */
  ERR_SCANNER_EMPTY_TOKENS: 'bufio.Scan: too many empty tokens without progressing',
  /** buffer() or split() was called after scanning started (Go panics). */
  ERR_SCANNER_ALREADY_STARTED: 'bufio.Scanner: Buffer or Split called after Scan',
} as const;

/** A code of {@link scannerErrorCodes}. */
export type ScannerErrorCode = keyof typeof scannerErrorCodes;

/** What `Scanner.err()` holds (besides a source's own error), and what a misuse throws. */
export class ScannerError extends Error {
  /** Which error, one of {@link scannerErrorCodes}. */
  readonly code: ScannerErrorCode;

  constructor(code: ScannerErrorCode) {
    super(scannerErrorCodes[code]);
    this.name = 'ScannerError';
    this.code = code;
  }
}

/**
 * The sentinel a split function returns as its error to deliver its token as the last one
 * (Go's `ErrFinalToken`): scanning stops without an error.
 */
export const errFinalToken: Error = Object.freeze(new Error('final token'));
