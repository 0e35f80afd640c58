import { RouteError } from './errors.js';
import { compareParams, paramNode, refreshSole, reindex, setText, staticNode } from './node.js';
import type { CatchAllNode, ParamNode, Route, StaticNode } from './node.js';
import { TextUnits } from './text.js';
import type { CatchAllToken, ParamToken, SegmentToken, Token } from './pattern.js';

/**
 * The radix tree of one method. It knows nothing of HTTP: it stores routes under their tokens and
 * refuses, before changing anything, a route that would duplicate or conflict with another.
 */
export class Tree<T> {
  /** The code units of every static node's text, which the lookup compares the path with. */
  readonly text = new TextUnits();
  /** An empty static node: every route hangs below it. */
  readonly root: StaticNode<T> = staticNode('', 0);
  /** Routes made of static text only, by their (folded) text: lookup answers them first. */
  readonly statics = new Map<string, Route<T>>();
  /**
   * A cheap filter before `statics`, which would hash the whole path: `staticFilter[staticSlot(p)]`
   * is 1 when some static-only route could be `p`.
   */
  readonly staticFilter = new Uint8Array(STATIC_SLOTS);

  /** Adds `route` under `tokens`; throws `ERR_ROUTER_DUPLICATE` or `ERR_ROUTER_CONFLICT` and changes nothing then. */
  insert(route: Route<T>, tokens: readonly Token[]): void {
    this.check(route, tokens);
    let node: StaticNode<T> = this.root;
    let last: StaticNode<T> | ParamNode<T> = node;
    for (const token of tokens) {
      switch (token.kind) {
        case 'static':
          node = insertStatic(this.text, node, token.text);
          last = node;
          break;
        case 'param':
        case 'segment': {
          const p = node.params.find((q) => sourceOf(q.token) === sourceOf(token)) ?? addParam(node, token, route.pattern);
          node = p.next;
          last = p;
          break;
        }
        case 'catch-all':
          node.catchAll = { kind: 'catch-all', name: token.name, keepSlash: token.keepSlash, route };
          node.branches = true;
          refreshSole(node);
          return;
        default:
          return unreachable(token);
      }
    }
    last.route = route;
    if (tokens.every((t) => t.kind === 'static')) {
      const text = tokens.map((t) => t.text).join('');
      this.statics.set(text, route);
      this.staticFilter[staticSlot(text)] = 1;
    }
  }

  /**
   * Throws what {@link insert} would throw for `route`, changing nothing: walks the existing nodes
   * along `tokens`; where the walk leaves the tree, nothing further can collide.
   */
  check(route: Route<T>, tokens: readonly Token[]): void {
    let node: StaticNode<T> = this.root;
    let last: StaticNode<T> | ParamNode<T> = this.root;
    for (const token of tokens) {
      switch (token.kind) {
        case 'static': {
          const next = findStatic(node, token.text);
          if (next === null) return;
          node = next;
          last = node;
          break;
        }
        case 'param':
        case 'segment': {
          const p: ParamNode<T> | null = findParam(route, node, token);
          if (p === null) return;
          node = p.next;
          last = p;
          break;
        }
        case 'catch-all':
          checkCatchAll(route, node.catchAll, token);
          return;
        default:
          return unreachable(token);
      }
    }
    if (last.route !== null) throw duplicate(route, last.route);
  }
}

const STATIC_SLOTS = 1024;

/** The slot of `staticFilter` for a path: from its length, its last and its middle character. */
export function staticSlot(path: string): number {
  const n = path.length;
  return (n * 7 + path.charCodeAt(n - 1) * 31 + path.charCodeAt(n >> 1)) & (STATIC_SLOTS - 1);
}

function sourceOf(token: ParamToken | SegmentToken): string {
  return token.kind === 'param' ? `:${token.name}` : token.source;
}

function shapeOf(token: ParamToken | SegmentToken): string {
  return token.kind === 'param' ? ':' : token.shape;
}

function findParam<T>(route: Route<T>, node: StaticNode<T>, token: ParamToken | SegmentToken): ParamNode<T> | null {
  const source = sourceOf(token);
  const shape = shapeOf(token);
  for (const p of node.params) {
    if (sourceOf(p.token) === source) return p;
    if (shapeOf(p.token) === shape) {
      throw new RouteError(
        'ERR_ROUTER_CONFLICT',
        `${route.method} ${route.pattern} conflicts with ${route.method} ${p.origin}: "${source}" and "${sourceOf(p.token)}" at the same position`,
      );
    }
  }
  return null;
}

function checkCatchAll<T>(route: Route<T>, existing: CatchAllNode<T> | null, token: CatchAllToken): void {
  if (existing === null) return;
  if (existing.name === token.name && existing.keepSlash === token.keepSlash) throw duplicate(route, existing.route);
  throw new RouteError(
    'ERR_ROUTER_CONFLICT',
    `${route.method} ${route.pattern} conflicts with ${route.method} ${existing.route.pattern}: two catch-alls at the same position`,
  );
}

function duplicate<T>(route: Route<T>, existing: Route<T>): RouteError {
  const same = existing.pattern === route.pattern ? '' : ` (the same paths as ${existing.pattern})`;
  return new RouteError('ERR_ROUTER_DUPLICATE', `${route.method} ${route.pattern} is already registered${same}`);
}

function addParam<T>(node: StaticNode<T>, token: ParamToken | SegmentToken, origin: string): ParamNode<T> {
  const p = paramNode<T>(token, origin);
  node.params = [...node.params, p].sort(compareParams);
  node.branches = true;
  refreshSole(node);
  return p;
}

// The node reached by following `text` exactly through existing static nodes, or null.
function findStatic<T>(from: StaticNode<T>, text: string): StaticNode<T> | null {
  let node = from;
  let rest = text;
  while (rest !== '') {
    const k = node.indices.indexOf(rest[0]!);
    if (k === -1) return null;
    const child = node.statics[k]!;
    if (!rest.startsWith(child.path)) return null;
    rest = rest.slice(child.path.length);
    node = child;
  }
  return node;
}

// Inserts `text` below `node`, splitting an edge where it diverges; returns the node where it ends.
function insertStatic<T>(units: TextUnits, from: StaticNode<T>, text: string): StaticNode<T> {
  let node = from;
  let rest = text;
  while (rest !== '') {
    const k = node.indices.indexOf(rest[0]!);
    if (k === -1) {
      const child = staticNode<T>(rest, units.add(rest));
      node.indices += rest[0]!;
      node.statics = [...node.statics, child];
      reindex(node);
      refreshSole(node);
      return child;
    }
    let child = node.statics[k]!;
    const common = commonPrefix(child.path, rest);
    if (common < child.path.length) {
      const upper = staticNode<T>(child.path.slice(0, common), child.at);
      setText(child, child.path.slice(common), child.at + common);
      upper.indices = child.path[0]!;
      upper.statics = [child];
      node.statics = node.statics.map((c, j) => (j === k ? upper : c));
      reindex(node);
      child = upper;
    }
    rest = rest.slice(common);
    node = child;
  }
  return node;
}

function commonPrefix(a: string, b: string): number {
  const max = Math.min(a.length, b.length);
  let i = 0;
  while (i < max && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  return i;
}

function unreachable(token: never): never {
  throw new Error(`unknown token ${JSON.stringify(token)}`);
}
