// The types that let context values flow to handlers: an Engine's declared Variables, and the
// values a middleware promises to set for the handlers after it. Types only: nothing here runs.
import type { HandlerFunc } from './context.js';

/**
 * What an application declares about its Contexts, as a type argument of the Engine:
 * `new Engine<{ Variables: { user: User } }>()`. With `Variables` declared, `c.get` and `c.set`
 * accept exactly those keys (and the {@link ContextVariables} of core's middleware): an unknown
 * key is a compile error.
 */
export interface Env {
  /** The values handlers share through `c.set` / `c.get`, by key. Declaring it closes the set of keys. */
  Variables?: object;
  /**
   * The values the middleware before a handler has set (from {@link Middleware} types). They
   * are typed for `c.get` without closing the set of keys.
   */
  Provided?: object;
}

/** The Env of an Engine declared without type arguments: no Variables, every key open. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- the empty Env, as Hono's BlankEnv
export type BlankEnv = {};

/** The values `c.get` knows for Env `E`: its declared Variables and those its middleware provided. */
export type KnownVariables<E extends Env> = (E extends { Variables: infer V } ? V : unknown) & (E extends { Provided: infer M } ? M : unknown);

/** The type of a key `c.get<T>(key)` may name freely: any string, unless `E` declares its Variables. */
export type OpenKey<E extends Env> = E extends { Variables: object } ? never : string;

/** `E` with the values `M` set by a middleware added to it. */
export type WithProvided<E extends Env, M extends object> = [keyof M] extends [never] ? E : E & { Provided: M };

/**
 * A middleware that sets the context values `M` for everything after it: `jwt()` is a
 * `Middleware<{ jwtPayload: JwtPayload }>`. Registered first on a route
 * (`app.get('/me', jwt(o), (c) => c.get('jwtPayload'))`) or with `use` in a chain
 * (`app.group('/api').use(jwt(o)).get(...)`), it makes `c.get(key)` typed, never undefined,
 * in the handlers after it. At run time it is a plain handler.
 */
export type Middleware<M extends object> = HandlerFunc & {
  /** The values the middleware sets; a marker for the type checker, never present at run time. */
  readonly '~provides'?: M;
};

/** Declares that `handler` sets the context values `M`: `provides<{ user: User }>()(loadUser)`. */
export function provides<M extends object>(): (handler: HandlerFunc) => Middleware<M> {
  return (handler) => handler;
}
