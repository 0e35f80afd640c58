// The escaper functions the escape pass appends to pipelines, by the names Go gives them, and
// the rules relating them to the predefined `html` and `urlquery` functions.
import { sprint } from '../fmt/index.js';
import { cssEscaper, cssValueFilter } from './css.js';
import { attrEscaper, commentEscaper, htmlEscaper, htmlNameFilter, htmlNospaceEscaper, rcdataEscaper } from './html.js';
import { jsRegexpEscaper, jsStrEscaper, jsTmplLitEscaper, jsValEscaper } from './js.js';
import { srcsetFilterAndEscaper, urlEscaper, urlFilter, urlNormalizer } from './url.js';

/**
 * An escaper: the pipeline's value in, escaped text out. `_eval_args_` alone takes several
 * arguments (those of a predefined escaper it replaces).
 */
export type EscaperFn = (...args: unknown[]) => string;

/** Go's `_eval_args_`: fmt.Sprint of the arguments, so `{{html .A .B}}` can be split in two. */
function evalArgs(...args: unknown[]): string {
  const a = args[0];
  if (args.length === 1 && typeof a === 'string') return a;
  return sprint(...args);
}

/** Every function the escape pass may insert, by name. */
export const escaperFuncs: Readonly<Record<string, EscaperFn>> = {
  _html_template_attrescaper: attrEscaper,
  _html_template_commentescaper: commentEscaper,
  _html_template_cssescaper: cssEscaper,
  _html_template_cssvaluefilter: cssValueFilter,
  _html_template_htmlnamefilter: htmlNameFilter,
  _html_template_htmlescaper: htmlEscaper,
  _html_template_jsregexpescaper: jsRegexpEscaper,
  _html_template_jsstrescaper: jsStrEscaper,
  _html_template_jstmpllitescaper: jsTmplLitEscaper,
  _html_template_jsvalescaper: jsValEscaper,
  _html_template_nospaceescaper: htmlNospaceEscaper,
  _html_template_rcdataescaper: rcdataEscaper,
  _html_template_srcsetescaper: srcsetFilterAndEscaper,
  _html_template_urlescaper: urlEscaper,
  _html_template_urlfilter: urlFilter,
  _html_template_urlnormalizer: urlNormalizer,
  _eval_args_: evalArgs,
};

/** The text/template escapers that may end a pipeline in html mode. */
export const predefinedEscapers: ReadonlySet<string> = new Set(['html', 'urlquery']);

// Contextual escapers and the predefined escaper giving the same guarantees. The
// urlnormalizer pair is kept for templates written before Go 1.9.
const equivEscapers: Readonly<Record<string, string>> = {
  _html_template_attrescaper: 'html',
  _html_template_htmlescaper: 'html',
  _html_template_rcdataescaper: 'html',
  _html_template_urlescaper: 'urlquery',
  _html_template_urlnormalizer: 'urlquery',
};

/** The name two equivalent escapers share. */
export function normalizeEscFn(e: string): string {
  return equivEscapers[e] ?? e;
}

// redundantFuncs[a][b]: b(a(x)) === a(x) for every x, so b need not follow a.
const redundantFuncs: Readonly<Record<string, ReadonlySet<string>>> = {
  _html_template_commentescaper: new Set(['_html_template_attrescaper', '_html_template_nospaceescaper', '_html_template_htmlescaper']),
  _html_template_cssescaper: new Set(['_html_template_attrescaper']),
  _html_template_jsregexpescaper: new Set(['_html_template_attrescaper']),
  _html_template_jsstrescaper: new Set(['_html_template_attrescaper']),
  _html_template_jstmpllitescaper: new Set(['_html_template_attrescaper']),
  _html_template_urlescaper: new Set(['_html_template_urlnormalizer']),
};

/** Whether escaper `next` adds nothing after escaper `last`. */
export function isRedundant(last: string, next: string): boolean {
  return redundantFuncs[last]?.has(next) ?? false;
}
