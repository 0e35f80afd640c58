import { expect } from 'chai';
import { Hono } from 'hono';
import { csrf as honoCsrf } from 'hono/csrf';
import { CoreError, Engine, HttpError, csrf, recovery, type CsrfOptions } from '../../src/index.js';
import { socketWay, type Way } from '../ways.js';
import { HOST, expectSame, honoAnswer, sloeAnswer, type SideCase } from './side.js';

// Deliberate differences from Hono's csrf, which follows the browser's form rules only:
const EVERY_UNSAFE = "every unsafe method is checked, as Go's CrossOriginProtection does; Hono only form content types";
const NEITHER_HEADER = "a request with neither Sec-Fetch-Site nor Origin is not a browser's cross-site request and passes, as in Go; Hono refuses it";

const form = { 'content-type': 'application/x-www-form-urlencoded' };
const cases: SideCase[] = [
  { name: 'a safe method from another site', method: 'GET', url: '/', headers: { 'sec-fetch-site': 'cross-site', origin: 'https://evil.example' } },
  { name: 'a form post from the same origin (Sec-Fetch-Site)', method: 'POST', url: '/', headers: { ...form, 'sec-fetch-site': 'same-origin', origin: `http://${HOST}` }, body: 'a=1' },
  { name: 'a form post from another site (Sec-Fetch-Site)', method: 'POST', url: '/', headers: { ...form, 'sec-fetch-site': 'cross-site', origin: 'https://evil.example' }, body: 'a=1' },
  { name: 'a form post from the same site but another origin', method: 'POST', url: '/', headers: { ...form, 'sec-fetch-site': 'same-site', origin: 'https://sub.app.example' }, body: 'a=1' },
  { name: 'a form post from an old browser, same Origin', method: 'POST', url: '/', headers: { ...form, origin: `http://${HOST}` }, body: 'a=1' },
  { name: 'a form post from an old browser, other Origin', method: 'POST', url: '/', headers: { ...form, origin: 'https://evil.example' }, body: 'a=1' },
  { name: 'a form post from a trusted origin', method: 'POST', url: '/', headers: { ...form, 'sec-fetch-site': 'cross-site', origin: 'https://partner.example' }, body: 'a=1' },
  {
    name: 'a JSON delete from another site',
    method: 'DELETE',
    url: '/',
    headers: { 'content-type': 'application/json', 'sec-fetch-site': 'cross-site', origin: 'https://evil.example' },
    differs: { status: EVERY_UNSAFE },
    sloe: { status: 403 },
  },
  { name: 'a form post with neither header', method: 'POST', url: '/', headers: form, body: 'a=1', differs: { status: NEITHER_HEADER }, sloe: { status: 200 } },
];

function apps(): { sloe: Engine; hono: Hono } {
  const sloe = new Engine();
  sloe.use(csrf({ origins: ['https://partner.example'] }));
  sloe.get('/', (c) => c.string(200, 'ok'));
  sloe.post('/', (c) => c.string(200, 'ok'));
  sloe.delete('/', (c) => c.string(200, 'ok'));
  const hono = new Hono();
  hono.use('*', honoCsrf({ origin: [`http://${HOST}`, 'https://partner.example'] }));
  hono.get('/', (c) => c.text('ok'));
  hono.post('/', (c) => c.text('ok'));
  hono.delete('/', (c) => c.text('ok'));
  return { sloe, hono };
}

describe('csrf, side by side with Hono', () => {
  const { sloe, hono } = apps();
  for (const c of cases) {
    it(c.name, async () => {
      expectSame(c, await sloeAnswer(sloe, c, []), await honoAnswer(hono, c, []));
    });
  }
  for (const transport of ['node', 'netpoll'] as const) {
    describe(`over a ${transport} socket`, () => {
      const way: Way = socketWay(transport);
      before(() => way.start(sloe));
      after(() => way.stop());
      for (const c of cases) {
        it(c.name, async () => {
          expectSame(c, await sloeAnswer(sloe, c, [], way), await honoAnswer(hono, c, []));
        });
      }
    });
  }
});

describe('csrf token', () => {
  const secret = 'a-secret-of-32-bytes-for-the-mac';
  function app(): Engine {
    const a = new Engine();
    a.use(csrf({ token: { secret } }));
    a.get('/form', (c) => c.string(200, c.csrfToken()));
    a.post('/form', (c) => c.string(200, 'saved'));
    return a;
  }

  it('is issued with a cookie and accepted back in the form field or the header', async () => {
    const a = app();
    const page = await a.inject('/form');
    const token = page.body;
    expect(page.cookies[0]).to.match(/^csrf=[^;]+; Path=\//);
    expect(page.cookies[0]).to.contain('HttpOnly');
    const cookie = `csrf=${token}`;
    const byField = await a.inject({ method: 'POST', url: '/form', headers: { ...form, cookie }, body: `_csrf=${encodeURIComponent(token)}` });
    expect(byField.status).to.equal(200);
    const byHeader = await a.inject({ method: 'POST', url: '/form', headers: { cookie, 'x-csrf-token': token } });
    expect(byHeader.status).to.equal(200);
    const again = await a.inject({ url: '/form', headers: { cookie } });
    expect(again.body, 'a valid cookie is reused').to.equal(token);
    expect(again.cookies).to.deep.equal([]);
  });

  // The last character of the signature changed, always to another one.
  const tamper = (t: string): string => `${t.slice(0, -1)}${t.endsWith('A') ? 'B' : 'A'}`;
  const refused: [string, (token: string) => Record<string, string>][] = [
    ['missing', (t) => ({ cookie: `csrf=${t}` })],
    ['different from the cookie', (t) => ({ cookie: `csrf=${t}`, 'x-csrf-token': `${t}x` })],
    ['sent without its cookie', (t) => ({ 'x-csrf-token': t })],
    ['matching a cookie whose signature was tampered with', (t) => ({ cookie: `csrf=${tamper(t)}`, 'x-csrf-token': tamper(t) })],
    ['matching a cookie signed with another key', () => ({ cookie: 'csrf=abc.def', 'x-csrf-token': 'abc.def' })],
  ];
  for (const [name, headers] of refused) {
    it(`refuses a token ${name} with 403`, async () => {
      const a = app();
      const token = (await a.inject('/form')).body;
      const r = await a.inject({ method: 'POST', url: '/form', headers: headers(token) });
      expect(r.status).to.equal(403);
    });
  }

  it('throws its refusal as an HttpError (403, ERR_CORE_CSRF) that error middleware can answer its own way', async () => {
    const a = new Engine();
    a.use(recovery());
    const pages = a.group('/page', async (c) => {
      try {
        await c.next();
      } catch (err) {
        if (!(err instanceof HttpError)) throw err;
        c.string(err.status, `<h1>${err.code}</h1>`);
      }
    });
    a.post('/api', csrf({ token: { secret } }), (c) => c.string(200, 'saved'));
    pages.use(csrf({ token: { secret } }));
    pages.post('', (c) => c.string(200, 'saved'));
    const api = await a.inject({ method: 'POST', url: '/api', headers: { ...form }, body: '_csrf=x' });
    expect(api.status).to.equal(403);
    expect(api.json()).to.deep.equal({ error: 'ERR_CORE_CSRF', message: 'forbidden: missing or invalid CSRF token' });
    const cross = await a.inject({ method: 'POST', url: '/api', headers: { 'sec-fetch-site': 'cross-site' } });
    expect(cross.json()).to.deep.equal({ error: 'ERR_CORE_CSRF', message: 'forbidden: cross-origin request' });
    const page = await a.inject({ method: 'POST', url: '/page', headers: { ...form }, body: '_csrf=x' });
    expect([page.status, page.body]).to.deep.equal([403, '<h1>ERR_CORE_CSRF</h1>']);
  });

  it('needs its secret and names it; c.csrfToken() without the token option throws', async () => {
    expect(() => csrf({ token: {} } as CsrfOptions)).to.throw(CoreError, /missing option "secret"/).with.property('code', 'ERR_CORE_OPTIONS');
    expect(() => csrf({ origin: [] } as CsrfOptions)).to.throw(CoreError, /unknown option "origin"/);
    const a = new Engine();
    a.use(csrf());
    a.get('/', (c) => c.string(200, c.csrfToken()));
    expect((await a.inject('/')).status).to.equal(500);
  });
});
