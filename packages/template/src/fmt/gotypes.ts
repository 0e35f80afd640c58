// The Go values JavaScript has no type for: named string types (html/template's HTML, ...),
// integral float64s, complex128 and typed nils, and the way a class names its Go type.

/**
 * A property key under which a value (usually via its class prototype) names its Go type for
 * %T and error messages, overriding the derived name: `'*main.Obj'`, `'time.Duration'`. A name
 * starting with `*` also makes %v print the struct as a pointer (`&{...}`), as Go does.
 */
export const goTypeName: unique symbol = Symbol.for('sloe.template.goTypeName');

/**
 * The base of Go's named string types, such as html/template's `HTML` or `URL`: fmt and the
 * template engine treat such a value as a string of kind `string` whose type name is
 * {@link NamedString.goType}.
 */
export abstract class NamedString {
  /** The string's content. */
  readonly value: string;

  constructor(value: string) {
    this.value = value;
  }

  /** The Go type name, as %T prints it (`template.HTML`). */
  abstract get goType(): string;

  /** The string's content, so that a NamedString concatenates like the string it is. */
  toString(): string {
    return this.value;
  }
}

/**
 * Go's complex128, which JavaScript lacks: template constants such as `1+2i` evaluate to one.
 * fmt prints it as Go does, `(1+2i)`, each part under the verb (`sprint(c)` for its text).
 */
export class Complex128 {
  constructor(
    readonly re: number,
    readonly im: number,
  ) {}

}

/**
 * A float64 whose value JavaScript would take for an int: a template constant such as `1.0`,
 * `1e6` or `0x1p4`, which Go types float64 (DESIGN.md: literal constants keep Go's kinds).
 * fmt prints it as the float it is (`%v` of `1e6` is `1e+06`, `%T` is `float64`).
 */
export class Float64 {
  constructor(readonly value: number) {}

  /** The number, so that arithmetic and comparisons see it as one. */
  valueOf(): number {
    return this.value;
  }
}

/**
 * A nil of a named Go type, such as a nil `*main.Obj` field: unlike untyped nil it keeps its
 * type, for %T and for error messages. fmt prints it as Go prints a nil pointer (`<nil>`).
 */
export class TypedNil {
  /** The Go type, such as `*main.Obj`. */
  readonly goType: string;

  constructor(goType: string) {
    this.goType = goType;
  }

  /** Go prints every nil as `<nil>`. */
  toString(): string {
    return '<nil>';
  }
}
