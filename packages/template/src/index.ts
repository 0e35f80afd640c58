// The public API of @sloe/template: text/template (Template), html/template (HTMLTemplate and the
// safe content types) and Go's fmt (sprintf).
// fmt's public names only: its value-classification helpers stay internal.
export { sprintf, sprint, sprintln, NamedString, Complex128, Float64, goTypeName } from './fmt/index.js';
export * from './html/index.js';
/** The package's version, as published. */
export const VERSION = '0.1.0';
export { Template, type FuncMap } from './template.js';
export {
  TemplateError,
  TemplateParseError,
  TemplateExecError,
  TemplateUsageError,
  BadPatternError,
  templateErrorCodes,
  type TemplateErrorCode,
} from './errors.js';
export { match as filepathMatch } from './glob.js';
export { withSignature, TypedNil, type Signature, type GoType } from './exec/signature.js';
