import { expect } from 'chai';
import { RouteError, Router } from '../src/index.js';
import type { Lookup, RouteErrorCode, RouterOptions } from '../src/index.js';

function router(patterns: readonly (string | [string | string[], string])[], options?: RouterOptions): Router<string> {
  const r = new Router<string>(options);
  for (const p of patterns) {
    const [method, pattern] = typeof p === 'string' ? ['GET', p] : p;
    r.add(method, pattern, pattern);
  }
  return r;
}

interface FindCase {
  name: string;
  routes: (string | [string | string[], string])[];
  options?: RouterOptions;
  method?: string;
  path: string;
  want: { pattern: string; params: Record<string, string> } | null;
}

const findCases: FindCase[] = [
  { name: 'static route', routes: ['/user/repos'], path: '/user/repos', want: { pattern: '/user/repos', params: {} } },
  { name: 'static before param at the same position', routes: ['/users/:id', '/users/new'], path: '/users/new', want: { pattern: '/users/new', params: {} } },
  { name: 'param beside a static sibling', routes: ['/users/new', '/users/:id'], path: '/users/42', want: { pattern: '/users/:id', params: { id: '42' } } },
  { name: 'param then static continuation', routes: ['/users/new', '/users/:id', '/users/:id/posts'], path: '/users/new/posts', want: { pattern: '/users/:id/posts', params: { id: 'new' } } },
  { name: 'backtracks from a static dead end to a param two levels up', routes: ['/a/b/c', '/a/:x/d'], path: '/a/b/d', want: { pattern: '/a/:x/d', params: { x: 'b' } } },
  { name: 'param before catch-all at the same position', routes: ['/f/*rest', '/f/:name'], path: '/f/x', want: { pattern: '/f/:name', params: { name: 'x' } } },
  { name: 'catch-all when the param branch dead-ends', routes: ['/f/*rest', '/f/:name'], path: '/f/x/y', want: { pattern: '/f/*rest', params: { rest: '/x/y' } } },
  {
    name: 'a dead-end param chain leaves no values behind for the catch-all',
    routes: ['/users/:id/abc/:x', '/:a/:b/ab', '/*'],
    path: '/users/1/abc/x/a',
    want: { pattern: '/*', params: { '*': 'users/1/abc/x/a' } },
  },
  { name: 'named catch-all keeps its leading slash', routes: ['/files/*filepath'], path: '/files/css/a.css', want: { pattern: '/files/*filepath', params: { filepath: '/css/a.css' } } },
  { name: 'named catch-all on the bare directory', routes: ['/files/*filepath'], path: '/files/', want: { pattern: '/files/*filepath', params: { filepath: '/' } } },
  { name: 'named catch-all needs the slash', routes: ['/files/*filepath'], path: '/files', want: null },
  { name: 'bare catch-all drops the slash', routes: ['/static/*'], path: '/static/js/app.js', want: { pattern: '/static/*', params: { '*': 'js/app.js' } } },
  { name: 'bare catch-all matches the empty rest', routes: ['/static/*'], path: '/static/', want: { pattern: '/static/*', params: { '*': '' } } },
  { name: 'optional param present', routes: ['/posts/:id?'], path: '/posts/7', want: { pattern: '/posts/:id?', params: { id: '7' } } },
  { name: 'optional param absent', routes: ['/posts/:id?'], path: '/posts', want: { pattern: '/posts/:id?', params: {} } },
  { name: 'regex param matches', routes: ['/n/:id(^\\d+$)'], path: '/n/12', want: { pattern: '/n/:id(^\\d+$)', params: { id: '12' } } },
  { name: 'regex param refuses', routes: ['/n/:id(^\\d+$)'], path: '/n/ab', want: null },
  { name: 'a lone param that gains a static sibling later', routes: ['/u/:id/:x', '/u/new/:x'], path: '/u/new/5', want: { pattern: '/u/new/:x', params: { x: '5' } } },
  { name: 'a lone param that gains a catch-all sibling later', routes: ['/u/:id/x', '/u/*rest'], path: '/u/7/y', want: { pattern: '/u/*rest', params: { rest: '/7/y' } } },
  { name: 'a lone param that gains a regex sibling later', routes: ['/u/:id', '/u/:n(^\\d+$)'], path: '/u/12', want: { pattern: '/u/:n(^\\d+$)', params: { n: '12' } } },
  { name: 'a run of lone params dead-ends on a missing separator', routes: ['/r/:a/:b/:c'], path: '/r/1/2', want: null },
  { name: 'regex param before a plain sibling', routes: ['/n/:name', '/n/:id(^\\d+$)'], path: '/n/12', want: { pattern: '/n/:id(^\\d+$)', params: { id: '12' } } },
  { name: 'two params split by a dash', routes: ['/range/:from-:to'], path: '/range/1-9', want: { pattern: '/range/:from-:to', params: { from: '1', to: '9' } } },
  { name: 'file and extension: the last param starts after the last separator', routes: ['/f/:file.:ext'], path: '/f/a.tar.gz', want: { pattern: '/f/:file.:ext', params: { file: 'a.tar', ext: 'gz' } } },
  { name: 'mid-segment param', routes: ['/user_:name'], path: '/user_gopher', want: { pattern: '/user_:name', params: { name: 'gopher' } } },
  { name: 'double colon is a literal colon', routes: ['/a::b'], path: '/a:b', want: { pattern: '/a::b', params: {} } },
  { name: 'backslash-colon is a literal colon (gin)', routes: ['/escape/test\\:d2'], path: '/escape/test:d2', want: { pattern: '/escape/test\\:d2', params: {} } },
  { name: 'backslash-colon starts no param', routes: ['/escape/test\\:d2'], path: '/escape/test\\abc', want: null },
  { name: 'backslash-colon after a param is its static suffix', routes: ['/at/:h\\:00'], path: '/at/12:00', want: { pattern: '/at/:h\\:00', params: { h: '12' } } },
  { name: 'backslash-colon beside a param at the same position', routes: ['/escape/test\\:d1', '/escape/test:param'], path: '/escape/testd1', want: { pattern: '/escape/test:param', params: { param: 'd1' } } },
  { name: 'a backslash before anything else is literal', routes: ['/a\\b'], path: '/a\\b', want: { pattern: '/a\\b', params: {} } },
  { name: 'empty last param never matches', routes: ['/user/:name'], path: '/user/', want: null },
  { name: 'empty middle param matches', routes: ['/user/:name/profile'], path: '/user//profile', want: { pattern: '/user/:name/profile', params: { name: '' } } },
  { name: 'params are percent-decoded after matching', routes: ['/p/:v'], path: '/p/caf%C3%A9', want: { pattern: '/p/:v', params: { v: 'café' } } },
  { name: 'an encoded slash stays inside the param', routes: ['/p/:v', '/p/:v/x'], path: '/p/a%2Fb', want: { pattern: '/p/:v', params: { v: 'a/b' } } },
  { name: 'plus is not a space', routes: ['/p/:v'], path: '/p/a+b', want: { pattern: '/p/:v', params: { v: 'a+b' } } },
  { name: 'malformed escape gives null', routes: ['/p/:v'], path: '/p/a%zz', want: null },
  { name: 'invalid UTF-8 gives null', routes: ['/p/:v'], path: '/p/%FF', want: null },
  { name: 'param longer than maxParamLength gives null', routes: ['/p/:v'], options: { maxParamLength: 3 }, path: '/p/abcd', want: null },
  { name: 'param at maxParamLength matches', routes: ['/p/:v'], options: { maxParamLength: 3 }, path: '/p/abc', want: { pattern: '/p/:v', params: { v: 'abc' } } },
  { name: 'catch-all is not limited by maxParamLength', routes: ['/p/*'], options: { maxParamLength: 3 }, path: '/p/abcdef', want: { pattern: '/p/*', params: { '*': 'abcdef' } } },
  { name: 'methods have their own trees', routes: [['POST', '/a']], path: '/a', want: null },
  { name: 'custom method', routes: [['PROPFIND', '/dav/*']], method: 'PROPFIND', path: '/dav/x', want: { pattern: '/dav/*', params: { '*': 'x' } } },
  { name: 'several methods at once', routes: [[['GET', 'HEAD'], '/h']], method: 'HEAD', path: '/h', want: { pattern: '/h', params: {} } },
  { name: 'case-sensitive by default', routes: ['/About'], path: '/about', want: null },
  { name: 'caseSensitive false folds static text, keeps param case', routes: ['/Users/:id'], options: { caseSensitive: false }, path: '/USERS/AbC', want: { pattern: '/Users/:id', params: { id: 'AbC' } } },
  { name: 'ignoreTrailingSlash matches the other form', routes: ['/a/'], options: { ignoreTrailingSlash: true }, path: '/a', want: { pattern: '/a/', params: {} } },
  { name: 'find never redirects', routes: ['/a'], path: '/a/', want: null },
  { name: 'the root catch-all "*" keeps the leading slash', routes: ['*', '/x/y'], path: '/x/z', want: { pattern: '*', params: { '*': '/x/z' } } },
  { name: 'empty path', routes: ['/'], path: '', want: null },
  { name: 'path without a leading slash', routes: ['/a'], path: 'a', want: null },
];

describe('Router.find', () => {
  for (const c of findCases) {
    it(c.name, () => {
      const found = router(c.routes, c.options).find(c.method ?? 'GET', c.path);
      expect(found === null ? null : { pattern: found.pattern, params: found.params.toObject() }).to.deep.equal(c.want);
      if (found !== null) expect(found.value).to.equal(found.pattern);
    });
  }
});

interface MatchCase {
  name: string;
  routes: (string | [string | string[], string])[];
  options?: RouterOptions;
  method?: string;
  path: string;
  want: Lookup<string> | { kind: 'found'; value: string; params: Record<string, string>; pattern: string };
}

const matchCases: MatchCase[] = [
  { name: 'found', routes: ['/a/:b'], path: '/a/x', want: { kind: 'found', value: '/a/:b', params: { b: 'x' }, pattern: '/a/:b' } },
  { name: 'trailing slash removed, 301 for GET', routes: ['/a'], path: '/a/', want: { kind: 'redirect', location: '/a', status: 301 } },
  { name: 'trailing slash added', routes: ['/a/'], path: '/a', want: { kind: 'redirect', location: '/a/', status: 301 } },
  { name: '308 for other methods', routes: [['POST', '/a']], method: 'POST', path: '/a/', want: { kind: 'redirect', location: '/a', status: 308 } },
  { name: '308 for HEAD', routes: [['HEAD', '/a']], method: 'HEAD', path: '/a/', want: { kind: 'redirect', location: '/a', status: 308 } },
  { name: 'no trailing-slash redirect when disabled', routes: ['/a'], options: { redirectTrailingSlash: false }, path: '/a/', want: { kind: 'not-found' } },
  { name: 'no redirect for the root', routes: ['/:x'], path: '/', want: { kind: 'not-found' } },
  { name: 'empty path redirects to the root', routes: ['/'], path: '', want: { kind: 'redirect', location: '/', status: 301 } },
  { name: 'no fixed-path redirect by default', routes: ['/path'], path: '/PATH', want: { kind: 'not-found' } },
  { name: 'fixed path: case folding', routes: ['/path'], options: { redirectFixedPath: true }, path: '/PATH', want: { kind: 'redirect', location: '/path', status: 301 } },
  { name: 'fixed path: param keeps its case', routes: ['/search/:q'], options: { redirectFixedPath: true }, path: '/SEARCH/Go', want: { kind: 'redirect', location: '/search/Go', status: 301 } },
  { name: 'fixed path: cleaning', routes: ['/a/b'], options: { redirectFixedPath: true }, path: '//a/./x/../b', want: { kind: 'redirect', location: '/a/b', status: 301 } },
  { name: 'fixed path: also fixes the trailing slash', routes: ['/dir/'], options: { redirectFixedPath: true }, path: '/DIR', want: { kind: 'redirect', location: '/dir/', status: 301 } },
  { name: 'fixed path: Unicode case folding', routes: ['/Π'], options: { redirectFixedPath: true }, path: '/π', want: { kind: 'redirect', location: '/Π', status: 301 } },
  { name: 'fixed path: through a regex param', routes: ['/n/:id(^\\d+$)'], options: { redirectFixedPath: true }, path: '/N/12', want: { kind: 'redirect', location: '/n/12', status: 301 } },
  { name: 'no redirect for CONNECT', routes: [['CONNECT', '/a']], method: 'CONNECT', path: '/a/', want: { kind: 'not-found' } },
  { name: 'method not allowed lists the others, sorted', routes: [['PUT', '/r'], ['DELETE', '/r'], ['GET', '/other']], path: '/r', want: { kind: 'method-not-allowed', allow: ['DELETE', 'PUT'] } },
  { name: 'method not allowed only for exact matches', routes: [['DELETE', '/base/:id'], ['GET', '/base/metrics']], path: '/base/x/y', want: { kind: 'not-found' } },
  { name: 'handleMethodNotAllowed false gives not-found', routes: [['POST', '/r']], options: { handleMethodNotAllowed: false }, path: '/r', want: { kind: 'not-found' } },
  { name: 'unknown method with a known path', routes: ['/r'], method: 'BREW', path: '/r', want: { kind: 'method-not-allowed', allow: ['GET'] } },
  { name: 'malformed escape is a bad request', routes: ['/p/:v'], path: '/p/%E0%A4%A', want: { kind: 'bad-request', reason: 'malformed percent-encoding in the path' } },
  { name: 'malformed escape outside params is a bad request', routes: ['/p/:v'], path: '/%zz/x', want: { kind: 'bad-request', reason: 'malformed percent-encoding in the path' } },
  { name: 'too-long param is a bad request', routes: ['/p/:v'], options: { maxParamLength: 2 }, path: '/p/abc', want: { kind: 'bad-request', reason: 'a param is longer than maxParamLength (2)' } },
  { name: 'not found', routes: ['/a'], path: '/b', want: { kind: 'not-found' } },
];

describe('Router.match', () => {
  for (const c of matchCases) {
    it(c.name, () => {
      const m = router(c.routes, c.options).match(c.method ?? 'GET', c.path);
      expect(m.kind === 'found' ? { ...m, params: m.params.toObject() } : m).to.deep.equal(c.want);
    });
  }
});

interface AddCase {
  name: string;
  routes: string[];
  pattern: string;
  method?: string;
  code: RouteErrorCode;
  mentions: string[];
}

const addCases: AddCase[] = [
  { name: 'duplicate pattern', routes: ['/a/:id'], pattern: '/a/:id', code: 'ERR_ROUTER_DUPLICATE', mentions: ['/a/:id'] },
  { name: 'optional param duplicating a route', routes: ['/foo'], pattern: '/foo/:bar?', code: 'ERR_ROUTER_DUPLICATE', mentions: ['/foo/:bar?', '/foo'] },
  { name: 'root catch-all "*" duplicates "/*"', routes: ['/*'], pattern: '*', code: 'ERR_ROUTER_CONFLICT', mentions: ['*', '/*'] },
  { name: 'two param names at one position', routes: ['/users/:id/posts'], pattern: '/users/:name', code: 'ERR_ROUTER_CONFLICT', mentions: ['/users/:name', '/users/:id/posts'] },
  { name: 'two regexes of one shape at one position', routes: ['/x/:id(1)'], pattern: '/x/:id(2)', code: 'ERR_ROUTER_CONFLICT', mentions: ['/x/:id(2)', '/x/:id(1)'] },
  { name: 'two catch-all names at one position', routes: ['/src/*filepath'], pattern: '/src/*other', code: 'ERR_ROUTER_CONFLICT', mentions: ['/src/*other', '/src/*filepath'] },
  { name: 'text after a catch-all', routes: [], pattern: '/src/*filepath/x', code: 'ERR_ROUTER_INVALID_PATTERN', mentions: ['/src/*filepath/x'] },
  { name: 'catch-all inside a segment', routes: [], pattern: '/src*', code: 'ERR_ROUTER_INVALID_PATTERN', mentions: ['/src*'] },
  { name: 'empty param name', routes: [], pattern: '/user:/x', code: 'ERR_ROUTER_INVALID_PATTERN', mentions: ['/user:/x'] },
  { name: 'unclosed regex', routes: [], pattern: '/n/:id(^\\d+', code: 'ERR_ROUTER_INVALID_PATTERN', mentions: ['/n/:id(^\\d+'] },
  { name: 'invalid regex', routes: [], pattern: '/n/:id([)', code: 'ERR_ROUTER_INVALID_PATTERN', mentions: ['/n/:id([)'] },
  { name: 'params without a separator', routes: [], pattern: '/:foo:bar', code: 'ERR_ROUTER_INVALID_PATTERN', mentions: ['/:foo:bar'] },
  { name: 'optional param not last', routes: [], pattern: '/a/:b?/c', code: 'ERR_ROUTER_INVALID_PATTERN', mentions: ['/a/:b?/c'] },
  { name: 'param name used twice', routes: [], pattern: '/:id/x/:id', code: 'ERR_ROUTER_INVALID_PATTERN', mentions: ['id'] },
  { name: 'pattern without a leading slash', routes: [], pattern: 'users', code: 'ERR_ROUTER_INVALID_PATTERN', mentions: ['users'] },
  { name: 'empty pattern', routes: [], pattern: '', code: 'ERR_ROUTER_INVALID_PATTERN', mentions: [] },
  { name: 'method that is not a token', routes: [], pattern: '/a', method: 'GE T', code: 'ERR_ROUTER_INVALID_METHOD', mentions: ['GE T'] },
];

describe('Router.add errors', () => {
  for (const c of addCases) {
    it(c.name, () => {
      const r = router(c.routes);
      let err: unknown = null;
      try {
        r.add(c.method ?? 'GET', c.pattern, c.pattern);
      } catch (e) {
        err = e;
      }
      expect(err).to.be.instanceOf(RouteError);
      const e = err as RouteError;
      expect(e.code).to.equal(c.code);
      for (const m of c.mentions) expect(e.message).to.include(m);
    });
  }

  it('a refused route leaves the tree as it was', () => {
    const r = router(['/users/:id/posts']);
    expect(() => r.add(['GET', 'POST'], '/users/:name', 'x')).to.throw(RouteError);
    expect(r.routes()).to.deep.equal([{ method: 'GET', pattern: '/users/:id/posts' }]);
    expect(r.find('POST', '/users/x')).to.equal(null);
    expect(r.prettyPrint()).to.not.include('POST');
    expect(r.find('GET', '/users/7/posts')?.params.toObject()).to.deep.equal({ id: '7' });
  });
});

describe('Router.routes and prettyPrint', () => {
  it('routes lists each method and pattern in the order added', () => {
    const r = router(['/a', [['POST', 'PUT'], '/b/:id?']]);
    expect(r.routes()).to.deep.equal([
      { method: 'GET', pattern: '/a' },
      { method: 'POST', pattern: '/b/:id?' },
      { method: 'PUT', pattern: '/b/:id?' },
    ]);
  });

  it('prettyPrint draws each node with the pattern that ends there', () => {
    const r = router(['/users/new', '/users/:id', '/files/*filepath']);
    expect(r.prettyPrint()).to.equal(
      [
        'GET',
        '└── "/"',
        '    ├── "users/"',
        '    │   ├── "new"  [/users/new]',
        '    │   └── :id  [/users/:id]',
        '    └── "files/"',
        '        └── *filepath (with its "/")  [/files/*filepath]',
      ].join('\n'),
    );
  });
});
