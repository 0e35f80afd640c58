// The public API of @sloe/core.

/** The package's version, as published. */
export const VERSION = '0.1.0';

export { Engine } from './engine.js';
export type { RouteDescription } from './engine.js';
export type { InjectOptions, InjectResponse, ListenOptions, Listening } from './serving.js';
export type { EngineOptions, OpenAPIOptions } from './options.js';
export { RouterGroup } from './group.js';
export type { RouteMethod } from './group.js';
export { Context } from './context.js';
export type { HandlerFunc, ParamsObject, Validated, NegotiateOffers, ContextVariables } from './context.js';
export type { RouteOptions, RouteSchema, RouteHandler, ValidOf } from './route.js';
export type { ParamNames, ParamsOf, JoinPath } from './route-params.js';
export type { Infer, JsonSchema, RequestPart } from './validation/schema.js';
export { CoreError, HttpError, ValidationError, coreErrorStatus } from './errors.js';
export type { CoreErrorCode, HttpErrorCode, HttpErrorOptions, ValidationIssue } from './errors.js';
export { logger } from './middleware/logger.js';
export type { LoggerOptions } from './middleware/logger.js';
export { recovery } from './middleware/recovery.js';
export { methodOverride } from './middleware/method-override.js';
export { cors } from './middleware/cors.js';
export type { CorsOptions, CorsOrigin } from './middleware/cors.js';
export { secureHeaders } from './middleware/secure-headers.js';
export type { SecureHeadersOptions, SecureHeaderSetting, ContentSecurityPolicy } from './middleware/secure-headers.js';
export { csrf } from './middleware/csrf.js';
export type { CsrfOptions, CsrfTokenOptions } from './middleware/csrf.js';
export { basicAuth } from './middleware/basic-auth.js';
export type { BasicAuthOptions } from './middleware/basic-auth.js';
export { bearerAuth } from './middleware/bearer-auth.js';
export type { BearerAuthOptions } from './middleware/bearer-auth.js';
export { jwt } from './middleware/jwt.js';
export type { JwtOptions, JwtCommonOptions, JwtAlgorithm, JwtPayload } from './middleware/jwt.js';
export type { CookieOptions } from './request/cookie.js';
export type { FormFile } from './request/form.js';
export { Form } from './request/form.js';
export type { BodyReader } from './request/body.js';
export type { EventStream, SSEEvent } from './render/sse.js';
export type { StaticOptions } from './static.js';
export type { TemplateSet } from './render/html.js';
export type { OpenAPIDocument } from './openapi.js';
export type { TransportName } from './transport.js';
export { rateLimit, MemoryRateLimitStore } from './middleware/rate-limit.js';
export type { RateLimitOptions, RateLimitStore, RateLimitHits } from './middleware/rate-limit.js';
