// CSS decoding and the escapers for CSS values and strings.
import { ContentType } from './attr.js';
import { stringify } from './content.js';
import { filterFailsafe } from './failsafe.js';

function isHex(c: string | undefined): boolean {
  return c !== undefined && /^[0-9a-fA-F]$/.test(c);
}

/** Whether a code point can be part of a CSS name (Go's isCSSNmchar). */
function isCSSNmchar(cp: number): boolean {
  return (
    (cp >= 0x61 && cp <= 0x7a) || (cp >= 0x41 && cp <= 0x5a) || (cp >= 0x30 && cp <= 0x39) || cp === 0x2d || cp === 0x5f ||
    (cp >= 0x80 && cp <= 0xd7ff) || (cp >= 0xe000 && cp <= 0xfffd) || (cp >= 0x10000 && cp <= 0x10ffff)
  );
}

/** Whether `b` ends with the keyword `kw` (case-insensitively) not preceded by a name character. */
export function endsWithCSSKeyword(b: string, kw: string): boolean {
  const i = b.length - kw.length;
  if (i < 0) return false;
  if (i !== 0) {
    const before = b.slice(0, i);
    const last = before.codePointAt(before.length - 1) ?? 0;
    // A low surrogate is the end of an astral code point, which is a name character.
    if (isCSSNmchar(last) || (last >= 0xdc00 && last <= 0xdfff)) return false;
  }
  return b.slice(i).toLowerCase() === kw;
}

/** Decodes CSS escapes (`\3c`, `\"`) so that the transitions see what a CSS parser sees. */
export function decodeCSS(s: string): string {
  let i = s.indexOf('\\');
  if (i < 0) return s;
  let out = '';
  while (s.length !== 0) {
    i = s.indexOf('\\');
    if (i < 0) i = s.length;
    out += s.slice(0, i);
    s = s.slice(i);
    if (s.length < 2) break;
    if (isHex(s[1])) {
      let j = 2;
      while (j < s.length && j < 7 && isHex(s[j])) j++;
      let r = parseInt(s.slice(1, j), 16);
      if (r > 0x10ffff) {
        r = Math.floor(r / 16);
        j--;
      }
      out += r >= 0xd800 && r <= 0xdfff ? '\uFFFD' : String.fromCodePoint(r);
      s = skipCSSSpace(s.slice(j));
    } else {
      const cp = s.codePointAt(1) ?? 0;
      const n = cp > 0xffff ? 2 : 1;
      out += s.slice(1, 1 + n);
      s = s.slice(1 + n);
    }
  }
  return out;
}

/** Drops the one white-space character (or CRLF) that may follow a hex escape. */
function skipCSSSpace(c: string): string {
  if (c.length === 0) return c;
  switch (c[0]) {
    case '\t': case '\n': case '\f': case ' ':
      return c.slice(1);
    case '\r':
      return c.slice(c[1] === '\n' ? 2 : 1);
    default:
      return c;
  }
}

function isCSSSpace(c: string | undefined): boolean {
  return c === '\t' || c === '\n' || c === '\f' || c === '\r' || c === ' ';
}

const cssTable: Readonly<Record<string, string>> = {
  '\0': '\\0', '\t': '\\9', '\n': '\\a', '\f': '\\c', '\r': '\\d', '"': '\\22', '&': '\\26', "'": '\\27', '(': '\\28',
  ')': '\\29', '+': '\\2b', '/': '\\2f', ':': '\\3a', ';': '\\3b', '<': '\\3c', '>': '\\3e', '\\': '\\\\', '{': '\\7b', '}': '\\7d',
};
const cssRe = /[\0\t\n\f\r"&'()+/:;<>\\{}]/;

/** `_html_template_cssescaper`: the content of a CSS string or `url()`, as CSS hex escapes. */
export function cssEscaper(v: unknown): string {
  const s = stringify(v).s;
  const first = s.search(cssRe);
  if (first < 0) return s;
  let out = s.slice(0, first);
  let written = first;
  for (let i = first; i < s.length; i++) {
    const repl = cssTable[s.charAt(i)];
    if (repl === undefined) continue;
    out += s.slice(written, i) + repl;
    written = i + 1;
    // A hex escape swallows a following hex digit or space unless one space ends it.
    if (repl !== '\\\\' && (written === s.length || isHex(s[written]) || isCSSSpace(s[written]))) out += ' ';
  }
  return out + s.slice(written);
}

/**
 * `_html_template_cssvaluefilter`: a CSS value such as a colour or length. Anything that could
 * break out of the value, or run script (`expression(...)`), becomes `ZgotmplZ`.
 */
export function cssValueFilter(v: unknown): string {
  const { s, t } = stringify(v);
  if (t === ContentType.CSS) return s;
  const b = decodeCSS(s);
  let id = '';
  for (let i = 0; i < b.length; i++) {
    const c = b.charAt(i);
    switch (c) {
      case '\0': case '"': case "'": case '(': case ')': case '/': case ';': case '@': case '[': case '\\': case ']':
      case '`': case '{': case '}':
        return filterFailsafe;
      case '-':
        // `--` starts a comment in some parsers; a single '-' is not part of the name checked below.
        if (i !== 0 && b[i - 1] === '-') return filterFailsafe;
        break;
      default: {
        const code = b.charCodeAt(i);
        if (code < 0x80 && isCSSNmchar(code)) id += c;
      }
    }
  }
  id = id.toLowerCase();
  if (id.includes('expression') || id.includes('mozbinding')) return filterFailsafe;
  return b;
}
