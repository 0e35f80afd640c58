// The escaping context: where an HTML parser would be when it reaches a given point of a
// template's output. A context is a plain immutable value; transitions return new ones.
import type { Node } from '../parse/node.js';
import type { EscapeErrorInfo } from './error.js';

/** A high-level HTML parser state (Go's `state`). */
export const State = {
  /** Parsed character data, outside any tag, comment or special element body. */
  Text: 0,
  /** Inside a tag, before an attribute or the end of the tag. */
  Tag: 1,
  /** Inside an attribute name. */
  AttrName: 2,
  /** After an attribute name, before any `=`. */
  AfterName: 3,
  /** After `=`, before the value. */
  BeforeValue: 4,
  /** Inside an `<!-- HTML comment -->`. */
  HTMLCmt: 5,
  /** Inside an RCDATA element (`<textarea>`, `<title>`). */
  RCDATA: 6,
  /** Inside an attribute whose content is text. */
  Attr: 7,
  /** Inside an attribute whose content is a URL. */
  URL: 8,
  /** Inside a `srcset` attribute. */
  Srcset: 9,
  /** Inside a script element or event handler. */
  JS: 10,
  /** Inside a JavaScript double-quoted string. */
  JSDqStr: 11,
  /** Inside a JavaScript single-quoted string. */
  JSSqStr: 12,
  /** Inside a JavaScript template literal (current Go's stateJSTmplLit). */
  JSTmplLit: 13,
  /** Inside a JavaScript regular expression literal. */
  JSRegexp: 14,
  /** Inside a JavaScript block comment. */
  JSBlockCmt: 15,
  /** Inside a JavaScript line comment. */
  JSLineCmt: 16,
  /** Inside a style element or attribute. */
  CSS: 17,
  /** Inside a CSS double-quoted string. */
  CSSDqStr: 18,
  /** Inside a CSS single-quoted string. */
  CSSSqStr: 19,
  /** Inside a CSS double-quoted `url("...")`. */
  CSSDqURL: 20,
  /** Inside a CSS single-quoted `url('...')`. */
  CSSSqURL: 21,
  /** Inside a CSS unquoted `url(...)`. */
  CSSURL: 22,
  /** Inside a CSS block comment. */
  CSSBlockCmt: 23,
  /** Inside a CSS line comment. */
  CSSLineCmt: 24,
  /** An infectious error state. */
  Error: 25,
  /** Unreachable code after `{{break}}` or `{{continue}}`. */
  Dead: 26,
} as const;
/** One of {@link State}'s values. */
export type State = (typeof State)[keyof typeof State];

/** Go's stringer names of the states. */
const stateNames = {
  [State.Text]: 'stateText',
  [State.Tag]: 'stateTag',
  [State.AttrName]: 'stateAttrName',
  [State.AfterName]: 'stateAfterName',
  [State.BeforeValue]: 'stateBeforeValue',
  [State.HTMLCmt]: 'stateHTMLCmt',
  [State.RCDATA]: 'stateRCDATA',
  [State.Attr]: 'stateAttr',
  [State.URL]: 'stateURL',
  [State.Srcset]: 'stateSrcset',
  [State.JS]: 'stateJS',
  [State.JSDqStr]: 'stateJSDqStr',
  [State.JSSqStr]: 'stateJSSqStr',
  [State.JSTmplLit]: 'stateJSTmplLit',
  [State.JSRegexp]: 'stateJSRegexp',
  [State.JSBlockCmt]: 'stateJSBlockCmt',
  [State.JSLineCmt]: 'stateJSLineCmt',
  [State.CSS]: 'stateCSS',
  [State.CSSDqStr]: 'stateCSSDqStr',
  [State.CSSSqStr]: 'stateCSSSqStr',
  [State.CSSDqURL]: 'stateCSSDqURL',
  [State.CSSSqURL]: 'stateCSSSqURL',
  [State.CSSURL]: 'stateCSSURL',
  [State.CSSBlockCmt]: 'stateCSSBlockCmt',
  [State.CSSLineCmt]: 'stateCSSLineCmt',
  [State.Error]: 'stateError',
  [State.Dead]: 'stateDead',
} as const satisfies Record<State, string>;

/** The delimiter that will end the current attribute value (Go's `delim`). */
export const Delim = { None: 0, DoubleQuote: 1, SingleQuote: 2, SpaceOrTagEnd: 3 } as const;
/** One of {@link Delim}'s values. */
export type Delim = (typeof Delim)[keyof typeof Delim];
const delimNames = {
  [Delim.None]: 'delimNone',
  [Delim.DoubleQuote]: 'delimDoubleQuote',
  [Delim.SingleQuote]: 'delimSingleQuote',
  [Delim.SpaceOrTagEnd]: 'delimSpaceOrTagEnd',
} as const satisfies Record<Delim, string>;

/** The part of a URL the parser is in (Go's `urlPart`). */
export const UrlPart = { None: 0, PreQuery: 1, QueryOrFrag: 2, Unknown: 3 } as const;
/** One of {@link UrlPart}'s values. */
export type UrlPart = (typeof UrlPart)[keyof typeof UrlPart];
const urlPartNames = {
  [UrlPart.None]: 'urlPartNone',
  [UrlPart.PreQuery]: 'urlPartPreQuery',
  [UrlPart.QueryOrFrag]: 'urlPartQueryOrFrag',
  [UrlPart.Unknown]: 'urlPartUnknown',
} as const satisfies Record<UrlPart, string>;

/** Whether a `/` in JavaScript starts a regexp or a division (Go's `jsCtx`). */
export const JsCtx = { Regexp: 0, DivOp: 1, Unknown: 2 } as const;
/** One of {@link JsCtx}'s values. */
export type JsCtx = (typeof JsCtx)[keyof typeof JsCtx];
const jsCtxNames = {
  [JsCtx.Regexp]: 'jsCtxRegexp',
  [JsCtx.DivOp]: 'jsCtxDivOp',
  [JsCtx.Unknown]: 'jsCtxUnknown',
} as const satisfies Record<JsCtx, string>;

/** The kind of attribute the parser is in (Go's `attr`). */
export const Attr = { None: 0, Script: 1, ScriptType: 2, Style: 3, URL: 4, Srcset: 5 } as const;
/** One of {@link Attr}'s values. */
export type Attr = (typeof Attr)[keyof typeof Attr];
const attrNames = {
  [Attr.None]: 'attrNone',
  [Attr.Script]: 'attrScript',
  [Attr.ScriptType]: 'attrScriptType',
  [Attr.Style]: 'attrStyle',
  [Attr.URL]: 'attrURL',
  [Attr.Srcset]: 'attrSrcset',
} as const satisfies Record<Attr, string>;

/** The special element whose start tag or body the parser is in (Go's `element`). */
export const Element = { None: 0, Script: 1, Style: 2, Textarea: 3, Title: 4 } as const;
/** One of {@link Element}'s values. */
export type Element = (typeof Element)[keyof typeof Element];
const elementNames = {
  [Element.None]: 'elementNone',
  [Element.Script]: 'elementScript',
  [Element.Style]: 'elementStyle',
  [Element.Textarea]: 'elementTextarea',
  [Element.Title]: 'elementTitle',
} as const satisfies Record<Element, string>;

/** The state an HTML parser is in at some point of a template's output (Go's `context`). */
export interface Context {
  readonly state: State;
  readonly delim: Delim;
  readonly urlPart: UrlPart;
  readonly jsCtx: JsCtx;
  /**
   * For each open `${...}` of a JavaScript template literal, the depth of `{` seen inside it,
   * so that the `}` closing the substitution is told apart from an inner one.
   */
  readonly jsBraceDepth: readonly number[];
  readonly attr: Attr;
  readonly element: Element;
  /** The `{{break}}`/`{{continue}}` node that produced this context, for error positions. */
  readonly node: Node | null;
  /** Set when state is Error. */
  readonly err: EscapeErrorInfo | null;
}

const noDepth: readonly number[] = [];

/** The start context of a template producing an HTML fragment (Go's zero `context{}`). */
export const textContext: Context = {
  state: State.Text,
  delim: Delim.None,
  urlPart: UrlPart.None,
  jsCtx: JsCtx.Regexp,
  jsBraceDepth: noDepth,
  attr: Attr.None,
  element: Element.None,
  node: null,
  err: null,
};

/** A context with the given fields and every other field at its zero value. */
export function ctx(fields: Partial<Context>): Context {
  return { ...textContext, ...fields };
}

/** An error context carrying `err`. */
export function errorContext(err: EscapeErrorInfo): Context {
  return { ...textContext, state: State.Error, err };
}

/** Whether two contexts are equal, as Go's `context.eq` (brace depths are not compared). */
export function contextEq(a: Context, b: Context): boolean {
  return (
    a.state === b.state &&
    a.delim === b.delim &&
    a.urlPart === b.urlPart &&
    a.jsCtx === b.jsCtx &&
    a.attr === b.attr &&
    a.element === b.element &&
    a.err === b.err
  );
}

/** The name Go's stringer gives a state (`stateURL`). */
export function stateName(s: State): string {
  return stateNames[s];
}

/** Go's `context.String()`, as it appears in error messages. */
export function contextString(c: Context): string {
  const err = c.err === null ? '<nil>' : c.err.message();
  return `{${stateNames[c.state]} ${delimNames[c.delim]} ${urlPartNames[c.urlPart]} ${jsCtxNames[c.jsCtx]} ${attrNames[c.attr]} ${elementNames[c.element]} ${err}}`;
}

/**
 * A template name that includes the start context, so that one template called in two
 * contexts yields two escaped copies (`name$htmltemplate_stateURL_delimDoubleQuote`).
 */
export function mangle(c: Context, templateName: string): string {
  if (c.state === State.Text) return templateName;
  let s = `${templateName}$htmltemplate_${stateNames[c.state]}`;
  if (c.delim !== Delim.None) s += `_${delimNames[c.delim]}`;
  if (c.urlPart !== UrlPart.None) s += `_${urlPartNames[c.urlPart]}`;
  if (c.jsCtx !== JsCtx.Regexp) s += `_${jsCtxNames[c.jsCtx]}`;
  if (c.attr !== Attr.None) s += `_${attrNames[c.attr]}`;
  if (c.element !== Element.None) s += `_${elementNames[c.element]}`;
  return s;
}

/** Whether a state holds content for template authors only (comments). */
export function isComment(s: State): boolean {
  return (
    s === State.HTMLCmt || s === State.JSBlockCmt || s === State.JSLineCmt || s === State.CSSBlockCmt || s === State.CSSLineCmt
  );
}

/** Whether a state occurs solely inside an HTML tag. */
export function isInTag(s: State): boolean {
  return s === State.Tag || s === State.AttrName || s === State.AfterName || s === State.BeforeValue || s === State.Attr;
}
