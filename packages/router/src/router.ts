import { RouteError } from './errors.js';
import { findFolded, foldCase } from './fold.js';
import type { Lookup, Match } from './lookup.js';
import type { Route } from './node.js';
import { resolveOptions } from './options.js';
import type { ResolvedOptions, RouterOptions } from './options.js';
import { decodable } from './decode.js';
import { Params } from './params.js';
import { cleanPath, toggleTrailingSlash, trimTrailingSlash } from './path.js';
import { expandOptional, parsePattern } from './pattern.js';
import type { Token } from './pattern.js';
import { printTree } from './print.js';
import { serveLookup } from './serve.js';
import type { Handle, HandleRequest, HandleWriter } from './serve.js';
import { staticSlot, Tree } from './tree.js';
import { hasAt, Scratch, walk } from './walk.js';

const TOKEN = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;

/** A method and pattern as they were added. */
export interface RouteInfo {
  /** The method, as given to `add`. */
  readonly method: string;
  /** The pattern, as given to `add`. */
  readonly pattern: string;
}

/**
 * A radix-tree HTTP router, one tree per method. `find` is the exact, allocation-light lookup of
 * the hot path; `match` gives the full outcome (redirects, 405, bad requests).
 */
export class Router<T> {
  readonly #options: ResolvedOptions;
  readonly #trees = new Map<string, Tree<T>>();
  #get: Tree<T> | undefined;
  readonly #routes: RouteInfo[] = [];
  readonly #scratch: Scratch;
  // Copies of the options the hot path reads.
  readonly #fold: boolean;
  readonly #trim: boolean;

  constructor(options?: RouterOptions) {
    this.#options = resolveOptions(options);
    this.#scratch = new Scratch(this.#options.maxParamLength);
    this.#fold = !this.#options.caseSensitive;
    this.#trim = this.#options.ignoreTrailingSlash;
  }

  /**
   * Adds `value` under `pattern` for one or several methods. Throws a {@link RouteError}
   * (`ERR_ROUTER_DUPLICATE`, `ERR_ROUTER_CONFLICT`, `ERR_ROUTER_INVALID_PATTERN`, `ERR_ROUTER_INVALID_METHOD`) and adds nothing then.
   */
  add(method: string | readonly string[], pattern: string, value: T): void {
    const methods = typeof method === 'string' ? [method] : [...method];
    for (const m of methods) {
      if (!TOKEN.test(m)) throw new RouteError('ERR_ROUTER_INVALID_METHOD', `invalid method ${JSON.stringify(m)} for ${pattern}`);
    }
    if (typeof pattern !== 'string' || pattern === '') throw new RouteError('ERR_ROUTER_INVALID_PATTERN', 'a pattern must be a non-empty string');
    const parsed = expandOptional(pattern).map((p) => {
      const { tokens, names } = parsePattern(this.#options.ignoreTrailingSlash ? trimTrailingSlash(p) : p);
      return { tokens: this.#options.caseSensitive ? tokens : tokens.map(foldToken), names: names.map(internalized) };
    });
    // Every tree is checked before any changes, so a refused route leaves the router as it was.
    const planned = methods.flatMap((m) => {
      const tree = this.#trees.get(m) ?? new Tree<T>();
      return parsed.map(({ tokens, names }) => {
        const found = names.length === 0 ? Object.freeze({ value, params: Params.EMPTY, pattern }) : null;
        return { tree, tokens, route: { method: m, pattern, value, names, found } };
      });
    });
    for (const { tree, tokens, route } of planned) tree.check(route, tokens);
    for (const { tree, tokens, route } of planned) {
      this.#trees.set(route.method, tree);
      if (route.method === 'GET') this.#get = tree;
      tree.insert(route, tokens);
    }
    for (const m of methods) this.#routes.push({ method: m, pattern });
  }

  /**
   * Hot path: the route matching `path` exactly under `method`, with its {@link Params}, or null.
   * Never redirects and never throws: a malformed escape or a too-long param gives null.
   */
  find(method: string, path: string): Match<T> | null {
    const tree = method === 'GET' ? this.#get : this.#trees.get(method);
    if (tree === undefined) return null;
    const route = this.#lookup(tree, path);
    return route === null ? null : (route.found ?? this.#result(route, path));
  }

  /** The full outcome of routing `method` and `path`, see {@link Lookup}. Never throws. */
  match(method: string, path: string): Lookup<T> {
    if (path.includes('%') && !decodable(path)) return { kind: 'bad-request', reason: 'malformed percent-encoding in the path' };
    const tree = this.#trees.get(method);
    if (tree !== undefined) {
      const route = this.#lookup(tree, path);
      if (route !== null) {
        const found = route.found ?? this.#result(route, path);
        if (found !== null) return { kind: 'found', ...found };
        return { kind: 'bad-request', reason: 'malformed percent-encoding in a param' };
      }
      if (this.#scratch.tooLong) {
        return { kind: 'bad-request', reason: `a param is longer than maxParamLength (${this.#options.maxParamLength})` };
      }
      const location = this.#redirect(tree, method, path);
      if (location !== null) return { kind: 'redirect', location, status: method === 'GET' ? 301 : 308 };
    }
    const allow = this.#options.handleMethodNotAllowed ? this.#allowed(method, path) : [];
    return allow.length > 0 ? { kind: 'method-not-allowed', allow } : { kind: 'not-found' };
  }

  /**
   * A router of {@link Handle}s is an HTTP Handler (httprouter's `ServeHTTP`): the route's handle
   * is called with the writer, the request and the params; otherwise it answers a redirect (301
   * for GET, 308 otherwise, the query kept), 405 with `Allow`, 400, or 404, as `match` decides.
   */
  serveHTTP<W extends HandleWriter, R extends HandleRequest>(this: Router<Handle<W, R>>, w: W, r: R): void | Promise<void> {
    return serveLookup(this.match(r.method, r.path), w, r);
  }

  /** Every method and pattern added, in the order they were added. */
  routes(): RouteInfo[] {
    return this.#routes.map((r) => ({ ...r }));
  }

  /** The trees drawn as text, one method after the other in sorted order. */
  prettyPrint(): string {
    return [...this.#trees.keys()]
      .sort()
      .map((m) => printTree(m, this.#trees.get(m)!.root))
      .join('\n');
  }

  // Hot path: the route for `path`, its raw param values left in the scratch space.
  #lookup(tree: Tree<T>, path: string): Route<T> | null {
    const s = this.#scratch;
    s.count = 0;
    s.tooLong = false;
    const p = this.#trim ? trimTrailingSlash(path) : path;
    const mp = this.#fold ? foldCase(p) : p;
    if (mp.length !== 0 && tree.staticFilter[staticSlot(mp)] === 1) {
      const route = tree.statics.get(mp);
      if (route !== undefined) return route;
    }
    // Every pattern starts with "/", so the root's one child is where the walk really begins.
    const top = tree.root.statics[0];
    if (top === undefined || mp.charCodeAt(0) !== top.path.charCodeAt(0) || !hasAt(mp, top.path, 0)) return null;
    return walk(top, mp, p, top.path.length, s, tree.text.units);
  }

  // Hot path: the match of a route with params: its values cut from the spans the walk left in
  // the scratch space, kept encoded; null when one of them would not decode.
  #result(route: Route<T>, path: string): Match<T> | null {
    const s = this.#scratch;
    const names = route.names;
    const starts = s.starts;
    const ends = s.ends;
    // Sized at once: growing an empty array by push measured 25 ns slower on four values.
    const raw = new Array<string>(names.length);
    for (let k = 0; k < names.length; k++) {
      const start = starts[k]!;
      raw[k] = start >= 0 ? path.slice(start, ends[k]) : s.values[k]!;
    }
    const encoded = path.includes('%');
    if (encoded) {
      for (let k = 0; k < raw.length; k++) if (!decodable(raw[k]!)) return null;
    }
    return { value: route.value, params: new Params(names, raw, encoded), pattern: route.pattern };
  }

  #redirect(tree: Tree<T>, method: string, path: string): string | null {
    const o = this.#options;
    if (method === 'CONNECT' || path === '/') return null;
    if (o.redirectTrailingSlash && !o.ignoreTrailingSlash) {
      const toggled = toggleTrailingSlash(path);
      if (this.#lookup(tree, toggled) !== null) return toggled;
    }
    if (!o.redirectFixedPath) return null;
    const clean = cleanPath(path);
    const fixed =
      findFolded(tree.root, clean, 0, o.maxParamLength, '') ??
      (o.redirectTrailingSlash ? findFolded(tree.root, toggleTrailingSlash(clean), 0, o.maxParamLength, '') : null);
    return fixed === path ? null : fixed;
  }

  #allowed(method: string, path: string): string[] {
    const allow: string[] = [];
    for (const [m, tree] of this.#trees) {
      if (m !== method && this.#lookup(tree, path) !== null) allow.push(m);
    }
    return allow.sort();
  }
}

// The same text as V8's one copy of it as a property name: a param name compared with a literal
// (`params.get('owner')`) is then found by identity, without comparing characters.
function internalized(name: string): string {
  return Object.keys({ [name]: 0 })[0] ?? name;
}

function foldToken(token: Token): Token {
  return token.kind === 'static' ? { kind: 'static', text: foldCase(token.text) } : token;
}
