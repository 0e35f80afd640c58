// The comparison builtins eq, ne, lt, le, gt, ge (Go's funcs.go), over the basic kinds.
// By the deliberate JavaScript-number rule, every number is one kind here, so `gt .Price 9.99`
// works for an integral Price; comparing a string with a number stays an error.
import { Complex128, Float64, NamedString, sprintf, TypedNil } from '../fmt/index.js';
import { goTypeOf, isNilValue } from './signature.js';
import { NO_VALUE, type Value } from './value.js';

/** A comparison failure; the executor reports it as `error calling eq: ...`. */
export class CompareError extends Error {}

type BasicKind = 'bool' | 'number' | 'string' | 'complex' | 'invalid';

function basicKind(v: Value): BasicKind {
  switch (typeof v) {
    case 'boolean':
      return 'bool';
    case 'number':
    case 'bigint':
      return 'number';
    case 'string':
      return 'string';
    default:
      if (v instanceof NamedString) return 'string';
      if (v instanceof Float64) return 'number';
      if (v instanceof Complex128) return 'complex';
      return 'invalid';
  }
}

function isZero(v: Value): boolean {
  return v === NO_VALUE || v === null || v === undefined;
}

function basicEqual(a: Value, b: Value, k: BasicKind): boolean {
  if (k === 'string') return String(a) === String(b);
  if (k === 'complex') return (a as Complex128).re === (b as Complex128).re && (a as Complex128).im === (b as Complex128).im;
  if (k === 'number') return Number(a) === Number(b) || (typeof a === 'bigint' && typeof b === 'bigint' && a === b);
  return a === b;
}

function isComparableType(v: Value): boolean {
  if (Array.isArray(v) || v instanceof Map || v instanceof Set || typeof v === 'function') return false;
  if (typeof v === 'object' && v !== null && Object.getPrototypeOf(v) === Object.prototype) return false;
  return !(typeof v === 'object' && v !== null && Object.getPrototypeOf(v) === null);
}

/** Go's eq: whether arg1 equals any of the others. */
export function eq(arg1: Value, ...rest: Value[]): boolean {
  if (rest.length === 0) throw new CompareError('missing argument for comparison');
  const k1 = basicKind(arg1);
  for (const arg of rest) {
    const k2 = basicKind(arg);
    let truth: boolean;
    if (k1 !== k2) {
      if (!isZero(arg1) && !isZero(arg)) throw new CompareError('incompatible types for comparison');
      truth = false;
    } else if (k1 !== 'invalid') {
      truth = basicEqual(arg1, arg, k1);
    } else {
      truth = compareOther(arg1, arg);
    }
    if (truth) return true;
  }
  return false;
}

function compareOther(a: Value, b: Value): boolean {
  if (isZero(a) || isZero(b)) return isNilValue(a) && isNilValue(b);
  if (isNilValue(a) || isNilValue(b)) {
    if (a instanceof TypedNil && b instanceof TypedNil) return a.goType === b.goType;
    return isNilValue(a) && isNilValue(b);
  }
  if (goTypeOf(a) !== goTypeOf(b) && (!isComparableType(a) || !isComparableType(b))) {
    throw new CompareError(`non-comparable types ${sprintf('%s', a)}: ${goTypeOf(a)}, ${goTypeOf(b)}: ${sprintf('%v', b)}`);
  }
  if (!isComparableType(b)) throw new CompareError(`non-comparable type ${sprintf('%s', b)}: ${goTypeOf(b)}`);
  return a === b;
}

/** Go's ne. */
export function ne(a: Value, b: Value): boolean {
  return !eq(a, b);
}

/** Go's lt over numbers and strings. */
export function lt(a: Value, b: Value): boolean {
  const k1 = basicKind(a);
  const k2 = basicKind(b);
  if (k1 === 'invalid' || k2 === 'invalid') throw new CompareError('invalid type for comparison');
  if (k1 !== k2) throw new CompareError('incompatible types for comparison');
  switch (k1) {
    case 'bool':
    case 'complex':
      throw new CompareError('invalid type for comparison');
    case 'string':
      return compareUtf8(String(a), String(b)) < 0;
    default:
      return (a as number) < (b as number);
  }
}

/** Go's le. */
export function le(a: Value, b: Value): boolean {
  return lt(a, b) || eq(a, b);
}

/** Go's gt. */
export function gt(a: Value, b: Value): boolean {
  return !le(a, b);
}

/** Go's ge. */
export function ge(a: Value, b: Value): boolean {
  return !lt(a, b);
}

/** Bytewise (UTF-8) order of two strings, which is code-point order. */
function compareUtf8(a: string, b: string): number {
  const x = Array.from(a);
  const y = Array.from(b);
  const n = Math.min(x.length, y.length);
  for (let i = 0; i < n; i++) {
    const d = (x[i]?.codePointAt(0) ?? 0) - (y[i]?.codePointAt(0) ?? 0);
    if (d !== 0) return d;
  }
  return x.length - y.length;
}
