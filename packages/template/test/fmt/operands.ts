// JavaScript stand-ins for the Go values of golden/main.go: each class mirrors a Go type there.
import { Float64, NamedString, goTypeName, sprintf } from '../../src/fmt/index.js';

/** Go's `type Point struct{ X, Y int }`. */
export class Point {
  constructor(
    readonly X: number,
    readonly Y: number,
  ) {}
}

/** Go's `*Point`: a struct that prints as a pointer. */
export class PointerToPoint {
  declare readonly [goTypeName]: string;
  constructor(
    readonly X: number,
    readonly Y: number,
  ) {}
}
Object.defineProperty(PointerToPoint.prototype, goTypeName, { value: '*main.Point' });

/** Go's `type Person struct{ Name string; Age int; Tags []any }`. */
export class Person {
  constructor(
    readonly Name: string,
    readonly Age: number,
    readonly Tags: unknown[],
  ) {}
}

/** Go's `type Named struct{ N string }` with `String() string` returning `<N>`. */
export class Named {
  constructor(readonly N: string) {}
  String(): string {
    return `<${this.N}>`;
  }
}

/** Go's `type Panicky struct{ N int }` whose String method panics with "no string". */
export class Panicky {
  constructor(readonly N: number) {}
  String(): string {
    throw new Error('no string');
  }
}

/** html/template's `HTML`, a named string type. */
export class HTML extends NamedString {
  get goType(): string {
    return 'template.HTML';
  }
}

/** Go's `type Reentrant struct{ N int }` whose String method calls Sprintf("<%05.1f|%[1]x>", float64(N)). */
export class Reentrant {
  constructor(readonly N: number) {}
  String(): string {
    return sprintf('<%05.1f|%[1]x>', new Float64(this.N));
  }
}
