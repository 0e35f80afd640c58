// Whether a '/' after some JavaScript starts a regexp or a division, and other JavaScript
// lexical facts the transitions need.
import { JsCtx } from './context.js';

const regexpPrecederKeywords = new Set([
  'break', 'case', 'continue', 'delete', 'do', 'else', 'finally', 'in', 'instanceof', 'return', 'throw', 'try', 'typeof', 'void',
]);

/** Whether a character can be part of a JavaScript identifier (ASCII only, as Go checks). */
export function isJSIdentPart(c: string | undefined): boolean {
  if (c === undefined) return false;
  return c === '$' || c === '_' || (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
}

/**
 * The JavaScript context after the tokens in `s`: whether a following '/' would start a
 * regexp or a division. `preceding` is the context before `s`, kept when `s` is blank.
 */
export function nextJSCtx(s: string, preceding: JsCtx): JsCtx {
  s = s.replace(/[\t\n\f\r \u2028\u2029]+$/, '');
  const n = s.length;
  if (n === 0) return preceding;
  const c = s.charAt(n - 1);
  switch (c) {
    case '+':
    case '-': {
      // An odd run of '+' or '-' is an operator (regexp follows); `x++` and `x--` are values.
      let start = n - 1;
      while (start > 0 && s[start - 1] === c) start--;
      return (n - start) % 2 === 1 ? JsCtx.Regexp : JsCtx.DivOp;
    }
    case '.':
      // A '.' after a digit ends a number: `1./2`.
      return n !== 1 && s.charAt(n - 2) >= '0' && s.charAt(n - 2) <= '9' ? JsCtx.DivOp : JsCtx.Regexp;
    case ',': case '<': case '>': case '=': case '*': case '%': case '&': case '|': case '^': case '?':
    case '!': case '~': case '(': case '[': case ':': case ';': case '{': case '}':
      return JsCtx.Regexp;
    default: {
      let j = n;
      while (j > 0 && isJSIdentPart(s[j - 1])) j--;
      return regexpPrecederKeywords.has(s.slice(j)) ? JsCtx.Regexp : JsCtx.DivOp;
    }
  }
}

const jsMimeTypes = new Set([
  'application/ecmascript', 'application/javascript', 'application/json', 'application/ld+json',
  'application/x-ecmascript', 'application/x-javascript', 'module', 'text/ecmascript', 'text/javascript',
  'text/javascript1.0', 'text/javascript1.1', 'text/javascript1.2', 'text/javascript1.3', 'text/javascript1.4',
  'text/javascript1.5', 'text/jscript', 'text/livescript', 'text/x-ecmascript', 'text/x-javascript',
]);

/** Whether a `<script type>` value names JavaScript (or JSON), whose body is escaped as JS. */
export function isJSType(mimeType: string): boolean {
  const semi = mimeType.indexOf(';');
  const base = (semi >= 0 ? mimeType.slice(0, semi) : mimeType).toLowerCase().trim();
  return jsMimeTypes.has(base);
}
