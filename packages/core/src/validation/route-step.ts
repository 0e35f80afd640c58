import { Context, type Validated } from '../context.js';
import { HttpError, type ValidationError } from '../errors.js';
import type { Request } from '../http/contract.js';
import { bodyKind } from '../request/content-type.js';
import type { ValidateFunction } from './validate-function.js';
import { check, type RequestPart } from './schema.js';

/**
 * The step the Engine puts before a route's own handlers when the route declared schemas:
 * validates params, query, headers and body in that order; the first failing part is answered
 * (400, or 413/415 for an unreadable body) and the chain aborted.
 */
export async function validateRoute(c: Context): Promise<void> {
  const v = Context.validatorsOf(c);
  if (v === undefined) return;
  const valid: Validated = {};
  let failure: ValidationError | null = null;
  if (v.params !== undefined) failure = part(v.params, 'params', { ...c.params }, valid);
  if (failure === null && v.query !== undefined) failure = part(v.query, 'query', queryObject(c.queryParams), valid);
  if (failure === null && v.headers !== undefined) failure = part(v.headers, 'headers', headerObject(c.req), valid);
  if (failure === null && v.body !== undefined) {
    let data: unknown;
    try {
      data = await c.body.parsed();
    } catch (err) {
      if (!(err instanceof HttpError)) throw err;
      c.abortWithError(err);
      return;
    }
    // A form's fields are text: they are coerced to the schema's types, as a query string is.
    const form = v.form !== undefined && isForm(c.req);
    failure = part(form ? v.form : v.body, 'body', data, valid, form);
  }
  if (failure !== null) {
    c.abortWithError(failure);
    return;
  }
  Context.setValid(c, valid);
}

function part(fn: ValidateFunction | undefined, name: RequestPart, data: unknown, into: Validated, coerced = name !== 'body'): ValidationError | null {
  if (fn === undefined) return null;
  const failure = check(fn, name, data, coerced);
  if (failure === null) into[name] = data;
  return failure;
}

function isForm(r: Request): boolean {
  const kind = bodyKind(r.headers.get('content-type'));
  return kind === 'urlencoded' || kind === 'multipart';
}

/**
 * The query as a plain object for a schema: one value gives a string, several an array. Built
 * through a Map, so names such as `toString` or `__proto__` are own properties like any other.
 */
function queryObject(q: URLSearchParams): Record<string, string | string[]> {
  const out = new Map<string, string | string[]>();
  for (const [k, v] of q) {
    const prev = out.get(k);
    if (prev === undefined) out.set(k, v);
    else if (typeof prev === 'string') out.set(k, [prev, v]);
    else prev.push(v);
  }
  return Object.fromEntries(out);
}

/** The headers as a plain object with lower-case names (first value of each), for a schema. */
function headerObject(r: Request): Record<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of r.headers) {
    const name = k.toLowerCase();
    if (!out.has(name)) out.set(name, v);
  }
  return Object.fromEntries(out);
}
