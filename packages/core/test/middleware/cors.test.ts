import { expect } from 'chai';
import { Hono } from 'hono';
import { cors as honoCors } from 'hono/cors';
import { CoreError, Engine, cors, type CorsOptions } from '../../src/index.js';
import { socketWay, type Way } from '../ways.js';
import { expectSame, honoAnswer, sloeAnswer, type SideCase } from './side.js';

const HEADERS = [
  'access-control-allow-origin',
  'access-control-allow-credentials',
  'access-control-allow-methods',
  'access-control-allow-headers',
  'access-control-expose-headers',
  'access-control-max-age',
  'vary',
];

// Deliberate differences from Hono's cors:
const ALLOW_METHODS = "sloe lists the path's real Allow methods; Hono a fixed default list";
const NO_HEADERS_WHEN_REFUSED = 'a disallowed origin gets no CORS header at all; Hono still sends credentials and, on OPTIONS, the preflight headers';
const NOT_CORS = 'without Origin the request is not a CORS request: no CORS header; Hono sends credentials and exposed headers anyway';
const VARY_WHEN_ECHOED = 'Vary: Access-Control-Request-Headers only when the allowed headers echo them; Hono also sends it for configured ones';
const PREFLIGHT_NEEDS_METHOD = 'a preflight is an OPTIONS with Access-Control-Request-Method (Fetch standard); Hono treats every OPTIONS as one';

const listed: CorsOptions = { origin: ['https://a.example', 'https://b.example'], credentials: true, exposeHeaders: ['X-Total'], maxAge: 600 };

function apps(options: CorsOptions, honoOptions: Parameters<typeof honoCors>[0] = options as Parameters<typeof honoCors>[0]): { sloe: Engine; hono: Hono } {
  const sloe = new Engine();
  sloe.use(cors(options));
  sloe.get('/users', (c) => c.json(200, []));
  sloe.post('/users', (c) => c.json(201, {}));
  sloe.post('/only-post', (c) => c.json(201, {}));
  const hono = new Hono();
  hono.use('*', honoCors(honoOptions));
  hono.get('/users', (c) => c.json([]));
  hono.post('/users', (c) => c.json({}, 201));
  hono.post('/only-post', (c) => c.json({}, 201));
  return { sloe, hono };
}

const preflight = (origin: string, method = 'POST'): Record<string, string> => ({
  origin,
  'access-control-request-method': method,
  'access-control-request-headers': 'content-type, x-trace',
});

const listedCases: SideCase[] = [
  { name: 'a GET from a listed origin', method: 'GET', url: '/users', headers: { origin: 'https://a.example' } },
  {
    name: 'a GET without Origin',
    method: 'GET',
    url: '/users',
    differs: {
      'access-control-allow-credentials': NOT_CORS,
      'access-control-expose-headers': NOT_CORS,
    },
    sloe: {},
  },
  {
    name: 'a GET from a disallowed origin',
    method: 'GET',
    url: '/users',
    headers: { origin: 'https://evil.example' },
    differs: { 'access-control-allow-credentials': NO_HEADERS_WHEN_REFUSED, 'access-control-expose-headers': NO_HEADERS_WHEN_REFUSED },
    sloe: {},
  },
  {
    name: 'a preflight from a listed origin',
    method: 'OPTIONS',
    url: '/users',
    headers: preflight('https://b.example'),
    differs: { 'access-control-allow-methods': ALLOW_METHODS },
    sloe: { 'access-control-allow-methods': 'GET, HEAD, OPTIONS, POST' },
  },
  {
    name: 'a preflight for a path with only POST',
    method: 'OPTIONS',
    url: '/only-post',
    headers: preflight('https://a.example'),
    differs: { 'access-control-allow-methods': ALLOW_METHODS },
    sloe: { 'access-control-allow-methods': 'OPTIONS, POST' },
  },
  {
    name: 'a preflight from a disallowed origin',
    method: 'OPTIONS',
    url: '/users',
    headers: preflight('https://evil.example'),
    differs: {
      'access-control-allow-credentials': NO_HEADERS_WHEN_REFUSED,
      'access-control-expose-headers': NO_HEADERS_WHEN_REFUSED,
      'access-control-allow-methods': NO_HEADERS_WHEN_REFUSED,
      'access-control-allow-headers': NO_HEADERS_WHEN_REFUSED,
      'access-control-max-age': NO_HEADERS_WHEN_REFUSED,
      vary: NO_HEADERS_WHEN_REFUSED,
    },
    sloe: { vary: 'Origin' },
  },
  {
    name: 'an OPTIONS without Access-Control-Request-Method',
    method: 'OPTIONS',
    url: '/users',
    headers: { origin: 'https://a.example' },
    differs: {
      'access-control-allow-methods': PREFLIGHT_NEEDS_METHOD,
      'access-control-max-age': PREFLIGHT_NEEDS_METHOD,
    },
    sloe: {},
  },
];

const anyCases: SideCase[] = [
  { name: 'a GET from any origin', method: 'GET', url: '/users', headers: { origin: 'https://x.example' } },
  {
    name: 'a preflight from any origin',
    method: 'OPTIONS',
    url: '/users',
    headers: preflight('https://x.example', 'GET'),
    differs: { 'access-control-allow-methods': ALLOW_METHODS },
    sloe: { 'access-control-allow-methods': 'GET, HEAD, OPTIONS, POST' },
  },
];

const configured: CorsOptions = { origin: /^https:\/\/[a-z]+\.example$/, allowHeaders: ['Content-Type'], maxAge: 0 };
const configuredCases: SideCase[] = [
  {
    name: 'a preflight answered with the configured allowed headers',
    method: 'OPTIONS',
    url: '/users',
    headers: preflight('https://c.example'),
    differs: { 'access-control-allow-methods': ALLOW_METHODS, vary: VARY_WHEN_ECHOED },
    sloe: { 'access-control-allow-methods': 'GET, HEAD, OPTIONS, POST', vary: 'Origin' },
  },
];

// Hono takes no RegExp: the same test as a function.
const configuredHono: Parameters<typeof honoCors>[0] = { allowHeaders: ['Content-Type'], maxAge: 0, origin: (o: string) => (/^https:\/\/[a-z]+\.example$/.test(o) ? o : null) };

const suites: [string, CorsOptions, Parameters<typeof honoCors>[0], SideCase[]][] = [
  ['a list of origins with credentials', listed, listed as Parameters<typeof honoCors>[0], listedCases],
  ['any origin', {}, {}, anyCases],
  ['a RegExp origin and configured headers', configured, configuredHono, configuredCases],
];

describe('cors, side by side with Hono', () => {
  for (const [name, options, honoOptions, cases] of suites) {
    describe(name, () => {
      const { sloe, hono } = apps(options, honoOptions);
      for (const c of cases) {
        it(c.name, async () => {
          expectSame(c, await sloeAnswer(sloe, c, HEADERS), await honoAnswer(hono, c, HEADERS));
        });
      }
    });
  }
});

describe('cors', () => {
  it('refuses credentials with origin * (the Fetch standard fails such a response)', () => {
    expect(() => cors({ credentials: true })).to.throw(CoreError, /credentials/).with.property('code', 'ERR_CORE_OPTIONS');
    expect(() => cors({ origin: '*', credentials: true })).to.throw(CoreError).with.property('code', 'ERR_CORE_OPTIONS');
  });

  it('names an unknown option', () => {
    expect(() => cors({ orign: 'x' } as CorsOptions)).to.throw(CoreError, /unknown option "orign"/).with.property('code', 'ERR_CORE_OPTIONS');
  });

  it('takes a function: true echoes the origin, false refuses; Vary: Origin either way', async () => {
    const app = new Engine();
    app.use(cors({ origin: (o) => o.endsWith('.trusted.example'), credentials: true }));
    app.get('/', (c) => c.string(200, 'ok'));
    const yes = await app.inject({ url: '/', headers: { origin: 'https://a.trusted.example' } });
    expect(yes.headers['access-control-allow-origin']).to.equal('https://a.trusted.example');
    expect(yes.headers['access-control-allow-credentials']).to.equal('true');
    expect(yes.headers['vary']).to.equal('Origin');
    const no = await app.inject({ url: '/', headers: { origin: 'https://evil.example' } });
    expect(no.status).to.equal(200);
    expect(no.headers['access-control-allow-origin']).to.equal(undefined);
    expect(no.headers['vary']).to.equal('Origin');
  });

  it("on a group answers the group's preflights, with the group's Allow list", async () => {
    const app = new Engine();
    const api = app.group('/api');
    api.use(cors({ origin: 'https://a.example' }));
    api.get('/items', (c) => c.json(200, []));
    api.delete('/items', (c) => c.noContent());
    app.get('/open', (c) => c.string(200, 'ok'));
    const r = await app.inject({ method: 'OPTIONS', url: '/api/items', headers: preflight('https://a.example', 'DELETE') });
    expect(r.status).to.equal(204);
    expect(r.headers['access-control-allow-methods']).to.equal('DELETE, GET, HEAD, OPTIONS');
    expect(r.headers['access-control-allow-origin']).to.equal('https://a.example');
    const outside = await app.inject({ method: 'OPTIONS', url: '/open', headers: preflight('https://a.example', 'GET') });
    expect(outside.status).to.equal(204);
    expect(outside.headers['access-control-allow-origin']).to.equal(undefined);
  });

  it('on one route answers that path\'s preflight', async () => {
    const app = new Engine();
    app.put('/doc', cors({ origin: 'https://a.example' }), (c) => c.noContent());
    const r = await app.inject({ method: 'OPTIONS', url: '/doc', headers: preflight('https://a.example', 'PUT') });
    expect(r.status).to.equal(204);
    expect(r.headers['access-control-allow-methods']).to.equal('OPTIONS, PUT');
    const put = await app.inject({ method: 'PUT', url: '/doc', headers: { origin: 'https://a.example' } });
    expect(put.status).to.equal(204);
    expect(put.headers['access-control-allow-origin']).to.equal('https://a.example');
  });

  it("lets an application's own OPTIONS route answer, with the origin headers", async () => {
    const app = new Engine();
    app.use(cors({ origin: 'https://a.example' }));
    app.options('/custom', (c) => c.string(200, 'mine'));
    const r = await app.inject({ method: 'OPTIONS', url: '/custom', headers: preflight('https://a.example') });
    expect(r.status).to.equal(200);
    expect(r.body).to.equal('mine');
    expect(r.headers['access-control-allow-origin']).to.equal('https://a.example');
  });

  for (const transport of ['node', 'netpoll'] as const) {
    describe(`over a ${transport} socket, side by side with Hono`, () => {
      const { sloe, hono } = apps(listed);
      const way: Way = socketWay(transport);
      before(() => way.start(sloe));
      after(() => way.stop());
      for (const c of listedCases) {
        it(c.name, async () => {
          expectSame(c, await sloeAnswer(sloe, c, HEADERS, way), await honoAnswer(hono, c, HEADERS));
        });
      }
    });
  }
});
