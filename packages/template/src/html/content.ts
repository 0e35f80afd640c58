// The safe content types (Go's template.HTML, template.URL, ...) and stringify, which turns an
// escaper's arguments into a string and the content type it is known to have.
import { NamedString, sprint } from '../fmt/index.js';
import { ContentType } from './attr.js';
import { indirectToStringerOrError } from './indirect.js';

/**
 * Known-safe HTML: a document fragment from a trusted source, written as is in HTML text
 * (Go's `template.HTML`). Never build one from third-party input.
 */
export class HTML extends NamedString {
  /** Go's type name. */
  get goType(): string {
    return 'template.HTML';
  }
}

/** A known-safe HTML attribute, name and value: `dir="ltr"` (Go's `template.HTMLAttr`). */
export class HTMLAttr extends NamedString {
  /** Go's type name. */
  get goType(): string {
    return 'template.HTMLAttr';
  }
}

/** A known-safe JavaScript expression, written as is in scripts (Go's `template.JS`). */
export class JS extends NamedString {
  /** Go's type name. */
  get goType(): string {
    return 'template.JS';
  }
}

/** Known-safe content of a JavaScript string literal, already escaped (Go's `template.JSStr`). */
export class JSStr extends NamedString {
  /** Go's type name. */
  get goType(): string {
    return 'template.JSStr';
  }
}

/** Known-safe CSS: a stylesheet, rule, declaration or value (Go's `template.CSS`). */
export class CSS extends NamedString {
  /** Go's type name. */
  get goType(): string {
    return 'template.CSS';
  }
}

/** A known-safe URL, written without the scheme filter (Go's `template.URL`). */
export class URL extends NamedString {
  /** Go's type name. */
  get goType(): string {
    return 'template.URL';
  }
}

/** A known-safe `srcset` attribute value (Go's `template.Srcset`). */
export class Srcset extends NamedString {
  /** Go's type name. */
  get goType(): string {
    return 'template.Srcset';
  }
}

/** The content type a value is known to have. */
export function contentTypeOf(v: unknown): ContentType {
  if (!(v instanceof NamedString)) return ContentType.Plain;
  if (v instanceof HTML) return ContentType.HTML;
  if (v instanceof URL) return ContentType.URL;
  if (v instanceof JS) return ContentType.JS;
  if (v instanceof CSS) return ContentType.CSS;
  if (v instanceof HTMLAttr) return ContentType.HTMLAttr;
  if (v instanceof JSStr) return ContentType.JSStr;
  if (v instanceof Srcset) return ContentType.Srcset;
  return ContentType.Plain;
}

/** A stringified escaper argument list: its text and its known content type. */
export interface Stringified {
  readonly s: string;
  readonly t: ContentType;
}

const emptyPlain: Stringified = { s: '', t: ContentType.Plain };

/**
 * Go's stringify for the one value an escaper receives (escapers are only ever appended to
 * a pipeline, so they get its value alone): a string or safe value keeps its content type;
 * anything else is formatted with fmt.Sprint, nil as the empty string, and is plain text.
 */
export function stringify(v: unknown): Stringified {
  if (typeof v === 'string') return { s: v, t: ContentType.Plain };
  if (v instanceof NamedString) return { s: v.value, t: contentTypeOf(v) };
  if (v === null || v === undefined) return emptyPlain;
  return { s: sprint(indirectToStringerOrError(v)), t: ContentType.Plain };
}

/**
 * The text of a plain string or Go int, or undefined when {@link stringify} is needed. Hot
 * path: lets escapers skip building a {@link Stringified} for the common case.
 */
export function plainText(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  // A Go int prints as its decimal digits; floats need fmt's formatting.
  if (typeof v === 'number' && Number.isSafeInteger(v) && !Object.is(v, -0)) return String(v);
  return undefined;
}
