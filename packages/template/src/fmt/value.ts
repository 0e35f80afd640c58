// How a JavaScript value is seen through Go's eyes: its kind (what the template engine and fmt
// dispatch on) and its type name (what %T and error messages print). The mapping is the one in
// DESIGN.md, "How JavaScript values are seen by templates".
import { Complex128, Float64, NamedString, TypedNil, goTypeName } from './gotypes.js';
import { compareKeys } from './mapsort.js';

/**
 * The Go kinds a JavaScript value can have. `int` is Go's `int` (an integral number in the
 * safe-integer range, not -0), `int64` a bigint, `float64` every other number or a
 * {@link Float64}, `complex128` a {@link Complex128}; `nil` is null, undefined or a
 * {@link TypedNil}.
 */
export type GoKind =
  | 'nil'
  | 'bool'
  | 'int'
  | 'int64'
  | 'float64'
  | 'complex128'
  | 'string'
  | 'slice'
  | 'map'
  | 'struct'
  | 'func';

/** The Go kind of a JavaScript value. Hot path: called for every value the engine prints. */
export function kindOf(v: unknown): GoKind {
  switch (typeof v) {
    case 'number':
      return isGoInt(v) ? 'int' : 'float64';
    case 'string':
      return 'string';
    case 'boolean':
      return 'bool';
    case 'bigint':
      return 'int64';
    case 'undefined':
      return 'nil';
    case 'function':
      return 'func';
    case 'symbol':
      return 'string';
    case 'object':
      if (v === null || v instanceof TypedNil) return 'nil';
      if (v instanceof Complex128) return 'complex128';
      if (v instanceof Float64) return 'float64';
      if (Array.isArray(v) || ArrayBuffer.isView(v) || v instanceof Set) return 'slice';
      if (v instanceof NamedString) return 'string';
      if (v instanceof Map || isPlainObject(v)) return 'map';
      return 'struct';
  }
}

/** Whether a number is a Go `int`: integral, within the safe-integer range, and not -0. */
export function isGoInt(n: number): boolean {
  return Number.isSafeInteger(n) && !Object.is(n, -0);
}

/** Whether a value is a plain object: its prototype is `Object.prototype` or `null`. */
export function isPlainObject(v: object): boolean {
  const proto: unknown = Object.getPrototypeOf(v);
  return proto === Object.prototype || proto === null;
}

/** Whether a value is Go's nil (JavaScript `null` or `undefined`). */
export function isNil(v: unknown): v is null | undefined {
  return v === null || v === undefined;
}

/**
 * The string content of a value of kind `string` (a string, a {@link NamedString}, or a symbol's
 * description), or `undefined` for any other value.
 */
export function stringValue(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (v instanceof NamedString) return v.value;
  if (typeof v === 'symbol') return v.description ?? '';
  return undefined;
}

/** The elements of a value of kind `slice`, in order. */
export function sliceElements(v: unknown): readonly unknown[] {
  if (Array.isArray(v)) return v;
  if (v instanceof Set) return [...v];
  if (ArrayBuffer.isView(v) && !(v instanceof DataView)) return Array.from(v as unknown as ArrayLike<unknown>);
  return [];
}

/**
 * The entries of a value of kind `map`, sorted by key as Go's fmt and range sort map keys:
 * numbers numerically, strings bytewise (UTF-8 order, which is code-point order), and keys of
 * different kinds grouped by kind.
 */
export function mapEntries(v: unknown): [unknown, unknown][] {
  let entries: [unknown, unknown][];
  if (v instanceof Map) entries = [...(v as Map<unknown, unknown>).entries()];
  else if (typeof v === 'object' && v !== null) entries = Object.entries(v);
  else return [];
  return entries.sort((a, b) => compareKeys(a[0], b[0]));
}

/** The fields of a value of kind `struct`: its own enumerable properties, in definition order. */
export function structFields(v: unknown): [string, unknown][] {
  return typeof v === 'object' && v !== null ? Object.entries(v) : [];
}

/**
 * The Go type name of a value, as %T prints it: `int`, `float64`, `int64`, `string`, `bool`,
 * `<nil>`, `[]interface {}`, `map[string]interface {}`, `main.Point` for an instance of class
 * `Point`, `*errors.errorString` for an Error, `func(...interface {}) interface {}` for a
 * function, or a {@link NamedString}'s own type.
 */
export function typeName(v: unknown): string {
  switch (kindOf(v)) {
    case 'nil':
      return v instanceof TypedNil ? v.goType : '<nil>';
    case 'bool':
      return 'bool';
    case 'complex128':
      return 'complex128';
    case 'int':
      return 'int';
    case 'int64':
      return 'int64';
    case 'float64':
      return 'float64';
    case 'string':
      return v instanceof NamedString ? v.goType : 'string';
    case 'func':
      return 'func(...interface {}) interface {}';
    case 'slice':
      return sliceTypeName(v);
    case 'map':
      return declaredTypeName(v) ?? 'map[string]interface {}';
    case 'struct':
      return declaredTypeName(v) ?? (v instanceof Error ? '*errors.errorString' : `main.${constructorName(v)}`);
  }
}

const typedArrayNames: Record<string, string> = {
  Uint8Array: '[]uint8',
  Uint8ClampedArray: '[]uint8',
  Int8Array: '[]int8',
  Uint16Array: '[]uint16',
  Int16Array: '[]int16',
  Uint32Array: '[]uint32',
  Int32Array: '[]int32',
  Float32Array: '[]float32',
  Float64Array: '[]float64',
  BigInt64Array: '[]int64',
  BigUint64Array: '[]uint64',
};

function sliceTypeName(v: unknown): string {
  const declared = declaredTypeName(v);
  if (declared !== undefined) return declared;
  if (ArrayBuffer.isView(v)) return typedArrayNames[constructorName(v)] ?? '[]uint8';
  return '[]interface {}';
}

/** The Go type name a value declares under {@link goTypeName}, if any. */
export function declaredTypeName(v: unknown): string | undefined {
  if (typeof v !== 'object' || v === null) return undefined;
  const name: unknown = (v as Record<symbol, unknown>)[goTypeName];
  return typeof name === 'string' ? name : undefined;
}

function constructorName(v: unknown): string {
  const ctor: unknown = (v as { constructor?: unknown }).constructor;
  return typeof ctor === 'function' && ctor.name !== '' ? ctor.name : 'struct';
}
