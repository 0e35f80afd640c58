import { createRequire } from 'node:module';
import type { RE2JS } from 're2js';
import { jsToRe2 } from './js-to-re2.js';

const require = createRequire(import.meta.url);

/** What ajv needs of a compiled pattern: `test`, and a `toString` that tells patterns apart. */
export interface PatternMatcher {
  test(input: string): boolean;
  toString(): string;
}

/** The function ajv's `code.regExp` option takes. */
export type RegExpEngine = (pattern: string, flags: string) => PatternMatcher;

/**
 * Thrown while ajv compiles a schema whose pattern the linear-time engine cannot run
 * (lookahead, a backreference): turned into ERR_CORE_UNSAFE_PATTERN where the schema is compiled.
 */
export class UnsafePatternError extends Error {
  /** The pattern as the schema wrote it. */
  readonly pattern: string;

  /** Creates the error for `pattern`, with the linear engine's reason. */
  constructor(pattern: string, reason: string) {
    super(`pattern ${JSON.stringify(pattern)} cannot run in linear time (${reason})`);
    this.name = 'UnsafePatternError';
    this.pattern = pattern;
  }
}

type RE2Module = { RE2JS: typeof RE2JS };
let re2: RE2Module | undefined;

// Loaded on the first pattern, so an application without patterns never loads it.
function engine(): RE2Module {
  return (re2 ??= require('re2js') as RE2Module);
}

class LinearPattern implements PatternMatcher {
  readonly #re: RE2JS;
  readonly #source: string;

  constructor(re: RE2JS, source: string) {
    this.#re = re;
    this.#source = source;
  }

  // Hot path: one unanchored search per validated string, linear in its length.
  test(input: string): boolean {
    return this.#re.test(input);
  }

  toString(): string {
    return `re2:/${this.#source}/`;
  }
}

/**
 * The `code.regExp` engine for ajv: every pattern runs on re2js, a linear-time RE2 port, with
 * JavaScript's meaning (see jsToRe2). A pattern that is not valid JavaScript throws a
 * SyntaxError; one that RE2 cannot run throws UnsafePatternError, unless `backtracking` allows
 * it to run on JavaScript's own (backtracking) RegExp instead.
 */
export function linearRegExp(backtracking: boolean): RegExpEngine {
  return (pattern, flags) => {
    // JSON Schema patterns are ECMAScript regular expressions: refuse what JavaScript refuses.
    const native = new RegExp(pattern, flags);
    const { RE2JS } = engine();
    let re: RE2JS;
    try {
      re = RE2JS.compile(jsToRe2(pattern), RE2JS.LOOKBEHINDS);
    } catch (err) {
      if (backtracking) return native;
      throw new UnsafePatternError(pattern, err instanceof Error ? err.message : String(err));
    }
    // Builds the matcher's first states now rather than on the first request.
    re.test('');
    return new LinearPattern(re, pattern);
  };
}
