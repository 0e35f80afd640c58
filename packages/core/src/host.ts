import type { Logger } from 'pino';
import type { EngineStats } from './serving.js';
import type { Keyring } from './cookies/keyring.js';
import type { TrustedProxies } from './request/client-ip.js';
import type { BodyLimits } from './request/body.js';
import type { RouteResponses } from './render/response-schema.js';
import type { RequestPart, SchemaCompiler } from './validation/schema.js';
import type { ValidateFunction } from './validation/validate-function.js';

/**
 * The validators compiled for a route's declared parts; `form` is the body schema compiled to
 * coerce text fields, for urlencoded and multipart bodies.
 */
export type RouteValidators = Partial<Record<RequestPart | 'form', ValidateFunction>>;

/** What a Context knows of its route. */
export interface RouteInfo {
  /** The full pattern, group prefix included. */
  readonly pattern: string;
  /** The compiled validators, when the route declared schemas. */
  readonly validators: RouteValidators | undefined;
  /** The body limits of the route: the Engine's, or the route's own `bodyLimit`. */
  readonly limits: BodyLimits;
  /** Whether those limits are the route's own `bodyLimit` option. */
  readonly ownLimits: boolean;
  /** The route's response schemas, when it declared any. */
  readonly responses: RouteResponses | undefined;
}

/** What a Context needs from its Engine. */
export interface ContextHost {
  readonly limits: BodyLimits;
  readonly trustedProxies: TrustedProxies;
  readonly logger: Logger;
  readonly schemas: SchemaCompiler;
  /** The signing keys, when the Engine was given `keys`. */
  readonly keys: Keyring | undefined;
  renderHTML(name: string, data: unknown): string;
  /** The Engine's counts (requests in flight, its servers' connections and parse errors); one function per Engine. */
  readonly stats: () => EngineStats;
  nextRequestId(): string;
}
