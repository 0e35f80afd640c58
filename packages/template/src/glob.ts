// Go's filepath.Match and filepath.Glob, for parseGlob: `*` (any run of non-separators),
// `?` (one non-separator), `[a-z]` / `[^a-z]` classes and `\` escapes. Patterns are matched
// by code point, chunk by chunk, as Go's implementation does.
import { lstatSync, readdirSync } from 'node:fs';
import { dirname, basename, join } from 'node:path';
import { BadPatternError } from './errors.js';

const SEPARATOR = '/';

/** Splits off the leading stars and the chunk up to the next star outside a class. */
function scanChunk(pattern: string[]): { star: boolean; chunk: string[]; rest: string[] } {
  let i = 0;
  while (pattern[i] === '*') i++;
  const star = i > 0;
  const p = pattern.slice(i);
  let inRange = false;
  let j = 0;
  for (; j < p.length; j++) {
    const c = p[j];
    if (c === '\\') {
      if (j + 1 < p.length) j++;
    } else if (c === '[') inRange = true;
    else if (c === ']') inRange = false;
    else if (c === '*' && !inRange) break;
  }
  return { star, chunk: p.slice(0, j), rest: p.slice(j) };
}

/** One possibly escaped character of a class; throws on a malformed class. */
function getEsc(chunk: string[], at: number): { r: string; next: number } {
  let i = at;
  const c = chunk[i];
  if (c === undefined || c === '-' || c === ']') throw new BadPatternError();
  if (c === '\\') {
    i++;
    if (chunk[i] === undefined) throw new BadPatternError();
  }
  const r = chunk[i] as string;
  if (i + 1 >= chunk.length) throw new BadPatternError();
  return { r, next: i + 1 };
}

const cp = (c: string): number => c.codePointAt(0) ?? 0;

/** Matches `chunk` at the start of `s`: the rest of `s`, or null when it does not match. */
function matchChunk(chunk: string[], s: string[]): string[] | null {
  let failed = false;
  let si = 0;
  for (let i = 0; i < chunk.length; ) {
    if (!failed && si >= s.length) failed = true;
    const c = chunk[i] as string;
    if (c === '[') {
      const r = failed ? '' : (s[si++] as string);
      i++;
      const negated = chunk[i] === '^';
      if (negated) i++;
      let match = false;
      let nrange = 0;
      for (;;) {
        if (chunk[i] === ']' && nrange > 0) {
          i++;
          break;
        }
        const lo = getEsc(chunk, i);
        let hi = lo;
        i = lo.next;
        if (chunk[i] === '-') {
          hi = getEsc(chunk, i + 1);
          i = hi.next;
        }
        if (!failed && cp(lo.r) <= cp(r) && cp(r) <= cp(hi.r)) match = true;
        nrange++;
      }
      if (match === negated) failed = true;
    } else if (c === '?') {
      if (!failed) {
        if (s[si] === SEPARATOR) failed = true;
        si++;
      }
      i++;
    } else {
      if (c === '\\') {
        i++;
        if (i >= chunk.length) throw new BadPatternError();
      }
      if (!failed) {
        if (chunk[i] !== s[si]) failed = true;
        si++;
      }
      i++;
    }
  }
  return failed ? null : s.slice(si);
}

/** Go's filepath.Match: whether `name` matches the shell pattern; throws BadPatternError. */
export function match(pattern: string, name: string): boolean {
  let p = Array.from(pattern);
  let n = Array.from(name);
  outer: while (p.length > 0) {
    const { star, chunk, rest } = scanChunk(p);
    p = rest;
    if (star && chunk.length === 0) return !n.includes(SEPARATOR);
    const t = matchChunk(chunk, n);
    if (t !== null && (t.length === 0 || p.length > 0)) {
      n = t;
      continue;
    }
    if (star) {
      for (let i = 0; i < n.length && n[i] !== SEPARATOR; i++) {
        const t2 = matchChunk(chunk, n.slice(i + 1));
        if (t2 !== null) {
          if (p.length === 0 && t2.length > 0) continue;
          n = t2;
          continue outer;
        }
      }
    }
    // Go checks the rest of the pattern for syntax errors before reporting no match.
    while (p.length > 0) {
      const next = scanChunk(p);
      p = next.rest;
      matchChunk(next.chunk, []);
    }
    return false;
  }
  return n.length === 0;
}

function hasMeta(s: string): boolean {
  return /[*?[\\]/.test(s);
}

function exists(p: string): boolean {
  try {
    lstatSync(p);
    return true;
  } catch {
    return false;
  }
}

/** The names in `dir` matching `pattern`, joined to `dir`, sorted. */
function globDir(dir: string, pattern: string): string[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  return names
    .sort()
    .filter((name) => match(pattern, name))
    .map((name) => join(dir, name));
}

/**
 * Go's filepath.Glob: the existing paths matching `pattern`. A malformed pattern throws
 * BadPatternError naming `templateName`, the template whose parseGlob was given it.
 */
export function glob(pattern: string, templateName = ''): string[] {
  try {
    match(pattern, ''); // Rejects a malformed pattern, as Go does first.
  } catch (e) {
    throw e instanceof BadPatternError ? new BadPatternError(templateName) : e;
  }
  return globValid(pattern);
}

function globValid(pattern: string): string[] {
  if (!hasMeta(pattern)) return exists(pattern) ? [pattern] : [];
  const dir = pattern.includes(SEPARATOR) ? dirname(pattern) : '.';
  const file = basename(pattern);
  const dirs = hasMeta(dir) ? globValid(dir) : [dir];
  return dirs.flatMap((d) => globDir(d, file)).map((p) => (pattern.includes(SEPARATOR) ? p : basename(p)));
}
