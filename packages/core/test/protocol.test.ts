// The scheme the client used, c.protocol(), and what follows from it, for requests made without
// a socket: inject() and fetch() take theirs from the URL (an https: URL is a request over TLS,
// as Go's httptest.NewRequest makes it), and a trusted proxy's X-Forwarded-Proto counts on a
// plain connection only. Over real TLS connections: tls.test.ts.
import { expect } from 'chai';
import type { ConnectionState } from '@sloe/poller';
import { Engine, csrf, type Context } from '../src/index.js';

/** What a handler saw of the scheme and the connection. */
interface Seen {
  protocol: string;
  host: string | undefined;
  tls: Pick<ConnectionState, 'handshakeComplete' | 'version' | 'serverName'> | null;
}

function seeing(options: ConstructorParameters<typeof Engine>[0] = {}): Engine {
  const app = new Engine(options);
  app.get('/p', (c: Context) => {
    const tls = c.req.tls;
    const seen: Seen = {
      protocol: c.protocol(),
      host: c.header('host'),
      tls: tls === null ? null : { handshakeComplete: tls.handshakeComplete, version: tls.version, serverName: tls.serverName },
    };
    c.json(200, seen);
  });
  return app;
}

const overTLS = (serverName: string): Seen['tls'] => ({ handshakeComplete: true, version: 'TLSv1.2', serverName });

describe('c.protocol() and c.req.tls without a socket', () => {
  const cases: { name: string; send: (app: Engine) => Promise<unknown>; seen: Seen }[] = [
    { name: 'inject with a path: plain, Host localhost', send: (a) => a.inject('/p').then((r) => r.json()), seen: { protocol: 'http', host: 'localhost', tls: null } },
    { name: 'inject with an http: URL: plain, Host from the URL', send: (a) => a.inject('http://api.test:8080/p').then((r) => r.json()), seen: { protocol: 'http', host: 'api.test:8080', tls: null } },
    { name: 'inject with an https: URL: over TLS, SNI the host name', send: (a) => a.inject('https://API.test/p').then((r) => r.json()), seen: { protocol: 'https', host: 'API.test', tls: overTLS('api.test') } },
    { name: 'inject with an https: URL to an IP address: over TLS, no SNI', send: (a) => a.inject('https://127.0.0.1:8443/p').then((r) => r.json()), seen: { protocol: 'https', host: '127.0.0.1:8443', tls: overTLS('') } },
    { name: 'inject with an https: URL and its own Host', send: (a) => a.inject({ url: 'https://user:pw@api.test/p', headers: { host: 'other.test' } }).then((r) => r.json()), seen: { protocol: 'https', host: 'other.test', tls: overTLS('api.test') } },
    { name: 'inject with an https: URL and tls: null: plain', send: (a) => a.inject({ url: 'https://api.test/p', tls: null }).then((r) => r.json()), seen: { protocol: 'http', host: 'api.test', tls: null } },
    {
      name: 'inject with a tls state of its own',
      send: (a) => a.inject({ url: '/p', tls: { handshakeComplete: true, version: 'TLSv1.3', cipherSuite: 'TLS_AES_128_GCM_SHA256', negotiatedProtocol: 'http/1.1', serverName: 'x.test', didResume: false, peerCertificates: [], verified: false } }).then((r) => r.json()),
      seen: { protocol: 'https', host: 'localhost', tls: { handshakeComplete: true, version: 'TLSv1.3', serverName: 'x.test' } },
    },
    { name: 'fetch with an http: Request: plain, Host from the URL', send: (a) => a.fetch(new Request('http://app.example/p')).then((r) => r.json()), seen: { protocol: 'http', host: 'app.example', tls: null } },
    { name: 'fetch with an https: Request: over TLS, Host from the URL', send: (a) => a.fetch(new Request('https://app.example/p')).then((r) => r.json()), seen: { protocol: 'https', host: 'app.example', tls: overTLS('app.example') } },
  ];
  for (const c of cases) {
    it(c.name, async () => {
      expect(await c.send(seeing())).to.deep.equal(c.seen);
    });
  }
});

describe('c.protocol() behind proxies', () => {
  const app = seeing({ trustedProxies: ['10.0.0.0/8'] });
  const proto = async (url: string, forwarded: string, remoteAddr: string): Promise<string> =>
    (await app.inject({ url, headers: { 'x-forwarded-proto': forwarded }, remoteAddr })).json<Seen>().protocol;

  it("believes a trusted proxy's X-Forwarded-Proto on a plain connection", async () => {
    expect(await proto('/p', 'https', '10.1.2.3:5000')).to.equal('https');
    expect(await proto('/p', 'https, http', '10.1.2.3:5000')).to.equal('https');
  });

  it('ignores X-Forwarded-Proto from a peer that is not a trusted proxy', async () => {
    expect(await proto('/p', 'https', '203.0.113.9:5000')).to.equal('http');
  });

  it('answers https on a TLS connection whatever a trusted proxy forwards', async () => {
    expect(await proto('https://api.test/p', 'http', '10.1.2.3:5000')).to.equal('https');
  });
});

describe('what follows from the scheme, without a socket', () => {
  it("marks the csrf token's cookie Secure over HTTPS, and only there", async () => {
    const app = new Engine();
    app.use(csrf({ token: { secret: 'a-secret-of-32-bytes-for-the-mac' } }));
    app.get('/form', (c) => c.string(200, c.csrfToken()));
    const secure = await app.inject('https://app.example/form');
    const plain = await app.inject('http://app.example/form');
    expect(secure.cookies[0]).to.match(/; Secure(;|$)/);
    expect(plain.cookies[0]).to.not.match(/Secure/);
  });

  it('lets csrf() pass a same-origin post sent through fetch to an https: URL by an old browser (Origin only)', async () => {
    const app = new Engine();
    app.use(csrf());
    app.post('/save', (c) => c.string(200, 'saved'));
    const res = await app.fetch(new Request('https://app.example/save', { method: 'POST', headers: { origin: 'https://app.example' } }));
    expect([res.status, await res.text()]).to.deep.equal([200, 'saved']);
  });
});
