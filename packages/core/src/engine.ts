import { randomBytes } from 'node:crypto';
import { pino, type Logger } from 'pino';
import { Params, Router } from '@sloe/router';
import type { FuncMap } from '@sloe/template';
import { ianaMethods, nodeListener, type NodeRequestListener, type TransportOptions } from '@sloe/poller';
import { Context, type HandlerFunc } from './context.js';
import { CoreError } from './errors.js';
import type { Handler, Request, ResponseWriter, ServerHandle, Transport } from './http/contract.js';
import { MemoryRequest, MemoryResponseWriter, type MemoryRequestInit } from './http/memory.js';
import type { ContextHost, RouteValidators } from './host.js';
import { RouterGroup, type RouteSink } from './group.js';
import { logger as loggerMiddleware } from './middleware/logger.js';
import { recovery } from './middleware/recovery.js';
import { buildOpenAPI, type OpenAPIDocument } from './openapi.js';
import type { EngineOptions, OpenAPIOptions } from './options.js';
import { HTMLRenderer, type TemplateSet } from './render/html.js';
import type { BodyLimits } from './request/body.js';
import { TrustedProxies, hostOf } from './request/client-ip.js';
import { RouteEntry, type RouteOptions, type RouteSchema } from './route.js';
import { resolveTransport, type TransportName } from './transport.js';
import { SchemaCompiler, type RequestPart } from './validation/schema.js';
import { validateRoute } from './validation/route-step.js';

/** Options of `inject()`: a request without a socket. */
export interface InjectOptions extends MemoryRequestInit {
  /** A JSON body: serialized, with `Content-Type: application/json`. */
  json?: unknown;
}

/** The response `inject()` resolves with. */
export interface InjectResponse {
  /** The status code. */
  status: number;
  /** The response headers, names in lower case; repeated ones joined with `, ` (Set-Cookie: see `cookies`). */
  headers: Record<string, string>;
  /** Every Set-Cookie value. */
  cookies: string[];
  /** The body as UTF-8 text. */
  body: string;
  /** The body bytes. */
  rawBody: Uint8Array;
  /** The body parsed as JSON. */
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters -- the caller names the type it expects
  json<T = unknown>(): T;
}

/** Options of `listen()`. */
export interface ListenOptions {
  /** TCP port; 0 picks a free one. Default 0. */
  port?: number;
  /** Interface to bind. Default: all interfaces. */
  host?: string;
  /** Listen backlog. Default the platform's. */
  backlog?: number;
  /** `node` (node:http), `netpoll` (the poller's HTTP/1.1 server) or any Transport. Default `node`. */
  transport?: TransportName | Transport;
  /** Limits, timeouts and methods for a named transport. Default the poller's. */
  transportOptions?: TransportOptions;
}

/** A listening server. */
export interface Listening {
  /** The bound port. */
  readonly port: number;
  /** The bound host (`127.0.0.1`, `::`). */
  readonly host: string;
  /** The bound address as `host:port`. */
  readonly address: string;
  /** Stops this server, draining in-flight requests first. */
  close(): Promise<void>;
}

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

class EngineHost implements ContextHost {
  readonly limits: BodyLimits;
  readonly trustedProxies: TrustedProxies;
  logger: Logger;
  readonly schemas: SchemaCompiler;
  renderer: HTMLRenderer | undefined;
  #prefix = randomBytes(4).toString('hex');
  #counter = 0;

  constructor(o: EngineOptions) {
    this.limits = { body: o.bodyLimit ?? 1048576, multipart: o.multipartLimit ?? 33554432, file: o.fileLimit ?? 10485760, parts: o.maxParts ?? 1000 };
    this.trustedProxies = new TrustedProxies(o.trustedProxies);
    this.schemas = new SchemaCompiler(o);
    this.logger = o.logger ?? pino({ enabled: false });
  }

  renderHTML(name: string, data: unknown): string {
    if (this.renderer === undefined) throw new CoreError('ERR_NO_TEMPLATES', 'c.html needs templates: call app.setHTMLTemplate(t) or app.loadHTMLGlob(pattern)');
    return this.renderer.render(name, data);
  }

  nextRequestId(): string {
    return `${this.#prefix}-${(++this.#counter).toString(36)}`;
  }
}

/**
 * The application: a route table, middleware, and the settings every Context reads. An Engine
 * is a poller Handler, so any transport serves it; it is also the root route group.
 */
export class Engine extends RouterGroup implements Handler, RouteSink {
  #host: EngineHost;
  #table: Router<RouteEntry>;
  #routes: RouteEntry[] = [];
  #methods = new Set<string>();
  #version = 0;
  #pre: HandlerFunc[] = [];
  #noRoute: HandlerFunc[] = [notFoundHandler];
  #noMethod: HandlerFunc[] = [methodNotAllowedHandler];
  #handleMethodNotAllowed: boolean;
  #handleOptions: boolean;
  #closeTimeout: number;
  #openapiOptions: OpenAPIOptions;
  #openapi: OpenAPIDocument | undefined;
  #servers = new Set<ServerHandle>();
  #inflight = 0;
  #idle: (() => void) | undefined;

  /** Creates an Engine with no middleware; see {@link Engine.default} for logger and recovery. */
  constructor(options: EngineOptions = {}) {
    super(undefined, '', undefined);
    this.attach(this);
    this.#host = new EngineHost(options);
    this.#table = new Router<RouteEntry>(options.router);
    this.#handleMethodNotAllowed = options.handleMethodNotAllowed ?? true;
    this.#handleOptions = options.handleOptions ?? true;
    this.#closeTimeout = options.closeTimeout ?? 10000;
    this.#openapiOptions = options.openapi === false || options.openapi === undefined ? {} : options.openapi;
    if (options.openapi !== undefined && options.openapi !== false) {
      const openapiDocument = (c: Context): void => {
        c.json(200, this.openapi());
      };
      this.get(options.openapi.path ?? '/openapi.json', openapiDocument);
    }
  }

  /** An Engine with the logger and recovery middleware, logging with pino at `info` (or `LOG_LEVEL`). */
  static default(options: EngineOptions = {}): Engine {
    const logger = options.logger ?? pino({ level: process.env['LOG_LEVEL'] ?? 'info' });
    const app = new Engine({ ...options, logger });
    app.use(loggerMiddleware(), recovery());
    return app;
  }

  /** The Engine's pino logger (the parent of every `c.log`). */
  get logger(): Logger {
    return this.#host.logger;
  }

  // --- registration ---

  /** Called by groups: registers a route; compiles its schemas now. */
  addRoute(method: string, pattern: string, middleware: () => readonly HandlerFunc[], args: readonly unknown[]): void {
    let options: RouteOptions = {};
    const handlers: HandlerFunc[] = [];
    for (const [i, a] of args.entries()) {
      if (typeof a === 'function') handlers.push(a as HandlerFunc);
      else if (i === 0 && typeof a === 'object' && a !== null) options = a;
      else throw new CoreError('ERR_ROUTE_OPTIONS', `${method} ${pattern}: route options must come first, followed by handler functions`);
    }
    if (handlers.length === 0) throw new CoreError('ERR_NO_HANDLERS', `${method} ${pattern}: a route needs at least one handler`);
    const validators = this.#compile(options.schema, options.backtrackingPatterns);
    const entry = new RouteEntry(method, pattern, middleware, handlers, options, validators);
    this.#table.add(method, pattern, entry);
    this.#routes.push(entry);
    this.#methods.add(method);
    this.#openapi = undefined;
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

  /** Called by groups when middleware is added: chains are rebuilt on their next request. */
  middlewareChanged(): void {
    this.#version++;
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

  /** The methods routes are registered for (a transport must accept them). */
  routeMethods(): string[] {
    return [...this.#methods];
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
    this.#openapi ??= buildOpenAPI(this.#routes, this.#openapiOptions);
    return this.#openapi;
  }

  // --- serving ---

  /** Serves one request: the Engine is a poller Handler. */
  serveHTTP(w: ResponseWriter, r: Request): Promise<void> | undefined {
    if (this.#pre.length > 0) return this.#servePre(w, r);
    // Hot path: one lookup, one Context, the chain; no promise when every handler is synchronous.
    const found = this.#table.find(r.method, r.path);
    if (found !== null) {
      const route = found.value;
      const chain = route.version === this.#version ? route.chain : this.#rebuild(route);
      return this.#run(new Context(this.#host, w, r, route, found.params, chain));
    }
    return this.#serveSlow(new Context(this.#host, w, r, undefined, Params.EMPTY, []));
  }

  #rebuild(route: RouteEntry): readonly HandlerFunc[] {
    const chain = [...route.middleware()];
    if (route.validators !== undefined) chain.push(validateRoute);
    chain.push(...route.handlers);
    route.chain = chain;
    route.version = this.#version;
    return chain;
  }

  #run(c: Context): Promise<void> | undefined {
    this.#inflight++;
    const pending = Context.start(c);
    if (pending === undefined) {
      Context.finish(c);
      this.#settled();
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
    try {
      Context.finish(c);
    } finally {
      this.#settled();
    }
  }

  #settled(): void {
    if (--this.#inflight === 0) this.#idle?.();
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
        if (v !== undefined) throw new CoreError('ERR_HANDLER_RETURNED_VALUE', 'pre middleware returned a value');
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
    const chain = found.value.version === this.#version ? found.value.chain : this.#rebuild(found.value);
    Context.route(c, found.value, found.params, chain);
    return this.#run(c);
  }

  // Everything that is not a direct hit: HEAD from GET, OPTIONS, 405, redirects, 404.
  #serveSlow(c: Context): Promise<void> | undefined {
    const method = c.method;
    const path = c.path;
    let m = this.#table.match(method, path);
    if (method === 'HEAD' && m.kind !== 'found' && m.kind !== 'redirect') {
      // HEAD is answered by the GET route, redirects included, unless a HEAD route exists.
      const get = this.#table.match('GET', path);
      if (get.kind === 'found' || get.kind === 'redirect') m = get;
    }
    switch (m.kind) {
      case 'found': {
        const chain = m.value.version === this.#version ? m.value.chain : this.#rebuild(m.value);
        Context.route(c, m.value, m.params, chain);
        return this.#run(c);
      }
      case 'redirect': {
        const q = c.req.rawQuery;
        c.redirect(m.status, q === '' ? m.location : `${m.location}?${q}`);
        Context.finish(c);
        return undefined;
      }
      case 'method-not-allowed': {
        const allow = allowList(m.allow);
        if (method === 'OPTIONS' && this.#handleOptions) {
          c.setHeader('Allow', allow);
          c.status(204);
          Context.finish(c);
          return undefined;
        }
        if (!this.#handleMethodNotAllowed) return this.#fallback(c, this.#noRoute);
        c.setHeader('Allow', allow);
        return this.#fallback(c, this.#noMethod);
      }
      case 'bad-request':
        c.string(400, `400 bad request: ${m.reason}`);
        Context.finish(c);
        return undefined;
      case 'not-found':
        return this.#fallback(c, this.#noRoute);
    }
  }

  #fallback(c: Context, handlers: readonly HandlerFunc[]): Promise<void> | undefined {
    Context.route(c, undefined, Params.EMPTY, [...this.chain(), ...handlers]);
    return this.#run(c);
  }

  /**
   * A `(req, res)` listener for node:http, and for supertest: `request(app.callback())`. It is
   * the poller's `nodeListener`, the node transport's own, so requests get the same limits,
   * error codes, remote address and `hijack()` (for Upgrade and CONNECT) as under `listen()`.
   */
  callback(): NodeRequestListener {
    return nodeListener(this, { methods: [...ianaMethods, ...this.routeMethods()] });
  }

  /** Serves a request in memory, without a socket; resolves when the response has ended. */
  async inject(options: InjectOptions | string): Promise<InjectResponse> {
    const o = typeof options === 'string' ? { url: options } : options;
    let init: MemoryRequestInit = o;
    if (o.json !== undefined) {
      init = { ...o, body: JSON.stringify(o.json), headers: { 'content-type': 'application/json', ...(o.headers as Record<string, string> | undefined) } };
    }
    const w = new MemoryResponseWriter();
    await this.serveHTTP(w, new MemoryRequest(init));
    await w.done;
    const headers: Record<string, string> = {};
    const cookies: string[] = [];
    for (const [k, v] of w.header()) {
      const name = k.toLowerCase();
      if (name === 'set-cookie') cookies.push(v);
      headers[name] = name in headers ? `${headers[name]}, ${v}` : v;
    }
    const rawBody = w.body();
    const body = Buffer.from(rawBody).toString('utf8');
    return { status: w.status, headers, cookies, body, rawBody, json: () => JSON.parse(body) as never };
  }

  /** Serves a Web-standard Request, resolving with a Response (streamed, so SSE works). */
  async fetch(request: globalThis.Request): Promise<globalThis.Response> {
    const body = request.body === null ? undefined : new Uint8Array(await request.arrayBuffer());
    const headers: [string, string][] = [];
    request.headers.forEach((v, k) => headers.push([k, v]));
    const r = new MemoryRequest({ method: request.method, url: request.url, headers, body, signal: request.signal });
    const w = new MemoryResponseWriter();
    const head = new Promise<void>((resolve) => {
      w.onHead = resolve;
    });
    const served = this.serveHTTP(w, r);
    await Promise.race([head, w.done, served]);
    const status = w.status;
    const out = new Headers();
    for (const [k, v] of w.header()) out.append(k, v);
    const nullBody = status === 204 || status === 304 || request.method === 'HEAD' || (status >= 100 && status < 200);
    const stream = nullBody
      ? null
      : new ReadableStream<Uint8Array>({
          start(controller) {
            const early = w.body();
            if (early.length > 0) controller.enqueue(early);
            w.onChunk = (chunk) => {
              controller.enqueue(chunk);
            };
            void w.done.then(() => {
              controller.close();
            });
          },
        });
    return new Response(stream, { status, headers: out });
  }

  /** Listens on a port with the `node` transport (default), the `netpoll` one, or any Transport. */
  async listen(options: ListenOptions = {}): Promise<Listening> {
    const transport = resolveTransport(options.transport ?? 'node', this.routeMethods(), options.transportOptions);
    const handle = await transport.serve(this, { port: options.port ?? 0, host: options.host, backlog: options.backlog });
    this.#servers.add(handle);
    const timeout = this.#closeTimeout;
    return {
      port: handle.port,
      host: hostOf(handle.address),
      address: handle.address,
      close: async () => {
        this.#servers.delete(handle);
        await handle.close({ graceful: true, timeout });
      },
    };
  }

  /**
   * Stops every server started with `listen`: no new connections, idle ones closed, in-flight
   * requests allowed to finish until `closeTimeout`, then the rest forced closed.
   */
  async close(): Promise<void> {
    const handles = [...this.#servers];
    this.#servers.clear();
    await Promise.all(handles.map((h) => h.close({ graceful: true, timeout: this.#closeTimeout })));
    if (this.#inflight > 0) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, this.#closeTimeout);
        this.#idle = () => {
          clearTimeout(timer);
          resolve();
        };
      });
      this.#idle = undefined;
    }
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
