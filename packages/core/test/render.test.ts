import { expect } from 'chai';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { HTMLTemplate } from '@sloe/template';
import { Engine } from '../src/index.js';

const views = fileURLToPath(new URL('./fixtures/views/', import.meta.url));

describe('rendering', () => {
  it('string() formats with Go verbs', async () => {
    const app = new Engine();
    app.get('/', (c) => c.string(200, '%s is %d years, %.2f%% %v %q', 'Ann', 42, 12.5, [1, 2], 'x'));
    const r = await app.inject('/');
    expect(r.body).to.equal('Ann is 42 years, 12.50% [1 2] "x"');
    expect(r.headers['content-type']).to.equal('text/plain; charset=utf-8');
  });

  it('indentedJSON indents by four spaces', async () => {
    const app = new Engine();
    app.get('/', (c) => c.indentedJSON(200, { a: [1] }));
    expect((await app.inject('/')).body).to.equal('{\n    "a": [\n        1\n    ]\n}');
  });

  it('json(undefined) sends null', async () => {
    const app = new Engine();
    app.get('/', (c) => c.json(200, undefined));
    expect((await app.inject('/')).body).to.equal('null');
  });

  it('redirect sets Location; a non-redirect status is ERR_CORE_BAD_STATUS', async () => {
    const app = new Engine();
    app.get('/a', (c) => c.redirect(302, '/b'));
    app.get('/bad', (c) => c.redirect(200, '/b'));
    const r = await app.inject('/a');
    expect([r.status, r.headers['location']]).to.deep.equal([302, '/b']);
    expect((await app.inject('/bad')).status).to.equal(500);
  });

  it('data() sends bytes with the given type', async () => {
    const app = new Engine();
    app.get('/', (c) => c.data(200, 'image/png', new Uint8Array([1, 2, 3])));
    const r = await app.inject('/');
    expect([r.headers['content-type'], [...r.rawBody]]).to.deep.equal(['image/png', [1, 2, 3]]);
  });

  const negotiation: { accept: string; type: string; body: string; status: number }[] = [
    { accept: 'application/json', type: 'application/json; charset=utf-8', body: '{"n":1}', status: 200 },
    { accept: 'text/plain', type: 'text/plain; charset=utf-8', body: 'n=1', status: 200 },
    { accept: 'text/*;q=0.5, application/json;q=0.1', type: 'text/plain; charset=utf-8', body: 'n=1', status: 200 },
    { accept: 'image/png', type: '', body: '', status: 406 },
  ];
  for (const n of negotiation) {
    it(`negotiate picks ${n.status === 406 ? '406' : n.type} for Accept: ${n.accept}`, async () => {
      const app = new Engine();
      app.get('/', (c) => c.negotiate(200, { json: { n: 1 }, text: 'n=1' }));
      const r = await app.inject({ url: '/', headers: { accept: n.accept } });
      expect(r.status).to.equal(n.status);
      if (n.type !== '') expect(r.headers['content-type']).to.equal(n.type);
      expect(r.body).to.equal(n.body);
    });
  }

  it('negotiate renders the HTML offer for Accept: text/html', async () => {
    const app = new Engine();
    app.setHTMLTemplate(new HTMLTemplate('n').parse('<p>{{.}}</p>'));
    app.get('/', (c) => c.negotiate(200, { json: { n: 1 }, html: { name: 'n', data: '<1>' } }));
    const r = await app.inject({ url: '/', headers: { accept: 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.8' } });
    expect([r.headers['content-type'], r.body]).to.deep.equal(['text/html; charset=utf-8', '<p>&lt;1&gt;</p>']);
  });

  it('html() renders a template set with contextual escaping', async () => {
    const app = new Engine();
    app.setHTMLTemplate(new HTMLTemplate('page').parse('<a href="/u?q={{.Q}}">{{.Name}}</a>'));
    app.get('/', (c) => c.html(200, 'page', { Q: 'a b&c', Name: '<b>' }));
    const r = await app.inject('/');
    expect(r.body).to.equal('<a href="/u?q=a%20b%26c">&lt;b&gt;</a>');
    expect(r.headers['content-type']).to.equal('text/html; charset=utf-8');
  });

  it('loadHTMLGlob names templates by relative path, so nested folders do not collide (gin #2705)', async () => {
    const app = new Engine();
    app.loadHTMLGlob(path.join(views, '**/*.html'));
    app.get('/users', (c) => c.html(200, 'users/list.html', ['<ann>', 'bob']));
    app.get('/admins', (c) => c.html(200, 'admin/list.html', ['x', 'y']));
    expect((await app.inject('/users')).body).to.equal('<!doctype html><title>Users</title><main><ul><li>&lt;ann&gt;</li><li>bob</li></ul></main>');
    expect((await app.inject('/admins')).body).to.equal('<!doctype html><title>Admins</title><main><p>2 admins</p></main>');
  });

  it('an unknown template name is ERR_CORE_TEMPLATE_NOT_FOUND, and no templates is ERR_CORE_NO_TEMPLATES', async () => {
    const errors: string[] = [];
    for (const setup of [(a: Engine) => a.loadHTMLGlob(path.join(views, '**/*.html')), () => undefined]) {
      const app = new Engine();
      setup(app);
      app.use(async (c) => {
        await c.next().catch((err: unknown) => {
          errors.push((err as { code: string }).code);
          c.string(500, 'x');
        });
      });
      app.get('/', (c) => c.html(200, 'missing.html', {}));
      await app.inject('/');
    }
    expect(errors).to.deep.equal(['ERR_CORE_TEMPLATE_NOT_FOUND', 'ERR_CORE_NO_TEMPLATES']);
  });

  it('file() and fileAttachment() send a file with its type and a download name', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'sloe-core-'));
    const f = path.join(dir, 'report.csv');
    writeFileSync(f, 'a,b\n');
    const app = new Engine();
    app.get('/f', (c) => c.file(f));
    app.get('/d', (c) => c.fileAttachment(f, 'rapport é.csv'));
    app.get('/missing', (c) => c.file(path.join(dir, 'nope')));
    const r = await app.inject('/f');
    expect([r.status, r.headers['content-type'], r.body]).to.deep.equal([200, 'text/csv; charset=utf-8', 'a,b\n']);
    const d = await app.inject('/d');
    expect(d.headers['content-disposition']).to.equal(`attachment; filename="rapport _.csv"; filename*=UTF-8''rapport%20%C3%A9.csv`);
    expect((await app.inject('/missing')).status).to.equal(404);
  });

  it('stream() writes chunks as they come', async () => {
    const app = new Engine();
    app.get('/', (c) =>
      c.stream(200, 'text/plain', (async function* () {
        yield 'a';
        yield Buffer.from('b');
      })()),
    );
    const r = await app.inject('/');
    expect(r.body).to.equal('ab');
  });

  it('an event stream left open ends when the handler returns', async () => {
    const app = new Engine();
    app.get('/events', async (c) => {
      await c.sse().send({ data: 'only' });
    });
    const r = await app.inject('/events');
    expect(r.body).to.equal('data: only\n\n');
  });

  it('sse() sends events in the text/event-stream format, through fetch() as a stream', async () => {
    const app = new Engine();
    app.get('/events', async (c) => {
      const s = c.sse();
      await s.send({ event: 'tick', id: '1', data: { n: 1 } });
      await s.send({ data: 'two\nlines' });
      await s.close();
    });
    const res = await app.fetch(new Request('http://localhost/events'));
    expect(res.headers.get('content-type')).to.equal('text/event-stream; charset=utf-8');
    expect(await res.text()).to.equal('event: tick\nid: 1\ndata: {"n":1}\n\ndata: two\ndata: lines\n\n');
  });
});
