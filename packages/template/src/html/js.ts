// Escapers for JavaScript: values, string literal contents, regexp contents and template
// literal contents.
import { sprint } from '../fmt/index.js';
import { ContentType } from './attr.js';
import { JS, JSStr, stringify } from './content.js';
import { isJSIdentPart } from './js-context.js';
import { JSONError, marshalJSON } from './json.js';

type Table = Readonly<Record<string, string>>;

// Control characters shared by every table.
const lowUnicode: Record<string, string> = {};
for (let c = 0; c < 0x20; c++) lowUnicode[String.fromCharCode(c)] = `\\u${c.toString(16).padStart(4, '0')}`;
Object.assign(lowUnicode, { '\t': '\\t', '\n': '\\n', '\f': '\\f', '\r': '\\r', '\u2028': '\\u2028', '\u2029': '\\u2029' });

// HTML specials are written as \u escapes so the output is also safe inside attributes.
const jsStrNormTable: Table = {
  ...lowUnicode, '"': '\\u0022', '&': '\\u0026', "'": '\\u0027', '`': '\\u0060', '+': '\\u002b', '/': '\\/', '<': '\\u003c', '>': '\\u003e',
};
const jsStrTable: Table = { ...jsStrNormTable, '\\': '\\\\' };
const jsTmplLitTable: Table = { ...jsStrTable, $: '\\u0024', '{': '\\u007b', '}': '\\u007d' };
const jsRegexpTable: Table = {
  ...lowUnicode, '"': '\\u0022', $: '\\$', '&': '\\u0026', "'": '\\u0027', '(': '\\(', ')': '\\)', '*': '\\*', '+': '\\u002b',
  '-': '\\-', '.': '\\.', '/': '\\/', '<': '\\u003c', '>': '\\u003e', '?': '\\?', '[': '\\[', '\\': '\\\\', ']': '\\]',
  '^': '\\^', '{': '\\{', '|': '\\|', '}': '\\}',
};

const controls = '\\x00-\\x1f\\u2028\\u2029';
const jsStrNormRe = new RegExp(`[${controls}"&'\`+/<>]`);
const jsStrRe = new RegExp(`[${controls}"&'\`+/<>\\\\]`);
const jsTmplLitRe = new RegExp(`[${controls}"&'\`+/<>\\\\\${}]`);
const jsRegexpRe = new RegExp(`[${controls}"$&'()*+\\-./<>?[\\\\\\]^{|}]`);

/** Replaces the characters of `s` found in `table`; returns `s` itself when there are none. */
function replace(s: string, re: RegExp, table: Table): string {
  const first = s.search(re);
  if (first < 0) return s;
  let out = s.slice(0, first);
  let written = first;
  for (let i = first; i < s.length; i++) {
    const repl = table[s.charAt(i)];
    if (repl === undefined) continue;
    out += s.slice(written, i) + repl;
    written = i + 1;
  }
  return out + s.slice(written);
}

/** `_html_template_jsstrescaper`: the content of a quoted JavaScript string. */
export function jsStrEscaper(...args: unknown[]): string {
  const { s, t } = stringify(args);
  // JSStr content is already escaped: its backslashes are kept.
  if (t === ContentType.JSStr) return replace(s, jsStrNormRe, jsStrNormTable);
  return replace(s, jsStrRe, jsStrTable);
}

/** `_html_template_jstmpllitescaper`: the content of a template literal (`$`, `{`, `}` too). */
export function jsTmplLitEscaper(...args: unknown[]): string {
  return replace(stringify(args).s, jsTmplLitRe, jsTmplLitTable);
}

/** `_html_template_jsregexpescaper`: the content of a regexp literal; empty becomes `(?:)`. */
export function jsRegexpEscaper(...args: unknown[]): string {
  const s = replace(stringify(args).s, jsRegexpRe, jsRegexpTable);
  return s === '' ? '(?:)' : s;
}

/**
 * `_html_template_jsvalescaper`: a JavaScript value, as JSON. `JS` passes as is, `JSStr`
 * becomes a string literal; a value JSON cannot hold becomes `null` with the reason in a
 * comment. Values starting or ending like an identifier are padded with spaces so they
 * cannot merge with neighbouring tokens.
 */
export function jsValEscaper(...args: unknown[]): string {
  let a: unknown;
  if (args.length === 1) {
    a = args[0];
    if (a instanceof JS) return a.value;
    if (a instanceof JSStr) return `"${a.value}"`;
  } else {
    a = sprint(...args);
  }
  let b: string;
  try {
    b = marshalJSON(a);
  } catch (e) {
    if (!(e instanceof JSONError)) throw e;
    return ` /* ${e.message.replaceAll('*/', '* /')} */null `;
  }
  if (b.length === 0) return ' null ';
  return isJSIdentPart(b[0]) || isJSIdentPart(b[b.length - 1]) ? ` ${b} ` : b;
}

