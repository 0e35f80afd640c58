/**
 * A security scheme of the OpenAPI document (`components.securitySchemes`): HTTP
 * authentication (`basic`, `bearer`), an API key, OAuth 2 or OpenID Connect.
 */
export type SecurityScheme =
  | { type: 'http'; scheme: string; bearerFormat?: string; description?: string }
  | { type: 'apiKey'; name: string; in: 'header' | 'query' | 'cookie'; description?: string }
  | { type: 'openIdConnect'; openIdConnectUrl: string; description?: string }
  | { type: 'oauth2'; flows: { [flow: string]: { authorizationUrl?: string; tokenUrl?: string; refreshUrl?: string; scopes: Record<string, string> } }; description?: string };

/** What a middleware tells the OpenAPI document about every route it runs in front of. */
export interface MiddlewareDoc {
  /** The statuses it can answer itself, each with what it means (`{ 401: 'No valid credentials' }`). */
  responses?: Readonly<Record<number, string>>;
  /** Methods on which it never answers those statuses (CSRF checks skip the safe methods). Default none. */
  skipMethods?: readonly string[];
  /** The security scheme it checks, under the name the document gives it. */
  security?: { name: string; scheme: SecurityScheme };
}

// Keyed by the middleware function itself: the metadata lives and dies with it.
const docs = new WeakMap<object, MiddlewareDoc>();

/**
 * Attaches `doc` to a middleware function and returns the function: the OpenAPI document then
 * lists the statuses it answers and the security scheme it checks on every route behind it.
 * Core's own middleware (basicAuth, bearerAuth, jwt, csrf, rateLimit) describe themselves.
 */
export function documentMiddleware<F extends object>(middleware: F, doc: MiddlewareDoc): F {
  docs.set(middleware, doc);
  return middleware;
}

/** What `middleware` declared with {@link documentMiddleware}, if anything. */
export function middlewareDoc(middleware: object): MiddlewareDoc | undefined {
  return docs.get(middleware);
}
