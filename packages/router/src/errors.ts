/**
 * The codes a {@link RouteError} carries. Each is documented in the package README.
 *
 * - `ERR_ROUTER_DUPLICATE`: the method and pattern (or a pattern matching exactly the same paths) were added before.
 * - `ERR_ROUTER_CONFLICT`: the pattern cannot share the tree with an existing route, e.g. two param names
 *   or two catch-all names at the same position.
 * - `ERR_ROUTER_INVALID_PATTERN`: the pattern is malformed: empty param name, unclosed regex, text after a catch-all ...
 * - `ERR_ROUTER_INVALID_METHOD`: the method is not an HTTP token (RFC 9110 `tchar`s).
 */
export const ROUTE_ERROR_CODES = ['ERR_ROUTER_DUPLICATE', 'ERR_ROUTER_CONFLICT', 'ERR_ROUTER_INVALID_PATTERN', 'ERR_ROUTER_INVALID_METHOD'] as const;

/** One of {@link ROUTE_ERROR_CODES}. */
export type RouteErrorCode = (typeof ROUTE_ERROR_CODES)[number];

/** The one error class of the router: registration failures, each with a {@link RouteErrorCode}. Lookups never throw. */
export class RouteError extends Error {
  /** Machine-readable reason, see {@link RouteErrorCode}. */
  readonly code: RouteErrorCode;

  constructor(code: RouteErrorCode, message: string) {
    super(message);
    this.name = 'RouteError';
    this.code = code;
  }
}
