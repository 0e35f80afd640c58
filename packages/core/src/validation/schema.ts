import { CoreError, ValidationError, type ValidationIssue } from '../errors.js';
import { createAjv, type Ajv } from './ajv.js';
import type { AjvError, ValidateFunction } from './validate-function.js';
import { prepareFormats } from './formats.js';
import { surrogateIssues } from './lone-surrogates.js';
import { coercionIssues, snapshot } from './text-numbers.js';
import { UnsafePatternError } from './linear-regexp.js';

/** A JSON Schema: a plain object, or a TypeBox / json-schema-to-ts schema. */
export type JsonSchema = object;

/** The request parts a route may declare schemas for. */
export type RequestPart = 'body' | 'query' | 'params' | 'headers';

export type { Infer } from './infer.js';

/**
 * Compiles schemas once and caches the validator per schema object: one ajv for bodies (types
 * kept as sent) and one for text parts (coerced from strings), each in a strict variant (a
 * pattern that needs backtracking is refused) and, made only when asked for, a lenient one.
 */
export class SchemaCompiler {
  readonly #backtracking: boolean;
  readonly #ajv = new Map<string, Ajv>();
  readonly #cache = new Map<string, WeakMap<object, ValidateFunction>>();

  readonly #loneSurrogates: boolean;

  /**
   * `backtrackingPatterns` is the default of every compile, `allowLoneSurrogates` lets strings
   * with lone surrogates pass (EngineOptions of the same names).
   */
  constructor(options: { backtrackingPatterns?: boolean; allowLoneSurrogates?: boolean } = {}) {
    this.#backtracking = options.backtrackingPatterns ?? false;
    this.#loneSurrogates = options.allowLoneSurrogates ?? false;
  }

  /**
   * The validator of `schema` for `part` (`form`: a body schema applied to a form), compiled on first use. Throws ERR_CORE_SCHEMA on a bad
   * schema, ERR_CORE_UNSAFE_PATTERN on a pattern the linear engine cannot run unless
   * `backtrackingPatterns` allows it.
   */
  compile(schema: JsonSchema, part: RequestPart | 'form', backtrackingPatterns = this.#backtracking): ValidateFunction {
    // Everything but a JSON body arrives as text: forms, query, params and headers are coerced.
    const coerce = part !== 'body';
    const key = `${coerce ? 'text' : 'body'}:${backtrackingPatterns ? 'backtracking' : 'linear'}`;
    let cache = this.#cache.get(key);
    if (cache === undefined) this.#cache.set(key, (cache = new WeakMap()));
    let fn = cache.get(schema);
    if (fn !== undefined) return fn;
    let ajv = this.#ajv.get(key);
    if (ajv === undefined) this.#ajv.set(key, (ajv = createAjv({ coerce, backtrackingPatterns })));
    try {
      fn = ajv.compile(schema);
    } catch (err) {
      if (err instanceof UnsafePatternError) {
        throw new CoreError('ERR_CORE_UNSAFE_PATTERN', `${part} schema: ${err.message}; rewrite it without lookahead or backreferences, or set the route option backtrackingPatterns: true`);
      }
      throw new CoreError('ERR_CORE_SCHEMA', `invalid ${part} schema: ${err instanceof Error ? err.message : String(err)}`);
    }
    prepareFormats(schema);
    if (this.#loneSurrogates) surrogatesAllowed.add(fn);
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

// The validators compiled by an Engine with allowLoneSurrogates.
const surrogatesAllowed = new WeakSet<ValidateFunction>();

/**
 * Validates `data` with `fn`, returning null or the validation error listing every failing
 * field. Beyond the schema: a string with a lone surrogate fails (unless the Engine allows
 * them), and, for text (`coerced`: query, params, headers, forms), a number ajv read from text
 * that is not plain decimal or not exact (see coercionIssues).
 */
export function check(fn: ValidateFunction, part: RequestPart, data: unknown, coerced = part !== 'body'): ValidationError | null {
  const before = coerced ? snapshot(data) : undefined;
  const issues = fn(data) ? [] : toIssues(part, fn.errors ?? []);
  if (coerced) issues.push(...coercionIssues(fn.schema, part, before, data));
  if (!surrogatesAllowed.has(fn)) surrogateIssues(part, data, '', issues);
  return issues.length === 0 ? null : new ValidationError(issues);
}
