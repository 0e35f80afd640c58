import { expect } from 'chai';
import http from 'node:http';
import { pino } from 'pino';
import { Type } from '@sinclair/typebox';
import { Engine, HttpError, logger, recovery, type Context } from '../src/index.js';

function capturingLogger(): { log: pino.Logger; lines: () => Record<string, unknown>[] } {
  const out: string[] = [];
  const log = pino({ level: 'debug' }, { write: (s: string) => void out.push(s) });
  return { log, lines: () => out.map((l) => JSON.parse(l) as Record<string, unknown>) };
}

describe('the Engine', () => {
  it('routes() lists method, pattern and handler names', () => {
    const app = new Engine();
    function listUsers(c: Context): void {
      c.json(200, []);
    }
    app.group('/api').group('v1').get('/users', listUsers);
    app.post('/x', function auth() {}, function create() {});
    expect(app.routes()).to.deep.equal([
      { method: 'GET', path: '/api/v1/users', handler: 'listUsers', handlers: ['listUsers'] },
      { method: 'POST', path: '/x', handler: 'create', handlers: ['auth', 'create'] },
    ]);
  });

  it('nested groups apply their middleware outermost first', async () => {
    const app = new Engine();
    const trace: string[] = [];
    const mark = (name: string) => async (c: Context) => {
      trace.push(name);
      await c.next();
    };
    app.use(mark('engine'));
    const a = app.group('/a', mark('a'));
    const b = a.group('/b', mark('b'));
    b.get('/c', (c) => c.string(200, c.fullPath()));
    const r = await app.inject('/a/b/c');
    expect(r.body).to.equal('/a/b/c');
    expect(trace).to.deep.equal(['engine', 'a', 'b']);
  });

  it('noRoute and noMethod handlers run after the engine middleware', async () => {
    const app = new Engine();
    app.use(async (c) => {
      c.setHeader('X-Mw', 'yes');
      await c.next();
    });
    app.get('/only-get', (c) => c.string(200, 'ok'));
    app.noRoute((c) => c.json(404, { missing: c.path }));
    app.noMethod((c) => c.json(405, { method: c.method }));
    const nf = await app.inject('/zzz');
    expect([nf.status, nf.headers['x-mw'], nf.body]).to.deep.equal([404, 'yes', '{"missing":"/zzz"}']);
    const nm = await app.inject({ method: 'POST', url: '/only-get' });
    expect([nm.status, nm.headers['allow'], nm.body]).to.deep.equal([405, 'GET, HEAD, OPTIONS', '{"method":"POST"}']);
  });

  it('answers 404 instead of 405 when handleMethodNotAllowed is false', async () => {
    const app = new Engine({ handleMethodNotAllowed: false });
    app.get('/x', (c) => c.string(200, 'ok'));
    expect((await app.inject({ method: 'POST', url: '/x' })).status).to.equal(404);
  });

  it('an explicit HEAD or OPTIONS route wins over the automatic answers', async () => {
    const app = new Engine();
    app.get('/x', (c) => c.string(200, 'get'));
    app.head('/x', (c) => {
      c.setHeader('X-Head', '1');
      c.status(200);
    });
    app.options('/x', (c) => c.string(200, 'options'));
    expect((await app.inject({ method: 'HEAD', url: '/x' })).headers['x-head']).to.equal('1');
    expect((await app.inject({ method: 'OPTIONS', url: '/x' })).body).to.equal('options');
  });

  it('a non-GET redirect for a trailing slash is 308', async () => {
    const app = new Engine();
    app.post('/x', (c) => c.string(200, 'ok'));
    const r = await app.inject({ method: 'POST', url: '/x/' });
    expect([r.status, r.headers['location']]).to.deep.equal([308, '/x']);
  });

  it('a header value with CR or LF never reaches the response (header injection)', async () => {
    const app = new Engine();
    app.get('/r', (c) => c.redirect(302, c.query('to') ?? '/'));
    const r = await app.inject('/r?to=%2Fok%0D%0ASet-Cookie%3A%20evil%3D1');
    expect(r.status).to.equal(500);
    expect(r.cookies).to.deep.equal([]);
    expect(r.headers['location']).to.equal(undefined);
  });

  it('route options must come before the handlers', () => {
    const app = new Engine();
    expect(() => app.handle('GET', '/x', (() => undefined) as never, {} as never)).to.throw(/route options must come first/);
    expect(() => app.get('/y')).to.throw(/at least one handler/);
  });

  it('fetch() serves a Web Request and returns a Response', async () => {
    const app = new Engine();
    app.post('/echo/:id', async (c) => c.json(201, { id: c.param('id'), body: await c.body.json(), q: c.query('q') }));
    const res = await app.fetch(new Request('http://example.test/echo/5?q=z', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"a":1}' }));
    expect(res.status).to.equal(201);
    expect(await res.json()).to.deep.equal({ id: '5', body: { a: 1 }, q: 'z' });
    const head = await app.fetch(new Request('http://example.test/nope', { method: 'HEAD' }));
    expect([head.status, head.body]).to.deep.equal([404, null]);
  });

  it('logger middleware writes one line per request with id, method, path, status, bytes and duration', async () => {
    const { log, lines } = capturingLogger();
    const app = new Engine({ logger: log });
    app.use(logger());
    app.get('/hi', (c) => {
      c.log.info({ step: 'inside' }, 'handling');
      c.string(200, 'hello');
    });
    const r = await app.inject({ url: '/hi', headers: { 'x-request-id': 'req-42' } });
    expect(r.headers['x-request-id']).to.equal('req-42');
    const [inside, line] = lines();
    expect(inside).to.include({ reqId: 'req-42', step: 'inside' });
    expect(line).to.include({ reqId: 'req-42', method: 'GET', path: '/hi', status: 200, bytes: 5, msg: 'request' });
    expect(line!['ms']).to.be.a('number');
    const gen = await app.inject('/hi');
    expect(gen.headers['x-request-id']).to.match(/^[0-9a-f]{8}-\w+$/);
  });

  it('logger middleware under a level above info echoes the request id and writes nothing, until the level is lowered', async () => {
    const { log, lines } = capturingLogger();
    log.level = 'warn';
    const app = new Engine({ logger: log });
    app.use(logger());
    app.get('/hi', (c) => c.string(200, 'hello'));
    const quiet = await app.inject({ url: '/hi', headers: { 'x-request-id': 'req-1' } });
    expect(quiet.headers['x-request-id']).to.equal('req-1');
    expect(quiet.body).to.equal('hello');
    expect(lines()).to.deep.equal([]);
    log.level = 'info';
    await app.inject({ url: '/hi', headers: { 'x-request-id': 'req-2' } });
    expect(lines()).to.have.length(1);
    expect(lines()[0]).to.include({ reqId: 'req-2', status: 200, msg: 'request' });
  });

  it('recovery logs a server error with its stack and answers 500; an HttpError is not logged as an error', async () => {
    const { log, lines } = capturingLogger();
    const app = new Engine({ logger: log });
    app.use(recovery());
    app.get('/boom', () => {
      throw new Error('kaput');
    });
    app.get('/gone', () => {
      throw new HttpError(410, 'gone');
    });
    expect((await app.inject('/boom')).status).to.equal(500);
    expect((await app.inject('/gone')).status).to.equal(410);
    const errors = lines().filter((l) => l['level'] === 50);
    expect(errors).to.have.length(1);
    expect((errors[0]!['err'] as { stack: string }).stack).to.match(/kaput\n\s+at /);
  });

  it('Engine.default() has the logger and recovery', async () => {
    const { log, lines } = capturingLogger();
    const app = Engine.default({ logger: log });
    app.get('/boom', () => {
      throw new Error('x');
    });
    const r = await app.inject('/boom');
    expect(r.status).to.equal(500);
    expect(lines().map((l) => l['msg'])).to.deep.equal(['handler failed', 'request']);
  });

  it('openapi() describes routes, params and schemas as OpenAPI 3.1, served at the configured path, less hidden routes', async () => {
    const app = new Engine({ openapi: { path: '/docs.json', info: { title: 'Users', version: '1.0.0' } } });
    const User = Type.Object({ name: Type.String() });
    app.get('/healthz', { hide: true }, (c) => c.string(200, 'ok'));
    app.post('/users', { schema: { body: User, response: { 201: User } }, summary: 'Create a user', tags: ['users'] }, (c) => c.json(201, c.valid('body')));
    app.get('/users/:id', { schema: { query: Type.Object({ full: Type.Optional(Type.Boolean()) }) } }, (c) => c.json(200, { id: c.param('id') }));
    const doc = (await app.inject('/docs.json')).json<Record<string, unknown>>();
    expect(doc).to.deep.equal({
      openapi: '3.1.0',
      info: { title: 'Users', version: '1.0.0' },
      paths: {
        '/users': {
          post: {
            summary: 'Create a user',
            tags: ['users'],
            requestBody: {
              required: true,
              content: Object.fromEntries(['application/json', 'application/x-www-form-urlencoded', 'multipart/form-data'].map((t) => [t, { schema: { type: 'object', properties: { name: { type: 'string' } }, required: ['name'] } }])),
            },
            responses: {
              '201': { description: 'Created', content: { 'application/json': { schema: { type: 'object', properties: { name: { type: 'string' } }, required: ['name'] } } } },
              '400': { description: 'Invalid request: `details` names each failing field' },
              '413': { description: 'The body is over the size limit' },
              '415': { description: 'The body is not of a media type the route reads' },
            },
          },
        },
        '/users/{id}': {
          get: {
            parameters: [
              { name: 'id', in: 'path', required: true, schema: { type: 'string' } },
              { name: 'full', in: 'query', required: false, schema: { type: 'boolean' } },
            ],
            responses: { '200': { description: 'OK' }, '400': { description: 'Invalid request: `details` names each failing field' } },
          },
        },
      },
    });
  });

  it('close() forces connections closed after closeTimeout when a handler never ends (Fastify #7044)', async () => {
    const app = new Engine({ closeTimeout: 200 });
    let started!: () => void;
    const starts = new Promise<void>((r) => (started = r));
    app.get('/forever', async () => {
      started();
      await new Promise(() => undefined);
    });
    const srv = await app.listen({ port: 0, host: '127.0.0.1' });
    const req = http.get({ host: '127.0.0.1', port: srv.port, path: '/forever', agent: false });
    const closed = new Promise<void>((r) => req.on('error', () => r()).on('close', () => r()));
    await starts;
    const t = performance.now();
    await app.close();
    await closed;
    expect(performance.now() - t).to.be.lessThan(3000);
  });

  for (const transport of ['node', 'netpoll'] as const) {
    it(`answers a handler that read c.signal on a keep-alive connection (${transport})`, async () => {
      const app = new Engine();
      app.get('/sig', async (c) => {
        void c.signal;
        await new Promise((r) => setTimeout(r, 5));
        c.string(200, 'ok');
      });
      const srv = await app.listen({ port: 0, host: '127.0.0.1', transport });
      const agent = new http.Agent({ keepAlive: true });
      try {
        for (let i = 0; i < 2; i++) {
          const body = await new Promise<string>((resolve, reject) => {
            const req = http.get({ host: '127.0.0.1', port: srv.port, path: '/sig', agent, timeout: 2000 }, (res) => {
              let text = '';
              res.setEncoding('utf8').on('data', (d: string) => (text += d)).on('end', () => resolve(text));
            });
            req.on('timeout', () => req.destroy(new Error('no answer within 2 s')));
            req.on('error', reject);
          });
          expect(body).to.equal('ok');
        }
      } finally {
        agent.destroy();
        await app.close();
      }
    });

    it(`a chunked body over the transport's limit is 413 (${transport})`, async () => {
      const app = new Engine();
      app.post('/j', async (c) => c.json(200, await c.body.json()));
      const srv = await app.listen({ port: 0, host: '127.0.0.1', transport, transportOptions: { maxBodyBytes: 100 } });
      expect([srv.host, srv.address]).to.deep.equal(['127.0.0.1', `127.0.0.1:${srv.port}`]);
      try {
        const status = await new Promise<number>((resolve, reject) => {
          const req = http.request({ host: '127.0.0.1', port: srv.port, method: 'POST', path: '/j', headers: { 'content-type': 'application/json' }, agent: false }, (res) => {
            res.resume();
            resolve(res.statusCode ?? 0);
          });
          req.on('error', reject);
          for (let i = 0; i < 20; i++) req.write('{"padding":"xxxxxxxxxxxxxxxxxxxx"}');
          req.end();
        });
        expect(status).to.equal(413);
      } finally {
        await srv.close();
      }
    });

    it(`c.signal aborts when the client goes away, and close() waits for in-flight requests (${transport}, Fastify #7044)`, async () => {
      const app = new Engine({ closeTimeout: 5000 });
      let hangStarted!: () => void;
      const hangStarts = new Promise<void>((r) => (hangStarted = r));
      let abortSeen!: () => void;
      const aborted = new Promise<void>((r) => (abortSeen = r));
      let slowStarted!: () => void;
      const slowStarts = new Promise<void>((r) => (slowStarted = r));
      let slowDone = false;
      app.get('/hang', async (c) => {
        hangStarted();
        await new Promise<void>((resolve) => c.signal.addEventListener('abort', () => resolve()));
        abortSeen();
      });
      app.get('/slow', async (c) => {
        slowStarted();
        await new Promise((r) => setTimeout(r, 200));
        slowDone = true;
        c.string(200, 'slow');
      });
      const srv = await app.listen({ port: 0, host: '127.0.0.1', transport });
      const req = http.get({ host: '127.0.0.1', port: srv.port, path: '/hang', agent: false });
      req.on('error', () => undefined);
      await hangStarts;
      req.destroy();
      await aborted;
      const slow = new Promise<string>((resolve, reject) => {
        http.get({ host: '127.0.0.1', port: srv.port, path: '/slow', agent: false }, (res) => {
          let body = '';
          res.on('data', (d: Buffer) => (body += d.toString()));
          res.on('end', () => resolve(body));
        }).on('error', reject);
      });
      await slowStarts;
      await app.close();
      expect(slowDone).to.equal(true);
      expect(await slow).to.equal('slow');
    });
  }
});
