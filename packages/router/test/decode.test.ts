import { expect } from 'chai';
import { decodable, decodeValue } from '../src/decode.js';

function reference(v: string): string | null {
  try {
    return decodeURIComponent(v);
  } catch {
    return null;
  }
}

const cases: [name: string, input: string, want: string | null][] = [
  ['no escape is returned as is', 'abc', 'abc'],
  ['ASCII escape', 'a%2Fb', 'a/b'],
  ['lower-case hex', '%c3%a9', 'é'],
  ['two-byte UTF-8', '%C3%A9', 'é'],
  ['three-byte UTF-8', '%E2%82%AC', '€'],
  ['four-byte UTF-8', '%F0%9F%99%82', '🙂'],
  ['plus stays a plus', 'a+b', 'a+b'],
  ['percent escape of a percent', '%2525', '%25'],
  ['lone percent', '%', null],
  ['one hex digit', '%2', null],
  ['non-hex digits', '%zz', null],
  ['stray continuation byte', '%80', null],
  ['truncated sequence', '%E2%82', null],
  ['overlong encoding', '%C0%80', null],
  ['encoded surrogate', '%ED%A0%80', null],
  ['beyond U+10FFFF', '%F4%90%80%80', null],
  ['invalid lead byte', '%FF', null],
];

describe('decodeValue', () => {
  for (const [name, input, want] of cases) {
    it(`${name}: ${input}`, () => {
      expect(decodeValue(input)).to.equal(want);
      expect(decodable(input)).to.equal(want !== null);
      expect(want).to.equal(reference(input));
    });
  }

  it('agrees with decodeURIComponent on random escape sequences', () => {
    const parts = ['a', '%', '%2', '%2F', '%C3%A9', '%E2%82%AC', '%F0%9F%99%82', '%ED%A0%80', '%C0%80', '%FF', '%80', '%C3', '%E2%82', '%zz', '%41', '%F0%9F%99'];
    let seed = 7;
    const rand = (): number => {
      seed = (seed * 1103515245 + 12345) & 0x7fffffff;
      return seed / 0x7fffffff;
    };
    const mismatches: string[] = [];
    for (let i = 0; i < 50000; i++) {
      let v = '';
      for (let k = 0, n = 1 + Math.floor(rand() * 5); k < n; k++) v += parts[Math.floor(rand() * parts.length)]!;
      if (decodeValue(v) !== reference(v) || decodable(v) !== (reference(v) !== null)) mismatches.push(v);
    }
    expect(mismatches.slice(0, 5)).to.deep.equal([]);
  });
});
