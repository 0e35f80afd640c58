import type { HandlerFunc, ParamsObject, ResponseBodies, Validated } from './context.js';
import type { Engine } from './engine.js';
import type { BlankEnv, Env, WithProvided } from './env.js';
import { CoreError } from './errors.js';
import type { ResponsesOf, RouteHandler, RouteOptions, RouteSchema, ValidOf } from './route.js';
import { joinPaths, type JoinPath, type ParamsOf } from './route-params.js';
import type { AnyMethod, RouteMap, RouteOf } from './route-types.js';
import { serveStatic, type StaticOptions } from './static.js';
import type { OpenSockets } from './websocket/open-sockets.js';
import type { WebSocketOptions } from './websocket/options.js';
import { webSocketRoute, type WebSocketHandler } from './websocket/route.js';

/** Which class a registration returns: the Engine, or a group. */
export type GroupKind = 'engine' | 'group';

/** The type a registration returns: the same Engine or group, with the routes and context values it now carries. */
export type Chain<Kind extends GroupKind, Prefix extends string, E extends Env, Routes extends RouteMap> = Kind extends 'engine' ? Engine<E, Routes> : RouterGroup<Prefix, E, Routes>;

/**
 * The context values a registration's first handler provides to the handlers after it: those of
 * a {@link Middleware} (`jwt()`, `provides<M>()(fn)`), none for any other handler.
 *
 * The first handler is a type parameter `H` constrained by the route's handler type, rather than
 * a handler type intersected with a marker: an arrow function is then typed by the constraint
 * and `H` is inferred directly, where the intersection made the checker infer back through the
 * handler's Context into the pattern's and the schema's conditional types, twice the cost of a
 * registration (npm run bench client-types).
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- no values provided
export type ProvidedBy<H> = H extends { readonly '~provides'?: infer A extends object } ? A : {};

/**
 * A route-registering function: `(path, ...handlers)` or `(path, options, ...handlers)`.
 * Handlers see the pattern's params, the schemas' validated types, the response bodies'
 * types, and the context values of the Env and of a first handler that provides some. It
 * returns the group (or Engine) typed with the route added, so a chain carries its routes.
 */
export interface RouteMethod<Prefix extends string, E extends Env, Routes extends RouteMap, Method extends string, Kind extends GroupKind> {
  // One handler, the common case, has signatures of its own, without a rest parameter: checking
  // a call against a rest parameter typed by the first handler costs a quarter of a
  // registration. The handler is NoInfer: nothing is inferred from it, and inferring back
  // through its Context into the pattern's and the schemas' conditional types cost half.
  /** Options and one handler. */
  <const Path extends string, S extends RouteSchema>(
    path: Path,
    options: RouteOptions<S>,
    handler: NoInfer<RouteHandler<ParamsOf<JoinPath<Prefix, Path>>, ValidOf<S>, ResponsesOf<S>, E>>,
  ): Chain<Kind, Prefix, E, Routes & RouteOf<JoinPath<Prefix, Path>, Method, S>>;
  /** Options, then handlers: those after the first see the values it provides. */
  <const Path extends string, S extends RouteSchema, H extends RouteHandler<ParamsOf<JoinPath<Prefix, Path>>, ValidOf<S>, ResponsesOf<S>, E>>(
    path: Path,
    options: RouteOptions<S>,
    first: H,
    ...handlers: RouteHandler<ParamsOf<JoinPath<Prefix, Path>>, ValidOf<S>, ResponsesOf<S>, WithProvided<E, ProvidedBy<H>>>[]
  ): Chain<Kind, Prefix, E, Routes & RouteOf<JoinPath<Prefix, Path>, Method, S>>;
  /** One handler. */
  <const Path extends string>(
    path: Path,
    handler: NoInfer<RouteHandler<ParamsOf<JoinPath<Prefix, Path>>, Validated, ResponseBodies, E>>,
    // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- a route without schemas
  ): Chain<Kind, Prefix, E, Routes & RouteOf<JoinPath<Prefix, Path>, Method, {}>>;
  /** Handlers: those after the first see the values it provides. */
  <const Path extends string, H extends RouteHandler<ParamsOf<JoinPath<Prefix, Path>>, Validated, ResponseBodies, E>>(
    path: Path,
    first: H,
    ...handlers: RouteHandler<ParamsOf<JoinPath<Prefix, Path>>, Validated, ResponseBodies, WithProvided<E, ProvidedBy<H>>>[]
    // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- a route without schemas
  ): Chain<Kind, Prefix, E, Routes & RouteOf<JoinPath<Prefix, Path>, Method, {}>>;
  /** Handlers given as a spread array (none typed as providing values). */
  <const Path extends string>(
    path: Path,
    ...handlers: RouteHandler<ParamsOf<JoinPath<Prefix, Path>>, Validated, ResponseBodies, E>[]
    // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- a route without schemas
  ): Chain<Kind, Prefix, E, Routes & RouteOf<JoinPath<Prefix, Path>, Method, {}>>;
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
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- no routes yet
export class RouterGroup<Prefix extends string = '', E extends Env = BlankEnv, Routes extends RouteMap = {}, Kind extends GroupKind = 'group'> {
  /**
   * The routes this chain of registrations carries, for `@sloe/client`. A marker for the type
   * checker: never present at run time.
   */
  declare readonly '~routes'?: Routes;
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

  /**
   * Adds middleware to the group (and its subgroups), for routes registered before or after.
   * The values a first {@link Middleware} provides are typed in the routes the returned chain registers.
   */
  use<H extends RouteHandler<ParamsObject, Validated, ResponseBodies, E>>(
    first: H,
    ...middleware: RouteHandler<ParamsObject, Validated, ResponseBodies, WithProvided<E, ProvidedBy<H>>>[]
  ): Chain<Kind, Prefix, WithProvided<E, ProvidedBy<H>>, Routes>;
  /** Adds middleware given as a spread array (none typed as providing values). */
  use(...middleware: RouteHandler<ParamsObject, Validated, ResponseBodies, E>[]): this;
  use(...middleware: HandlerFunc[]): unknown {
    this.#middleware.push(...middleware);
    this.#sink?.middlewareChanged();
    return this;
  }

  /**
   * Creates a subgroup under `prefix` with extra middleware; its routes see the values a first
   * {@link Middleware} provides. The subgroup starts a chain of its own: it carries only its routes.
   */
  group<const G extends string, H extends RouteHandler<ParamsObject, Validated, ResponseBodies, E> = RouteHandler<ParamsObject, Validated, ResponseBodies, E>>(
    prefix: G,
    first?: H,
    ...middleware: RouteHandler<ParamsObject, Validated, ResponseBodies, WithProvided<E, ProvidedBy<H>>>[]
  ): RouterGroup<JoinPath<Prefix, G>, WithProvided<E, ProvidedBy<H>>>;
  group(prefix: string, ...middleware: HandlerFunc[]): RouterGroup<string> {
    const g = new RouterGroup<string>(joinPaths(this.#prefix, prefix), this);
    // `first` may be given as undefined by a caller that builds the arguments.
    const own = middleware.filter((m) => typeof m === 'function');
    if (own.length > 0) g.#middleware.push(...own);
    return g;
  }

  /** The middleware of this group and its ancestors, outermost first. */
  chain(): HandlerFunc[] {
    const own = this.#middleware;
    return this.#parent === undefined ? [...own] : [...this.#parent.chain(), ...own];
  }

  /** Registers a route for `method` (any token, custom methods included). */
  handle<const M extends string, const Path extends string, S extends RouteSchema>(
    method: M,
    path: Path,
    options: RouteOptions<S>,
    ...handlers: RouteHandler<ParamsOf<JoinPath<Prefix, Path>>, ValidOf<S>, ResponsesOf<S>, E>[]
  ): Chain<Kind, Prefix, E, Routes & RouteOf<JoinPath<Prefix, Path>, Lowercase<M>, S>>;
  /** Registers a route for `method` (any token, custom methods included). */
  handle<const M extends string, const Path extends string>(
    method: M,
    path: Path,
    ...handlers: RouteHandler<ParamsOf<JoinPath<Prefix, Path>>, Validated, ResponseBodies, E>[]
    // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- a route without schemas
  ): Chain<Kind, Prefix, E, Routes & RouteOf<JoinPath<Prefix, Path>, Lowercase<M>, {}>>;
  handle(method: string, path: string, ...args: unknown[]): unknown {
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
  readonly get = this.#method<'get'>(['GET']);
  /** Registers a POST route. */
  readonly post = this.#method<'post'>(['POST']);
  /** Registers a PUT route. */
  readonly put = this.#method<'put'>(['PUT']);
  /** Registers a PATCH route. */
  readonly patch = this.#method<'patch'>(['PATCH']);
  /** Registers a DELETE route. */
  readonly delete = this.#method<'delete'>(['DELETE']);
  /** Registers a HEAD route (GET routes answer HEAD already). */
  readonly head = this.#method<'head'>(['HEAD']);
  /** Registers an OPTIONS route (OPTIONS is otherwise answered with Allow). */
  readonly options = this.#method<'options'>(['OPTIONS']);
  /** Registers the route for every common method (GET, POST, PUT, PATCH, HEAD, OPTIONS, DELETE, CONNECT, TRACE). */
  readonly any = this.#method<AnyMethod>(ANY_METHODS);

  // A registering function for `methods`. At run time a registration returns this same group;
  // the routes and values it adds to the chain exist only in its type.
  #method<M extends string>(methods: readonly string[]): RouteMethod<Prefix, E, Routes, M, Kind> {
    const register = (path: string, ...args: unknown[]): this => {
      this.#add(methods, path, args);
      return this;
    };
    return register as unknown as RouteMethod<Prefix, E, Routes, M, Kind>;
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
