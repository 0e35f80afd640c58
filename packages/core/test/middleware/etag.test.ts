import { createHash } from 'node:crypto';
import { expect } from 'chai';
import { Hono } from 'hono';
import { etag as honoEtag } from 'hono/etag';
import { CoreError, Engine, etag, type Context } from '../../src/index.js';
import { injectWay, socketWay, type Way } from '../ways.js';
import { expectSame, honoAnswer, sloeAnswer, type SideCase } from './side.js';

const HEADERS = ['etag', 'content-type', 'cache-control', 'vary', 'set-cookie'];

// Deliberate differences from Hono's etag:
const STREAMS_UNTOUCHED = 'a streamed body gets no ETag (it would have to be buffered to be hashed); Hono reads the whole stream';
const DIGEST = 'the tag of a small ASCII body is a 64-bit hash (both lanes of cyrb53), as @fastify/etag defaults to a fast non-cryptographic hash (FNV-1a); Hono takes the SHA-1 of every body';
const KEEPS_COOKIES = 'a 304 keeps the headers that are not representation metadata (Set-Cookie); Hono keeps only its retained list';

const body = { id: 7, name: 'Ada' };
// The weak tag sloe computes for the JSON body above (Hono's is its SHA-1).
const jsonTag = async (): Promise<string> => (await new Engine().use(etag()).get('/', (c) => c.json(200, body)).inject('/')).headers['etag']!;

function apps(): { sloe: Engine; hono: Hono } {
  const sloe = new Engine();
  sloe.use(etag());
  sloe.get('/users/7', (c) => {
    c.setHeader('Cache-Control', 'private, max-age=60');
    c.setHeader('Vary', 'Accept');
    c.json(200, body);
  });
  sloe.get('/own', (c) => {
    c.setHeader('ETag', '"v12"');
    c.string(200, 'version 12');
  });
  sloe.get('/cookie', (c) => {
    c.setCookie('seen', '1');
    c.string(200, 'hello');
  });
  sloe.get('/stream', (c) => c.stream(200, 'text/plain; charset=utf-8', ['a', 'b']));
  sloe.get('/missing', (c) => c.json(404, { error: 'not found' }));
  sloe.post('/users', (c) => c.json(201, body));
  const hono = new Hono();
  hono.use('*', honoEtag({ weak: true }));
  hono.get('/users/7', (c) => {
    c.header('Cache-Control', 'private, max-age=60');
    c.header('Vary', 'Accept');
    return c.body(JSON.stringify(body), 200, { 'content-type': 'application/json; charset=utf-8' });
  });
  hono.get('/own', (c) => {
    c.header('ETag', '"v12"');
    return c.body('version 12', 200, { 'content-type': 'text/plain; charset=utf-8' });
  });
  hono.get('/cookie', (c) => {
    c.header('Set-Cookie', 'seen=1');
    return c.body('hello', 200, { 'content-type': 'text/plain; charset=utf-8' });
  });
  hono.get('/stream', (c) => c.body(new ReadableStream({ start: (s) => (s.enqueue(new TextEncoder().encode('ab')), s.close()) }), 200, { 'content-type': 'text/plain; charset=utf-8' }));
  const json = { 'content-type': 'application/json; charset=utf-8' };
  hono.get('/missing', (c) => c.body(JSON.stringify({ error: 'not found' }), 404, json));
  hono.post('/users', (c) => c.body(JSON.stringify(body), 201, json));
  return { sloe, hono };
}

async function cases(): Promise<SideCase[]> {
  const tag = await jsonTag();
  // Every answer with a computed tag carries sloe's, not Hono's.
  const { sloe } = apps();
  const ours: Record<string, string> = { '/users/7': tag, '/cookie': (await sloe.inject('/cookie')).headers['etag']! };
  const tagged = (c: SideCase): SideCase => (c.url in ours ? { ...c, differs: { ...c.differs, etag: DIGEST }, sloe: { ...c.sloe, etag: ours[c.url] } } : c);
  const all: SideCase[] = [
    { name: 'a GET gets a weak tag of its body', method: 'GET', url: '/users/7' },
    { name: 'a matching If-None-Match is 304 with the cache headers', method: 'GET', url: '/users/7', headers: { 'if-none-match': tag } },
    { name: 'If-None-Match compares weakly (a strong tag matches a weak one)', method: 'GET', url: '/users/7', headers: { 'if-none-match': tag.slice(2) } },
    { name: 'a list with the tag in it matches', method: 'GET', url: '/users/7', headers: { 'if-none-match': `"other", ${tag}` } },
    { name: 'If-None-Match: * matches any body', method: 'GET', url: '/users/7', headers: { 'if-none-match': '*' } },
    { name: 'another tag is 200', method: 'GET', url: '/users/7', headers: { 'if-none-match': 'W/"other"' } },
    { name: 'a HEAD gets the tag of the body it would have', method: 'HEAD', url: '/users/7' },
    { name: 'a HEAD with a matching tag is 304', method: 'HEAD', url: '/users/7', headers: { 'if-none-match': tag } },
    { name: "the handler's own ETag is kept", method: 'GET', url: '/own' },
    { name: "the handler's own ETag is matched", method: 'GET', url: '/own', headers: { 'if-none-match': '"v12"' } },
    { name: 'a 404 gets no tag', method: 'GET', url: '/missing' },
    { name: 'a POST gets no tag', method: 'POST', url: '/users', headers: { 'if-none-match': '*' } },
    {
      name: 'a streamed body is left alone',
      method: 'GET',
      url: '/stream',
      differs: { etag: STREAMS_UNTOUCHED },
      sloe: { etag: undefined },
    },
    {
      name: 'a 304 keeps Set-Cookie',
      method: 'GET',
      url: '/cookie',
      headers: { 'if-none-match': '*' },
      differs: { 'set-cookie': KEEPS_COOKIES },
      sloe: { 'set-cookie': 'seen=1; Path=/; HttpOnly; SameSite=Lax' },
    },
  ];
  return all.map(tagged);
}

describe('etag, side by side with Hono', () => {
  for (const way of [injectWay(), socketWay('node'), socketWay('netpoll')]) {
    describe(way.name, () => {
      const { sloe, hono } = apps();
      before(() => way.start(sloe));
      after(() => way.stop());
      it('answers every case as Hono does, but for the named differences', async () => {
        // The digests differ (named): Hono is asked with its own tag wherever sloe is asked with its.
        const ourDigest = (await jsonTag()).slice(3, -1);
        const honoDigest = ((await hono.request('/users/7')).headers.get('etag') ?? '').slice(3, -1);
        const forHono = (c: SideCase): SideCase => ({ ...c, headers: Object.fromEntries(Object.entries(c.headers ?? {}).map(([k, v]) => [k, v.replaceAll(ourDigest, honoDigest)])) });
        for (const c of await cases()) {
          const ours = await sloeAnswer(sloe, c, HEADERS, way);
          const theirs = await honoAnswer(hono, forHono(c), HEADERS);
          try {
            expectSame(c, ours, theirs);
          } catch (err) {
            (err as Error).message = `${c.name}: ${(err as Error).message}`;
            throw err;
          }
        }
      });
    });
  }
});

describe('etag', () => {
  it('is weak by default and strong when asked', async () => {
    const strong = new Engine().use(etag({ weak: false })).get('/', (c) => c.string(200, 'x'));
    const weak = new Engine().use(etag()).get('/', (c) => c.string(200, 'x'));
    const tag = (await strong.inject('/')).headers['etag']!;
    expect(tag).to.match(/^"[0-9a-f-]+"$/);
    expect((await weak.inject('/')).headers['etag']).to.equal(`W/${tag}`);
  });

  it('tags the bytes sent: the same bytes give one tag, any change another', async () => {
    const bodies: Record<string, string | Uint8Array> = {
      '/text': 'hello, world',
      '/bytes': Buffer.from('hello, world'),
      '/other': 'hello, world!',
      '/flip': 'hello, worle',
      '/long': 'x'.repeat(1025),
      '/long2': 'x'.repeat(1024) + 'y',
      '/utf8': 'café',
      '/utf8-bytes': Buffer.from('café'),
    };
    const app = new Engine().use(etag());
    for (const [path, body] of Object.entries(bodies)) app.get(path, (c) => (typeof body === 'string' ? c.string(200, body) : c.data(200, 'application/octet-stream', body)));
    const tags: Record<string, string> = {};
    for (const path of Object.keys(bodies)) tags[path] = (await app.inject(path)).headers['etag']!;
    expect(tags['/bytes']).to.equal(tags['/text']);
    expect(tags['/utf8-bytes']).to.equal(tags['/utf8']);
    expect(new Set(Object.values(tags)).size).to.equal(Object.keys(bodies).length - 2);
    // Above 1 KiB, and past ASCII, the tag is the SHA-1 of the bytes.
    const sha1 = (s: string): string => `W/"${createHash('sha1').update(s).digest('hex')}"`;
    expect(tags['/long']).to.equal(sha1('x'.repeat(1025)));
    expect(tags['/utf8']).to.equal(sha1('café'));
  });

  it('sends a 304 without a body and a HEAD without one, each with the length it describes', async () => {
    const app = new Engine().use(etag()).get('/', (c) => c.string(200, 'hello'));
    const tag = (await app.inject('/')).headers['etag']!;
    const notModified = await app.inject({ url: '/', headers: { 'if-none-match': tag } });
    expect([notModified.status, notModified.body, notModified.headers['content-length']]).to.deep.equal([304, '', undefined]);
    for (const way of [socketWay('node'), socketWay('netpoll')]) {
      await way.start(app);
      try {
        const head = await way.send({ method: 'HEAD', url: '/' });
        expect([head.status, head.body, head.headers['content-length'], head.headers['etag']], way.name).to.deep.equal([200, '', '5', tag]);
      } finally {
        await way.stop();
      }
    }
  });

  it('checks its options', () => {
    expect(() => etag({ strong: true } as never)).to.throw(CoreError, 'unknown option "strong"');
    expect(() => etag({ weak: 'yes' } as never)).to.throw(CoreError, '"weak" must be a boolean');
  });
});

// The state a handler checks preconditions against: a version tag and a modification date.
const doc = { tag: '"v3"', modified: new Date('2026-01-02T03:04:05Z') };

function preconditionApp(): Engine {
  const app = new Engine();
  const answer = (c: Context): void => {
    if (!c.checkPreconditions(doc.tag, doc.modified)) return;
    c.json(200, { saved: c.method });
  };
  app.get('/doc', answer);
  app.put('/doc', answer);
  app.delete('/doc', answer);
  app.put('/absent', (c) => {
    if (!c.checkPreconditions(undefined)) return;
    c.json(201, { created: true });
  });
  return app;
}

interface PreconditionCase {
  name: string;
  method: string;
  url?: string;
  headers: Record<string, string>;
  status: number;
}

const EARLIER = 'Thu, 01 Jan 2026 00:00:00 GMT';
const LATER = 'Sat, 03 Jan 2026 00:00:00 GMT';
const exactly = doc.modified.toUTCString();

// RFC 9110 §13.2.2: If-Match, else If-Unmodified-Since; then If-None-Match, else If-Modified-Since.
const preconditionCases: PreconditionCase[] = [
  { name: 'no precondition goes on', method: 'PUT', headers: {}, status: 200 },
  { name: 'If-Match with the current tag goes on', method: 'PUT', headers: { 'if-match': '"v3"' }, status: 200 },
  { name: 'If-Match in a list goes on', method: 'PUT', headers: { 'if-match': '"v1", "v3"' }, status: 200 },
  { name: 'If-Match with an old tag is 412', method: 'PUT', headers: { 'if-match': '"v2"' }, status: 412 },
  { name: 'If-Match compares strongly: a weak tag is 412', method: 'PUT', headers: { 'if-match': 'W/"v3"' }, status: 412 },
  { name: 'If-Match: * with a representation goes on', method: 'DELETE', headers: { 'if-match': '*' }, status: 200 },
  { name: 'If-Match: * without a representation is 412', method: 'PUT', url: '/absent', headers: { 'if-match': '*' }, status: 412 },
  { name: 'If-None-Match: * without a representation goes on (create once)', method: 'PUT', url: '/absent', headers: { 'if-none-match': '*' }, status: 201 },
  { name: 'If-None-Match: * with a representation is 412 on PUT', method: 'PUT', headers: { 'if-none-match': '*' }, status: 412 },
  { name: 'If-None-Match with the current tag is 412 on PUT', method: 'PUT', headers: { 'if-none-match': 'W/"v3"' }, status: 412 },
  { name: 'If-None-Match with the current tag is 304 on GET', method: 'GET', headers: { 'if-none-match': 'W/"v3"' }, status: 304 },
  { name: 'If-None-Match with the current tag is 304 on HEAD', method: 'HEAD', headers: { 'if-none-match': '"v3"' }, status: 304 },
  { name: 'If-None-Match with another tag goes on', method: 'GET', headers: { 'if-none-match': '"v2"' }, status: 200 },
  { name: 'If-Unmodified-Since before the change is 412', method: 'PUT', headers: { 'if-unmodified-since': EARLIER }, status: 412 },
  { name: 'If-Unmodified-Since at the change goes on', method: 'PUT', headers: { 'if-unmodified-since': exactly }, status: 200 },
  { name: 'If-Unmodified-Since is ignored when If-Match is present', method: 'PUT', headers: { 'if-match': '"v3"', 'if-unmodified-since': EARLIER }, status: 200 },
  { name: 'an unparsable If-Unmodified-Since is ignored', method: 'PUT', headers: { 'if-unmodified-since': 'yesterday' }, status: 200 },
  { name: 'If-Match is evaluated before If-None-Match', method: 'GET', headers: { 'if-match': '"v2"', 'if-none-match': '"v3"' }, status: 412 },
  { name: 'If-Modified-Since after the change is 304 on GET', method: 'GET', headers: { 'if-modified-since': LATER }, status: 304 },
  { name: 'If-Modified-Since before the change goes on', method: 'GET', headers: { 'if-modified-since': EARLIER }, status: 200 },
  { name: 'If-Modified-Since is ignored when If-None-Match is present', method: 'GET', headers: { 'if-none-match': '"v2"', 'if-modified-since': LATER }, status: 200 },
  { name: 'If-Modified-Since is ignored on PUT', method: 'PUT', headers: { 'if-modified-since': LATER }, status: 200 },
];

describe('c.checkPreconditions', () => {
  for (const way of [injectWay(), socketWay('node'), socketWay('netpoll')]) {
    describe(way.name, () => {
      const app = preconditionApp();
      let seen: Way;
      before(async () => {
        seen = way;
        await way.start(app);
      });
      after(() => way.stop());
      for (const pc of preconditionCases) {
        it(pc.name, async () => {
          const r = await seen.send({ method: pc.method, url: pc.url ?? '/doc', headers: pc.headers });
          expect(r.status).to.equal(pc.status);
          if (pc.status === 304) expect([r.headers['etag'], r.headers['last-modified'], r.body]).to.deep.equal([doc.tag, exactly, '']);
          if (pc.status === 412) expect(r.body).to.include('precondition failed');
        });
      }
    });
  }

  it('a 412 carries its code', async () => {
    const r = await preconditionApp().inject({ method: 'PUT', url: '/doc', headers: { 'if-match': '"v1"', accept: 'application/json' } });
    expect(r.json()).to.deep.include({ error: 'ERR_CORE_PRECONDITION_FAILED' });
  });
});
