// Escapers for HTML text, RCDATA, attribute values (quoted and unquoted) and attribute names.
import { ContentType, attrType } from './attr.js';
import { plainText, stringify } from './content.js';
import { Delim, State, textContext, type Context } from './context.js';
import { delimEnds } from './delim.js';
import { transitionFunc, stripState } from './transition.js';
import { replaceChars, replacementTable } from './replace.js';
import { filterFailsafe } from './failsafe.js';

const htmlTable = replacementTable({ '\0': '\uFFFD', '"': '&#34;', '&': '&amp;', "'": '&#39;', '+': '&#43;', '<': '&lt;', '>': '&gt;' });
// The "norm" tables leave '&' alone: the input is already HTML, its entities are kept.
const htmlNormTable = replacementTable({ '\0': '\uFFFD', '"': '&#34;', "'": '&#39;', '+': '&#43;', '<': '&lt;', '>': '&gt;' });
const nospaceMap: Record<string, string> = {
  '\0': '&#xfffd;', '\t': '&#9;', '\n': '&#10;', '\v': '&#11;', '\f': '&#12;', '\r': '&#13;', ' ': '&#32;',
  '"': '&#34;', '&': '&amp;', "'": '&#39;', '+': '&#43;', '<': '&lt;', '=': '&#61;', '>': '&gt;', '`': '&#96;',
};
const nospaceTable = replacementTable(nospaceMap);
const nospaceNormTable = replacementTable(Object.fromEntries(Object.entries(nospaceMap).filter(([k]) => k !== '&')));

/** Noncharacters U+FDD0..U+FDEF and U+FFF0..U+FFFF are written as references in unquoted values. */
function nonCharacter(c: number): string | undefined {
  return (c >= 0xfdd0 && c <= 0xfdef) || (c >= 0xfff0 && c <= 0xffff) ? `&#x${c.toString(16)};` : undefined;
}

/** `_html_template_htmlescaper`: HTML text. Safe HTML passes through. */
export function htmlEscaper(v: unknown): string {
  const p = plainText(v);
  if (p !== undefined) return replaceChars(p, htmlTable);
  const { s, t } = stringify(v);
  if (t === ContentType.HTML) return s;
  return replaceChars(s, htmlTable);
}

/** `_html_template_rcdataescaper`: the body of `<textarea>` or `<title>`. */
export function rcdataEscaper(v: unknown): string {
  const p = plainText(v);
  if (p !== undefined) return replaceChars(p, htmlTable);
  const { s, t } = stringify(v);
  if (t === ContentType.HTML) return replaceChars(s, htmlNormTable);
  return replaceChars(s, htmlTable);
}

/** `_html_template_attrescaper`: a quoted attribute value. Safe HTML loses its tags. */
export function attrEscaper(v: unknown): string {
  const p = plainText(v);
  if (p !== undefined) return replaceChars(p, htmlTable);
  const { s, t } = stringify(v);
  if (t === ContentType.HTML) return replaceChars(stripTags(s), htmlNormTable);
  return replaceChars(s, htmlTable);
}

/** `_html_template_nospaceescaper`: an unquoted attribute value. */
export function htmlNospaceEscaper(v: unknown): string {
  const p = plainText(v);
  if (p !== undefined) return replaceChars(p, nospaceTable, nonCharacter);
  const { s, t } = stringify(v);
  if (t === ContentType.HTML) return replaceChars(stripTags(s), nospaceNormTable, nonCharacter);
  return replaceChars(s, nospaceTable, nonCharacter);
}

/** `_html_template_htmlnamefilter`: an attribute name; only plain ASCII names pass. */
export function htmlNameFilter(v: unknown): string {
  const { s: raw, t } = stringify(v);
  if (t === ContentType.HTMLAttr) return raw;
  if (raw.length === 0) return filterFailsafe;
  const s = raw.toLowerCase();
  if (attrType(s) !== ContentType.Plain) return filterFailsafe;
  return /^[0-9a-z]+$/.test(s) ? s : filterFailsafe;
}

/** `_html_template_commentescaper`: an action inside a comment writes nothing. */
export function commentEscaper(): string {
  return '';
}

/** The text content of an HTML fragment: tags and comments removed, text kept. */
export function stripTags(html: string): string {
  let out = '';
  let c: Context = textContext;
  let i = 0;
  let allText = true;
  while (i !== html.length) {
    if (c.delim === Delim.None) {
      // Bodies of special elements are skipped as RCDATA, but the context keeps its state.
      const [d, nread] = transitionFunc[stripState(c)](c, html.slice(i));
      const i1 = i + nread;
      if (c.state === State.Text || c.state === State.RCDATA) {
        let j = i1;
        if (d.state !== c.state) {
          const lt = html.lastIndexOf('<', j - 1);
          if (lt >= i) j = lt;
        }
        out += html.slice(i, j);
      } else {
        allText = false;
      }
      c = d;
      i = i1;
      continue;
    }
    const ends = delimEnds[c.delim];
    let i1 = i;
    while (i1 < html.length && !ends.includes(html.charAt(i1))) i1++;
    if (i1 === html.length) break;
    if (c.delim !== Delim.SpaceOrTagEnd) i1++;
    c = { ...textContext, state: State.Tag, element: c.element };
    i = i1;
  }
  if (allText) return html;
  if (c.state === State.Text || c.state === State.RCDATA) out += html.slice(i);
  return out;
}
