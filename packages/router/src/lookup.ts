/** What `find` returns for a match: the route's value, its decoded params and its pattern as added. */
export interface Match<T> {
  readonly value: T;
  readonly params: Record<string, string>;
  readonly pattern: string;
}

/** `match` found the route for the method and path. */
export interface Found<T> extends Match<T> {
  readonly kind: 'found';
}

/**
 * The path matches only with its trailing slash toggled, or (with `redirectFixedPath`) once cleaned
 * and case-folded. `status` is 301 for GET and 308 for every other method, so that the method and
 * body survive (httprouter's choice).
 */
export interface Redirect {
  readonly kind: 'redirect';
  readonly location: string;
  readonly status: 301 | 308;
}

/** The path exists under other methods only; `allow` lists them, sorted. */
export interface MethodNotAllowed {
  readonly kind: 'method-not-allowed';
  readonly allow: readonly string[];
}

/** The path cannot be routed as sent: a malformed percent-escape, or a param longer than `maxParamLength`. */
export interface BadRequest {
  readonly kind: 'bad-request';
  readonly reason: string;
}

/** Nothing matches. */
export interface NotFound {
  readonly kind: 'not-found';
}

/** The full outcome of `match`, discriminated by `kind`. */
export type Lookup<T> = Found<T> | Redirect | MethodNotAllowed | BadRequest | NotFound;
