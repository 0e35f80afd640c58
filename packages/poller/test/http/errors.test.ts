// Every HTTP error code is documented in the package README with its status.
import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { HttpError, HttpParseError, httpErrorStatus } from '../../src/http/errors.js';
import type { HttpErrorCode } from '../../src/http/errors.js';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

describe('HTTP errors', () => {
  for (const [code, status] of Object.entries(httpErrorStatus)) {
    it(`${code} is documented with status ${status}`, () => {
      expect(readme).to.include(`| \`${code}\` | ${status} |`);
    });
  }

  it('carries code and status, and a parse error its offset', () => {
    const e = new HttpParseError('URI_TOO_LONG', 'too long', 9000);
    expect(e).to.be.instanceOf(HttpError);
    expect([e.code, e.status, e.offset, e.name]).to.deep.equal(['URI_TOO_LONG', 414, 9000, 'HttpParseError']);
    const code: HttpErrorCode = 'EXPECTATION_FAILED';
    expect(new HttpError(code, 'x').status).to.equal(417);
  });
});
