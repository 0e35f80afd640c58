// The text/template escaping builtins: html, js and urlquery (Go's HTMLEscapeString,
// JSEscapeString and url.QueryEscape), applied to Go's Sprint of their arguments.
import { sprint, stringValue } from '../fmt/index.js';
import { isPrint } from '../parse/lexer.js';
import { NO_VALUE, type Value } from './value.js';

/** Go's evalArgs: a lone string as is, otherwise fmt.Sprint of the arguments. */
export function evalArgs(args: readonly Value[]): string {
  if (args.length === 1) {
    const s = typeof args[0] === 'string' ? args[0] : undefined;
    if (s !== undefined) return s;
  }
  // Go's printableValue: a nil argument is an invalid reflect.Value, printed as <no value>.
  return sprint(...args.map((a) => (a === NO_VALUE || a === null || a === undefined ? '<no value>' : a)));
}

const HTML_SPECIAL = /["'&<>\0]/;

function htmlEscapeOf(c: number): string | undefined {
  switch (c) {
    case 0x22:
      return '&#34;';
    case 0x27:
      return '&#39;';
    case 0x26:
      return '&amp;';
    case 0x3c:
      return '&lt;';
    case 0x3e:
      return '&gt;';
    case 0x00:
      return '\uFFFD';
    default:
      return undefined;
  }
}

/** Go's template.HTMLEscapeString. Hot path: one scan, no allocation for clean strings. */
export function htmlEscapeString(s: string): string {
  const first = s.search(HTML_SPECIAL);
  if (first < 0) return s;
  let out = '';
  let last = 0;
  for (let i = first; i < s.length; i++) {
    const rep = htmlEscapeOf(s.charCodeAt(i));
    if (rep === undefined) continue;
    out += s.slice(last, i) + rep;
    last = i + 1;
  }
  return out + s.slice(last);
}

function hex4(c: number): string {
  return `\\u${c.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** Go's template.JSEscapeString. */
export function jsEscapeString(s: string): string {
  let out = '';
  for (const ch of s) {
    const c = ch.codePointAt(0) as number;
    switch (ch) {
      case '\\':
        out += '\\\\';
        break;
      case "'":
        out += "\\'";
        break;
      case '"':
        out += '\\"';
        break;
      case '<':
      case '>':
      case '&':
      case '=':
        out += hex4(c);
        break;
      default:
        if (c < 0x80) out += c < 0x20 ? hex4(c) : ch;
        else out += isPrint(c) ? ch : hex4(c);
    }
  }
  return out;
}

/** Go's url.QueryEscape. */
export function queryEscape(s: string): string {
  let out = '';
  for (const b of Buffer.from(s, 'utf8')) {
    const c = String.fromCharCode(b);
    if (/[A-Za-z0-9\-_.~]/.test(c)) out += c;
    else if (c === ' ') out += '+';
    else out += `%${b.toString(16).toUpperCase().padStart(2, '0')}`;
  }
  return out;
}

/** The builtin `html`. */
export function htmlBuiltin(...args: Value[]): string {
  return htmlEscapeString(evalArgs(args));
}

/** The builtin `js`. */
export function jsBuiltin(...args: Value[]): string {
  return jsEscapeString(evalArgs(args));
}

/** The builtin `urlquery`. */
export function urlqueryBuiltin(...args: Value[]): string {
  return queryEscape(evalArgs(args));
}

/** A string-kind value's content, for builtins that accept strings. */
export function asString(v: Value): string | undefined {
  return stringValue(v);
}
