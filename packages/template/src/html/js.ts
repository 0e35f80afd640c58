// Escapers for JavaScript: values, string literal contents, regexp contents and template
// literal contents.
import { ContentType } from './attr.js';
import { kindOf } from '../fmt/index.js';
import { JS, JSStr, stringify } from './content.js';
import { isJSIdentPart } from './js-context.js';
import { JSONError, marshalJSON } from './json.js';
import { replaceChars, replacementTable } from './replace.js';

// Control characters shared by every table.
const lowUnicode: Record<string, string> = {};
for (let c = 0; c < 0x20; c++) lowUnicode[String.fromCharCode(c)] = `\\u${c.toString(16).padStart(4, '0')}`;
Object.assign(lowUnicode, { '\t': '\\t', '\n': '\\n', '\f': '\\f', '\r': '\\r' });

// HTML specials are written as \u escapes so the output is also safe inside attributes.
const jsStrNormMap: Record<string, string> = {
  ...lowUnicode, '"': '\\u0022', '&': '\\u0026', "'": '\\u0027', '`': '\\u0060', '+': '\\u002b', '/': '\\/', '<': '\\u003c', '>': '\\u003e',
};
const jsStrNormTable = replacementTable(jsStrNormMap);
const jsStrTable = replacementTable({ ...jsStrNormMap, '\\': '\\\\' });
const jsTmplLitTable = replacementTable({ ...jsStrNormMap, '\\': '\\\\', $: '\\u0024', '{': '\\u007b', '}': '\\u007d' });
const jsRegexpTable = replacementTable({
  ...lowUnicode, '"': '\\u0022', $: '\\$', '&': '\\u0026', "'": '\\u0027', '(': '\\(', ')': '\\)', '*': '\\*', '+': '\\u002b',
  '-': '\\-', '.': '\\.', '/': '\\/', '<': '\\u003c', '>': '\\u003e', '?': '\\?', '[': '\\[', '\\': '\\\\', ']': '\\]',
  '^': '\\^', '{': '\\{', '|': '\\|', '}': '\\}',
});

/** Line and paragraph separators end JavaScript lines, so they are escaped too. */
function lineSeparator(c: number): string | undefined {
  return c === 0x2028 ? '\\u2028' : c === 0x2029 ? '\\u2029' : undefined;
}

/** `_html_template_jsstrescaper`: the content of a quoted JavaScript string. */
export function jsStrEscaper(v: unknown): string {
  const { s, t } = stringify(v);
  // JSStr content is already escaped: its backslashes are kept.
  if (t === ContentType.JSStr) return replaceChars(s, jsStrNormTable, lineSeparator);
  return replaceChars(s, jsStrTable, lineSeparator);
}

/** `_html_template_jstmpllitescaper`: the content of a template literal (`$`, `{`, `}` too). */
export function jsTmplLitEscaper(v: unknown): string {
  return replaceChars(stringify(v).s, jsTmplLitTable, lineSeparator);
}

/** `_html_template_jsregexpescaper`: the content of a regexp literal; empty becomes `(?:)`. */
export function jsRegexpEscaper(v: unknown): string {
  const s = replaceChars(stringify(v).s, jsRegexpTable, lineSeparator);
  return s === '' ? '(?:)' : s;
}

/**
 * `_html_template_jsvalescaper`: a JavaScript value, as JSON. `JS` passes as is, `JSStr`
 * becomes a string literal; a value JSON cannot hold becomes `null` with the reason in a
 * comment. Values starting or ending like an identifier are padded with spaces so they
 * cannot merge with neighbouring tokens.
 */
export function jsValEscaper(v: unknown): string {
  if (v instanceof JS) return v.value;
  if (v instanceof JSStr) return `"${v.value}"`;
  // A Stringer (a struct with a String method and no toJSON) is written as its string.
  if (typeof v === 'object' && v !== null && kindOf(v) === 'struct' && typeof (v as { toJSON?: unknown }).toJSON !== 'function') {
    const str = (v as { String?: unknown }).String;
    if (typeof str === 'function') v = String((str as () => unknown).call(v));
  }
  let b: string;
  try {
    b = marshalJSON(v);
  } catch (e) {
    if (!(e instanceof JSONError)) throw e;
    return ` /* ${e.message.replaceAll('*/', '* /')} */null `;
  }
  if (b.length === 0) return ' null ';
  return isJSIdentPart(b[0]) || isJSIdentPart(b[b.length - 1]) ? ` ${b} ` : b;
}

