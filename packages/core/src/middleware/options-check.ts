import { CoreError } from '../errors.js';

/**
 * Checks a middleware factory's options: an object whose keys are all among `known`. Throws
 * `ERR_CORE_OPTIONS` naming the first unknown key, so a misspelt option fails at startup
 * instead of being silently ignored.
 */
export function checkOptions(name: string, options: unknown, known: readonly string[]): void {
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    throw new CoreError('ERR_CORE_OPTIONS', `${name}: options must be an object`);
  }
  for (const key of Object.keys(options)) {
    if (!known.includes(key)) throw new CoreError('ERR_CORE_OPTIONS', `${name}: unknown option "${key}" (known: ${known.join(', ')})`);
  }
}

/** Throws `ERR_CORE_OPTIONS` naming `key` when it is missing from `options`. */
export function requireOption(name: string, options: object, key: string, hint = ''): void {
  if ((options as Record<string, unknown>)[key] === undefined) {
    throw new CoreError('ERR_CORE_OPTIONS', `${name}: missing option "${key}"${hint === '' ? '' : ` (${hint})`}`);
  }
}

/** Throws `ERR_CORE_OPTIONS` with `message` unless `ok`. */
export function optionCheck(name: string, ok: boolean, message: string): void {
  if (!ok) throw new CoreError('ERR_CORE_OPTIONS', `${name}: ${message}`);
}
