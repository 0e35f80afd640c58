// The `email` format as one pass over the string: the language of ajv-formats' expression,
// checked without a regular-expression engine.

// RFC 5322's atext as ajv-formats spells it: ASCII letters and digits and !#$%&'*+/=?^_`{|}~-
const ATEXT = byteSet("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&'*+/=?^_`{|}~-");
const LABEL = byteSet('abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-');

const DOT = 0x2e;
const HYPHEN = 0x2d;

/**
 * True when `s` matches ajv-formats' `email`,
 * `/^[a-z0-9!#$%&'*+/=?^_`{|}~-]+(?:\.[a-z0-9!#$%&'*+/=?^_`{|}~-]+)*@(?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/i`:
 * a local part of atext runs joined by single dots, `@`, and two or more dot-separated labels
 * of letters, digits and hyphens that neither start nor end with a hyphen. ASCII only (the
 * expression's `i` without `u` folds no other letter onto these). Hot path: one pass, linear.
 */
export function isEmail(s: string): boolean {
  const at = s.indexOf('@');
  if (at <= 0) return false;
  // The local part: no empty run, so no dot first, last or twice in a row.
  let afterDot = true;
  for (let i = 0; i < at; i++) {
    const c = s.charCodeAt(i);
    if (c === DOT) {
      if (afterDot) return false;
      afterDot = true;
    } else if (c < 128 && ATEXT[c] === 1) afterDot = false;
    else return false;
  }
  if (afterDot) return false;
  // The domain: labels ended by a dot, the last by the end of the string.
  let labels = 0;
  let start = at + 1;
  for (let i = start; i <= s.length; i++) {
    const c = i === s.length ? DOT : s.charCodeAt(i);
    if (c === DOT) {
      if (i === start || s.charCodeAt(start) === HYPHEN || s.charCodeAt(i - 1) === HYPHEN) return false;
      labels++;
      start = i + 1;
    } else if (c >= 128 || LABEL[c] !== 1) return false;
  }
  return labels >= 2;
}

function byteSet(chars: string): Uint8Array {
  const set = new Uint8Array(128);
  for (let i = 0; i < chars.length; i++) set[chars.charCodeAt(i)] = 1;
  return set;
}
