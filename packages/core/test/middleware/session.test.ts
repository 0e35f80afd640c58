// session(): the signed-cookie store by default, a server-side store through the SessionStore
// interface (MemoryStore included); written back only when changed; regenerate, destroy, flash.
import { expect } from 'chai';
import { createHmac } from 'node:crypto';
import { CoreError, Engine, MemoryStore, session, type Listening, type SessionOptions, type SessionRecord, type SessionStore } from '../../src/index.js';

const KEY = 'k'.repeat(32);
const OLD = 'o'.repeat(32);

function pair(setCookie: string): string {
  return setCookie.split(';')[0]!;
}

function build(options: SessionOptions = {}, keys: string[] = [KEY]): Engine {
  const a = new Engine({ keys });
  a.use(session(options));
  a.get('/count', (c) => {
    const n = (c.session.get<number>('n') ?? 0) + 1;
    c.session.set('n', n);
    c.json(200, { n, id: c.session.id });
  });
  a.get('/peek', (c) => {
    c.json(200, { n: c.session.get<number>('n') ?? null, isNew: c.session.isNew, id: c.session.id });
  });
  a.get('/login', (c) => {
    c.session.regenerate();
    c.session.set('user', 'ann');
    c.json(200, { id: c.session.id, previous: c.session.previousId ?? null });
  });
  a.get('/logout', (c) => {
    c.session.destroy();
    c.status(204);
  });
  a.get('/flash', (c) => {
    c.session.flash('info', 'saved');
    c.redirect(303, '/show');
  });
  a.get('/show', (c) => {
    c.json(200, c.session.flashes('info'));
  });
  a.get('/big', (c) => {
    c.session.set('blob', 'x'.repeat(5000));
    c.status(204);
  });
  return a;
}

/** A client with a cookie jar of one cookie, through inject. */
function client(a: Engine) {
  let cookie: string | undefined;
  return {
    get cookie() {
      return cookie;
    },
    set cookie(v) {
      cookie = v;
    },
    async get(url: string) {
      const r = await a.inject({ method: 'GET', url, headers: cookie === undefined ? {} : { cookie } });
      const set = r.cookies.find((c) => c.startsWith('session='));
      if (set !== undefined) cookie = /Max-Age=0/.test(set) ? undefined : pair(set);
      return { status: r.status, body: r.body === '' ? null : (r.json() as unknown), setCookie: set };
    },
  };
}

const stores: [string, () => SessionOptions][] = [
  ['the signed-cookie store', () => ({})],
  ['the memory store', () => ({ store: new MemoryStore() })],
];

for (const [name, options] of stores) {
  describe(`session() with ${name}`, () => {
    it('keeps values across requests', async () => {
      const u = client(build(options()));
      expect((await u.get('/count')).body).to.include({ n: 1 });
      expect((await u.get('/count')).body).to.include({ n: 2 });
      expect((await u.get('/peek')).body).to.include({ n: 2, isNew: false });
    });

    it('writes back only when changed: no Set-Cookie for a read, none for an untouched new session', async () => {
      const u = client(build(options()));
      expect((await u.get('/peek')).setCookie).to.equal(undefined);
      await u.get('/count');
      expect((await u.get('/peek')).setCookie).to.equal(undefined);
    });

    it('signs its cookie HttpOnly, SameSite=Lax, Path=/, Max-Age one day by default', async () => {
      const r = await client(build(options())).get('/count');
      expect(r.setCookie).to.match(/^session=[^;]+\.[A-Za-z0-9_-]{43}; Max-Age=86400; Path=\/; HttpOnly; SameSite=Lax$/);
    });

    it('ignores a tampered cookie: a new empty session, not a 500', async () => {
      const u = client(build(options()));
      await u.get('/count');
      u.cookie = u.cookie!.slice(0, -1) + (u.cookie!.endsWith('A') ? 'B' : 'A');
      expect((await u.get('/peek')).body).to.include({ n: null, isNew: true });
      u.cookie = 'session=garbage';
      expect((await u.get('/peek')).body).to.include({ n: null, isNew: true });
    });

    it('regenerate() gives a new id and keeps the values; the old id no longer loads', async () => {
      const u = client(build(options()));
      const first = (await u.get('/count')).body as { id: string };
      const oldCookie = u.cookie;
      const login = (await u.get('/login')).body as { id: string; previous: string };
      expect(login.previous).to.equal(first.id);
      expect(login.id).to.not.equal(first.id);
      expect((await u.get('/peek')).body).to.include({ n: 1, id: login.id });
      if (options().store !== undefined) {
        u.cookie = oldCookie;
        expect((await u.get('/peek')).body).to.include({ n: null, isNew: true });
      }
    });

    it('destroy() clears the cookie and the values', async () => {
      const u = client(build(options()));
      await u.get('/count');
      const kept = u.cookie;
      const r = await u.get('/logout');
      expect(r.setCookie).to.match(/^session=; Max-Age=0;/);
      expect((await u.get('/peek')).body).to.include({ n: null, isNew: true });
      if (options().store !== undefined) {
        u.cookie = kept;
        expect((await u.get('/peek')).body).to.include({ n: null, isNew: true });
      }
    });

    it('flash messages are read once, across a redirect', async () => {
      const u = client(build(options()));
      expect((await u.get('/flash')).status).to.equal(303);
      expect((await u.get('/show')).body).to.deep.equal(['saved']);
      expect((await u.get('/show')).body).to.deep.equal([]);
    });

    it('rotated keys: a session signed with the old key loads, and is written back with the new one', async () => {
      const opts = options();
      const before = client(build(opts, [OLD]));
      await before.get('/count');
      const u = client(build(opts, [KEY, OLD]));
      u.cookie = before.cookie;
      const r = await u.get('/count');
      expect(r.body).to.include({ n: 2 });
      const [value, sig] = [u.cookie!.slice('session='.length, u.cookie!.lastIndexOf('.')), u.cookie!.slice(u.cookie!.lastIndexOf('.') + 1)];
      expect(sig).to.equal(createHmac('sha256', KEY).update(`session=${decodeURIComponent(value)}`).digest('base64url'));
    });
  });
}

describe('session() with the signed-cookie store', () => {
  it('ignores an expired session even when the browser sends its cookie', async () => {
    const a = build({ cookie: { maxAge: 1 } });
    const u = client(a);
    await u.get('/count');
    const realNow = Date.now;
    Date.now = () => realNow() + 2000;
    try {
      expect((await u.get('/peek')).body).to.include({ n: null, isNew: true });
    } finally {
      Date.now = realNow;
    }
  });

  it('refuses a session over 4096 bytes of cookie with ERR_CORE_SESSION, answered 500', async () => {
    const a = build();
    let caught: unknown;
    a.get('/big-caught', (c) => {
      c.session.set('blob', 'x'.repeat(5000));
      try {
        c.status(204);
        c.json(200, {});
      } catch (err) {
        caught = err;
        c.session.delete('blob');
        c.json(200, {});
      }
    });
    expect((await a.inject({ method: 'GET', url: '/big' })).status).to.equal(500);
    await a.inject({ method: 'GET', url: '/big-caught' });
    expect(caught).to.be.instanceOf(CoreError).with.property('code', 'ERR_CORE_SESSION');
    expect(String((caught as Error).message)).to.match(/over the 4096/);
  });

  it('needs keys on the Engine: ERR_CORE_KEYS', async () => {
    const a = new Engine();
    a.use(session());
    a.get('/', (c) => c.json(200, c.session.get('x') ?? null));
    const r = await a.inject({ method: 'GET', url: '/', headers: { cookie: 'session=x' } });
    expect(r.status).to.equal(500);
  });

  it('rolling: written back on every response, so expiry counts from the last request', async () => {
    const u = client(build({ rolling: true }));
    expect((await u.get('/peek')).setCookie).to.equal(undefined);
    await u.get('/count');
    expect((await u.get('/peek')).setCookie).to.match(/^session=/);
  });
});

describe('session() with a store', () => {
  it('calls the store with the TTL, and forgets the old id on regenerate and destroy', async () => {
    const calls: string[] = [];
    const data = new Map<string, SessionRecord>();
    const store: SessionStore = {
      async get(id) {
        calls.push('get');
        return data.get(id);
      },
      async set(id, record, ttl) {
        calls.push(`set ${ttl}`);
        data.set(id, structuredClone(record));
      },
      async destroy(id) {
        calls.push(data.delete(id) ? 'destroy' : 'destroy unknown');
      },
    };
    const u = client(build({ store, cookie: { maxAge: 60 } }));
    await u.get('/count');
    await u.get('/login');
    await u.get('/logout');
    expect(calls).to.deep.equal(['set 60000', 'get', 'destroy', 'set 60000', 'get', 'destroy']);
  });

  it('never adopts an id the store does not know (session fixation)', async () => {
    const a = new Engine({ keys: [KEY] });
    a.use(session({ store: new MemoryStore() }));
    a.get('/', (c) => {
      c.session.set('x', 1);
      c.json(200, c.session.id);
    });
    const planted = `attacker.${createHmac('sha256', KEY).update('session=attacker').digest('base64url')}`;
    const r = await a.inject({ method: 'GET', url: '/', headers: { cookie: `session=${planted}` } });
    expect(r.json()).to.not.equal('attacker');
  });

  it('checks its options: ERR_CORE_OPTIONS naming an unknown key', () => {
    expect(() => session({ stor: new MemoryStore() } as unknown as SessionOptions)).to.throw(CoreError, /unknown option "stor"/);
    expect(() => session({ cookie: { maxAge: 0 } })).to.throw(CoreError).with.property('code', 'ERR_CORE_OPTIONS');
    expect(() => session({ store: {} as SessionStore })).to.throw(CoreError, /get, set and destroy/);
    expect(() => session({ cookie: { secure: 'yes' as unknown as boolean } })).to.throw(CoreError, /cookie.secure/);
  });

  it("marks the cookie Secure on HTTPS by default ('auto'), always with true, never with false", async () => {
    const secure = (setCookie: string | undefined): boolean => /;\s*Secure(;|$)/i.test(setCookie ?? '');
    const cookieOf = async (app: Engine, url: string, headers: Record<string, string> = {}): Promise<string | undefined> => {
      const res = await app.inject({ url, headers });
      return res.headers['set-cookie'];
    };
    for (const store of [undefined, new MemoryStore()]) {
      const auto = build(store === undefined ? {} : { store });
      expect(secure(await cookieOf(auto, 'https://app.test/count')), 'auto over https').to.equal(true);
      expect(secure(await cookieOf(auto, 'http://app.test/count')), 'auto over http').to.equal(false);
      // A forwarded proto counts only from a trusted proxy.
      expect(secure(await cookieOf(auto, 'http://app.test/count', { 'x-forwarded-proto': 'https' })), 'untrusted proxy').to.equal(false);
      const always = build(store === undefined ? { cookie: { secure: true } } : { store, cookie: { secure: true } });
      expect(secure(await cookieOf(always, 'http://app.test/count')), 'true over http').to.equal(true);
      const never = build(store === undefined ? { cookie: { secure: false } } : { store, cookie: { secure: false } });
      expect(secure(await cookieOf(never, 'https://app.test/count')), 'false over https').to.equal(false);
    }
    const proxied = new Engine({ keys: [KEY], trustedProxies: ['127.0.0.1'] }).use(session());
    proxied.get('/', (c) => {
      c.session.set('a', 1);
      c.string(200, 'ok');
    });
    expect(secure(await cookieOf(proxied, 'http://app.test/', { 'x-forwarded-proto': 'https' })), 'trusted proxy says https').to.equal(true);
  });

  it('c.session without the middleware throws ERR_CORE_SESSION', async () => {
    const a = new Engine();
    let caught: unknown;
    a.get('/', (c) => {
      try {
        c.session.get('x');
      } catch (err) {
        caught = err;
      }
      c.status(204);
    });
    await a.inject({ method: 'GET', url: '/' });
    expect(caught).to.be.instanceOf(CoreError).with.property('code', 'ERR_CORE_SESSION');
  });
});

describe('MemoryStore', () => {
  it('expires entries after their TTL', () => {
    const realNow = Date.now;
    const t = realNow();
    try {
      Date.now = () => t;
      const s = new MemoryStore();
      s.set('a', { x: 1 }, 1000);
      Date.now = () => t + 999;
      expect(s.get('a')).to.deep.equal({ x: 1 });
      Date.now = () => t + 1000;
      expect([s.get('a'), s.size]).to.deep.equal([undefined, 0]);
    } finally {
      Date.now = realNow;
    }
  });

  it('is bounded: past max, the least recently saved goes first', () => {
    const s = new MemoryStore({ max: 2 });
    s.set('a', {}, 1000);
    s.set('b', {}, 1000);
    s.set('a', { again: true }, 1000);
    s.set('c', {}, 1000);
    expect([s.size, s.get('a'), s.get('b'), s.get('c')]).to.deep.equal([2, { again: true }, undefined, {}]);
  });

  it('keeps a copy: changing the saved record afterwards does not change the store', () => {
    const s = new MemoryStore();
    const r: SessionRecord = { n: 1 };
    s.set('a', r, 1000);
    r['n'] = 2;
    expect(s.get('a')).to.deep.equal({ n: 1 });
  });
});

for (const transport of ['node', 'netpoll'] as const) {
  describe(`session() over the ${transport} transport`, () => {
    let server: Listening;
    before(async () => {
      server = await build({ store: new MemoryStore() }).listen({ host: '127.0.0.1', transport });
    });
    after(async () => {
      await server.close();
    });

    it('keeps a count and reads a flash once', async () => {
      const base = `http://127.0.0.1:${server.port}`;
      const first = await fetch(`${base}/count`);
      const cookie = pair(first.headers.getSetCookie()[0]!);
      const second = (await (await fetch(`${base}/count`, { headers: { cookie } })).json()) as { n: number };
      const flash = await fetch(`${base}/flash`, { headers: { cookie }, redirect: 'manual' });
      const shown = (await (await fetch(`${base}/show`, { headers: { cookie } })).json()) as unknown;
      const again = (await (await fetch(`${base}/show`, { headers: { cookie } })).json()) as unknown;
      expect([second.n, flash.status, shown, again]).to.deep.equal([2, 303, ['saved'], []]);
    });
  });
}
