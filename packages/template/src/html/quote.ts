// Go's %q for strings, as html/template's error messages print offending text.

const named: Readonly<Record<string, string>> = {
  '\x07': '\\a',
  '\b': '\\b',
  '\f': '\\f',
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t',
  '\v': '\\v',
  '"': '\\"',
  '\\': '\\\\',
};

function hex(n: number, width: number): string {
  return n.toString(16).padStart(width, '0');
}

/** Whether Go's strconv.IsPrint would keep a code point as is (approximated outside Latin-1). */
function isPrint(cp: number): boolean {
  if (cp < 0x20 || cp === 0x7f) return false;
  if (cp >= 0x80 && cp <= 0xa0) return false;
  if (cp === 0xad || cp === 0x2028 || cp === 0x2029 || cp === 0xfeff) return false;
  if (cp >= 0xd800 && cp <= 0xdfff) return false;
  return cp !== 0xfffe && cp !== 0xffff;
}

/**
 * Go's `%q` of a string, or `%.Nq` when `maxRunes` is given (the string is cut to that many
 * code points before quoting).
 */
export function goQuote(s: string, maxRunes?: number): string {
  let out = '"';
  let n = 0;
  for (const ch of s) {
    if (maxRunes !== undefined && n++ >= maxRunes) break;
    const esc = named[ch];
    if (esc !== undefined) {
      out += esc;
      continue;
    }
    const cp = ch.codePointAt(0) ?? 0;
    if (isPrint(cp)) out += ch;
    else if (cp < 0x80) out += `\\x${hex(cp, 2)}`;
    else if (cp < 0x10000) out += `\\u${hex(cp, 4)}`;
    else out += `\\U${hex(cp, 8)}`;
  }
  return `${out}"`;
}
