import type { Match } from './lookup.js';
import type { ParamToken, SegmentToken } from './pattern.js';

/** A registered route, kept on the node where its pattern ends. */
export interface Route<T> {
  readonly method: string;
  /** The pattern as added (an optional param keeps its `?`). */
  readonly pattern: string;
  readonly value: T;
  /** Param names in the order their values are captured along the pattern, shared by every match. */
  readonly names: readonly string[];
  /** For a route without params, the one match that every lookup of it returns; else null. */
  readonly found: Match<T> | null;
}

/** A node of a method's radix tree; `kind` tells how it consumes the path. */
export type Node<T> = StaticNode<T> | ParamNode<T> | CatchAllNode<T>;

/**
 * Literal text. Its static children are indexed by their first character in `indices`
 * (`statics[k]` starts with `indices[k]`), as in httprouter. Lookup tries the static child, then
 * the params in order, then the catch-all.
 */
export interface StaticNode<T> {
  readonly kind: 'static';
  /** The node's text, kept flat; change it with {@link setText}. */
  path: string;
  /** Where `path` starts in its tree's `TextUnits`, which the lookup compares the path with. */
  at: number;
  indices: string;
  /** The static children; replaced, never changed in place, as it may be the shared empty list. */
  statics: readonly StaticNode<T>[];
  /** With many ASCII-led children: the child by its first character's code, for a lookup without a scan. */
  table: (StaticNode<T> | undefined)[] | null;
  /** The param children in the order they are tried; replaced, never changed in place. */
  params: readonly ParamNode<T>[];
  catchAll: CatchAllNode<T> | null;
  /** Whether the node has a param or a catch-all child: a lookup that fails below its static child comes back to try them. */
  branches: boolean;
  /**
   * The node's only child when that is a plain param: no static child, no other param, no
   * catch-all. The walk then takes the param without looking for anything else.
   */
  sole: ParamNode<T> | null;
  route: Route<T> | null;
}

/**
 * A param (`:id`) or a regex-matched segment (`:id(^\d+$)`, `:from-:to`): consumes the path up to
 * the next `/`. What follows hangs below `next`, an empty static node whose children start with `/`.
 */
export interface ParamNode<T> {
  readonly kind: 'param';
  readonly token: ParamToken | SegmentToken;
  /** The segment's regex (null for a plain param), copied out of `token` for the hot path. */
  readonly regex: RegExp | null;
  /** The first pattern that created the node, named in conflict errors. */
  readonly origin: string;
  readonly next: StaticNode<T>;
  route: Route<T> | null;
}

/** `*name` or `*`: the rest of the path. Always ends a pattern, so it always holds a route. */
export interface CatchAllNode<T> {
  readonly kind: 'catch-all';
  readonly name: string;
  /** True for `*name`: the value starts at the `/` that precedes the catch-all. */
  readonly keepSlash: boolean;
  readonly route: Route<T>;
}

/**
 * The one empty list of every node without children of a kind: most nodes have no param child and
 * many no static one, and an empty array each would cost its header (18 KiB on the GitHub set). It
 * has held an object, so its elements kind is the one of a filled list: the lookup's loads from
 * `statics` and `params` see one kind.
 */
const NONE: readonly never[] = emptyList();

function emptyList(): never[] {
  const list: unknown[] = [{}];
  list.pop();
  return list as never[];
}

/** A static node with no children; its text is stored in its tree's `TextUnits` from `at`. */
export function staticNode<T>(path: string, at: number): StaticNode<T> {
  return { kind: 'static', path: flat(path), at, indices: '', statics: NONE, table: null, params: NONE, catchAll: null, branches: false, sole: null, route: null };
}

/** Replaces a static node's text, whose units are stored in its tree's `TextUnits` from `at`. */
export function setText<T>(node: StaticNode<T>, text: string, at: number): void {
  node.path = flat(text);
  node.at = at;
}

/**
 * `text` as one contiguous string. V8 keeps a slice or a concatenation as a reference to its
 * parts, and every `charCodeAt` on such a string first finds its way to them: the lookup compares
 * node text character by character, so nodes keep theirs flat.
 */
function flat(text: string): string {
  return Array.from(text).join('');
}

const TABLE_FROM = 4;

/** Rebuilds `node.table` after its static children changed. */
export function reindex<T>(node: StaticNode<T>): void {
  node.indices = flat(node.indices);
  const codes: number[] = [];
  for (let k = 0; k < node.indices.length; k++) codes.push(node.indices.charCodeAt(k));
  if (codes.length < TABLE_FROM || codes.some((c) => c >= 128)) {
    node.table = null;
    return;
  }
  const table = new Array<StaticNode<T> | undefined>(128).fill(undefined);
  codes.forEach((c, k) => (table[c] = node.statics[k]));
  node.table = table;
}

/** Recomputes `node.sole` after the node's children changed. */
export function refreshSole<T>(node: StaticNode<T>): void {
  const only = node.params.length === 1 ? node.params[0]! : null;
  node.sole = only !== null && only.regex === null && node.statics.length === 0 && node.catchAll === null ? only : null;
}

/** A param node with an empty continuation. */
export function paramNode<T>(token: ParamToken | SegmentToken, origin: string): ParamNode<T> {
  const regex = token.kind === 'segment' ? token.regex : null;
  return { kind: 'param', token, regex, origin, next: staticNode('', 0), route: null };
}

/**
 * find-my-way's order of sibling params: regex segments before plain params; among segments, those
 * with a static suffix first, and a longer suffix before one it ends with.
 */
export function compareParams<T>(a: ParamNode<T>, b: ParamNode<T>): number {
  const x = a.token;
  const y = b.token;
  if (x.kind === 'param') return y.kind === 'param' ? 0 : 1;
  if (y.kind === 'param') return -1;
  if (x.suffix === null) return y.suffix === null ? 0 : 1;
  if (y.suffix === null) return -1;
  if (y.suffix.endsWith(x.suffix)) return 1;
  if (x.suffix.endsWith(y.suffix)) return -1;
  return 0;
}
