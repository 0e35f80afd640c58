/** Options of a {@link Router}; every field is optional and has the default named in its comment. */
export interface RouterOptions {
  /**
   * Match static text case-sensitively. When false, static parts match in any case (find-my-way's
   * `caseSensitive: false`) and param values keep the case they were sent in. Default `true`.
   */
  caseSensitive?: boolean;
  /**
   * Treat `/a/` and `/a` as the same route: one trailing slash is dropped from patterns and paths
   * before matching (no redirect). Default `false`.
   */
  ignoreTrailingSlash?: boolean;
  /**
   * `match` answers a `redirect` when the path only matches with a trailing slash added or removed.
   * Default `true`.
   */
  redirectTrailingSlash?: boolean;
  /**
   * `match` answers a `redirect` when the path only matches after cleaning (`//`, `/./`, `/../`) and
   * case folding of its static parts; with `redirectTrailingSlash` it may also fix the trailing slash.
   * Default `false`.
   */
  redirectFixedPath?: boolean;
  /**
   * The longest param value (in characters, before percent-decoding) that matches; longer values make
   * the route miss, and `match` answers `bad-request` when nothing else matched. Catch-all values are
   * not limited. Default `100`.
   */
  maxParamLength?: number;
  /**
   * `match` answers `method-not-allowed` (with the `allow` list) when the path exists under other
   * methods only; when false it answers `not-found`. Default `true`.
   */
  handleMethodNotAllowed?: boolean;
}

/** {@link RouterOptions} with every default applied. */
export type ResolvedOptions = Readonly<Required<RouterOptions>>;

/** Applies the defaults documented on {@link RouterOptions}. */
export function resolveOptions(options: RouterOptions = {}): ResolvedOptions {
  return Object.freeze({
    caseSensitive: options.caseSensitive ?? true,
    ignoreTrailingSlash: options.ignoreTrailingSlash ?? false,
    redirectTrailingSlash: options.redirectTrailingSlash ?? true,
    redirectFixedPath: options.redirectFixedPath ?? false,
    maxParamLength: options.maxParamLength ?? 100,
    handleMethodNotAllowed: options.handleMethodNotAllowed ?? true,
  });
}
