// Query strings and header values from the plain objects a call is given.

/** A value of a query parameter: a repeated parameter is an array; undefined and null leave it out. */
export type QueryValue = string | number | boolean | null | undefined | readonly (string | number | boolean)[];

/** Appends `query` to `url`'s search params, arrays as repeated names, in the object's order. */
export function appendQuery(url: URL, query: Readonly<Record<string, unknown>> | undefined): void {
  if (query === undefined) return;
  for (const [name, value] of Object.entries(query)) {
    if (value === undefined || value === null) continue;
    const values: readonly unknown[] = Array.isArray(value) ? value : [value];
    for (const v of values) url.searchParams.append(name, text(v));
  }
}

/** Sets each defined header of `given` on `headers`, values written as text. */
export function setHeaders(headers: Headers, given: Readonly<Record<string, unknown>> | undefined): void {
  if (given === undefined) return;
  for (const [name, value] of Object.entries(given)) {
    if (value !== undefined && value !== null) headers.set(name, text(value));
  }
}

// A value as text: scalars as String() writes them, anything else (an object a schema allowed) as JSON.
function text(value: unknown): string {
  return typeof value === 'object' && value !== null ? JSON.stringify(value) : String(value);
}
