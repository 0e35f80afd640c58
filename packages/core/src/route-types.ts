// The routes a chain of registrations carries in its type, for `@sloe/client`:
// `const api = app.group('/api').get('/users/:id', ...).post('/users', ...)` gives `typeof api`
// a map from each full pattern to its methods and their schemas. Types only: nothing here runs.
import type { RouteSchema } from './route.js';

/**
 * The routes of a chain: full pattern → lower-case method → the route's schema
 * (`{ '/api/users/:id': { get: { response: { 200: User } } } }`). Chains merge by intersection.
 */
export type RouteMap = object;

/** One route as a {@link RouteMap}: the pattern, the lower-case method(s), the schema. */
export type RouteOf<Path extends string, Method extends string, S extends RouteSchema> = { [K in Path]: { [M in Method]: S } };

/** The methods `any()` registers, lower-case. */
export type AnyMethod = 'get' | 'post' | 'put' | 'patch' | 'head' | 'options' | 'delete' | 'connect' | 'trace';

/** The routes a chain carries: what `client<typeof api>()` reads. A chain's type holds them in `~routes`. */
export type RoutesOf<T> = T extends { readonly '~routes'?: infer R } ? NonNullable<R> : never;
