// Escaping errors, and templates that look wrong but are fine. The table is Go 1.19.8's
// own TestErrors (html/template/escape_test.go); each message is the one Go gave for the
// input (run through Go's package), and the code names the Go ErrorCode of that message.
// As in Go's test, a second execution must fail the same way.
import { expect } from 'chai';
import { HTMLTemplate, TemplateEscapeError } from '../../src/html/index.js';

// [template, error code or null, Go's message or null]
const cases: [string, string | null, string | null][] = [
  ["{{if .Cond}}<a>{{else}}<b>{{end}}", null, null],
  ["{{if .Cond}}<a>{{end}}", null, null],
  ["{{if .Cond}}{{else}}<b>{{end}}", null, null],
  ["{{with .Cond}}<div>{{end}}", null, null],
  ["{{range .Items}}<a>{{end}}", null, null],
  ["<a href='/foo?{{range .Items}}&{{.K}}={{.V}}{{end}}'>", null, null],
  ["{{range .Items}}<a{{if .X}}{{end}}>{{end}}", null, null],
  ["{{range .Items}}<a{{if .X}}{{end}}>{{continue}}{{end}}", null, null],
  ["{{range .Items}}<a{{if .X}}{{end}}>{{break}}{{end}}", null, null],
  ["{{range .Items}}<a{{if .X}}{{end}}>{{if .X}}{{break}}{{end}}{{end}}", null, null],
  ["<script>var a = `${a+b}`</script>`", null, null],
  ["{{if .Cond}}<a{{end}}", "ErrBranchEnd", "html/template:z:1:5: {{if}} branches end in different contexts: {stateTag delimNone urlPartNone jsCtxRegexp attrNone elementNone <nil>}, {stateText delimNone urlPartNone jsCtxRegexp attrNone elementNone <nil>}"],
  ["{{if .Cond}}\n{{else}}\n<a{{end}}", "ErrBranchEnd", "html/template:z:1:5: {{if}} branches end in different contexts: {stateText delimNone urlPartNone jsCtxRegexp attrNone elementNone <nil>}, {stateTag delimNone urlPartNone jsCtxRegexp attrNone elementNone <nil>}"],
  ["{{if .Cond}}<a href=\"foo\">{{else}}<a href=\"bar>{{end}}", "ErrBranchEnd", "html/template:z:1:5: {{if}} branches end in different contexts: {stateText delimNone urlPartNone jsCtxRegexp attrNone elementNone <nil>}, {stateURL delimDoubleQuote urlPartPreQuery jsCtxRegexp attrURL elementNone <nil>}"],
  ["<a {{if .Cond}}href='{{else}}title='{{end}}{{.X}}'>", "ErrBranchEnd", "html/template:z:1:8: {{if}} branches end in different contexts: {stateURL delimSingleQuote urlPartNone jsCtxRegexp attrURL elementNone <nil>}, {stateAttr delimSingleQuote urlPartNone jsCtxRegexp attrNone elementNone <nil>}"],
  ["\n{{with .X}}<a{{end}}", "ErrBranchEnd", "html/template:z:2:7: {{with}} branches end in different contexts: {stateTag delimNone urlPartNone jsCtxRegexp attrNone elementNone <nil>}, {stateText delimNone urlPartNone jsCtxRegexp attrNone elementNone <nil>}"],
  ["\n{{with .X}}<a>{{else}}<a{{end}}", "ErrBranchEnd", "html/template:z:2:7: {{with}} branches end in different contexts: {stateText delimNone urlPartNone jsCtxRegexp attrNone elementNone <nil>}, {stateTag delimNone urlPartNone jsCtxRegexp attrNone elementNone <nil>}"],
  ["{{range .Items}}<a{{end}}", "ErrBadHTML", "html/template:z:1: on range loop re-entry: \"<\" in attribute name: \"<a\""],
  ["\n{{range .Items}} x='<a{{end}}", "ErrBranchEnd", "html/template:z:2:8: on range loop re-entry: {{range}} branches end in different contexts: {stateTag delimNone urlPartNone jsCtxRegexp attrNone elementNone <nil>}, {stateAttr delimSingleQuote urlPartNone jsCtxRegexp attrNone elementNone <nil>}"],
  ["{{range .Items}}<a{{if .X}}{{break}}{{end}}>{{end}}", "ErrBranchEnd", "html/template:z:1:29: at range loop break: {{range}} branches end in different contexts: {stateText delimNone urlPartNone jsCtxRegexp attrNone elementNone <nil>}, {stateTag delimNone urlPartNone jsCtxRegexp attrNone elementNone <nil>}"],
  ["{{range .Items}}<a{{if .X}}{{continue}}{{end}}>{{end}}", "ErrBranchEnd", "html/template:z:1:29: at range loop continue: {{range}} branches end in different contexts: {stateText delimNone urlPartNone jsCtxRegexp attrNone elementNone <nil>}, {stateTag delimNone urlPartNone jsCtxRegexp attrNone elementNone <nil>}"],
  ["<a b=1 c={{.H}}", "ErrEndContext", "html/template:z: ends in a non-text context: {stateAttr delimSpaceOrTagEnd urlPartNone jsCtxRegexp attrNone elementNone <nil>}"],
  ["<script>foo();", "ErrEndContext", "html/template:z: ends in a non-text context: {stateJS delimNone urlPartNone jsCtxRegexp attrNone elementScript <nil>}"],
  ["<a href=\"{{if .F}}/foo?a={{else}}/bar/{{end}}{{.H}}\">", "ErrAmbigContext", "html/template:z:1:47: {{.H}} appears in an ambiguous context within a URL"],
  ["<a onclick=\"alert('Hello \\", "ErrPartialEscape", "html/template:z: unfinished escape sequence in JS string: \"Hello \\\\\""],
  ["<a onclick='alert(\"Hello\\, World\\", "ErrPartialEscape", "html/template:z: unfinished escape sequence in JS string: \"Hello\\\\, World\\\\\""],
  ["<a onclick='alert(/x+\\", "ErrPartialEscape", "html/template:z: unfinished escape sequence in JS string: \"x+\\\\\""],
  ["<a onclick=\"/foo[\\]/", "ErrPartialCharset", "html/template:z: unfinished JS regexp charset: \"foo[\\\\]/\""],
  ["<script>{{if false}}var x = 1{{end}}/-{{\"1.5\"}}/i.test(x)</script>", "ErrSlashAmbig", "html/template:z: '/' could start a division or regexp: \"/-\""],
  ["{{template \"foo\"}}", "ErrNoSuchTemplate", "html/template:z:1:11: no such template \"foo\""],
  ["<div{{template \"y\"}}>{{define \"y\"}} foo<b{{end}}", "ErrBadHTML", "html/template:z: \"<\" in attribute name: \" foo<b\""],
  ["<script>reverseList = [{{template \"t\"}}]</script>{{define \"t\"}}{{if .Tail}}{{template \"t\" .Tail}}{{end}}{{.Head}}\",{{end}}", "ErrOutputContext", "html/template:z:1:63: cannot compute output context for template t$htmltemplate_stateJS_elementScript"],
  ["<input type=button value=onclick=>", "ErrBadHTML", "html/template:z: \"=\" in unquoted attr: \"onclick=\""],
  ["<input type=button value= onclick=>", "ErrBadHTML", "html/template:z: \"=\" in unquoted attr: \"onclick=\""],
  ["<input type=button value= 1+1=2>", "ErrBadHTML", "html/template:z: \"=\" in unquoted attr: \"1+1=2\""],
  ["<a class=`foo>", "ErrBadHTML", "html/template:z: \"`\" in unquoted attr: \"`foo\""],
  ["<a style=font:'Arial'>", "ErrBadHTML", "html/template:z: \"'\" in unquoted attr: \"font:'Arial'\""],
  ["<a=foo>", "ErrBadHTML", "html/template:z: expected space, attr name, or end of tag, but got \"=foo>\""],
  ["Hello, {{. | urlquery | print}}!", "ErrPredefinedEscaper", "html/template:z:1:9: predefined escaper \"urlquery\" disallowed in template"],
  ["Hello, {{. | html | print}}!", "ErrPredefinedEscaper", "html/template:z:1:9: predefined escaper \"html\" disallowed in template"],
  ["Hello, {{html . | print}}!", "ErrPredefinedEscaper", "html/template:z:1:9: predefined escaper \"html\" disallowed in template"],
  ["<div class={{. | html}}>Hello<div>", "ErrPredefinedEscaper", "html/template:z:1:13: predefined escaper \"html\" disallowed in template"],
  ["Hello, {{. | urlquery | html}}!", "ErrPredefinedEscaper", "html/template:z:1:9: predefined escaper \"urlquery\" disallowed in template"],
  // Go 1.19 refuses actions in template literals; current Go (followed here) escapes them.
  ["<script>var tmpl = `asd {{.}}`;</script>", null, null],
];

function execute(t: HTMLTemplate): unknown {
  try {
    t.execute(null);
    return null;
  } catch (e) {
    return e;
  }
}

describe('escaping errors (Go 1.19.8 TestErrors)', () => {
  for (const [input, code, message] of cases) {
    it(JSON.stringify(input), () => {
      const t = new HTMLTemplate('z').parse(input);
      const err = execute(t);
      if (code === null) {
        expect(err).to.equal(null);
        return;
      }
      expect(err).to.be.instanceOf(TemplateEscapeError);
      expect((err as TemplateEscapeError).code).to.equal(code);
      expect((err as Error).message).to.equal(message);
      expect((execute(t) as Error).message).to.equal(message);
    });
  }
});
