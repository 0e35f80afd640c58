// Go's fmt.Sprint, Sprintln and Sprintf (fmt/print.go doPrint, doPrintln, doPrintf) over
// JavaScript values seen as Go values (value.ts).
import { compiledFormat, plainText, type CompiledFormat } from './directive.js';
import { isPlainDecimal } from './ftoa.js';
import { Printer } from './printer.js';
import { isGoInt, kindOf, typeName } from './value.js';

/** Widths and precisions beyond this are refused, as Go refuses them. */
const maxNum = 1e6;

/**
 * Go's `fmt.Sprintf`: formats `args` according to `format`, with every verb, flag, width,
 * precision, `*` and `%[n]` argument index of Go's fmt, and Go's error forms (`%!d(string=x)`,
 * `%!v(MISSING)`, `%!(EXTRA int=1)`, `%!(BADINDEX)`, `%!(BADWIDTH)`, `%!(BADPREC)`, `%!(NOVERB)`).
 * A JavaScript number with an integral value is also accepted by the float verbs (%e %f %g).
 */
export function sprintf(format: string, ...args: unknown[]): string {
  // Printers are reused, as Go pools them; a String method may call sprintf re-entrantly.
  const printf = printfPool.pop() ?? new Printf();
  const s = printf.run(format, args);
  if (printfPool.length < 8) printfPool.push(printf);
  return s;
}

/** Go's `fmt.Sprint`: each operand in its default format, a space between two non-strings. */
export function sprint(...args: unknown[]): string {
  // Hot path: the template engine prints one value at a time.
  if (args.length === 1) {
    const v = args[0];
    if (typeof v === 'string') return v;
    if (typeof v === 'number' && (isGoInt(v) || isPlainDecimal(v))) return String(v);
  }
  const p = printerPool.pop() ?? new Printer();
  let prevString = false;
  for (let i = 0; i < args.length; i++) {
    const isString = kindOf(args[i]) === 'string';
    if (i > 0 && !isString && !prevString) p.buf += ' ';
    p.printArg(args[i], 'v');
    prevString = isString;
  }
  return release(p);
}

/** Go's `fmt.Sprintln`: each operand in its default format, separated by spaces, then a newline. */
export function sprintln(...args: unknown[]): string {
  const p = printerPool.pop() ?? new Printer();
  for (let i = 0; i < args.length; i++) {
    if (i > 0) p.buf += ' ';
    p.printArg(args[i], 'v');
  }
  p.buf += '\n';
  return release(p);
}

const printerPool: Printer[] = [];

/** Hands back a pooled printer's output and returns it to the pool. */
function release(p: Printer): string {
  const out = p.buf;
  p.buf = '';
  if (printerPool.length < 8) printerPool.push(p);
  return out;
}

const printfPool: Printf[] = [];

/** The format-string scanner around a Printer (Go's doPrintf); reusable, one run at a time. */
class Printf {
  readonly #p = new Printer();
  #format = '';
  #args: readonly unknown[] = [];
  /** The next argument to print. */
  #argNum = 0;
  /** Whether an explicit index was used, so that unused arguments are not reported. */
  #reordered = false;
  /** Whether the current verb's argument indexes were all in range. */
  #goodArgNum = true;
  /** The position in the format. */
  #i = 0;

  /** Whether the last {@link num} found a number. */
  #numOk = false;

  /** Formats `args` by `format`. */
  run(format: string, args: readonly unknown[]): string {
    this.#format = format;
    this.#args = args;
    this.#argNum = 0;
    this.#reordered = false;
    this.#goodArgNum = true;
    this.#i = 0;
    const p = this.#p;
    p.buf = '';
    const compiled = compiledFormat(format);
    if (compiled !== null) return this.runCompiled(compiled);
    const end = format.length;
    while (this.#i < end) {
      this.#goodArgNum = true;
      const next = format.indexOf('%', this.#i);
      if (next < 0) {
        p.buf += format.slice(this.#i);
        break;
      }
      if (next > this.#i) p.buf += format.slice(this.#i, next);
      this.#i = next + 1;
      if (!this.verb()) break;
    }
    return this.finish();
  }

  /** Applies a compiled format: the same output as scanning it, without the scanning. */
  private runCompiled(compiled: CompiledFormat): string {
    const p = this.#p;
    const args = this.#args;
    for (const d of compiled.directives) {
      p.buf += d.text;
      if (d.verb === '') {
        p.buf += '%!(NOVERB)';
        return this.finish();
      }
      if (d.verb === '%') {
        p.buf += '%';
      } else if (this.#argNum >= args.length) {
        p.buf += `%!${d.verb}(MISSING)`;
      } else {
        const text = plainText(d, args[this.#argNum]);
        if (text !== undefined) {
          p.buf += text;
          this.#argNum++;
          continue;
        }
        p.restoreFlags(d);
        this.print(d.verb);
      }
    }
    p.buf += compiled.tail;
    return this.finish();
  }

  /** Reports unused arguments and hands back the output. */
  private finish(): string {
    this.extra();
    const p = this.#p;
    const out = p.buf;
    p.buf = '';
    this.#args = [];
    return out;
  }

  /** Scans and prints one verb after its %; false when the format ended without a verb. */
  private verb(): boolean {
    const p = this.#p;
    const format = this.#format;
    const end = format.length;
    p.clearFlags();
    this.flags();
    let afterIndex = this.argIndex();

    if (this.#i < end && format[this.#i] === '*') {
      this.#i++;
      const [wid, ok] = this.intArg();
      p.wid = wid;
      p.widPresent = ok;
      if (!ok) p.buf += '%!(BADWIDTH)';
      // A negative width means the - flag, padding on the right.
      if (p.wid < 0) {
        p.wid = -p.wid;
        p.minus = true;
        p.zero = false;
      }
      afterIndex = false;
    } else {
      p.wid = this.num();
      p.widPresent = this.#numOk;
      if (afterIndex && p.widPresent) this.#goodArgNum = false; // "%[3]2d"
    }

    if (this.#i + 1 < end && format[this.#i] === '.') {
      this.#i++;
      if (afterIndex) this.#goodArgNum = false; // "%[3].2d"
      afterIndex = this.argIndex();
      if (this.#i < end && format[this.#i] === '*') {
        this.#i++;
        const [prec, ok] = this.intArg();
        // A negative precision is no precision.
        p.prec = prec < 0 ? 0 : prec;
        p.precPresent = ok && prec >= 0;
        if (!p.precPresent) p.buf += '%!(BADPREC)';
        afterIndex = false;
      } else {
        p.prec = this.num();
        p.precPresent = true;
      }
    }

    if (!afterIndex) this.argIndex();

    if (this.#i >= end) {
      p.buf += '%!(NOVERB)';
      return false;
    }
    const c = format.charCodeAt(this.#i);
    const verb = c < 0xd800 || c > 0xdbff ? format[this.#i]! : String.fromCodePoint(format.codePointAt(this.#i)!);
    this.#i += verb.length;
    this.print(verb);
    return true;
  }

  /** Prints the current argument under `verb`, or the error form that replaces it. */
  private print(verb: string): void {
    const p = this.#p;
    if (verb === '%') {
      // Percent absorbs no operand and ignores width and precision.
      p.buf += '%';
    } else if (!this.#goodArgNum) {
      p.buf += `%!${verb}(BADINDEX)`;
    } else if (this.#argNum >= this.#args.length) {
      p.buf += `%!${verb}(MISSING)`;
    } else {
      if (verb === 'v') {
        // %#v is Go syntax and %+v names struct fields: both are flags of %v alone.
        p.sharpV = p.sharp;
        p.sharp = false;
        p.plusV = p.plus;
        p.plus = false;
      }
      p.printArg(this.#args[this.#argNum], verb);
      this.#argNum++;
    }
  }

  /** Scans the flags # 0 + - and space. */
  private flags(): void {
    while (this.#i < this.#format.length && this.#p.setFlag(this.#format[this.#i])) this.#i++;
  }

  /** Scans an explicit argument index `[n]` if one is next; reports whether one was. */
  private argIndex(): boolean {
    const format = this.#format;
    const start = this.#i;
    if (start >= format.length || format[start] !== '[') return false;
    this.#reordered = true;
    const close = format.length - start >= 3 ? format.indexOf(']', start + 1) : -1;
    if (close < 0) {
      // No room for "[n]" or no closing bracket: only the '[' is consumed.
      this.#i = start + 1;
      this.#goodArgNum = false;
      return false;
    }
    const [n, ok, stop] = parseNum(format, start + 1, close);
    this.#i = close + 1;
    if (ok && stop === close && n - 1 < this.#args.length && n >= 1) {
      this.#argNum = n - 1;
      return true;
    }
    this.#goodArgNum = false;
    return ok && stop === close;
  }

  /** Scans a decimal number; 0 and #numOk false if there is none (or it is absurdly large). */
  private num(): number {
    const format = this.#format;
    const end = format.length;
    let n = 0;
    let isNum = false;
    let i = this.#i;
    for (; i < end; i++) {
      const c = format.charCodeAt(i);
      if (c < 0x30 || c > 0x39) break;
      if (n > maxNum) {
        // Overflow: the rest of the format is consumed.
        this.#i = end;
        this.#numOk = false;
        return 0;
      }
      n = n * 10 + (c - 0x30);
      isNum = true;
    }
    this.#i = i;
    this.#numOk = isNum;
    return n;
  }

  /** Takes the next argument as a `*` width or precision: it must be an int. */
  private intArg(): [number, boolean] {
    if (this.#argNum >= this.#args.length) return [0, false];
    const arg = this.#args[this.#argNum++];
    let n = 0;
    let ok = false;
    if (typeof arg === 'number' && isGoInt(arg)) {
      n = arg;
      ok = true;
    } else if (typeof arg === 'bigint' && arg >= -(2n ** 63n) && arg < 2n ** 63n) {
      n = Number(arg);
      ok = true;
    }
    if (n > maxNum || n < -maxNum) return [0, false];
    return [n, ok];
  }

  /**
   * Reports unused arguments: %!(EXTRA type=value, ...), unless the format used explicit
   * indexes, after which unused arguments are allowed.
   */
  private extra(): void {
    if (this.#reordered || this.#argNum >= this.#args.length) return;
    const p = this.#p;
    p.clearFlags();
    p.buf += '%!(EXTRA ';
    const rest = this.#args.slice(this.#argNum);
    for (let i = 0; i < rest.length; i++) {
      if (i > 0) p.buf += ', ';
      const arg = rest[i];
      if (arg === null || arg === undefined) {
        p.buf += '<nil>';
      } else {
        p.buf += typeName(arg) + '=';
        p.printArg(arg, 'v');
      }
    }
    p.buf += ')';
  }
}

/**
 * Go's parsenum: the decimal number at `format[start:end]`, whether there was one, and where it
 * stopped. A number past a million stops the scan at `end`, unparsed.
 */
function parseNum(format: string, start: number, end: number): [number, boolean, number] {
  let n = 0;
  let isNum = false;
  let i = start;
  for (; i < end; i++) {
    const c = format.charCodeAt(i);
    if (c < 0x30 || c > 0x39) break;
    if (n > maxNum) return [0, false, end];
    n = n * 10 + (c - 0x30);
    isNum = true;
  }
  return [n, isNum, i];
}
