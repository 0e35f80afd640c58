// Differential cases: random templates (seeded, built from HTML, JS, CSS and action
// fragments; "t" calls "s") run by real Go 1.19.8's html/template through the
// gotmpl-ref oracle, and by HTMLTemplate. Wider runs of 18,000 such cases (some with safe
// types and constants) matched Go on every output and every error message, except for
// infinite recursion, which stops at the executor's lower depth limit (1000, Go's 100000).
// These 120 are kept as a regression table.
import { expect } from 'chai';
import { HTMLTemplate } from '../../src/html/index.js';

// [template t, template s, data, Go's output or null, Go's error message or null]
const cases: [string, string, unknown, string | null, string | null][] = [
  ["javascript:</style>(<script type=\"text/template\"> data-x=,\"{{.}})<script type=\"text/template\">#\\u0022&quot; data-x=", "style=\"<!DOCTYPE html> data-x=.//return<script type=\"text/template\"> background: url(url(", 1.5, "javascript:</style>(<script type=\"text/template\"> data-x=,\"1.5)<script type=\"text/template\">#\\u0022&quot; data-x=", null],
  ["\",&#x27;<!DOCTYPE html>{{$x := 1}}/*<script type=\"text/template\">#()&#x27;]var x = ", "{{.}}onclick=\"return*/", 1.5, "\",&#x27;<!DOCTYPE html>/*<script type=\"text/template\">#()&#x27;]var x = ", null],
  ["<b>{{.}}<!DOCTYPE html>p {+*/1</a></?//onclick=\"", "var x = </script>{<onclick=\"<title>&#x27;-->{{. | urlquery}}<b>", 42, "<b>42<!DOCTYPE html>p {+*/1</a>&lt;/?//onclick=\"", null],
  ["+<!DOCTYPE html>\">/*var x = ]#", "<style> color: {{html .}}</a>=1{{. | urlquery}}</textarea><b>\\u0022,javascript:", "<x>", "+<!DOCTYPE html>\">/*var x = ]#", null],
  ["a:b srcset= '?x</a>1typeof <!DOCTYPE html></ background: url(\\u0022", ")</script> </return?{{.}}</style></a><style>]", 42, "a:b srcset= '?x</a>1typeof <!DOCTYPE html>&lt;/ background: url(\\u0022", null],
  ["\";/ background: url(\">\"&quot;\\&#x27;", "<textarea><!DOCTYPE html><a onmouseover={{html .}}{{.}}<b><style>//{{.}}--> srcset=", {"k": "'"}, "\";/ background: url(\">\"&quot;\\&#x27;", null],
  ["/*,>", " color: <p style=<textarea></style><!--<a <!DOCTYPE html><a href=\"{{.}}# background: url(javascript:<!DOCTYPE html>\">", null, "/*,>", null],
  ["\\mailto:<!DOCTYPE html>&#x27;", "<script type=\"text/template\"><;return<a onmouseover=+\\u0022\n[</title>{{template \"s\" .}} color: var x = -", "javascript:1", "\\mailto:<!DOCTYPE html>&#x27;", null],
  ["url({{$x := 1}}.<b>({{.}}(typeof javascript:", "</<a href=\"onclick=\"\\u0022<script type=\"text/template\"><!DOCTYPE html>\\*/<title>javascript:<style>javascript:", ["a", "\""], "url(.<b>([a &#34;](typeof javascript:", null],
  ["</script>style=\"+{{template \"s\" .}}*/[<b>-=;<!DOCTYPE html>a:bstyle=\";", ")javascript:&#x27;/?", 1.5, "</script>style=\"+)javascript:&#x27;/?*/[<b>-=;<!DOCTYPE html>a:bstyle=\";", null],
  ["\\/*]", "p { data-x=\np {returnmailto:\n<script type=\"text/template\">/style=\"{{. | urlquery}}<img srcset=\"<!DOCTYPE html>{{$x := 1}}", "javascript:1", "\\/*]", null],
  [" color: a:b", "/*<form action=\">&quot; background: url()<!DOCTYPE html>\\{{$x := 1}}var x = {{html .}}{", "", " color: a:b", null],
  [" background: url(\">", "{{.}} data-x=<!DOCTYPE html>//<style><!DOCTYPE html>p {>.\\u0022</a>{{$x := 1}}*/", "javascript:1", " background: url(\">", null],
  ["]?=<!DOCTYPE html>{{.}}", "p {var x = [<a onmouseover={{$x := 1}}{{.}};return\\u0022javascript:-->/*", 42, "]?=<!DOCTYPE html>42", null],
  ["<!DOCTYPE html>{{. | urlquery}}onclick=\"{{. | urlquery}}[&#x27;<!--{{$x := 1}}-->", "p {.{{.}}</script>;#</{{html .}}", "javascript:1", "<!DOCTYPE html>javascript%3A1onclick=\"javascript%3A1[&#x27;", null],
  [".{{. | urlquery}}javascript:-->", "{{.}}{{$x := 1}}<p style=><!DOCTYPE html>&#x27;)", {"k": "'"}, ".map%5Bk%3A%27%5Djavascript:-->", null],
  ["p {var x = </style>1[{{.}}javascript:x", "<!DOCTYPE html></title><img srcset=\"mailto:{{. | urlquery}}</textarea></<form action={{.}}</a><form action=-", "javascript:1", "p {var x = </style>1[javascript:1javascript:x", null],
  ["# background: url( background: url(x", ",<script type=\"text/template\">(<style><!DOCTYPE html><style>return<img srcset=\" srcset=<a onmouseover=+,{{.}}<img srcset=\"", "javascript:1", "# background: url( background: url(x", null],
  ["{{.}}<!DOCTYPE html>-->\n,.x'>\", )</textarea>", "<script><p style={{template \"s\" .}}<style>javascript:<textarea>}{{.}}]\"</onclick=\" srcset=", {"k": "'"}, "map[k:&#39;]<!DOCTYPE html>-->\n,.x'>\", )</textarea>", null],
  ["?mailto:return><img srcset=\"--><title> srcset== srcset=onclick=\"-->", "</style>{{.}}\">\"<p style=\nx<form action='<!DOCTYPE html>1", "<x>", "?mailto:return><img srcset=\"--><title> srcset== srcset=onclick=\"-->", null],
  ["\"onclick=\"){{.}}<!DOCTYPE html>&#x27;", "}<p style= <textarea>javascript:]", "<x>", "\"onclick=\")&lt;x&gt;<!DOCTYPE html>&#x27;", null],
  ["}{{html .}}1-", "(-->]</style> background: url(<!DOCTYPE html><a href=\"<a title='", "javascript:1", "}javascript:11-", null],
  ["</title>&quot;onclick=\"{{$x := 1}}", "url(typeof </a><!DOCTYPE html>/*{{$x := 1}}\">-{", {"k": "'"}, "</title>&quot;onclick=\"", null],
  ["</a>{{html .}}returnp {?style=\"><b></a>", "<title>=<!DOCTYPE html>{{. | urlquery}} ]*/)onclick=\"</a>+</textarea>", null, "</a>&lt;nil&gt;returnp {?style=\"><b></a>", null],
  [";", "-->-{{.}}{{. | urlquery}}<!DOCTYPE html>&quot;){{. | urlquery}} */\\a:bjavascript:", 1.5, ";", null],
  ["+>?typeof ", "//onclick=\"</textarea>#a:b<!DOCTYPE html><script>{{template \"s\" .}};<!--<style>", "<x>", "+>?typeof ", null],
  ["</a>*/{{. | urlquery}} </textarea>", "{style=\"<script> data-x=typeof ]<!DOCTYPE html><a onmouseover={{.}}/*//*/", "<x>", "</a>*/%3Cx%3E </textarea>", null],
  ["\nvar x = xstyle=\"typeof </script>\"</a>returnmailto:p {", "&quot; srcset=/+</title> background: url()\"{{$x := 1}}url(+<form action=<!--<img srcset=\"", null, "\nvar x = xstyle=\"typeof </script>\"</a>returnmailto:p {", null],
  ["onclick=\"\n ", "</style><a <style> data-x=</style>{{$x := 1}}*/<a href=\"mailto:return{{.}}{{template \"s\" .}}&#x27;,", "", "onclick=\"\n ", null],
  ["{{$x := 1}}+=url(", "{<textarea> background: url(returntypeof ]<!DOCTYPE html>+)+", null, "+=url(", null],
  ["&#x27;typeof /{{template \"s\" .}}{{template \"s\" .}}<b>,\\u0022<p style=</style>&quot;", "{{.}}<style>1<b>\"> background: url( srcset=x", ["a", "\""], "&#x27;typeof /[a &#34;]<style>1<b>\"> background: url( srcset=x[a \\22]<style>1<b>\"> background: url( srcset=x<b>,\\u0022<p style=</style>&quot;", null],
  ["{{template \"s\" .}}-->[,)&#x27;*/}>&quot;> background: url(<b>", "</script>&quot; srcset=", ["a", "\""], "</script>&quot; srcset=-->[,)&#x27;*/}>&quot;> background: url(<b>", null],
  ["{{range .}}typeof -({{.}}{{end}}&quot;", "</title> color: <a title= background: url(<a onmouseover=<p style=#<img srcset=\"]mailto:&#x27;<b>", ["a", "\""], "typeof -(atypeof -(&#34;&quot;", null],
  ["{{html .}}\"<!DOCTYPE html>", "onclick=\" background: url(</textarea><\\u0022;\\u0022 \"", "javascript:1", "javascript:1\"<!DOCTYPE html>", null],
  ["</textarea>)\n\">{{.}}", "<style> background: url(<!DOCTYPE html><p style=", "", "</textarea>)\n\">", null],
  ["( data-x=<!DOCTYPE html>x srcset=<b></(", " background: url(typeof {{html .}}<textarea>", {"k": "'"}, "( data-x=<!DOCTYPE html>x srcset=<b>&lt;/(", null],
  ["1\n+</textarea>[p {?{{.}}-return1 data-x=<.", "<a ?{{html .}}url( color: {{if .}}typeof {{end}}*/a:b background: url(<img srcset=\"", ["a", "\""], "1\n+</textarea>[p {?[a &#34;]-return1 data-x=&lt;.", null],
  ["\\{{.}}+{{.}}(<!DOCTYPE html>var x = ,{{.}}</title>/* \">", "&#x27;{*/<a <style>", 1.5, "\\1.5+1.5(<!DOCTYPE html>var x = ,1.5</title>/* \">", null],
  ["typeof ", "<img srcset=\"){{.}}1+<!DOCTYPE html></a># data-x=", ["a", "\""], "typeof ", null],
  [" srcset=+}", "['#?+<!DOCTYPE html>.</title>{{.}}var x = /*]{{$x := 1}}", null, " srcset=+}", null],
  ["<}a:b/-;", "</textarea><img srcset=\" {{$x := 1}}<a title=p {<b>{onclick=\"<!DOCTYPE html>x", 1.5, "&lt;}a:b/-;", null],
  ["<!DOCTYPE html>/*url(*/<script type=\"text/template\">", "<form action={{$x := 1}}>", 1.5, "<!DOCTYPE html>/*url(*/<script type=\"text/template\">", null],
  ["'<!DOCTYPE html>mailto:1,mailto:{{. | urlquery}} data-x=", "\"<a href=\"<!DOCTYPE html>[", ["a", "\""], "'<!DOCTYPE html>mailto:1,mailto:%5Ba&#43;%22%5D data-x=", null],
  [" color: //\n&#x27;onclick=\"", "mailto:;url({{with .}}<a <a onmouseover=)a:b{{end}}+<title>", "", " color: //\n&#x27;onclick=\"", null],
  [" background: url(--></a><script><script type=\"text/template\"></script>-->", "{{. | urlquery}}<a title={{template \"s\" .}}<a href=\"javascript:\"//{{.}}<script>]", null, " background: url(--></a><script><script type=\"text/template\"></script>-->", null],
  ["\\u0022return*/{{. | urlquery}}", "<style>&#x27;&#x27; <form action=]a:b<img srcset=\"\"</textarea>", "", "\\u0022return*/", null],
  ["+{{$x := 1}})\" background: url(mailto:'", "{{. | urlquery}}mailto:style=\"/*<a title=\"><script>p {/<script>", "", "+)\" background: url(mailto:'", null],
  ["\">\\/*//-->= background: url(onclick=\"x", "{{. | urlquery}} ({{.}}*/1{{$x := 1}}<script type=\"text/template\">", "javascript:1", "\">\\/*//-->= background: url(onclick=\"x", null],
  ["javascript:<!DOCTYPE html></textarea>&quot;url(", "<textarea>\">{{.}}</", 1.5, "javascript:<!DOCTYPE html></textarea>&quot;url(", null],
  [" background: url( srcset={{template \"s\" .}}<script type=\"text/template\">{{template \"s\" .}}=,&quot;{{.}} background: url(typeof a:b\\", "var x = </title> color: ", 42, " background: url( srcset=var x = </title> color: <script type=\"text/template\">var x = </title> color: =,&quot;42 background: url(typeof a:b\\", null],
  ["{{template \"s\" .}}-->\ntypeof  background: url(", "javascript:<b>{var x = url(</style></style>{{. | urlquery}}{{.}}", 1.5, "javascript:<b>{var x = url(</style></style>1.51.5-->\ntypeof  background: url(", null],
  ["]?mailto: background: url({{. | urlquery}}] ", "\" (<a title=return/,{</title>{{$x := 1}}<script>", "javascript:1", "]?mailto: background: url(javascript%3A1] ", null],
  ["</textarea> data-x=var x =  data-x=<b>&quot;*/\\/\\", "{{html .}}var x = <script></style>=<a onmouseover=&quot;\n)onclick=\"{{.}}", 42, "</textarea> data-x=var x =  data-x=<b>&quot;*/\\/\\", null],
  ["&#x27;typeof url(", "var x =  data-x=/*\\]\"{{.}}javascript:\">\n\\", {"k": "'"}, "&#x27;typeof url(", null],
  ["</", "=</a>} background: url({{. | urlquery}}<a href=\"{{.}} color: */#</title></a>(&#x27;", null, "&lt;/", null],
  ["\">?[{{template \"s\" .}}\"<<script type=\"text/template\">[<!DOCTYPE html>p {;", "&quot;</a>.=", {"k": "'"}, "\">?[&quot;</a>.=\"&lt;<script type=\"text/template\">[<!DOCTYPE html>p {;", null],
  ["<script type=\"text/template\">", "<!DOCTYPE html><b>{{.}}{{. | urlquery}}/*<p style=,", "<x>", "<script type=\"text/template\">", null],
  ["<title></script>'<title>\n</title>", "<title>javascript:/*a:b srcset=typeof ]={{template \"s\" .}} background: url(", null, "<title>&lt;/script>'&lt;title>\n</title>", null],
  ["<!DOCTYPE html>{{$x := 1}}", "{{html .}}<textarea>{{. | urlquery}}<form action=</title>", "javascript:1", "<!DOCTYPE html>", null],
  ["]1style=\"<b>{{$x := 1}}<b>/*", "< color: ?}<form action=/p {,<style>mailto:&#x27;//>>", {"k": "'"}, "]1style=\"<b><b>/*", null],
  [" srcset=&#x27;{{with .}}{{.}}{{.}}</title>{{end}}&#x27;a:b\"</# ", " background: url(;\"]style=\"", "<x>", " srcset=&#x27;&lt;x&gt;&lt;x&gt;</title>&#x27;a:b\"&lt;/# ", null],
  ["[ return\\u0022>{{$x := 1}}//{{html .}}&#x27;,>style=\"'<", "mailto:1", 1.5, "[ return\\u0022>//1.5&#x27;,>style=\"'&lt;", null],
  ["--></textarea>\\u0022return\">{{$x := 1}}&quot;onclick=\"{", "?#<a title=</( background: url(", 1.5, "--></textarea>\\u0022return\">&quot;onclick=\"{", null],
  ["</a>{{$x := 1}}\\u0022p {}{{$x := 1}}\\u0022=#url(/*", "[<title>{{range .}}<form action= {{end}}/*\\onclick=\"=mailto:", ["a", "\""], "</a>\\u0022p {}\\u0022=#url(/*", null],
  ["</script>}{{.}}var x = style=\" data-x=<!DOCTYPE html>", "{{.}}{{. | urlquery}}", ["a", "\""], "</script>}[a &#34;]var x = style=\" data-x=<!DOCTYPE html>", null],
  ["{{$x := 1}}", "{--></style>x]<img srcset=\"\"'javascript:<a href=\"{{. | urlquery}};", "<x>", "", null],
  ["(p {", "</script>>&quot;{{html .}} } color: <b><!DOCTYPE html> &#x27;", "", "(p {", null],
  ["(,{{$x := 1}}?).</a>\">", "]*/.\\u0022\n>*/{{template \"s\" .}}-\\</title></title><script type=\"text/template\">", "<x>", "(,?).</a>\">", null],
  ["\\u0022>{{html .}}onclick=\"<script type=\"text/template\"> data-x=+{{$x := 1}}", "a:b color: ", {"k": "'"}, "\\u0022>map[k:&#39;]onclick=\"<script type=\"text/template\"> data-x=+", null],
  ["? srcset=&#x27;\\a:bonclick=\"{{$x := 1}}//\n", "{{$x := 1}}{{$x := 1}}{{template \"s\" .}}url({{.}}", 42, "? srcset=&#x27;\\a:bonclick=\"//\n", null],
  [" background: url(", " srcset='<script type=\"text/template\">p {.&quot;<img srcset=\"</textarea>onclick=\"<img srcset=\"{{html .}}", null, " background: url(", null],
  ["(style=\"<;javascript:(\">return- background: url(/;?", "<title>{{html .}}a:b", 42, "(style=\"&lt;;javascript:(\">return- background: url(/;?", null],
  ["'{{. | urlquery}} background: url(-", "<a \"><script type=\"text/template\">,<script>}(<textarea>", "javascript:1", "'javascript%3A1 background: url(-", null],
  ["mailto:[{{if .}}x={{end}}</textarea>url(", " data-x=style=\"<b>;/}javascript:+", 1.5, "mailto:[x=</textarea>url(", null],
  ["{{.}}\\&quot;", " srcset=<!DOCTYPE html>//</style>onclick=\"", 1.5, "1.5\\&quot;", null],
  [")<b>},var x = onclick=\"", "</\\u0022mailto:</;#/*{{.}}<style>", "<x>", ")<b>},var x = onclick=\"", null],
  ["<b></-->&quot;\">#]\\u0022{{.}}/", "a:b}.<script type=\"text/template\"><textarea></textarea>mailto:url(", "javascript:1", "<b>&lt;/-->&quot;\">#]\\u0022javascript:1/", null],
  ["</title>+x&quot;</textarea> background: url(]", "#\n<!--1'return{{.}}}", 1.5, "</title>+x&quot;</textarea> background: url(]", null],
  [".;", "\\u0022var x = url({{. | urlquery}}&quot;<p style=<form action=<a title={{.}}{{. | urlquery}}mailto:<img srcset=\"onclick=\"<", null, ".;", null],
  ["{{.}}url(", ";<a href=\" data-x=\n\"><!DOCTYPE html>{{.}}<img srcset=\"", "<x>", "&lt;x&gt;url(", null],
  ["<!--</script> data-x=", "{{html .}}'javascript:", null, null, "html/template:t: ends in a non-text context: {stateHTMLCmt delimNone urlPartNone jsCtxRegexp attrNone elementNone <nil>}"],
  ["<//>p {<textarea><script>", "=/*/url(<form action=&quot;={{template \"s\" .}}url(</style>var x = {<!--", {"k": "'"}, null, "html/template:t: ends in a non-text context: {stateRCDATA delimNone urlPartNone jsCtxRegexp attrNone elementTextarea <nil>}"],
  ["{{.}}\\<a title=( background: url(x<textarea></textarea><!DOCTYPE html><!DOCTYPE html>", "{{.}}<p style=/*{{with .}}</title>mailto: data-x=,</script>*/{{end}}(", "<x>", null, "html/template:t: \"<\" in attribute name: \"url(x<textarea></textarea><!DOCT\""],
  ["typeof <img srcset=\"<textarea><a href=\"mailto:]</a>?<p style=1</{{template \"s\" .}}</a>", "<form action=*/.{{template \"s\" .}}<script>\\onclick=\"", "javascript:1", null, "html/template:t: \"<\" in attribute name: \"mailto:]</a>?<p style=1</\""],
  ["{{if .}}{{end}}'<style>-->", "url(*/", 1.5, null, "html/template:t: ends in a non-text context: {stateCSS delimNone urlPartNone jsCtxRegexp attrNone elementStyle <nil>}"],
  ["mailto:/*<title>}{{. | urlquery}}</textarea>}", "<img srcset=\" </", ["a", "\""], null, "html/template:t: ends in a non-text context: {stateRCDATA delimNone urlPartNone jsCtxRegexp attrNone elementTitle <nil>}"],
  ["+/<!DOCTYPE html>//<textarea>'", "typeof \">", 1.5, null, "html/template:t: ends in a non-text context: {stateRCDATA delimNone urlPartNone jsCtxRegexp attrNone elementTextarea <nil>}"],
  ["{{html .}}javascript:<style><!DOCTYPE html><textarea>[<!--{{.}}}", "\\u0022{ &#x27;1</title>", {"k": "'"}, null, "html/template:t: ends in a non-text context: {stateCSS delimNone urlPartNone jsCtxRegexp attrNone elementStyle <nil>}"],
  ["-<img srcset=\"/<a href=\"typeof {{$x := 1}}*/url(", "(-->var x = #<p style=<p style=<form action=]<!DOCTYPE html><script type=\"text/template\">", null, null, "html/template:t: ends in a non-text context: {stateAttrName delimNone urlPartNone jsCtxRegexp attrURL elementNone <nil>}"],
  ["<!--<!DOCTYPE html>/*/*\\u0022", "<a &quot;</{{. | urlquery}}//[? background: url(\\u0022", "<x>", null, "html/template:t: ends in a non-text context: {stateHTMLCmt delimNone urlPartNone jsCtxRegexp attrNone elementNone <nil>}"],
  ["{{.}}'{{.}}<style>>=mailto:{{.}}#</script> '#<a onmouseover=", "{{. | urlquery}} color: \\", ["a", "\""], null, "html/template:t: ends in a non-text context: {stateCSSSqStr delimNone urlPartQueryOrFrag jsCtxRegexp attrNone elementStyle <nil>}"],
  ["1<style><script type=\"text/template\">\\{{. | urlquery}}<img srcset=\"(", " color: .<{{template \"s\" .}}<img srcset=\"#", "", null, "html/template:t: ends in a non-text context: {stateCSSDqStr delimNone urlPartPreQuery jsCtxRegexp attrNone elementStyle <nil>}"],
  ["*/<title>url({{html .}}a:b color: \\u0022\n<style>}>>{", " color: <={{.}}</style>", null, null, "html/template:t: ends in a non-text context: {stateRCDATA delimNone urlPartNone jsCtxRegexp attrNone elementTitle <nil>}"],
  ["<form action=(]<a title=\n<title>{<!DOCTYPE html> data-x={{.}};</a>{{.}}//", "</style>{{template \"s\" .}}{{html .}}<script type=\"text/template\"><a title=", 42, null, "html/template:t: \"<\" in unquoted attr: \"(]<a\""],
  ["</\n<script>#/*-", " <title>\n[<form action={{.}}var x = *///", "", null, "html/template:t: ends in a non-text context: {stateJSBlockCmt delimNone urlPartNone jsCtxDivOp attrNone elementScript <nil>}"],
  ["(<-->typeof </title>url(<!--/a:b;", " {[", "", null, "html/template:t: ends in a non-text context: {stateHTMLCmt delimNone urlPartNone jsCtxRegexp attrNone elementNone <nil>}"],
  ["var x = <img srcset=\"", ",[a:b srcset=onclick=\"</script><textarea>&#x27;/*.}<textarea>{{.}}", null, null, "html/template:t: ends in a non-text context: {stateSrcset delimDoubleQuote urlPartNone jsCtxRegexp attrSrcset elementNone <nil>}"],
  ["<<a onmouseover=", "\\u0022", 1.5, null, "html/template:t: ends in a non-text context: {stateBeforeValue delimNone urlPartNone jsCtxRegexp attrScript elementNone <nil>}"],
  ["//\\<p style={{html .}}{{template \"s\" .}}<p style=<form action=<!DOCTYPE html>return<script type=\"text/template\"> background: url(", "'{{template \"s\" .}}.var x = mailto:1\\u0022javascript:\\u0022javascript: srcset={{html .}}{{.}}-->", 1.5, null, "html/template:t: \"'\" in unquoted attr: \"'\""],
  ["<style>{ srcset=<img srcset=\"[ background: url(\"", "{{.}}&#x27;/{url( color: <b>", "<x>", null, "html/template:t: ends in a non-text context: {stateCSS delimNone urlPartNone jsCtxRegexp attrNone elementStyle <nil>}"],
  ["-->style=\"{p {//=<!--//<style>", "'style=\"{{. | urlquery}}'<img srcset=\"'javascript:;", "", null, "html/template:t: ends in a non-text context: {stateHTMLCmt delimNone urlPartNone jsCtxRegexp attrNone elementNone <nil>}"],
  ["onclick=\"?<!DOCTYPE html>{{. | urlquery}}-}<!--{{. | urlquery}}</title>style=\"var x = \\{{.}}+", "#x</a>?*/", "javascript:1", null, "html/template:t: ends in a non-text context: {stateHTMLCmt delimNone urlPartNone jsCtxRegexp attrNone elementNone <nil>}"],
  ["&quot;;mailto:>{{template \"s\" .}} data-x=}<script type=\"text/template\"> background: url(javascript: background: url(", "{{html .}}<textarea>?", 42, null, "html/template:t: ends in a non-text context: {stateRCDATA delimNone urlPartNone jsCtxRegexp attrNone elementTextarea <nil>}"],
  ["'-->--><script type=\"text/template\">]{{. | urlquery}}[<a title=.&quot; color: <!--", "<img srcset=\"{{$x := 1}}{{.}}<!DOCTYPE html></title>p {?", {"k": "'"}, null, "html/template:t: \"<\" in attribute name: \"<!--\""],
  ["<a }/", ".</", 1.5, null, "html/template:t: ends in a non-text context: {stateAttrName delimNone urlPartNone jsCtxRegexp attrNone elementNone <nil>}"],
  ["<script>//<a <script type=\"text/template\">)//<a onmouseover=\">", "url( color: <a title=javascript:{{template \"s\" .}}<style>-", "<x>", null, "html/template:t: ends in a non-text context: {stateJSLineCmt delimNone urlPartNone jsCtxRegexp attrNone elementScript <nil>}"],
  [")<a onmouseover=?<a title='<a title= } ", "-->}typeof  background: url(<a onmouseover=\\", "javascript:1", null, "html/template:t: \"<\" in unquoted attr: \"?<a\""],
  ["<script><style><script type=\"text/template\">)\n?<style>", "/<style>", 42, null, "html/template:t: ends in a non-text context: {stateJS delimNone urlPartNone jsCtxRegexp attrNone elementScript <nil>}"],
  ["&quot;<!--;--></script>; ;#//#<a href=\"", "{{. | urlquery}})return{{$x := 1}}<script type=\"text/template\">-->a:b<form action=</a>", "", null, "html/template:t: ends in a non-text context: {stateURL delimDoubleQuote urlPartNone jsCtxRegexp attrURL elementNone <nil>}"],
  ["\"</style><b>+</textarea>.<form action=*/{{. | urlquery}}", ">", "javascript:1", null, "html/template:t: ends in a non-text context: {stateURL delimSpaceOrTagEnd urlPartPreQuery jsCtxRegexp attrURL elementNone <nil>}"],
  [" background: url(<!DOCTYPE html><!--<title><a href=\"x-url(a:b<style>[\\ ", "mailto:x\">\nmailto:</a>&#x27;", ["a", "\""], null, "html/template:t: ends in a non-text context: {stateHTMLCmt delimNone urlPartNone jsCtxRegexp attrNone elementNone <nil>}"],
  ["<a href=\"><p style=1>\\", "<script>typeof ", ["a", "\""], null, "html/template:t: ends in a non-text context: {stateURL delimDoubleQuote urlPartPreQuery jsCtxRegexp attrURL elementNone <nil>}"],
  ["<form action=<a href=\"", "//\")</textarea>\"><{{.}} <style>{{. | urlquery}}", "", null, "html/template:t: \"<\" in unquoted attr: \"<a\""],
  ["<a title=", "-{{.}}<script>", "", null, "html/template:t: ends in a non-text context: {stateBeforeValue delimNone urlPartNone jsCtxRegexp attrNone elementNone <nil>}"],
  ["<form action=", "style=\"", ["a", "\""], null, "html/template:t: ends in a non-text context: {stateBeforeValue delimNone urlPartNone jsCtxRegexp attrURL elementNone <nil>}"],
  ["]<a title=", "\">\">>&quot;", 42, null, "html/template:t: ends in a non-text context: {stateBeforeValue delimNone urlPartNone jsCtxRegexp attrNone elementNone <nil>}"],
  ["<textarea><a onmouseover=.<img srcset=\"", "javascript:url()</textarea>{{template \"s\" .}}\n/{{html .}}var x = return", {"k": "'"}, null, "html/template:t: ends in a non-text context: {stateRCDATA delimNone urlPartNone jsCtxRegexp attrNone elementTextarea <nil>}"],
  ["<a title=<script>javascript:</}1</textarea></style>>xp {", "</a>/*==)\\u0022<a onmouseover=mailto:", "<x>", null, "html/template:t: \"<\" in unquoted attr: \"<script\""],
  ["/*<a href=\"", "url(", ["a", "\""], null, "html/template:t: ends in a non-text context: {stateURL delimDoubleQuote urlPartNone jsCtxRegexp attrURL elementNone <nil>}"],
  ["]var x = \">x>\n<a title=</script>{{html .}}?<!--var x = <a title=", "\\u0022{{.}}", 1.5, null, "html/template:t: \"<\" in unquoted attr: \"</script\""],
];

function run(t: string, s: string, data: unknown): string {
  const root = new HTMLTemplate('t').parse(t);
  root.new('s').parse(s);
  return root.executeTemplate('t', data);
}

describe('random templates against Go 1.19.8', () => {
  cases.forEach(([t, s, data, output, message], i) => {
    it(`case ${String(i)}: ${JSON.stringify(t).slice(0, 60)}`, () => {
      if (message === null) {
        expect(run(t, s, data)).to.equal(output);
        return;
      }
      let got: unknown;
      try {
        run(t, s, data);
      } catch (e) {
        got = e;
      }
      expect(got).to.be.instanceOf(Error);
      expect((got as Error).message).to.equal(message);
    });
  });
});
