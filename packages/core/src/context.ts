import type { Params } from '@sloe/router';
import type { Level, Logger } from 'pino';
import type { Span } from '@opentelemetry/api';
import { NetError } from '@sloe/poller';
import { CoreError, HttpError } from './errors.js';
import type { Request, ResponseWriter } from './http/contract.js';
import { BodyReader, type BodyLimits } from './request/body.js';
import { evaluatePreconditions } from './request/preconditions.js';
import { hostOf } from './request/client-ip.js';
import { parseCookies, serializeCookie, type CookieOptions, type CookieReadOptions } from './request/cookie.js';
import type { Keyring } from './cookies/keyring.js';
import type { Session } from './session/session.js';
import type { Form, FormFile } from './request/form.js';
import { renderError } from './render/error.js';
import { attachment, sendFile } from './render/send-file.js';
import { sprintf } from './render/fmt.js';
import { negotiate, type NegotiateOffers } from './render/negotiate.js';
import { EventStream } from './render/sse.js';
import type { ContextHost, RouteInfo, RouteValidators } from './host.js';
import type { EngineStats } from './serving.js';
import type { JwtPayload } from './middleware/jwt.js';
import type { BlankEnv, Env, KnownVariables, OpenKey } from './env.js';
import { check, type Infer, type JsonSchema, type RequestPart } from './validation/schema.js';
import { RESOLVED } from './resolved.js';

/** Route params as a plain object: name → percent-decoded value (what `c.params` gives). */
export type ParamsObject = Record<string, string>;
/** The validated request parts of a route, by part. */
export type Validated = Partial<Record<RequestPart, unknown>>;
/**
 * The body types a route answers with, by status (from its `schema.response`); a status without
 * a schema takes any body.
 */
export type ResponseBodies = { [status: number]: unknown };
/**
 * The values core's own middleware puts on the Context, by key, so `c.get(key)` is typed without
 * naming the type. An application may add its own keys by declaration merging
 * (`declare module '@sloe/core' { interface ContextVariables { user: User } }`).
 */
export interface ContextVariables {
  /** The verified token's claims, set by `jwt()`. */
  jwtPayload: JwtPayload;
  /** The request's Content-Security-Policy nonce, set by `secureHeaders()` when the policy uses `'nonce'`. */
  cspNonce: string;
  /** The request's OpenTelemetry server span, set by `tracing()`. */
  span: Span;
}

/** A handler or middleware: answers, or calls `await c.next()`, or both. Returns nothing. */
export type HandlerFunc<P extends ParamsObject = ParamsObject, V extends Validated = Validated> = (c: Context<P, V>) => void | Promise<void>;

export type { NegotiateOffers };

const ABORTED = 1 << 20;
const EMPTY_QUERY = new URLSearchParams();

function isPromise(v: unknown): v is PromiseLike<unknown> {
  return typeof (v as { then?: unknown } | null)?.then === 'function';
}

function returnedValue(index: number): CoreError {
  return new CoreError(
    'ERR_CORE_HANDLER_RETURNED_VALUE',
    `handler #${index} returned a value; handlers answer through the context (c.json(...), c.string(...)) and return nothing`,
  );
}

/**
 * The per-request context: the request, the response, the middleware chain and the values
 * handlers share. One is created per request; everything not on the hot path (query, cookies,
 * body, logger, keys) is created on first use.
 */
export class Context<P extends ParamsObject = ParamsObject, V extends Validated = Validated, R extends ResponseBodies = ResponseBodies, E extends Env = BlankEnv> {
  /** The request, as the transport gave it. */
  readonly req: Request;
  #writer: ResponseWriter;
  // Set once middleware put a writer of its own in front of the transport's (etag, compress).
  #intercepted = false;
  // Set once middleware made the signal abortable (timeout).
  #signal: AbortSignal | undefined;
  // Set by `bodyLimit()`: the limits of this request, over the route's.
  #limits: BodyLimits | undefined;
  #host: ContextHost;
  #route: RouteInfo | undefined;
  #params: Params;
  #paramsObject: P | undefined;
  #handlers: readonly HandlerFunc[];
  #index = -1;
  #running = -1;
  // The highest index of a handler that called next(): handlers run in order, so a handler
  // calling next() at or below it has called it before (Hono's compose keeps the same index).
  #nextFrom = -1;
  #status = 200;
  #size = 0;
  #sizeOf: string | Uint8Array | undefined;
  #written = false;
  #ended = false;
  #failureLogged = false;
  #query: URLSearchParams | undefined;
  #cookies: Map<string, string> | undefined;
  #keys: Map<string, unknown> | undefined;
  #beforeHeaders: (() => void)[] | undefined;
  #errors: unknown[] | undefined;
  #body: BodyReader | undefined;
  #valid: Validated | undefined;
  #log: Logger | undefined;
  // Fields given to logWith before c.log was first used: its child logger is made only then.
  #logBindings: Record<string, unknown> | undefined;
  #requestId: string | undefined;
  #method: string | undefined;
  #path: string | undefined;

  /** Created by the Engine for each request. */
  constructor(host: ContextHost, w: ResponseWriter, r: Request, route: RouteInfo | undefined, params: Params, handlers: readonly HandlerFunc[]) {
    this.#host = host;
    this.#writer = w;
    this.req = r;
    this.#route = route;
    this.#params = params;
    this.#handlers = handlers;
  }

  // --- request ---

  /** The request method (as overridden by `overrideMethod`, if it was). */
  get method(): string {
    return this.#method ?? this.req.method;
  }

  /** The request path without the query string (as rewritten by `rewrite`, if it was). */
  get path(): string {
    return this.#path ?? this.req.path;
  }

  /** From `pre` middleware: routes the request as if it had this path. */
  rewrite(path: string): void {
    this.#path = path;
  }

  /** From `pre` middleware: routes the request as if it had this method. */
  overrideMethod(method: string): void {
    this.#method = method.toUpperCase();
  }

  /**
   * A route param (`:id` or `*filepath`), percent-decoded; undefined when the route has no value
   * for it (an optional param that was absent: its type is then `string | undefined`).
   */
  param<K extends keyof P & string>(name: K): P[K] {
    // The type of `name`'s value is read from the pattern the route was added with.
    return this.#params.get(name) as P[K];
  }

  /** Every route param, as a plain object (built on first use). */
  get params(): P {
    return (this.#paramsObject ??= this.#params.toObject() as P);
  }

  /** The matched route's pattern (`/users/:id`), or '' when no route matched. */
  fullPath(): string {
    return this.#route?.pattern ?? '';
  }

  /** The parsed query string. */
  get queryParams(): URLSearchParams {
    if (this.#query === undefined) this.#query = this.req.rawQuery === '' ? EMPTY_QUERY : new URLSearchParams(this.req.rawQuery);
    return this.#query;
  }

  /** The first value of a query parameter, or undefined. */
  query(name: string): string | undefined {
    return this.queryParams.get(name) ?? undefined;
  }

  /** The first value of a query parameter, or `fallback` when it is absent. */
  defaultQuery(name: string, fallback: string): string {
    return this.queryParams.get(name) ?? fallback;
  }

  /** Every value of a query parameter (`?id=1&id=2`). */
  queryArray(name: string): string[] {
    return this.queryParams.getAll(name);
  }

  /** The map-shaped query parameter `name[key]=value` as `{ key: value }` (gin's QueryMap). */
  queryMap(name: string): Record<string, string> {
    const out: Record<string, string> = {};
    const prefix = `${name}[`;
    for (const [k, v] of this.queryParams) {
      if (k.startsWith(prefix) && k.endsWith(']') && !(k.slice(prefix.length, -1) in out)) out[k.slice(prefix.length, -1)] = v;
    }
    return out;
  }

  /** The first value of a request header, or undefined. */
  header(name: string): string | undefined {
    const v = this.req.headers.get(name);
    return v ?? undefined;
  }

  /**
   * A request cookie's value, or undefined. With `{ signed: true }`, the value set by
   * `setCookie(name, value, { signed: true })` if its signature verifies, else undefined.
   */
  cookie(name: string, options?: CookieReadOptions): string | undefined {
    this.#cookies ??= parseCookies(this.req.headers.get('cookie'));
    const value = this.#cookies.get(name);
    if (options?.signed !== true) return value;
    const keys = this.#keyring();
    return value === undefined ? undefined : keys.verify(name, value);
  }

  #keyring(): Keyring {
    const keys = this.#host.keys;
    if (keys === undefined) throw new CoreError('ERR_CORE_KEYS', 'signed cookies need keys: new Engine({ keys: [secret] })');
    return keys;
  }

  /** The request's session, under the `session()` middleware; throws `ERR_CORE_SESSION` elsewhere. */
  get session(): Session {
    const s = this.#keys?.get('session') as Session | undefined;
    if (s === undefined) throw new CoreError('ERR_CORE_SESSION', 'c.session needs the session() middleware: app.use(session())');
    return s;
  }

  /** The client's IP: the peer address, or the forwarded one when the peer is a trusted proxy. */
  clientIP(): string {
    const h = this.req.headers;
    return this.#host.trustedProxies.clientIP(this.req.remoteAddr, h.get('x-forwarded-for'), h.get('x-real-ip'));
  }

  /**
   * The scheme the client used: `https` when the request came over TLS (`c.req.tls`: a server
   * listening with `tls`, or an `https:` URL given to `inject`/`fetch`); on a plain connection,
   * `https` when a trusted proxy (`trustedProxies`) that ended TLS says so in X-Forwarded-Proto;
   * else `http`.
   */
  protocol(): 'http' | 'https' {
    if (this.req.tls !== null) return 'https';
    const proxies = this.#host.trustedProxies;
    // Without trusted proxies (the default) the peer's address need not be parsed.
    if (proxies.empty || !proxies.has(hostOf(this.req.remoteAddr))) return 'http';
    const proto = this.req.headers.get('x-forwarded-proto');
    return proto?.split(',')[0]?.trim().toLowerCase() === 'https' ? 'https' : 'http';
  }

  /**
   * The CSRF token for a form or script to send back, under `csrf({ token })`; it sets the
   * signed cookie it is checked against on first use. Throws outside that middleware.
   */
  csrfToken(): string {
    const token = this.#keys?.get('csrfToken') as (() => string) | undefined;
    if (typeof token !== 'function') throw new CoreError('ERR_CORE_OPTIONS', 'c.csrfToken() needs the csrf middleware with its "token" option');
    return token();
  }

  /**
   * Aborts when the client goes away (the request's signal), or when middleware gives up on the
   * request (`timeout()`), with that middleware's reason.
   */
  get signal(): AbortSignal {
    return this.#signal ?? this.req.signal;
  }

  /**
   * Makes `c.signal` abortable for the rest of the chain, still following the request's own
   * signal; returns the controller that aborts it. Used by `timeout()`.
   * @internal
   */
  static abortable(c: Context): AbortController {
    const controller = new AbortController();
    c.#signal = AbortSignal.any([c.signal, controller.signal]);
    return controller;
  }

  /** The request body readers; the body is read once and cached, so reading twice is safe. */
  get body(): BodyReader {
    this.#body ??= new BodyReader(this.req, this.#limits ?? this.#route?.limits ?? this.#host.limits);
    return this.#body;
  }

  /**
   * The body limits this request is held to: set by `bodyLimit()`, else the route's, else the
   * Engine's.
   * @internal
   */
  static bodyLimits(c: Context): BodyLimits {
    return c.#limits ?? c.#route?.limits ?? c.#host.limits;
  }

  /**
   * Holds the rest of the chain to `limits` (`bodyLimit()`); false, and nothing changed, once
   * the body is being read or the route has a `bodyLimit` option of its own, which wins.
   * @internal
   */
  static setBodyLimits(c: Context, limits: BodyLimits): boolean {
    if (c.#body !== undefined || c.#route?.ownLimits === true) return false;
    c.#limits = limits;
    return true;
  }

  /** A field of an urlencoded or multipart form body. */
  async postForm(name: string): Promise<string | undefined> {
    return (await this.body.form()).get(name);
  }

  /** A file of a multipart form body. */
  async formFile(name: string): Promise<FormFile | undefined> {
    return (await this.body.form()).files.get(name)?.[0];
  }

  /** The whole parsed form (urlencoded or multipart). */
  async form(): Promise<Form> {
    return this.body.form();
  }

  /** The request id: `X-Request-Id` when the client sent a sane one, else a generated one. */
  get requestId(): string {
    if (this.#requestId === undefined) {
      const given = this.req.headers.get('x-request-id');
      this.#requestId = given !== null && /^[\x21-\x7e]{1,128}$/.test(given) ? given : this.#host.nextRequestId();
    }
    return this.#requestId;
  }

  /** The request's logger: a child of the Engine's logger bound to the request id. */
  get log(): Logger {
    if (this.#log === undefined) {
      const log = this.#host.logger.child({ reqId: this.requestId });
      this.#log = this.#logBindings === undefined ? log : log.child(this.#logBindings);
    }
    return this.#log;
  }

  /**
   * Whether `c.log` writes lines at `level`, answered without making the request's child
   * logger, so `logger()` under a silent logger costs no child and no timing.
   * @internal
   */
  static logs(c: Context, level: Level): boolean {
    return (c.#log ?? c.#host.logger).isLevelEnabled(level);
  }

  /**
   * Adds fields to every line `c.log` writes from now on, in this request (a trace id, a user
   * id); lines already written are not changed.
   */
  logWith(bindings: Record<string, unknown>): void {
    if (this.#log !== undefined) this.#log = this.#log.child(bindings);
    else this.#logBindings = this.#logBindings === undefined ? bindings : { ...this.#logBindings, ...bindings };
  }

  /**
   * The function giving the Engine's counts (one per Engine), for the metrics middleware.
   * @internal
   */
  static statsSourceOf(c: Context): () => EngineStats {
    return c.#host.stats;
  }

  // --- chain ---

  /**
   * Runs the handlers after the current one and resolves when they are done, so code after
   * `await c.next()` runs after the inner handlers (onion order). Calling it twice from the
   * same handler is an error.
   */
  next(): Promise<void> {
    return Context.nextSync(this as unknown as Context) ?? RESOLVED;
  }

  /**
   * `c.next()`, answering undefined instead of a promise when the rest of the chain finished
   * without awaiting: a middleware with work after the chain (`compress()`) stays synchronous
   * then, and so does the request.
   * @internal
   */
  static nextSync(c: Context): Promise<void> | undefined {
    if (c.#ended) return Promise.reject(new CoreError('ERR_CORE_CONTEXT_ENDED', 'next() called after the request ended'));
    const caller = c.#running;
    if (caller >= 0) {
      if (caller <= c.#nextFrom) return Promise.reject(new CoreError('ERR_CORE_NEXT_TWICE', `handler #${caller} called next() twice`));
      c.#nextFrom = caller;
    }
    return c.#run(caller);
  }

  /**
   * Runs the chain from the start; undefined when it completed synchronously. Run by the Engine.
   * @internal
   */
  static start(c: Context): Promise<void> | undefined {
    return c.#run(-1);
  }

  // Hot path: runs the chain synchronously until a handler returns a promise.
  #run(caller: number): Promise<void> | undefined {
    const hs = this.#handlers;
    while (++this.#index < hs.length) {
      const i = this.#index;
      this.#running = i;
      let r: unknown;
      try {
        r = hs[i]!(this as unknown as Context);
      } catch (err) {
        this.#running = caller;
        // A throw unwinds the chain as a panic does in gin: no later handler runs.
        this.#index = ABORTED;
        // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- rethrows exactly what the handler threw
        return Promise.reject(err);
      }
      if (r !== undefined) {
        if (isPromise(r)) return this.#runAsync(r, i, caller);
        this.#running = caller;
        this.#index = ABORTED;
        return Promise.reject(returnedValue(i));
      }
    }
    this.#running = caller;
    return undefined;
  }

  async #runAsync(pending: PromiseLike<unknown>, index: number, caller: number): Promise<void> {
    const hs = this.#handlers;
    try {
      for (;;) {
        if ((await pending) !== undefined) throw returnedValue(index);
        let next: PromiseLike<unknown> | undefined;
        while (++this.#index < hs.length) {
          index = this.#index;
          this.#running = index;
          const r: unknown = hs[index]!(this as unknown as Context);
          if (r === undefined) continue;
          if (!isPromise(r)) throw returnedValue(index);
          next = r;
          break;
        }
        if (next === undefined) return;
        pending = next;
      }
    } catch (err) {
      this.#index = ABORTED;
      throw err;
    } finally {
      this.#running = caller;
    }
  }

  /** Stops the chain: no handler after the current one runs. */
  abort(): void {
    this.#index = ABORTED;
  }

  /** Whether the chain was aborted. */
  isAborted(): boolean {
    return this.#index >= ABORTED;
  }

  /** Answers `status` with an empty body and aborts. */
  abortWithStatus(status: number): void {
    this.abort();
    this.#send(status, undefined, '');
  }

  /** Answers `status` with `obj` as JSON and aborts. */
  abortWithStatusJSON(status: number, obj: unknown): void {
    this.abort();
    this.#json(status, obj);
  }

  /** Answers for `err` (its status and message, JSON or text per Accept), records it, and aborts. */
  abortWithError(err: unknown): void {
    this.abort();
    this.error(err);
    const r = renderError(err, this.req.headers.get('accept'));
    this.#send(r.status, r.contentType, r.body);
  }

  /**
   * Stores a value for later handlers of this request. Where the Engine declares its
   * `Variables`, only those keys (and the {@link ContextVariables}) are accepted, with their types.
   */
  set<K extends keyof KnownVariables<E>>(key: K, value: KnownVariables<E>[K]): void;
  set<K extends keyof ContextVariables>(key: K, value: ContextVariables[K]): void;
  set(key: OpenKey<E>, value: unknown): void;
  set(key: string, value: unknown): void {
    (this.#keys ??= new Map()).set(key, value);
  }

  /**
   * A value stored with `set`. Typed, and never undefined, for the Engine's declared `Variables`
   * and for the values a middleware before this handler provides (`jwt()` before a handler
   * gives `c.get('jwtPayload')`); typed `| undefined` for the keys of {@link ContextVariables};
   * otherwise of the type the caller names (`c.get<User>('user')`), unless the Engine declares
   * its Variables, where an unknown key is a compile error.
   */
  get<K extends keyof KnownVariables<E>>(key: K): KnownVariables<E>[K];
  get<K extends keyof ContextVariables>(key: K): ContextVariables[K] | undefined;
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-parameters -- the caller names the type it stored
  get<T = unknown>(key: OpenKey<E>): T | undefined;
  get(key: string): unknown {
    return this.#keys?.get(key);
  }

  /** Records an error for the error-handling middleware. */
  error(err: unknown): void {
    (this.#errors ??= []).push(err);
  }

  /** The errors recorded with `error()`, in order. */
  get errors(): readonly unknown[] {
    return this.#errors ?? [];
  }

  // --- validation ---

  /** A request part validated against the route's schema (typed from a TypeBox schema). */
  valid<K extends RequestPart>(part: K): K extends keyof V ? V[K] : unknown {
    return this.#valid?.[part] as K extends keyof V ? V[K] : unknown;
  }

  /** Reads the JSON body and validates it; returns `{ value }` or `{ error }` without answering. */
  async shouldBindJSON<S extends JsonSchema>(schema: S): Promise<{ value: Infer<S>; error?: undefined } | { value?: undefined; error: HttpError }> {
    let data: unknown;
    try {
      data = await this.body.json();
    } catch (err) {
      if (err instanceof HttpError) return { error: err };
      throw err;
    }
    const failure = check(this.#host.schemas.compile(schema, 'body'), 'body', data);
    return failure === null ? { value: data as Infer<S> } : { error: failure };
  }

  /** Like `shouldBindJSON`, but on failure answers 400 (or 413/415), aborts and resolves undefined. */
  async bindJSON<S extends JsonSchema>(schema: S): Promise<Infer<S> | undefined> {
    const r = await this.shouldBindJSON(schema);
    if (r.error !== undefined) {
      this.abortWithError(r.error);
      return undefined;
    }
    return r.value;
  }

  /**
   * The route's compiled validators, if any. Used by the validation step.
   * @internal
   */
  static validatorsOf(c: Context): RouteValidators | undefined {
    return c.#route?.validators;
  }

  /**
   * Stores the validated parts for `c.valid()`. Used by the validation step.
   * @internal
   */
  static setValid(c: Context, valid: Validated): void {
    c.#valid = valid;
  }

  // --- response ---

  /** The response writer; prefer the helpers, which keep the status and size for the logger. */
  get writer(): ResponseWriter {
    return this.#writer;
  }

  /**
   * Puts a writer of middleware's own in front of the current one, for everything written after
   * (`etag()`, `compress()`): `wrap` is given the current writer and the Context, and returns its
   * replacement, which this returns too. One `wrap` can serve every request (no closure per
   * request). Helpers then hand it whole bodies even for HEAD, so it sees what it would describe.
   * @internal
   */
  static interceptWriter<W extends ResponseWriter>(c: Context, wrap: (inner: ResponseWriter, c: Context) => W): W {
    c.#checkWritable();
    const writer = wrap(c.#writer, c);
    c.#writer = writer;
    c.#intercepted = true;
    return writer;
  }

  /**
   * Evaluates the request's preconditions (`If-Match`, `If-Unmodified-Since`, `If-None-Match`,
   * `If-Modified-Since`, in RFC 9110 §13.2.2's order) against the current state of the target:
   * its entity tag (`undefined` when it does not exist) and optionally its last modification.
   * Returns true when the handler may go on. Otherwise it answers and aborts: 304 Not Modified
   * with the ETag for a GET or HEAD whose copy is current, 412 Precondition Failed for the
   * rest; the handler then returns without writing. Call it before changing anything.
   */
  checkPreconditions(etag: string | undefined, lastModified?: Date): boolean {
    const outcome = evaluatePreconditions(this.method, this.req.headers, etag, lastModified);
    if (outcome === 'pass') return true;
    if (outcome === 'not-modified') {
      if (etag !== undefined) this.#writer.header().set('ETag', etag);
      if (lastModified !== undefined) this.#writer.header().set('Last-Modified', lastModified.toUTCString());
      this.abortWithStatus(304);
      return false;
    }
    this.abortWithError(new HttpError(412, 'precondition failed', { code: 'ERR_CORE_PRECONDITION_FAILED' }));
    return false;
  }

  /** Whether the response status and headers were written. */
  get written(): boolean {
    return this.#written;
  }

  /** The response status (written, or to be written). */
  get responseStatus(): number {
    return this.#status;
  }

  /** The number of body bytes written through the helpers. */
  get responseSize(): number {
    const body = this.#sizeOf;
    if (body !== undefined) {
      this.#size += typeof body === 'string' ? Buffer.byteLength(body) : body.length;
      this.#sizeOf = undefined;
    }
    return this.#size;
  }

  /** Sets the status used when the chain ends without a body, or by `stream`. */
  status(code: number): this {
    if (!Number.isInteger(code) || code < 100 || code > 999) throw new CoreError('ERR_CORE_BAD_STATUS', `invalid status code ${code}`);
    this.#status = code;
    return this;
  }

  /** Sets a response header (replacing earlier values). */
  setHeader(name: string, value: string): this {
    this.writer.header().set(name, value);
    return this;
  }

  /** Adds a Set-Cookie header; with `{ signed: true }`, the value signed with the Engine's first key. */
  setCookie(name: string, value: string, options?: CookieOptions): this {
    const v = options?.signed === true ? this.#keyring().sign(name, value) : value;
    this.writer.header().append('Set-Cookie', serializeCookie(name, v, options));
    return this;
  }

  /**
   * Runs `fn` once, just before a helper (`c.json`, `c.stream`, the chain's end...) writes the
   * status and headers, so middleware can still set headers that depend on what handlers did
   * (the session's cookie). Not run for writes made on `c.writer` directly.
   */
  beforeHeaders(fn: () => void): void {
    (this.#beforeHeaders ??= []).push(fn);
  }

  #runBeforeHeaders(): void {
    const hooks = this.#beforeHeaders;
    if (hooks === undefined) return;
    this.#beforeHeaders = undefined;
    for (const fn of hooks) fn();
  }

  /**
   * Answers `code` with `obj` as JSON. When the route has a response schema for `code`, `obj` is
   * typed by it, serialized by the schema's compiled serializer and checked against it.
   */
  json<C extends number>(code: C, obj: R[C]): void {
    this.#json(code, obj);
  }

  #json(code: number, obj: unknown): void {
    const responses = this.#route?.responses;
    const text = responses?.has(code) === true ? responses.serialize(code, obj, this.log) : stringify(obj, undefined);
    this.#send(code, 'application/json; charset=utf-8', text);
  }

  /** Answers `code` with `obj` as JSON indented by four spaces. */
  indentedJSON(code: number, obj: unknown): void {
    this.#send(code, 'application/json; charset=utf-8', stringify(obj, 4));
  }

  /** Answers `code` with text formatted by Go's fmt verbs (`c.string(200, 'hello %s', name)`). */
  string(code: number, format: string, ...args: unknown[]): void {
    this.#send(code, 'text/plain; charset=utf-8', args.length === 0 ? format : sprintf(format, ...args));
  }

  /** Answers `code` with the HTML template `name` executed on `data`. */
  html(code: number, name: string, data?: unknown): void {
    this.#checkWritable();
    this.#send(code, 'text/html; charset=utf-8', this.#host.renderHTML(name, data));
  }

  /** Answers with a redirect to `location` (a 3xx status, or 201). */
  redirect(code: number, location: string): void {
    if ((code < 300 || code > 308) && code !== 201) throw new CoreError('ERR_CORE_BAD_STATUS', `cannot redirect with status ${code}`);
    this.writer.header().set('Location', location);
    this.#send(code, undefined, '');
  }

  /** Answers `code` with raw bytes of the given Content-Type. */
  data(code: number, contentType: string, bytes: Uint8Array | string): void {
    this.#send(code, contentType, bytes);
  }

  /** Answers 204 No Content. */
  noContent(): void {
    this.#send(204, undefined, '');
  }

  /**
   * Answers with a file: Content-Type from its extension, ETag and Last-Modified, 304 for a
   * matching If-None-Match / If-Modified-Since, one byte range (206/416). 404 if it is missing.
   */
  file(filePath: string): Promise<void> {
    this.#checkWritable();
    return sendFile(this as unknown as Context, filePath);
  }

  /** Answers with a file as a download named `filename` (Content-Disposition: attachment). */
  fileAttachment(filePath: string, filename: string): Promise<void> {
    this.writer.header().set('Content-Disposition', attachment(filename));
    return this.file(filePath);
  }

  /**
   * Streams a body: writes the headers with `code`, then each chunk, waiting whenever the
   * transport pushes back; stops early when the client goes away.
   */
  async stream(code: number, contentType: string | undefined, source: AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>): Promise<void> {
    if (contentType !== undefined) this.writer.header().set('Content-Type', contentType);
    this.#begin(code);
    const w = this.writer;
    if (this.req.method !== 'HEAD') {
      for await (const chunk of source) {
        if (this.signal.aborted) break;
        this.#size += typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.length;
        await w.write(chunk);
      }
    }
    await w.end();
  }

  /** Opens a server-sent event stream (text/event-stream); send events with `await s.send(...)`. */
  sse(): EventStream {
    const h = this.writer.header();
    h.set('Content-Type', 'text/event-stream; charset=utf-8');
    h.set('Cache-Control', 'no-cache');
    h.set('X-Accel-Buffering', 'no');
    this.#begin(200);
    this.writer.flush();
    return new EventStream(this.writer, this.signal, () => undefined);
  }

  /** Answers in the representation the client prefers (JSON, HTML or text); 406 if none fits. */
  negotiate(code: number, offers: NegotiateOffers): void {
    negotiate(this, code, offers);
  }

  #checkWritable(): void {
    if (this.#ended) throw new CoreError('ERR_CORE_CONTEXT_ENDED', 'cannot answer: the request already ended');
    if (this.#written) throw new CoreError('ERR_CORE_RESPONSE_WRITTEN', 'cannot answer: the response was already written');
  }

  #begin(status: number): void {
    this.#checkWritable();
    if (this.#beforeHeaders !== undefined) this.#runBeforeHeaders();
    this.writer.writeHeader(status);
    this.#written = true;
    this.#status = status;
  }

  // Hot path: every buffered answer goes through here.
  #send(status: number, contentType: string | undefined, body: string | Uint8Array): void {
    this.#checkWritable();
    const w = this.#writer;
    if (contentType !== undefined) w.header().set('Content-Type', contentType);
    if (this.#beforeHeaders !== undefined) this.#runBeforeHeaders();
    w.writeHeader(status);
    this.#written = true;
    this.#status = status;
    if (status === 204 || status === 304 || (status >= 100 && status < 200)) {
      this.#end(undefined);
      return;
    }
    if (this.req.method === 'HEAD') {
      // A writer in front of the transport's measures the body itself (and describes it).
      if (this.#intercepted) {
        this.#end(body);
        return;
      }
      // The transport cannot count a body it is not given.
      w.header().set('Content-Length', String(typeof body === 'string' ? Buffer.byteLength(body) : body.length));
      this.#end(undefined);
      return;
    }
    // The transport sets Content-Length from a body given whole to end().
    this.#sizeOf = body;
    this.#end(body);
  }

  // Every end of the response goes through here: its failure (a length that does not match the
  // declared one, a client gone) is reported once, never left as an unhandled rejection.
  #end(body: string | Uint8Array | undefined): void {
    let ended: Promise<void>;
    try {
      ended = body === undefined ? this.#writer.end() : this.#writer.end(body);
    } catch (err) {
      this.#reportFailure(err);
      return;
    }
    ended.then(undefined, (err: unknown) => {
      this.#reportFailure(err);
    });
  }

  // Logs a failure once per request, with the request id: a handler's error and the failure
  // of the answer to it are one failure. A client that left is not the server's failure.
  #reportFailure(err: unknown, message = 'response failed after it was started'): void {
    if (this.#failureLogged) return;
    this.#failureLogged = true;
    if (err instanceof NetError || this.req.signal.aborted) this.log.info({ err }, 'client went away before the response ended');
    else this.log.error({ err }, message);
  }

  /**
   * Points the context at a route and its chain after a lookup. Run by the Engine.
   * @internal
   */
  static route(c: Context, route: RouteInfo | undefined, params: Params, handlers: readonly HandlerFunc[]): void {
    c.#route = route;
    c.#params = params;
    c.#paramsObject = undefined;
    c.#handlers = handlers;
    c.#index = -1;
    c.#running = -1;
    c.#nextFrom = -1;
  }

  /**
   * Ends the request after the chain: answers the status set so far if nothing was written, else
   * ends the body. Never throws: a failure is logged. Run by the Engine.
   * @internal
   */
  static finish(c: Context): void {
    // As in Go, the response ends when the handlers return: a stream left open is closed.
    try {
      if (!c.#written && !c.writer.headersSent) c.#send(c.#status, undefined, '');
      else c.#end(undefined);
    } catch (err) {
      Context.failAfterWrite(c, err);
    }
    c.#ended = true;
  }

  /**
   * Answers for an error that escaped the chain, if the response can still be written (nothing
   * was sent, by the helpers or through the writer). Run by the Engine and recovery.
   * @internal
   */
  static answerError(c: Context, err: unknown): boolean {
    if (c.#written || c.#ended || c.writer.headersSent) return false;
    const r = renderError(err, c.req.headers.get('accept'));
    c.#send(r.status, r.contentType, r.body);
    return true;
  }

  /**
   * Logs a server-side failure of the request, unless one was logged for it already. Run by the
   * Engine and recovery.
   * @internal
   */
  static reportFailure(c: Context, err: unknown, message: string): void {
    c.#reportFailure(err, message);
  }

  /**
   * An error that escaped the chain after the response was started: logged once for the
   * request (with its id), and the response ended. Run by the Engine and recovery.
   * @internal
   */
  static failAfterWrite(c: Context, err: unknown): void {
    c.#reportFailure(err);
    // Nothing sent yet means the error itself could not be answered (a status out of range).
    if (!c.writer.headersSent) c.writer.writeHeader(500);
    c.#end(undefined);
  }
}

/** JSON text of a value; `undefined` (which JSON.stringify does not serialize) is `null`. */
function stringify(obj: unknown, indent: number | undefined): string {
  const text = JSON.stringify(obj, null, indent) as string | undefined;
  return text ?? 'null';
}
