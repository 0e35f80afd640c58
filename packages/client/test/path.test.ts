// fillPath reads a pattern as @sloe/router does and writes each param percent-encoded: a table
// of patterns, values and the paths they give.
import { expect } from 'chai';
import { Router } from '@sloe/router';
import { ClientError, fillPath, type ParamValues } from '../src/index.js';

const cases: readonly { name: string; pattern: string; params: ParamValues; path: string }[] = [
  { name: 'a static pattern is itself', pattern: '/users', params: {}, path: '/users' },
  { name: 'a named param', pattern: '/users/:id', params: { id: 7 }, path: '/users/7' },
  { name: 'a value is percent-encoded, slash included', pattern: '/users/:id', params: { id: 'a/b c' }, path: '/users/a%2Fb%20c' },
  { name: 'several params', pattern: '/repos/:owner/:repo/issues/:number', params: { owner: 'o', repo: 'r', number: 3 }, path: '/repos/o/r/issues/3' },
  { name: 'two params in one segment', pattern: '/range/:from-:to', params: { from: 1, to: 9 }, path: '/range/1-9' },
  { name: 'a param with a regex constraint', pattern: '/n/:id(^\\d+$)', params: { id: 42 }, path: '/n/42' },
  { name: 'an optional param given', pattern: '/posts/:id?', params: { id: 'x' }, path: '/posts/x' },
  { name: 'an optional param left out takes its slash', pattern: '/posts/:id?', params: {}, path: '/posts' },
  { name: 'a catch-all keeps its slashes, each segment encoded', pattern: '/files/*path', params: { path: 'a b/c.txt' }, path: '/files/a%20b/c.txt' },
  { name: 'a catch-all given with its leading slash, as the router gives it', pattern: '/files/*path', params: { path: '/a/b' }, path: '/files/a/b' },
  { name: 'a bare catch-all is named *', pattern: '/static/*', params: { '*': 'x/y' }, path: '/static/x/y' },
  { name: 'an escaped colon is literal', pattern: '/at/10\\:00/:m', params: { m: 5 }, path: '/at/10:00/5' },
  { name: 'a doubled colon is literal', pattern: '/a::b/:c', params: { c: 'd' }, path: '/a:b/d' },
  { name: 'a boolean is written as text', pattern: '/flags/:on', params: { on: true }, path: '/flags/true' },
];

describe('fillPath', () => {
  for (const c of cases) {
    it(c.name, () => {
      const path = fillPath(c.pattern, c.params);
      expect(path).to.equal(c.path);
      // The router finds the route again at the path, with the values given.
      const router = new Router<string>();
      router.add('GET', c.pattern, 'hit');
      const found = router.find('GET', path);
      expect(found?.value, `${c.pattern} matches ${path}`).to.equal('hit');
    });
  }

  it('throws ERR_CLIENT_PARAM naming a missing param', () => {
    expect(() => fillPath('/repos/:owner/:repo', { owner: 'o' })).to.throw(ClientError, 'missing param "repo"').with.property('code', 'ERR_CLIENT_PARAM');
  });
});
