// The predefined template functions (Go's builtins()). `and` and `or` short-circuit, so the
// executor evaluates them itself; they are listed here for their signatures and for `call`.
import { kindOf, sliceElements, sprint, sprintf, sprintln, stringValue, TypedNil } from '../fmt/index.js';
import { eq, ge, gt, le, lt, ne } from './compare.js';
import { htmlBuiltin, jsBuiltin, urlqueryBuiltin } from './escape.js';
import {
  assignable,
  canBeNil,
  elemType,
  goTypeOf,
  isNilValue,
  signatureOf,
  withSignature,
  zeroOf,
  type GoType,
  type Signature,
} from './signature.js';
import { InterfaceArg, NO_VALUE, sliceLength, truth, type Value } from './value.js';

/** A builtin failed; the executor reports `error calling NAME: message`. */
export class BuiltinError extends Error {}

const V = 'reflect.Value';
const sig = (params: GoType[], variadic: boolean, result = 'interface {}'): Signature => ({ params, variadic, result });

function indexArg(index: Value, cap: number): number {
  if (index instanceof InterfaceArg) throw new BuiltinError('cannot index slice/array with type interface {}');
  let x: number;
  if (typeof index === 'number' && Number.isInteger(index)) x = index;
  else if (typeof index === 'bigint') x = Number(index);
  else if (isNilValue(index)) throw new BuiltinError('cannot index slice/array with nil');
  else throw new BuiltinError(`cannot index slice/array with type ${goTypeOf(index)}`);
  if (x < 0 || x > cap) throw new BuiltinError(`index out of range: ${String(x)}`);
  return x;
}

function utf8(s: string): Buffer {
  return Buffer.from(s, 'utf8');
}

/** Go's index: item[i][j]... over slices, strings (bytes) and maps. */
export function index(item: Value, ...indexes: Value[]): Value {
  if (isNilValue(item) && !(item instanceof TypedNil)) throw new BuiltinError('index of untyped nil');
  let cur = item;
  for (const ix of indexes) {
    if (isNilValue(cur)) throw new BuiltinError('index of nil pointer');
    const s = stringValue(cur);
    const kind = kindOf(cur);
    if (s !== undefined) {
      const bytes = utf8(s);
      const x = indexArg(ix, bytes.length);
      if (x >= bytes.length) throw new BuiltinError('reflect: string index out of range');
      cur = bytes[x];
    } else if (kind === 'slice') {
      const elems = sliceElements(cur);
      const x = indexArg(ix, elems.length);
      if (x >= elems.length) throw new BuiltinError('reflect: slice index out of range');
      cur = elems[x];
    } else if (kind === 'map') {
      cur = mapIndex(cur as object, ix);
    } else {
      throw new BuiltinError(`can't index item of type ${goTypeOf(cur)}`);
    }
  }
  return cur;
}

/**
 * Go's map index: a missing key gives the zero value of the element type (for interface
 * values, no value at all). Keys of plain objects are strings, as in map[string]T.
 */
function mapIndex(m: object, key: Value): Value {
  const elem = elemType(goTypeOf(m));
  if (m instanceof Map) return m.has(key) ? (m.get(key) as Value) : zeroFor(elem);
  if (isNilValue(key)) throw new BuiltinError('value is nil; should be of type string');
  if (typeof key !== 'string') throw new BuiltinError(`value has type ${goTypeOf(key)}; should be string`);
  return Object.hasOwn(m, key) ? (m as Record<string, unknown>)[key] : zeroFor(elem);
}

function zeroFor(elem: GoType): Value {
  return elem === 'interface {}' ? NO_VALUE : zeroOf(elem);
}

/** Go's slice: item[i:j:k] over slices and strings (bytes). */
export function slice(item: Value, ...indexes: Value[]): Value {
  if (isNilValue(item)) throw new BuiltinError('slice of untyped nil');
  if (indexes.length > 3) throw new BuiltinError(`too many slice indexes: ${String(indexes.length)}`);
  const s = stringValue(item);
  let len: number;
  if (s !== undefined) {
    if (indexes.length === 3) throw new BuiltinError('cannot 3-index slice a string');
    len = utf8(s).length;
  } else if (kindOf(item) === 'slice') {
    len = sliceLength(item as object);
  } else {
    throw new BuiltinError(`can't slice item of type ${goTypeOf(item)}`);
  }
  const idx = [0, len, len];
  indexes.forEach((ix, i) => (idx[i] = indexArg(ix, len)));
  const [i = 0, j = len, k = len] = idx;
  if (i > j) throw new BuiltinError(`invalid slice index: ${String(i)} > ${String(j)}`);
  if (indexes.length === 3 && j > k) throw new BuiltinError(`invalid slice index: ${String(j)} > ${String(k)}`);
  if (s !== undefined) return decodeBytes(utf8(s).subarray(i, j));
  const out = sliceElements(item).slice(i, j);
  copyTypeName(item, out);
  return out;
}

function copyTypeName(from: Value, to: unknown[]): void {
  const t = goTypeOf(from);
  if (t !== '[]interface {}') Object.defineProperty(to, Symbol.for('sloe.template.goTypeName'), { value: t });
}

/** Decodes bytes as Go's encoding/json shows them: each byte of an invalid sequence is one U+FFFD. */
export function decodeBytes(b: Uint8Array): string {
  let out = '';
  for (let i = 0; i < b.length; ) {
    const n = sequenceLength(b, i);
    if (n === 0) {
      out += '\uFFFD';
      i++;
    } else {
      out += Buffer.from(b.subarray(i, i + n)).toString('utf8');
      i += n;
    }
  }
  return out;
}

/** The length of the valid UTF-8 sequence at `i`, or 0 when it is invalid. */
function sequenceLength(b: Uint8Array, i: number): number {
  const c = b[i] ?? 0;
  if (c < 0x80) return 1;
  const n = c >= 0xf0 && c <= 0xf4 ? 4 : c >= 0xe0 ? 3 : c >= 0xc2 && c < 0xe0 ? 2 : 0;
  if (n === 0 || (n === 3 && c > 0xef) || i + n > b.length) return 0;
  for (let k = 1; k < n; k++) if (((b[i + k] ?? 0) & 0xc0) !== 0x80) return 0;
  const cp = Buffer.from(b.subarray(i, i + n)).toString('utf8');
  return cp.includes('\uFFFD') ? 0 : n;
}

/** Go's len of a slice, map or string (strings count bytes). */
export function len(item: Value): number {
  if (isNilValue(item)) {
    // A nil inside data (an interface holding nil) or a nil pointer, versus no value at all.
    if (item instanceof TypedNil || item === null) throw new BuiltinError('len of nil pointer');
    throw new BuiltinError('reflect: call of reflect.Value.Type on zero Value');
  }
  const s = stringValue(item);
  if (s !== undefined) return utf8(s).length;
  switch (kindOf(item)) {
    case 'slice':
      return sliceLength(item as object);
    case 'map':
      return item instanceof Map ? item.size : Object.keys(item as object).length;
    default:
      throw new BuiltinError(`len of type ${goTypeOf(item)}`);
  }
}

/** Go's not. */
export function not(arg: Value): boolean {
  return !(truth(arg) ?? true);
}

/** Go's prepareArg for `call`: the argument converted to the parameter type. */
function prepareArg(v: Value, t: GoType): Value {
  if (isNilValue(v) && !canBeNil(t)) throw new BuiltinError(`value is nil; should be of type ${t}`);
  const r = assignable(v, t);
  if (!r.ok) throw new BuiltinError(`value has type ${goTypeOf(v)}; should be ${t}`);
  return r.value;
}

/** Go's call: invokes a function value with arguments checked against its signature. */
export function call(fn: Value, ...args: Value[]): Value {
  if (fn === null || fn === undefined || fn === NO_VALUE) throw new BuiltinError('call of nil');
  if (fn instanceof TypedNil) {
    if (fn.goType.startsWith('func(')) throw new BuiltinError('reflect.Value.Call: call of nil function');
    throw new BuiltinError(`non-function of type ${fn.goType}`);
  }
  if (typeof fn !== 'function') throw new BuiltinError(`non-function of type ${goTypeOf(fn)}`);
  const s = signatureOf(fn);
  const numIn = s.params.length;
  if (s.variadic && args.length < numIn - 1) {
    throw new BuiltinError(`wrong number of args: got ${String(args.length)} want at least ${String(numIn - 1)}`);
  }
  if (!s.variadic && args.length !== numIn) {
    throw new BuiltinError(`wrong number of args: got ${String(args.length)} want ${String(numIn)}`);
  }
  const argv = args.map((a, i) => {
    const t = s.params[Math.min(i, numIn - 1)] ?? 'interface {}';
    try {
      return prepareArg(a, t);
    } catch (e) {
      if (e instanceof BuiltinError) throw new BuiltinError(`arg ${String(i)}: ${e.message}`);
      throw e;
    }
  });
  return (fn as (...a: unknown[]) => unknown)(...argv);
}

/** The builtin table: name, implementation and Go signature. */
export const BUILTINS: ReadonlyMap<string, (...args: never[]) => unknown> = new Map<string, (...args: never[]) => unknown>([
  ['and', withSignature((...a: Value[]) => a[a.length - 1], sig([V, V], true))],
  ['or', withSignature((...a: Value[]) => a[a.length - 1], sig([V, V], true))],
  ['not', withSignature(not, sig([V], false, 'bool'))],
  ['len', withSignature(len, sig([V], false, 'int'))],
  ['index', withSignature(index, sig([V, V], true))],
  ['slice', withSignature(slice, sig([V, V], true))],
  ['call', withSignature(call, sig([V, V], true))],
  ['eq', withSignature(eq, sig([V, V], true, 'bool'))],
  ['ne', withSignature(ne, sig([V, V], false, 'bool'))],
  ['lt', withSignature(lt, sig([V, V], false, 'bool'))],
  ['le', withSignature(le, sig([V, V], false, 'bool'))],
  ['gt', withSignature(gt, sig([V, V], false, 'bool'))],
  ['ge', withSignature(ge, sig([V, V], false, 'bool'))],
  ['html', withSignature(htmlBuiltin, sig(['interface {}'], true, 'string'))],
  ['js', withSignature(jsBuiltin, sig(['interface {}'], true, 'string'))],
  ['urlquery', withSignature(urlqueryBuiltin, sig(['interface {}'], true, 'string'))],
  ['print', withSignature((...a: unknown[]) => sprint(...a), sig(['interface {}'], true, 'string'))],
  ['println', withSignature((...a: unknown[]) => sprintln(...a), sig(['interface {}'], true, 'string'))],
  ['printf', withSignature((f: string, ...a: unknown[]) => sprintf(f, ...a), sig(['string', 'interface {}'], true, 'string'))],
]);

