// The escaping helpers html/template exports (forwarded to text/template's, as Go does).
// Expected strings were printed by a Go 1.19.8 program calling html/template.HTMLEscapeString,
// JSEscapeString, HTMLEscaper, JSEscaper and URLQueryEscaper on the same inputs.
import { expect } from 'chai';
import { htmlEscapeString, htmlEscaper, jsEscapeString, jsEscaper, urlQueryEscaper } from '../../src/index.js';

const cases: [string, () => string, string][] = [
  ['htmlEscapeString leaves + alone', () => htmlEscapeString('<a+b>&"\''), '&lt;a+b&gt;&amp;&#34;&#39;'],
  ['jsEscapeString', () => jsEscapeString('<a+b>&"\'\\'), '\\u003Ca+b\\u003E\\u0026\\"\\\'\\\\'],
  ['htmlEscaper formats its arguments as Sprint', () => htmlEscaper('a', 1), 'a1'],
  ['jsEscaper', () => jsEscaper('x<'), 'x\\u003C'],
  ['urlQueryEscaper', () => urlQueryEscaper('a b&c'), 'a+b%26c'],
];

describe('html/template escaping helpers (expected output from Go 1.19.8)', () => {
  for (const [name, run, want] of cases) it(name, () => expect(run()).to.equal(want));
});
