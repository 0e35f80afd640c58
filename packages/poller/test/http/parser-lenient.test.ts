// The lenient llhttp corpus: inputs llhttp accepts only with a lenient flag. sloe stays strict,
// so the parser must reject every one of them that strict llhttp rejects.
import { expect } from 'chai';
import { loadCorpus, rawBytes } from './corpus.js';
import { driveParser, bytewise } from './drive-parser.js';

const FILE = 'http1-requests-lenient.json';
const corpus = loadCorpus(FILE);

describe('request parser: the lenient llhttp corpus stays rejected', () => {
  for (const c of corpus) {
    const strict = c.strictModeOutcome ?? null;
    if (strict === null || !strict.startsWith('rejected')) continue;
    it(`${c.id}: ${strict.replace(/^rejected by strict node llhttp [\d.]+: /, 'rejected like ')}`, () => {
      for (const pieces of [[rawBytes(c)], bytewise(rawBytes(c))]) {
        expect(driveParser(pieces).error, 'accepted').to.not.equal(null);
      }
    });
  }
});
