// The corpus's function registry (test/data/template-cases/README.md), with the Go
// signatures that gotmpl-ref registers, so argument checks and errors match real Go.
import { CSS, HTML, HTMLAttr, JS, JSStr, Srcset, URL } from '../../src/html/content.js';
import { Float64, goTypeName, isGoInt, sprint, stringValue } from '../../src/fmt/index.js';
import { goTypeOf, TypedNil, withSignature, type Signature } from '../../src/exec/signature.js';

type Fn = (...args: never[]) => unknown;

const sig = (params: string[], result: string, variadic = false, returnsError = false): Signature => ({
  params,
  variadic,
  result,
  returnsError,
});

/** Tags an array or object with a Go type name (`[]int`, `map[string]int`). */
function typed<T extends object>(v: T, name: string): T {
  Object.defineProperty(v, goTypeName, { value: name, enumerable: false });
  return v;
}

/** Go's `main.Obj`, reached through the `obj` func as a `*main.Obj`. */
export class Obj {
  I: number;
  F: number;
  S: string;
  B: boolean;
  SI: number[];
  MSI: Record<string, number>;
  Next: Obj | TypedNil;
  Nil: Obj | TypedNil;

  constructor(fields: Partial<Pick<Obj, 'I' | 'F' | 'S' | 'B' | 'SI' | 'MSI' | 'Next'>>) {
    this.I = fields.I ?? 0;
    this.F = fields.F ?? 0;
    this.S = fields.S ?? '';
    this.B = fields.B ?? false;
    this.SI = typed(fields.SI ?? [], '[]int');
    this.MSI = typed(fields.MSI ?? {}, 'map[string]int');
    this.Next = fields.Next ?? new TypedNil('*main.Obj', Obj.prototype);
    this.Nil = new TypedNil('*main.Obj', Obj.prototype);
  }

  M0(): string {
    return 'M0';
  }

  Add(a: number, b: number): number {
    return a + b;
  }

  Greet(name: string): string {
    return `hello, ${name}`;
  }

  Self(): Obj {
    return this;
  }

  Err(fail: boolean): string {
    if (fail) throw new Error('obj error');
    return 'no error';
  }
}
Object.defineProperty(Obj.prototype, goTypeName, { value: '*main.Obj' });
withSignature(Obj.prototype.M0, sig([], 'string'));
withSignature(Obj.prototype.Add, sig(['int', 'int'], 'int'));
withSignature(Obj.prototype.Greet, sig(['string'], 'string'));
withSignature(Obj.prototype.Self, sig([], '*main.Obj'));
withSignature(Obj.prototype.Err, sig(['bool'], 'string', false, true));

function newObj(): Obj {
  return new Obj({
    I: 7,
    F: 2.5,
    S: 'seven',
    B: true,
    SI: [3, 4, 5],
    MSI: { one: 1, two: 2, three: 3 },
    Next: new Obj({ I: 8, S: 'eight' }),
  });
}

/** Go's unicode.IsSpace set, for strings.TrimSpace. */
const GO_SPACE = '\t\n\v\f\r \u0085\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000';

function trimSpace(s: string): string {
  let a = 0;
  let b = s.length;
  while (a < b && GO_SPACE.includes(s[a] as string)) a++;
  while (b > a && GO_SPACE.includes(s[b - 1] as string)) b--;
  return s.slice(a, b);
}

function goKind(v: unknown): string {
  return goTypeOf(v);
}

function isSliceLike(v: unknown): v is readonly unknown[] {
  return Array.isArray(v);
}

const ATOI = /^[+-]?[0-9]+$/;

function toInt(v: unknown): number {
  if (v === null || v === undefined) return 0;
  if (typeof v === 'number') return Number.isInteger(v) ? v : Math.trunc(v);
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'string') {
    if (!ATOI.test(v) || !Number.isSafeInteger(Number(v))) throw new Error(`toInt: invalid number ${JSON.stringify(v)}`);
    return Number(v);
  }
  throw new Error(`toInt: cannot convert ${goKind(v)}`);
}

/** A Go float64 result: integral values are boxed so they keep their kind. */
function float64(n: number): number | Float64 {
  return isGoInt(n) ? new Float64(n) : n;
}

const FLOAT = /^[+-]?(?:(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?|inf|infinity|nan)$/i;

function toFloat(v: unknown): number {
  if (v === null || v === undefined) return 0;
  if (typeof v === 'number') return v;
  if (typeof v === 'string') {
    if (!FLOAT.test(v)) throw new Error(`toFloat: invalid number ${JSON.stringify(v)}`);
    const lower = v.toLowerCase().replace(/^[+]/, '');
    if (lower.endsWith('inf') || lower.endsWith('infinity')) return lower.startsWith('-') ? -Infinity : Infinity;
    return lower === 'nan' ? NaN : Number(v);
  }
  throw new Error(`toFloat: cannot convert ${goKind(v)}`);
}

/** The registry: name to function with its Go signature. */
export const REGISTRY: Readonly<Record<string, Fn>> = {
  upper: withSignature((s: string) => s.toUpperCase(), sig(['string'], 'string')),
  lower: withSignature((s: string) => s.toLowerCase(), sig(['string'], 'string')),
  trim: withSignature(trimSpace, sig(['string'], 'string')),
  repeat: withSignature((s: string, n: number) => {
    if (n < 0) throw new Error('strings: negative Repeat count');
    return s.repeat(n);
  }, sig(['string', 'int'], 'string')),
  split: withSignature(
    (s: string, sep: string) => typed(sep === '' ? Array.from(s) : s.split(sep), '[]string'),
    sig(['string', 'string'], '[]string'),
  ),
  join: withSignature((sep: string, v: unknown) => {
    if (v === null || v === undefined) return '';
    const str = stringValue(v);
    if (str !== undefined) return str;
    if (isSliceLike(v)) return v.map((e) => sprint(e)).join(sep);
    throw new Error(`join: cannot join ${goKind(v)}`);
  }, sig(['string', 'interface {}'], 'string', false, true)),
  concat: withSignature((...parts: string[]) => parts.join(''), sig(['string'], 'string', true)),
  add: withSignature((...a: number[]) => a.reduce((x, y) => x + y, 0), sig(['int'], 'int', true)),
  addf: withSignature((...a: number[]) => float64(a.reduce((x, y) => x + y, 0)), sig(['float64'], 'float64', true)),
  sub: withSignature((a: number, b: number) => a - b, sig(['int', 'int'], 'int')),
  mul: withSignature((a: number, b: number) => a * b, sig(['int', 'int'], 'int')),
  toInt: withSignature(toInt, sig(['interface {}'], 'int', false, true)),
  toFloat: withSignature((v: unknown) => float64(toFloat(v)), sig(['interface {}'], 'float64', false, true)),
  seq: withSignature((n: number) => typed(Array.from({ length: Math.max(0, n) }, (_, i) => i), '[]int'), sig(['int'], '[]int')),
  list: withSignature((...items: unknown[]) => items, sig(['interface {}'], '[]interface {}', true)),
  dict: withSignature((...kv: unknown[]) => {
    if (kv.length % 2 !== 0) throw new Error('dict: odd number of arguments');
    const m: Record<string, unknown> = {};
    for (let i = 0; i < kv.length; i += 2) {
      const k = kv[i];
      if (typeof k !== 'string') throw new Error(`dict: key ${sprint(k)} is not a string`);
      m[k] = kv[i + 1];
    }
    return m;
  }, sig(['interface {}'], 'map[string]interface {}', true, true)),
  strs: withSignature((...items: string[]) => typed(items, '[]string'), sig(['string'], '[]string', true)),
  ints: withSignature((...items: number[]) => typed(items, '[]int'), sig(['int'], '[]int', true)),
  echo: withSignature((v: unknown) => v, sig(['interface {}'], 'interface {}')),
  typeOf: withSignature((v: unknown) => goTypeOf(v), sig(['interface {}'], 'string')),
  null: withSignature(() => null, sig([], 'interface {}')),
  fail: withSignature((msg: string): string => {
    throw new Error(msg);
  }, sig(['string'], 'string', false, true)),
  boom: withSignature((): string => {
    throw new Error('boom');
  }, sig([], 'string')),
  mkAdder: withSignature(
    () => withSignature((a: number, b: number) => a + b, sig(['int', 'int'], 'int')),
    sig([], 'func(int, int) int'),
  ),
  mkJoiner: withSignature(
    () => withSignature((sep: string, ...s: string[]) => s.join(sep), sig(['string', 'string'], 'string', true)),
    sig([], 'func(string, ...string) string'),
  ),
  mkFailer: withSignature(
    () =>
      withSignature((): string => {
        throw new Error('failer failed');
      }, sig([], 'string', false, true)),
    sig([], 'func() (string, error)'),
  ),
  mkNilFunc: withSignature(() => new TypedNil('func() string'), sig([], 'func() string')),
  obj: withSignature(newObj, sig([], '*main.Obj')),
  safeHTML: withSignature((s: string) => new HTML(s), sig(['string'], 'template.HTML')),
  safeAttr: withSignature((s: string) => new HTMLAttr(s), sig(['string'], 'template.HTMLAttr')),
  safeURL: withSignature((s: string) => new URL(s), sig(['string'], 'template.URL')),
  safeJS: withSignature((s: string) => new JS(s), sig(['string'], 'template.JS')),
  safeJSStr: withSignature((s: string) => new JSStr(s), sig(['string'], 'template.JSStr')),
  safeCSS: withSignature((s: string) => new CSS(s), sig(['string'], 'template.CSS')),
  safeSrcset: withSignature((s: string) => new Srcset(s), sig(['string'], 'template.Srcset')),
};

/** The subset of the registry a case lists. */
export function funcsFor(names: readonly string[] | undefined): Record<string, Fn> {
  const out: Record<string, Fn> = {};
  for (const n of names ?? []) {
    const f = REGISTRY[n];
    if (f === undefined) throw new Error(`unknown registry func ${n}`);
    out[n] = f;
  }
  return out;
}
