import { createRequire } from 'node:module';
import type { RE2JS } from 're2js';
import { jsToRe2 } from './js-to-re2.js';

const require = createRequire(import.meta.url);

/** A format check as ajv's `addFormat` takes it. */
export type FormatCheck = (input: string) => boolean;

/**
 * ajv-formats checks most string formats with JavaScript regular expressions, and some of them
 * backtrack: `url` takes seconds on a 64 KiB string. The ones below run the same expressions on
 * re2js instead (linear time). The three that use lookaround are rewritten without it:
 * `hostname` checks its length in code, `duration` spells out "T is followed by a digit" as
 * an alternation, and `url` spells out the private IPv4 ranges it refuses. The function formats (date, time, date-time, uri, byte, regex) stay ajv-formats' own:
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
  return out;
}

const REWRITTEN = new Set(['hostname', 'duration', 'url']);

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
 * A check running `source` on re2js. Under `i` without `u`, JavaScript never folds a non-ASCII
 * letter to an ASCII one, while RE2 folds the Kelvin sign to k and the long s to s: those two
 * are swapped for a letter that folds to nothing ASCII before matching.
 */
function linear(source: string, flags: string): FormatCheck {
  let re: RE2JS | undefined;
  // Compiled on first use: most applications check a few formats, if any.
  const compiled = (): RE2JS => {
    if (re !== undefined) return re;
    const { RE2JS } = require('re2js') as RE2Module;
    return (re = RE2JS.compile(jsToRe2(source), flags.includes('i') ? RE2JS.CASE_INSENSITIVE : 0));
  };
  if (flags.includes('i') && !flags.includes('u')) return (s) => compiled().test(s.replace(/[\u017f\u212a]/g, '\u0100'));
  return (s) => compiled().test(s);
}
