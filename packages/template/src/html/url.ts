// URL filtering, normalizing and escaping, and the srcset escaper.
import { ContentType } from './attr.js';
import { plainText, stringify } from './content.js';
import { filterFailsafe } from './failsafe.js';

/** Whether a URL's scheme, if any, is http, https or mailto. */
export function isSafeURL(s: string): boolean {
  const colon = s.indexOf(':');
  if (colon >= 0) {
    const protocol = s.slice(0, colon);
    if (!protocol.includes('/')) {
      const p = protocol.toLowerCase();
      if (p !== 'http' && p !== 'https' && p !== 'mailto') return false;
    }
  }
  return true;
}

/** `_html_template_urlfilter`: a URL with an unsafe scheme becomes `#ZgotmplZ`. */
export function urlFilter(v: unknown): string {
  const p = plainText(v);
  if (p !== undefined) return isSafeURL(p) ? p : `#${filterFailsafe}`;
  const { s, t } = stringify(v);
  if (t === ContentType.URL) return s;
  return isSafeURL(s) ? s : `#${filterFailsafe}`;
}

const hex = '0123456789abcdef';

// Per ASCII code: 0 = always escaped, 1 = kept (unreserved), 2 = reserved (kept when normalizing).
const urlClass = new Uint8Array(128);
for (const c of '-._~abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789') urlClass[c.charCodeAt(0)] = 1;
for (const c of "!#$&*+,/:;=?@[]") urlClass[c.charCodeAt(0)] = 2;

function isHexCode(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x66) || (c >= 0x41 && c <= 0x46);
}

function percentEncode(ch: string): string {
  let out = '';
  for (const byte of Buffer.from(ch, 'utf8')) out += `%${hex[byte >> 4] ?? '0'}${hex[byte & 0xf] ?? '0'}`;
  return out;
}

/**
 * Percent-encodes the bytes of `s` that are not unreserved; when `norm`, reserved characters
 * and existing `%xx` escapes are kept, so a URL is normalized rather than quoted. Returns
 * `s` itself when nothing needs encoding.
 */
export function processURL(s: string, norm: boolean): string {
  let out = '';
  let written = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 128) {
      const cls = urlClass[c];
      if (cls === 1 || (cls === 2 && norm)) continue;
      if (c === 0x25 && norm && i + 2 < s.length && isHexCode(s.charCodeAt(i + 1)) && isHexCode(s.charCodeAt(i + 2))) continue;
      out += `${s.slice(written, i)}%${hex[c >> 4] ?? '0'}${hex[c & 0xf] ?? '0'}`;
      written = i + 1;
      continue;
    }
    // Non-ASCII: encode the UTF-8 bytes of the whole code point.
    const pair = c >= 0xd800 && c < 0xdc00 && i + 1 < s.length ? 2 : 1;
    out += s.slice(written, i) + percentEncode(s.slice(i, i + pair));
    i += pair - 1;
    written = i + 1;
  }
  return written === 0 ? s : out + s.slice(written);
}

/** `_html_template_urlescaper`: a URL query or fragment part; every reserved character is encoded. */
export function urlEscaper(v: unknown): string {
  const p = plainText(v);
  if (p !== undefined) return processURL(p, false);
  const { s, t } = stringify(v);
  return processURL(s, t === ContentType.URL);
}

/** `_html_template_urlnormalizer`: a URL or its path; reserved characters and escapes are kept. */
export function urlNormalizer(v: unknown): string {
  return processURL(plainText(v) ?? stringify(v).s, true);
}

function isHTMLSpace(c: number): boolean {
  return c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0c || c === 0x0d;
}

function isHTMLSpaceOrASCIIAlnum(c: number): boolean {
  return isHTMLSpace(c) || (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
}

/** One srcset candidate: a safe URL and alphanumeric metadata, or `#ZgotmplZ`. */
function filterSrcsetElement(s: string, left: number, right: number): string {
  let start = left;
  while (start < right && isHTMLSpace(s.charCodeAt(start))) start++;
  let end = right;
  for (let i = start; i < right; i++) {
    if (isHTMLSpace(s.charCodeAt(i))) {
      end = i;
      break;
    }
  }
  const url = s.slice(start, end);
  if (isSafeURL(url)) {
    let metadataOk = true;
    for (let i = end; i < right; i++) {
      if (!isHTMLSpaceOrASCIIAlnum(s.charCodeAt(i))) {
        metadataOk = false;
        break;
      }
    }
    if (metadataOk) return s.slice(left, start) + processURL(url, true) + s.slice(end, right);
  }
  return `#${filterFailsafe}`;
}

/** `_html_template_srcsetescaper`: a srcset value, candidate by candidate. */
export function srcsetFilterAndEscaper(v: unknown): string {
  const { s, t } = stringify(v);
  if (t === ContentType.Srcset) return s;
  if (t === ContentType.URL) return processURL(s, true).replaceAll(',', '%2c');
  let out = '';
  let written = 0;
  for (let i = 0; i < s.length; i++) {
    if (s[i] === ',') {
      out += `${filterSrcsetElement(s, written, i)},`;
      written = i + 1;
    }
  }
  return out + filterSrcsetElement(s, written, s.length);
}
