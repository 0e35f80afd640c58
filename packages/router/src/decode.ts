/**
 * Percent-decoding of param values without exceptions: `decodeURIComponent`'s result for valid
 * input, null where it would throw (a malformed escape, or bytes that are not UTF-8).
 */
export function decodeValue(v: string): string | null {
  const first = v.indexOf('%');
  return first === -1 ? v : decodeFrom(v, first);
}

function hex(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  const l = c | 0x20;
  return l >= 0x61 && l <= 0x66 ? l - 0x61 + 10 : -1;
}

// The byte of the escape at `i` ("%XY"), or -1.
function byteAt(v: string, i: number): number {
  if (i + 2 >= v.length || v.charCodeAt(i) !== 0x25) return -1;
  const h = hex(v.charCodeAt(i + 1));
  const l = hex(v.charCodeAt(i + 2));
  return h < 0 || l < 0 ? -1 : (h << 4) | l;
}

/**
 * Whether `decodeValue(v)` succeeds, found without building the decoded string: what a lookup
 * checks, leaving the decoding to whoever reads the value.
 */
export function decodable(v: string): boolean {
  let i = v.indexOf('%');
  while (i !== -1) {
    const b = byteAt(v, i);
    if (b < 0) return false;
    if (b < 0x80) i += 3;
    else {
      if (codePointAt(v, i, b) < 0) return false;
      i += 3 * sequenceLength(b);
    }
    i = v.indexOf('%', i);
  }
  return true;
}

// The length in bytes of the UTF-8 sequence that `lead` starts, or 0 when it starts none.
function sequenceLength(lead: number): number {
  return lead >= 0xf0 && lead <= 0xf4 ? 4 : lead >= 0xe0 ? (lead <= 0xef ? 3 : 0) : lead >= 0xc2 ? 2 : 0;
}

// The code point of the escaped UTF-8 sequence at `i`, whose first byte is `lead` (>= 0x80), or
// -1 when the sequence is malformed, overlong, a surrogate or past U+10FFFF.
function codePointAt(v: string, i: number, lead: number): number {
  const n = sequenceLength(lead);
  if (n === 0) return -1;
  let cp = lead & (0xff >> (n + 1));
  for (let k = 1; k < n; k++) {
    const cb = byteAt(v, i + 3 * k);
    if (cb < 0 || (cb & 0xc0) !== 0x80) return -1;
    cp = (cp << 6) | (cb & 0x3f);
  }
  const min = n === 2 ? 0x80 : n === 3 ? 0x800 : 0x10000;
  return cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff) ? -1 : cp;
}

function decodeFrom(v: string, first: number): string | null {
  let out = v.slice(0, first);
  let i = first;
  while (i < v.length) {
    const c = v.charCodeAt(i);
    if (c !== 0x25) {
      const next = v.indexOf('%', i);
      const end = next === -1 ? v.length : next;
      out += v.slice(i, end);
      i = end;
      continue;
    }
    const b = byteAt(v, i);
    if (b < 0) return null;
    if (b < 0x80) {
      out += String.fromCharCode(b);
      i += 3;
      continue;
    }
    const cp = codePointAt(v, i, b);
    if (cp < 0) return null;
    out += String.fromCodePoint(cp);
    i += 3 * sequenceLength(b);
  }
  return out;
}
