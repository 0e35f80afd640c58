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
    // Errors about a property that is absent (required) or not allowed (additionalProperties)
    // are reported by ajv at the parent object: name the property itself.
    const params = e.params as { missingProperty?: unknown; additionalProperty?: unknown };
    const field = e.keyword === 'required' ? params.missingProperty : e.keyword === 'additionalProperties' ? params.additionalProperty : undefined;
    if (typeof field === 'string') path += `/${escapePointer(field)}`;
    return { in: part, path, message: e.message ?? `must pass "${e.keyword}"` };
  });
}

/** Escapes one JSON Pointer reference token (RFC 6901). */
function escapePointer(token: string): string {
  return token.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** Validates `data` with `fn`, returning null or the validation error. */
export function check(fn: ValidateFunction, part: RequestPart, data: unknown): ValidationError | null {
  if (fn(data)) return null;
  return new ValidationError(toIssues(part, fn.errors ?? []));
}
