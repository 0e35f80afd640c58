import type { Logger } from 'pino';
import type { RouterOptions } from '@sloe/router';
import type { SigningKey } from './cookies/keyring.js';
import type { SecurityScheme } from './openapi/middleware-doc.js';
import type { JsonSchema } from './validation/schema.js';

/** Options of the OpenAPI document. */
export interface OpenAPIOptions {
  /** Where the document is served (GET). Default `/openapi.json`. */
  path?: string;
  /** The document's `info`. Default `{ title: 'API', version: '0.0.0' }`. */
  info?: { title: string; version: string; description?: string };
  /** The document's `servers`. Default none. */
  servers?: { url: string; description?: string }[];
  /**
   * Schemas by name for `components.schemas`: wherever a route uses one of these objects, the
   * document references it with `$ref`. (A TypeBox schema with an `$id` is named by it without
   * being listed.) Default none.
   */
  schemas?: Readonly<Record<string, JsonSchema>>;
  /** Security schemes declared by hand, by name, beside those of the auth middleware. Default none. */
  securitySchemes?: Readonly<Record<string, SecurityScheme>>;
}

/**
 * How `c.json(status, body)` is checked against the route's response schema for that status:
 * `error`, a body that does not match (a field the schema does not declare included) is a 500
 * ERR_CORE_RESPONSE_MISMATCH naming each field; `log`, the body is sent as the schema says and
 * the mismatch logged once per route; `off`, the body is only serialized by the schema.
 */
export type ResponseCheck = 'error' | 'log' | 'off';

/** Options of `new Engine(options)`; every one is optional. */
export interface EngineOptions {
  /** The pino logger behind `c.log`. Default: a disabled logger (Engine.default(): pino at `info`). */
  logger?: Logger;
  /** Proxies (addresses or CIDR ranges) whose X-Forwarded-For / X-Real-IP are believed. Default none. */
  trustedProxies?: readonly string[];
  /** Largest JSON, text or urlencoded body in bytes; more gets 413. Default 1048576 (1 MiB). */
  bodyLimit?: number;
  /** Largest multipart body in bytes; more gets 413. Default 33554432 (32 MiB). */
  multipartLimit?: number;
  /** Largest file in a multipart body in bytes; more gets 413. Default 10485760 (10 MiB). */
  fileLimit?: number;
  /** Most parts in a multipart body; more gets 413. Default 1000. */
  maxParts?: number;
  /** Answer 405 with Allow for a path known under other methods (else 404). Default true. */
  handleMethodNotAllowed?: boolean;
  /** Answer OPTIONS with 204 and Allow when no OPTIONS route matches. Default true. */
  handleOptions?: boolean;
  /** Router options: caseSensitive, ignoreTrailingSlash, redirectTrailingSlash, redirectFixedPath, maxParamLength. Default the router's. */
  router?: RouterOptions;
  /** Serve an OpenAPI 3.1 document of the routes. Default false (not served; `app.openapi()` still works). */
  openapi?: OpenAPIOptions | false;
  /**
   * Let schema patterns that the linear-time engine cannot express (lookahead, backreferences)
   * run on JavaScript's backtracking RegExp instead of failing at registration; a route's own
   * `backtrackingPatterns` overrides it. Such a pattern can hold the event loop for seconds on a
   * hostile input. Default false.
   */
  backtrackingPatterns?: boolean;
  /**
   * Let strings with a lone UTF-16 surrogate (`"\ud800"` in JSON) pass validation. They cannot be
   * stored as UTF-8 as they are (each becomes U+FFFD), so what was validated is not what is
   * stored. Default false: such a string in any validated part is a 400.
   */
  allowLoneSurrogates?: boolean;
  /**
   * Keys that sign cookies (`c.setCookie(name, value, { signed: true })`, `session()`) with
   * HMAC-SHA256: the first signs, every one verifies, so keys rotate by putting the new one
   * first. Use at least 32 random bytes each. Default none: signing then throws `ERR_CORE_KEYS`.
   */
  keys?: readonly SigningKey[];
  /**
   * How response bodies are checked against their schemas (see {@link ResponseCheck}). Default
   * `log` when `NODE_ENV` is `production`, else `error`.
   */
  responseCheck?: ResponseCheck;
  /** Milliseconds `close()` waits for in-flight requests before forcing connections closed. Default 10000. */
  closeTimeout?: number;
}

/** {@link EngineOptions} with every default filled in: the Engine reads its settings from one object. */
export interface ResolvedEngineOptions {
  readonly bodyLimit: number;
  readonly multipartLimit: number;
  readonly fileLimit: number;
  readonly maxParts: number;
  readonly handleMethodNotAllowed: boolean;
  readonly handleOptions: boolean;
  readonly router: RouterOptions;
  readonly openapi: OpenAPIOptions | false;
  readonly backtrackingPatterns: boolean;
  readonly closeTimeout: number;
  readonly responseCheck: ResponseCheck;
}

/** Fills in the defaults of {@link EngineOptions} (the logger and proxies are the host's). */
export function resolveEngineOptions(o: EngineOptions): ResolvedEngineOptions {
  return {
    bodyLimit: o.bodyLimit ?? 1048576,
    multipartLimit: o.multipartLimit ?? 33554432,
    fileLimit: o.fileLimit ?? 10485760,
    maxParts: o.maxParts ?? 1000,
    handleMethodNotAllowed: o.handleMethodNotAllowed ?? true,
    handleOptions: o.handleOptions ?? true,
    router: o.router ?? {},
    openapi: o.openapi ?? false,
    backtrackingPatterns: o.backtrackingPatterns ?? false,
    closeTimeout: o.closeTimeout ?? 10000,
    responseCheck: o.responseCheck ?? (process.env['NODE_ENV'] === 'production' ? 'log' : 'error'),
  };
}
