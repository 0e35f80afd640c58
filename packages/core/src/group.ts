import type { HandlerFunc } from './context.js';
import { CoreError } from './errors.js';
import type { ResponsesOf, RouteHandler, RouteOptions, RouteSchema, ValidOf } from './route.js';
import { joinPaths, type JoinPath, type ParamsOf } from './route-params.js';
import { serveStatic, type StaticOptions } from './static.js';
import type { OpenSockets } from './websocket/open-sockets.js';
import type { WebSocketOptions } from './websocket/options.js';
import { webSocketRoute, type WebSocketHandler } from './websocket/route.js';

/**
 * A route-registering function: `(path, ...handlers)` or `(path, options, ...handlers)`.
 * Handlers see the pattern's params and the schemas' validated types.
 */
export interface RouteMethod<Prefix extends string, Self> {
  <const Path extends string, S extends RouteSchema>(path: Path, options: RouteOptions<S>, ...handlers: RouteHandler<ParamsOf<JoinPath<Prefix, Path>>, ValidOf<S>, ResponsesOf<S>>[]): Self;
  <const Path extends string>(path: Path, ...handlers: RouteHandler<ParamsOf<JoinPath<Prefix, Path>>>[]): Self;
}

/**
 * Where a group sends its registrations: the Engine.
 * @internal
 */
interface RouteSink {
  addRoute(method: string, pattern: string, middleware: () => readonly HandlerFunc[], args: readonly unknown[]): void;
  middlewareChanged(): void;
  /** The Engine's open WebSockets, which its close() closes. */
  readonly webSockets: OpenSockets;
}

/** The methods `any()` registers, as gin's Any. */
const ANY_METHODS: readonly string[] = ['GET', 'POST', 'PUT', 'PATCH', 'HEAD', 'OPTIONS', 'DELETE', 'CONNECT', 'TRACE'];

/**
 * A group of routes under a path prefix sharing middleware. Middleware added with `use` applies
 * to every route of the group and of its subgroups, whether registered before or after it.
 */
export class RouterGroup<Prefix extends string = ''> {
  #sink: RouteSink | undefined;
  #prefix: string;
  #parent: RouterGroup<string> | undefined;
  #middleware: HandlerFunc[] = [];

  /** Creates a group under `parent`; `engine.group(prefix)` is how groups are made. */
  protected constructor(prefix: string, parent: RouterGroup<string> | undefined) {
    this.#sink = parent === undefined ? undefined : parent.#sink;
    this.#prefix = prefix;
    this.#parent = parent;
  }

  /**
   * Sets where the root group (the Engine) sends its registrations.
   * @internal
   */
  static attach(root: RouterGroup<string>, sink: RouteSink): void {
    root.#sink = sink;
  }

  /** The group's full path prefix. */
  basePath(): string {
    return this.#prefix;
  }

  /** Adds middleware to the group (and its subgroups), for routes registered before or after. */
  use(...middleware: HandlerFunc[]): this {
    this.#middleware.push(...middleware);
    this.#sink?.middlewareChanged();
    return this;
  }

  /** Creates a subgroup under `prefix` with extra middleware. */
  group<const G extends string>(prefix: G, ...middleware: HandlerFunc[]): RouterGroup<JoinPath<Prefix, G>> {
    const g = new RouterGroup<JoinPath<Prefix, G>>(joinPaths(this.#prefix, prefix), this as RouterGroup<string>);
    if (middleware.length > 0) g.use(...middleware);
    return g;
  }

  /** The middleware of this group and its ancestors, outermost first. */
  chain(): HandlerFunc[] {
    const own = this.#middleware;
    return this.#parent === undefined ? [...own] : [...this.#parent.chain(), ...own];
  }

  /** Registers a route for `method` (any token, custom methods included). */
  handle<const Path extends string, S extends RouteSchema>(method: string, path: Path, options: RouteOptions<S>, ...handlers: RouteHandler<ParamsOf<JoinPath<Prefix, Path>>, ValidOf<S>, ResponsesOf<S>>[]): this;
  /** Registers a route for `method` (any token, custom methods included). */
  handle<const Path extends string>(method: string, path: Path, ...handlers: RouteHandler<ParamsOf<JoinPath<Prefix, Path>>>[]): this;
  handle(method: string, path: string, ...args: unknown[]): this {
    this.#add([method], path, args);
    return this;
  }

  #add(methods: readonly string[], path: string, args: readonly unknown[]): void {
    const sink = this.#sink;
    if (sink === undefined) throw new CoreError('ERR_CORE_ROUTE_OPTIONS', 'group is not attached to an engine');
    const full = joinPaths(this.#prefix, path);
    const chain = (): readonly HandlerFunc[] => this.chain();
    for (const m of methods) sink.addRoute(m, full, chain, args);
  }

  /** Registers a GET route. */
  readonly get: RouteMethod<Prefix, this> = (path: string, ...args: unknown[]) => this.#route('GET', path, args);
  /** Registers a POST route. */
  readonly post: RouteMethod<Prefix, this> = (path: string, ...args: unknown[]) => this.#route('POST', path, args);
  /** Registers a PUT route. */
  readonly put: RouteMethod<Prefix, this> = (path: string, ...args: unknown[]) => this.#route('PUT', path, args);
  /** Registers a PATCH route. */
  readonly patch: RouteMethod<Prefix, this> = (path: string, ...args: unknown[]) => this.#route('PATCH', path, args);
  /** Registers a DELETE route. */
  readonly delete: RouteMethod<Prefix, this> = (path: string, ...args: unknown[]) => this.#route('DELETE', path, args);
  /** Registers a HEAD route (GET routes answer HEAD already). */
  readonly head: RouteMethod<Prefix, this> = (path: string, ...args: unknown[]) => this.#route('HEAD', path, args);
  /** Registers an OPTIONS route (OPTIONS is otherwise answered with Allow). */
  readonly options: RouteMethod<Prefix, this> = (path: string, ...args: unknown[]) => this.#route('OPTIONS', path, args);
  /** Registers the route for every common method (GET, POST, PUT, PATCH, HEAD, OPTIONS, DELETE, CONNECT, TRACE). */
  readonly any: RouteMethod<Prefix, this> = (path: string, ...args: unknown[]) => {
    this.#add(ANY_METHODS, path, args);
    return this;
  };

  #route(method: string, path: string, args: readonly unknown[]): this {
    this.#add([method], path, args);
    return this;
  }

  /**
   * Registers a WebSocket route (GET): the middleware runs first, and one that answers (401,
   * 429...) refuses the upgrade with its answer; then the connection is upgraded and `handler`
   * gets the Context and the open socket. A request that is not a WebSocket handshake is answered
   * 426. Options (message size, keep-alive, permessage-deflate, subprotocols) may come first.
   */
  ws<const Path extends string>(path: Path, options: WebSocketOptions, ...handlers: [...RouteHandler<ParamsOf<JoinPath<Prefix, Path>>>[], WebSocketHandler<ParamsOf<JoinPath<Prefix, Path>>>]): this;
  /** Registers a WebSocket route (GET) with middleware before the upgrade and the socket's handler last. */
  ws<const Path extends string>(path: Path, ...handlers: [...RouteHandler<ParamsOf<JoinPath<Prefix, Path>>>[], WebSocketHandler<ParamsOf<JoinPath<Prefix, Path>>>]): this;
  ws(path: string, ...args: unknown[]): this {
    const sink = this.#sink;
    if (sink === undefined) throw new CoreError('ERR_CORE_ROUTE_OPTIONS', 'group is not attached to an engine');
    const options = typeof args[0] === 'object' && args[0] !== null ? (args.shift() as WebSocketOptions) : {};
    const handler = args.pop();
    if (typeof handler !== 'function') throw new CoreError('ERR_CORE_NO_HANDLERS', `WS ${path}: a WebSocket route needs a handler`);
    this.#add(['GET'], path, [...args, webSocketRoute(handler as WebSocketHandler, options, sink.webSockets)]);
    return this;
  }

  /**
   * Serves the files under `dir` at `prefix` (GET and HEAD): no path traversal, ETag,
   * Last-Modified, If-None-Match, Range, Content-Type from the extension.
   */
  static(prefix: string, dir: string, options: StaticOptions = {}): this {
    const handler = serveStatic(dir, options);
    const pattern = prefix.endsWith('/') ? `${prefix}*filepath` : `${prefix}/*filepath`;
    this.#add(['GET'], pattern, [handler]);
    return this;
  }
}
