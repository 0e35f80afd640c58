// The Engine's automatic answers (OPTIONS with Allow, 405, 404, trailing-slash and fixed-path
// redirects, 400 for a malformed path, OPTIONS *) run behind the Engine's own middleware, and
// OPTIONS and 405 also behind the middleware every route of the path shares: middleware sees,
// logs, answers or aborts them as any other request.
import { expect } from 'chai';
import { pino } from 'pino';
import { Engine, logger, type Context } from '../src/index.js';
import { injectWay, socketWay, type CaseResponse, type Way } from './ways.js';

interface Automatic {
  name: string;
  method: string;
  url: string;
  status: number;
  headers?: Record<string, string>;
  /** Whether the api group's middleware runs (OPTIONS and 405 on the group's paths). */
  group: boolean;
}

const automatic: Automatic[] = [
  { name: 'OPTIONS without a route answers 204 with Allow', method: 'OPTIONS', url: '/api/users', status: 204, headers: { allow: 'GET, HEAD, OPTIONS, POST' }, group: true },
  { name: 'another method on a known path answers 405 with Allow', method: 'DELETE', url: '/api/users', status: 405, headers: { allow: 'GET, HEAD, OPTIONS, POST' }, group: true },
  { name: 'a trailing slash is redirected', method: 'GET', url: '/api/users/?page=2', status: 301, headers: { location: '/api/users?page=2' }, group: false },
  { name: 'a path that needs fixing is redirected', method: 'GET', url: '/api//users', status: 301, headers: { location: '/api/users' }, group: false },
  { name: 'a malformed escape answers 400', method: 'GET', url: '/api/users/%zz', status: 400, group: false },
  { name: 'no route answers 404', method: 'GET', url: '/nowhere', status: 404, group: false },
  { name: 'OPTIONS * answers 200 with every method the server serves', method: 'OPTIONS', url: '*', status: 200, headers: { allow: 'GET, HEAD, OPTIONS, POST, PURGE', 'content-length': '0' }, group: false },
];

function build(): { app: Engine; trace: string[]; logged: Record<string, unknown>[] } {
  const trace: string[] = [];
  const logged: Record<string, unknown>[] = [];
  const log = pino({ level: 'info' }, { write: (s: string) => void logged.push(JSON.parse(s) as Record<string, unknown>) });
  const app = new Engine({ logger: log, router: { redirectFixedPath: true } });
  app.use(logger());
  app.use(async (c) => {
    trace.push(`engine ${c.method} ${c.path}`);
    if (c.header('x-block') === 'engine') return c.abortWithStatus(451);
    await c.next();
  });
  const api = app.group('/api');
  api.use((c) => {
    trace.push(`api ${c.method} ${c.path}`);
    if (c.header('x-block') === 'api') c.abortWithStatusJSON(403, { blocked: c.method });
  });
  api.get('/users', (c) => c.json(200, []));
  api.post('/users', (c) => c.json(201, {}));
  api.get('/users/:id', (c) => c.json(200, { id: c.param('id') }));
  app.handle('PURGE', '/cache', (c) => {
    c.status(202);
  });
  return { app, trace, logged };
}

const ways: Way[] = [injectWay(), socketWay('node'), socketWay('netpoll')];

for (const way of ways) {
  describe(`automatic answers behind middleware, over ${way.name}`, function () {
    const { app, trace, logged } = build();
    before(async function () {
      await way.start(app);
    });
    after(async function () {
      await way.stop();
    });

    for (const a of automatic) {
      it(`${a.name}, after the Engine's middleware${a.group ? " and the group's" : ''}, and is logged`, async function () {
        trace.length = 0;
        logged.length = 0;
        const r: CaseResponse = await way.send({ method: a.method, url: a.url });
        expect(r.status, r.body).to.equal(a.status);
        for (const [k, v] of Object.entries(a.headers ?? {})) expect(r.headers[k], k).to.equal(v);
        const path = a.url.split('?')[0]!;
        const expected = [`engine ${a.method} ${path}`];
        if (a.group) expected.push(`api ${a.method} ${path}`);
        expect(trace).to.deep.equal(expected);
        const lines = logged.filter((l) => l['msg'] === 'request');
        expect(lines.map((l) => [l['method'], l['path'], l['status']])).to.deep.equal([[a.method, path, a.status]]);
      });

      it(`${a.name}: the Engine's middleware can answer instead`, async function () {
        const r = await way.send({ method: a.method, url: a.url, headers: { 'x-block': 'engine' } });
        expect(r.status).to.equal(451);
        expect(r.headers['location']).to.equal(undefined);
      });

      if (a.group) {
        it(`${a.name}: the group's middleware can answer instead`, async function () {
          const r = await way.send({ method: a.method, url: a.url, headers: { 'x-block': 'api' } });
          expect(r.status).to.equal(403);
          expect(JSON.parse(r.body)).to.deep.equal({ blocked: a.method });
        });
      }
    }
  });
}

describe('automatic answers and shared middleware', () => {
  it('only middleware shared by every route of the path runs before OPTIONS and 405', async () => {
    const app = new Engine();
    const ran: string[] = [];
    const mark =
      (name: string) =>
      (c: Context): void => {
        void c;
        ran.push(name);
      };
    const shared = mark('shared');
    const v1 = app.group('/v1', shared);
    v1.group('', mark('reads')).get('/x', (c) => c.string(200, 'x'));
    v1.group('', mark('writes')).put('/x', shared, (c) => c.string(200, 'x'));
    for (const method of ['OPTIONS', 'DELETE']) {
      ran.length = 0;
      const r = await app.inject({ method, url: '/v1/x' });
      expect(r.headers['allow'], method).to.equal('GET, HEAD, OPTIONS, PUT');
      expect(ran, method).to.deep.equal(['shared']);
    }
  });

  it("a route's own handlers shared by every route of the path run too, never the last one", async () => {
    const app = new Engine();
    const ran: string[] = [];
    const guard = (c: Context): void => {
      ran.push(`guard ${c.method}`);
    };
    const handler = (c: Context): void => {
      ran.push('handler');
      c.string(200, 'x');
    };
    app.get('/y', guard, handler);
    app.post('/y', guard, handler);
    const r = await app.inject({ method: 'OPTIONS', url: '/y' });
    expect(r.status).to.equal(204);
    expect(ran).to.deep.equal(['guard OPTIONS']);
  });

  it('an automatic answer steps aside when middleware already answered without aborting', async () => {
    const app = new Engine();
    app.use((c) => {
      if (c.method === 'OPTIONS') c.status(200).setHeader('Access-Control-Allow-Origin', '*').string(200, 'preflight');
    });
    app.get('/z', (c) => c.string(200, 'z'));
    const r = await app.inject({ method: 'OPTIONS', url: '/z' });
    expect([r.status, r.body, r.headers['access-control-allow-origin'], r.headers['allow']]).to.deep.equal([200, 'preflight', '*', 'GET, HEAD, OPTIONS']);
  });

  it('OPTIONS * is answered 404 when handleOptions is off', async () => {
    const app = new Engine({ handleOptions: false });
    app.get('/', (c) => c.string(200, 'home'));
    expect((await app.inject({ method: 'OPTIONS', url: '*' })).status).to.equal(404);
  });
});
