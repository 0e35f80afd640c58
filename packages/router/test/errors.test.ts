// Every code of the router's one error class is documented in the README and raised by a
// registration that the test makes; the README documents no code that does not exist.
import { expect } from 'chai';
import { readFileSync } from 'node:fs';
import { ROUTE_ERROR_CODES, RouteError, Router } from '../src/index.js';
import type { RouteErrorCode } from '../src/index.js';

const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');

function addAll(routes: [method: string, pattern: string][]): void {
  const r = new Router<number>();
  for (const [method, pattern] of routes) r.add(method, pattern, 0);
}

// One registration per code that raises it (a Record, so a new code is a compile error here).
const raisers: Record<RouteErrorCode, () => void> = {
  ERR_ROUTER_DUPLICATE: () => addAll([['GET', '/a/:id'], ['GET', '/a/:id']]),
  ERR_ROUTER_CONFLICT: () => addAll([['GET', '/users/:id/posts'], ['GET', '/users/:name']]),
  ERR_ROUTER_INVALID_PATTERN: () => addAll([['GET', '/src/*filepath/x']]),
  ERR_ROUTER_INVALID_METHOD: () => addAll([['GE T', '/a']]),
};

describe('router errors', () => {
  for (const code of ROUTE_ERROR_CODES) {
    it(`${code} is documented in the README`, () => {
      expect(readme).to.match(new RegExp(`^\\| \`${code}\` \\|`, 'm'));
    });

    it(`${code} is raised`, () => {
      let err: unknown = null;
      try {
        raisers[code]();
      } catch (e) {
        err = e;
      }
      expect(err).to.be.instanceOf(RouteError);
      expect([(err as RouteError).code, (err as RouteError).name]).to.deep.equal([code, 'RouteError']);
    });
  }

  it('the README documents only codes that exist, in the ERR_ROUTER_ dialect', () => {
    const documented = [...readme.matchAll(/^\| `(ERR_[A-Z_]+)` \|/gm)].map((m) => m[1]);
    expect(documented).to.deep.equal([...ROUTE_ERROR_CODES]);
    for (const code of ROUTE_ERROR_CODES) expect(code).to.match(/^ERR_ROUTER_[A-Z_]+$/);
  });
});
