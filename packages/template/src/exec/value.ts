// Values as the executor sees them: JavaScript values in Go's view (fmt's kindOf/typeName),
// plus NO_VALUE, Go's invalid reflect.Value (a missing map key), which prints `<no value>`.
import { Complex128, Float64, kindOf, sprint, stringValue, TypedNil, typeName } from '../fmt/index.js';

/** Go's invalid reflect.Value: the result of a missing map key or of field access on nil. */
export const NO_VALUE: unique symbol = Symbol('no value');

/** A value during execution: any JavaScript value, or NO_VALUE. */
export type Value = unknown;

/** A float constant's value as a plain number (Float64 boxes integral float constants). */
export function unboxFloat(v: Value): Value {
  return v instanceof Float64 ? v.value : v;
}

/**
 * An argument whose Go static type is interface {}: a value read from an untyped map. Go 1.19's
 * `slice` does not unwrap such an index (`index` does), so it refuses it.
 */
export class InterfaceArg {
  constructor(readonly value: Value) {}
}

/** Go's isTrue: whether a value is non-zero; `null` when it has no truth value. */
export function truth(v: Value): boolean | null {
  switch (typeof v) {
    case 'boolean':
      return v;
    case 'string':
      return v.length > 0;
    case 'number':
      return v !== 0;
    case 'bigint':
      return v !== 0n;
    case 'undefined':
      return false;
    case 'function':
      return true;
    case 'symbol':
      return v === NO_VALUE ? false : null;
    case 'object':
      return objectTruth(v);
  }
}

function objectTruth(v: object | null): boolean {
  if (v === null) return false;
  if (v instanceof Float64) return v.value !== 0;
  if (v instanceof Complex128) return v.re !== 0 || v.im !== 0;
  if (v instanceof TypedNil) return false;
  switch (kindOf(v)) {
    case 'slice':
      return sliceLength(v) > 0;
    case 'map':
      return v instanceof Map ? v.size > 0 : Object.keys(v).length > 0;
    case 'string':
      return (stringValue(v) ?? '').length > 0;
    default:
      return true;
  }
}

/** The length of a value of kind slice. */
export function sliceLength(v: object): number {
  if (v instanceof Set) return v.size;
  return (v as ArrayLike<unknown>).length;
}

/** Whether a value is Go's nil or an invalid value. */
export function isNilOrMissing(v: Value): boolean {
  return v === null || v === undefined || v === NO_VALUE;
}

/** Go's %T of a value, with `<nil>` for NO_VALUE too. */
export function goType(v: Value): string {
  if (v === NO_VALUE) return '<nil>';
  return typeName(v);
}

/** The text an action prints for a value (Go's printValue then fmt.Fprint). Hot path. */
export function printString(v: Value): string {
  if (typeof v === 'string') return v;
  if (typeof v === 'number' && Number.isSafeInteger(v) && !Object.is(v, -0)) return String(v);
  if (v === NO_VALUE) return '<no value>';
  return sprint(v);
}
