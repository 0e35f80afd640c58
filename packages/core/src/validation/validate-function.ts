// What sloe reads of a compiled validator, declared here rather than taken from ajv's types, so
// that an application's type-checker does not load ajv's declarations through core's. ajv's
// own validators are assigned to these types where they are compiled (schema.ts), so the two
// cannot drift apart.

/** One error of a compiled validator: ajv's `ErrorObject`, as far as sloe reads it. */
export interface AjvError {
  /** The keyword that failed (`type`, `required`, `pattern`...). */
  keyword: string;
  /** A JSON Pointer to the failing value in the validated data. */
  instancePath: string;
  /** The keyword's parameters (`missingProperty` for `required`...). */
  params: Record<string, unknown>;
  /** What is wrong, in words. */
  message?: string;
}

/** A compiled validator: true when `data` passes; otherwise its `errors` say why. */
export interface ValidateFunction {
  /** Validates `data` (coercing or filling in defaults as the validator was compiled to). */
  (data: unknown): boolean;
  /** The errors of the last call that failed, or null. */
  errors?: AjvError[] | null;
  /** The schema it was compiled from. */
  readonly schema: unknown;
}
