// Parse errors with Go's exact messages. Expected results were produced by real Go 1.19 (gotmpl-ref).
import { checkGoCase, type GoCase } from './helpers/go-case.js';

const cases: GoCase[] = [
  {"name": "unclosed action", "templates": {"t": "{{.x"}, "want": {"error": "parse", "message": "template: t:1: unclosed action"}},
  {"name": "unexpected end", "templates": {"t": "{{end}}"}, "want": {"error": "parse", "message": "template: t:1: unexpected {{end}}"}},
  {"name": "missing end", "templates": {"t": "{{if .x}}a"}, "want": {"error": "parse", "message": "template: t:1: unexpected EOF"}},
  {"name": "else outside if", "templates": {"t": "{{else}}"}, "want": {"error": "parse", "message": "template: t:1: unexpected {{else}}"}},
  {"name": "undefined variable", "templates": {"t": "{{$x}}"}, "want": {"error": "parse", "message": "template: t:1: undefined variable \"$x\""}},
  {"name": "undefined function", "templates": {"t": "{{nofunc 1}}"}, "want": {"error": "parse", "message": "template: t:1: function \"nofunc\" not defined"}},
  {"name": "missing value for if", "templates": {"t": "{{if}}{{end}}"}, "want": {"error": "parse", "message": "template: t:1: missing value for if"}},
  {"name": "break outside range", "templates": {"t": "{{break}}"}, "want": {"error": "parse", "message": "template: t:1: {{break}} outside {{range}}"}},
  {"name": "continue outside range", "templates": {"t": "{{continue}}"}, "want": {"error": "parse", "message": "template: t:1: {{continue}} outside {{range}}"}},
  {"name": "too many declarations", "templates": {"t": "{{$a, $b := 1}}"}, "want": {"error": "parse", "message": "template: t:1: too many declarations in command"}},
  {"name": "range with three variables", "templates": {"t": "{{range $a, $b, $c := .}}{{end}}"}, "want": {"error": "parse", "message": "template: t:1: too many declarations in range"}},
  {"name": "non executable command in pipeline", "templates": {"t": "{{1 | 2}}"}, "want": {"error": "parse", "message": "template: t:1: non executable command in pipeline stage 2"}},
  {"name": "empty command", "templates": {"t": "{{.x | }}"}, "want": {"output": "<no value>"}},
  {"name": "unexpected dot after term", "templates": {"t": "{{\"x\".y}}"}, "want": {"error": "parse", "message": "template: t:1: unexpected . after term \"\\\"x\\\"\""}},
  {"name": "bad number", "templates": {"t": "{{3x}}"}, "want": {"error": "parse", "message": "template: t:1: bad number syntax: \"3x\""}},
  {"name": "integer overflow", "templates": {"t": "{{99999999999999999999}}"}, "want": {"error": "parse", "message": "template: t:1: integer overflow: \"99999999999999999999\""}},
  {"name": "illegal number", "templates": {"t": "{{0x}}"}, "want": {"error": "parse", "message": "template: t:1: illegal number syntax: \"0x\""}},
  {"name": "unterminated string", "templates": {"t": "{{\"abc}}"}, "want": {"error": "parse", "message": "template: t:1: unterminated quoted string"}},
  {"name": "bad escape in string", "templates": {"t": "{{\"\\q\"}}"}, "want": {"error": "parse", "message": "template: t:1: invalid syntax"}},
  {"name": "malformed character constant", "templates": {"t": "{{'ab'}}"}, "want": {"error": "parse", "message": "template: t:1: malformed character constant: 'ab'"}},
  {"name": "unclosed comment", "templates": {"t": "{{/* x"}, "want": {"error": "parse", "message": "template: t:1: unclosed comment"}},
  {"name": "multiple definition", "templates": {"t": "{{define \"a\"}}x{{end}}{{define \"a\"}}y{{end}}"}, "want": {"error": "parse", "message": "template: t:1: template: multiple definition of template \"a\""}},
  {"name": "define needs a name", "templates": {"t": "{{define a}}{{end}}"}, "want": {"error": "parse", "message": "template: t:1: unexpected \"a\" in define clause"}},
  {"name": "template needs a string name", "templates": {"t": "{{template x}}"}, "want": {"error": "parse", "message": "template: t:1: unexpected \"x\" in template clause"}},
  {"name": "unexpected in operand", "templates": {"t": "{{.x \"a\"=}}"}, "want": {"error": "parse", "message": "template: t:1: unexpected \"=\" in operand"}},
  {"name": "action started on an earlier line", "templates": {"t": "{{if\n.x\n"}, "want": {"error": "parse", "message": "template: t:3: unclosed action started at t:1"}},
  {"name": "unexpected right paren", "templates": {"t": "{{.x)}}"}, "want": {"error": "parse", "message": "template: t:1: unexpected \")\" in command"}},
  {"name": "unclosed left paren", "templates": {"t": "{{(.x}}"}, "want": {"error": "parse", "message": "template: t:1: unclosed left paren"}},
  {"name": "bad character in identifier", "templates": {"t": "{{.x#}}"}, "want": {"error": "parse", "message": "template: t:1: bad character U+0023 '#'"}},
  {"name": "else with extra words", "templates": {"t": "{{if .}}{{else x}}{{end}}"}, "want": {"error": "parse", "message": "template: t:1: unexpected \"x\" in else"}},
  {"name": "define inside if", "templates": {"t": "{{if .}}{{define \"x\"}}{{end}}{{end}}"}, "want": {"error": "parse", "message": "template: t:1: unexpected <define> in command"}},
  {"name": "error on a later line", "templates": {"t": "line1\nline2 {{.x}}\n{{.y.}}"}, "want": {"error": "parse", "message": "template: t:3: unexpected <.> in operand"}},

];

describe('parse errors', () => {
  for (const c of cases) it(c.name, () => checkGoCase(c));
});
