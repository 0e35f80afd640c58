// Go's pointer indirection before printing: html/template prints the struct a pointer points
// to, not `&{...}`, unless the pointer's type has a String or Error method.
import { declaredTypeName, goTypeName, kindOf } from '../fmt/index.js';

/** Whether a struct value is a Go Stringer or error (has `String`/`Error`, or its own toString). */
export function isStringerOrError(v: object): boolean {
  const r = v as { String?: unknown; Error?: unknown; toString?: unknown };
  return typeof r.String === 'function' || typeof r.Error === 'function' || v instanceof Error || r.toString !== Object.prototype.toString;
}

/**
 * Go's indirectToStringerOrError: a struct declared as a pointer type (`*main.Obj`) is
 * printed as the struct itself (`{7 ...}`, not `&{7 ...}`), unless it is a Stringer or error.
 */
export function indirectToStringerOrError(v: unknown): unknown {
  if (typeof v !== 'object' || v === null || kindOf(v) !== 'struct') return v;
  const name = declaredTypeName(v);
  if (name === undefined || !name.startsWith('*') || isStringerOrError(v)) return v;
  // Same prototype and fields, but typed as the struct rather than the pointer.
  const copy: object = Object.assign(Object.create(Object.getPrototypeOf(v) as object | null) as object, v);
  Object.defineProperty(copy, goTypeName, { value: name.slice(1) });
  return copy;
}
