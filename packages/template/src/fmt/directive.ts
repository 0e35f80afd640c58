// A format compiled once: templates call printf with the same constant format again and again,
// so a format without `*` or `[n]` (whose meaning depends on the arguments) is scanned once into
// directives, and each call only applies them.
import { Formatter, type FormatFlags } from './format.js';
import { formatFloat, isPlainDecimal } from './ftoa.js';
import { isGoInt } from './value.js';

/** One verb of a format with its flags, width and precision, and the literal text before it. */
export interface Directive extends Readonly<FormatFlags> {
  /** The literal text before the %. */
  readonly text: string;
  /** The verb, or '' when the format ends before one (Go's %!(NOVERB)). */
  readonly verb: string;
  readonly wid: number;
  readonly prec: number;
  /** Whether the verb has no flags or width, so that common operands can skip the printer. */
  readonly plain: boolean;
}

/** A format as directives, then the literal text after the last one. */
export interface CompiledFormat {
  readonly directives: readonly Directive[];
  readonly tail: string;
}

const cache = new Map<string, CompiledFormat | null>();
const maxCached = 256;
/** Longer formats are compiled for the call and not kept, so the cache stays small. */
const maxCachedLength = 512;

/** The compiled form of `format`, or null if it uses `*` or `[n]` and must be scanned per call. */
export function compiledFormat(format: string): CompiledFormat | null {
  if (format.length > maxCachedLength) return compile(format);
  let c = cache.get(format);
  if (c === undefined) {
    c = compile(format);
    if (cache.size >= maxCached) cache.clear();
    cache.set(format, c);
  }
  return c;
}

function compile(format: string): CompiledFormat | null {
  const directives: Directive[] = [];
  const f = new Formatter();
  const end = format.length;
  let i = 0;
  for (;;) {
    const pct = format.indexOf('%', i);
    if (pct < 0) return { directives, tail: format.slice(i) };
    const text = format.slice(i, pct);
    i = pct + 1;
    f.clearFlags();
    while (i < end && f.setFlag(format[i])) i++;
    if (format[i] === '[' || format[i] === '*') return null;
    const wid = scanNumber(format, i);
    if (wid === null) return null;
    [f.wid, f.widPresent, i] = wid;
    if (i + 1 < end && format[i] === '.') {
      i++;
      if (format[i] === '[' || format[i] === '*') return null;
      const prec = scanNumber(format, i);
      if (prec === null) return null;
      [f.prec, , i] = prec;
      f.precPresent = true;
    }
    if (format[i] === '[') return null;
    if (i >= end) {
      directives.push({ ...f.saveFlags(), text, verb: '', plain: false });
      return { directives, tail: '' };
    }
    const verb = String.fromCodePoint(format.codePointAt(i)!);
    i += verb.length;
    const plain = !(f.plus || f.minus || f.sharp || f.space || f.zero || f.widPresent);
    directives.push({ ...f.saveFlags(), text, verb, plain });
  }
}

/** A decimal number at `i`: [value, present, next index]; null if absurdly large. */
function scanNumber(format: string, i: number): [number, boolean, number] | null {
  let n = 0;
  const start = i;
  for (; i < format.length; i++) {
    const c = format.charCodeAt(i);
    if (c < 0x30 || c > 0x39) break;
    // Go gives up on numbers past a million; the per-call scanner reproduces how.
    if (n > 1e6) return null;
    n = n * 10 + (c - 0x30);
  }
  return [n, i > start, i];
}

/**
 * Hot path: the text of a plain directive for the operands printf meets most (a string under
 * %s or %v, an int under %d or %v, a finite number under a float verb), or undefined for the
 * printer to do it. The same text the printer would produce.
 */
export function plainText(d: Directive, arg: unknown): string | undefined {
  if (!d.plain) return undefined;
  switch (typeof arg) {
    case 'string':
      return (d.verb === 's' || d.verb === 'v') && !d.precPresent ? arg : undefined;
    case 'number':
      return numberText(d, arg);
    default:
      return undefined;
  }
}

function numberText(d: Directive, n: number): string | undefined {
  switch (d.verb) {
    case 'd':
      return isGoInt(n) && !d.precPresent ? String(n) : undefined;
    case 'v':
      return (isGoInt(n) || isPlainDecimal(n)) && !d.precPresent ? String(n) : undefined;
    case 'f':
    case 'F':
    case 'e':
    case 'E':
      return Number.isFinite(n) ? formatFloat(n, d.verb === 'F' ? 'f' : d.verb, d.precPresent ? d.prec : 6) : undefined;
    case 'g':
    case 'G':
      return Number.isFinite(n) ? formatFloat(n, d.verb, d.precPresent ? d.prec : -1) : undefined;
    default:
      return undefined;
  }
}
