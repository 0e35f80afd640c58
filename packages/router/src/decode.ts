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
    i += 3;
    if (b < 0x80) {
      out += String.fromCharCode(b);
      continue;
    }
    // A UTF-8 sequence: its length, the smallest code point it may encode, the bits of its lead byte.
    const n = b >= 0xf0 && b <= 0xf4 ? 4 : b >= 0xe0 ? (b <= 0xef ? 3 : 0) : b >= 0xc2 ? 2 : 0;
    if (n === 0) return null;
    let cp = b & (0xff >> (n + 1));
    for (let k = 1; k < n; k++) {
      const cb = byteAt(v, i);
      if (cb < 0 || (cb & 0xc0) !== 0x80) return null;
      cp = (cp << 6) | (cb & 0x3f);
      i += 3;
    }
    const min = n === 2 ? 0x80 : n === 3 ? 0x800 : 0x10000;
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return null;
    out += String.fromCodePoint(cp);
  }
  return out;
}
