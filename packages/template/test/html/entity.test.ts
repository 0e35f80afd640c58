// Character references in attribute values are decoded as Go's html.UnescapeString decodes
// them. Expected strings were printed by a Go 1.19.8 program calling html.UnescapeString on
// the same inputs.
import { expect } from 'chai';
import { unescapeHTML } from '../../src/html/entity.js';

const cases: [string, string, string][] = [
  ['named reference', 'a&amp;b', 'a&b'],
  ['legacy name as a prefix', '&ampx', '&x'],
  ['the HTML specials, decimal and hex', '&lt;&gt;&quot;&#39;&#x27;&#X41;&#65', '<>"\'\'AA'],
  ['longest legacy prefix of an unknown name', '&notit;', '\u00acit;'],
  ['full name wins over its prefix', '&notin;', '\u2209'],
  ['two code points', '&NotEqualTilde;', '\u2242\u0338'],
  ['C1 range, NUL and surrogates', '&#128;&#0;&#xD800;', '\u20ac\ufffd\ufffd'],
  ['references with nothing to decode', '&;&#;&#x;&', '&;&#;\ufffd&'],
  ['legacy name at the end', '&amp', '&'],
  ['legacy accented name', '&Aacute', '\u00c1'],
  ['name that needs its semicolon', '&hellip;', '\u2026'],
];

describe('HTML character references (expected output from Go 1.19.8 html.UnescapeString)', () => {
  for (const [name, input, want] of cases) {
    it(name, () => {
      expect(unescapeHTML(input)).to.equal(want);
    });
  }
});
