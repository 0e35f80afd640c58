import { createRequire } from 'node:module';
import type { FormatsPlugin } from 'ajv-formats';

// Both are CommonJS packages whose declared default export is not what NodeNext's default
// import yields, so they are loaded with require and typed from their own declarations.
const require = createRequire(import.meta.url);
const addFormats = require('ajv-formats') as FormatsPlugin;

/** An ajv 8 instance. */
export type Ajv = ReturnType<FormatsPlugin>;
/** A compiled ajv validator. */
export type ValidateFunction = ReturnType<Ajv['compile']>;
/** One ajv error. */
export type AjvError = NonNullable<ValidateFunction['errors']>[number];

interface AjvOptions {
  allErrors?: boolean;
  strict?: boolean;
  coerceTypes?: boolean | 'array';
  useDefaults?: boolean;
}

type AjvConstructor = new (options: AjvOptions) => Ajv;

function loadAjv(): AjvConstructor {
  const mod = require('ajv') as AjvConstructor & { default?: AjvConstructor };
  return mod.default ?? mod;
}

const AjvClass = loadAjv();

/**
 * Creates an ajv instance with the formats of ajv-formats. `coerce` turns strings into the
 * schema's types, for parts that arrive as text (query, params, headers).
 */
export function createAjv(coerce: boolean): Ajv {
  const ajv = new AjvClass({ allErrors: true, strict: false, useDefaults: true, coerceTypes: coerce ? 'array' : false });
  addFormats(ajv);
  return ajv;
}
