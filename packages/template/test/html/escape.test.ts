// Contextual escaping end to end: each case is parsed and executed with HTMLTemplate and
// compared with what real Go gives. Expected outputs and error messages of the `goCases`
// table were produced by Go 1.19.8's html/template through the gotmpl-ref oracle
// (tools/gotmpl-ref); the error codes name the Go ErrorCode each message belongs to.
// The `currentGoCases` table covers JavaScript template literals, where this package follows
// Go 1.21 and later (actions are escaped, `${...}` substitutions are JavaScript) and Go 1.19
// reports an error instead; their expected outputs follow current Go's escaper tables
// (jsBqStrReplacementTable) and transition rules (tJSTmpl, brace depth), worked by hand.
import { expect } from 'chai';
import { CSS, HTML, HTMLAttr, HTMLTemplate, JS, JSStr, Srcset, TemplateEscapeError, URL } from '../../src/html/index.js';

interface Case {
  name: string;
  templates: Record<string, string>;
  data: unknown;
  funcs?: string[];
  output?: string;
  code?: string;
  message?: string;
}

const safeFuncs: Record<string, (s: string) => unknown> = {
  safeHTML: (s) => new HTML(s),
  safeAttr: (s) => new HTMLAttr(s),
  safeURL: (s) => new URL(s),
  safeJS: (s) => new JS(s),
  safeJSStr: (s) => new JSStr(s),
  safeCSS: (s) => new CSS(s),
  safeSrcset: (s) => new Srcset(s),
};

/** Runs a case the way the Go oracle does: the first template is the root and the entry. */
function run(c: Case): string {
  const names = Object.keys(c.templates);
  const root = new HTMLTemplate(names[0] ?? 't');
  const funcs: Record<string, (s: string) => unknown> = {};
  for (const f of c.funcs ?? []) {
    const fn = safeFuncs[f];
    if (fn !== undefined) funcs[f] = fn;
  }
  root.funcs(funcs);
  names.forEach((name, i) => {
    const text = c.templates[name] ?? '';
    if (i === 0) root.parse(text);
    else root.new(name).parse(text);
  });
  return root.executeTemplate(names[0] ?? 't', c.data);
}

const goCases: Case[] = [
  {"name": "text: html specials escaped", "templates": {"t": "<p>{{.}}</p>"}, "data": "<a href='x'>&\"+</a>", "output": "<p>&lt;a href=&#39;x&#39;&gt;&amp;&#34;&#43;&lt;/a&gt;</p>"},
  {"name": "text: NUL becomes U+FFFD", "templates": {"t": "{{.}}"}, "data": "a\u0000b", "output": "a\ufffdb"},
  {"name": "text: numbers, bools and nil", "templates": {"t": "{{.i}} {{.f}} {{.b}} {{.n}}|"}, "data": {"i": 42, "f": 2.5, "b": true, "n": null}, "output": "42 2.5 true |"},
  {"name": "text: missing map key writes nothing", "templates": {"t": "[{{.missing}}]"}, "data": {}, "output": "[]"},
  {"name": "text: lists and maps as fmt prints them", "templates": {"t": "{{.}}"}, "data": {"k": ["<a>", 1]}, "output": "map[k:[&lt;a&gt; 1]]"},
  {"name": "text: safe HTML passes", "templates": {"t": "{{safeHTML .}}"}, "data": "<b>ok</b>", "funcs": ["safeHTML"], "output": "<b>ok</b>"},
  {"name": "text: other safe types are escaped", "templates": {"t": "{{safeURL .}}{{safeJS .}}"}, "data": "<x>", "funcs": ["safeURL", "safeJS"], "output": "&lt;x&gt;&lt;x&gt;"},
  {"name": "text: a lone < in text is escaped", "templates": {"t": "a < b {{.}}"}, "data": "c", "output": "a &lt; b c"},
  {"name": "text: doctype kept", "templates": {"t": "<!DOCTYPE html>{{.}}"}, "data": "x", "output": "<!DOCTYPE html>x"},
  {"name": "text: html comments stripped", "templates": {"t": "a<!-- {{.}} -->b<!--c-->d"}, "data": "x", "output": "abd"},
  {"name": "rcdata: textarea", "templates": {"t": "<textarea>{{.}}</textarea>"}, "data": "</textarea><b>", "output": "<textarea>&lt;/textarea&gt;&lt;b&gt;</textarea>"},
  {"name": "rcdata: title with safe HTML keeps entities", "templates": {"t": "<title>{{safeHTML .}}</title>"}, "data": "a &amp; <b>", "funcs": ["safeHTML"], "output": "<title>a &amp; &lt;b&gt;</title>"},
  {"name": "attr: double quoted", "templates": {"t": "<a title=\"{{.}}\">"}, "data": "\"><script>", "output": "<a title=\"&#34;&gt;&lt;script&gt;\">"},
  {"name": "attr: single quoted", "templates": {"t": "<a title='{{.}}'>"}, "data": "it's", "output": "<a title='it&#39;s'>"},
  {"name": "attr: unquoted", "templates": {"t": "<a title={{.}}>"}, "data": "a b=c", "output": "<a title=a&#32;b&#61;c>"},
  {"name": "attr: unquoted after spaces around =", "templates": {"t": "<a title = {{.}}>"}, "data": "x y", "output": "<a title = x&#32;y>"},
  {"name": "attr: safe HTML loses its tags", "templates": {"t": "<a title=\"{{safeHTML .}}\">"}, "data": "<b>bold</b> &amp; text", "funcs": ["safeHTML"], "output": "<a title=\"bold &amp; text\">"},
  {"name": "attr: valueless attribute then value", "templates": {"t": "<input checked title=\"{{.}}\">"}, "data": "<", "output": "<input checked title=\"&lt;\">"},
  {"name": "attr name: plain name kept lower case", "templates": {"t": "<a {{.}}=\"x\">"}, "data": "Title", "output": "<a title=\"x\">"},
  {"name": "attr name: event handler refused", "templates": {"t": "<a {{.}}=\"x\">"}, "data": "onclick", "output": "<a ZgotmplZ=\"x\">"},
  {"name": "attr name: safe HTMLAttr passes", "templates": {"t": "<a {{safeAttr .}}>"}, "data": "title=\"x\"", "funcs": ["safeAttr"], "output": "<a title=\"x\">"},
  {"name": "url: scheme filtered", "templates": {"t": "<a href=\"{{.}}\">"}, "data": "javascript:alert(1)", "output": "<a href=\"#ZgotmplZ\">"},
  {"name": "url: normalized", "templates": {"t": "<a href=\"{{.}}\">"}, "data": "/a b/c?d=<e>&f", "output": "<a href=\"/a%20b/c?d=%3ce%3e&amp;f\">"},
  {"name": "url: query part escaped", "templates": {"t": "<a href=\"/s?q={{.}}\">"}, "data": "a&b=c/d", "output": "<a href=\"/s?q=a%26b%3dc%2fd\">"},
  {"name": "url: fragment escaped", "templates": {"t": "<a href=\"/p#{{.}}\">"}, "data": "x y", "output": "<a href=\"/p#x%20y\">"},
  {"name": "url: path part normalized", "templates": {"t": "<a href=\"/p/{{.}}\">"}, "data": "a b/c", "output": "<a href=\"/p/a%20b/c\">"},
  {"name": "url: safe URL skips the filter", "templates": {"t": "<a href=\"{{safeURL .}}\">"}, "data": "javascript:x()", "funcs": ["safeURL"], "output": "<a href=\"javascript:x%28%29\">"},
  {"name": "url: unquoted", "templates": {"t": "<a href={{.}}>"}, "data": "/a b", "output": "<a href=/a%20b>"},
  {"name": "url: src and action are URLs", "templates": {"t": "<img src=\"{{.}}\"><form action=\"{{.}}\">"}, "data": "vbscript:x", "output": "<img src=\"#ZgotmplZ\"><form action=\"#ZgotmplZ\">"},
  {"name": "url: data- prefix dropped", "templates": {"t": "<a data-src=\"{{.}}\">"}, "data": "javascript:x", "output": "<a data-src=\"#ZgotmplZ\">"},
  {"name": "srcset: candidates filtered", "templates": {"t": "<img srcset=\"{{.}}\">"}, "data": "a.png 1x, javascript:b 2x", "output": "<img srcset=\"a.png 1x,#ZgotmplZ\">"},
  {"name": "srcset: metadata must be alphanumeric", "templates": {"t": "<img srcset=\"{{.}}\">"}, "data": "a.png 1x\"", "output": "<img srcset=\"#ZgotmplZ\">"},
  {"name": "js: string value", "templates": {"t": "<script>var x = {{.}};</script>"}, "data": "</script>\"'&", "output": "<script>var x = \"\\u003c/script\\u003e\\\"'\\u0026\";</script>"},
  {"name": "js: numbers padded", "templates": {"t": "<script>var x = {{.}};</script>"}, "data": 42, "output": "<script>var x =  42 ;</script>"},
  {"name": "js: float", "templates": {"t": "<script>var x = {{.}};</script>"}, "data": 0.1, "output": "<script>var x =  0.1 ;</script>"},
  {"name": "js: object with sorted keys", "templates": {"t": "<script>var x = {{.}};</script>"}, "data": {"z": [1, null], "a": "<"}, "output": "<script>var x = {\"a\":\"\\u003c\",\"z\":[1,null]};</script>"},
  {"name": "js: nil", "templates": {"t": "<script>var x = {{.}};</script>"}, "data": null, "output": "<script>var x =  null ;</script>"},
  {"name": "js: several args joined by Sprint", "templates": {"t": "<script>var x = {{print .a .b}};</script>"}, "data": {"a": "x", "b": 1}, "output": "<script>var x = \"x1\";</script>"},
  {"name": "js: safe JS passes", "templates": {"t": "<script>{{safeJS .}}</script>"}, "data": "alert(1)", "funcs": ["safeJS"], "output": "<script>alert(1)</script>"},
  {"name": "js: safe JSStr quoted", "templates": {"t": "<script>var s = {{safeJSStr .}};</script>"}, "data": "a\\nb", "funcs": ["safeJSStr"], "output": "<script>var s = \"a\\nb\";</script>"},
  {"name": "js: double quoted string", "templates": {"t": "<script>var s = \"{{.}}\";</script>"}, "data": "a\"b'c\\d</e>\n", "output": "<script>var s = \"a\\u0022b\\u0027c\\\\d\\u003c\\/e\\u003e\\n\";</script>"},
  {"name": "js: single quoted string", "templates": {"t": "<script>var s = '{{.}}';</script>"}, "data": "a'b", "output": "<script>var s = 'a\\u0027b';</script>"},
  {"name": "js: regexp", "templates": {"t": "<script>var r = /{{.}}/;</script>"}, "data": "a.b*c", "output": "<script>var r = /a\\.b\\*c/;</script>"},
  {"name": "js: empty regexp", "templates": {"t": "<script>var r = /{{.}}/;</script>"}, "data": "", "output": "<script>var r = /(?:)/;</script>"},
  {"name": "js: division after a value", "templates": {"t": "<script>var x = {{.}} / 2;</script>"}, "data": 4, "output": "<script>var x =  4  / 2;</script>"},
  {"name": "js: line comment dropped", "templates": {"t": "<script>a = 1; // {{.}}\nb = 2;</script>"}, "data": "x", "output": "<script>a = 1; \nb = 2;</script>"},
  {"name": "js: block comment dropped", "templates": {"t": "<script>a /* {{.}} */ = 1;</script>"}, "data": "x", "output": "<script>a    = 1;</script>"},
  {"name": "js: block comment with newline becomes newline", "templates": {"t": "<script>a /* x\n */ = 1;</script>"}, "data": null, "output": "<script>a \n = 1;</script>"},
  {"name": "js: event handler attribute", "templates": {"t": "<a onclick=\"f({{.}})\">"}, "data": "x\"y", "output": "<a onclick=\"f(&#34;x\\&#34;y&#34;)\">"},
  {"name": "js: event handler with entity-encoded quote", "templates": {"t": "<a onclick=\"f(&quot;{{.}}&quot;)\">"}, "data": "x\"y", "output": "<a onclick=\"f(&quot;x\\u0022y&quot;)\">"},
  {"name": "js: JSON script type", "templates": {"t": "<script type=\"application/json\">{{.}}</script>"}, "data": {"a": 1}, "output": "<script type=\"application/json\">{\"a\":1}</script>"},
  {"name": "js: non-JS script type is text", "templates": {"t": "<script type=\"text/template\">{{.}}</script>"}, "data": "<b>", "output": "<script type=\"text/template\">&lt;b&gt;</script>"},
  {"name": "css: value filtered", "templates": {"t": "<style>p { color: {{.}} }</style>"}, "data": "red", "output": "<style>p { color: red }</style>"},
  {"name": "css: unsafe value", "templates": {"t": "<style>p { color: {{.}} }</style>"}, "data": "expression(x)", "output": "<style>p { color: ZgotmplZ }</style>"},
  {"name": "css: string", "templates": {"t": "<style>p { content: \"{{.}}\" }</style>"}, "data": "</style>\"x", "output": "<style>p { content: \"\\3c\\2fstyle\\3e\\22x\" }</style>"},
  {"name": "css: url()", "templates": {"t": "<style>p { background: url({{.}}) }</style>"}, "data": "javascript:x", "output": "<style>p { background: url(#ZgotmplZ) }</style>"},
  {"name": "css: quoted url with query", "templates": {"t": "<style>p { background: url('/i?q={{.}}') }</style>"}, "data": "a b&c", "output": "<style>p { background: url('/i?q=a%20b%26c') }</style>"},
  {"name": "css: style attribute", "templates": {"t": "<p style=\"color: {{.}}\">"}, "data": "blue", "output": "<p style=\"color: blue\">"},
  {"name": "css: safe CSS passes", "templates": {"t": "<p style=\"{{safeCSS .}}\">"}, "data": "color: red; x: y", "funcs": ["safeCSS"], "output": "<p style=\"color: red; x: y\">"},
  {"name": "css: comment dropped", "templates": {"t": "<style>/* {{.}} */p{}</style>"}, "data": "x", "output": "<style>  p{}</style>"},
  {"name": "predefined: html at the end merges", "templates": {"t": "<p>{{. | html}}</p>"}, "data": "<b>", "output": "<p>&lt;b&gt;</p>"},
  {"name": "predefined: html with args", "templates": {"t": "<p>{{html .a .b}}</p>"}, "data": {"a": "<", "b": ">"}, "output": "<p>&lt;&gt;</p>"},
  {"name": "predefined: urlquery in a query", "templates": {"t": "<a href=\"/s?q={{. | urlquery}}\">"}, "data": "a b&c", "output": "<a href=\"/s?q=a&#43;b%26c\">"},
  {"name": "predefined: html in a quoted attribute", "templates": {"t": "<a title=\"{{html .}}\">"}, "data": "<\"x\">", "output": "<a title=\"&lt;&#34;x&#34;&gt;\">"},
  {"name": "branch: if both branches in text", "templates": {"t": "{{if .}}<b>{{.}}</b>{{else}}<i>no</i>{{end}}"}, "data": "<x>", "output": "<b>&lt;x&gt;</b>"},
  {"name": "branch: if inside an attribute", "templates": {"t": "<a title=\"{{if .}}{{.}}{{end}}\">"}, "data": "<", "output": "<a title=\"&lt;\">"},
  {"name": "branch: unquoted value joins with before-value", "templates": {"t": "<p title={{if .}}{{.}}{{end}}>"}, "data": "a b", "output": "<p title=a&#32;b>"},
  {"name": "branch: range in JS", "templates": {"t": "<script>var a = [{{range .}}{{.}},{{end}}];</script>"}, "data": [1, "b"], "output": "<script>var a = [ 1 ,\"b\",];</script>"},
  {"name": "branch: range with else", "templates": {"t": "{{range .}}<li>{{.}}</li>{{else}}<p>none</p>{{end}}"}, "data": [], "output": "<p>none</p>"},
  {"name": "branch: with", "templates": {"t": "{{with .a}}<b>{{.}}</b>{{end}}"}, "data": {"a": "<"}, "output": "<b>&lt;</b>"},
  {"name": "branch: variable declarations write nothing", "templates": {"t": "{{$x := .}}<a href=\"{{$x}}\">"}, "data": "javascript:x", "output": "<a href=\"#ZgotmplZ\">"},
  {"name": "template: called in text", "templates": {"t": "<p>{{template \"s\" .}}</p>", "s": "{{.}}"}, "data": "<x>", "output": "<p>&lt;x&gt;</p>"},
  {"name": "template: called in an attribute", "templates": {"t": "<a title=\"{{template \"s\" .}}\">", "s": "{{.}}"}, "data": "\"x\"", "output": "<a title=\"&#34;x&#34;\">"},
  {"name": "template: called in two contexts", "templates": {"t": "{{template \"s\" .}}<a href=\"{{template \"s\" .}}\">", "s": "{{.}}"}, "data": "javascript:&", "output": "javascript:&amp;<a href=\"#ZgotmplZ\">"},
  {"name": "template: recursive", "templates": {"t": "{{define \"r\"}}{{if .}}<li>{{index . 0}}</li>{{template \"r\" slice . 1}}{{end}}{{end}}<ul>{{template \"r\" .}}</ul>"}, "data": ["<a>", "b"], "output": "<ul><li>&lt;a&gt;</li><li>b</li></ul>"},
  {"name": "template: block overridden", "templates": {"t": "{{block \"b\" .}}<p>{{.}}</p>{{end}}", "o": "{{define \"b\"}}<q>{{.}}</q>{{end}}"}, "data": "&", "output": "<q>&amp;</q>"},
  {"name": "err: branches end in different contexts", "templates": {"t": "{{if .}}<a href=\"{{else}}<a title=\"{{end}}x\">"}, "data": true, "code": "ErrBranchEnd", "message": "html/template:t:1:5: {{if}} branches end in different contexts: {stateURL delimDoubleQuote urlPartNone jsCtxRegexp attrURL elementNone <nil>}, {stateAttr delimDoubleQuote urlPartNone jsCtxRegexp attrNone elementNone <nil>}"},
  {"name": "err: range loop re-entry", "templates": {"t": "{{range .}}<a title=\"{{end}}\">"}, "data": [1], "code": "ErrBranchEnd", "message": "html/template:t:1:8: on range loop re-entry: {{range}} branches end in different contexts: {stateAttr delimDoubleQuote urlPartNone jsCtxRegexp attrNone elementNone <nil>}, {stateTag delimNone urlPartNone jsCtxRegexp attrNone elementNone <nil>}"},
  {"name": "err: ends in a non-text context", "templates": {"t": "<a href=\"{{.}}"}, "data": "x", "code": "ErrEndContext", "message": "html/template:t: ends in a non-text context: {stateURL delimDoubleQuote urlPartNone jsCtxRegexp attrURL elementNone <nil>}"},
  {"name": "err: unfinished tag", "templates": {"t": "<div"}, "data": null, "code": "ErrEndContext", "message": "html/template:t: ends in a non-text context: {stateTag delimNone urlPartNone jsCtxRegexp attrNone elementNone <nil>}"},
  {"name": "err: ambiguous URL context", "templates": {"t": "<a href=\"{{if .}}/p/{{else}}/s?q={{end}}{{.}}\">"}, "data": "x", "code": "ErrAmbigContext", "message": "html/template:t:1:42: {{.}} appears in an ambiguous context within a URL"},
  {"name": "err: bad unquoted attr", "templates": {"t": "<a title=x'y>"}, "data": null, "code": "ErrBadHTML", "message": "html/template:t: \"'\" in unquoted attr: \"x'y\""},
  {"name": "err: quote in attribute name", "templates": {"t": "<a b\"c=d>"}, "data": null, "code": "ErrBadHTML", "message": "html/template:t: \"\\\"\" in attribute name: \" b\\\"c=d>\""},
  {"name": "err: expected attr name", "templates": {"t": "<a =x>"}, "data": null, "code": "ErrBadHTML", "message": "html/template:t: expected space, attr name, or end of tag, but got \"=x>\""},
  {"name": "err: no such template", "templates": {"t": "{{template \"nope\"}}"}, "data": null, "code": "ErrNoSuchTemplate", "message": "html/template:t:1:11: no such template \"nope\""},
  {"name": "err: slash ambiguous", "templates": {"t": "<script>{{if .}}var x = 1{{end}}/-{{.}}/i.test(x)</script>"}, "data": true, "code": "ErrSlashAmbig", "message": "html/template:t: '/' could start a division or regexp: \"/-\""},
  {"name": "err: partial escape in JS string", "templates": {"t": "<script>var s = \"\\{{.}}\";</script>"}, "data": "x", "code": "ErrPartialEscape", "message": "html/template:t: unfinished escape sequence in JS string: \"\\\\\""},
  {"name": "err: regexp charset", "templates": {"t": "<script>var r = /[{{.}}]/;</script>"}, "data": "x", "code": "ErrPartialCharset", "message": "html/template:t: unfinished JS regexp charset: \"[\""},
  {"name": "err: partial escape in CSS", "templates": {"t": "<style>p { content: \"\\{{.}}\" }</style>"}, "data": "x", "code": "ErrPartialEscape", "message": "html/template:t: unfinished escape sequence in CSS string: \"\\\\\""},
  {"name": "err: predefined escaper in the middle", "templates": {"t": "{{. | html | print}}"}, "data": "x", "code": "ErrPredefinedEscaper", "message": "html/template:t:1:2: predefined escaper \"html\" disallowed in template"},
  {"name": "err: html in an unquoted attribute", "templates": {"t": "<a title={{html .}}>"}, "data": "x", "code": "ErrPredefinedEscaper", "message": "html/template:t:1:11: predefined escaper \"html\" disallowed in template"},
  {"name": "template: recursive with quote in text", "templates": {"t": "{{define \"rec\"}}{{if .T}}{{template \"rec\" .T}}{{end}}{{.H}}\",{{end}}{{template \"rec\" .}}"}, "data": {"T": null, "H": "x"}, "output": "x\","},
  {"name": "err: recursive template that opens a tag", "templates": {"t": "{{define \"rec\"}}{{if .}}{{template \"rec\" .}}{{end}}<a title=\"{{end}}{{template \"rec\" .}}\">"}, "data": false, "code": "ErrOutputContext", "message": "html/template:t:1:16: cannot compute output context for template rec"},
  {"name": "err: tag opened around a recursive call", "templates": {"t": "{{define \"rec\"}}<b {{if .}}{{template \"rec\" .}}{{end}}{{end}}{{template \"rec\" .}}>"}, "data": false, "code": "ErrBadHTML", "message": "html/template:t: \"<\" in attribute name: \"<b \""},
  {"name": "template: JS string left open ends at </script>", "templates": {"t": "<script>{{template \"s\"}}</script>", "s": "var x = \""}, "data": null, "output": "<script>var x = \"</script>"},
  {"name": "err: range break ends in another context", "templates": {"t": "{{range .}}{{if .}}<a title=\"{{break}}{{end}}x{{end}}"}, "data": [1], "code": "ErrBranchEnd", "message": "html/template:t:1:31: at range loop break: {{range}} branches end in different contexts: {stateText delimNone urlPartNone jsCtxRegexp attrNone elementNone <nil>}, {stateAttr delimDoubleQuote urlPartNone jsCtxRegexp attrNone elementNone <nil>}"}
];

const currentGoCases: Case[] = [
  {
    name: 'template literal: text is escaped with $, { and } too',
    templates: { t: '<script>var s = `{{.}}`;</script>' },
    data: 'a`${b}\\',
    output: '<script>var s = `a\\u0060\\u0024\\u007bb\\u007d\\\\`;</script>',
  },
  {
    name: 'template literal: a substitution is JavaScript',
    templates: { t: '<script>var s = `x${ {{.}} }y`;</script>' },
    data: 'v',
    output: '<script>var s = `x${ "v" }y`;</script>',
  },
  {
    name: 'template literal: braces nested in a substitution',
    templates: { t: '<script>var s = `${ {k: {{.}}} }b{{.}}`;</script>' },
    data: '<',
    output: '<script>var s = `${ {k: "\\u003c"} }b\\u003c`;</script>',
  },
  {
    name: 'template literal: in an event handler',
    templates: { t: '<a onclick="f(`{{.}}`)">' },
    data: '"&',
    output: '<a onclick="f(`\\u0022\\u0026`)">',
  },
];

function check(c: Case): void {
  if (c.code === undefined) {
    expect(run(c)).to.equal(c.output);
    return;
  }
  let err: unknown;
  try {
    run(c);
  } catch (e) {
    err = e;
  }
  expect(err).to.be.instanceOf(TemplateEscapeError);
  const e = err as TemplateEscapeError;
  expect(e.code).to.equal(c.code);
  expect(e.message).to.equal(c.message);
}

describe('html/template contextual escaping (expected output from Go 1.19.8)', () => {
  for (const c of goCases) it(c.name, () => check(c));
});

describe('html/template JS template literals (current Go, an error in Go 1.19)', () => {
  for (const c of currentGoCases) it(c.name, () => check(c));
});
