// How one operand prints under one verb (Go's fmt/print.go printArg and printValue): dispatch on
// the operand's Go kind, Stringer and error methods, composite values, and the %!verb(type=value)
// form for a verb that does not fit the operand.
import { Formatter } from './format.js';
import { isPlainDecimal } from './ftoa.js';
import { Complex128, Float64, TypedNil } from './gotypes.js';
import {
  declaredTypeName,
  isGoInt,
  kindOf,
  mapEntries,
  sliceElements,
  stringValue,
  structFields,
  typeName,
} from './value.js';

const floatVerbs = 'eEfFgG';

/** A Formatter that prints whole operands: Go's `pp`, less the format-string parsing. */
export class Printer extends Formatter {
  /** Set while printing a bad verb's operand, so that its methods are not called again. */
  #erroring = false;
  /** Set while printing a panic from a String/Error method, to stop nested panics. */
  #panicking = false;
  /** The composite values being printed, outermost first. */
  readonly #visiting: object[] = [];

  /** Prints one top-level operand (Go's printArg). */
  printArg(arg: unknown, verb: string): void {
    if (arg === null || arg === undefined) {
      if (verb === 'T' || verb === 'v') this.pad('<nil>');
      else this.badVerb(verb, arg);
      return;
    }
    // %T (the value's type) and %p (its address) come first, for every kind.
    if (verb === 'T') {
      this.fmtS(typeName(arg));
      return;
    }
    if (verb === 'p') {
      this.fmtPointer(arg, 'p');
      return;
    }
    if (typeof arg === 'object' && this.handleMethods(arg, verb)) return;
    this.printValue(arg, verb, 0);
  }

  /** Prints an operand at some depth inside a composite value (Go's printValue). */
  printValue(v: unknown, verb: string, depth: number): void {
    if (depth > 0 && typeof v === 'object' && v !== null && this.handleMethods(v, verb)) return;
    switch (kindOf(v)) {
      case 'nil':
        if (v instanceof TypedNil) this.fmtPointer(v, verb);
        else if (this.sharpV) this.buf += 'interface {}(nil)';
        else if (depth > 0 || verb === 'v') this.buf += '<nil>';
        else this.badVerb(verb, v);
        return;
      case 'bool':
        if (verb === 't' || verb === 'v') this.fmtBoolean(v as boolean);
        else this.badVerb(verb, v);
        return;
      case 'int':
        // Hot path: %v of an int with no flags.
        if (verb === 'v' && !(this.widPresent || this.precPresent || this.plus || this.space)) this.buf += String(v);
        else if (floatVerbs.includes(verb)) this.printFloat(v as number, verb);
        else this.printInteger(v as number, verb);
        return;
      case 'int64':
        this.printInteger(v as bigint, verb);
        return;
      case 'float64':
        this.printFloat(v instanceof Float64 ? v.value : (v as number), verb);
        return;
      case 'complex128':
        this.printComplex(v as Complex128, verb);
        return;
      case 'string':
        this.printString(stringValue(v)!, verb, v);
        return;
      case 'slice':
      case 'map':
      case 'struct':
        this.printComposite(v as object, verb, depth);
        return;
      case 'func':
        this.fmtPointer(v, verb);
        return;
    }
  }

  /** Integers under %v %d %b %o %O %x %X %c %q %U. */
  private printInteger(v: number | bigint, verb: string): void {
    switch (verb) {
      case 'v':
      case 'd':
        this.fmtInteger(v, 10, verb, false);
        return;
      case 'b':
        this.fmtInteger(v, 2, verb, false);
        return;
      case 'o':
      case 'O':
        this.fmtInteger(v, 8, verb, false);
        return;
      case 'x':
        this.fmtInteger(v, 16, verb, false);
        return;
      case 'X':
        this.fmtInteger(v, 16, verb, true);
        return;
      case 'c':
        this.fmtC(asUint64(v));
        return;
      case 'q':
        this.fmtQc(asUint64(v));
        return;
      case 'U':
        this.fmtUnicode(asUint64(v));
        return;
      default:
        this.badVerb(verb, v);
    }
  }

  /** Floats under %v %b %e %E %f %F %g %G %x %X (%v is %g with the shortest digits). */
  private printFloat(v: number, verb: string): void {
    switch (verb) {
      case 'v':
        if (isPlainDecimal(v) && !(this.widPresent || this.precPresent || this.plus || this.space || this.sharp)) {
          // Hot path: where %v is plain decimal notation, JavaScript's shortest digits are Go's.
          this.buf += String(v);
          return;
        }
        this.fmtFloat(v, 'g', -1);
        return;
      case 'b':
      case 'g':
      case 'G':
      case 'x':
      case 'X':
        this.fmtFloat(v, verb, -1);
        return;
      case 'f':
      case 'e':
      case 'E':
        this.fmtFloat(v, verb, 6);
        return;
      case 'F':
        this.fmtFloat(v, 'f', 6);
        return;
      default:
        // Only a Float64 brings an integral value here under a verb floats do not take.
        this.badVerb(verb, isGoInt(v) ? new Float64(v) : v);
    }
  }

  /** Complex numbers, `(re+imi)`: each part printed as a float under the verb, im signed. */
  private printComplex(v: Complex128, verb: string): void {
    if (!'vbgGxXfFeE'.includes(verb)) {
      this.badVerb(verb, v);
      return;
    }
    const plus = this.plus;
    this.buf += '(';
    this.printFloat(v.re, verb);
    this.plus = true;
    this.printFloat(v.im, verb);
    this.buf += 'i)';
    this.plus = plus;
  }

  /** Strings under %v %s %q %x %X (%#v quotes). */
  private printString(s: string, verb: string, original: unknown): void {
    switch (verb) {
      case 'v':
        if (this.sharpV) this.fmtQ(s);
        else this.fmtS(s);
        return;
      case 's':
        this.fmtS(s);
        return;
      case 'x':
        this.fmtStringHex(s, false);
        return;
      case 'X':
        this.fmtStringHex(s, true);
        return;
      case 'q':
        this.fmtQ(s);
        return;
      default:
        this.badVerb(verb, original);
    }
  }

  /**
   * A slice, map or struct. JavaScript values are references, so one can contain itself: a
   * value met again inside itself prints as Go prints a nested pointer, as its address.
   */
  private printComposite(v: object, verb: string, depth: number): void {
    if (this.#visiting.includes(v)) {
      this.fmt0x(addressOf(v), true);
      return;
    }
    this.#visiting.push(v);
    const kind = kindOf(v);
    if (kind === 'slice') this.printSlice(v, verb, depth);
    else if (kind === 'map') this.printMap(v, verb, depth);
    else this.printStruct(v, verb, depth);
    this.#visiting.pop();
  }

  private printSlice(v: object, verb: string, depth: number): void {
    if (v instanceof Uint8Array && 'sqxX'.includes(verb)) {
      this.printBytes(v, verb);
      return;
    }
    const elems = sliceElements(v);
    if (this.sharpV) {
      // Go's fmt names a []byte operand by its alias, not by its reflected []uint8.
      this.buf += (v instanceof Uint8Array ? '[]byte' : typeName(v)) + '{';
      for (let i = 0; i < elems.length; i++) {
        if (i > 0) this.buf += ', ';
        this.printElement(elems[i], verb, depth + 1, v instanceof Uint8Array);
      }
      this.buf += '}';
      return;
    }
    this.buf += '[';
    for (let i = 0; i < elems.length; i++) {
      if (i > 0) this.buf += ' ';
      this.printValue(elems[i], verb, depth + 1);
    }
    this.buf += ']';
  }

  /** An element of a %#v slice; bytes print as Go prints unsigned integers, `0x1f`. */
  private printElement(e: unknown, verb: string, depth: number, isByte: boolean): void {
    if (isByte) this.fmt0x(BigInt(e as number), true);
    else this.printValue(e, verb, depth);
  }

  /** A []byte under %s %q %x %X: the bytes as a string. */
  private printBytes(v: Uint8Array, verb: string): void {
    if (verb === 'x' || verb === 'X') {
      this.fmtSx(v, verb === 'X');
      return;
    }
    const s = new TextDecoder().decode(v);
    if (verb === 's') this.fmtS(s);
    else this.fmtQ(s);
  }

  private printMap(v: object, verb: string, depth: number): void {
    this.buf += this.sharpV ? typeName(v) + '{' : 'map[';
    const entries = mapEntries(v);
    for (let i = 0; i < entries.length; i++) {
      if (i > 0) this.buf += this.sharpV ? ', ' : ' ';
      const [key, value] = entries[i]!;
      this.printValue(key, verb, depth + 1);
      this.buf += ':';
      this.printValue(value, verb, depth + 1);
    }
    this.buf += this.sharpV ? '}' : ']';
  }

  private printStruct(v: object, verb: string, depth: number): void {
    let name = typeName(v);
    if (name.startsWith('*')) {
      // A pointer to a struct prints as &{...} at the top level and as an address inside.
      if (depth > 0) {
        this.fmtPointer(v, verb);
        return;
      }
      this.buf += '&';
      name = name.slice(1);
    }
    if (this.sharpV) this.buf += name;
    this.buf += '{';
    const fields = structFields(v);
    for (let i = 0; i < fields.length; i++) {
      if (i > 0) this.buf += this.sharpV ? ', ' : ' ';
      const [field, value] = fields[i]!;
      if (this.plusV || this.sharpV) this.buf += field + ':';
      this.printValue(value, verb, depth + 1);
    }
    this.buf += '}';
  }

  /**
   * %p, and %v of funcs and nested pointers: an address (a stable identity per object), or 0
   * for a typed nil.
   */
  private fmtPointer(v: unknown, verb: string): void {
    const kind = kindOf(v);
    const isPointer =
      v instanceof TypedNil ||
      kind === 'slice' ||
      kind === 'map' ||
      kind === 'func' ||
      (kind === 'struct' && isPointerType(v));
    if (!isPointer) {
      this.badVerb(verb, v);
      return;
    }
    const u = v instanceof TypedNil ? 0n : addressOf(v as object);
    switch (verb) {
      case 'v':
        if (this.sharpV) this.buf += `(${typeName(v)})(${u === 0n ? 'nil' : '0x' + u.toString(16)})`;
        else if (u === 0n) this.pad('<nil>');
        else this.fmt0x(u, !this.sharp);
        return;
      case 'p':
        this.fmt0x(u, !this.sharp);
        return;
      case 'b':
        this.fmtInteger(u, 2, verb, false);
        return;
      case 'o':
        this.fmtInteger(u, 8, verb, false);
        return;
      case 'd':
        this.fmtInteger(u, 10, verb, false);
        return;
      case 'x':
      case 'X':
        this.fmtInteger(u, 16, verb, verb === 'X');
        return;
      default:
        this.badVerb(verb, v);
    }
  }

  /** An unsigned integer in hexadecimal, with or without the 0x prefix. */
  private fmt0x(u: bigint, leading0x: boolean): void {
    const sharp = this.sharp;
    this.sharp = leading0x;
    this.fmtInteger(u, 16, 'v', false);
    this.sharp = sharp;
  }

  /**
   * Calls an operand's error or Stringer method (`Error()`, `String()`; a JavaScript Error's
   * message; a class's own `toString`) for the verbs that accept a string, and GoString for %#v.
   * Reports whether it printed the operand.
   */
  private handleMethods(v: object, verb: string): boolean {
    if (this.#erroring || kindOf(v) !== 'struct') return false;
    if (this.sharpV) {
      const goString = method(v, 'GoString');
      if (goString === undefined) return false;
      this.callMethod(v, verb, 'GoString', goString, (s) => {
        this.fmtS(s);
      });
      return true;
    }
    if (!'vsxXq'.includes(verb)) return false;
    if (v instanceof Error && method(v, 'Error') === undefined) {
      this.printString(v.message, verb, v);
      return true;
    }
    for (const name of ['Error', 'String'] as const) {
      const fn = method(v, name);
      if (fn !== undefined) {
        this.callMethod(v, verb, name, fn, (s) => {
          this.printString(s, verb, v);
        });
        return true;
      }
    }
    if (hasOwnToString(v)) {
      this.callMethod(v, verb, 'String', () => (v as { toString(): string }).toString(), (s) => {
        this.printString(s, verb, v);
      });
      return true;
    }
    return false;
  }

  /** Calls a String-like method; a throw prints as Go prints a panic in one: %!v(PANIC=...). */
  private callMethod(v: object, verb: string, name: string, fn: () => unknown, print: (s: string) => void): void {
    let result: unknown;
    try {
      result = fn.call(v);
    } catch (err: unknown) {
      if (this.#panicking) throw err;
      const saved = this.saveFlags();
      this.clearFlags();
      this.buf += `%!${verb}(PANIC=${name} method: `;
      this.#panicking = true;
      this.printArg(err, 'v');
      this.#panicking = false;
      this.buf += ')';
      this.restoreFlags(saved);
      return;
    }
    print(stringValue(result) ?? String(result));
  }

  /** The %!verb(type=value) form for a verb the operand does not support. */
  badVerb(verb: string, v: unknown): void {
    this.#erroring = true;
    this.buf += '%!' + verb + '(';
    if (v === null || v === undefined) {
      this.buf += '<nil>';
    } else {
      this.buf += typeName(v) + '=';
      this.printArg(v, 'v');
    }
    this.buf += ')';
    this.#erroring = false;
  }
}

/** Go's uint64 conversion of a signed integer, for %c %q %U. */
function asUint64(v: number | bigint): bigint {
  return BigInt.asUintN(64, typeof v === 'bigint' ? v : BigInt(v));
}

function isPointerType(v: unknown): boolean {
  return declaredTypeName(v)?.startsWith('*') ?? false;
}

/** A method of `v` (an own or inherited function-valued property) taking no arguments. */
function method(v: object, name: string): (() => unknown) | undefined {
  const fn: unknown = (v as Record<string, unknown>)[name];
  return typeof fn === 'function' ? (fn as () => unknown) : undefined;
}

/** Whether a class instance defines its own toString (not Object.prototype's). */
function hasOwnToString(v: object): boolean {
  return v.toString !== Object.prototype.toString;
}

/** Stable pseudo-addresses: JavaScript has no pointers, but %p and %v of funcs print one. */
const addresses = new WeakMap<object, bigint>();
let nextAddress = 0xc000010000n;

function addressOf(v: object): bigint {
  let a = addresses.get(v);
  if (a === undefined) {
    a = nextAddress;
    nextAddress += 0x10n;
    addresses.set(v, a);
  }
  return a;
}
