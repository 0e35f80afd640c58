// Route parameter names read from a pattern at the type level, so `c.param('id')` is known to
// exist on `/users/:id`. Names end at `/`, `(` (a regex constraint), `-` or `.` (several
// params in one segment, `/:from-:to`) or `?` (an optional last segment, `/posts/:id?`, whose
// params may be absent); `*name` is a catch-all and a bare `*` is named `*`. `\:` and `::` are
// literal colons: they start no param.

type Cut<S extends string, D extends string> = S extends `${infer H}${D}${string}` ? H : S;
type NameOf<R extends string> = Cut<Cut<Cut<Cut<Cut<R, '/'>, '('>, '-'>, '.'>, '?'>;
type After<R extends string> = R extends `${NameOf<R>}${infer T}` ? T : '';
type WildName<W extends string> = W extends '' ? '*' : Cut<W, '/'>;
/**
 * The pattern with each literal colon made a "." (which neither starts nor continues a name);
 * `\:` first, so that in `\::x` the second colon still starts a param.
 */
type Unescape<P extends string> = P extends `${infer H}\\:${infer T}`
  ? Unescape<`${H}.${T}`>
  : P extends `${infer H}::${infer T}`
    ? Unescape<`${H}.${T}`>
    : P;
/** The param names of a pattern without literal colons. */
type Names<P extends string> = P extends `${string}:${infer Rest}`
  ? NameOf<Rest> | Names<After<Rest>>
  : P extends `${string}*${infer W}`
    ? WildName<W>
    : never;

/** The text after the last `/`. */
type LastSegment<P extends string> = P extends `${string}/${infer T}` ? LastSegment<T> : P;
/** The pattern before the "?" of an optional last segment (`/posts/:id?`, `/posts/:id?/`), or ''. */
type BeforeOptional<P extends string> = P extends `${infer H}?/` ? H : P extends `${infer H}?` ? H : '';
/** The names in `S` when it is a segment of params. */
type OptionalIn<S extends string> = S extends `:${string}` ? Names<S> : never;
/** The names of the params that may be absent: those of an optional last segment. */
type OptionalNames<P extends string> = OptionalIn<LastSegment<BeforeOptional<P>>>;
/** An intersection of object types as one object type. */
type Flatten<T> = { [K in keyof T]: T[K] };

/** The names of the params in a route pattern, as a union of string literals. */
export type ParamNames<P extends string> = Names<Unescape<P>>;

/**
 * The params object of a route pattern: a param of an optional last segment (`/posts/:id?`) is an
 * optional property. Any string pattern known only at run time gives a record. A pattern
 * without a "?" (most) skips looking for optional params: every registration and every client
 * call of a route evaluates this once per pattern.
 */
export type ParamsOf<P extends string> = string extends P
  ? Record<string, string>
  : P extends `${string}?${string}`
    ? Flatten<{ [K in Exclude<ParamNames<P>, OptionalNames<Unescape<P>>>]: string } & { [K in OptionalNames<Unescape<P>>]?: string }>
    : { [K in ParamNames<P>]: string };

/** Joins a group prefix and a route path the way the Engine does (`/v1` + `/users` = `/v1/users`). */
export type JoinPath<A extends string, B extends string> = A extends `${infer H}/` ? (B extends `/${infer T}` ? `${H}/${T}` : `${A}${B}`) : B extends `/${string}` ? `${A}${B}` : B extends '' ? A : `${A}/${B}`;

/** Joins two paths at run time: one slash between them, a trailing slash of `b` kept. */
export function joinPaths(a: string, b: string): string {
  if (b === '') return a === '' ? '/' : a;
  if (a === '' || a === '/') return b.startsWith('/') ? b : `/${b}`;
  if (a.endsWith('/')) return b.startsWith('/') ? a + b.slice(1) : a + b;
  return b.startsWith('/') ? a + b : `${a}/${b}`;
}
