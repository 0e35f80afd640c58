// The context after a piece of template text, and the text as the escaper rewrites it.
// The table is Go 1.19.8's own TestEscapeText (html/template/escape_test.go): every input,
// the context Go's escapeText computes for it (printed with Go's context.String()) and the
// rewritten text, dumped by running that test table through Go's package. One row differs by
// name only: Go 1.21 renamed stateJSBqStr to stateJSTmplLit, the name used here.
import { expect } from 'chai';
import { contextString, textContext } from '../../src/html/context.js';
import { Escaper } from '../../src/html/escape.js';
import type { TextNode, Tree } from '../../src/parse/node.js';

/** Escapes `text` as a one-node template; returns the end context and the rewritten text. */
function escapeText(text: string): [string, string | null] {
  const node: TextNode = { kind: 'text', pos: 0, text };
  const tree: Tree = { name: 't', parseName: 't', text, root: { kind: 'list', pos: 0, nodes: [node] } };
  const esc = new Escaper({ lookup: (name) => (name === 't' ? tree : undefined), add: () => undefined });
  const [c] = esc.escapeTree(textContext, null, 't', 0);
  return [contextString(c), esc.textNodeEdits.get(node) ?? null];
}

// [input, context after it, rewritten text or null when unchanged]
const cases: [string, string, string | null][] = [
  ["", "{stateText delimNone urlPartNone jsCtxRegexp attrNone elementNone <nil>}", null],
  ["Hello, World!", "{stateText delimNone urlPartNone jsCtxRegexp attrNone elementNone <nil>}", null],
  ["I <3 Ponies!", "{stateText delimNone urlPartNone jsCtxRegexp attrNone elementNone <nil>}", "I &lt;3 Ponies!"],
  ["<a", "{stateTag delimNone urlPartNone jsCtxRegexp attrNone elementNone <nil>}", null],
  ["<a ", "{stateTag delimNone urlPartNone jsCtxRegexp attrNone elementNone <nil>}", null],
  ["<a>", "{stateText delimNone urlPartNone jsCtxRegexp attrNone elementNone <nil>}", null],
  ["<a href", "{stateAttrName delimNone urlPartNone jsCtxRegexp attrURL elementNone <nil>}", null],
  ["<a on", "{stateAttrName delimNone urlPartNone jsCtxRegexp attrScript elementNone <nil>}", null],
  ["<a href ", "{stateAfterName delimNone urlPartNone jsCtxRegexp attrURL elementNone <nil>}", null],
  ["<a style  =  ", "{stateBeforeValue delimNone urlPartNone jsCtxRegexp attrStyle elementNone <nil>}", null],
  ["<a href=", "{stateBeforeValue delimNone urlPartNone jsCtxRegexp attrURL elementNone <nil>}", null],
  ["<a href=x", "{stateURL delimSpaceOrTagEnd urlPartPreQuery jsCtxRegexp attrURL elementNone <nil>}", null],
  ["<a href=x ", "{stateTag delimNone urlPartNone jsCtxRegexp attrNone elementNone <nil>}", null],
  ["<a href=>", "{stateText delimNone urlPartNone jsCtxRegexp attrNone elementNone <nil>}", null],
  ["<a href=x>", "{stateText delimNone urlPartNone jsCtxRegexp attrNone elementNone <nil>}", null],
  ["<a href ='", "{stateURL delimSingleQuote urlPartNone jsCtxRegexp attrURL elementNone <nil>}", null],
  ["<a href=''", "{stateTag delimNone urlPartNone jsCtxRegexp attrNone elementNone <nil>}", null],
  ["<a href= \"", "{stateURL delimDoubleQuote urlPartNone jsCtxRegexp attrURL elementNone <nil>}", null],
  ["<a href=\"\"", "{stateTag delimNone urlPartNone jsCtxRegexp attrNone elementNone <nil>}", null],
  ["<a title=\"", "{stateAttr delimDoubleQuote urlPartNone jsCtxRegexp attrNone elementNone <nil>}", null],
  ["<a HREF='http:", "{stateURL delimSingleQuote urlPartPreQuery jsCtxRegexp attrURL elementNone <nil>}", null],
  ["<a Href='/", "{stateURL delimSingleQuote urlPartPreQuery jsCtxRegexp attrURL elementNone <nil>}", null],
  ["<a href='\"", "{stateURL delimSingleQuote urlPartPreQuery jsCtxRegexp attrURL elementNone <nil>}", null],
  ["<a href=\"'", "{stateURL delimDoubleQuote urlPartPreQuery jsCtxRegexp attrURL elementNone <nil>}", null],
  ["<a href='&apos;", "{stateURL delimSingleQuote urlPartPreQuery jsCtxRegexp attrURL elementNone <nil>}", null],
  ["<a href=\"&quot;", "{stateURL delimDoubleQuote urlPartPreQuery jsCtxRegexp attrURL elementNone <nil>}", null],
  ["<a href=\"&#34;", "{stateURL delimDoubleQuote urlPartPreQuery jsCtxRegexp attrURL elementNone <nil>}", null],
  ["<a href=&quot;", "{stateURL delimSpaceOrTagEnd urlPartPreQuery jsCtxRegexp attrURL elementNone <nil>}", null],
  ["<img alt=\"1\">", "{stateText delimNone urlPartNone jsCtxRegexp attrNone elementNone <nil>}", null],
  ["<img alt=\"1>\"", "{stateTag delimNone urlPartNone jsCtxRegexp attrNone elementNone <nil>}", null],
  ["<img alt=\"1>\">", "{stateText delimNone urlPartNone jsCtxRegexp attrNone elementNone <nil>}", null],
  ["<input checked type=\"checkbox\"", "{stateTag delimNone urlPartNone jsCtxRegexp attrNone elementNone <nil>}", null],
  ["<a onclick=\"", "{stateJS delimDoubleQuote urlPartNone jsCtxRegexp attrScript elementNone <nil>}", null],
  ["<a onclick=\"//foo", "{stateJSLineCmt delimDoubleQuote urlPartNone jsCtxRegexp attrScript elementNone <nil>}", null],
  ["<a onclick='//\n", "{stateJS delimSingleQuote urlPartNone jsCtxRegexp attrScript elementNone <nil>}", null],
  ["<a onclick='//\r\n", "{stateJS delimSingleQuote urlPartNone jsCtxRegexp attrScript elementNone <nil>}", null],
  ["<a onclick='//\u2028", "{stateJS delimSingleQuote urlPartNone jsCtxRegexp attrScript elementNone <nil>}", null],
  ["<a onclick=\"/*", "{stateJSBlockCmt delimDoubleQuote urlPartNone jsCtxRegexp attrScript elementNone <nil>}", null],
  ["<a onclick=\"/*/", "{stateJSBlockCmt delimDoubleQuote urlPartNone jsCtxRegexp attrScript elementNone <nil>}", null],
  ["<a onclick=\"/**/", "{stateJS delimDoubleQuote urlPartNone jsCtxRegexp attrScript elementNone <nil>}", null],
  ["<a onkeypress=\"&quot;", "{stateJSDqStr delimDoubleQuote urlPartNone jsCtxRegexp attrScript elementNone <nil>}", null],
  ["<a onclick='&quot;foo&quot;", "{stateJS delimSingleQuote urlPartNone jsCtxDivOp attrScript elementNone <nil>}", null],
  ["<a onclick=&#39;foo&#39;", "{stateJS delimSpaceOrTagEnd urlPartNone jsCtxDivOp attrScript elementNone <nil>}", null],
  ["<a onclick=&#39;foo", "{stateJSSqStr delimSpaceOrTagEnd urlPartNone jsCtxRegexp attrScript elementNone <nil>}", null],
  ["<a onclick=\"&quot;foo'", "{stateJSDqStr delimDoubleQuote urlPartNone jsCtxRegexp attrScript elementNone <nil>}", null],
  ["<a onclick=\"'foo&quot;", "{stateJSSqStr delimDoubleQuote urlPartNone jsCtxRegexp attrScript elementNone <nil>}", null],
  ["<a onclick=\"`foo", "{stateJSTmplLit delimDoubleQuote urlPartNone jsCtxRegexp attrScript elementNone <nil>}", null], // current Go names the template-literal state stateJSTmplLit
  ["<A ONCLICK=\"'", "{stateJSSqStr delimDoubleQuote urlPartNone jsCtxRegexp attrScript elementNone <nil>}", null],
  ["<a onclick=\"/", "{stateJSRegexp delimDoubleQuote urlPartNone jsCtxRegexp attrScript elementNone <nil>}", null],
  ["<a onclick=\"'foo'", "{stateJS delimDoubleQuote urlPartNone jsCtxDivOp attrScript elementNone <nil>}", null],
  ["<a onclick=\"'foo\\'", "{stateJSSqStr delimDoubleQuote urlPartNone jsCtxRegexp attrScript elementNone <nil>}", null],
  ["<a onclick=\"'foo\\'", "{stateJSSqStr delimDoubleQuote urlPartNone jsCtxRegexp attrScript elementNone <nil>}", null],
  ["<a onclick=\"/foo/", "{stateJS delimDoubleQuote urlPartNone jsCtxDivOp attrScript elementNone <nil>}", null],
  ["<script>/foo/ /=", "{stateJS delimNone urlPartNone jsCtxRegexp attrNone elementScript <nil>}", null],
  ["<a onclick=\"1 /foo", "{stateJS delimDoubleQuote urlPartNone jsCtxDivOp attrScript elementNone <nil>}", null],
  ["<a onclick=\"1 /*c*/ /foo", "{stateJS delimDoubleQuote urlPartNone jsCtxDivOp attrScript elementNone <nil>}", null],
  ["<a onclick=\"/foo[/]", "{stateJSRegexp delimDoubleQuote urlPartNone jsCtxRegexp attrScript elementNone <nil>}", null],
  ["<a onclick=\"/foo\\/", "{stateJSRegexp delimDoubleQuote urlPartNone jsCtxRegexp attrScript elementNone <nil>}", null],
  ["<a onclick=\"/foo/", "{stateJS delimDoubleQuote urlPartNone jsCtxDivOp attrScript elementNone <nil>}", null],
  ["<input checked style=\"", "{stateCSS delimDoubleQuote urlPartNone jsCtxRegexp attrStyle elementNone <nil>}", null],
  ["<a style=\"//", "{stateCSSLineCmt delimDoubleQuote urlPartNone jsCtxRegexp attrStyle elementNone <nil>}", null],
  ["<a style=\"//</script>", "{stateCSSLineCmt delimDoubleQuote urlPartNone jsCtxRegexp attrStyle elementNone <nil>}", null],
  ["<a style='//\n", "{stateCSS delimSingleQuote urlPartNone jsCtxRegexp attrStyle elementNone <nil>}", null],
  ["<a style='//\r", "{stateCSS delimSingleQuote urlPartNone jsCtxRegexp attrStyle elementNone <nil>}", null],
  ["<a style=\"/*", "{stateCSSBlockCmt delimDoubleQuote urlPartNone jsCtxRegexp attrStyle elementNone <nil>}", null],
  ["<a style=\"/*/", "{stateCSSBlockCmt delimDoubleQuote urlPartNone jsCtxRegexp attrStyle elementNone <nil>}", null],
  ["<a style=\"/**/", "{stateCSS delimDoubleQuote urlPartNone jsCtxRegexp attrStyle elementNone <nil>}", null],
  ["<a style=\"background: '", "{stateCSSSqStr delimDoubleQuote urlPartNone jsCtxRegexp attrStyle elementNone <nil>}", null],
  ["<a style=\"background: &quot;", "{stateCSSDqStr delimDoubleQuote urlPartNone jsCtxRegexp attrStyle elementNone <nil>}", null],
  ["<a style=\"background: '/foo?img=", "{stateCSSSqStr delimDoubleQuote urlPartQueryOrFrag jsCtxRegexp attrStyle elementNone <nil>}", null],
  ["<a style=\"background: '/", "{stateCSSSqStr delimDoubleQuote urlPartPreQuery jsCtxRegexp attrStyle elementNone <nil>}", null],
  ["<a style=\"background: url(&#x22;/", "{stateCSSDqURL delimDoubleQuote urlPartPreQuery jsCtxRegexp attrStyle elementNone <nil>}", null],
  ["<a style=\"background: url('/", "{stateCSSSqURL delimDoubleQuote urlPartPreQuery jsCtxRegexp attrStyle elementNone <nil>}", null],
  ["<a style=\"background: url('/)", "{stateCSSSqURL delimDoubleQuote urlPartPreQuery jsCtxRegexp attrStyle elementNone <nil>}", null],
  ["<a style=\"background: url('/ ", "{stateCSSSqURL delimDoubleQuote urlPartPreQuery jsCtxRegexp attrStyle elementNone <nil>}", null],
  ["<a style=\"background: url(/", "{stateCSSURL delimDoubleQuote urlPartPreQuery jsCtxRegexp attrStyle elementNone <nil>}", null],
  ["<a style=\"background: url( ", "{stateCSSURL delimDoubleQuote urlPartNone jsCtxRegexp attrStyle elementNone <nil>}", null],
  ["<a style=\"background: url( /image?name=", "{stateCSSURL delimDoubleQuote urlPartQueryOrFrag jsCtxRegexp attrStyle elementNone <nil>}", null],
  ["<a style=\"background: url(x)", "{stateCSS delimDoubleQuote urlPartNone jsCtxRegexp attrStyle elementNone <nil>}", null],
  ["<a style=\"background: url('x'", "{stateCSS delimDoubleQuote urlPartNone jsCtxRegexp attrStyle elementNone <nil>}", null],
  ["<a style=\"background: url( x ", "{stateCSS delimDoubleQuote urlPartNone jsCtxRegexp attrStyle elementNone <nil>}", null],
  ["<!-- foo", "{stateHTMLCmt delimNone urlPartNone jsCtxRegexp attrNone elementNone <nil>}", ""],
  ["<!-->", "{stateHTMLCmt delimNone urlPartNone jsCtxRegexp attrNone elementNone <nil>}", ""],
  ["<!--->", "{stateHTMLCmt delimNone urlPartNone jsCtxRegexp attrNone elementNone <nil>}", ""],
  ["<!-- foo -->", "{stateText delimNone urlPartNone jsCtxRegexp attrNone elementNone <nil>}", ""],
  ["<script", "{stateTag delimNone urlPartNone jsCtxRegexp attrNone elementScript <nil>}", null],
  ["<script ", "{stateTag delimNone urlPartNone jsCtxRegexp attrNone elementScript <nil>}", null],
  ["<script src=\"foo.js\" ", "{stateTag delimNone urlPartNone jsCtxRegexp attrNone elementScript <nil>}", null],
  ["<script src='foo.js' ", "{stateTag delimNone urlPartNone jsCtxRegexp attrNone elementScript <nil>}", null],
  ["<script type=text/javascript ", "{stateTag delimNone urlPartNone jsCtxRegexp attrNone elementScript <nil>}", null],
  ["<script>", "{stateJS delimNone urlPartNone jsCtxRegexp attrNone elementScript <nil>}", null],
  ["<script>foo", "{stateJS delimNone urlPartNone jsCtxDivOp attrNone elementScript <nil>}", null],
  ["<script>foo</script>", "{stateText delimNone urlPartNone jsCtxRegexp attrNone elementNone <nil>}", null],
  ["<script>foo</script><!--", "{stateHTMLCmt delimNone urlPartNone jsCtxRegexp attrNone elementNone <nil>}", "<script>foo</script>"],
  ["<script>document.write(\"<p>foo</p>\");", "{stateJS delimNone urlPartNone jsCtxRegexp attrNone elementScript <nil>}", null],
  ["<script>document.write(\"<p>foo<\\/script>\");", "{stateJS delimNone urlPartNone jsCtxRegexp attrNone elementScript <nil>}", null],
  ["<script>document.write(\"<script>alert(1)</script>\");", "{stateText delimNone urlPartNone jsCtxRegexp attrNone elementNone <nil>}", null],
  ["<script type=\"text/template\">", "{stateText delimNone urlPartNone jsCtxRegexp attrNone elementNone <nil>}", null],
  ["<script type=\"TEXT/JAVASCRIPT\">", "{stateJS delimNone urlPartNone jsCtxRegexp attrNone elementScript <nil>}", null],
  ["<script TYPE=\"text/template\">", "{stateText delimNone urlPartNone jsCtxRegexp attrNone elementNone <nil>}", null],
  ["<script type=\"notjs\">", "{stateText delimNone urlPartNone jsCtxRegexp attrNone elementNone <nil>}", null],
  ["<Script>", "{stateJS delimNone urlPartNone jsCtxRegexp attrNone elementScript <nil>}", null],
  ["<SCRIPT>foo", "{stateJS delimNone urlPartNone jsCtxDivOp attrNone elementScript <nil>}", null],
  ["<textarea>value", "{stateRCDATA delimNone urlPartNone jsCtxRegexp attrNone elementTextarea <nil>}", null],
  ["<textarea>value</TEXTAREA>", "{stateText delimNone urlPartNone jsCtxRegexp attrNone elementNone <nil>}", null],
  ["<textarea name=html><b", "{stateRCDATA delimNone urlPartNone jsCtxRegexp attrNone elementTextarea <nil>}", "<textarea name=html>&lt;b"],
  ["<title>value", "{stateRCDATA delimNone urlPartNone jsCtxRegexp attrNone elementTitle <nil>}", null],
  ["<style>value", "{stateCSS delimNone urlPartNone jsCtxRegexp attrNone elementStyle <nil>}", null],
  ["<a xlink:href", "{stateAttrName delimNone urlPartNone jsCtxRegexp attrURL elementNone <nil>}", null],
  ["<a xmlns", "{stateAttrName delimNone urlPartNone jsCtxRegexp attrURL elementNone <nil>}", null],
  ["<a xmlns:foo", "{stateAttrName delimNone urlPartNone jsCtxRegexp attrURL elementNone <nil>}", null],
  ["<a xmlnsxyz", "{stateAttrName delimNone urlPartNone jsCtxRegexp attrNone elementNone <nil>}", null],
  ["<a data-url", "{stateAttrName delimNone urlPartNone jsCtxRegexp attrURL elementNone <nil>}", null],
  ["<a data-iconUri", "{stateAttrName delimNone urlPartNone jsCtxRegexp attrURL elementNone <nil>}", null],
  ["<a data-urlItem", "{stateAttrName delimNone urlPartNone jsCtxRegexp attrURL elementNone <nil>}", null],
  ["<a g:", "{stateAttrName delimNone urlPartNone jsCtxRegexp attrNone elementNone <nil>}", null],
  ["<a g:url", "{stateAttrName delimNone urlPartNone jsCtxRegexp attrURL elementNone <nil>}", null],
  ["<a g:iconUri", "{stateAttrName delimNone urlPartNone jsCtxRegexp attrURL elementNone <nil>}", null],
  ["<a g:urlItem", "{stateAttrName delimNone urlPartNone jsCtxRegexp attrURL elementNone <nil>}", null],
  ["<a g:value", "{stateAttrName delimNone urlPartNone jsCtxRegexp attrNone elementNone <nil>}", null],
  ["<a svg:style='", "{stateCSS delimSingleQuote urlPartNone jsCtxRegexp attrStyle elementNone <nil>}", null],
  ["<svg:font-face", "{stateTag delimNone urlPartNone jsCtxRegexp attrNone elementNone <nil>}", null],
  ["<svg:a svg:onclick=\"", "{stateJS delimDoubleQuote urlPartNone jsCtxRegexp attrScript elementNone <nil>}", null],
  ["<svg:a svg:onclick=\"x()\">", "{stateText delimNone urlPartNone jsCtxRegexp attrNone elementNone <nil>}", null],
];

describe('context after template text (Go 1.19.8 TestEscapeText)', () => {
  for (const [input, want, rewritten] of cases) {
    it(JSON.stringify(input), () => {
      const [got, text] = escapeText(input);
      expect(got).to.equal(want);
      expect(text).to.equal(rewritten);
    });
  }
});
