// detectContentType against what Go's http.DetectContentType answered for the same bytes
// (test/data/sniff-cases.json, made by tools/go-sniff-ref).
import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { detectContentType } from '../../src/nethttp/sniff.js';

interface SniffCase {
  name: string;
  hex: string;
  contentType: string;
}

const file = new URL('../../../../test/data/sniff-cases.json', import.meta.url);
const data = JSON.parse(readFileSync(file, 'utf8')) as { go: string; samples: SniffCase[] };

describe(`detectContentType, as ${data.go}'s DetectContentType`, () => {
  it('has the recorded samples', () => {
    expect(data.samples.length).to.be.greaterThan(70);
  });
  for (const c of data.samples) {
    it(`${c.name}: ${c.contentType}`, () => {
      expect(detectContentType(Buffer.from(c.hex, 'hex'))).to.equal(c.contentType);
    });
  }

  it('takes a string as its UTF-8 bytes', () => {
    expect(detectContentType('<html><body>')).to.equal('text/html; charset=utf-8');
    expect(detectContentType('héllo')).to.equal('text/plain; charset=utf-8');
  });
});
