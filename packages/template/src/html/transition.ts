// Context transitions over template text: one function per state, in a table keyed by
// state. Each takes a context and a piece of text and returns the context after the first
// token of that text and how many characters that token used.
import { Attr, Delim, Element, JsCtx, State, ctx, errorContext, isInTag, textContext, UrlPart, type Context } from './context.js';
import { escapeError } from './error.js';
import { attrType, ContentType } from './attr.js';
import { nextJSCtx } from './js-context.js';
import { decodeCSS, endsWithCSSKeyword } from './css.js';
import { goQuote } from './quote.js';

/** The result of one transition: the new context and the number of characters consumed. */
export type Transition = readonly [Context, number];

type TransitionFn = (c: Context, s: string) => Transition;

/** The state of the body of each element, once its start tag has ended. */
const elementContentType = {
  [Element.None]: State.Text,
  [Element.Script]: State.JS,
  [Element.Style]: State.CSS,
  [Element.Textarea]: State.RCDATA,
  [Element.Title]: State.RCDATA,
} as const satisfies Record<Element, State>;

/** The state an attribute value of each kind starts in (Go's attrStartStates). */
export const attrStartStates = {
  [Attr.None]: State.Attr,
  [Attr.Script]: State.JS,
  [Attr.ScriptType]: State.Attr,
  [Attr.Style]: State.CSS,
  [Attr.URL]: State.URL,
  [Attr.Srcset]: State.Srcset,
} as const satisfies Record<Attr, State>;

const elementNames: Readonly<Record<string, Element>> = {
  script: Element.Script,
  style: Element.Style,
  textarea: Element.Textarea,
  title: Element.Title,
};

/** The end tag name that closes the body of each special element. */
const specialTagEndMarkers = {
  [Element.None]: '',
  [Element.Script]: 'script',
  [Element.Style]: 'style',
  [Element.Textarea]: 'textarea',
  [Element.Title]: 'title',
} as const satisfies Record<Element, string>;

function isAsciiAlpha(c: number): boolean {
  return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
}

function isAsciiAlphaNum(c: number): boolean {
  return isAsciiAlpha(c) || (c >= 0x30 && c <= 0x39);
}

function isHTMLWhiteSpace(c: string | undefined): boolean {
  return c === ' ' || c === '\t' || c === '\n' || c === '\f' || c === '\r';
}

/** The end of the white space starting at `i`. */
export function eatWhiteSpace(s: string, i: number): number {
  let j = i;
  while (j < s.length && isHTMLWhiteSpace(s[j])) j++;
  return j;
}

/** The end of the tag name starting at `i`, and the special element it names. */
function eatTagName(s: string, i: number): [number, Element] {
  if (i === s.length || !isAsciiAlpha(s.charCodeAt(i))) return [i, Element.None];
  let j = i + 1;
  while (j < s.length) {
    const x = s.charCodeAt(j);
    if (isAsciiAlphaNum(x)) {
      j++;
      continue;
    }
    // Allow "x-y" or "x:y" but not "x-", "-y", or "x--y".
    if ((x === 0x3a || x === 0x2d) && j + 1 < s.length && isAsciiAlphaNum(s.charCodeAt(j + 1))) {
      j += 2;
      continue;
    }
    break;
  }
  return [j, elementNames[s.slice(i, j).toLowerCase()] ?? Element.None];
}

/** The end of the attribute name starting at `i`, or an error context for a bad character. */
function eatAttrName(s: string, i: number): number | Context {
  for (let j = i; j < s.length; j++) {
    switch (s[j]) {
      case ' ': case '\t': case '\n': case '\f': case '\r': case '=': case '>':
        return j;
      case "'": case '"': case '<':
        // These are parse warnings in HTML5 and signal serious problems in a template.
        return errorContext(
          escapeError('ErrBadHTML', null, 0, `${goQuote(s.slice(j, j + 1))} in attribute name: ${goQuote(s, 32)}`),
        );
    }
  }
  return s.length;
}

function tText(c: Context, s: string): Transition {
  let k = 0;
  for (;;) {
    let i = s.indexOf('<', k);
    if (i < 0 || i + 1 === s.length) return [c, s.length];
    if (s.startsWith('<!--', i)) return [ctx({ state: State.HTMLCmt }), i + 4];
    i++;
    let end = false;
    if (s[i] === '/') {
      if (i + 1 === s.length) return [c, s.length];
      end = true;
      i++;
    }
    const [j, e] = eatTagName(s, i);
    if (j !== i) return [ctx({ state: State.Tag, element: end ? Element.None : e }), j];
    k = j;
  }
}

function tTag(c: Context, s: string): Transition {
  const i = eatWhiteSpace(s, 0);
  if (i === s.length) return [c, s.length];
  if (s[i] === '>') return [ctx({ state: elementContentType[c.element], element: c.element }), i + 1];
  const j = eatAttrName(s, i);
  if (typeof j !== 'number') return [j, s.length];
  if (i === j) {
    const err = escapeError('ErrBadHTML', null, 0, `expected space, attr name, or end of tag, but got ${goQuote(s.slice(i))}`);
    return [errorContext(err), s.length];
  }
  const attrName = s.slice(i, j).toLowerCase();
  let attr: Attr = Attr.None;
  if (c.element === Element.Script && attrName === 'type') {
    attr = Attr.ScriptType;
  } else {
    switch (attrType(attrName)) {
      case ContentType.URL: attr = Attr.URL; break;
      case ContentType.CSS: attr = Attr.Style; break;
      case ContentType.JS: attr = Attr.Script; break;
      case ContentType.Srcset: attr = Attr.Srcset; break;
      default: break;
    }
  }
  const state = j === s.length ? State.AttrName : State.AfterName;
  return [ctx({ state, element: c.element, attr }), j];
}

function tAttrName(c: Context, s: string): Transition {
  const i = eatAttrName(s, 0);
  if (typeof i !== 'number') return [i, s.length];
  if (i !== s.length) return [{ ...c, state: State.AfterName }, i];
  return [c, i];
}

function tAfterName(c: Context, s: string): Transition {
  const i = eatWhiteSpace(s, 0);
  if (i === s.length) return [c, s.length];
  // A '>' ending the tag, or a valueless attribute.
  if (s[i] !== '=') return [{ ...c, state: State.Tag }, i];
  return [{ ...c, state: State.BeforeValue }, i + 1];
}

function tBeforeValue(c: Context, s: string): Transition {
  let i = eatWhiteSpace(s, 0);
  if (i === s.length) return [c, s.length];
  let delim: Delim = Delim.SpaceOrTagEnd;
  if (s[i] === "'") {
    delim = Delim.SingleQuote;
    i++;
  } else if (s[i] === '"') {
    delim = Delim.DoubleQuote;
    i++;
  }
  return [{ ...c, state: attrStartStates[c.attr], delim }, i];
}

function tHTMLCmt(c: Context, s: string): Transition {
  const i = s.indexOf('-->');
  return i >= 0 ? [textContext, i + 3] : [c, s.length];
}

const tagEndSeparators = '> \t\n\f/';

/** The index of a case-insensitive `</tag` followed by a separator, or -1. */
export function indexTagEnd(s: string, tag: string): number {
  let from = 0;
  for (;;) {
    const i = s.indexOf('</', from);
    if (i < 0) return -1;
    const after = i + 2 + tag.length;
    if (after < s.length && s.slice(i + 2, after).toLowerCase() === tag && tagEndSeparators.includes(s.charAt(after))) {
      return i;
    }
    from = i + 2;
  }
}

/** The transition for RCDATA and raw text bodies: everything up to the element's end tag. */
export function tSpecialTagEnd(c: Context, s: string): Transition {
  if (c.element !== Element.None) {
    const i = indexTagEnd(s, specialTagEndMarkers[c.element]);
    if (i >= 0) return [textContext, i];
  }
  return [c, s.length];
}

function tAttr(c: Context, s: string): Transition {
  return [c, s.length];
}

/** The transition for URL and srcset values: tracks whether a query or fragment has begun. */
export function tURL(c: Context, s: string): Transition {
  if (/[#?]/.test(s)) return [{ ...c, urlPart: UrlPart.QueryOrFrag }, s.length];
  if (s.length !== eatWhiteSpace(s, 0) && c.urlPart === UrlPart.None) {
    // HTML5 allows a URL attribute value surrounded by spaces.
    return [{ ...c, urlPart: UrlPart.PreQuery }, s.length];
  }
  return [c, s.length];
}

// Braces matter only inside a template literal's substitution; elsewhere they are left to
// nextJSCtx, as in Go 1.19, so that `if (x) {/re/` still sees the '{'.
const jsSpecials = /["'`/]/;
const jsSpecialsInSubstitution = /["'`/{}]/;

function tJS(c: Context, s: string): Transition {
  const m = (c.jsBraceDepth.length > 0 ? jsSpecialsInSubstitution : jsSpecials).exec(s);
  if (m === null) return [{ ...c, jsCtx: nextJSCtx(s, c.jsCtx) }, s.length];
  const i = m.index;
  const jsCtx = nextJSCtx(s.slice(0, i), c.jsCtx);
  switch (s[i]) {
    case '"':
      return [{ ...c, state: State.JSDqStr, jsCtx: JsCtx.Regexp }, i + 1];
    case "'":
      return [{ ...c, state: State.JSSqStr, jsCtx: JsCtx.Regexp }, i + 1];
    case '`':
      return [{ ...c, state: State.JSTmplLit, jsCtx: JsCtx.Regexp }, i + 1];
    case '/':
      if (s[i + 1] === '/') return [{ ...c, state: State.JSLineCmt, jsCtx }, i + 2];
      if (s[i + 1] === '*') return [{ ...c, state: State.JSBlockCmt, jsCtx }, i + 2];
      if (jsCtx === JsCtx.Regexp) return [{ ...c, state: State.JSRegexp, jsCtx }, i + 1];
      if (jsCtx === JsCtx.DivOp) return [{ ...c, jsCtx: JsCtx.Regexp }, i + 1];
      return [
        errorContext(escapeError('ErrSlashAmbig', null, 0, `'/' could start a division or regexp: ${goQuote(s.slice(i), 32)}`)),
        s.length,
      ];
    case '{':
      return [braceDelta(c, jsCtx, 1), i + 1];
    default:
      return [braceDelta(c, jsCtx, -1), i + 1];
  }
}

/**
 * Counts braces inside a template literal's `${...}` substitution, as current Go does; the
 * `}` that closes the substitution returns to the literal.
 */
function braceDelta(c: Context, jsCtx: JsCtx, delta: number): Context {
  const depth = c.jsBraceDepth;
  const top = depth[depth.length - 1];
  if (top === undefined) return { ...c, jsCtx };
  if (top + delta >= 0) return { ...c, jsCtx, jsBraceDepth: [...depth.slice(0, -1), top + delta] };
  return { ...c, jsCtx, state: State.JSTmplLit, jsBraceDepth: depth.slice(0, -1) };
}

function tJSTmplLit(c: Context, s: string): Transition {
  let k = 0;
  for (;;) {
    const m = /[`\\$]/.exec(s.slice(k));
    if (m === null) return [c, s.length];
    const i = k + m.index;
    switch (s[i]) {
      case '\\':
        if (i + 1 === s.length) {
          return [errorContext(escapeError('ErrPartialEscape', null, 0, `unfinished escape sequence in JS string: ${goQuote(s)}`)), s.length];
        }
        k = i + 2;
        continue;
      case '$':
        if (s[i + 1] === '{') return [{ ...c, state: State.JS, jsBraceDepth: [...c.jsBraceDepth, 0] }, i + 2];
        break;
      default:
        return [{ ...c, state: State.JS }, i + 1];
    }
    k = i + 1;
  }
}

function tJSDelimited(c: Context, s: string): Transition {
  const specials = c.state === State.JSSqStr ? "\\'" : c.state === State.JSRegexp ? '\\/[]' : '\\"';
  let inCharset = false;
  for (let i = 0; i < s.length; i++) {
    const ch = s.charAt(i);
    if (!specials.includes(ch)) continue;
    if (ch === '\\') {
      i++;
      if (i === s.length) {
        return [errorContext(escapeError('ErrPartialEscape', null, 0, `unfinished escape sequence in JS string: ${goQuote(s)}`)), s.length];
      }
    } else if (ch === '[') {
      inCharset = true;
    } else if (ch === ']') {
      inCharset = false;
    } else if (!inCharset) {
      return [{ ...c, state: State.JS, jsCtx: JsCtx.DivOp }, i + 1];
    }
  }
  if (inCharset) {
    // Interpolation into a regexp charset would need a richer context.
    return [errorContext(escapeError('ErrPartialCharset', null, 0, `unfinished JS regexp charset: ${goQuote(s)}`)), s.length];
  }
  return [c, s.length];
}

function tBlockCmt(c: Context, s: string): Transition {
  const i = s.indexOf('*/');
  if (i < 0) return [c, s.length];
  return [{ ...c, state: c.state === State.JSBlockCmt ? State.JS : State.CSS }, i + 2];
}

function tLineCmt(c: Context, s: string): Transition {
  const js = c.state === State.JSLineCmt;
  // CSS line comments are not standard but every major browser supports them.
  const m = (js ? /[\n\r\u2028\u2029]/ : /[\n\f\r]/).exec(s);
  if (m === null) return [c, s.length];
  // The line terminator is not part of the comment.
  return [{ ...c, state: js ? State.JS : State.CSS }, m.index];
}

function tCSS(c: Context, s: string): Transition {
  // Quoted CSS strings are conservatively treated as URLs (background: "/foo.png").
  for (let i = 0; i < s.length; i++) {
    switch (s[i]) {
      case '(': {
        const p = s.slice(0, i).replace(/[\t\n\f\r ]+$/, '');
        if (endsWithCSSKeyword(p, 'url')) {
          const rest = s.slice(i + 1);
          let j = s.length - rest.replace(/^[\t\n\f\r ]+/, '').length;
          let state: State = State.CSSURL;
          if (s[j] === '"') {
            state = State.CSSDqURL;
            j++;
          } else if (s[j] === "'") {
            state = State.CSSSqURL;
            j++;
          }
          return [{ ...c, state }, j];
        }
        break;
      }
      case '/':
        if (s[i + 1] === '/') return [{ ...c, state: State.CSSLineCmt }, i + 2];
        if (s[i + 1] === '*') return [{ ...c, state: State.CSSBlockCmt }, i + 2];
        break;
      case '"':
        return [{ ...c, state: State.CSSDqStr }, i + 1];
      case "'":
        return [{ ...c, state: State.CSSSqStr }, i + 1];
      default:
        break;
    }
  }
  return [c, s.length];
}

function tCSSStr(c: Context, s: string): Transition {
  let endAndEsc: string;
  switch (c.state) {
    case State.CSSDqStr:
    case State.CSSDqURL:
      endAndEsc = '\\"';
      break;
    case State.CSSSqStr:
    case State.CSSSqURL:
      endAndEsc = "\\'";
      break;
    default:
      // Unquoted URLs end at white space or a close parenthesis.
      endAndEsc = '\\\t\n\f\r )';
  }
  let k = 0;
  for (;;) {
    let i = k;
    while (i < s.length && !endAndEsc.includes(s.charAt(i))) i++;
    if (i === s.length) {
      const [c1, nread] = tURL(c, decodeCSS(s.slice(k)));
      return [c1, k + nread];
    }
    if (s[i] === '\\') {
      i++;
      if (i === s.length) {
        return [errorContext(escapeError('ErrPartialEscape', null, 0, `unfinished escape sequence in CSS string: ${goQuote(s)}`)), s.length];
      }
    } else {
      return [{ ...c, state: State.CSS }, i + 1];
    }
    c = tURL(c, decodeCSS(s.slice(0, i + 1)))[0];
    k = i + 1;
  }
}

function tError(c: Context, s: string): Transition {
  return [c, s.length];
}

/** The transition function of each state. */
export const transitionFunc = {
  [State.Text]: tText,
  [State.Tag]: tTag,
  [State.AttrName]: tAttrName,
  [State.AfterName]: tAfterName,
  [State.BeforeValue]: tBeforeValue,
  [State.HTMLCmt]: tHTMLCmt,
  [State.RCDATA]: tSpecialTagEnd,
  [State.Attr]: tAttr,
  [State.URL]: tURL,
  [State.Srcset]: tURL,
  [State.JS]: tJS,
  [State.JSDqStr]: tJSDelimited,
  [State.JSSqStr]: tJSDelimited,
  [State.JSTmplLit]: tJSTmplLit,
  [State.JSRegexp]: tJSDelimited,
  [State.JSBlockCmt]: tBlockCmt,
  [State.JSLineCmt]: tLineCmt,
  [State.CSS]: tCSS,
  [State.CSSDqStr]: tCSSStr,
  [State.CSSSqStr]: tCSSStr,
  [State.CSSDqURL]: tCSSStr,
  [State.CSSSqURL]: tCSSStr,
  [State.CSSURL]: tCSSStr,
  [State.CSSBlockCmt]: tBlockCmt,
  [State.CSSLineCmt]: tLineCmt,
  [State.Error]: tError,
  [State.Dead]: tError,
} as const satisfies Record<State, TransitionFn>;

/** Runs the transition of `c`'s state. */
export function transition(c: Context, s: string): Transition {
  return transitionFunc[c.state](c, s);
}

/** The state whose transition tag stripping runs: bodies of special elements are read as RCDATA. */
export function stripState(c: Context): State {
  return c.element !== Element.None && !isInTag(c.state) ? State.RCDATA : c.state;
}
