// The patterns of Go's ServeMux (Go 1.22 and later): `[METHOD ][HOST]/[PATH]`, where each path
// segment is a literal, a `{name}` wildcard, a final `{name...}` wildcard, or a final `{$}`. A
// path ending in `/` ends in an anonymous `{...}`. Precedence and conflicts come from comparing
// the sets of requests two patterns match.
import { isToken } from '../http/header.js';
import { cleanPath, pathUnescape } from './clean-path.js';
import { MuxError } from './mux-error.js';

/**
 * One pattern segment: a literal (`s`, or `/` for `{$}`, which matches a trailing slash), a
 * single wildcard (`wild`), or a wildcard for the rest of the path (`wild` and `multi`; `s` is
 * '' for the anonymous one of a trailing slash).
 */
export interface Segment {
  readonly s: string;
  readonly wild: boolean;
  readonly multi: boolean;
}

/** A parsed pattern. */
export interface Pattern {
  /** The pattern as registered. */
  readonly str: string;
  /** '' for any method. */
  readonly method: string;
  /** '' for any host. */
  readonly host: string;
  readonly segments: readonly Segment[];
}

/** How the requests one pattern matches relate to another's. */
export type Relationship = 'equivalent' | 'moreGeneral' | 'moreSpecific' | 'disjoint' | 'overlaps';

function invalid(str: string, why: string): MuxError {
  return new MuxError('ERR_MUX_INVALID_PATTERN', str, `parsing "${str}": ${why}`);
}

/** Parses a pattern; throws MuxError `ERR_MUX_INVALID_PATTERN`. */
export function parsePattern(str: string): Pattern {
  if (str === '') throw invalid(str, 'empty pattern');
  const sp = str.indexOf(' ');
  let method = '';
  let rest = str;
  if (sp >= 0) {
    method = str.slice(0, sp);
    rest = str.slice(sp + 1).replace(/^[ \t]+/, '');
    if (!isToken(method)) throw invalid(str, `invalid method "${method}"`);
  }
  const slash = rest.indexOf('/');
  if (slash < 0) throw invalid(str, 'host/path missing /');
  const host = rest.slice(0, slash);
  let path = rest.slice(slash);
  if (host.includes('{')) throw invalid(str, "host contains '{' (missing initial '/'?)");
  if (method !== '' && method !== 'CONNECT' && path !== cleanPath(path)) {
    throw invalid(str, 'non-CONNECT pattern with unclean path can never match');
  }
  const segments: Segment[] = [];
  const seen = new Set<string>();
  while (path.length > 0) {
    path = path.slice(1);
    if (path === '') {
      segments.push({ s: '', wild: true, multi: true });
      break;
    }
    const i = path.indexOf('/');
    const seg = i < 0 ? path : path.slice(0, i);
    path = i < 0 ? '' : path.slice(i);
    const brace = seg.indexOf('{');
    if (brace < 0) {
      segments.push({ s: pathUnescape(seg), wild: false, multi: false });
      continue;
    }
    if (brace !== 0) throw invalid(str, "bad wildcard segment (must start with '{')");
    if (!seg.endsWith('}')) throw invalid(str, "bad wildcard segment (must end with '}')");
    let name = seg.slice(1, -1);
    if (name === '$') {
      if (path !== '') throw invalid(str, '{$} not at end');
      segments.push({ s: '/', wild: false, multi: false });
      break;
    }
    const multi = name.endsWith('...');
    if (multi) name = name.slice(0, -3);
    if (multi && path !== '') throw invalid(str, '{...} wildcard not at end');
    if (name === '') throw invalid(str, 'empty wildcard');
    if (!/^[\p{L}_][\p{L}\p{Nd}_]*$/u.test(name)) throw invalid(str, `bad wildcard name "${name}"`);
    if (seen.has(name)) throw invalid(str, `duplicate wildcard name "${name}"`);
    seen.add(name);
    segments.push({ s: name, wild: true, multi });
  }
  return { str, method, host, segments };
}

/** The first segment of `path` (which starts with `/`), unescaped, and the rest; `/` alone is `['/', '']`. */
function firstSegment(path: string): [string, string] {
  if (path === '/') return ['/', ''];
  const i = path.indexOf('/', 1);
  const end = i < 0 ? path.length : i;
  return [pathUnescape(path.slice(1, end)), path.slice(end)];
}

/**
 * The wildcard values when `p`'s path matches `path` (escaped, cleaned, starting with `/`), in
 * segment order with their names; null when it does not match.
 */
export function matchPath(p: Pattern, path: string): [string, string][] | null {
  const values: [string, string][] = [];
  let rest = path;
  for (const seg of p.segments) {
    if (rest === '') return null;
    if (seg.multi) {
      if (seg.s !== '') values.push([seg.s, pathUnescape(rest.slice(1))]);
      return values;
    }
    const [s, after] = firstSegment(rest);
    if (seg.wild) {
      if (after === '' && s === '/' && rest === '/') return null; // a single wildcard never matches a trailing slash
      values.push([seg.s, s]);
    } else if (s !== seg.s) {
      return null;
    }
    rest = after;
  }
  return rest === '' ? values : null;
}

/** Whether `p` matches requests with `method` (GET patterns match HEAD too). */
export function matchesMethod(p: Pattern, method: string): boolean {
  return p.method === '' || p.method === method || (p.method === 'GET' && method === 'HEAD');
}

function inverse(r: Relationship): Relationship {
  return r === 'moreSpecific' ? 'moreGeneral' : r === 'moreGeneral' ? 'moreSpecific' : r;
}

/** The relationship of the whole given the relationships of two parts of it. */
function combine(r1: Relationship, r2: Relationship): Relationship {
  switch (r1) {
    case 'equivalent':
      return r2;
    case 'disjoint':
      return 'disjoint';
    case 'overlaps':
      return r2 === 'disjoint' ? 'disjoint' : 'overlaps';
    case 'moreGeneral':
    case 'moreSpecific':
      if (r2 === 'equivalent') return r1;
      if (r2 === inverse(r1)) return 'overlaps';
      return r2;
  }
}

/** How p1's methods relate to p2's. */
export function compareMethods(p1: Pattern, p2: Pattern): Relationship {
  if (p1.method === p2.method) return 'equivalent';
  if (p1.method === '') return 'moreGeneral';
  if (p2.method === '') return 'moreSpecific';
  if (p1.method === 'GET' && p2.method === 'HEAD') return 'moreGeneral';
  if (p2.method === 'GET' && p1.method === 'HEAD') return 'moreSpecific';
  return 'disjoint';
}

function compareSegments(s1: Segment, s2: Segment): Relationship {
  if (s1.multi && s2.multi) return 'equivalent';
  if (s1.multi) return 'moreGeneral';
  if (s2.multi) return 'moreSpecific';
  if (s1.wild && s2.wild) return 'equivalent';
  if (s1.wild) return s2.s === '/' ? 'disjoint' : 'moreGeneral';
  if (s2.wild) return s1.s === '/' ? 'disjoint' : 'moreSpecific';
  return s1.s === s2.s ? 'equivalent' : 'disjoint';
}

function lastMulti(p: Pattern): boolean {
  return p.segments[p.segments.length - 1]?.multi === true;
}

/** How the paths p1 matches relate to those p2 matches. */
export function comparePaths(p1: Pattern, p2: Pattern): Relationship {
  const a = p1.segments;
  const b = p2.segments;
  if (a.length !== b.length && !lastMulti(p1) && !lastMulti(p2)) return 'disjoint';
  let rel: Relationship = 'equivalent';
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    rel = combine(rel, compareSegments(a[i]!, b[i]!));
    if (rel === 'disjoint') return rel;
  }
  if (a.length === b.length) return rel;
  if (a.length < b.length && lastMulti(p1)) return combine(rel, 'moreGeneral');
  if (b.length < a.length && lastMulti(p2)) return combine(rel, 'moreSpecific');
  return 'disjoint';
}

/**
 * Whether two patterns conflict: some request matches both and neither takes precedence (a
 * pattern with a host wins over one without; otherwise the more specific method and path wins).
 */
export function conflicts(p1: Pattern, p2: Pattern): boolean {
  if (p1.host !== p2.host) return false;
  const m = compareMethods(p1, p2);
  if (m === 'disjoint') return false;
  const rel = combine(m, comparePaths(p1, p2));
  return rel === 'equivalent' || rel === 'overlaps';
}
