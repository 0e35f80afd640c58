// Every code of ClientError is documented in the README and raised by a call this test makes;
// the README documents no code that does not exist.
import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { client, ClientError, clientErrorCodes, type ClientErrorCode, type UntypedClient } from '../src/index.js';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');

const answering = (response: () => Response) => client<UntypedClient>('http://sloe.test', { fetch: () => Promise.resolve(response()) });

// One call per code that raises it (a Record, so a new code is a compile error here).
const raisers: Record<ClientErrorCode, () => unknown> = {
  ERR_CLIENT_BASE_URL: () => client('example.com/api'),
  ERR_CLIENT_PARAM: () => answering(() => new Response(null))[':id']!.$get!(),
  ERR_CLIENT_FETCH: () => client('http://sloe.test', { fetch: () => Promise.reject(new TypeError('fetch failed')) }).x!.$get!(),
  ERR_CLIENT_BODY: () => answering(() => new Response('{', { headers: { 'content-type': 'application/problem+json' } })).x!.$get!(),
};

describe('client errors', () => {
  for (const code of clientErrorCodes) {
    it(`${code} is documented in the README`, () => {
      expect(readme).to.match(new RegExp(`^\\| \`${code}\` \\|`, 'm'));
    });

    it(`${code} is raised`, async () => {
      let err: unknown = null;
      try {
        await raisers[code]();
      } catch (e) {
        err = e;
      }
      expect(err).to.be.instanceOf(ClientError);
      expect([(err as ClientError).code, (err as ClientError).name]).to.deep.equal([code, 'ClientError']);
    });
  }

  it('the README documents only codes that exist, in the ERR_CLIENT_ dialect', () => {
    const documented = [...readme.matchAll(/^\| `(ERR_[A-Z_]+)` \|/gm)].map((m) => m[1]);
    expect(documented).to.deep.equal([...clientErrorCodes]);
    for (const code of clientErrorCodes) expect(code).to.match(/^ERR_CLIENT_[A-Z_]+$/);
  });
});
