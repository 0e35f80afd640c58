// Go values that JSON data cannot express (struct pointers, nil pointers, typed funcs and
// slices from the corpus function registry) in each escaping context. Expected outputs are
// Go 1.19.8's, from the gotmpl-ref oracle run on these same cases.
import { expect } from 'chai';
import { HTMLTemplate } from '../../src/html/index.js';
import { funcsFor } from '../corpus/registry.js';

interface Case {
  name: string;
  templates: Record<string, string>;
  data: unknown;
  funcs: string[];
  output: string;
}

const cases: Case[] = [
  {"name": "a struct pointer in a script is its JSON", "templates": {"t": "<script>var o = {{obj}};</script>"}, "data": null, "funcs": ["obj"], "output": "<script>var o = {\"I\":7,\"F\":2.5,\"S\":\"seven\",\"B\":true,\"SI\":[3,4,5],\"MSI\":{\"one\":1,\"three\":3,\"two\":2},\"Next\":{\"I\":8,\"F\":0,\"S\":\"eight\",\"B\":false,\"SI\":[],\"MSI\":{},\"Next\":null,\"Nil\":null},\"Nil\":null};</script>"},
  {"name": "a nil pointer in a script is null", "templates": {"t": "<script>var o = {{obj.Nil}};</script>"}, "data": null, "funcs": ["obj"], "output": "<script>var o =  null ;</script>"},
  {"name": "a nil pointer in text prints <nil>", "templates": {"t": "<p>{{obj.Nil}}</p>"}, "data": null, "funcs": ["obj"], "output": "<p>&lt;nil&gt;</p>"},
  {"name": "a struct pointer in text prints the struct", "templates": {"t": "<p>{{obj.Next}}</p>"}, "data": null, "funcs": ["obj"], "output": "<p>{8 0 eight false [] map[] &lt;nil&gt; &lt;nil&gt;}</p>"},
  {"name": "a function in a script is a JSON error comment", "templates": {"t": "<script>var o = {{mkAdder}};</script>"}, "data": null, "funcs": ["mkAdder"], "output": "<script>var o =  /* json: unsupported type: func(int, int) int */null ;</script>"},
  {"name": "floats, -0 and separators in a script", "templates": {"t": "<script>var o = {{.}};</script>"}, "data": [1.5, -0.0, 1e-07, 1e+21, 123456789012, "\u2028"], "funcs": [], "output": "<script>var o = [1.5,-0,1e-7,1e+21,123456789012,\"\\u2028\"];</script>"},
  {"name": "safe HTML inside a list is a plain JSON string", "templates": {"t": "<script>var o = {{list (safeHTML \"<b>\") 1}};</script>"}, "data": null, "funcs": ["safeHTML", "list"], "output": "<script>var o = [\"\\u003cb\\u003e\",1];</script>"},
  {"name": "typed ints in a script", "templates": {"t": "<script>var o = {{ints 1 2}};</script>"}, "data": null, "funcs": ["ints"], "output": "<script>var o = [1,2];</script>"},
  {"name": "float constants in a script, an attribute and text", "templates": {"t": "<script>var x = {{3.0}}, y = {{1.5}}, z = {{1e21}}, w = {{typeOf 2.0}};</script><p title=\"{{2.0}}\">{{1e6}}</p>"}, "data": null, "funcs": ["typeOf"], "output": "<script>var x =  3 , y =  1.5 , z =  1e+21 , w = \"float64\";</script><p title=\"2\">1e&#43;06</p>"},
  {"name": "a complex constant in a script is a JSON error comment", "templates": {"t": "<script>var x = {{1i}};</script>"}, "data": null, "funcs": [], "output": "<script>var x =  /* json: unsupported type: complex128 */null ;</script>"},
];

describe('html escaping of Go-typed values (expected output from Go 1.19.8)', () => {
  for (const c of cases) {
    it(c.name, () => {
      const t = new HTMLTemplate('t').funcs(funcsFor(c.funcs)).parse(c.templates.t ?? '');
      expect(t.execute(c.data)).to.equal(c.output);
    });
  }
});
