// The template lexer: a machine of state functions (Go's parse/lex.go), pulled one item at a
// time by the parser. Trim markers (`{{- ` and ` -}}`) and comments are resolved here, so the
// parser never sees the whitespace they remove.
import type { Item, ItemType } from './item.js';
import { goQuote, isPrint } from './quote.js';

export type { Item, ItemType } from './item.js';
export { goQuote, isPrint } from './quote.js';

/** One state of the lexer: it consumes input, may emit items, and returns the next state. */
export type StateFn = (l: Lexer) => StateFn | null;

const KEYWORDS: ReadonlyMap<string, ItemType> = new Map<string, ItemType>([
  ['.', 'dot'],
  ['block', 'block'],
  ['break', 'break'],
  ['continue', 'continue'],
  ['define', 'define'],
  ['else', 'else'],
  ['end', 'end'],
  ['if', 'if'],
  ['range', 'range'],
  ['nil', 'nil'],
  ['template', 'template'],
  ['with', 'with'],
]);

const EOF = -1;
const LEFT_COMMENT = '/*';
const RIGHT_COMMENT = '*/';
/** A trim marker plus the space before or after it. */
const TRIM_MARKER_LEN = 2;

/** Options of a lexer run. */
export interface LexOptions {
  leftDelim: string;
  rightDelim: string;
  /** Emit comment items instead of dropping them. */
  emitComment: boolean;
  /** Whether `break` / `continue` are keywords (false when a func of that name exists). */
  breakOK: boolean;
  continueOK: boolean;
}

/** Scans template text into items, on demand. */
export class Lexer {
  readonly input: string;
  readonly leftDelim: string;
  readonly rightDelim: string;
  readonly emitComment: boolean;
  readonly breakOK: boolean;
  readonly continueOK: boolean;
  /** Current offset in the input. */
  pos = 0;
  /** Start of the item being scanned. */
  start = 0;
  /** Nesting depth of ( ) inside an action. */
  parenDepth = 0;
  /** 1 + newlines seen before `pos`. */
  line = 1;
  /** Line at `start`. */
  startLine = 1;
  #atEOF = false;
  #state: StateFn | null = lexText;
  readonly #items: Item[] = [];

  constructor(input: string, options: LexOptions) {
    this.input = input;
    this.leftDelim = options.leftDelim === '' ? '{{' : options.leftDelim;
    this.rightDelim = options.rightDelim === '' ? '}}' : options.rightDelim;
    this.emitComment = options.emitComment;
    this.breakOK = options.breakOK;
    this.continueOK = options.continueOK;
  }

  /** The next item; after EOF or an error, the same final item again. */
  nextItem(): Item {
    while (this.#items.length === 0) {
      if (this.#state === null) return { type: 'eof', pos: this.pos, val: '', line: this.line };
      this.#state = this.#state(this);
    }
    return this.#items.shift() as Item;
  }

  /** Consumes and returns the next code point, or EOF. */
  next(): number {
    if (this.pos >= this.input.length) {
      this.#atEOF = true;
      return EOF;
    }
    const r = this.input.codePointAt(this.pos) as number;
    this.pos += r > 0xffff ? 2 : 1;
    if (r === 0x0a) this.line++;
    return r;
  }

  /** The next code point without consuming it. */
  peek(): number {
    if (this.pos >= this.input.length) return EOF;
    return this.input.codePointAt(this.pos) as number;
  }

  /** Steps back one code point (never past EOF). */
  backup(): void {
    if (this.#atEOF || this.pos === 0) return;
    const lo = this.input.charCodeAt(this.pos - 1);
    const w = lo >= 0xdc00 && lo <= 0xdfff && this.pos >= 2 && isHighSurrogate(this.input.charCodeAt(this.pos - 2)) ? 2 : 1;
    this.pos -= w;
    if (lo === 0x0a) this.line--;
  }

  /** Emits the text from `start` to `pos` as an item of the given type. */
  emit(type: ItemType): void {
    this.#items.push({ type, pos: this.start, val: this.input.slice(this.start, this.pos), line: this.startLine });
    this.start = this.pos;
    this.startLine = this.line;
  }

  /** Skips the text from `start` to `pos`. */
  ignore(): void {
    this.line += countNewlines(this.input, this.start, this.pos);
    this.start = this.pos;
    this.startLine = this.line;
  }

  /** Consumes the next code point if it is in `valid`. */
  accept(valid: string): boolean {
    const r = this.next();
    if (r !== EOF && valid.includes(String.fromCodePoint(r))) return true;
    this.backup();
    return false;
  }

  /** Consumes a run of code points from `valid`. */
  acceptRun(valid: string): void {
    for (;;) {
      const r = this.next();
      if (r === EOF || !valid.includes(String.fromCodePoint(r))) break;
    }
    this.backup();
  }

  /** Emits an error item and stops the machine. */
  errorf(message: string): null {
    this.#items.push({ type: 'error', pos: this.start, val: message, line: this.startLine });
    return null;
  }

  /** Whether the input at `pos` is a right delimiter, and whether it has a trim marker. */
  atRightDelim(): { delim: boolean; trim: boolean } {
    if (hasRightTrimMarker(this.input, this.pos) && this.input.startsWith(this.rightDelim, this.pos + TRIM_MARKER_LEN)) {
      return { delim: true, trim: true };
    }
    return { delim: this.input.startsWith(this.rightDelim, this.pos), trim: false };
  }

  /** Whether the next code point ends a word (field, variable, identifier). */
  atTerminator(): boolean {
    const r = this.peek();
    if (isSpace(r)) return true;
    switch (r) {
      case EOF:
      case 0x2e: // .
      case 0x2c: // ,
      case 0x7c: // |
      case 0x3a: // :
      case 0x29: // )
      case 0x28: // (
        return true;
    }
    return this.input.startsWith(this.rightDelim, this.pos);
  }
}

function isHighSurrogate(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff;
}

function countNewlines(s: string, from: number, to: number): number {
  let n = 0;
  for (let i = s.indexOf('\n', from); i >= 0 && i < to; i = s.indexOf('\n', i + 1)) n++;
  return n;
}

/** Space as the template language defines it. */
export function isSpace(r: number): boolean {
  return r === 0x20 || r === 0x09 || r === 0x0d || r === 0x0a;
}

/** Letters, digits and underscore, in Unicode's sense (Go's unicode.IsLetter/IsDigit). */
export function isAlphaNumeric(r: number): boolean {
  if (r < 0) return false;
  if (r < 0x80) return r === 0x5f || (r >= 0x30 && r <= 0x39) || ((r | 0x20) >= 0x61 && (r | 0x20) <= 0x7a);
  return /[\p{L}\p{Nd}]/u.test(String.fromCodePoint(r));
}

function hasLeftTrimMarker(s: string, at: number): boolean {
  return s.charCodeAt(at) === 0x2d && isSpace(s.charCodeAt(at + 1));
}

function hasRightTrimMarker(s: string, at: number): boolean {
  return isSpace(s.charCodeAt(at)) && s.charCodeAt(at + 1) === 0x2d;
}

function trailingSpaceLength(s: string, from: number, to: number): number {
  let i = to;
  while (i > from && isSpace(s.charCodeAt(i - 1))) i--;
  return to - i;
}

function leadingSpaceLength(s: string, from: number): number {
  let i = from;
  while (i < s.length && isSpace(s.charCodeAt(i))) i++;
  return i - from;
}

/** Go's %#U of a rune: `U+0021 '!'`, without the character when it is not printable. */
function formatRune(r: number): string {
  const hex = r.toString(16).toUpperCase().padStart(4, '0');
  return isPrint(r) ? `U+${hex} '${String.fromCodePoint(r)}'` : `U+${hex}`;
}


/** Scans text up to the next left delimiter. */
function lexText(l: Lexer): StateFn | null {
  const x = l.input.indexOf(l.leftDelim, l.pos);
  if (x >= 0) {
    const trim = hasLeftTrimMarker(l.input, x + l.leftDelim.length) ? trailingSpaceLength(l.input, l.start, x) : 0;
    l.pos = x - trim;
    if (l.pos > l.start) {
      l.line += countNewlines(l.input, l.start, l.pos);
      l.emit('text');
    }
    l.pos += trim;
    l.ignore();
    return lexLeftDelim;
  }
  l.pos = l.input.length;
  if (l.pos > l.start) {
    l.line += countNewlines(l.input, l.start, l.pos);
    l.emit('text');
  }
  l.emit('eof');
  return null;
}

/** Scans the left delimiter, which is known to be present, and a possible comment. */
function lexLeftDelim(l: Lexer): StateFn | null {
  l.pos += l.leftDelim.length;
  const afterMarker = hasLeftTrimMarker(l.input, l.pos) ? TRIM_MARKER_LEN : 0;
  if (l.input.startsWith(LEFT_COMMENT, l.pos + afterMarker)) {
    l.pos += afterMarker;
    l.ignore();
    return lexComment;
  }
  l.emit('leftDelim');
  l.pos += afterMarker;
  l.ignore();
  l.parenDepth = 0;
  return lexInsideAction;
}

/** Scans a comment; the left comment marker is known to be present. */
function lexComment(l: Lexer): StateFn | null {
  l.pos += LEFT_COMMENT.length;
  const i = l.input.indexOf(RIGHT_COMMENT, l.pos);
  if (i < 0) return l.errorf('unclosed comment');
  l.pos = i + RIGHT_COMMENT.length;
  const { delim, trim } = l.atRightDelim();
  if (!delim) return l.errorf('comment ends before closing delimiter');
  if (l.emitComment) l.emit('comment');
  if (trim) l.pos += TRIM_MARKER_LEN;
  l.pos += l.rightDelim.length;
  if (trim) l.pos += leadingSpaceLength(l.input, l.pos);
  l.ignore();
  return lexText;
}

/** Scans the right delimiter, which is known to be present, possibly with a trim marker. */
function lexRightDelim(l: Lexer): StateFn | null {
  const trim = hasRightTrimMarker(l.input, l.pos);
  if (trim) {
    l.pos += TRIM_MARKER_LEN;
    l.ignore();
  }
  l.pos += l.rightDelim.length;
  l.emit('rightDelim');
  if (trim) {
    l.pos += leadingSpaceLength(l.input, l.pos);
    l.ignore();
  }
  return lexText;
}

/** Scans the elements inside action delimiters. */
function lexInsideAction(l: Lexer): StateFn | null {
  if (l.atRightDelim().delim) {
    return l.parenDepth === 0 ? lexRightDelim : l.errorf('unclosed left paren');
  }
  const r = l.next();
  if (r === EOF) return l.errorf('unclosed action');
  if (isSpace(r)) {
    l.backup(); // Put the space back in case we have " -}}".
    return lexSpace;
  }
  switch (r) {
    case 0x3d: // =
      l.emit('assign');
      return lexInsideAction;
    case 0x3a: // :
      if (l.next() !== 0x3d) return l.errorf('expected :=');
      l.emit('declare');
      return lexInsideAction;
    case 0x7c: // |
      l.emit('pipe');
      return lexInsideAction;
    case 0x22: // "
      return lexQuote;
    case 0x60: // `
      return lexRawQuote;
    case 0x24: // $
      return lexVariable;
    case 0x27: // '
      return lexChar;
    case 0x28: // (
      l.emit('leftParen');
      l.parenDepth++;
      return lexInsideAction;
    case 0x29: // )
      l.emit('rightParen');
      l.parenDepth--;
      if (l.parenDepth < 0) return l.errorf(`unexpected right paren ${formatRune(r)}`);
      return lexInsideAction;
  }
  if (r === 0x2e) {
    const c = l.input.charCodeAt(l.pos);
    if (l.pos < l.input.length && (c < 0x30 || c > 0x39)) return lexField;
  }
  if (r === 0x2e || r === 0x2b || r === 0x2d || (r >= 0x30 && r <= 0x39)) {
    l.backup();
    return lexNumber;
  }
  if (isAlphaNumeric(r)) {
    l.backup();
    return lexIdentifier;
  }
  if (r >= 0x20 && r < 0x7f) {
    l.emit('char');
    return lexInsideAction;
  }
  return l.errorf(`unrecognized character in action: ${formatRune(r)}`);
}

/** Scans a run of space characters; a trim marker after a single space ends the action. */
function lexSpace(l: Lexer): StateFn | null {
  let numSpaces = 0;
  while (isSpace(l.peek())) {
    l.next();
    numSpaces++;
  }
  // A space followed by "-}}" is a trim marker, not a space item.
  if (hasRightTrimMarker(l.input, l.pos - 1) && l.input.startsWith(l.rightDelim, l.pos - 1 + TRIM_MARKER_LEN)) {
    l.backup(); // Before the space.
    if (numSpaces === 1) return lexRightDelim;
  }
  l.emit('space');
  return lexInsideAction;
}

/** Scans an alphanumeric word: a keyword, a boolean or a function name. */
function lexIdentifier(l: Lexer): StateFn | null {
  let r = l.next();
  while (isAlphaNumeric(r)) r = l.next();
  l.backup();
  const word = l.input.slice(l.start, l.pos);
  if (!l.atTerminator()) return l.errorf(`bad character ${formatRune(r)}`);
  const keyword = KEYWORDS.get(word);
  if (keyword !== undefined && keyword !== 'dot') {
    const demoted = (keyword === 'break' && !l.breakOK) || (keyword === 'continue' && !l.continueOK);
    l.emit(demoted ? 'identifier' : keyword);
  } else if (word.startsWith('.')) {
    l.emit('field');
  } else if (word === 'true' || word === 'false') {
    l.emit('bool');
  } else {
    l.emit('identifier');
  }
  return lexInsideAction;
}

/** Scans a field: `.Name`, or `.` alone. The dot has been consumed. */
function lexField(l: Lexer): StateFn | null {
  return lexFieldOrVariable(l, 'field');
}

/** Scans a variable: `$Name`, or `$` alone. The `$` has been consumed. */
function lexVariable(l: Lexer): StateFn | null {
  if (l.atTerminator()) {
    l.emit('variable');
    return lexInsideAction;
  }
  return lexFieldOrVariable(l, 'variable');
}

function lexFieldOrVariable(l: Lexer, type: 'field' | 'variable'): StateFn | null {
  if (l.atTerminator()) {
    l.emit(type === 'variable' ? 'variable' : 'dot');
    return lexInsideAction;
  }
  let r = l.next();
  while (isAlphaNumeric(r)) r = l.next();
  l.backup();
  if (!l.atTerminator()) return l.errorf(`bad character ${formatRune(r)}`);
  l.emit(type);
  return lexInsideAction;
}

/** Scans a character constant; the opening quote has been consumed. */
function lexChar(l: Lexer): StateFn | null {
  for (;;) {
    let r = l.next();
    if (r === 0x5c) {
      r = l.next();
      if (r !== EOF && r !== 0x0a) continue;
    }
    if (r === EOF || r === 0x0a) return l.errorf('unterminated character constant');
    if (r === 0x27) break;
  }
  l.emit('charConstant');
  return lexInsideAction;
}

/** Scans a number, possibly complex; its syntax is checked fully by the parser. */
function lexNumber(l: Lexer): StateFn | null {
  if (!scanNumber(l)) return l.errorf(`bad number syntax: ${goQuote(l.input.slice(l.start, l.pos))}`);
  const sign = l.peek();
  if (sign === 0x2b || sign === 0x2d) {
    if (!scanNumber(l) || l.input.charCodeAt(l.pos - 1) !== 0x69) {
      return l.errorf(`bad number syntax: ${goQuote(l.input.slice(l.start, l.pos))}`);
    }
    l.emit('complex');
  } else {
    l.emit('number');
  }
  return lexInsideAction;
}

function scanNumber(l: Lexer): boolean {
  l.accept('+-');
  let digits = '0123456789_';
  if (l.accept('0')) {
    if (l.accept('xX')) digits = '0123456789abcdefABCDEF_';
    else if (l.accept('oO')) digits = '01234567_';
    else if (l.accept('bB')) digits = '01_';
  }
  l.acceptRun(digits);
  if (l.accept('.')) l.acceptRun(digits);
  if (digits.length === 11 && l.accept('eE')) {
    l.accept('+-');
    l.acceptRun('0123456789_');
  }
  if (digits.length === 23 && l.accept('pP')) {
    l.accept('+-');
    l.acceptRun('0123456789_');
  }
  l.accept('i');
  if (isAlphaNumeric(l.peek())) {
    l.next();
    return false;
  }
  return true;
}

/** Scans a quoted string; the opening quote has been consumed. */
function lexQuote(l: Lexer): StateFn | null {
  for (;;) {
    let r = l.next();
    if (r === 0x5c) {
      r = l.next();
      if (r !== EOF && r !== 0x0a) continue;
    }
    if (r === EOF || r === 0x0a) return l.errorf('unterminated quoted string');
    if (r === 0x22) break;
  }
  l.emit('string');
  return lexInsideAction;
}

/** Scans a raw quoted string; the opening backquote has been consumed. */
function lexRawQuote(l: Lexer): StateFn | null {
  for (;;) {
    const r = l.next();
    if (r === EOF) return l.errorf('unterminated raw quoted string');
    if (r === 0x60) break;
  }
  l.emit('rawString');
  return lexInsideAction;
}
