// Go's fmt.Sprint, Sprintln and Sprintf over JavaScript values seen as Go values (value.ts).
import { kindOf, mapEntries, sliceElements, stringValue, structFields } from './value.js';

/** Go's `fmt.Sprintf`: formats `args` according to `format`. */
export function sprintf(format: string, ...args: unknown[]): string {
  let out = '';
  let argNum = 0;
  for (let i = 0; i < format.length; i++) {
    const c = format[i]!;
    if (c !== '%') {
      out += c;
      continue;
    }
    const verb = format[++i];
    if (verb === undefined) return out + '%!(NOVERB)';
    if (verb === '%') {
      out += '%';
      continue;
    }
    if (argNum >= args.length) {
      out += `%!${verb}(MISSING)`;
      continue;
    }
    out += valueString(args[argNum++]);
  }
  return out;
}

/** Go's `fmt.Sprint`: operands joined, with a space between two operands when neither is a string. */
export function sprint(...args: unknown[]): string {
  let out = '';
  for (let i = 0; i < args.length; i++) {
    const isString = kindOf(args[i]) === 'string';
    if (i > 0 && !isString && kindOf(args[i - 1]) !== 'string') out += ' ';
    out += valueString(args[i]);
  }
  return out;
}

/** Go's `fmt.Sprintln`: operands joined by spaces, ending in a newline. */
export function sprintln(...args: unknown[]): string {
  return args.map(valueString).join(' ') + '\n';
}

function valueString(v: unknown): string {
  switch (kindOf(v)) {
    case 'nil':
      return '<nil>';
    case 'string':
      return stringValue(v) ?? '';
    case 'slice':
      return `[${sliceElements(v).map(valueString).join(' ')}]`;
    case 'map':
      return `map[${mapEntries(v).map(([k, e]) => `${valueString(k)}:${valueString(e)}`).join(' ')}]`;
    case 'struct':
      return `{${structFields(v).map(([, e]) => valueString(e)).join(' ')}}`;
    default:
      return String(v);
  }
}
