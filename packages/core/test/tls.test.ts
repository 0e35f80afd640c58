// listen({ tls }): the Engine served over HTTPS on every named transport, its certificate
// reloaded on the listening server, seen by a real client.
import { expect } from 'chai';
import { request as httpRequest } from 'node:http';
import { createServer as createHttpsServer, request, type RequestOptions } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { ConnectionOptions, TLSSocket } from 'node:tls';
import { netpollTransport } from '@sloe/poller';
import { Engine, secureHeaders, type Listening } from '../src/index.js';
import { localhostCertificate, selfSignedCertificate } from '../../../test/support/tls-cert.js';

const own = localhostCertificate();

interface Answer {
  status: number;
  body: string;
  /** The server certificate's SHA-256 fingerprint, '' over plain HTTP. */
  fingerprint: string;
  /** The Strict-Transport-Security header, '' when absent. */
  hsts: string;
}

/** A GET over a new connection, TLS unless `ca` is undefined: the status, the body, the server certificate's fingerprint and HSTS. */
function get(port: number, path: string, ca: string | undefined): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const options: RequestOptions & ConnectionOptions = { host: '127.0.0.1', port, path, agent: false, ca, servername: 'localhost', ALPNProtocols: ['http/1.1'] };
    const send = ca === undefined ? httpRequest : request;
    const req = send(options, (res) => {
      const fingerprint = ca === undefined ? '' : ((res.socket as TLSSocket).getPeerX509Certificate()?.fingerprint256 ?? '');
      const hsts = res.headers['strict-transport-security'] ?? '';
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, fingerprint, hsts }));
    });
    req.on('error', reject);
    req.end();
  });
}

for (const transport of ['node', 'netpoll', 'http2'] as const) {
  describe(`listen({ transport: '${transport}', tls })`, function () {
    this.timeout(15000);
    let server: Listening | undefined;
    afterEach(async () => {
      await server?.close();
      server = undefined;
    });

    it('serves the Engine over HTTPS and reloads its certificate with setSecureContext', async () => {
      const app = new Engine();
      app.get('/hello/:name', (c) => c.json(200, { hello: c.param('name') }));
      server = await app.listen({ transport, host: '127.0.0.1', tls: own });
      const first = await get(server.port, '/hello/ana', own.cert);
      expect([first.status, JSON.parse(first.body), first.fingerprint]).to.deep.equal([200, { hello: 'ana' }, own.fingerprint256]);
      const renewed = selfSignedCertificate();
      server.setSecureContext?.(renewed);
      const second = await get(server.port, '/hello/bo', renewed.cert);
      expect([second.status, second.fingerprint]).to.deep.equal([200, renewed.fingerprint256]);
    });

    /** An Engine with secureHeaders() whose handler tells the scheme and the TLS state it saw. */
    function schemeApp(): Engine {
      const app = new Engine();
      app.use(secureHeaders());
      app.get('/scheme', (c) => c.json(200, { protocol: c.protocol(), version: c.req.tls?.version ?? null, serverName: c.req.tls?.serverName ?? null }));
      return app;
    }

    it('answers c.protocol() https with the TLS state in c.req.tls, and secureHeaders() sends HSTS', async () => {
      server = await schemeApp().listen({ transport, host: '127.0.0.1', tls: own });
      const res = await get(server.port, '/scheme', own.cert);
      expect([res.status, JSON.parse(res.body), res.hsts]).to.deep.equal([200, { protocol: 'https', version: 'TLSv1.3', serverName: 'localhost' }, 'max-age=15552000; includeSubDomains']);
    });

    if (transport !== 'http2') {
      it('answers c.protocol() http without TLS, where secureHeaders() sends no HSTS', async () => {
        server = await schemeApp().listen({ transport, host: '127.0.0.1' });
        const res = await get(server.port, '/scheme', undefined);
        expect([res.status, JSON.parse(res.body), res.hsts]).to.deep.equal([200, { protocol: 'http', version: null, serverName: null }, '']);
      });
    }
  });
}

describe('listen({ tls }) with a Transport given as is', () => {
  it('is refused at once, as a misuse: the Transport takes its TLS from its own factory', () => {
    expect(() => new Engine().listen({ transport: netpollTransport(), tls: own })).to.throw(TypeError, /named transport/);
  });

  it('refuses setSecureContext on a server without TLS, with ERR_TLS_CONFIG', async () => {
    const server = await new Engine().listen({ host: '127.0.0.1' });
    try {
      expect(() => server.setSecureContext?.(own)).to.throw().with.property('code', 'ERR_TLS_CONFIG');
    } finally {
      await server.close();
    }
  });
});

describe("app.callback() on the caller's https server", () => {
  it('answers c.protocol() https with c.req.tls, and secureHeaders() sends HSTS', async () => {
    const app = new Engine();
    app.use(secureHeaders());
    app.get('/scheme', (c) => c.json(200, { protocol: c.protocol(), version: c.req.tls?.version ?? null }));
    const server = createHttpsServer({ key: own.key, cert: own.cert }, app.callback());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const res = await get((server.address() as AddressInfo).port, '/scheme', own.cert);
      expect([res.status, JSON.parse(res.body), res.hsts]).to.deep.equal([200, { protocol: 'https', version: 'TLSv1.3' }, 'max-age=15552000; includeSubDomains']);
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  });
});
