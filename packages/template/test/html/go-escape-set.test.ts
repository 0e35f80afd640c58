// Go 1.19.8's own TestEscapeSet table (html/template/escape_test.go): sets of templates
// defined together (in name order) and executed from "main", compared with the output Go's
// package gave for them (every row also matches the test's written expectation). The data
// is Go's tree of *dataItem; `pred` is the test's predecessor function.
import { expect } from 'chai';
import { goTypeName } from '../../src/fmt/index.js';
import { HTMLTemplate } from '../../src/html/index.js';

class DataItem {
  [goTypeName] = '*template.dataItem';
  constructor(
    readonly Children: DataItem[] | null,
    readonly X: string,
  ) {}
}

const data = new DataItem([new DataItem(null, 'foo'), new DataItem(null, '<bar>'), new DataItem([new DataItem(null, 'baz')], '')], '');

function pred(...a: unknown[]): unknown {
  const [n] = a;
  if (a.length === 1 && typeof n === 'number' && Number.isInteger(n) && n > 0) return n - 1;
  throw new Error(`undefined pred(${a.map(String).join(' ')})`);
}

// [templates by name, Go's output of "main"]
const cases: [Record<string, string>, string][] = [
  [{"main": ""}, ""],
  [{"helper": "{{\"<World>\"}}", "main": "Hello, {{template \"helper\"}}!"}, "Hello, &lt;World&gt;!"],
  [{"helper": "{{\"<a>\"}}<b", "main": "<a onclick='a = {{template \"helper\"}};'>"}, "<a onclick='a = &#34;\\u003ca\\u003e&#34;<b;'>"],
  [{"main": "{{range .Children}}{{template \"main\" .}}{{else}}{{.X}} {{end}}"}, "foo &lt;bar&gt; baz "],
  [{"helper": "{{if .Children}}<ul>{{range .Children}}<li>{{template \"main\" .}}</li>{{end}}</ul>{{else}}{{.X}}{{end}}", "main": "{{template \"helper\" .}}"}, "<ul><li>foo</li><li>&lt;bar&gt;</li><li><ul><li>baz</li></ul></li></ul>"],
  [{"helper": "{{if .Children}}{{template \"main\" .}}{{else}}{{.X}}<br>{{end}}", "main": "<blockquote>{{range .Children}}{{template \"helper\" .}}{{end}}</blockquote>"}, "<blockquote>foo<br>&lt;bar&gt;<br><blockquote>baz<br></blockquote></blockquote>"],
  [{"helper": "{{11}} of {{\"<100>\"}}", "main": "<button onclick=\"title='{{template \"helper\"}}'; ...\">{{template \"helper\"}}</button>"}, "<button onclick=\"title='11 of \\u003c100\\u003e'; ...\">11 of &lt;100&gt;</button>"],
  [{"helper": "{{126}}", "main": "<script>var x={{template \"helper\"}}/{{\"42\"}};</script>"}, "<script>var x= 126 /\"42\";</script>"],
  [{"countdown": "{{.}}{{if .}},{{template \"countdown\" . | pred}}{{end}}", "main": "<script>var x=[{{template \"countdown\" 4}}];</script>"}, "<script>var x=[ 4 , 3 , 2 , 1 , 0 ];</script>"],
];

describe('Go TestEscapeSet table (expected output from Go 1.19.8)', () => {
  for (const [inputs, want] of cases) {
    it(Object.keys(inputs).join(', ') + ': ' + JSON.stringify(inputs.main), () => {
      const source = Object.keys(inputs)
        .sort()
        .map((name) => `{{define ${JSON.stringify(name)}}}${inputs[name] ?? ''}{{end}} `)
        .join('');
      const t = new HTMLTemplate('root').funcs({ pred }).parse(source);
      expect(t.executeTemplate('main', data)).to.equal(want);
    });
  }
});
