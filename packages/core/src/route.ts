import type { Context, HandlerFunc, ParamsObject, ResponseBodies, Validated } from './context.js';
import type { RouteInfo, RouteValidators } from './host.js';
import { declaredLengthCheck } from './body-limit.js';
import type { BodyLimits } from './request/body.js';
import type { RouteResponses } from './render/response-schema.js';
import type { BlankEnv, Env } from './env.js';
import type { Infer, JsonSchema, RequestPart } from './validation/schema.js';

/** Schemas for the parts of a request, plus response schemas for the OpenAPI document. */
export interface RouteSchema {
  /** The body (JSON, or a form as an object of fields). */
  body?: JsonSchema;
  /** The query string, as an object of strings (repeated names as arrays), coerced to the schema's types. */
  query?: JsonSchema;
  /** The route params, coerced to the schema's types. */
  params?: JsonSchema;
  /** The headers, with lower-case names. */
  headers?: JsonSchema;
  /**
   * Response schemas by status (`{ 200: User, 201: User }`): `c.json(status, body)` for a status
   * listed here is type-checked against its schema, serialized by a compiled serializer and
   * checked against the schema; the OpenAPI document publishes them.
   */
  response?: ResponseSchemas;
}

/** Response schemas by status code. */
export type ResponseSchemas = { [status: number]: JsonSchema };

/** Options given before a route's handlers: `app.post('/users', { schema: { body } }, handler)`. */
export interface RouteOptions<S extends RouteSchema = RouteSchema> {
  /** Schemas validated before the handlers run; invalid input gets 400. */
  schema?: S;
  /** A short summary for the OpenAPI document. */
  summary?: string;
  /** A description for the OpenAPI document. */
  description?: string;
  /** Tags for the OpenAPI document. */
  tags?: string[];
  /** The operationId for the OpenAPI document. */
  operationId?: string;
  /** Marks the operation deprecated in the OpenAPI document. Default false. */
  deprecated?: boolean;
  /**
   * The statuses the route answers, for the OpenAPI document, beyond those with a schema in
   * `schema.response`: a description, or one with the response's media types (default
   * `application/json` for a status with a schema) and headers. A status listed here without a
   * schema is documented without a body (204, 304, a redirect).
   */
  responses?: { [status: number]: string | ResponseDoc };
  /**
   * The request body's media types for the OpenAPI document. Default, with a body schema: the
   * types the route reads (`application/json`, `application/x-www-form-urlencoded`,
   * `multipart/form-data`); given, with or without a body schema, exactly these.
   */
  consumes?: readonly string[];
  /**
   * The request body for the OpenAPI document only, for a route that reads and checks its body
   * itself (with messages of its own) rather than through `schema.body`: published under
   * `consumes` (default `application/json`), never validated by the route. `schema.body` wins.
   */
  requestBody?: RequestBodyDoc;
  /**
   * The security requirements of the operation in the OpenAPI document, written by hand
   * (`[{ apiKey: [] }]`, the schemes in the Engine's `openapi.securitySchemes`). Default: those of
   * the auth middleware in front of the route; `[]` documents it as open.
   */
  security?: readonly Record<string, readonly string[]>[];
  /**
   * Let this route's schema patterns that the linear-time engine cannot express (lookahead,
   * backreferences) run on JavaScript's backtracking RegExp instead of failing at registration.
   * Only for patterns no client controls the cost of. Default: the Engine's `backtrackingPatterns` (false).
   */
  backtrackingPatterns?: boolean;
  /**
   * The largest body this route accepts, in bytes, whatever its type (JSON, text, forms);
   * a declared Content-Length over it is answered 413 before the handlers run. Default the
   * Engine's `bodyLimit` (and `multipartLimit` for multipart bodies). The Engine lets its
   * transport accept the largest limit of any route.
   */
  bodyLimit?: number;
  /** Leaves the route out of the OpenAPI document (pages, health checks). Default false. */
  hide?: boolean;
}

/** A request body as the OpenAPI document describes it, for a route that checks its body itself. */
export interface RequestBodyDoc {
  /** The body's schema. */
  schema: JsonSchema;
  /** What the body is. */
  description?: string;
}

/** A response of a route as the OpenAPI document describes it. */
export interface ResponseDoc {
  /** What the status means. */
  description: string;
  /** The body's media types. Default `application/json` when the status has a schema, else none. */
  mediaTypes?: readonly string[];
  /** The response headers it carries, by name. */
  headers?: Readonly<Record<string, { description?: string; schema?: JsonSchema }>>;
}

/** The validated parts of a route with schemas `S`, typed from TypeBox schemas. */
export type ValidOf<S extends RouteSchema> = { [K in keyof S & RequestPart]: Infer<S[K]> };

/**
 * The body types of a route's responses by status, from `schema.response`: a status with a
 * schema gets its static type (TypeBox, or a JSON Schema written `as const`); a route without
 * response schemas gets {@link ResponseBodies}, where every body is `unknown`.
 */
export type ResponsesOf<S extends RouteSchema> = S extends { response: infer R } ? { [K in keyof R & number]: Infer<R[K]> } & ResponseBodies : ResponseBodies;

/**
 * A typed handler of a route: its params from the pattern, its validated parts and response
 * bodies from the schema, its context values from the Engine's Env and the middleware before it.
 */
export type RouteHandler<P extends ParamsObject, V extends Validated = Validated, R extends ResponseBodies = ResponseBodies, E extends Env = BlankEnv> = (c: Context<P, V, R, E>) => void | Promise<void>;

/** A registered route: its method, full pattern, handlers and compiled validators. */
export class RouteEntry implements RouteInfo {
  /** The method (`GET`, or a custom one). */
  readonly method: string;
  /** The full pattern, group prefix included. */
  readonly pattern: string;
  /** The route's own handlers (after the group middleware). */
  readonly handlers: readonly HandlerFunc[];
  /** The group middleware, resolved when the chain is built. */
  readonly middleware: () => readonly HandlerFunc[];
  /** The route options. */
  readonly options: RouteOptions;
  /** The compiled validators, when the route declared schemas. */
  readonly validators: RouteValidators | undefined;
  /** The route's body limits. */
  readonly limits: BodyLimits;
  /** Whether the route has a `bodyLimit` option of its own. */
  readonly ownLimits: boolean;
  /** The route's response schemas, when it declared any. */
  readonly responses: RouteResponses | undefined;
  /** The step refusing a declared body over those limits, first after the group middleware. */
  readonly limitCheck: HandlerFunc;
  /** The whole chain, rebuilt when middleware is added. */
  chain: readonly HandlerFunc[] = [];
  /** The Engine's middleware version the chain was built for. */
  version = -1;

  /** Creates the route. */
  constructor(method: string, pattern: string, middleware: () => readonly HandlerFunc[], handlers: readonly HandlerFunc[], options: RouteOptions, validators: RouteValidators | undefined, limits: BodyLimits, responses?: RouteResponses) {
    this.method = method;
    this.pattern = pattern;
    this.middleware = middleware;
    this.handlers = handlers;
    this.options = options;
    this.validators = validators;
    this.limits = limits;
    this.ownLimits = options.bodyLimit !== undefined;
    this.responses = responses;
    this.limitCheck = declaredLengthCheck(limits);
  }
}
