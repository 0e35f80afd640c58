// Fills a route pattern with param values, the pattern syntax read as @sloe/router reads it:
// `:name` (ended by `/`, `(`, `-`, `.` or `?`), a regex constraint `(...)` after it, `?` for an
// optional last segment, `*name` (or a bare `*`) for the rest of the path, `\:` and `::` for a
// literal colon.
import { ClientError } from './errors.js';

/** Param values by name; numbers and booleans are written as text. */
export type ParamValues = Readonly<Record<string, string | number | boolean | undefined>>;

const NAME_END = new Set(['/', '(', '-', '.', '?']);

/** The path of `pattern` with each param replaced by its percent-encoded value. */
export function fillPath(pattern: string, params: ParamValues = {}): string {
  let out = '';
  let i = 0;
  while (i < pattern.length) {
    const ch = pattern[i]!;
    const next = pattern[i + 1];
    if ((ch === '\\' || ch === ':') && next === ':') {
      out += ':';
      i += 2;
    } else if (ch === ':') {
      i = fillParam(pattern, i + 1, params, (text) => (out += text), () => (out = dropSlash(out)));
    } else if (ch === '*') {
      const name = pattern.slice(i + 1) || '*';
      const value = params[name];
      // The router gives a catch-all its value with the leading slash (`/files/*path` on
      // `/files/a/b` is `/a/b`): either form is accepted back.
      let text = value === undefined ? '' : String(value);
      if (text.startsWith('/') && out.endsWith('/')) text = text.slice(1);
      out += text.split('/').map(encodeURIComponent).join('/');
      i = pattern.length;
    } else {
      out += ch;
      i++;
    }
  }
  return out;
}

// Writes the param whose name starts at `start`; returns the index after it (and after its
// constraint and optional mark).
function fillParam(pattern: string, start: number, params: ParamValues, write: (text: string) => void, dropSegment: () => void): number {
  let end = start;
  while (end < pattern.length && !NAME_END.has(pattern[end]!)) end++;
  const name = pattern.slice(start, end);
  if (pattern[end] === '(') end = skipGroup(pattern, end);
  const optional = pattern[end] === '?';
  if (optional) end++;
  const value = params[name];
  if (value !== undefined) {
    write(encodeURIComponent(String(value)));
  } else if (optional) {
    dropSegment();
  } else {
    throw new ClientError('ERR_CLIENT_PARAM', `${pattern}: missing param "${name}"`);
  }
  return end;
}

// The index after the parenthesised group opening at `open`, nested groups and escapes included.
function skipGroup(pattern: string, open: number): number {
  let depth = 0;
  for (let i = open; i < pattern.length; i++) {
    const ch = pattern[i];
    if (ch === '\\') i++;
    else if (ch === '(') depth++;
    else if (ch === ')' && --depth === 0) return i + 1;
  }
  return pattern.length;
}

// An absent optional param takes its segment's slash with it (`/posts/:id?` is `/posts`).
function dropSlash(out: string): string {
  return out.endsWith('/') && out.length > 1 ? out.slice(0, -1) : out;
}
