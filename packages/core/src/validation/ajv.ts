import { createRequire } from 'node:module';
import type { FormatsPlugin } from 'ajv-formats';
import { linearFormats } from './formats.js';
import { linearRegExp, type RegExpEngine } from './linear-regexp.js';

// Both are CommonJS packages whose declared default export is not what NodeNext's default
// import yields, so they are loaded with require and typed from their own declarations.
const require = createRequire(import.meta.url);
const addFormats = require('ajv-formats') as FormatsPlugin;

/** An ajv 8 instance. */
export type Ajv = ReturnType<FormatsPlugin>;

interface AjvOptions {
  allErrors?: boolean;
  strict?: boolean;
  coerceTypes?: boolean | 'array';
  useDefaults?: boolean;
  strictNumbers?: boolean;
  code?: { regExp?: RegExpEngine };
}

type AjvConstructor = new (options: AjvOptions) => Ajv;

function loadAjv(): AjvConstructor {
  const mod = require('ajv') as AjvConstructor & { default?: AjvConstructor };
  return mod.default ?? mod;
}

const AjvClass = loadAjv();

/** How an ajv instance is made. */
export interface AjvMode {
  /** Turn strings into the schema's types, for parts that arrive as text (query, params, headers). */
  coerce: boolean;
  /** Run patterns the linear-time engine cannot express on JavaScript's RegExp instead of refusing them. */
  backtrackingPatterns: boolean;
}

/**
 * Creates an ajv instance with the formats of ajv-formats, every error reported, and schema
 * patterns run on a linear-time engine.
 */
export function createAjv(mode: AjvMode): Ajv {
  const ajv = new AjvClass({
    allErrors: true,
    strict: false,
    useDefaults: true,
    // NaN and Infinity are not numbers a request may carry.
    strictNumbers: true,
    coerceTypes: mode.coerce ? 'array' : false,
    code: { regExp: linearRegExp(mode.backtrackingPatterns) },
  });
  addFormats(ajv);
  for (const [name, check] of Object.entries(linearFormats())) ajv.addFormat(name, check);
  return ajv;
}
