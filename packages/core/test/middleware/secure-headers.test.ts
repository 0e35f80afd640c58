import { expect } from 'chai';
import { Hono } from 'hono';
import { NONCE, secureHeaders as honoSecureHeaders } from 'hono/secure-headers';
import { HTMLTemplate } from '@sloe/template';
import { CoreError, Engine, secureHeaders, type Context, type SecureHeadersOptions } from '../../src/index.js';
import { injectWay, socketWay, type Way } from '../ways.js';
import { expectSame, honoAnswer, sloeAnswer, type SideCase } from './side.js';

const HEADERS = [
  'cross-origin-embedder-policy',
  'cross-origin-resource-policy',
  'cross-origin-opener-policy',
  'origin-agent-cluster',
  'referrer-policy',
  'strict-transport-security',
  'x-content-type-options',
  'x-dns-prefetch-control',
  'x-download-options',
  'x-frame-options',
  'x-permitted-cross-domain-policies',
  'x-xss-protection',
];

// The one deliberate difference: HSTS only where the client used HTTPS.
const HSTS_ON_HTTPS = 'Strict-Transport-Security only on HTTPS (a trusted proxy says so); Hono always sends it';

function apps(options: SecureHeadersOptions): { sloe: Engine; hono: Hono } {
  // The inject requests come from 127.0.0.1: trusted as a proxy, so X-Forwarded-Proto counts.
  const sloe = new Engine({ trustedProxies: ['127.0.0.1'] });
  sloe.use(secureHeaders(options));
  sloe.get('/', (c) => c.string(200, 'ok'));
  const hono = new Hono();
  hono.use('*', honoSecureHeaders(options as Parameters<typeof honoSecureHeaders>[0]));
  hono.get('/', (c) => c.text('ok'));
  return { sloe, hono };
}

const cases: [string, SecureHeadersOptions, SideCase[]][] = [
  [
    'the defaults',
    {},
    [
      { name: 'over HTTP', method: 'GET', url: '/', differs: { 'strict-transport-security': HSTS_ON_HTTPS }, sloe: {} },
      { name: 'over HTTPS behind a trusted proxy', method: 'GET', url: '/', headers: { 'x-forwarded-proto': 'https' } },
      { name: 'on a 404', method: 'GET', url: '/nowhere', headers: { 'x-forwarded-proto': 'https' } },
    ],
  ],
  [
    'each header switched or given',
    { crossOriginEmbedderPolicy: true, xFrameOptions: 'DENY', referrerPolicy: 'strict-origin', xXssProtection: false, originAgentCluster: false, strictTransportSecurity: 'max-age=60' },
    [{ name: 'over HTTPS', method: 'GET', url: '/', headers: { 'x-forwarded-proto': 'https' } }],
  ],
];

describe('secureHeaders, side by side with Hono', () => {
  for (const [name, options, list] of cases) {
    describe(name, () => {
      const { sloe, hono } = apps(options);
      for (const c of list) {
        it(c.name, async () => {
          expectSame(c, await sloeAnswer(sloe, c, HEADERS), await honoAnswer(hono, c, HEADERS));
        });
      }
    });
  }

  it('builds the same Content-Security-Policy, with a fresh nonce per request', async () => {
    const sloe = new Engine();
    sloe.use(secureHeaders({ contentSecurityPolicy: { defaultSrc: ["'self'"], scriptSrc: ["'self'", "'nonce'"], frameAncestors: ["'none'"] } }));
    sloe.get('/', (c) => c.string(200, 'ok'));
    const hono = new Hono();
    hono.use('*', honoSecureHeaders({ contentSecurityPolicy: { defaultSrc: ["'self'"], scriptSrc: ["'self'", NONCE], frameAncestors: ["'none'"] } }));
    hono.get('/', (c) => c.text('ok'));
    const ours = (await sloe.inject('/')).headers['content-security-policy'];
    const again = (await sloe.inject('/')).headers['content-security-policy'];
    const theirs = (await hono.request('http://app.example/')).headers.get('content-security-policy');
    const shape = (v: string | null | undefined): string | undefined => v?.replace(/'nonce-[A-Za-z0-9+/=_-]+'/, "'nonce-N'");
    expect(shape(ours)).to.equal(shape(theirs));
    expect(ours).to.match(/script-src 'self' 'nonce-[A-Za-z0-9_-]{22}'/);
    expect(again).to.not.equal(ours);
  });
});

describe('secureHeaders', () => {
  it("gives templates the request's CSP nonce", async () => {
    const app = new Engine();
    app.setHTMLTemplate(new HTMLTemplate('page').parse('<script nonce="{{.Nonce}}">run()</script>'));
    app.use(secureHeaders({ contentSecurityPolicy: { scriptSrc: ["'nonce'"] } }));
    app.get('/', (c: Context) => {
      c.html(200, 'page', { Nonce: c.get('cspNonce') });
    });
    const r = await app.inject('/');
    const nonce = /'nonce-([^']+)'/.exec(r.headers['content-security-policy'] ?? '')?.[1];
    expect(nonce).to.be.a('string');
    expect(r.body).to.equal(`<script nonce="${nonce}">run()</script>`);
  });

  it('believes X-Forwarded-Proto only from a trusted proxy', async () => {
    const app = new Engine({ trustedProxies: ['10.0.0.0/8'] });
    app.use(secureHeaders());
    app.get('/', (c) => c.string(200, 'ok'));
    const direct = await app.inject({ url: '/', headers: { 'x-forwarded-proto': 'https' }, remoteAddr: '203.0.113.9:5000' });
    expect(direct.headers['strict-transport-security']).to.equal(undefined);
    const proxied = await app.inject({ url: '/', headers: { 'x-forwarded-proto': 'https' }, remoteAddr: '10.1.2.3:5000' });
    expect(proxied.headers['strict-transport-security']).to.equal('max-age=15552000; includeSubDomains');
  });

  it('names an unknown header and refuses an empty value', () => {
    expect(() => secureHeaders({ xFrameOption: 'DENY' } as SecureHeadersOptions)).to.throw(CoreError, /unknown option "xFrameOption"/).with.property('code', 'ERR_CORE_OPTIONS');
    expect(() => secureHeaders({ referrerPolicy: '' })).to.throw(CoreError, /referrerPolicy/).with.property('code', 'ERR_CORE_OPTIONS');
  });

  const ways: Way[] = [injectWay(), socketWay('node'), socketWay('netpoll')];
  for (const way of ways) {
    it(`sends the headers on automatic answers too, over ${way.name}`, async () => {
      const app = new Engine();
      app.use(secureHeaders());
      app.post('/form', (c) => c.noContent());
      await way.start(app);
      try {
        for (const method of ['OPTIONS', 'GET']) {
          const r = await way.send({ method, url: '/form' });
          expect(r.status).to.equal(method === 'GET' ? 405 : 204);
          expect(r.headers['x-content-type-options']).to.equal('nosniff');
          expect(r.headers['x-frame-options']).to.equal('SAMEORIGIN');
        }
      } finally {
        await way.stop();
      }
    });
  }
});
