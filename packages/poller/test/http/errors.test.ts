// Every HTTP error code is documented in the package README with its status.
import { expect } from 'chai';
import { readdirSync, readFileSync } from 'node:fs';
import { HttpError, HttpParseError, httpErrorStatus } from '../../src/http/errors.js';
import type { HttpErrorCode } from '../../src/http/errors.js';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

describe('HTTP errors', () => {
  for (const [code, status] of Object.entries(httpErrorStatus)) {
    it(`${code} is documented with status ${status}`, () => {
      expect(readme).to.include(`| \`${code}\` | ${status} |`);
    });
  }

  // A declared code nothing raises is a promise the transport does not keep. The sources are
  // searched without the table that declares the codes.
  const srcDir = new URL('../../src/', import.meta.url);
  const sources = readdirSync(srcDir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts'))
    .map((f) => {
      const text = readFileSync(new URL(f, srcDir), 'utf8');
      return f.endsWith('http/errors.ts') ? text.slice(text.indexOf('} as const;')) : text;
    })
    .join('\n');
  for (const code of Object.keys(httpErrorStatus)) {
    it(`${code} is raised somewhere in the transports`, () => {
      expect(new RegExp(`['.]${code}\\b`).test(sources), code).to.equal(true);
    });
  }

  it('carries code and status, and a parse error its offset', () => {
    const e = new HttpParseError('ERR_HTTP_URI_TOO_LONG', 'too long', 9000);
    expect(e).to.be.instanceOf(HttpError);
    expect([e.code, e.status, e.offset, e.name]).to.deep.equal(['ERR_HTTP_URI_TOO_LONG', 414, 9000, 'HttpParseError']);
  });

  it('HttpError.of takes the status from the code table; the constructor takes core\'s shape', () => {
    const code: HttpErrorCode = 'ERR_HTTP_EXPECTATION_FAILED';
    const e = HttpError.of(code, 'x');
    expect([e.status, e.code, e.expose]).to.deep.equal([417, code, true]);
    const cause = new Error('inner');
    const own = new HttpError(404, 'user 7 not found', { code: 'ERR_USER_NOT_FOUND', cause });
    expect([own.status, own.code, own.expose, own.cause]).to.deep.equal([404, 'ERR_USER_NOT_FOUND', true, cause]);
    expect(new HttpError(503, 'down').code).to.equal('ERR_HTTP');
    expect(new HttpError(503, 'down').expose).to.equal(false);
    expect(HttpError.of('ERR_HTTP_HANDLER_FAILED', 'x').expose).to.equal(false);
  });

  it('every code is in the ERR_HTTP_<WHAT> dialect', () => {
    for (const code of Object.keys(httpErrorStatus)) expect(code).to.match(/^ERR_HTTP_[A-Z0-9_]+$/);
  });
});
