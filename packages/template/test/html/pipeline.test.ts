// How escapers are merged into a pipeline, including the predefined `html` and `urlquery`.
// The table is Go 1.19.8's own TestEnsurePipelineContains (html/template/escape_test.go),
// with the pipelines Go's ensurePipelineContains produced for it.
import { expect } from 'chai';
import { ensurePipelineContains } from '../../src/html/pipeline.js';
import { nodeString } from '../../src/parse/format.js';
import { Template } from '../../src/template.js';

// [action, escapers to ensure, resulting pipeline]
const cases: [string, string[], string][] = [
  ["{{.X}}", [], ".X"],
  ["{{.X | html}}", [], ".X | html"],
  ["{{.X}}", ["html"], ".X | html"],
  ["{{html .X}}", ["html", "urlquery"], "_eval_args_ .X | html | urlquery"],
  ["{{html .X .Y .Z}}", ["html", "urlquery"], "_eval_args_ .X .Y .Z | html | urlquery"],
  ["{{.X | print}}", ["urlquery"], ".X | print | urlquery"],
  ["{{.X | print | urlquery}}", ["urlquery"], ".X | print | urlquery"],
  ["{{.X | urlquery}}", ["html", "urlquery"], ".X | html | urlquery"],
  ["{{.X | print 2 | .f 3}}", ["urlquery", "html"], ".X | print 2 | .f 3 | urlquery | html"],
  ["{{.X | println.x }}", ["urlquery", "html"], ".X | println.x | urlquery | html"],
  ["{{.X | (print 12 | println).x }}", ["urlquery", "html"], ".X | (print 12 | println).x | urlquery | html"],
  ["{{.X | urlquery}}", ["_html_template_urlfilter", "_html_template_urlnormalizer"], ".X | _html_template_urlfilter | urlquery"],
  ["{{.X | urlquery}}", ["_html_template_urlfilter", "_html_template_cssescaper"], ".X | urlquery | _html_template_urlfilter | _html_template_cssescaper"],
  ["{{.X | urlquery}}", ["_html_template_urlnormalizer"], ".X | urlquery"],
  ["{{.X | urlquery}}", ["_html_template_urlescaper"], ".X | urlquery"],
  ["{{.X | html}}", ["_html_template_htmlescaper"], ".X | html"],
  ["{{.X | html}}", ["_html_template_rcdataescaper"], ".X | html"],
];

describe('ensurePipelineContains (Go 1.19.8 TestEnsurePipelineContains)', () => {
  for (const [input, ids, want] of cases) {
    it(`${input} + [${ids.join(', ')}]`, () => {
      const node = new Template('test').parse(input).tree?.root?.nodes[0];
      if (node?.kind !== 'action') throw new Error(`not an action: ${input}`);
      ensurePipelineContains(node.pipe, ids);
      expect(nodeString(node.pipe)).to.equal(want);
    });
  }
});
