import { readdirSync } from 'node:fs';
import path from 'node:path';

/** A glob split into the directory it starts from and a matcher of paths relative to it. */
export interface Glob {
  /** The directory before the first segment with a wildcard. */
  base: string;
  /** Whether a `/`-separated path relative to `base` matches. */
  matches(relative: string): boolean;
}

function segmentRegex(seg: string): string {
  let out = '';
  for (let i = 0; i < seg.length; i++) {
    const ch = seg[i]!;
    if (ch === '*') out += '[^/]*';
    else if (ch === '?') out += '[^/]';
    else if (ch === '{') {
      const end = seg.indexOf('}', i);
      if (end < 0) out += '\\{';
      else {
        out += `(?:${seg.slice(i + 1, end).split(',').map((a) => a.replace(/[.+^$()|[\]\\]/g, '\\$&')).join('|')})`;
        i = end;
      }
    } else out += ch.replace(/[.+^$()|[\]\\{}]/g, '\\$&');
  }
  return out;
}

/** Compiles a glob with `*`, `**`, `?` and `{a,b}`. */
export function compileGlob(pattern: string): Glob {
  const segs = pattern.split(/[\\/]/);
  const baseSegs: string[] = [];
  while (segs.length > 1 && !/[*?{[]/.test(segs[0]!)) baseSegs.push(segs.shift()!);
  let re = '';
  for (const [i, seg] of segs.entries()) {
    const last = i === segs.length - 1;
    if (seg === '**') re += last ? '.*' : '(?:[^/]+/)*';
    else re += segmentRegex(seg) + (last ? '' : '/');
  }
  const rx = new RegExp(`^${re}$`);
  const base = baseSegs.length === 0 ? '.' : baseSegs.join('/') || '/';
  return { base, matches: (rel) => rx.test(rel) };
}

/** The files under the glob's base matching it, as `/`-separated paths relative to the base, sorted. */
export function globFiles(pattern: string): { base: string; files: string[] } {
  const g = compileGlob(pattern);
  const files: string[] = [];
  const walk = (dir: string, rel: string): void => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const r = rel === '' ? e.name : `${rel}/${e.name}`;
      if (e.isDirectory()) walk(path.join(dir, e.name), r);
      else if (e.isFile() && g.matches(r)) files.push(r);
    }
  };
  walk(g.base, '');
  return { base: g.base, files: files.sort() };
}
