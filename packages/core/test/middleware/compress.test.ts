import { expect } from 'chai';
import fastifyCompress from '@fastify/compress';
import Fastify, { type FastifyInstance } from 'fastify';
import { Hono } from 'hono';
import { compress as honoCompress } from 'hono/compress';
import http from 'node:http';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { CoreError, Engine, compress, etag, type Context, type Listening } from '../../src/index.js';
import { injectWay, socketWay, type CaseRequest } from '../ways.js';
import { expectSame, honoAnswer, sloeAnswer, type SideCase } from './side.js';

const HEADERS = ['content-encoding', 'vary', 'etag', 'content-type'];

// A JSON body of about 2.7 KB, well over the 1 KiB threshold, and a small one under it.
const big = { items: Array.from({ length: 100 }, (_, i) => ({ id: i, name: `user ${i}` })) };
const bigText = JSON.stringify(big);
const small = { hello: 'world' };
const jsonType = { 'content-type': 'application/json; charset=utf-8' };

// Deliberate differences:
const SIZE_KNOWN = 'sloe knows the size of a body given whole; Hono only reads Content-Length, which its c.json does not set, so it compresses small bodies';
const RANGE = 'a Range request is answered uncompressed (byte ranges are of the identity body); Hono compresses it';
const STAR_IS_BR = '`*` accepts every coding, so the preferred one, br; @fastify/compress reads `*` as gzip';
const VARY_ALWAYS = 'the answer depends on Accept-Encoding even when it is not compressed: Vary is sent; @fastify/compress sends it only on compressed answers';

function routes(app: Engine): Engine {
  app.get('/big', (c) => c.json(200, big));
  app.get('/small', (c) => c.json(200, small));
  app.get('/no-transform', (c) => {
    c.setHeader('Cache-Control', 'no-transform');
    c.json(200, big);
  });
  app.get('/encoded', (c) => {
    c.setHeader('Content-Encoding', 'gzip');
    c.data(200, 'application/json', zlib.gzipSync(bigText));
  });
  app.get('/image', (c) => c.data(200, 'image/png', Buffer.alloc(4096, 7)));
  app.get('/strong', (c) => {
    c.setHeader('ETag', '"v1"');
    c.json(200, big);
  });
  app.get('/empty', (c) => c.noContent());
  app.get('/varied', (c) => {
    c.setHeader('Vary', 'Accept');
    c.json(200, big);
  });
  return app;
}

function honoApp(): Hono {
  const h = new Hono();
  h.use('*', honoCompress());
  h.get('/big', (c) => c.body(bigText, 200, jsonType));
  h.get('/small', (c) => c.body(JSON.stringify(small), 200, jsonType));
  h.get('/no-transform', (c) => c.body(bigText, 200, { ...jsonType, 'cache-control': 'no-transform' }));
  h.get('/encoded', (c) => c.body(zlib.gzipSync(bigText), 200, { 'content-type': 'application/json', 'content-encoding': 'gzip' }));
  h.get('/image', (c) => c.body(Buffer.alloc(4096, 7), 200, { 'content-type': 'image/png' }));
  h.get('/strong', (c) => c.body(bigText, 200, { ...jsonType, etag: '"v1"' }));
  h.get('/empty', (c) => c.body(null, 204));
  h.get('/varied', (c) => c.body(bigText, 200, { ...jsonType, vary: 'Accept' }));
  return h;
}

const gz = { 'accept-encoding': 'gzip' };
const honoCases: SideCase[] = [
  { name: 'gzip when asked', method: 'GET', url: '/big', headers: gz },
  { name: 'gzip before deflate at equal weight', method: 'GET', url: '/big', headers: { 'accept-encoding': 'deflate, gzip' } },
  { name: 'the higher q-value wins', method: 'GET', url: '/big', headers: { 'accept-encoding': 'gzip;q=0.5, deflate;q=0.8' } },
  { name: 'q=0 refuses a coding', method: 'GET', url: '/big', headers: { 'accept-encoding': 'gzip;q=0' } },
  { name: 'no Accept-Encoding, no coding, but Vary', method: 'GET', url: '/big' },
  { name: 'identity only', method: 'GET', url: '/big', headers: { 'accept-encoding': 'identity' } },
  { name: 'a body under the threshold', method: 'GET', url: '/small', headers: gz, differs: { 'content-encoding': SIZE_KNOWN, vary: SIZE_KNOWN }, sloe: {} },
  { name: 'Cache-Control: no-transform', method: 'GET', url: '/no-transform', headers: gz },
  { name: 'an already encoded body', method: 'GET', url: '/encoded', headers: gz },
  { name: 'a type not worth compressing', method: 'GET', url: '/image', headers: gz },
  { name: 'a strong ETag is weakened', method: 'GET', url: '/strong', headers: gz },
  { name: 'a 204', method: 'GET', url: '/empty', headers: gz },
  { name: 'Vary keeps what the handler set', method: 'GET', url: '/varied', headers: gz },
  { name: 'HEAD is never compressed', method: 'HEAD', url: '/big', headers: gz },
  {
    name: 'a Range request',
    method: 'GET',
    url: '/big',
    headers: { ...gz, range: 'bytes=0-99' },
    differs: { 'content-encoding': RANGE, vary: RANGE },
    sloe: {},
  },
];

async function fastifyApp(): Promise<FastifyInstance> {
  const f = Fastify();
  await f.register(fastifyCompress);
  f.get('/big', async () => big);
  f.get('/small', async () => small);
  return f;
}

const fastifyCases: SideCase[] = [
  { name: 'br when asked', method: 'GET', url: '/big', headers: { 'accept-encoding': 'br' } },
  { name: 'br before gzip at equal weight', method: 'GET', url: '/big', headers: { 'accept-encoding': 'gzip, deflate, br' } },
  { name: 'gzip when it weighs more than br', method: 'GET', url: '/big', headers: { 'accept-encoding': 'gzip;q=1, br;q=0.5' } },
  { name: 'deflate alone', method: 'GET', url: '/big', headers: { 'accept-encoding': 'deflate' } },
  { name: 'a body under the threshold', method: 'GET', url: '/small', headers: { 'accept-encoding': 'br' } },
  { name: '* accepts anything', method: 'GET', url: '/big', headers: { 'accept-encoding': '*' }, differs: { 'content-encoding': STAR_IS_BR }, sloe: { 'content-encoding': 'br', vary: 'Accept-Encoding' } },
  { name: 'identity only', method: 'GET', url: '/big', headers: { 'accept-encoding': 'identity' }, differs: { vary: VARY_ALWAYS }, sloe: { vary: 'Accept-Encoding' } },
];

function decode(coding: string | undefined, body: Buffer): string {
  switch (coding) {
    case 'br':
      return zlib.brotliDecompressSync(body).toString('utf8');
    case 'gzip':
      return zlib.gunzipSync(body).toString('utf8');
    case 'deflate':
      return zlib.inflateSync(body).toString('utf8');
    default:
      return body.toString('utf8');
  }
}

interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/** One request over a socket, the body kept as bytes. */
function rawRequest(port: number, req: CaseRequest): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const r = http.request({ host: '127.0.0.1', port, method: req.method, path: req.url, headers: req.headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    r.on('error', reject);
    r.end();
  });
}

describe('compress, side by side with Hono', () => {
  for (const way of [injectWay(), socketWay('node'), socketWay('netpoll')]) {
    describe(way.name, () => {
      const sloe = routes(new Engine().use(compress({ encodings: ['gzip', 'deflate'] })));
      const hono = honoApp();
      before(() => way.start(sloe));
      after(() => way.stop());
      for (const c of honoCases) {
        it(c.name, async () => {
          expectSame(c, await sloeAnswer(sloe, c, HEADERS, way), await honoAnswer(hono, c, HEADERS));
        });
      }
    });
  }
});

describe('compress, side by side with @fastify/compress', () => {
  let fastify: FastifyInstance;
  const sloe = routes(new Engine().use(compress()));
  before(async () => {
    fastify = await fastifyApp();
  });
  after(() => fastify.close());
  for (const c of fastifyCases) {
    it(c.name, async () => {
      const ours = await sloeAnswer(sloe, c, ['content-encoding', 'vary']);
      const r = await fastify.inject({ method: 'GET', url: c.url, headers: c.headers });
      const theirs = { status: r.statusCode, headers: { 'content-encoding': r.headers['content-encoding'] as string | undefined, vary: r.headers['vary'] as string | undefined } };
      // @fastify/compress spells the header in lower case.
      if (theirs.headers.vary !== undefined) theirs.headers.vary = 'Accept-Encoding';
      expectSame(c, ours, theirs);
    });
  }
});

describe('compress', () => {
  it('checks its options', () => {
    expect(() => compress({ level: 9 } as never)).to.throw(CoreError, 'unknown option "level"');
    expect(() => compress({ threshold: -1 })).to.throw(CoreError, '"threshold" must be a whole number of bytes');
    expect(() => compress({ encodings: ['zstd'] as never })).to.throw(CoreError, '"encodings" must list some of br, gzip, deflate');
    expect(() => compress({ encodings: [] })).to.throw(CoreError, '"encodings"');
    expect(() => compress({ encodings: ['gzip', 'gzip'] })).to.throw(CoreError, 'each once');
    expect(() => compress({ sse: 1 } as never)).to.throw(CoreError, '"sse" must be a boolean');
  });

  it('a threshold of its own: a smaller body is compressed, a larger limit leaves it', async () => {
    const low = new Engine().use(compress({ threshold: 10 })).get('/', (c) => c.json(200, small));
    const high = new Engine().use(compress({ threshold: 4096 })).get('/', (c) => c.json(200, big));
    const r = await low.inject({ url: '/', headers: { 'accept-encoding': 'br' } });
    expect([r.headers['content-encoding'], decode('br', Buffer.from(r.rawBody))]).to.deep.equal(['br', JSON.stringify(small)]);
    expect((await high.inject({ url: '/', headers: { 'accept-encoding': 'br' } })).headers['content-encoding']).to.equal(undefined);
  });

  it('an event stream only when asked, flushed event by event', async () => {
    const plain = new Engine().use(compress({ threshold: 0 })).get('/events', async (c) => {
      const s = c.sse();
      await s.send({ data: 'one' });
    });
    expect((await plain.inject({ url: '/events', headers: { 'accept-encoding': 'gzip' } })).headers['content-encoding']).to.equal(undefined);
  });

  for (const transport of ['node', 'netpoll'] as const) {
    describe(`over a ${transport} socket`, () => {
      let listening: Listening;
      let release: () => void = () => undefined;
      let produced = 0;
      const chunk = Buffer.alloc(1 << 20);
      // Random bytes: gzip cannot shrink them, so what is produced is what must be sent.
      for (let i = 0; i < chunk.length; i += 4) chunk.writeUInt32LE((Math.random() * 2 ** 32) >>> 0, i);
      const app = new Engine().use(compress({ sse: true }));
      routes(app);
      app.get('/stream', (c) => c.stream(200, 'text/plain; charset=utf-8', (function* () {
        for (let i = 0; i < 50; i++) yield `line ${i} ${'x'.repeat(100)}\n`;
      })()));
      app.get('/flood', (c) =>
        c.stream(200, 'application/octet-stream+json', (async function* () {
          for (let i = 0; i < 48; i++) {
            produced += chunk.length;
            yield chunk;
          }
        })()),
      );
      app.get('/events', async (c: Context) => {
        const s = c.sse();
        await s.send({ data: 'first' });
        await new Promise<void>((r) => (release = r));
        await s.send({ data: 'second' });
      });
      before(async () => {
        listening = await app.listen({ host: '127.0.0.1', transport });
      });
      after(() => listening.close());

      for (const coding of ['br', 'gzip', 'deflate']) {
        it(`a body given whole in ${coding}, with its length, decodes to the original`, async () => {
          const r = await rawRequest(listening.port, { method: 'GET', url: '/big', headers: { 'accept-encoding': coding } });
          expect([r.headers['content-encoding'], r.headers['content-length'], r.headers['transfer-encoding']]).to.deep.equal([coding, String(r.body.length), undefined]);
          expect(decode(coding, r.body)).to.equal(bigText);
        });
      }

      it('a brotli client gets a streamed body chunked, decoding to every chunk', async () => {
        const r = await rawRequest(listening.port, { method: 'GET', url: '/stream', headers: { 'accept-encoding': 'br' } });
        expect([r.headers['content-encoding'], r.headers['transfer-encoding'], r.headers['vary']]).to.deep.equal(['br', 'chunked', 'Accept-Encoding']);
        const text = decode('br', r.body);
        expect(text.split('\n').length).to.equal(51);
        expect(text.startsWith('line 0 ')).to.equal(true);
      });

      it('a client that stops reading holds the handler back', async () => {
        produced = 0;
        let received = 0;
        const res = await new Promise<http.IncomingMessage>((resolve, reject) => {
          const r = http.request({ host: '127.0.0.1', port: listening.port, path: '/flood', headers: { 'accept-encoding': 'gzip' }, agent: false }, resolve);
          r.on('error', reject);
          r.end();
        });
        expect(res.headers['content-encoding']).to.equal('gzip');
        res.pause();
        await new Promise((r) => setTimeout(r, 400));
        // 48 MiB to send; socket buffers and the transport's high-water mark hold a few.
        const heldBack = produced;
        const gunzip = zlib.createGunzip();
        gunzip.on('data', (d: Buffer) => (received += d.length));
        await new Promise<void>((resolve, reject) => {
          res.pipe(gunzip).on('end', resolve).on('error', reject);
        });
        expect(heldBack, `produced ${heldBack} bytes before the client read`).to.be.below(24 << 20);
        expect(received).to.equal(48 << 20);
      });

      it('an event stream, when asked, is compressed and each event flushed', async () => {
        const res = await new Promise<http.IncomingMessage>((resolve, reject) => {
          const r = http.request({ host: '127.0.0.1', port: listening.port, path: '/events', headers: { 'accept-encoding': 'gzip' }, agent: false }, resolve);
          r.on('error', reject);
          r.end();
        });
        expect(res.headers['content-encoding']).to.equal('gzip');
        const gunzip = res.pipe(zlib.createGunzip());
        let text = '';
        await new Promise<void>((resolve) => {
          gunzip.on('data', (d: Buffer) => {
            text += d.toString('utf8');
            // The second event is sent only once the first was read: without a flush, never.
            if (text.includes('data: first')) release();
            if (text.includes('data: second')) resolve();
          });
        });
        expect(text).to.equal('data: first\n\ndata: second\n\n');
      });
    });
  }

  it('behind etag: the tag is of the compressed bytes, and If-None-Match still gives 304', async () => {
    const app = new Engine().use(etag(), compress()).get('/', (c) => c.json(200, big));
    const first = await app.inject({ url: '/', headers: { 'accept-encoding': 'gzip' } });
    expect(first.headers['content-encoding']).to.equal('gzip');
    const again = await app.inject({ url: '/', headers: { 'accept-encoding': 'gzip', 'if-none-match': first.headers['etag']! } });
    expect([again.status, again.headers['content-encoding'], again.body]).to.deep.equal([304, undefined, '']);
  });

  it('a body over the synchronous limit is compressed off the event loop, whole', async () => {
    const large = 'x'.repeat(200_000);
    const app = new Engine().use(compress()).get('/', (c) => c.string(200, large));
    const r = await app.inject({ url: '/', headers: { 'accept-encoding': 'gzip' } });
    expect([r.headers['content-encoding'], r.headers['content-length'], decode('gzip', Buffer.from(r.rawBody))]).to.deep.equal(['gzip', String(r.rawBody.length), large]);
  });
});

describe('static precompressed siblings', () => {
  let dir: string;
  const css = 'body { color: red }\n'.repeat(200);
  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'sloe-static-'));
    writeFileSync(path.join(dir, 'site.css'), css);
    writeFileSync(path.join(dir, 'site.css.br'), zlib.brotliCompressSync(css));
    writeFileSync(path.join(dir, 'site.css.gz'), zlib.gzipSync(css));
    writeFileSync(path.join(dir, 'only.js'), 'let a = 1;\n'.repeat(300));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  for (const [accept, coding] of [
    ['br, gzip', 'br'],
    ['gzip', 'gzip'],
    ['gzip;q=1, br;q=0.1', 'gzip'],
    [undefined, undefined],
  ] as const) {
    it(`Accept-Encoding ${accept ?? '(none)'} gets ${coding ?? 'the file itself'}`, async () => {
      const app = new Engine().static('/assets', dir);
      const r = await app.inject({ url: '/assets/site.css', headers: accept === undefined ? {} : { 'accept-encoding': accept } });
      expect([r.status, r.headers['content-encoding'], r.headers['content-type'], r.headers['vary']]).to.deep.equal([200, coding, 'text/css; charset=utf-8', 'Accept-Encoding']);
      expect(decode(coding, Buffer.from(r.rawBody))).to.equal(css);
    });
  }

  it('compress() leaves a sibling alone and compresses a file without one', async () => {
    const app = new Engine().use(compress()).static('/assets', dir);
    for (const transport of ['node', 'netpoll'] as const) {
      const listening = await app.listen({ host: '127.0.0.1', transport });
      try {
        const sibling = await rawRequest(listening.port, { method: 'GET', url: '/assets/site.css', headers: { 'accept-encoding': 'br' } });
        expect([sibling.headers['content-encoding'], sibling.headers['content-length'], decode('br', sibling.body)]).to.deep.equal(['br', String(sibling.body.length), css]);
        const streamed = await rawRequest(listening.port, { method: 'GET', url: '/assets/only.js', headers: { 'accept-encoding': 'gzip' } });
        expect([streamed.headers['content-encoding'], streamed.headers['content-length'], streamed.headers['vary']]).to.deep.equal(['gzip', undefined, 'Accept-Encoding']);
        expect(decode('gzip', streamed.body)).to.equal('let a = 1;\n'.repeat(300));
      } finally {
        await listening.close();
      }
    }
  });

  it('precompressed: false serves the file itself', async () => {
    const app = new Engine().static('/assets', dir, { precompressed: false });
    const r = await app.inject({ url: '/assets/site.css', headers: { 'accept-encoding': 'br' } });
    expect([r.headers['content-encoding'], r.headers['vary'], r.body]).to.deep.equal([undefined, undefined, css]);
    expect(() => new Engine().static('/a', dir, { precompressed: 'yes' } as never)).to.throw(CoreError, '"precompressed" must be a boolean');
  });
});
