// Every escaping error code is documented, with an example, in the package README's html mode section.
import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { escapeErrorCodes } from '../../src/html/index.js';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

describe('html error codes', () => {
  for (const code of escapeErrorCodes) {
    it(`${code} has a row in the README's error table`, () => {
      expect(readme).to.match(new RegExp(`^\\| \`${code}\` \\| .+ \\| .+ \\|$`, 'm'));
    });
  }
});
