import { createRequire } from 'node:module';
import type { Logger } from 'pino';
import { ResponseMismatchError } from '../errors.js';
import type { ResponseCheck } from '../options.js';
import type { ValidateFunction } from '../validation/validate-function.js';
import { toIssues, type JsonSchema, type SchemaCompiler } from '../validation/schema.js';

/** A compiled serializer: a value to its JSON text, written as its schema says. */
type Serializer = (value: unknown) => string;
type BuildSerializer = (schema: JsonSchema) => Serializer;

const require = createRequire(import.meta.url);
let buildSerializer: BuildSerializer | undefined;

// fast-json-stringify is loaded on the first route with a response schema: an application
// without any never loads it.
function serializerFor(schema: JsonSchema): Serializer {
  buildSerializer ??= require('fast-json-stringify') as BuildSerializer;
  return buildSerializer(schema);
}

/** How a route's responses are checked against their schemas. */
export interface ResponseCheckOptions {
  /** `error`: a mismatch is a 500; `log`: logged once per route, sent as the schema says; `off`: not checked. */
  check: ResponseCheck;
  /** Compiles the checks with the Engine's ajv. */
  schemas: SchemaCompiler;
}

interface Compiled {
  serialize: Serializer;
  validate: ValidateFunction;
}

// At most this many fields are named in one mismatch.
const MAX_ISSUES = 10;

/**
 * The response schemas of one route: `c.json(status, body)` for a status listed here is
 * serialized by a compiled serializer, compiled on its first use, and checked first unless the
 * check is `off`. A check finds what ajv refuses in the body's JSON form and every field the
 * serializer would write differently, first of all those it would drop (a field the schema does
 * not declare), so what is sent is never silently other than what the handler gave.
 */
export class RouteResponses {
  readonly #route: string;
  readonly #schemas: Readonly<Record<string, JsonSchema>>;
  readonly #options: ResponseCheckOptions;
  readonly #compiled = new Map<number, Compiled>();
  #logged = false;

  /** The schemas of `route` (`GET /users/:id`), by status. */
  constructor(route: string, schemas: Readonly<Record<string, JsonSchema>>, options: ResponseCheckOptions) {
    this.#route = route;
    this.#schemas = schemas;
    this.#options = options;
  }

  /** True when `status` has a schema. */
  has(status: number): boolean {
    return Object.hasOwn(this.#schemas, status);
  }

  /**
   * The JSON text of `body` answered with `status` (which has a schema): checked unless the check
   * is off or has logged already for this route; throws ResponseMismatchError for a mismatch
   * when the check is `error`.
   */
  serialize(status: number, body: unknown, log: Logger): string {
    const c = this.#compile(status);
    const check = this.#options.check;
    if (check === 'off' || (check === 'log' && this.#logged)) return c.serialize(body);
    const { text, issues } = inspect(c, body);
    if (issues.length === 0 && text !== undefined) return text;
    const err = new ResponseMismatchError(this.#route, status, issues);
    if (check === 'error' || text === undefined) throw err;
    this.#logged = true;
    log.warn({ route: this.#route, status, fields: issues }, `${err.message}; sent as the schema says (logged once for the route)`);
    return text;
  }

  #compile(status: number): Compiled {
    let c = this.#compiled.get(status);
    if (c === undefined) {
      const schema = this.#schemas[status] as JsonSchema;
      c = { serialize: serializerFor(schema), validate: this.#options.schemas.compile(schema, 'body') };
      this.#compiled.set(status, c);
    }
    return c;
  }
}

/**
 * Checks `body` against a compiled schema: its JSON form (what JSON.stringify would send) must
 * pass ajv, and the serializer must write exactly that form back. Returns the serializer's text,
 * undefined when it could not write the body at all.
 */
function inspect(c: Compiled, body: unknown): { text: string | undefined; issues: string[] } {
  // c.json sends undefined as null.
  const plain: unknown = body === undefined ? null : JSON.parse(JSON.stringify(body));
  const issues = c.validate(plain) ? [] : toIssues('body', c.validate.errors ?? []).map((i) => `${i.path || '/'} ${i.message}`);
  let text: string | undefined;
  try {
    text = c.serialize(body);
  } catch (err) {
    issues.push(`/ cannot be serialized: ${err instanceof Error ? err.message : String(err)}`);
    return { text: undefined, issues };
  }
  const reported = new Set(issues.map((i) => i.slice(0, i.indexOf(' '))));
  for (const d of differences(plain, JSON.parse(text), '')) {
    if (!reported.has(d.slice(0, d.indexOf(' ')))) issues.push(d);
  }
  return { text, issues: issues.slice(0, MAX_ISSUES) };
}

/** Where the serializer's output (`written`) differs from the body's JSON form (`sent`), as JSON pointers. */
function differences(sent: unknown, written: unknown, path: string): string[] {
  if (isRecord(sent) && isRecord(written)) {
    const out: string[] = [];
    for (const [k, v] of Object.entries(sent)) {
      const p = `${path}/${escapePointer(k)}`;
      if (Object.hasOwn(written, k)) out.push(...differences(v, written[k], p));
      else out.push(`${p} is not in the schema: the serializer drops it`);
    }
    for (const k of Object.keys(written)) {
      if (!Object.hasOwn(sent, k)) out.push(`${path}/${escapePointer(k)} is written by the serializer though the body has none`);
    }
    return out;
  }
  if (Array.isArray(sent) && Array.isArray(written)) {
    if (sent.length !== written.length) return [`${path || '/'} has ${sent.length} items, the serializer writes ${written.length}`];
    return sent.flatMap((v, i) => differences(v, written[i], `${path}/${i}`));
  }
  if (Object.is(sent, written)) return [];
  return [`${path || '/'} is written as ${JSON.stringify(written)}, not ${JSON.stringify(sent)}`];
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function escapePointer(token: string): string {
  return token.replace(/~/g, '~0').replace(/\//g, '~1');
}
