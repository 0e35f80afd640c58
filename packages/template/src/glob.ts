// Go's filepath.Match and filepath.Glob, for parseGlob: `*` (any run of non-separators),
// `?` (one non-separator), `[a-z]` / `[^a-z]` classes and `\` escapes, per path component.
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** The pattern is malformed (Go's filepath.ErrBadPattern). */
export class BadPatternError extends Error {
  constructor() {
    super('syntax error in pattern');
  }
}

function hasMeta(s: string): boolean {
  return /[*?[\\]/.test(s);
}

/** Translates one path component pattern into an anchored regular expression. */
function componentRegExp(pattern: string): RegExp {
  let re = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i] as string;
    if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else if (c === '\\') {
      const next = pattern[++i];
      if (next === undefined) throw new BadPatternError();
      re += escapeRe(next);
    } else if (c === '[') {
      const end = pattern.indexOf(']', i + 2);
      if (end < 0) throw new BadPatternError();
      let body = pattern.slice(i + 1, end);
      const negate = body.startsWith('^');
      if (negate) body = body.slice(1);
      if (body === '') throw new BadPatternError();
      re += `[${negate ? '^' : ''}${body.replace(/[\]\\^]/g, (m) => `\\${m}`)}]`;
      i = end;
    } else re += escapeRe(c);
  }
  return new RegExp(`^${re}$`, 'u');
}

function escapeRe(c: string): string {
  return c.replace(/[.*+?^${}()|[\]\\/-]/g, (m) => `\\${m}`);
}

/** Go's filepath.Match for one name (no separators in `name`). */
export function match(pattern: string, name: string): boolean {
  return componentRegExp(pattern).test(name);
}

/** Go's filepath.Glob: the paths matching `pattern`, sorted, existing files and directories. */
export function glob(pattern: string): string[] {
  const absolute = pattern.startsWith('/');
  const parts = pattern.split('/').filter((p, i) => p !== '' || i === 0);
  let paths = [absolute ? '/' : ''];
  for (const part of parts) {
    if (part === '') continue;
    const next: string[] = [];
    for (const base of paths) {
      if (!hasMeta(part)) {
        const p = base === '' ? part : join(base, part);
        if (exists(p)) next.push(p);
        continue;
      }
      const re = componentRegExp(part);
      for (const entry of list(base === '' ? '.' : base)) {
        if (re.test(entry)) next.push(base === '' ? entry : join(base, entry));
      }
    }
    paths = next;
  }
  return paths.filter((p) => p !== '' && p !== '/').sort();
}

function exists(p: string): boolean {
  try {
    statSync(p);
    return true;
  } catch {
    return false;
  }
}

function list(dir: string): string[] {
  try {
    return readdirSync(dir).sort();
  } catch {
    return [];
  }
}
