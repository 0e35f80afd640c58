// Signed cookies: HMAC-SHA256 over name=value with the Engine's keys, the first signing and
// every one verifying; anything that does not verify reads as undefined, never a 500.
import { expect } from 'chai';
import { createHmac } from 'node:crypto';
import { CoreError, Engine, type Listening } from '../src/index.js';

const KEY = 'k'.repeat(32);
const OLD = 'o'.repeat(32);

const B64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** `s` with its last base64url character swapped for the one differing only in its lowest (spare) bit. */
function sibling(s: string): string {
  return s.slice(0, -1) + B64URL[B64URL.indexOf(s[s.length - 1]!) ^ 1]!;
}

/** The `name=value` of a Set-Cookie header, value still percent-encoded. */
function pair(setCookie: string): string {
  return setCookie.split(';')[0]!;
}

function app(keys?: string[]): Engine {
  const a = new Engine(keys === undefined ? {} : { keys });
  a.get('/set', (c) => {
    c.setCookie('user', c.query('v') ?? 'ann', { signed: true });
    c.status(204);
  });
  a.get('/read', (c) => {
    c.json(200, { user: c.cookie('user', { signed: true }) ?? null, raw: c.cookie('user') ?? null });
  });
  return a;
}

async function read(a: Engine, cookie: string): Promise<unknown> {
  const r = await a.inject({ method: 'GET', url: '/read', headers: { cookie } });
  expect(r.status).to.equal(200);
  return (r.json() as { user: unknown }).user;
}

describe('signed cookies', () => {
  it('signs with HMAC-SHA256 over name=value, in unpadded base64url after the last dot', async () => {
    const r = await app([KEY]).inject({ method: 'GET', url: '/set' });
    const mac = createHmac('sha256', KEY).update('user=ann').digest('base64url');
    expect(pair(r.cookies[0]!)).to.equal(`user=ann.${mac}`);
    expect(r.cookies[0]).to.include('HttpOnly');
  });

  it('reads back what it signed', async () => {
    const a = app([KEY]);
    const r = await a.inject({ method: 'GET', url: '/set?v=a.b%20c' });
    expect(await read(a, pair(r.cookies[0]!))).to.equal('a.b c');
  });

  const tampered: [string, (signed: string) => string][] = [
    ['a changed value', (s) => s.replace('ann', 'bob')],
    ['a flipped last signature character', (s) => s.slice(0, -1) + (s.endsWith('A') ? 'B' : 'A')],
    // base64url's last of 43 characters carries 2 spare bits: a sibling decodes to the same bytes.
    ['a non-canonical last character that decodes to the same bytes', sibling],
    ['trailing junk after the signature', (s) => `${s}x`],
    ['padding after the signature', (s) => `${s}=`],
    ['no signature at all', () => 'user=ann'],
    ['an empty signature', () => 'user=ann.'],
    ['the value signed for another cookie name', () => `user=ann.${createHmac('sha256', KEY).update('other=ann').digest('base64url')}`],
    ['a signature with a key not in the list', () => `user=ann.${createHmac('sha256', 'x'.repeat(32)).update('user=ann').digest('base64url')}`],
    ['non-ASCII in the signature', (s) => s.slice(0, -1) + '%C3%A9'],
  ];
  for (const [name, change] of tampered) {
    it(`ignores ${name}: undefined, not a 500`, async () => {
      const a = app([KEY]);
      const r = await a.inject({ method: 'GET', url: '/set' });
      const cookie = change(pair(r.cookies[0]!));
      expect(cookie).to.not.equal(pair(r.cookies[0]!));
      expect(await read(a, cookie)).to.equal(null);
    });
  }

  it('the non-canonical sibling really decodes to the same MAC bytes', () => {
    const mac = createHmac('sha256', KEY).update('user=ann').digest('base64url');
    expect(sibling(mac)).to.not.equal(mac);
    expect(Buffer.from(sibling(mac), 'base64url').equals(Buffer.from(mac, 'base64url'))).to.equal(true);
  });

  it('rotates keys: a cookie signed with the old key still verifies, new cookies use the new one', async () => {
    const before = await app([OLD]).inject({ method: 'GET', url: '/set' });
    const rotated = app([KEY, OLD]);
    expect(await read(rotated, pair(before.cookies[0]!))).to.equal('ann');
    const after = await rotated.inject({ method: 'GET', url: '/set' });
    expect(pair(after.cookies[0]!)).to.equal(`user=ann.${createHmac('sha256', KEY).update('user=ann').digest('base64url')}`);
    expect(await read(app([KEY]), pair(before.cookies[0]!))).to.equal(null);
  });

  it('signing without keys throws ERR_CORE_KEYS, answered 500', async () => {
    const a = app();
    const r = await a.inject({ method: 'GET', url: '/set' });
    expect(r.status).to.equal(500);
    let caught: unknown;
    const b = new Engine();
    b.get('/', (c) => {
      try {
        c.setCookie('a', 'b', { signed: true });
      } catch (err) {
        caught = err;
      }
      c.status(204);
    });
    await b.inject({ method: 'GET', url: '/' });
    expect(caught).to.be.instanceOf(CoreError).with.property('code', 'ERR_CORE_KEYS');
  });

  it('refuses an empty key list with ERR_CORE_KEYS', () => {
    expect(() => new Engine({ keys: [] })).to.throw(CoreError).with.property('code', 'ERR_CORE_KEYS');
    expect(() => new Engine({ keys: [''] })).to.throw(CoreError).with.property('code', 'ERR_CORE_KEYS');
  });

  for (const transport of ['node', 'netpoll'] as const) {
    it(`works the same over the ${transport} transport`, async () => {
      const a = app([KEY]);
      const server: Listening = await a.listen({ host: '127.0.0.1', transport });
      try {
        const set = await fetch(`http://127.0.0.1:${server.port}/set`);
        const cookie = pair(set.headers.getSetCookie()[0]!);
        const ok = (await (await fetch(`http://127.0.0.1:${server.port}/read`, { headers: { cookie } })).json()) as { user: unknown };
        const bad = (await (await fetch(`http://127.0.0.1:${server.port}/read`, { headers: { cookie: `${cookie}x` } })).json()) as { user: unknown };
        expect([ok.user, bad.user]).to.deep.equal(['ann', null]);
      } finally {
        await server.close();
      }
    });
  }
});
