import type { Params } from './params.js';

/** What `find` returns for a match: the route's value, its params and its pattern as added. */
export interface Match<T> {
  /** The value the route was added with. */
  readonly value: T;
  /** The route's params, values in the order of the pattern, percent-decoded when read. */
  readonly params: Params;
  /** The pattern as added (an optional param keeps its `?`). */
  readonly pattern: string;
}

/** `match` found the route for the method and path. */
export interface Found<T> extends Match<T> {
  /** Discriminates the {@link Lookup}. */
  readonly kind: 'found';
}

/**
 * The path matches only with its trailing slash toggled, or (with `redirectFixedPath`) once cleaned
 * and case-folded. `status` is 301 for GET and 308 for every other method, so that the method and
 * body survive (httprouter's choice).
 */
export interface Redirect {
  /** Discriminates the {@link Lookup}. */
  readonly kind: 'redirect';
  /** The path to redirect to (without the query string, which the caller keeps). */
  readonly location: string;
  /** 301 for GET, 308 for every other method. */
  readonly status: 301 | 308;
}

/** The path exists under other methods only; `allow` lists them, sorted. */
export interface MethodNotAllowed {
  /** Discriminates the {@link Lookup}. */
  readonly kind: 'method-not-allowed';
  /** The methods the path has a route for, sorted: the `Allow` header. */
  readonly allow: readonly string[];
}

/** The path cannot be routed as sent: a malformed percent-escape, or a param longer than `maxParamLength`. */
export interface BadRequest {
  /** Discriminates the {@link Lookup}. */
  readonly kind: 'bad-request';
  /** Why, in a sentence fit for a 400 response. */
  readonly reason: string;
}

/** Nothing matches. */
export interface NotFound {
  /** Discriminates the {@link Lookup}. */
  readonly kind: 'not-found';
}

/** The full outcome of `match`, discriminated by `kind`. */
export type Lookup<T> = Found<T> | Redirect | MethodNotAllowed | BadRequest | NotFound;
