import { expect } from 'chai';
import { CoreError, Engine, MemoryRateLimitStore, rateLimit, type RateLimitHits, type RateLimitStore } from '../../src/index.js';
import { injectWay, socketWay, type Way } from '../ways.js';

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** Waits until the start of the next window of `windowMs`, plus `after` ms. */
async function nextWindow(windowMs: number, after = 5): Promise<void> {
  await sleep(windowMs - (Date.now() % windowMs) + after);
}

/** A store shared over an async boundary, as a networked one would be. */
class AsyncStore implements RateLimitStore {
  readonly inner = new MemoryRateLimitStore();
  calls = 0;
  async increment(key: string, windowStart: number, windowMs: number): Promise<RateLimitHits> {
    this.calls++;
    await sleep(1);
    return this.inner.increment(key, windowStart, windowMs);
  }
}

for (const make of [injectWay, () => socketWay('node'), () => socketWay('netpoll')]) {
  const way: Way = make();
  describe(`rateLimit (${way.name})`, () => {
    const WINDOW = 400;
    let app: Engine;
    beforeEach(async () => {
      app = new Engine();
      app.get('/', rateLimit({ limit: 3, windowMs: WINDOW }), (c) => c.string(200, 'ok'));
      app.get('/by-user', rateLimit({ limit: 1, windowMs: 60_000, key: (c) => c.header('x-user') ?? 'anonymous' }), (c) => c.string(200, 'ok'));
      await way.start(app);
    });
    afterEach(() => way.stop());

    it('answers 429 with Retry-After and the IETF headers over the limit, and lets requests through again across the window boundary', async () => {
      await nextWindow(WINDOW);
      const statuses: number[] = [];
      const remaining: string[] = [];
      for (let i = 0; i < 4; i++) {
        const r = await way.send({ method: 'GET', url: '/' });
        statuses.push(r.status);
        remaining.push(r.headers['ratelimit'] ?? '');
        expect(r.headers['ratelimit-policy']).to.equal('"default";q=3;w=1');
        if (r.status === 429) {
          expect(r.headers['retry-after']).to.equal('1');
          expect(JSON.parse(r.body)).to.deep.equal({ error: 'too many requests' });
        } else expect(r.headers['retry-after']).to.equal(undefined);
      }
      expect(statuses).to.deep.equal([200, 200, 200, 429]);
      expect(remaining).to.deep.equal(['"default";r=2;t=1', '"default";r=1;t=1', '"default";r=0;t=1', '"default";r=0;t=1']);
      await nextWindow(WINDOW);
      const again = await way.send({ method: 'GET', url: '/' });
      expect(again.status).to.equal(200);
      expect(again.headers['ratelimit']).to.equal('"default";r=2;t=1');
    });

    it('counts by the key function', async () => {
      expect((await way.send({ method: 'GET', url: '/by-user', headers: { 'x-user': 'a' } })).status).to.equal(200);
      expect((await way.send({ method: 'GET', url: '/by-user', headers: { 'x-user': 'a' } })).status).to.equal(429);
      expect((await way.send({ method: 'GET', url: '/by-user', headers: { 'x-user': 'b' } })).status).to.equal(200);
      const r = await way.send({ method: 'GET', url: '/by-user', headers: { 'x-user': 'b' } });
      expect(r.status).to.equal(429);
      expect(Number(r.headers['retry-after'])).to.be.within(1, 60);
    });
  });
}

describe('rateLimit', () => {
  it('keys by c.clientIP(), which honours trustedProxies', async () => {
    const app = new Engine({ trustedProxies: ['10.0.0.0/8'] });
    app.get('/', rateLimit({ limit: 1, windowMs: 60_000 }), (c) => c.string(200, 'ok'));
    const from = (remoteAddr: string, xff?: string) => app.inject({ url: '/', remoteAddr, headers: xff === undefined ? {} : { 'x-forwarded-for': xff } });
    expect((await from('10.1.2.3:1', '9.9.9.9')).status).to.equal(200);
    // Another client behind the same proxy has its own count.
    expect((await from('10.1.2.3:2', '9.9.9.8')).status).to.equal(200);
    expect((await from('10.1.2.4:3', '9.9.9.9')).status).to.equal(429);
    // An untrusted peer's X-Forwarded-For is not believed: it is counted as itself.
    expect((await from('8.8.8.8:1', '9.9.9.7')).status).to.equal(200);
    expect((await from('8.8.8.8:2', '9.9.9.6')).status).to.equal(429);
  });

  it('two Engines sharing an async store share the limit', async () => {
    const store = new AsyncStore();
    const a = new Engine();
    const b = new Engine();
    for (const app of [a, b]) app.get('/', rateLimit({ limit: 2, windowMs: 60_000, store, key: () => 'k' }), (c) => c.string(200, 'ok'));
    expect((await a.inject('/')).status).to.equal(200);
    expect((await b.inject('/')).status).to.equal(200);
    expect((await a.inject('/')).status).to.equal(429);
    expect((await b.inject('/')).status).to.equal(429);
    expect(store.calls).to.equal(4);
  });

  it('a sliding window weighs the previous window by its remaining overlap', async () => {
    const WINDOW = 600;
    const app = new Engine();
    app.get('/', rateLimit({ limit: 4, windowMs: WINDOW, sliding: true }), (c) => c.string(200, 'ok'));
    const fixed = new Engine();
    fixed.get('/', rateLimit({ limit: 4, windowMs: WINDOW }), (c) => c.string(200, 'ok'));
    await nextWindow(WINDOW);
    for (let i = 0; i < 4; i++) {
      expect((await app.inject('/')).status).to.equal(200);
      expect((await fixed.inject('/')).status).to.equal(200);
    }
    // Just after the boundary almost all of the previous window still counts: the fixed window
    // has reset, the sliding one has not.
    // (4 hits weighted by more than 3/4 count as 3, so one more passes and the next does not).
    await nextWindow(WINDOW, 20);
    expect((await fixed.inject('/')).status).to.equal(200);
    expect((await fixed.inject('/')).status).to.equal(200);
    expect((await app.inject('/')).status).to.equal(200);
    const r = await app.inject('/');
    expect(r.status).to.equal(429);
    expect(r.headers['ratelimit']).to.equal('"default";r=0;t=1');
  });

  it('the memory store forgets keys two windows old and holds at most maxKeys', () => {
    const store = new MemoryRateLimitStore({ maxKeys: 2 });
    expect(store.increment('a', 0, 100)).to.deep.equal({ current: 1, previous: 0 });
    expect(store.increment('a', 0, 100)).to.deep.equal({ current: 2, previous: 0 });
    expect(store.increment('a', 100, 100)).to.deep.equal({ current: 1, previous: 2 });
    expect(store.increment('a', 300, 100)).to.deep.equal({ current: 1, previous: 0 });
    store.increment('b', 300, 100);
    store.increment('c', 300, 100);
    expect(store.size).to.equal(2);
    // 'a', the least recently hit, went first.
    expect(store.increment('a', 300, 100)).to.deep.equal({ current: 1, previous: 0 });
    // Keys whose windows expired are dropped as others are hit.
    store.increment('d', 1000, 100);
    expect(store.size).to.equal(1);
  });

  it('checks its options: missing, unknown and invalid keys throw ERR_CORE_OPTIONS naming them', () => {
    const bad: [unknown, RegExp][] = [
      [{ windowMs: 1000 }, /missing option "limit"/],
      [{ limit: 1 }, /missing option "windowMs"/],
      [{ limit: 1, windowMs: 1000, max: 3 }, /unknown option "max"/],
      [{ limit: 0, windowMs: 1000 }, /"limit" must be/],
      [{ limit: 1, windowMs: 1.5 }, /"windowMs" must be/],
      [{ limit: 1, windowMs: 1000, store: {} }, /"store" must have/],
    ];
    for (const [o, message] of bad) {
      expect(() => rateLimit(o as never)).to.throw(CoreError, message).with.property('code', 'ERR_CORE_OPTIONS');
    }
    expect(() => new MemoryRateLimitStore({ maxKeys: 0 })).to.throw(CoreError).with.property('code', 'ERR_CORE_OPTIONS');
  });
});
