/**
 * The static type of a validated value, from its schema: TypeBox's `static`, or, for a plain
 * JSON Schema written `as const`, the type read from its keywords (`type`, `properties`,
 * `required`, `items`, `enum`, `const`, `anyOf`, `oneOf`). A property with a `default` is
 * present after validation (ajv fills it in), so it is typed as required. What the mapping
 * cannot read (a schema not written `as const`, `$ref`, `allOf`) is `unknown`.
 */
export type Infer<S> = S extends { static: infer T } ? T : FromSchema<S>;

/** Depth left before the mapping gives up (`unknown`), so a recursive schema type stays finite. */
type Depth = [never, 0, 1, 2, 3, 4, 5, 6, 7, 8, 9];

type FromSchema<S, D extends number = 9> = [D] extends [never]
  ? unknown
  : S extends { const: infer C }
    ? C
    : S extends { enum: readonly (infer E)[] }
      ? E
      : S extends { anyOf: readonly (infer A)[] }
        ? FromSchema<A, Depth[D]>
        : S extends { oneOf: readonly (infer O)[] }
          ? FromSchema<O, Depth[D]>
          : S extends { type: infer T }
            ? FromTypes<S, T, D>
            : unknown;

type FromTypes<S, T, D extends number> = T extends readonly (infer N)[] ? FromType<S, N, D> : FromType<S, T, D>;

type FromType<S, T, D extends number> = string extends T
  ? unknown
  : T extends 'string'
    ? string
    : T extends 'number' | 'integer'
      ? number
      : T extends 'boolean'
        ? boolean
        : T extends 'null'
          ? null
          : T extends 'array'
            ? S extends { items: infer I }
              ? FromSchema<I, Depth[D]>[]
              : unknown[]
            : T extends 'object'
              ? FromObject<S, D>
              : unknown;

/** The names of the properties present after validation: required, or with a default. */
type PresentKeys<S, P> = {
  [K in keyof P]: P[K] extends { default: unknown } ? K : S extends { required: readonly (infer R)[] } ? (K extends R ? K : never) : never;
}[keyof P];

type FromObject<S, D extends number> = S extends { properties: infer P }
  ? Flatten<{ -readonly [K in PresentKeys<S, P> & keyof P]: FromSchema<P[K], Depth[D]> } & { -readonly [K in Exclude<keyof P, PresentKeys<S, P>>]?: FromSchema<P[K], Depth[D]> }>
  : Record<string, unknown>;

type Flatten<T> = { [K in keyof T]: T[K] };
