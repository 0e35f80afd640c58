// html/template's escaping errors: Go's `Error` (a code, the node at fault, a template name,
// a line and a description) and the public class they become at the API boundary.
import { TemplateError } from '../errors.js';
import { location, type Node } from '../parse/node.js';
import { nodeString } from '../parse/format.js';

/**
 * Go's html/template `ErrorCode` names, each documented with an example in the package README.
 * `ErrJSTemplate` is kept for completeness but, as in Go 1.21 and later, actions in
 * JavaScript template literals are escaped rather than rejected, so it is never raised; Go
 * itself reports range re-entry problems as `ErrBranchEnd`, so `ErrRangeLoopReentry` is
 * never raised either.
 */
export const escapeErrorCodes = [
  'ErrAmbigContext',
  'ErrBadHTML',
  'ErrBranchEnd',
  'ErrEndContext',
  'ErrNoSuchTemplate',
  'ErrOutputContext',
  'ErrPartialCharset',
  'ErrPartialEscape',
  'ErrRangeLoopReentry',
  'ErrSlashAmbig',
  'ErrPredefinedEscaper',
  'ErrJSTemplate',
] as const;

/** One of {@link escapeErrorCodes}. */
export type EscapeErrorCode = (typeof escapeErrorCodes)[number];

/** Where a node sits: the text its tree was parsed from and the name of that parse. */
export interface NodeSource {
  readonly parseName: string;
  readonly text: string;
}

/**
 * The escaper's working form of an error (Go's `*Error`): its description and line can still
 * be amended (`on range loop re-entry: ...`) and its template name filled in, before it
 * becomes a {@link TemplateEscapeError}.
 */
export class EscapeErrorInfo {
  /** Name of the template being escaped; set when the error leaves the escaper. */
  name = '';

  constructor(
    readonly code: EscapeErrorCode,
    /** The node at fault and the tree text it belongs to, when known. */
    readonly node: { node: Node; source: NodeSource } | null,
    public line: number,
    public description: string,
  ) {}

  /** Go's `Error.Error()`: `html/template:NAME:LINE:COL: description` and its shorter forms. */
  message(): string {
    if (this.node !== null) {
      const { line, col } = location(this.node.source.text, this.node.node.pos);
      return `html/template:${this.node.source.parseName}:${line}:${col}: ${this.description}`;
    }
    if (this.line !== 0) return `html/template:${this.name}:${this.line}: ${this.description}`;
    if (this.name !== '') return `html/template:${this.name}: ${this.description}`;
    return `html/template: ${this.description}`;
  }

  /** The position fields of the public error. */
  position(): { name: string; line: number; col: number } {
    if (this.node !== null) {
      const { line, col } = location(this.node.source.text, this.node.node.pos);
      return { name: this.node.source.parseName, line, col };
    }
    return { name: this.name, line: this.line, col: 0 };
  }
}

/** Go's `errorf`: an error at `node` (if any) in `source`, with a description. */
export function escapeError(
  code: EscapeErrorCode,
  at: { node: Node; source: NodeSource } | null,
  line: number,
  description: string,
): EscapeErrorInfo {
  return new EscapeErrorInfo(code, at, line, description);
}

/** Go's `n.String()` for messages such as `{{.X}} appears in an ambiguous context`. */
export function describeNode(n: Node): string {
  return nodeString(n);
}

/**
 * html mode refused to escape a template: the message is Go's
 * (`html/template:NAME:LINE:COL: ...`) and `code` is Go's ErrorCode name.
 */
export class TemplateEscapeError extends TemplateError {
  declare readonly code: EscapeErrorCode;

  constructor(info: EscapeErrorInfo) {
    const { name, line, col } = info.position();
    super(info.code, info.message(), name, line, info.node === null ? -1 : col);
  }
}
