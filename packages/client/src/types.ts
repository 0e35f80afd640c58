// The client's type: the routes a chain carries (`RoutesOf<typeof api>`, a map from full
// pattern to methods to schemas) as a tree of path segments, built one level at a time when a
// property is read, so checking a call costs the segments it walks, not the whole route set.
import type { Infer, ParamsOf, RoutesOf } from '@sloe/core';
import type { QueryValue } from './query.js';
import type { ResponseOf, UntypedResponse } from './response.js';

/**
 * The client of `T`, a chain of registrations (`typeof api`): `client.api.users[':id'].$get(...)`.
 * A chain that carries no routes (statement-style registration) gives an {@link UntypedClient}.
 */
export type Client<T> = [RoutesOf<T>] extends [never] ? UntypedClient : [keyof RoutesOf<T>] extends [never] ? UntypedClient : ClientNode<RoutesOf<T>, '', keyof RoutesOf<T> & string>;

/**
 * The node of the routes `R` at path `P`: its methods as `$get`, `$post`..., its child segments
 * as properties. `K` holds the patterns at or under `P` only, so that a node looks through the
 * routes of its own subtree (a few) rather than through every route of the API.
 *
 * The children are keyed by remapping each pattern of `K` to its segment after `P`: the patterns
 * that share a segment become that child's `K` in one pass over `K`, where filtering `K` for each
 * child went over every pattern of the node once per child.
 */
export type ClientNode<R, P extends string, K extends string> = Endpoints<R, P extends '' ? '/' : P> & {
  readonly [Q in K as ChildSegment<Q, P>]: ClientNode<R, `${P}/${ChildSegment<Q, P>}`, Q>;
};

/** The segment after `P` of each pattern under it (the root's own `/` is not a child). */
type ChildSegment<K extends string, P extends string> = K extends `${P}/${infer S}/${string}` ? S : K extends `${P}/${infer S}` ? (P extends '' ? Exclude<S, ''> : S) : never;

/**
 * The methods of the pattern `P`, when it is a route. (Checked against the route set itself: its
 * intersection with the node's patterns `K` was a cross product of two unions of patterns.)
 */
type Endpoints<R, P extends string> = P extends keyof R ? { readonly [M in keyof R[P] & string as `$${M}`]: Endpoint<R[P][M], P> } : unknown;

/** A call of one route: the input it needs, fetch options, and the typed answer. */
export type Endpoint<S, Path extends string> = Call<Input<S, Path>, ResponseOf<S>>;

/**
 * A call given input `I`, optional when nothing in it is required, answering `O`. Two function
 * types rather than one with a rest parameter typed by a conditional tuple, cheaper to check a call against.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- an input with nothing required
type Call<I, O> = {} extends I ? (input?: I, init?: RequestInit) => Promise<O> : (input: I, init?: RequestInit) => Promise<O>;

/** What a call of a route with schema `S` and pattern `Path` is given. */
export type Input<S, Path extends string> = ParamInput<Path> & QueryInput<S> & HeaderInput<S> & BodyInput<S>;

/** `param`: the pattern's params, numbers allowed (written as text). */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- a pattern without params takes none
type ParamInput<Path extends string> = [keyof ParamsOf<Path>] extends [never] ? {} : { param: { [K in keyof ParamsOf<Path>]: ParamsOf<Path>[K] | number } };

/** `query`: typed by the query schema (required when the schema requires something), else any values. */
type QueryInput<S> = S extends { query: infer Q } ? Part<'query', Sent<Q>> : { query?: Readonly<Record<string, QueryValue>> };

/** `header`: typed by the headers schema, else any values. */
type HeaderInput<S> = S extends { headers: infer H } ? Part<'header', Sent<H>> : { header?: Readonly<Record<string, string>> };

/** `json`: the body, typed by the body schema; a route without one takes any JSON body. */
type BodyInput<S> = S extends { body: infer B } ? { json: Sent<B> } : { json?: unknown };

/**
 * What a client sends for schema `S`: its validated type (core's `Infer`), except that a property
 * with a `default` may be left out, since the server fills it in.
 */
type Sent<S> = [Defaulted<S> & keyof Infer<S>] extends [never] ? Infer<S> : Loosen<Infer<S>, Defaulted<S> & keyof Infer<S>>;

/** The names of the properties of `S` that have a `default`. */
type Defaulted<S> = S extends { properties: infer P } ? { [K in keyof P]: P[K] extends { default: unknown } ? K : never }[keyof P] : never;

/** `T` with the properties `K` optional. */
type Loosen<T, K extends keyof T> = Pick<T, Exclude<keyof T, K>> & { [P in K]?: T[P] };

/** A part of the input under `K`, optional when nothing in `T` is required. */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- nothing required
type Part<K extends string, T> = {} extends T ? { [P in K]?: T } : { [P in K]: T };

/** The input of a call on an {@link UntypedClient}. */
export interface UntypedInput {
  /** Values for the `:name` and `*name` segments of the path. */
  param?: Readonly<Record<string, string | number | boolean | undefined>>;
  /** The query string. */
  query?: Readonly<Record<string, QueryValue>>;
  /** Request headers. */
  header?: Readonly<Record<string, string>>;
  /** A body sent as JSON. */
  json?: unknown;
}

/** A call on an {@link UntypedClient}. */
export type UntypedEndpoint = (input?: UntypedInput, init?: RequestInit) => Promise<UntypedResponse>;

/**
 * The client of an app whose routes are not carried by its type (registered as statements):
 * any segment, any `$method`, bodies and answers unknown.
 */
export interface UntypedClient {
  /** A path segment (`client.api.users[':id']`), or a call (`.$get(input)`). */
  readonly [segment: string]: UntypedClient & UntypedEndpoint;
}
