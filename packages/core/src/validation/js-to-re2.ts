/**
 * Rewrites an ECMAScript pattern (as JSON Schema's `pattern` is, read with the `u` flag) into
 * RE2 syntax with the same meaning, so that a linear-time engine can run it. RE2 lacks some of
 * JavaScript's notation (`\u{…}`, `[^]`) and gives a few classes another meaning (`\s` is
 * ASCII-only in RE2, `.` stops only at `\n`): those are spelled out here. What RE2 cannot
 * express at all (lookahead, backreferences) is left as is, and RE2 refuses it.
 */

// JavaScript's WhiteSpace and LineTerminator, the set `\s` matches, as code point ranges.
const SPACE_RANGES: readonly (readonly [number, number])[] = [
  [0x09, 0x0d],
  [0x20, 0x20],
  [0xa0, 0xa0],
  [0x1680, 0x1680],
  [0x2000, 0x200a],
  [0x2028, 0x2029],
  [0x202f, 0x202f],
  [0x205f, 0x205f],
  [0x3000, 0x3000],
  [0xfeff, 0xfeff],
];
const MAX_CODE_POINT = 0x10ffff;

function hex(cp: number): string {
  return `\\x{${cp.toString(16)}}`;
}

function rangesText(ranges: readonly (readonly [number, number])[]): string {
  return ranges.map(([lo, hi]) => (lo === hi ? hex(lo) : `${hex(lo)}-${hex(hi)}`)).join('');
}

function complement(ranges: readonly (readonly [number, number])[]): [number, number][] {
  const out: [number, number][] = [];
  let next = 0;
  for (const [lo, hi] of ranges) {
    if (lo > next) out.push([next, lo - 1]);
    next = hi + 1;
  }
  if (next <= MAX_CODE_POINT) out.push([next, MAX_CODE_POINT]);
  return out;
}

const SPACE = rangesText(SPACE_RANGES);
const NOT_SPACE = rangesText(complement(SPACE_RANGES));
// `.` without the `s` flag: anything but a line terminator.
const DOT = `[^\\n\\r${hex(0x2028)}${hex(0x2029)}]`;
const ANY = `${hex(0)}-${hex(MAX_CODE_POINT)}`;

const HEX_DIGITS = /^[0-9a-fA-F]+$/;

/** Reads a `\u` escape at `i` (the backslash): the code point and the escape's length, or null. */
function unicodeEscape(p: string, i: number): { cp: number; length: number } | null {
  if (p[i + 2] === '{') {
    const end = p.indexOf('}', i + 3);
    const digits = p.slice(i + 3, end);
    if (end < 0 || !HEX_DIGITS.test(digits)) return null;
    return { cp: parseInt(digits, 16), length: end + 1 - i };
  }
  const digits = p.slice(i + 2, i + 6);
  if (digits.length !== 4 || !HEX_DIGITS.test(digits)) return null;
  const cp = parseInt(digits, 16);
  // A surrogate pair written as two escapes is one code point under the `u` flag.
  if (cp >= 0xd800 && cp <= 0xdbff && p[i + 6] === '\\' && p[i + 7] === 'u') {
    const low = p.slice(i + 8, i + 12);
    const lowCp = HEX_DIGITS.test(low) && low.length === 4 ? parseInt(low, 16) : -1;
    if (lowCp >= 0xdc00 && lowCp <= 0xdfff) return { cp: 0x10000 + ((cp - 0xd800) << 10) + (lowCp - 0xdc00), length: 12 };
  }
  return { cp, length: 6 };
}

/** The RE2 spelling of the escape at `i` (a backslash) and its length in the source. */
function escape(p: string, i: number, inClass: boolean): { text: string; length: number } {
  const c = p[i + 1] ?? '';
  switch (c) {
    case 's':
      return { text: inClass ? SPACE : `[${SPACE}]`, length: 2 };
    case 'S':
      return { text: inClass ? NOT_SPACE : `[${NOT_SPACE}]`, length: 2 };
    case 'u': {
      const u = unicodeEscape(p, i);
      return u === null ? { text: '\\u', length: 2 } : { text: hex(u.cp), length: u.length };
    }
    case 'c': {
      const letter = p.charCodeAt(i + 2);
      return { text: hex(letter % 32), length: 3 };
    }
    case '0':
      return { text: hex(0), length: 2 };
    case 'b':
      // Inside a class `\b` is a backspace; outside, a word boundary as in RE2.
      return { text: inClass ? hex(8) : '\\b', length: 2 };
    case '-':
      return { text: '\\-', length: 2 };
    default:
      return { text: `\\${c}`, length: 2 };
  }
}

/**
 * The RE2 form of `pattern`, an ECMAScript regular expression source that is valid with the
 * `u` flag (check that first: this rewrite assumes well-formed input).
 */
export function jsToRe2(pattern: string): string {
  let out = '';
  let inClass = false;
  let i = 0;
  while (i < pattern.length) {
    const c = pattern[i]!;
    if (c === '\\') {
      const e = escape(pattern, i, inClass);
      out += e.text;
      i += e.length;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      out += c;
      i++;
      continue;
    }
    if (c === '[') {
      if (pattern.startsWith('[]', i)) {
        out += `[^${ANY}]`;
        i += 2;
      } else if (pattern.startsWith('[^]', i)) {
        out += `[${ANY}]`;
        i += 3;
      } else {
        inClass = true;
        out += c;
        i++;
      }
      continue;
    }
    if (c === '.') out += DOT;
    else if (pattern.startsWith('(?<', i) && pattern[i + 3] !== '=' && pattern[i + 3] !== '!') {
      out += '(?P<';
      i += 3;
      continue;
    } else out += c;
    i++;
  }
  return out;
}
