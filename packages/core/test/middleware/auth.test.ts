import { expect } from 'chai';
import { Hono } from 'hono';
import { basicAuth as honoBasicAuth } from 'hono/basic-auth';
import { bearerAuth as honoBearerAuth } from 'hono/bearer-auth';
import { CoreError, Engine, basicAuth, bearerAuth, type BasicAuthOptions, type BearerAuthOptions } from '../../src/index.js';
import { socketWay, type Way } from '../ways.js';
import { expectSame, honoAnswer, sloeAnswer, type SideCase } from './side.js';

const basic = (user: string, pass: string): Record<string, string> => ({ authorization: `Basic ${Buffer.from(`${user}:${pass}`).toString('base64')}` });
const CHARSET = 'the challenge names charset="UTF-8" (RFC 7617 §2.1), which Hono leaves out';
const basicChallenge = 'Basic realm="Secure Area", charset="UTF-8"';

const basicCases: SideCase[] = [
  { name: 'the right user and password', method: 'GET', url: '/', headers: basic('alice', 's3cret') },
  { name: 'no credentials', method: 'GET', url: '/', differs: { 'www-authenticate': CHARSET }, sloe: { 'www-authenticate': basicChallenge } },
  { name: 'a wrong password', method: 'GET', url: '/', headers: basic('alice', 's3cre'), differs: { 'www-authenticate': CHARSET }, sloe: { 'www-authenticate': basicChallenge } },
  { name: 'a wrong user', method: 'GET', url: '/', headers: basic('alicia', 's3cret'), differs: { 'www-authenticate': CHARSET }, sloe: { 'www-authenticate': basicChallenge } },
  { name: 'another scheme', method: 'GET', url: '/', headers: { authorization: 'Bearer abc' }, differs: { 'www-authenticate': CHARSET }, sloe: { 'www-authenticate': basicChallenge } },
  { name: 'credentials without a colon', method: 'GET', url: '/', headers: { authorization: `Basic ${Buffer.from('alice').toString('base64')}` }, differs: { 'www-authenticate': CHARSET }, sloe: { 'www-authenticate': basicChallenge } },
  { name: 'a password with a colon in it', method: 'GET', url: '/colon', headers: basic('bob', 'a:b') },
];

const REALM = 'error challenges keep the realm, as RFC 6750 §3 shows them; Hono drops it';
const bearerCases: SideCase[] = [
  { name: 'an accepted token', method: 'GET', url: '/', headers: { authorization: 'Bearer tok-1' } },
  { name: 'the second accepted token', method: 'GET', url: '/', headers: { authorization: 'Bearer tok-2' } },
  { name: 'no Authorization header', method: 'GET', url: '/' },
  { name: 'a token not accepted', method: 'GET', url: '/', headers: { authorization: 'Bearer tok-3' }, differs: { 'www-authenticate': REALM }, sloe: { 'www-authenticate': 'Bearer realm="", error="invalid_token"' } },
  { name: 'a malformed token', method: 'GET', url: '/', headers: { authorization: 'Bearer a b' }, differs: { 'www-authenticate': REALM }, sloe: { 'www-authenticate': 'Bearer realm="", error="invalid_request"' } },
  { name: 'another scheme', method: 'GET', url: '/', headers: { authorization: 'Basic YTpi' }, differs: { 'www-authenticate': REALM }, sloe: { 'www-authenticate': 'Bearer realm="", error="invalid_request"' } },
];

function apps(): { sloe: Engine; hono: Hono } {
  const sloe = new Engine();
  sloe.get('/basic/', basicAuth({ username: 'alice', password: 's3cret' }), (c) => c.string(200, c.get<string>('user') ?? ''));
  sloe.get('/basic/colon', basicAuth({ username: 'bob', password: 'a:b' }), (c) => c.string(200, 'ok'));
  sloe.get('/bearer/', bearerAuth({ token: ['tok-1', 'tok-2'] }), (c) => c.string(200, 'ok'));
  const hono = new Hono();
  hono.get('/basic/', honoBasicAuth({ username: 'alice', password: 's3cret' }), (c) => c.text('alice'));
  hono.get('/basic/colon', honoBasicAuth({ username: 'bob', password: 'a:b' }), (c) => c.text('ok'));
  hono.get('/bearer/', honoBearerAuth({ token: ['tok-1', 'tok-2'] }), (c) => c.text('ok'));
  return { sloe, hono };
}

const HEADERS = ['www-authenticate'];

describe('basicAuth and bearerAuth, side by side with Hono', () => {
  const { sloe, hono } = apps();
  const ways: (Way | undefined)[] = [undefined, socketWay('node'), socketWay('netpoll')];
  for (const way of ways) {
    describe(`over ${way?.name ?? 'inject'}`, () => {
      before(() => way?.start(sloe));
      after(() => way?.stop());
      for (const [prefix, list] of [['/basic', basicCases], ['/bearer', bearerCases]] as const) {
        for (const c of list) {
          it(`${prefix.slice(1)}: ${c.name}`, async () => {
            const req = { ...c, url: `${prefix}${c.url}` };
            const ours = await sloeAnswer(sloe, req, HEADERS, way);
            expectSame(c, ours, await honoAnswer(hono, req, HEADERS));
          });
        }
      }
    });
  }
});

describe('basicAuth and bearerAuth', () => {
  it('basicAuth with verify, and the user on the Context', async () => {
    const app = new Engine();
    app.use(basicAuth({ verify: (u, p) => u === 'carol' && p === 'pw', realm: 'Admin "zone"' }));
    app.get('/', (c) => c.string(200, c.get<string>('user') ?? ''));
    expect((await app.inject({ url: '/', headers: basic('carol', 'pw') })).body).to.equal('carol');
    const no = await app.inject({ url: '/', headers: basic('carol', 'px') });
    expect(no.status).to.equal(401);
    expect(no.headers['www-authenticate']).to.equal('Basic realm="Admin \\"zone\\"", charset="UTF-8"');
  });

  it('bearerAuth with verify', async () => {
    const app = new Engine();
    app.use(bearerAuth({ verify: async (t) => Promise.resolve(t.startsWith('ok-')), realm: 'api' }));
    app.get('/', (c) => c.string(200, 'in'));
    expect((await app.inject({ url: '/', headers: { authorization: 'Bearer ok-1' } })).status).to.equal(200);
    const no = await app.inject({ url: '/', headers: { authorization: 'Bearer no-1' } });
    expect(no.headers['www-authenticate']).to.equal('Bearer realm="api", error="invalid_token"');
  });

  it('check their options, naming the key', () => {
    const bad: [() => unknown, RegExp][] = [
      [() => basicAuth({ username: 'a' } as BasicAuthOptions), /missing option "password"/],
      [() => basicAuth({ username: 'a', password: 'b', relm: 'x' } as BasicAuthOptions), /unknown option "relm"/],
      [() => basicAuth({ username: 'a:b', password: 'c' }), /cannot contain ":"/],
      [() => bearerAuth({} as BearerAuthOptions), /"token" and "verify"/],
      [() => bearerAuth({ token: [] }), /non-empty/],
      [() => bearerAuth({ tokens: 'x' } as unknown as BearerAuthOptions), /unknown option "tokens"/],
    ];
    for (const [make, message] of bad) expect(make).to.throw(CoreError, message).with.property('code', 'ERR_CORE_OPTIONS');
  });
});
