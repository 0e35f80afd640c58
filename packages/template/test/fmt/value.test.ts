// The Go view of JavaScript values (DESIGN.md, "How JavaScript values are seen by templates").
// Expected type names are what Go's %T prints for the Go value each JavaScript value stands for.
import { expect } from 'chai';
import { Complex128, Float64, NamedString, TypedNil, goTypeName, kindOf, mapEntries, sprint, typeName, type GoKind } from '../../src/fmt/index.js';

class Point {
  x = 1;
  y = 2;
}
class HTML extends NamedString {
  get goType(): string {
    return 'template.HTML';
  }
}
class Obj {
  readonly [goTypeName] = '*main.Obj';
  i = 7;
}

const cases: [name: string, value: unknown, kind: GoKind, type: string][] = [
  ['an integral number is an int', 42, 'int', 'int'],
  ['a negative integral number is an int', -7, 'int', 'int'],
  ['-0 is a float64', -0, 'float64', 'float64'],
  ['a fractional number is a float64', 2.5, 'float64', 'float64'],
  ['an integral number beyond the safe range is a float64', 2 ** 53, 'float64', 'float64'],
  ['NaN is a float64', NaN, 'float64', 'float64'],
  ['Infinity is a float64', Infinity, 'float64', 'float64'],
  ['a bigint is an int64', 5n, 'int64', 'int64'],
  ['a string is a string', 'x', 'string', 'string'],
  ['a boolean is a bool', true, 'bool', 'bool'],
  ['null is nil', null, 'nil', '<nil>'],
  ['undefined is nil', undefined, 'nil', '<nil>'],
  ['an array is a slice', [1, 'a'], 'slice', '[]interface {}'],
  ['a Uint8Array is a byte slice', new Uint8Array(2), 'slice', '[]uint8'],
  ['a plain object is a map', { a: 1 }, 'map', 'map[string]interface {}'],
  ['a null-prototype object is a map', Object.create(null) as object, 'map', 'map[string]interface {}'],
  ['a Map is a map', new Map([['a', 1]]), 'map', 'map[string]interface {}'],
  ['a class instance is a struct', new Point(), 'struct', 'main.Point'],
  ['a declared type name wins', new Obj(), 'struct', '*main.Obj'],
  ['a NamedString is a string of its own type', new HTML('<b>'), 'string', 'template.HTML'],
  ['a function is a func', () => 1, 'func', 'func(...interface {}) interface {}'],
  ['a Complex128 is a complex128', new Complex128(1, 2), 'complex128', 'complex128'],
  ['a Float64 is a float64 even when integral', new Float64(3), 'float64', 'float64'],
  ['a TypedNil is a nil of its type', new TypedNil('*main.Obj'), 'nil', '*main.Obj'],
];

describe('fmt: the Go view of JavaScript values', () => {
  for (const [name, value, kind, type] of cases) {
    it(name, () => {
      expect(kindOf(value)).to.equal(kind);
      expect(typeName(value)).to.equal(type);
    });
  }

  // Go (internal/fmtsort) sorts string keys bytewise: "Z" < "a" < "é" < "😀" < "￿" is wrong in
  // UTF-16 order, where U+FFFF sorts after the surrogates of U+1F600.
  it('sorts map keys bytewise, as UTF-8', () => {
    const keys = mapEntries({ '\uffff': 1, '😀': 2, é: 3, a: 4, Z: 5, '10': 6, '9': 7 }).map(([k]) => k);
    expect(keys).to.deep.equal(['10', '9', 'Z', 'a', 'é', '\uffff', '😀']);
  });

  it('sorts numeric Map keys numerically', () => {
    const keys = mapEntries(new Map([[10, 'a'], [9, 'b'], [-1, 'c']])).map(([k]) => k);
    expect(keys).to.deep.equal([-1, 9, 10]);
  });
});

// Go's fmt has no cycle check (a pointer inside a value prints as its address); JavaScript
// values are references, so a value that contains itself prints, inside itself, as an address.
describe('fmt: values that contain themselves', () => {
  const cases: [name: string, make: () => unknown, pattern: RegExp][] = [
    [
      'an array containing itself',
      () => {
        const a: unknown[] = [1];
        a.push(a);
        return a;
      },
      /^\[1 0xc[0-9a-f]+\]$/,
    ],
    [
      'an object containing itself',
      () => {
        const o: Record<string, unknown> = { a: 1 };
        o.self = o;
        return o;
      },
      /^map\[a:1 self:0xc[0-9a-f]+\]$/,
    ],
    [
      'a shared, acyclic value prints in full each time',
      () => {
        const shared = [1, 2];
        return [shared, shared];
      },
      /^\[\[1 2\] \[1 2\]\]$/,
    ],
  ];
  for (const [name, make, pattern] of cases) {
    it(name, () => {
      expect(sprint(make())).to.match(pattern);
    });
  }
});
