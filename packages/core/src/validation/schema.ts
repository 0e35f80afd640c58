import { CoreError, ValidationError, type ValidationIssue } from '../errors.js';
import { createAjv, type Ajv, type AjvError, type ValidateFunction } from './ajv.js';

/** A JSON Schema: a plain object, or a TypeBox / json-schema-to-ts schema. */
export type JsonSchema = object;

/** The request parts a route may declare schemas for. */
export type RequestPart = 'body' | 'query' | 'params' | 'headers';

/** The static type a schema describes: TypeBox's `static`, else `unknown`. */
export type Infer<S> = S extends { static: infer T } ? T : unknown;

/**
 * Compiles schemas once and caches the validator per schema object, one ajv for bodies (types
 * kept as sent) and one for text parts (coerced from strings).
 */
export class SchemaCompiler {
  #body: Ajv | undefined;
  #text: Ajv | undefined;
  #cacheBody = new WeakMap<object, ValidateFunction>();
  #cacheText = new WeakMap<object, ValidateFunction>();

  /** The validator of `schema` for `part`, compiled on first use. Throws ERR_SCHEMA on a bad schema. */
  compile(schema: JsonSchema, part: RequestPart): ValidateFunction {
    const text = part !== 'body';
    const cache = text ? this.#cacheText : this.#cacheBody;
    let fn = cache.get(schema);
    if (fn !== undefined) return fn;
    const ajv = text ? (this.#text ??= createAjv(true)) : (this.#body ??= createAjv(false));
    try {
      fn = ajv.compile(schema);
    } catch (err) {
      throw new CoreError('ERR_SCHEMA', `invalid ${part} schema: ${err instanceof Error ? err.message : String(err)}`);
    }
    cache.set(schema, fn);
    return fn;
  }
}

/** Turns ajv's errors into the issues of the 400 body, naming each failing field. */
export function toIssues(part: RequestPart, errors: readonly AjvError[]): ValidationIssue[] {
  return errors.map((e) => {
    let path = e.instancePath;
    const missing = (e.params as { missingProperty?: unknown }).missingProperty;
    if (e.keyword === 'required' && typeof missing === 'string') path += `/${missing}`;
    return { in: part, path, message: e.message ?? `must pass "${e.keyword}"` };
  });
}

/** Validates `data` with `fn`, returning null or the validation error. */
export function check(fn: ValidateFunction, part: RequestPart, data: unknown): ValidationError | null {
  if (fn(data)) return null;
  return new ValidationError(toIssues(part, fn.errors ?? []));
}
