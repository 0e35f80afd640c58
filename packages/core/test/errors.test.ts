import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { HttpError as PollerHttpError } from '@sloe/poller';
import { Engine, HttpError } from '../src/index.js';

// Every error code declared in errors.ts must be documented in the README's error tables.
const source = readFileSync(new URL('../src/errors.ts', import.meta.url), 'utf8');
const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');

function declared(typeName: string): string[] {
  const m = new RegExp(`export type ${typeName} =([^;]+);`).exec(source);
  return m === null ? [] : [...m[1]!.matchAll(/'(ERR_[A-Z_]+)'/g)].map((x) => x[1]!);
}

describe('error codes', () => {
  for (const typeName of ['CoreErrorCode', 'HttpErrorCode']) {
    const codes = declared(typeName);
    it(`${typeName} declares codes`, () => {
      expect(codes.length).to.be.greaterThan(3);
    });
    for (const code of codes) {
      it(`${code} is documented in the README`, () => {
        expect(readme).to.match(new RegExp(`^\\| \`${code}\` \\|`, 'm'));
      });
    }
  }
});

describe('HttpError', () => {
  it("is the poller's class: a transport error thrown in a handler answers its own status", async () => {
    expect(HttpError).to.equal(PollerHttpError);
    const app = new Engine();
    app.get('/big', () => {
      throw PollerHttpError.of('ERR_HTTP_BODY_TOO_LARGE', 'too big');
    });
    app.get('/user', () => {
      throw new PollerHttpError(404, 'user 7 not found', { code: 'ERR_USER_NOT_FOUND' });
    });
    const big = await app.inject({ method: 'GET', url: '/big' });
    expect(big.status).to.equal(413);
    const user = await app.inject({ method: 'GET', url: '/user' });
    expect(user.status).to.equal(404);
    expect(user.json()).to.deep.include({ error: 'ERR_USER_NOT_FOUND', message: 'user 7 not found' });
  });
});
