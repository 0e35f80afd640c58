// The glob dialect of loadHTMLGlob: Go's filepath.Match for each path segment — the very matcher
// of @sloe/template's parseGlob, so `*`, `?`, `[a-z]`, `[^a-z]` and `\` mean the same in both —
// plus two extensions: `**` as a whole segment (any number of directories, none included) and
// `{a,b}` alternatives (nested allowed, each may hold `/`).
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { BadPatternError, filepathMatch } from '@sloe/template';

/** A glob split into the directory it starts from and a matcher of paths relative to it. */
export interface Glob {
  /** The directory before the first segment with a wildcard, a class, an escape or a brace. */
  base: string;
  /** Whether a `/`-separated path relative to `base` matches. */
  matches(relative: string): boolean;
  /** Whether files under this `/`-separated directory relative to `base` could match. */
  mayContain(relativeDir: string): boolean;
}

const META = /[*?[\\{]/;

/** The end of the `[class]` starting at `open`, or -1 when it is not closed. */
function classEnd(p: string, open: number): number {
  let i = open + 1;
  if (p[i] === '^') i++;
  // Go's classes need one item before the closing ']', so a ']' right after '[' is an item.
  for (let first = true; i < p.length; i++, first = false) {
    if (p[i] === '\\') i++;
    else if (p[i] === ']' && !first) return i;
  }
  return -1;
}

/** The index of the first unescaped `{` outside a class from `from`, or -1. */
function nextBrace(p: string, from: number): number {
  for (let i = from; i < p.length; i++) {
    if (p[i] === '\\') i++;
    else if (p[i] === '[') {
      const end = classEnd(p, i);
      if (end < 0) return -1; // filepathMatch rejects the class later.
      i = end;
    } else if (p[i] === '{') return i;
  }
  return -1;
}

/** The alternatives of the braces opening at `open` and the index of their `}`; throws when unclosed. */
function alternatives(p: string, open: number): { alts: string[]; close: number } {
  const alts: string[] = [];
  let depth = 0;
  let start = open + 1;
  for (let i = open + 1; i < p.length; i++) {
    const ch = p[i];
    if (ch === '\\') i++;
    else if (ch === '[') {
      const end = classEnd(p, i);
      if (end >= 0) i = end;
    } else if (ch === '{') depth++;
    else if (ch === '}' && depth > 0) depth--;
    else if (ch === ',' && depth === 0) {
      alts.push(p.slice(start, i));
      start = i + 1;
    } else if (ch === '}') {
      alts.push(p.slice(start, i));
      return { alts, close: i };
    }
  }
  throw new BadPatternError();
}

/** The plain patterns `{a,b}` alternatives stand for, in order (`x{a,b{c,d}}` -> `xa`, `xbc`, `xbd`). */
export function expandBraces(pattern: string): string[] {
  const open = nextBrace(pattern, 0);
  if (open < 0) return [pattern];
  const { alts, close } = alternatives(pattern, open);
  const head = pattern.slice(0, open);
  const tails = expandBraces(pattern.slice(close + 1));
  return alts.flatMap((alt) => expandBraces(head + alt).flatMap((h) => tails.map((t) => h + t)));
}

/** Whether `segs` from `si` match the pattern segments `pat` from `pi`; `**` takes any number of segments. */
function matchSegments(pat: readonly string[], pi: number, segs: readonly string[], si: number): boolean {
  for (; pi < pat.length; pi++, si++) {
    const p = pat[pi]!;
    if (p === '**') {
      for (let k = si; k <= segs.length; k++) if (matchSegments(pat, pi + 1, segs, k)) return true;
      return false;
    }
    if (si === segs.length || !filepathMatch(p, segs[si]!)) return false;
  }
  return si === segs.length;
}

/** Whether some path below the directory `segs` could match `pat`. */
function matchPrefix(pat: readonly string[], segs: readonly string[]): boolean {
  for (let i = 0; i < segs.length; i++) {
    const p = pat[i];
    if (p === undefined) return false;
    if (p === '**') return true;
    if (!filepathMatch(p, segs[i]!)) return false;
  }
  return pat.length > segs.length;
}

/**
 * Compiles a glob. A malformed pattern (a bad class, a trailing `\`, an unclosed `{`) throws
 * @sloe/template's BadPatternError, as parseGlob does.
 */
export function compileGlob(pattern: string): Glob {
  const segs = pattern.split('/');
  const baseSegs: string[] = [];
  while (segs.length > 1 && !META.test(segs[0]!)) baseSegs.push(segs.shift()!);
  const base = baseSegs.length === 0 ? '.' : baseSegs.join('/') || '/';
  const patterns = expandBraces(segs.join('/')).map((p) => p.split('/'));
  // Like Go's Glob, reject a malformed pattern before reading any directory.
  for (const seg of patterns.flat()) if (seg !== '**') filepathMatch(seg, '');
  return {
    base,
    matches: (rel) => {
      const parts = rel.split('/');
      return patterns.some((p) => matchSegments(p, 0, parts, 0));
    },
    mayContain: (dir) => {
      const parts = dir.split('/');
      return patterns.some((p) => matchPrefix(p, parts));
    },
  };
}

/**
 * The files under the glob's base matching it, as `/`-separated paths relative to the base,
 * sorted; only directories that could hold a match are read.
 */
export function globFiles(g: Glob): string[] {
  const files: string[] = [];
  const walk = (dir: string, rel: string): void => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const r = rel === '' ? e.name : `${rel}/${e.name}`;
      if (e.isDirectory()) {
        if (g.mayContain(r)) walk(path.join(dir, e.name), r);
      } else if (e.isFile() && g.matches(r)) files.push(r);
    }
  };
  walk(g.base, '');
  return files.sort();
}
