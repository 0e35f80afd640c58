// Every Scanner error code is documented in the package README and raised somewhere.
import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { scannerErrorCodes } from '../../src/bufio/errors.js';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
const source = readFileSync(new URL('../../src/bufio/scanner.ts', import.meta.url), 'utf8');

describe('Scanner errors', () => {
  for (const code of Object.keys(scannerErrorCodes)) {
    it(`${code} is documented and raised`, () => {
      expect(readme).to.include(`| \`${code}\` |`);
      expect(source).to.include(`'${code}'`);
    });
  }
});
