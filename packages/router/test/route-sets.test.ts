import { expect } from 'chai';
import { Router } from '../src/index.js';
import { readData, routeSetNames } from './shared-data.js';

interface RouteSet {
  routes: { method: string; path: string }[];
}
interface RequestSet {
  requests: { method: string; path: string; route: string; params: Record<string, string> }[];
}

// Route sets from the Go routing benchmarks; catch-all values keep their leading "/", as in sloe.
describe('route sets of the Go routing benchmarks', () => {
  const names = routeSetNames();

  it('finds the route sets in test/data', () => {
    expect(names).to.include.members(['github', 'github-full', 'gplus', 'parse', 'static']);
  });

  for (const name of names) {
    it(`${name}: every request resolves to its pattern and params`, () => {
      const set = readData(`routes/${name}.json`) as RouteSet;
      const { requests } = readData(`routes/${name}.requests.json`) as RequestSet;
      const router = new Router<string>();
      for (const r of set.routes) router.add(r.method, r.path, r.path);
      expect(requests.length).to.be.greaterThan(0);
      for (const q of requests) {
        const found = router.find(q.method, q.path);
        expect(found, `${q.method} ${q.path}`).to.not.equal(null);
        expect({ pattern: found?.pattern, value: found?.value, params: found?.params.toObject() }, `${q.method} ${q.path}`).to.deep.equal({
          pattern: q.route,
          value: q.route,
          params: q.params,
        });
        const m = router.match(q.method, q.path);
        expect(m.kind, `${q.method} ${q.path}`).to.equal('found');
      }
    });
  }
});
