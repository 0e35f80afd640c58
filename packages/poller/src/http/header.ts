// Header: the fields of a request or a response, as Go's http.Header but ordered and
// Headers-like. Names compare case-insensitively, repeated fields stay separate values, and
// iteration gives [name, value] pairs in the order they came on the wire (or were added).
import { HttpError } from './errors.js';

/** What a {@link Header} can be built from: pairs, or a record of one or several values. */
export type HeaderInit = Iterable<readonly [string, string]> | Record<string, string | readonly string[]>;

// tchar = "!" / "#" / "$" / "%" / "&" / "'" / "*" / "+" / "-" / "." / "^" / "_" / "`" / "|" / "~" / DIGIT / ALPHA
const TCHAR = new Uint8Array(128);
for (let c = 0x30; c <= 0x39; c++) TCHAR[c] = 1;
for (let c = 0x41; c <= 0x5a; c++) TCHAR[c] = 1;
for (let c = 0x61; c <= 0x7a; c++) TCHAR[c] = 1;
for (const ch of "!#$%&'*+-.^_`|~") TCHAR[ch.charCodeAt(0)] = 1;

/** Reports whether `s` is a non-empty RFC 9110 token (a valid field name or method). */
export function isToken(s: string): boolean {
  if (s.length === 0) return false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 128 || TCHAR[c] !== 1) return false;
  }
  return true;
}

/**
 * Reports whether `s` may be sent as a field value: no control byte other than HTAB (so no NUL,
 * CR or LF: a value can never end the line it is on), no DEL, and nothing beyond one byte.
 */
export function isValidFieldValue(s: string): boolean {
  return fieldValueKind(s) !== FieldValue.Invalid;
}

const enum FieldValue {
  Invalid,
  Ascii,
  /** Holds characters from U+0080 to U+00FF, sent as one byte each (obs-text). */
  Latin1,
}

function fieldValueKind(s: string): FieldValue {
  let kind = FieldValue.Ascii;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if ((c < 0x20 && c !== 0x09) || c === 0x7f || c > 0xff) return FieldValue.Invalid;
    if (c > 0x7f) kind = FieldValue.Latin1;
  }
  return kind;
}

// Valid field names already seen, each with its lower-case key. Code sets the same few names
// on every response, and checking and lower-casing them each time was most of a set's cost.
// Bounded, so names taken from requests cannot grow it without limit.
const KEYS = new Map<string, string>();
const KEYS_MAX = 1024;

// The lookup key of `name`, validated as a token: throws when it is not one.
function checkedKey(name: string): string {
  const known = KEYS.get(name);
  if (known !== undefined) return known;
  if (!isToken(name)) {
    throw HttpError.of('ERR_HTTP_INVALID_RESPONSE_HEADER', `invalid header name ${JSON.stringify(name)}`);
  }
  const key = name.toLowerCase();
  if (KEYS.size < KEYS_MAX) KEYS.set(name, key);
  return key;
}

// The lookup key of `name`, valid or not (a lookup of an invalid name finds nothing). Valid
// names are remembered, as in checkedKey: code looks up the same few names on every request.
function keyOf(name: string): string {
  const known = KEYS.get(name);
  if (known !== undefined) return known;
  const key = name.toLowerCase();
  if (KEYS.size < KEYS_MAX && isToken(name)) KEYS.set(name, key);
  return key;
}

// The bit of a lookup key in a header's summary of the keys it holds (see Header's #present):
// its first character and length, which tell apart the names a response usually carries.
function bitOf(key: string): number {
  return 1 << ((key.charCodeAt(0) * 7 + key.length) & 31);
}

// What a value that is not a HeaderFields is, for the error that says so.
function describe(v: unknown): string {
  if (v === null) return 'null';
  if (typeof v !== 'object') return v === undefined ? 'undefined' : `a ${typeof v}`;
  if (Array.isArray(v)) return 'an array';
  const proto: unknown = Object.getPrototypeOf(v);
  if (proto === Object.prototype || proto === null) return 'a plain object';
  const ctor = (v as { constructor?: { name?: unknown } }).constructor;
  return `a ${typeof ctor?.name === 'string' ? ctor.name : 'non-HeaderFields object'}`;
}

// Whether `name` lower-cased is `key` (of the same length, already lower case).
function sameLower(name: string, key: string): boolean {
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    const k = key.charCodeAt(i);
    if (c !== k && (c < 0x41 || c > 0x5a || c + 0x20 !== k)) return false;
  }
  return true;
}

// The summary bits of `keys`.
function bitsOf(keys: readonly string[]): number {
  let bits = 0;
  for (let i = 0; i < keys.length; i++) bits |= bitOf(keys[i]!);
  return bits;
}

let adopt: (h: Header, names: string[], values: string[]) => void;
let serialize: (h: Header) => string;
let ascii: (h: Header) => boolean;
let flatten: (h: Header, out: string[]) => void;

// What a HeaderFields holds, ready for a header to take: its fields as parallel lists, the
// set of its lookup keys (to replace existing fields), the "Name: value\r\n" lines as one flat
// string, and whether every value is ASCII.
interface FieldsWire {
  readonly names: readonly string[];
  readonly keys: readonly string[];
  readonly values: readonly string[];
  readonly keySet: ReadonlySet<string>;
  readonly bits: number;
  readonly lines: string;
  readonly ascii: boolean;
}

let wireOf: (f: unknown) => FieldsWire | undefined;

/**
 * A fixed list of fields, validated and serialized once, for code that sends the same fields on
 * many responses (security headers, CORS answers): `header.setFields(fields)` costs one step
 * instead of a validated `set` per field, and the fields go to the wire as one piece of text.
 * Iterating yields `[name, value]` in the order given.
 */
export class HeaderFields implements Iterable<[string, string]> {
  readonly #wire: FieldsWire;

  static {
    wireOf = (f) => (typeof f === 'object' && f !== null && #wire in f ? f.#wire : undefined);
  }

  /**
   * Builds the list from pairs or a record; every name and value is validated as `Header`
   * validates them (an invalid one throws `ERR_HTTP_INVALID_RESPONSE_HEADER`).
   */
  constructor(init: HeaderInit) {
    const h = new Header(init);
    const names: string[] = [];
    const values: string[] = [];
    for (const [name, value] of h) {
      names.push(name);
      values.push(value);
    }
    const keys = names.map((n) => n.toLowerCase());
    this.#wire = {
      names,
      keys,
      values,
      keySet: new Set(keys),
      bits: bitsOf(keys),
      lines: names.map((n, i) => n + ': ' + values[i]! + '\r\n').join(''),
      ascii: ascii(h),
    };
  }

  /** The number of fields. */
  get size(): number {
    return this.#wire.names.length;
  }

  /** The `[name, value]` pairs in the order given. */
  *[Symbol.iterator](): IterableIterator<[string, string]> {
    const { names, values } = this.#wire;
    for (let i = 0; i < names.length; i++) yield [names[i]!, values[i]!];
  }
}

// Where a HeaderFields was set whole: its fields sit at `start` onward, untouched since, so its
// serialized lines can be sent as they are.
interface FieldsRun {
  readonly start: number;
  readonly fields: FieldsWire;
}

/**
 * The header fields of a message. Lookups ignore case; `set` replaces every field of that name,
 * `append` adds one more; names and values given to either are validated, so a value holding
 * CR, LF or NUL throws an {@link HttpError} (`ERR_HTTP_INVALID_RESPONSE_HEADER`) instead of reaching the
 * wire. Iterating yields `[name, value]` in wire order, a repeated field once per value.
 */
export class Header implements Iterable<[string, string]> {
  #names: string[] = [];
  /**
   * The lookup key (lower case) of each name; null for a header from the wire until something
   * needs them (a change), as lookups compare names without them (see #indexOfName).
   */
  #keys: string[] | null = [];
  #values: string[] = [];
  /** False once a value held a character past U+007F (a wire header is not looked at: false). */
  #ascii = true;
  /** The HeaderFields set whole and still intact, in index order; null when none. */
  #runs: FieldsRun[] | null = null;
  /**
   * The `bitOf` of every key held (and of some removed since): a lookup of a key whose bit is
   * clear is a miss without a scan, which is most lookups (framing fields, an ETag not set).
   */
  #present = 0;

  static {
    adopt = (h, names, values) => {
      h.#names = names;
      h.#values = values;
      h.#keys = null;
      h.#present = -1;
      h.#ascii = false;
    };
    ascii = (h) => h.#ascii;
    flatten = (h, out) => {
      const names = h.#names;
      const values = h.#values;
      for (let i = 0; i < names.length; i++) out.push(names[i]!, values[i]!);
    };
    // The header block of a response: one "Name: value\r\n" line per field.
    serialize = (h) => {
      const names = h.#names;
      const values = h.#values;
      const runs = h.#runs;
      let out = '';
      let r = 0;
      let next = runs === null ? -1 : runs[0]!.start;
      for (let i = 0; i < names.length; i++) {
        if (i === next) {
          const fields = runs![r]!.fields;
          out += fields.lines;
          i += fields.names.length - 1;
          next = ++r < runs!.length ? runs![r]!.start : -1;
        } else out += names[i]! + ': ' + values[i]! + '\r\n';
      }
      return out;
    };
  }

  /** Builds a header from pairs or a record; every name and value is validated. */
  constructor(init?: HeaderInit) {
    if (init === undefined) return;
    if (Symbol.iterator in init) {
      for (const [name, value] of init) this.append(name, value);
      return;
    }
    for (const [name, v] of Object.entries(init)) {
      if (typeof v === 'string') this.append(name, v);
      else for (const one of v) this.append(name, one);
    }
  }

  /** The number of fields (a repeated name counts once per value). */
  get size(): number {
    return this.#names.length;
  }

  /** The first value of `name`, or null when absent (as Go's Header.Get). */
  get(name: string): string | null {
    const i = this.#indexOf(keyOf(name), 0);
    return i < 0 ? null : this.#values[i]!;
  }

  /** Every value of `name`, in wire order; empty when absent. */
  getAll(name: string): string[] {
    const key = keyOf(name);
    const out: string[] = [];
    for (let i = this.#indexOf(key, 0); i >= 0; i = this.#indexOf(key, i + 1)) out.push(this.#values[i]!);
    return out;
  }

  /** Reports whether a field named `name` exists. */
  has(name: string): boolean {
    return this.#indexOf(keyOf(name), 0) >= 0;
  }

  /** Replaces every field named `name` with one field holding `value`; validates both. */
  set(name: string, value: string | number): void {
    const key = checkedKey(name);
    const v = this.#checkValue(name, value);
    const i = this.#indexOf(key, 0);
    if (i < 0) {
      this.#push(name, key, v);
      return;
    }
    if (this.#runs !== null) this.#dropRunsFrom(i);
    this.#values[i] = v;
    this.#names[i] = name;
    this.#removeFrom(key, i + 1);
  }

  /**
   * Sets every field of `fields`: existing fields of those names are removed, then the fields
   * are added in their order (as `set` for each name, keeping a name's repeated values).
   */
  setFields(fields: HeaderFields): void {
    const wire = wireOf(fields);
    if (wire === undefined) throw new TypeError(`setFields takes a HeaderFields (new HeaderFields(pairs)), not ${describe(fields)}`);
    const own = this.#keysNow();
    // Usually none of the names is set yet: the summaries of the keys tell, or one look at each
    // field already here.
    if ((this.#present & wire.bits) !== 0) {
      for (let i = 0; i < own.length; i++) {
        if (!wire.keySet.has(own[i]!)) continue;
        for (const key of wire.keySet) this.#removeFrom(key, i);
        break;
      }
    }
    const start = own.length;
    if (start === 0) {
      this.#names = wire.names.slice();
      this.#keys = wire.keys.slice();
      this.#values = wire.values.slice();
    } else {
      const names = this.#names;
      const values = this.#values;
      for (let i = 0; i < wire.names.length; i++) {
        names.push(wire.names[i]!);
        own.push(wire.keys[i]!);
        values.push(wire.values[i]!);
      }
    }
    this.#present |= wire.bits;
    if (!wire.ascii) this.#ascii = false;
    if (wire.names.length > 0) (this.#runs ??= []).push({ start, fields: wire });
  }

  /** Adds a field after the existing ones, keeping any earlier field of the same name. */
  append(name: string, value: string | number): void {
    const key = checkedKey(name);
    this.#push(name, key, this.#checkValue(name, value));
  }

  /** Removes every field named `name`. */
  delete(name: string): void {
    this.#removeFrom(keyOf(name), 0);
  }

  /** The `[name, value]` pairs in wire order. */
  *entries(): IterableIterator<[string, string]> {
    for (let i = 0; i < this.#names.length; i++) yield [this.#names[i]!, this.#values[i]!];
  }

  /** The `[name, value]` pairs in wire order. */
  [Symbol.iterator](): IterableIterator<[string, string]> {
    return this.entries();
  }

  // Validates a field's value; one that cannot be sent throws ERR_HTTP_INVALID_RESPONSE_HEADER.
  #checkValue(name: string, value: string | number): string {
    const v = typeof value === 'number' ? String(value) : value;
    const kind = fieldValueKind(v);
    if (kind === FieldValue.Invalid) {
      throw HttpError.of('ERR_HTTP_INVALID_RESPONSE_HEADER', `invalid value for header ${name}: ${JSON.stringify(v)}`);
    }
    if (kind === FieldValue.Latin1) this.#ascii = false;
    return v;
  }

  #indexOf(key: string, from: number): number {
    if ((this.#present & bitOf(key)) === 0) return -1;
    const keys = this.#keys;
    if (keys === null) return this.#indexOfName(key, from);
    for (let i = from; i < keys.length; i++) if (keys[i] === key) return i;
    return -1;
  }

  // The index of the first name at `from` or later whose lower case is `key`, compared without
  // lower-casing the names: a request's header is mostly looked up, a few names once each.
  #indexOfName(key: string, from: number): number {
    const names = this.#names;
    for (let i = from; i < names.length; i++) {
      const name = names[i]!;
      if (name.length === key.length && (name === key || sameLower(name, key))) return i;
    }
    return -1;
  }

  // The lookup keys, made now for a header from the wire.
  #keysNow(): string[] {
    if (this.#keys !== null) return this.#keys;
    const keys = this.#names.map((n) => n.toLowerCase());
    this.#present = bitsOf(keys);
    return (this.#keys = keys);
  }

  #push(name: string, key: string, value: string): void {
    const keys = this.#keysNow();
    this.#present |= bitOf(key);
    this.#names.push(name);
    keys.push(key);
    this.#values.push(value);
  }

  // Forgets the runs that hold index `i` or come after it: their fields are about to change or move.
  #dropRunsFrom(i: number): void {
    const runs = this.#runs!;
    let keep = 0;
    while (keep < runs.length && runs[keep]!.start + runs[keep]!.fields.names.length <= i) keep++;
    if (keep === 0) this.#runs = null;
    else runs.length = keep;
  }

  // Removes the fields with lookup key `key` at `from` or later, keeping the others in order.
  #removeFrom(key: string, from: number): void {
    const first = this.#indexOf(key, from);
    if (first < 0) return;
    if (this.#runs !== null) this.#dropRunsFrom(first);
    const names = this.#names;
    const keys = this.#keysNow();
    const values = this.#values;
    let w = first;
    for (let i = first + 1; i < keys.length; i++) {
      if (keys[i] === key) continue;
      names[w] = names[i]!;
      keys[w] = keys[i]!;
      values[w] = values[i]!;
      w++;
    }
    names.length = w;
    keys.length = w;
    values.length = w;
  }
}

/**
 * A header holding fields the parser has already validated, taking ownership of the arrays.
 * Internal to the transports: not exported from the package.
 */
export function headerFromWire(names: string[], values: string[]): Header {
  const h = new Header();
  adopt(h, names, values);
  return h;
}

/** The "Name: value\r\n" lines of `h`, for the transports' response writers. */
export function headerLines(h: Header): string {
  return serialize(h);
}

/**
 * Appends the fields of `h` to `out` as name, value, name, value... (node:http's raw header
 * list), without the pair per field that iterating makes. Internal to the transports.
 */
export function headerFlat(h: Header, out: string[]): void {
  flatten(h, out);
}

/**
 * Whether every value set on `h` is ASCII, so that its lines read the same in UTF-8 as in
 * Latin-1 (the encoding field values go out in). Internal to the transports.
 */
export function headerIsAscii(h: Header): boolean {
  return ascii(h);
}
