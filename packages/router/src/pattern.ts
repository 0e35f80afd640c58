import { RouteError } from './errors.js';

/**
 * One piece of a parsed pattern. A pattern is a run of static text, params and at most one final
 * catch-all:
 *
 *   pattern   = "/" { static | param | segment } [ catchAll ] | "*"
 *   param     = ":" name                      a whole rest of segment, no regex, no suffix
 *   segment   = ":" name [ "(" regex ")" ] { static ":" name [ "(" regex ")" ] } [ static ]
 *   catchAll  = "*" [ name ]                  last, right after a "/"
 *   static    = text, where "::" and "\:" are a literal ":"
 */
export type Token = StaticToken | ParamToken | SegmentToken | CatchAllToken;

/** Literal text, matched as is (or case-folded). */
export interface StaticToken {
  readonly kind: 'static';
  readonly text: string;
}

/** `:name`: the rest of the segment, up to the next `/`. */
export interface ParamToken {
  readonly kind: 'param';
  readonly name: string;
}

/**
 * A segment holding a regex param, several params or a param with a static suffix
 * (`:id(^\d+$)`, `:from-:to`, `:file.png`): the rest of the segment is matched by one regex.
 */
export interface SegmentToken {
  readonly kind: 'segment';
  /** The pattern text of the segment, from its first `:` to the segment's end: the node's identity. */
  readonly source: string;
  /** `source` without names and regexes: two segments of one shape at one position conflict. */
  readonly shape: string;
  readonly names: readonly string[];
  readonly regex: RegExp;
  /** The capture group of each name in `regex`. */
  readonly groups: readonly number[];
  /** The static text after the last param, or null; orders sibling segments as find-my-way does. */
  readonly suffix: string | null;
  /** Total length of the static parts, to bound the input given to the regex. */
  readonly staticLength: number;
}

/** `*name` (value keeps its leading `/`) or a bare `*` (param `*`, value without the `/`). */
export interface CatchAllToken {
  readonly kind: 'catch-all';
  readonly name: string;
  readonly keepSlash: boolean;
}

/** A pattern split into tokens, with its param names in the order their values are captured. */
export interface ParsedPattern {
  readonly tokens: readonly Token[];
  readonly names: readonly string[];
}

const OPTIONAL_PARAM = /(\/:[^/()]*?)\?(\/?)/;
const REGEX_SPECIALS = /[.*+?^${}()|[\]\\]/g;

/**
 * Expands a final optional param (`/a/:id?`) into the two patterns it stands for (`/a/:id`, `/a`);
 * any other pattern is returned alone.
 */
export function expandOptional(pattern: string): string[] {
  const m = OPTIONAL_PARAM.exec(pattern);
  if (m === null) return [pattern];
  if (m.index + m[0].length !== pattern.length) {
    throw invalid(pattern, 'an optional param must be the last part of the pattern');
  }
  const head = pattern.slice(0, m.index);
  return [head + m[1]! + m[2]!, head + m[2]! || '/'];
}

/** Parses one pattern (optional params already expanded); throws `ERR_ROUTER_INVALID_PATTERN` on malformed input. */
export function parsePattern(pattern: string): ParsedPattern {
  if (pattern === '*') {
    return { tokens: [{ kind: 'static', text: '/' }, { kind: 'catch-all', name: '*', keepSlash: true }], names: ['*'] };
  }
  if (pattern.charCodeAt(0) !== 0x2f) throw invalid(pattern, 'a pattern must start with "/"');
  const tokens: Token[] = [];
  const names: string[] = [];
  let text = '';
  let i = 0;
  while (i < pattern.length) {
    const c = pattern[i]!;
    if (isEscapedColon(pattern, i)) {
      text += ':';
      i += 2;
    } else if (c === ':') {
      if (text !== '') tokens.push({ kind: 'static', text });
      text = '';
      const [token, end] = parseSegment(pattern, i);
      tokens.push(token);
      names.push(...(token.kind === 'param' ? [token.name] : token.names));
      i = end;
    } else if (c === '*') {
      const token = parseCatchAll(pattern, i);
      tokens.push({ kind: 'static', text }, token);
      text = '';
      names.push(token.name);
      i = pattern.length;
    } else {
      text += c;
      i++;
    }
  }
  if (text !== '') tokens.push({ kind: 'static', text });
  const seen = new Set<string>();
  for (const name of names) {
    if (seen.has(name)) throw invalid(pattern, `the param name "${name}" is used twice`);
    seen.add(name);
  }
  return { tokens, names };
}

// A literal colon: find-my-way's "::" or gin's "\:" (gin >= 1.9).
function isEscapedColon(pattern: string, i: number): boolean {
  const c = pattern.charCodeAt(i);
  return (c === 0x3a || c === 0x5c) && pattern.charCodeAt(i + 1) === 0x3a;
}

function parseCatchAll(pattern: string, at: number): CatchAllToken {
  const name = pattern.slice(at + 1);
  if (pattern[at - 1] !== '/') throw invalid(pattern, 'a catch-all must follow a "/"');
  if (name.includes('/')) throw invalid(pattern, 'a catch-all must be the last segment');
  if (/[:*?()]/.test(name)) throw invalid(pattern, `invalid catch-all name "${name}"`);
  return name === '' ? { kind: 'catch-all', name: '*', keepSlash: false } : { kind: 'catch-all', name, keepSlash: true };
}

interface SegmentPart {
  name: string;
  regex: string | null;
  suffix: string;
}

// Reads from the ":" at `at` to the end of the segment; returns the token and the index after it.
function parseSegment(pattern: string, at: number): [ParamToken | SegmentToken, number] {
  const parts: SegmentPart[] = [];
  let i = at;
  for (;;) {
    const start = i + 1;
    i = start;
    while (i < pattern.length && !'(-./:*?'.includes(pattern[i]!) && !isEscapedColon(pattern, i)) i++;
    const name = pattern.slice(start, i);
    if (name === '') throw invalid(pattern, `empty param name at offset ${at}`);
    if (pattern[i] === '*' || pattern[i] === '?') throw invalid(pattern, `invalid character after param "${name}"`);
    if (pattern[i] === ':' && pattern[i + 1] !== ':') {
      throw invalid(pattern, `params "${name}" and the next one need static text between them`);
    }
    let regex: string | null = null;
    if (pattern[i] === '(') {
      const close = closingParen(pattern, i);
      if (close === -1) throw invalid(pattern, `unclosed regex after param "${name}"`);
      regex = pattern.slice(i, close + 1);
      i = close + 1;
    }
    let suffix = '';
    while (i < pattern.length && pattern[i] !== '/') {
      if (isEscapedColon(pattern, i)) {
        suffix += ':';
        i += 2;
        continue;
      }
      const c = pattern[i]!;
      if (c === ':') break;
      if (c === '*') throw invalid(pattern, 'a catch-all must follow a "/"');
      suffix += c;
      i++;
    }
    parts.push({ name, regex, suffix });
    if (pattern[i] !== ':') break;
  }
  const only = parts[0]!;
  if (parts.length === 1 && only.regex === null && only.suffix === '') {
    return [{ kind: 'param', name: only.name }, i];
  }
  return [segmentToken(pattern, pattern.slice(at, i), parts), i];
}

// Builds the segment's regex the way find-my-way does, so both split a segment the same way: a
// plain param right after a regex is lazy, later ones are greedy up to the last separator.
function segmentToken(pattern: string, source: string, parts: SegmentPart[]): SegmentToken {
  let src = '^';
  let shape = ':';
  let safe = true;
  let backtrack = '';
  let group = 1;
  let staticLength = 0;
  const groups: number[] = [];
  for (const part of parts) {
    groups.push(group);
    if (part.regex !== null) {
      const piece = trimAnchors(part.regex);
      src += piece;
      group += countGroups(pattern, piece);
      safe = true;
    } else {
      src += safe ? '(.*?)' : `(${backtrack}|(?:(?!${backtrack}).)*)`;
      group += 1;
      safe = false;
    }
    if (part.suffix !== '') {
      backtrack = part.suffix.replace(REGEX_SPECIALS, '\\$&');
      src += backtrack;
      staticLength += part.suffix.length;
    }
    shape += '()' + part.suffix;
  }
  const last = parts[parts.length - 1]!;
  return {
    kind: 'segment',
    source,
    shape,
    names: parts.map((p) => p.name),
    regex: compile(pattern, src + '$'),
    groups,
    suffix: last.suffix === '' ? null : last.suffix,
    staticLength,
  };
}

function compile(pattern: string, src: string): RegExp {
  try {
    return new RegExp(src);
  } catch (err) {
    throw invalid(pattern, `invalid regex: ${err instanceof Error ? err.message : String(err)}`);
  }
}

// The number of capture groups in `piece`, itself included: a regex with `|` appended matches the
// empty string and reports one slot per group.
function countGroups(pattern: string, piece: string): number {
  return compile(pattern, `${piece}|`).exec('')!.length - 1;
}

// "(^\d+$)" -> "(\d+)": the anchors are implied by the segment.
function trimAnchors(regex: string): string {
  let r = regex;
  if (r[1] === '^') r = r[0]! + r.slice(2);
  if (r.length >= 2 && r[r.length - 2] === '$' && r[r.length - 3] !== '\\') r = r.slice(0, -2) + r.slice(-1);
  return r;
}

function closingParen(pattern: string, open: number): number {
  let depth = 0;
  for (let i = open; i < pattern.length; i++) {
    const c = pattern[i];
    if (c === '\\') i++;
    else if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return i;
  }
  return -1;
}

function invalid(pattern: string, why: string): RouteError {
  return new RouteError('ERR_ROUTER_INVALID_PATTERN', `invalid pattern "${pattern}": ${why}`);
}
