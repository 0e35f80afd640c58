// Go's encoding/json Marshal over the Go view of JavaScript values, as html/template's
// jsValEscaper uses it: HTML-safe string escapes, map keys sorted, struct fields in order.
import {
  NamedString,
  TypedNil,
  compareCodePoints,
  kindOf,
  mapEntries,
  sliceElements,
  stringValue,
  structFields,
  typeName,
} from '../fmt/index.js';
import { goTypeOf } from '../exec/signature.js';

/** A value that cannot be marshalled; the message is Go's. */
export class JSONError extends Error {}

const hexDigits = '0123456789abcdef';

/** Go's JSON string encoding with HTML escaping (`<`, `>`, `&`, U+2028, U+2029 as \u escapes). */
export function jsonString(s: string): string {
  let out = '"';
  let written = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    let repl: string | undefined;
    if (c < 0x20 || c === 0x22 || c === 0x5c || c === 0x3c || c === 0x3e || c === 0x26) {
      switch (c) {
        case 0x22: repl = '\\"'; break;
        case 0x5c: repl = '\\\\'; break;
        case 0x0a: repl = '\\n'; break;
        case 0x0d: repl = '\\r'; break;
        case 0x09: repl = '\\t'; break;
        default: repl = `\\u00${hexDigits[c >> 4] ?? '0'}${hexDigits[c & 0xf] ?? '0'}`;
      }
    } else if (c === 0x2028 || c === 0x2029) {
      repl = `\\u${c.toString(16)}`;
    } else if (c >= 0xd800 && c <= 0xdfff) {
      // A well-formed surrogate pair is one code point; a lone surrogate is invalid UTF-8 to Go.
      const next = s.charCodeAt(i + 1);
      if (c < 0xdc00 && next >= 0xdc00 && next <= 0xdfff) {
        i++;
        continue;
      }
      repl = '\\ufffd';
    } else {
      continue;
    }
    out += s.slice(written, i) + repl;
    written = i + 1;
  }
  return `${out}${s.slice(written)}"`;
}

/** Go's float64 JSON form: like JavaScript's, but -0 keeps its sign. */
function jsonNumber(n: number): string {
  if (!Number.isFinite(n)) throw new JSONError(`json: unsupported value: ${Number.isNaN(n) ? 'NaN' : n > 0 ? '+Inf' : '-Inf'}`);
  return Object.is(n, -0) ? '-0' : String(n);
}

function hasToJSON(v: object): v is { toJSON: () => unknown } {
  return typeof (v as { toJSON?: unknown }).toJSON === 'function';
}

/** Go's json.Marshal of a value; throws {@link JSONError} for what Go cannot encode. */
export function marshalJSON(v: unknown, seen: Set<object> = new Set()): string {
  if (typeof v === 'object' && v !== null && !(v instanceof NamedString) && hasToJSON(v)) {
    // A toJSON method plays the part of Go's json.Marshaler; its failure is Go's.
    let marshalled: unknown;
    try {
      marshalled = v.toJSON();
    } catch (e) {
      const detail = e instanceof Error ? e.message : String(e);
      throw new JSONError(`json: error calling MarshalJSON for type ${typeName(v)}: ${detail}`, { cause: e });
    }
    return marshalJSON(marshalled, seen);
  }
  // A typed nil (a nil *T) is JSON null, as Go encodes a nil pointer.
  if (v instanceof TypedNil) return 'null';
  switch (kindOf(v)) {
    case 'nil':
      return 'null';
    case 'bool':
      return v ? 'true' : 'false';
    case 'int':
    case 'int64':
      return String(v);
    case 'float64':
      // A number, or fmt's Float64 box of a float constant such as `3.0`.
      return jsonNumber(Number(v));
    case 'string':
      return jsonString(stringValue(v) ?? '');
    case 'func':
    case 'complex128':
      throw new JSONError(`json: unsupported type: ${goTypeOf(v)}`);
    default:
      return marshalComposite(v as object, seen);
  }
}

function marshalComposite(v: object, seen: Set<object>): string {
  if (seen.has(v)) throw new JSONError(`json: unsupported value: encountered a cycle via ${typeName(v)}`);
  seen.add(v);
  try {
    switch (kindOf(v)) {
      case 'slice':
        if (v instanceof Uint8Array) return `"${Buffer.from(v).toString('base64')}"`;
        return `[${sliceElements(v).map((e) => marshalJSON(e, seen)).join(',')}]`;
      case 'map': {
        // Go sorts map keys by their string form.
        const entries = mapEntries(v).map(([k, e]): [string, unknown] => [String(k), e]);
        entries.sort((a, b) => compareCodePoints(a[0], b[0]));
        return `{${entries.map(([k, e]) => `${jsonString(k)}:${marshalJSON(e, seen)}`).join(',')}}`;
      }
      default: {
        const fields = structFields(v).filter(([, e]) => typeof e !== 'function');
        return `{${fields.map(([k, e]) => `${jsonString(k)}:${marshalJSON(e, seen)}`).join(',')}}`;
      }
    }
  } finally {
    seen.delete(v);
  }
}
