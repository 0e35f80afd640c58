// html/template for @sloe/template: HTMLTemplate, the safe content types, the escaping error
// and the escaping helpers Go exports.
export { HTMLTemplate } from './template.js';
export { CSS, HTML, HTMLAttr, JS, JSStr, Srcset, URL } from './content.js';
export { TemplateEscapeError, escapeErrorCodes, type EscapeErrorCode } from './error.js';
// Go's html/template forwards these to text/template; so does this package.
export {
  htmlEscapeString,
  jsEscapeString,
  htmlBuiltin as htmlEscaper,
  jsBuiltin as jsEscaper,
  urlqueryBuiltin as urlQueryEscaper,
} from '../exec/escape.js';
