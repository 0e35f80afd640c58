// Every client error code is documented in the package README and raised somewhere.
import { expect } from 'chai';
import { readdirSync, readFileSync } from 'node:fs';
import { clientErrorCodes, ClientError } from '../../src/client/errors.js';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
const srcDir = new URL('../../src/client/', import.meta.url);
const sources = readdirSync(srcDir)
  .filter((f) => f.endsWith('.ts') && f !== 'errors.ts')
  .map((f) => readFileSync(new URL(f, srcDir), 'utf8'))
  .join('\n');

describe('HTTP client errors', () => {
  for (const code of Object.keys(clientErrorCodes)) {
    it(`${code} is documented and raised`, () => {
      expect(readme).to.include(`| \`${code}\` |`);
      expect(new RegExp(`'${code}'`).test(sources), code).to.equal(true);
    });
  }

  it('has Go url.Error\'s shape: op, url, cause, timeout()', () => {
    const cause = Object.assign(new Error('i/o timeout'), { timeout: () => true });
    const e = new ClientError('ERR_CLIENT_CONNECTION', 'Get', 'http://a/', undefined, cause);
    expect([e.op, e.url, e.message, e.cause, e.timeout()]).to.deep.equal(['Get', 'http://a/', 'Get "http://a/": connection failed', cause, true]);
    expect(new ClientError('ERR_CLIENT_TIMEOUT', 'Post', 'http://a/').timeout()).to.equal(true);
    expect(new ClientError('ERR_CLIENT_ABORTED', 'Post', 'http://a/').timeout()).to.equal(false);
  });
});
