import { createRequire } from 'node:module';
import type { RE2JS } from 're2js';
import { isEmail } from './email-format.js';
import { jsToRe2 } from './js-to-re2.js';

const require = createRequire(import.meta.url);

/** A format check as ajv's `addFormat` takes it. */
export type FormatCheck = (input: string) => boolean;

/**
 * ajv-formats checks most string formats with JavaScript regular expressions, and some of them
 * backtrack: `url` takes seconds on a 64 KiB string. The ones below run the same expressions on
 * re2js instead (linear time). The three that use lookaround are rewritten without it:
 * `hostname` checks its length in code, `duration` spells out "T is followed by a digit" as
 * an alternation, and `url` spells out the private IPv4 ranges it refuses. `email` is checked by
 * code (see email-format.ts), the same language in one pass. The function formats (date, time, date-time, uri, byte, regex) stay ajv-formats' own:
 * their expressions are anchored and unambiguous, so linear.
 */
export function linearFormats(): Record<string, FormatCheck> {
  return (formats ??= buildFormats());
}

let formats: Record<string, FormatCheck> | undefined;

/**
 * Compiles now the formats `schema` uses (a check compiles its expression on first use, and
 * `url`'s takes some 200 ms): called when a route registers, so no request pays for it.
 */
export function prepareFormats(schema: unknown): void {
  if (typeof schema !== 'object' || schema === null) return;
  for (const [key, value] of Object.entries(schema)) {
    if (key === 'format' && typeof value === 'string') linearFormats()[value]?.('');
    else prepareFormats(value);
  }
}

function buildFormats(): Record<string, FormatCheck> {
  const { fullFormats } = require('ajv-formats/dist/formats') as { fullFormats: Record<string, unknown> };
  const out: Record<string, FormatCheck> = {};
  for (const [name, def] of Object.entries(fullFormats)) {
    if (def instanceof RegExp && !REWRITTEN.has(name)) out[name] = linear(def.source, def.flags);
  }
  const host = linear(HOSTNAME_BODY, 'i');
  out['hostname'] = (s) => s.length >= 1 && (s.length <= 253 || (s.length === 254 && s.endsWith('.'))) && host(s);
  const duration = linear(DURATION, '');
  out['duration'] = (s) => s !== 'P' && duration(s);
  out['url'] = linear(URL, 'iu');
  // The format of most request bodies: one pass in code, with no engine to run.
  out['email'] = isEmail;
  return out;
}

const REWRITTEN = new Set(['hostname', 'duration', 'url', 'email']);

// ajv-formats' hostname without its leading (?=.{1,253}\.?$).
const HOSTNAME_BODY = String.raw`^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[-0-9a-z]{0,61}[0-9a-z])?)*\.?$`;
// ajv-formats' duration, with `T(?=\d)(\d+H)?(\d+M)?(\d+S)?` as "T and at least one of them";
// its (?!$) after P is the length check above.
const DURATION = String.raw`^P((\d+Y)?(\d+M)?(\d+D)?(T(?:\d+H(\d+M)?(\d+S)?|\d+M(\d+S)?|\d+S))?|(\d+W)?)$`;
// ajv-formats' url (dperini's), its three lookaheads that refuse private IPv4 addresses
// (10/8, 127/8, 169.254/16, 192.168/16, 172.16/12) spelled out as alternations instead.
const OCTET = String.raw`(?:1?\d{1,2}|2[0-4]\d|25[0-5])`;
const FIRST_PUBLIC = String.raw`(?:[1-9]|1[1-9]|[2-9]\d|1[01]\d|12[0-689]|1[3-5]\d|16[0-8]|17[013-9]|18\d|19[013-9]|2[01]\d|22[0-3])`;
const NOT_254 = String.raw`(?:1?\d{1,2}|2[0-4]\d|25[0-35])`;
const NOT_168 = String.raw`(?:\d{1,2}|1[0-57-9]\d|16[0-79]|2[0-4]\d|25[0-5])`;
const NOT_16_TO_31 = String.raw`(?:\d|0\d|1[0-5]|3[2-9]|[4-9]\d|1\d\d|2[0-4]\d|25[0-5])`;
const LAST = String.raw`(?:[1-9]\d?|1\d\d|2[0-4]\d|25[0-4])`;
const IPV4 = String.raw`(?:${FIRST_PUBLIC}\.${OCTET}|169\.${NOT_254}|192\.${NOT_168}|172\.${NOT_16_TO_31})\.${OCTET}\.${LAST}`;
const HOST = String.raw`(?:(?:[a-z0-9\u{00a1}-\u{ffff}]+-)*[a-z0-9\u{00a1}-\u{ffff}]+)(?:\.(?:[a-z0-9\u{00a1}-\u{ffff}]+-)*[a-z0-9\u{00a1}-\u{ffff}]+)*(?:\.(?:[a-z\u{00a1}-\u{ffff}]{2,}))`;
const URL = String.raw`^(?:https?|ftp):\/\/(?:\S+(?::\S*)?@)?(?:${IPV4}|${HOST})(?::\d{2,5})?(?:\/[^\s]*)?$`;

type RE2Module = { RE2JS: typeof RE2JS };

/**
 * A check running `source` on re2js. Under `i` without `u`, JavaScript folds only ASCII letters
 * to each other, where RE2's case folding is Unicode's (the Kelvin sign is a k) and makes large
 * classes slow to match: such a pattern spells each ASCII letter in both cases instead.
 */
function linear(source: string, flags: string): FormatCheck {
  let re: RE2JS | undefined;
  const unicodeCaseless = flags.includes('i') && flags.includes('u');
  const pattern = flags.includes('i') && !unicodeCaseless ? asciiCaseless(source) : source;
  // Compiled on first use: most applications check a few formats, if any.
  return (s) => {
    if (re === undefined) {
      const { RE2JS } = require('re2js') as RE2Module;
      re = RE2JS.compile(jsToRe2(pattern), unicodeCaseless ? RE2JS.CASE_INSENSITIVE : 0);
    }
    return re.test(s);
  };
}

const LETTER = /^[a-zA-Z]$/;

function otherCase(c: string): string {
  return c === c.toLowerCase() ? c.toUpperCase() : c.toLowerCase();
}

function sameCaseLetters(a: string, b: string): boolean {
  return LETTER.test(a) && LETTER.test(b) && (a === a.toLowerCase()) === (b === b.toLowerCase());
}

/** The length of the escape at `i` (a backslash), its arguments included. */
function escapeLength(p: string, i: number): number {
  const c = p[i + 1];
  if ((c === 'u' && p[i + 2] === '{') || c === 'p' || c === 'P') return p.indexOf('}', i) + 1 - i;
  if (c === 'u') return 6;
  if (c === 'x') return 4;
  if (c === 'c') return 3;
  return 2;
}

/** `source` matching ASCII letters in either case without a case-insensitive flag. */
export function asciiCaseless(source: string): string {
  let out = '';
  let inClass = false;
  for (let i = 0; i < source.length; ) {
    const c = source[i]!;
    if (c === '\\') {
      const n = escapeLength(source, i);
      out += source.slice(i, i + n);
      i += n;
    } else if (inClass && c === ']') {
      inClass = false;
      out += c;
      i++;
    } else if (!inClass && c === '[') {
      inClass = true;
      out += source[i + 1] === '^' ? '[^' : '[';
      i += source[i + 1] === '^' ? 2 : 1;
    } else if (inClass && LETTER.test(c) && source[i + 1] === '-' && sameCaseLetters(c, source[i + 2] ?? '')) {
      const end = source[i + 2] ?? '';
      out += `${c}-${end}${otherCase(c)}-${otherCase(end)}`;
      i += 3;
    } else if (LETTER.test(c)) {
      out += inClass ? `${c}${otherCase(c)}` : `[${c}${otherCase(c)}]`;
      i++;
    } else {
      out += c;
      i++;
    }
  }
  return out;
}
