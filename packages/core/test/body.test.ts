import { expect } from 'chai';
import { Engine, methodOverride } from '../src/index.js';

function multipart(boundary: string, parts: { name: string; filename?: string; type?: string; data: string }[]): string {
  let out = '';
  for (const p of parts) {
    out += `--${boundary}\r\nContent-Disposition: form-data; name="${p.name}"${p.filename === undefined ? '' : `; filename="${p.filename}"`}\r\n`;
    if (p.type !== undefined) out += `Content-Type: ${p.type}\r\n`;
    out += `\r\n${p.data}\r\n`;
  }
  return `${out}--${boundary}--\r\n`;
}

describe('request bodies and forms', () => {
  it('reads multipart fields and files', async () => {
    const app = new Engine();
    app.post('/upload', async (c) => {
      const file = await c.formFile('doc');
      c.json(200, { title: await c.postForm('title'), file: file && { filename: file.filename, type: file.type, size: file.size, text: Buffer.from(file.data).toString() } });
    });
    const body = multipart('XyZ', [
      { name: 'title', data: 'Report' },
      { name: 'doc', filename: 'r.txt', type: 'text/plain', data: 'line1\r\nline2' },
    ]);
    const r = await app.inject({ method: 'POST', url: '/upload', headers: { 'content-type': 'multipart/form-data; boundary=XyZ' }, body });
    expect(r.json()).to.deep.equal({ title: 'Report', file: { filename: 'r.txt', type: 'text/plain', size: 12, text: 'line1\r\nline2' } });
  });

  it('refuses a file part over fileLimit with 413', async () => {
    const app = new Engine({ fileLimit: 4 });
    app.post('/upload', async (c) => {
      await c.formFile('doc');
      c.string(200, 'ok');
    });
    const body = multipart('b', [{ name: 'doc', filename: 'big.bin', data: '0123456789' }]);
    const r = await app.inject({ method: 'POST', url: '/upload', headers: { 'content-type': 'multipart/form-data; boundary=b' }, body });
    expect(r.status).to.equal(413);
  });

  it('refuses a multipart body without a boundary with 400', async () => {
    const app = new Engine();
    app.post('/upload', async (c) => {
      await c.form();
    });
    const r = await app.inject({ method: 'POST', url: '/upload', headers: { 'content-type': 'multipart/form-data' }, body: 'x' });
    expect(r.status).to.equal(400);
  });

  it('reads an urlencoded form with postForm', async () => {
    const app = new Engine();
    app.post('/f', async (c) => c.string(200, '%s-%s', await c.postForm('a'), (await c.postForm('missing')) ?? 'none'));
    const r = await app.inject({ method: 'POST', url: '/f', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'a=1+2' });
    expect(r.body).to.equal('1 2-none');
  });

  it('reads a body that arrives in several chunks', async () => {
    const app = new Engine();
    app.post('/j', async (c) => c.json(200, await c.body.json()));
    async function* chunks(): AsyncIterable<Uint8Array> {
      yield Buffer.from('{"a":');
      yield Buffer.from('[1,2]}');
    }
    const r = await app.inject({ method: 'POST', url: '/j', headers: { 'content-type': 'application/json' }, body: chunks() });
    expect(r.json()).to.deep.equal({ a: [1, 2] });
  });

  it('stops reading a chunked body at the limit with 413', async () => {
    const app = new Engine({ bodyLimit: 8 });
    app.post('/j', async (c) => c.json(200, await c.body.json()));
    async function* chunks(): AsyncIterable<Uint8Array> {
      for (let i = 0; i < 10; i++) yield Buffer.from('{"a":1}');
    }
    const r = await app.inject({ method: 'POST', url: '/j', headers: { 'content-type': 'application/json' }, body: chunks() });
    expect(r.status).to.equal(413);
  });

  it('pre middleware overrides the method from a form field _method', async () => {
    const app = new Engine();
    app.pre(methodOverride());
    app.delete('/items/:id', async (c) => c.string(200, 'deleted %s (%s)', c.param('id'), await c.postForm('_method')));
    const r = await app.inject({ method: 'POST', url: '/items/7', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: '_method=DELETE' });
    expect(r.body).to.equal('deleted 7 (DELETE)');
  });

  it('pre middleware rewrites the path before routing', async () => {
    const app = new Engine();
    app.pre((c) => {
      if (c.path.startsWith('/old/')) c.rewrite(`/new/${c.path.slice(5)}`);
    });
    app.get('/new/:name', (c) => c.string(200, '%s at %s', c.param('name'), c.fullPath()));
    expect((await app.inject('/old/page')).body).to.equal('page at /new/:name');
  });

  it('pre middleware can answer and stop routing', async () => {
    const app = new Engine();
    app.pre((c) => c.abortWithStatus(503));
    app.get('/', (c) => c.string(200, 'no'));
    expect((await app.inject('/')).status).to.equal(503);
  });

  it('honours X-Forwarded-For only from a trusted proxy, walking past trusted hops', async () => {
    const app = new Engine({ trustedProxies: ['10.0.0.0/8'] });
    app.get('/ip', (c) => c.string(200, c.clientIP()));
    const trusted = await app.inject({ url: '/ip', remoteAddr: '10.1.2.3:5000', headers: { 'x-forwarded-for': '9.9.9.9, 10.0.0.7' } });
    expect(trusted.body).to.equal('9.9.9.9');
    const untrusted = await app.inject({ url: '/ip', remoteAddr: '8.8.8.8:5000', headers: { 'x-forwarded-for': '9.9.9.9' } });
    expect(untrusted.body).to.equal('8.8.8.8');
    const realIp = await app.inject({ url: '/ip', remoteAddr: '10.1.2.3:5000', headers: { 'x-real-ip': '7.7.7.7' } });
    expect(realIp.body).to.equal('7.7.7.7');
  });
});
