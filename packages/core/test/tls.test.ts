// listen({ tls }): the Engine served over HTTPS on every named transport, its certificate
// reloaded on the listening server, seen by a real client.
import { expect } from 'chai';
import { request, type RequestOptions } from 'node:https';
import type { ConnectionOptions, TLSSocket } from 'node:tls';
import { netpollTransport } from '@sloe/poller';
import { Engine, type Listening } from '../src/index.js';
import { localhostCertificate, selfSignedCertificate } from '../../../test/support/tls-cert.js';

const own = localhostCertificate();

/** A GET over a new TLS connection: the status, the body and the server certificate's fingerprint. */
function get(port: number, path: string, ca: string): Promise<{ status: number; body: string; fingerprint: string }> {
  return new Promise((resolve, reject) => {
    const options: RequestOptions & ConnectionOptions = { host: '127.0.0.1', port, path, agent: false, ca, servername: 'localhost', ALPNProtocols: ['http/1.1'] };
    const req = request(options, (res) => {
      const fingerprint = (res.socket as TLSSocket).getPeerX509Certificate()?.fingerprint256 ?? '';
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, fingerprint }));
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
