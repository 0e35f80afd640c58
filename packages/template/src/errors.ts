// The public errors of @sloe/template. Messages are Go's text exactly
// (`template: NAME:LINE:COL: executing "NAME" at <.Field>: ...`); `code` classifies them.

/**
 * The codes of parse and execution errors; each is documented in the package README:
 * - `ERR_TEMPLATE_PARSE`: the text is not valid template syntax, or redefines a template;
 * - `ERR_TEMPLATE_EXEC`: a bad field, a wrong argument, a func that threw, a missing template;
 * - `ERR_TEMPLATE_DEPTH`: templates called each other deeper than the recursion limit;
 * - `ERR_TEMPLATE_OUTPUT_LIMIT`: the output grew past the output-size limit;
 * - `ERR_TEMPLATE_USAGE`: a method was used wrongly (bad option or func name, no such file);
 * - `ERR_TEMPLATE_BAD_PATTERN`: a glob pattern is malformed (Go's `filepath.ErrBadPattern`).
 *
 * html mode's escaping errors keep Go's `ErrorCode` names instead: see `escapeErrorCodes`.
 */
export const templateErrorCodes = [
  'ERR_TEMPLATE_PARSE',
  'ERR_TEMPLATE_EXEC',
  'ERR_TEMPLATE_DEPTH',
  'ERR_TEMPLATE_OUTPUT_LIMIT',
  'ERR_TEMPLATE_USAGE',
  'ERR_TEMPLATE_BAD_PATTERN',
] as const;

/** A code of {@link templateErrorCodes}. */
export type TemplateErrorCode = (typeof templateErrorCodes)[number];

/**
 * The base of every template error: the template's name and, when known, the line and the
 * column (Go's byte column within the line) where it happened. html mode's escape errors
 * extend it.
 */
export class TemplateError extends Error {
  /** A stable identifier of the kind of failure. */
  readonly code: string;
  /** The name of the template the error is about. */
  readonly templateName: string;
  /** 1-based line, or 0 when unknown. */
  readonly line: number;
  /** Go's 0-based byte column within the line, or -1 when unknown. */
  readonly column: number;

  constructor(code: string, message: string, templateName: string, line = 0, column = -1, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
    this.code = code;
    this.templateName = templateName;
    this.line = line;
    this.column = column;
  }
}

/** The template text could not be parsed; the message is Go's parse error. */
export class TemplateParseError extends TemplateError {
  /** Always `ERR_TEMPLATE_PARSE`. */
  declare readonly code: 'ERR_TEMPLATE_PARSE';

  constructor(message: string, templateName: string, line: number) {
    super('ERR_TEMPLATE_PARSE', message, templateName, line);
  }
}

/** Executing a template failed; the message is Go's exec error. */
export class TemplateExecError extends TemplateError {
  /** `ERR_TEMPLATE_EXEC`, or `ERR_TEMPLATE_DEPTH` / `ERR_TEMPLATE_OUTPUT_LIMIT` when a limit was passed. */
  declare readonly code: 'ERR_TEMPLATE_EXEC' | 'ERR_TEMPLATE_DEPTH' | 'ERR_TEMPLATE_OUTPUT_LIMIT';

  constructor(
    code: 'ERR_TEMPLATE_EXEC' | 'ERR_TEMPLATE_DEPTH' | 'ERR_TEMPLATE_OUTPUT_LIMIT',
    message: string,
    templateName: string,
    line = 0,
    column = -1,
    options?: ErrorOptions,
  ) {
    super(code, message, templateName, line, column, options);
  }
}

/** A Template method was misused: an unknown option, a missing file, an undefined name. */
export class TemplateUsageError extends TemplateError {
  /** Always `ERR_TEMPLATE_USAGE`. */
  declare readonly code: 'ERR_TEMPLATE_USAGE';

  constructor(message: string, templateName: string) {
    super('ERR_TEMPLATE_USAGE', message, templateName);
  }
}

/**
 * A glob pattern is malformed (Go's `filepath.ErrBadPattern`): an unclosed or empty `[class]`,
 * a range without an end, or a trailing `\`. The message is Go's, `syntax error in pattern`.
 */
export class BadPatternError extends TemplateError {
  /** Always `ERR_TEMPLATE_BAD_PATTERN`. */
  declare readonly code: 'ERR_TEMPLATE_BAD_PATTERN';

  /** `templateName` is the template whose `parseGlob` was given the pattern, if any. */
  constructor(templateName = '') {
    super('ERR_TEMPLATE_BAD_PATTERN', 'syntax error in pattern', templateName);
  }
}
