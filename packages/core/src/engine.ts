import { pino, type Logger } from 'pino';
import { Params, Router } from '@sloe/router';
import type { FuncMap } from '@sloe/template';
import { ianaMethods, nodeListener, type NodeRequestListener } from '@sloe/poller';
import { Context, type HandlerFunc } from './context.js';
import { EngineHost } from './engine-host.js';
import type { BlankEnv, Env } from './env.js';
import type { RouteMap } from './route-types.js';
import { CoreError } from './errors.js';
import type { Handler, Request, ResponseWriter } from './http/contract.js';
import type { RouteValidators } from './host.js';
import { RouterGroup } from './group.js';
import { bodyLimitOf } from './middleware/body-limit.js';
import { logger as loggerMiddleware } from './middleware/logger.js';
import { recovery } from './middleware/recovery.js';
import { buildOpenAPI, type OpenAPIDocument } from './openapi/document.js';
import { docsPage, type DocsOptions } from './openapi/docs-page.js';
import { resolveEngineOptions, type EngineOptions, type ResolvedEngineOptions } from './options.js';
import { HTMLRenderer, type TemplateSet } from './render/html.js';
import type { BodyLimits } from './request/body.js';
import { RouteResponses } from './render/response-schema.js';
import { RouteEntry, type RouteOptions, type RouteSchema } from './route.js';
import { Servers, fetchFrom, inject, type EngineStats, type InjectOptions, type InjectResponse, type ListenOptions, type Listening } from './serving.js';
import { resolveTransport } from './transport.js';
import type { RequestPart } from './validation/schema.js';
import { validateRoute } from './validation/route-step.js';
import { listenClustered } from './cluster/listen.js';
import { injectWebSocket, type InjectWebSocketOptions } from './websocket/inject.js';
import { OpenSockets } from './websocket/open-sockets.js';
import type { WebSocket } from './websocket/socket.js';

/** A route as `routes()` lists it. */
export interface RouteDescription {
  method: string;
  path: string;
  /** The name of the last handler (the route's own). */
  handler: string;
  /** The names of the route's own handlers. */
  handlers: string[];
}

const ALL_PARTS: readonly RequestPart[] = ['params', 'query', 'headers', 'body'];

function notFoundHandler(c: Context): void {
  c.string(404, '404 page not found');
}

function methodNotAllowedHandler(c: Context): void {
  c.string(405, '405 method not allowed');
}

/**
 * The application: a route table, middleware, and the settings every Context reads. An Engine
 * is a poller Handler, so any transport serves it; it is also the root route group.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- no routes yet
export class Engine<E extends Env = BlankEnv, Routes extends RouteMap = {}> extends RouterGroup<'', E, Routes, 'engine'> implements Handler {
  readonly #options: ResolvedEngineOptions;
  readonly #host: EngineHost;
  readonly #table: Router<RouteEntry>;
  readonly #routes: RouteEntry[] = [];
  readonly #methods = new Set<string>();
  readonly #servers: Servers;
  readonly #sockets = new OpenSockets();
  readonly #pools: Listening[] = [];
  // Bumped whenever middleware or fallback handlers change: chains built for an older version
  // are rebuilt on their next request.
  #version = 0;
  #pre: HandlerFunc[] = [];
  #noRoute: HandlerFunc[] = [notFoundHandler];
  #noMethod: HandlerFunc[] = [methodNotAllowedHandler];
  #rootChain: { version: number; middleware: readonly HandlerFunc[]; notFound: readonly HandlerFunc[] } | undefined;
  #openapi: OpenAPIDocument | undefined;
  readonly #docsPaths: string[] = [];

  /** Creates an Engine with no middleware; see {@link Engine.default} for logger and recovery. */
  constructor(options: EngineOptions = {}) {
    super('', undefined);
    RouterGroup.attach(this, {
      addRoute: (method, pattern, middleware, args) => {
        this.#addRoute(method, pattern, middleware, args);
      },
      middlewareChanged: () => {
        this.#version++;
      },
      webSockets: this.#sockets,
    });
    this.#options = resolveEngineOptions(options);
    this.#host = new EngineHost(options, this.#options);
    this.#table = new Router<RouteEntry>(this.#options.router);
    this.#servers = new Servers(this.#options.closeTimeout);
    this.#host.stats = () => this.#servers.stats();
    const openapi = this.#options.openapi;
    if (openapi !== false) {
      const openapiDocument = (c: Context): void => {
        c.json(200, this.openapi());
      };
      this.get(openapi.path ?? '/openapi.json', openapiDocument);
    }
  }

  /** An Engine with the logger and recovery middleware, logging with pino at `info` (or `LOG_LEVEL`). */
  static default<E extends Env = BlankEnv>(options: EngineOptions = {}): Engine<E> {
    const logger = options.logger ?? pino({ level: process.env['LOG_LEVEL'] ?? 'info' });
    const app = new Engine<E>({ ...options, logger });
    app.use(loggerMiddleware(), recovery());
    return app;
  }

  /** The Engine's pino logger (the parent of every `c.log`). */
  get logger(): Logger {
    return this.#host.logger;
  }

  // --- registration ---

  // Registers a route for a group; compiles its schemas now.
  #addRoute(method: string, pattern: string, middleware: () => readonly HandlerFunc[], args: readonly unknown[]): void {
    let options: RouteOptions = {};
    const handlers: HandlerFunc[] = [];
    for (const [i, a] of args.entries()) {
      if (typeof a === 'function') handlers.push(a as HandlerFunc);
      else if (i === 0 && typeof a === 'object' && a !== null) options = a;
      else throw new CoreError('ERR_CORE_ROUTE_OPTIONS', `${method} ${pattern}: route options must come first, followed by handler functions`);
    }
    if (handlers.length === 0) throw new CoreError('ERR_CORE_NO_HANDLERS', `${method} ${pattern}: a route needs at least one handler`);
    const validators = this.#compile(options.schema, options.backtrackingPatterns);
    // A bodyLimit() among the route's own handlers is the route's limit, as its option would be
    // (the option wins): it must hold before the route's declared-length check runs.
    const own = options.bodyLimit ?? handlers.map(bodyLimitOf).findLast((n) => n !== undefined);
    if (own !== options.bodyLimit) options = { ...options, bodyLimit: own };
    const entry = new RouteEntry(method, pattern, middleware, handlers, options, validators, this.#limitsOf(method, pattern, options.bodyLimit), this.#responsesOf(method, pattern, options));
    this.#table.add(method, pattern, entry);
    this.#routes.push(entry);
    this.#methods.add(method);
    this.#openapi = undefined;
  }

  // A route's response schemas, serialized and checked by c.json.
  #responsesOf(method: string, pattern: string, options: RouteOptions): RouteResponses | undefined {
    const response = options.schema?.response;
    if (response === undefined || Object.keys(response).length === 0) return undefined;
    return new RouteResponses(`${method} ${pattern}`, response, { check: this.#options.responseCheck, schemas: this.#host.schemas });
  }

  // A route's body limits: the Engine's, or its own `bodyLimit` for every body type.
  #limitsOf(method: string, pattern: string, bodyLimit: number | undefined): BodyLimits {
    const limits = this.#host.limits;
    if (bodyLimit === undefined) return limits;
    if (!Number.isSafeInteger(bodyLimit) || bodyLimit < 0) throw new CoreError('ERR_CORE_ROUTE_OPTIONS', `${method} ${pattern}: bodyLimit must be a whole number of bytes`);
    return { ...limits, body: bodyLimit, multipart: bodyLimit };
  }

  // The largest body any route or form type accepts: the transport's limit.
  #maxBodyBytes(): number {
    let max = Math.max(this.#host.limits.body, this.#host.limits.multipart);
    for (const r of this.#routes) {
      max = Math.max(max, r.limits.body, r.limits.multipart);
      for (const h of [...r.middleware(), ...r.handlers]) max = Math.max(max, bodyLimitOf(h) ?? 0);
    }
    return max;
  }

  #compile(schema: RouteSchema | undefined, backtrackingPatterns: boolean | undefined): RouteValidators | undefined {
    if (schema === undefined) return undefined;
    const out: RouteValidators = {};
    let any = false;
    for (const part of ALL_PARTS) {
      const s = schema[part];
      if (s === undefined) continue;
      out[part] = this.#host.schemas.compile(s, part, backtrackingPatterns);
      any = true;
    }
    if (schema.body !== undefined) out.form = this.#host.schemas.compile(schema.body, 'form', backtrackingPatterns);
    return any ? out : undefined;
  }

  /** Middleware run before routing, in order, on every request: it may rewrite the path or override the method. */
  pre(...middleware: HandlerFunc[]): this {
    this.#pre.push(...middleware);
    return this;
  }

  /** Handlers for requests no route matches (after the Engine's own middleware). Default: 404 text. */
  noRoute(...handlers: HandlerFunc[]): this {
    this.#noRoute = handlers;
    this.#version++;
    return this;
  }

  /** Handlers for a known path under another method (after the Engine's own middleware). Default: 405 text. */
  noMethod(...handlers: HandlerFunc[]): this {
    this.#noMethod = handlers;
    this.#version++;
    return this;
  }

  /** Every route: method, full pattern, and handler names. */
  routes(): RouteDescription[] {
    return this.#routes.map((r) => {
      const names = r.handlers.map((h) => h.name || 'anonymous');
      return { method: r.method, path: r.pattern, handler: names[names.length - 1] ?? 'anonymous', handlers: names };
    });
  }

  /** Uses an html/template set for `c.html(code, name, data)`. */
  setHTMLTemplate(t: TemplateSet): this {
    this.#host.renderer = HTMLRenderer.fromSet(t);
    return this;
  }

  /**
   * Loads HTML templates matching a glob (`views/**\/*.html`), named by their path relative to
   * the glob's base (`users/list.html`). Files under `layouts/` or `partials/`, or whose name
   * starts with `_`, are shared: each page is parsed into its own clone of them.
   */
  loadHTMLGlob(pattern: string, funcs?: FuncMap): this {
    this.#host.renderer = HTMLRenderer.fromGlob(pattern, funcs);
    return this;
  }

  /** The OpenAPI 3.1 document of the registered routes and their schemas. */
  openapi(): OpenAPIDocument {
    const options = this.#options.openapi === false ? {} : this.#options.openapi;
    this.#openapi ??= buildOpenAPI(this.#routes, options, new Set([options.path ?? '/openapi.json', ...this.#docsPaths]));
    return this.#openapi;
  }

  /**
   * Serves an interactive page of the OpenAPI document at `path` (GET), Swagger UI from the
   * swagger-ui-dist package's own files under `path`, nothing loaded from another origin and a
   * Content-Security-Policy allowing exactly that. The document is the one the Engine serves
   * (its `openapi` option), else served at `path/openapi.json`. Neither is in the document.
   */
  docs(path = '/docs', options: DocsOptions = {}): this {
    const served = this.#options.openapi === false ? undefined : (this.#options.openapi.path ?? '/openapi.json');
    const page = docsPage(path, { ...options, documentUrl: options.documentUrl ?? served ?? `${path.replace(/\/$/, '')}/openapi.json` });
    for (const route of page.routes) {
      this.#docsPaths.push(route.pattern);
      this.handle('GET', route.pattern, { hide: true, schema: {} }, route.handler);
    }
    if (served === undefined && options.documentUrl === undefined) {
      const pattern = `${path.replace(/\/$/, '')}/openapi.json`;
      this.#docsPaths.push(pattern);
      this.get(pattern, { hide: true }, (c) => {
        c.json(200, this.openapi());
      });
    }
    return this;
  }

  // --- serving ---

  /** Serves one request: the Engine is a poller Handler. Its promise never rejects. */
  serveHTTP(w: ResponseWriter, r: Request): Promise<void> | undefined {
    if (this.#pre.length > 0) return this.#servePre(w, r);
    // Hot path: one lookup, one Context, the chain; no promise when every handler is synchronous.
    const found = this.#table.find(r.method, r.path);
    if (found !== null) return this.#run(new Context(this.#host, w, r, found.value, found.params, this.#chainOf(found.value)));
    return this.#serveSlow(new Context(this.#host, w, r, undefined, Params.EMPTY, []));
  }

  // A route's whole chain: its groups' middleware, the validation step, its own handlers.
  #chainOf(route: RouteEntry): readonly HandlerFunc[] {
    if (route.version === this.#version) return route.chain;
    const chain = [...route.middleware(), route.limitCheck];
    if (route.validators !== undefined) chain.push(validateRoute);
    chain.push(...route.handlers);
    route.chain = chain;
    route.version = this.#version;
    return chain;
  }

  // The Engine's own middleware (`use` on the Engine), and with the noRoute handlers after it.
  #root(): { middleware: readonly HandlerFunc[]; notFound: readonly HandlerFunc[] } {
    let root = this.#rootChain;
    if (root?.version !== this.#version) {
      const middleware = this.chain();
      root = { version: this.#version, middleware, notFound: [...middleware, ...this.#noRoute] };
      this.#rootChain = root;
    }
    return root;
  }

  #run(c: Context): Promise<void> | undefined {
    this.#servers.begin();
    const pending = Context.start(c);
    if (pending === undefined) {
      Context.finish(c);
      this.#servers.end();
      return undefined;
    }
    return this.#settle(c, pending);
  }

  async #settle(c: Context, pending: Promise<void>): Promise<void> {
    try {
      await pending;
    } catch (err) {
      this.#fail(c, err);
    }
    Context.finish(c);
    this.#servers.end();
  }

  // An error escaped the chain: answered if nothing was sent yet, else logged once and the
  // response ended. Never throws (an error whose status cannot be sent is logged).
  #fail(c: Context, err: unknown): void {
    try {
      if (!Context.answerError(c, err)) Context.failAfterWrite(c, err);
      else if (errorIsServerSide(err)) Context.reportFailure(c, err, 'unhandled error');
    } catch (unanswerable) {
      Context.failAfterWrite(c, unanswerable);
    }
  }

  async #servePre(w: ResponseWriter, r: Request): Promise<void> {
    const c = new Context(this.#host, w, r, undefined, Params.EMPTY, []);
    try {
      for (const h of this.#pre) {
        const v = await (h(c) as unknown);
        if (v !== undefined) throw new CoreError('ERR_CORE_HANDLER_RETURNED_VALUE', 'pre middleware returned a value');
        if (c.isAborted() || c.written) {
          Context.finish(c);
          return;
        }
      }
    } catch (err) {
      this.#fail(c, err);
      Context.finish(c);
      return;
    }
    const found = this.#table.find(c.method, c.path);
    if (found === null) return this.#serveSlow(c);
    Context.route(c, found.value, found.params, this.#chainOf(found.value));
    return this.#run(c);
  }

  // Everything that is not a direct hit: HEAD from GET, the automatic answers (OPTIONS, 405,
  // redirects, 400 for a malformed path) and 404. Each runs behind the Engine's own middleware,
  // and OPTIONS and 405 behind the middleware every route of the path shares, so middleware
  // sees, logs, answers or aborts them as any request.
  #serveSlow(c: Context): Promise<void> | undefined {
    const method = c.method;
    const path = c.path;
    if (path === '*' && method === 'OPTIONS' && this.#options.handleOptions) {
      // `OPTIONS *` asks about the server itself (RFC 9110 §9.3.7): every method it serves.
      c.setHeader('Allow', allowList([...this.#methods]));
      return this.#answer(c, this.#root().middleware, answerServerOptions);
    }
    let m = this.#table.match(method, path);
    if (method === 'HEAD' && m.kind !== 'found' && m.kind !== 'redirect') {
      // HEAD is answered by the GET route, redirects included, unless a HEAD route exists.
      const get = this.#table.match('GET', path);
      if (get.kind === 'found' || get.kind === 'redirect') m = get;
    }
    switch (m.kind) {
      case 'found':
        Context.route(c, m.value, m.params, this.#chainOf(m.value));
        return this.#run(c);
      case 'redirect':
        return this.#answer(c, this.#root().middleware, redirectTo(m.status, m.location));
      case 'method-not-allowed': {
        const automatic = method === 'OPTIONS' && this.#options.handleOptions;
        if (!automatic && !this.#options.handleMethodNotAllowed) return this.#answer(c, this.#root().notFound);
        c.setHeader('Allow', allowList(m.allow));
        const shared = this.#sharedMiddleware(path, m.allow);
        return automatic ? this.#answer(c, shared, answerOptions) : this.#answer(c, shared, ...this.#noMethod);
      }
      case 'bad-request':
        return this.#answer(c, this.#root().middleware, badRequest(m.reason));
      case 'not-found':
        return this.#answer(c, this.#root().notFound);
    }
  }

  #answer(c: Context, middleware: readonly HandlerFunc[], ...handlers: HandlerFunc[]): Promise<void> | undefined {
    Context.route(c, undefined, Params.EMPTY, handlers.length === 0 ? middleware : [...middleware, ...handlers]);
    return this.#run(c);
  }

  // The middleware every route of a path shares (the common start of their chains, each
  // route's own last handler left out): what runs before the automatic OPTIONS and 405.
  #sharedMiddleware(path: string, methods: readonly string[]): readonly HandlerFunc[] {
    let shared: readonly HandlerFunc[] | undefined;
    for (const method of methods) {
      const found = this.#table.find(method, path);
      if (found === null) continue;
      const route = found.value;
      const chain = [...route.middleware(), ...route.handlers.slice(0, -1)];
      if (shared === undefined) {
        shared = chain;
        continue;
      }
      let n = 0;
      while (n < shared.length && n < chain.length && shared[n] === chain[n]) n++;
      shared = shared.slice(0, n);
    }
    return shared ?? this.#root().middleware;
  }

  /**
   * A `(req, res)` listener for node:http, and for supertest: `request(app.callback())`. It is
   * the poller's `nodeListener`, the node transport's own, so requests get the same limits,
   * error codes, remote address and `hijack()` (for Upgrade and CONNECT) as under `listen()`.
   */
  callback(): NodeRequestListener {
    return nodeListener(this, { methods: [...ianaMethods, ...this.#methods], maxBodyBytes: this.#maxBodyBytes() });
  }

  /** Serves a request in memory, without a socket; resolves when the response has ended. */
  inject(options: InjectOptions | string): Promise<InjectResponse> {
    return inject(this, options);
  }

  /**
   * Opens a WebSocket to the app without a port (for tests): the upgrade runs through the node
   * transport's own path over an in-memory connection. Rejects with an HttpError carrying the
   * status when the upgrade is refused.
   */
  injectWS(path: string, options: InjectWebSocketOptions = {}): Promise<WebSocket> {
    return injectWebSocket(this.callback(), path, options);
  }

  /** Serves a Web-standard Request, resolving with a Response (streamed, so SSE works). */
  fetch(request: globalThis.Request): Promise<globalThis.Response> {
    return fetchFrom(this, request);
  }

  /** Listens on a port with the `node` transport (default), the `netpoll` one, or any Transport. */
  listen(options: ListenOptions = {}): Promise<Listening> {
    if (options.workers !== undefined) return this.#listenWorkers(options.workers, options);
    const transport = resolveTransport(options.transport ?? 'node', [...this.#methods], this.#maxBodyBytes(), options.transportOptions, options.tls);
    return this.#servers.listen(this, transport, options);
  }

  /**
   * What the Engine has counted: requests in flight, and the connections, accepted connections
   * and parse errors of the servers started with `listen` (totals include closed servers).
   */
  stats(): EngineStats {
    return this.#servers.stats();
  }

  /**
   * Stops every server started with `listen`: no new connections, idle ones closed, in-flight
   * requests allowed to finish until `closeTimeout`, then the rest forced closed. Open
   * WebSockets are closed with 1001 (going away) within the same `closeTimeout`.
   */
  async close(): Promise<void> {
    const pools = this.#pools.splice(0);
    await Promise.all([this.#servers.close(), this.#sockets.close(this.#options.closeTimeout), ...pools.map((p) => p.close())]);
  }

  // listen({ workers }): the primary supervises the workers; each worker listens itself.
  #listenWorkers(workers: number | 'auto', options: ListenOptions): Promise<Listening> {
    return listenClustered(
      {
        logger: this.logger,
        closeTimeout: this.#options.closeTimeout,
        listen: () => this.listen({ ...options, workers: undefined }),
        close: () => this.close(),
        bindWorker: (id) => {
          this.#host.logger = this.#host.logger.child({ worker: id });
        },
        supervise: (pool) => {
          this.#pools.push(pool);
        },
      },
      workers,
    );
  }
}

function errorIsServerSide(err: unknown): boolean {
  const status = (err as { status?: unknown } | null)?.status;
  return typeof status !== 'number' || status >= 500;
}

function allowList(methods: readonly string[]): string {
  const set = new Set(methods);
  if (set.has('GET')) set.add('HEAD');
  set.add('OPTIONS');
  return [...set].sort().join(', ');
}

function redirectTo(status: number, location: string): HandlerFunc {
  return function redirect(c: Context): void {
    if (c.written) return;
    const q = c.req.rawQuery;
    c.redirect(status, q === '' ? location : `${location}?${q}`);
  };
}

function badRequest(reason: string): HandlerFunc {
  return function badRequest(c: Context): void {
    if (!c.written) c.string(400, `400 bad request: ${reason}`);
  };
}

// The automatic OPTIONS answer: 204 with the Allow set before the chain ran.
function answerOptions(c: Context): void {
  if (!c.written) c.noContent();
}

// `OPTIONS *`: 200 with an empty body, as Go's and node's servers answer it.
function answerServerOptions(c: Context): void {
  if (!c.written) c.status(200);
}
