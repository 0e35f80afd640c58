// Go signatures for JavaScript functions. A plain JavaScript function is Go's
// `func(...interface{}) interface{}` that fails by throwing; a function given a signature with
// `withSignature` has its arguments converted and checked as Go's reflection-based call does.
import { Float64, NamedString, kindOf, typeName, TypedNil as NilOfType } from '../fmt/index.js';
import { NO_VALUE, type Value } from './value.js';

/**
 * A Go type name as the executor understands it: `int`, `int64`, `float64`, `string`, `bool`,
 * `interface {}`, `error`, slices (`[]int`), maps (`map[string]int`), pointers (`*main.Obj`),
 * funcs (`func(int, int) int`), named strings (`template.HTML`), and `reflect.Value` (any value,
 * even a missing one; used by the builtins).
 */
export type GoType = string;

/** The Go signature of a function. */
export interface Signature {
  /** Parameter types; when `variadic`, the last is the element type of the `...` parameter. */
  readonly params: readonly GoType[];
  readonly variadic: boolean;
  /** The result type (an `error` result is expressed by throwing). */
  readonly result: GoType;
  /** Whether the Go function also returns an error (for %T and `call`'s checks). */
  readonly returnsError?: boolean;
}

// `js` is a parameter of a plain JavaScript function: any value, float constants as numbers.
const UNTYPED: Signature = { params: ['js'], variadic: true, result: 'interface {}' };

const signatures = new WeakMap<object, Signature>();

/** Gives `fn` a Go signature: its arguments are then checked and converted as Go does. */
export function withSignature<F extends (...args: never[]) => unknown>(fn: F, signature: Signature): F {
  signatures.set(fn, signature);
  return fn;
}

/** The Go signature of a function (untyped functions are variadic `interface {}`). */
export function signatureOf(fn: object): Signature {
  return signatures.get(fn) ?? UNTYPED;
}

/** Whether a function was given an explicit signature. */
export function hasSignature(fn: object): boolean {
  return signatures.has(fn);
}

/** The Go spelling of a signature: `func(int, ...string) string`. */
export function signatureString(sig: Signature): string {
  const params = sig.params.map((p, i) => (sig.variadic && i === sig.params.length - 1 ? `...${p}` : p));
  const result = sig.returnsError ? ` (${sig.result}, error)` : sig.result === '' ? '' : ` ${sig.result}`;
  return `func(${params.join(', ')})${result}`;
}

/** Go's %T of any value, including typed functions and NO_VALUE. */
export function goTypeOf(v: Value): string {
  if (v === NO_VALUE) return '<nil>';
  if (typeof v === 'function') return hasSignature(v) ? signatureString(signatureOf(v)) : 'func(...interface {}) interface {}';
  return typeName(v);
}

/** A nil of a specific pointer, slice, map or func type (Go's typed nil), e.g. a nil `*main.Obj`. */
export class TypedNil extends NilOfType {
  /**
   * @param goType the Go type, such as `*main.Obj`
   * @param methods an object whose function properties are the type's methods, which Go can
   *   call on a nil pointer (they run with `this` bound to the TypedNil)
   */
  constructor(
    goType: GoType,
    readonly methods?: object,
  ) {
    super(goType);
  }
}

/** Whether a value is nil in Go's sense: JavaScript null/undefined, a TypedNil, or NO_VALUE. */
export function isNilValue(v: Value): boolean {
  return v === null || v === undefined || v === NO_VALUE || v instanceof NilOfType;
}

/** Whether Go's untyped nil can be assigned to the type. */
export function canBeNil(t: GoType): boolean {
  return (
    t === 'interface {}' ||
    t === 'reflect.Value' ||
    t === 'js' ||
    t === 'error' ||
    t.startsWith('[]') ||
    t.startsWith('map[') ||
    t.startsWith('*') ||
    t.startsWith('func(') ||
    t.startsWith('chan ')
  );
}

/** The zero value of a type, for missingkey=zero and index of a missing map key. */
export function zeroOf(t: GoType): Value {
  switch (t) {
    case 'int':
    case 'int64':
    case 'float64':
    case 'uint8':
    case 'int32':
      return 0;
    case 'string':
      return '';
    case 'bool':
      return false;
    default:
      // nil: interface {}, pointers, slices, maps and funcs.
      return null;
  }
}

/** The element type of a map or slice type name (`interface {}` when not a typed one). */
export function elemType(container: GoType): GoType {
  if (container.startsWith('[]')) return container.slice(2);
  if (container.startsWith('map[')) {
    let depth = 0;
    for (let i = 3; i < container.length; i++) {
      if (container[i] === '[') depth++;
      else if (container[i] === ']' && --depth === 0) return container.slice(i + 1);
    }
  }
  return 'interface {}';
}

/**
 * Go's validateType: the value converted to `type`, or the error text when it is not
 * assignable (`wrong type for value; expected int; got string`).
 */
export function assignable(v: Value, t: GoType): { ok: true; value: Value } | { ok: false; message: string } {
  if (t === 'reflect.Value') return { ok: true, value: v };
  if (t === 'js') return { ok: true, value: v === NO_VALUE ? null : v instanceof Float64 ? v.value : v };
  if (v === NO_VALUE || v === null || v === undefined) {
    if (canBeNil(t)) return { ok: true, value: t === 'interface {}' || v === NO_VALUE ? null : v };
    // A null inside data is a nil interface {} value; NO_VALUE is no value at all.
    return { ok: false, message: v === null ? `wrong type for value; expected ${t}; got interface {}` : `invalid value; expected ${t}` };
  }
  if (t === 'interface {}') return { ok: true, value: v };
  if (fits(v, t)) return { ok: true, value: v instanceof Float64 ? v.value : v };
  return { ok: false, message: `wrong type for value; expected ${t}; got ${goTypeOf(v)}` };
}

function fits(v: Value, t: GoType): boolean {
  switch (t) {
    case 'int':
      return kindOf(v) === 'int';
    case 'int64':
      return typeof v === 'bigint';
    case 'float64':
      // The deliberate JavaScript-number rule: every number is usable where Go wants float64.
      return typeof v === 'number' || v instanceof Float64;
    case 'string':
      return typeof v === 'string';
    case 'bool':
      return typeof v === 'boolean';
    case 'error':
      return v instanceof Error;
    default:
      if (v instanceof NamedString) return v.goType === t;
      return goTypeOf(v) === t;
  }
}
