// Body limits agree between the Engine and its transport: the transport accepts the largest
// body any route or form type accepts, and the Engine holds each route to its own limit,
// refusing a declared Content-Length over it (413) before the handler runs.
import { expect } from 'chai';
import http from 'node:http';
import net from 'node:net';
import { Engine, type Listening } from '../src/index.js';

const MiB = 1024 * 1024;

/** Posts a whole body over a socket; resolves with the status and body. */
function post(port: number, path: string, type: string, body: Buffer, chunked = false): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { 'content-type': type };
    if (!chunked) headers['content-length'] = String(body.length);
    const req = http.request({ host: '127.0.0.1', port, method: 'POST', path, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString() }));
    });
    req.on('error', reject);
    if (chunked) {
      req.write(body.subarray(0, 10));
      req.end(body.subarray(10));
    } else req.end(body);
  });
}

/** Declares a body of `declared` bytes, sends only its first bytes, and reads the answer's status line. */
function declare(port: number, path: string, type: string, declared: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    let got = '';
    const done = (): void => {
      socket.destroy();
      resolve(got.split('\r\n')[0] ?? '');
    };
    const timer = setTimeout(done, 2000);
    socket.on('data', (d: Buffer) => {
      got += d.toString('latin1');
      if (got.includes('\r\n')) {
        clearTimeout(timer);
        done();
      }
    });
    socket.on('error', () => {
      clearTimeout(timer);
      done();
    });
    socket.write(`POST ${path} HTTP/1.1\r\nHost: x\r\nContent-Type: ${type}\r\nContent-Length: ${declared}\r\n\r\n${'a'.repeat(1000)}`);
  });
}

function multipart(size: number): { type: string; body: Buffer } {
  const boundary = 'sloe-boundary';
  const head = `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="big.bin"\r\nContent-Type: application/octet-stream\r\n\r\n`;
  const tail = `\r\n--${boundary}--\r\n`;
  return { type: `multipart/form-data; boundary=${boundary}`, body: Buffer.concat([Buffer.from(head), Buffer.alloc(size, 0x61), Buffer.from(tail)]) };
}

function build(): { app: Engine; handled: string[] } {
  const handled: string[] = [];
  const app = new Engine();
  app.post('/upload', async (c) => {
    handled.push('upload');
    const file = await c.formFile('file');
    c.json(200, { size: file?.size });
  });
  app.post('/json', async (c) => {
    handled.push('json');
    c.json(200, { n: (await c.body.bytes()).length });
  });
  app.post('/small', { bodyLimit: 100 }, async (c) => {
    handled.push('small');
    c.json(200, { n: (await c.body.bytes()).length });
  });
  app.post('/big', { bodyLimit: 3 * MiB }, async (c) => {
    handled.push('big');
    c.json(200, { n: (await c.body.bytes()).length });
  });
  return { app, handled };
}

for (const transport of ['node', 'netpoll'] as const) {
  describe(`body limits on the ${transport} transport`, function () {
    const { app, handled } = build();
    let server: Listening;
    before(async function () {
      server = await app.listen({ host: '127.0.0.1', transport });
    });
    after(async function () {
      await server.close();
    });
    beforeEach(function () {
      handled.length = 0;
    });

    it('accepts a 2 MiB multipart upload, under the 32 MiB multipart limit', async function () {
      const { type, body } = multipart(2 * MiB);
      const r = await post(server.port, '/upload', type, body);
      expect([r.status, r.body]).to.deep.equal([200, JSON.stringify({ size: 2 * MiB })]);
    });

    it('refuses a multipart body declared over the multipart limit: 413', async function () {
      expect(await declare(server.port, '/upload', 'multipart/form-data; boundary=x', 33 * MiB)).to.match(/^HTTP\/1\.1 413 /);
    });

    it('refuses a JSON body declared over the JSON limit with 413, without calling the handler', async function () {
      expect(await declare(server.port, '/json', 'application/json', 2 * MiB)).to.match(/^HTTP\/1\.1 413 /);
      expect(handled).to.deep.equal([]);
    });

    it("holds a route to its own smaller limit: 413 without calling the handler", async function () {
      const r = await post(server.port, '/small', 'application/json', Buffer.alloc(200, 0x61));
      expect(r.status).to.equal(413);
      expect(handled).to.deep.equal([]);
      const ok = await post(server.port, '/small', 'application/json', Buffer.alloc(50, 0x61));
      expect([ok.status, ok.body]).to.deep.equal([200, '{"n":50}']);
    });

    it('holds a chunked body to the route limit as it is read', async function () {
      const r = await post(server.port, '/small', 'application/json', Buffer.alloc(200, 0x61), true);
      expect(r.status).to.equal(413);
    });

    it("lets a route's own larger limit through the transport", async function () {
      const r = await post(server.port, '/big', 'application/octet-stream', Buffer.alloc(2.5 * MiB, 0x61));
      expect([r.status, r.body]).to.deep.equal([200, JSON.stringify({ n: 2.5 * MiB })]);
    });
  });
}

describe('body limits in memory', () => {
  it('holds a route to its declared limit before the handler runs', async () => {
    const { app, handled } = build();
    const r = await app.inject({ method: 'POST', url: '/small', headers: { 'content-type': 'application/json' }, body: 'x'.repeat(200) });
    expect(r.status).to.equal(413);
    expect(r.json()).to.deep.include({ error: 'ERR_CORE_BODY_TOO_LARGE' });
    expect(handled).to.deep.equal([]);
  });

  it('runs the middleware before refusing, so the refusal is logged like any answer', async () => {
    const { app } = build();
    const seen: number[] = [];
    app.use(async (c) => {
      await c.next();
      seen.push(c.responseStatus);
    });
    await app.inject({ method: 'POST', url: '/small', body: 'x'.repeat(200) });
    expect(seen).to.deep.equal([413]);
  });
});
