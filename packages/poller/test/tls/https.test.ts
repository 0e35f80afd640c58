// HTTPS on the netpoll and node transports: the same Handler over TLS, the certificate reloaded
// without a restart (setSecureContext, and getCertificate by SNI), the client-certificate
// policies, each seen by a real client over a real connection.
import { expect } from 'chai';
import { request, type RequestOptions } from 'node:https';
import type { ConnectionOptions, TLSSocket } from 'node:tls';
import type { Handler, ServerHandle, Transport } from '../../src/http/handler.js';
import { netpollTransport } from '../../src/http/netpoll.js';
import { nodeTransport } from '../../src/node/transport.js';
import type { TLSConfig } from '../../src/tls/config.js';
import { localhostCertificate, selfSignedCertificate, testCA, type TestCertificate } from '../../../../test/support/tls-cert.js';

const own = localhostCertificate();

interface Seen {
  status: number;
  body: string;
  /** The SHA-256 fingerprint of the certificate the server presented. */
  fingerprint: string;
  alpn: string;
}

interface ClientOptions {
  ca?: string;
  servername?: string;
  certificate?: TestCertificate;
  rejectUnauthorized?: boolean;
}

/** One GET on a new connection, as node:https sends it. */
function get(port: number, path: string, o: ClientOptions = {}): Promise<Seen> {
  return new Promise((resolve, reject) => {
    const options: RequestOptions & ConnectionOptions = {
      host: '127.0.0.1',
      port,
      path,
      agent: false,
      ca: o.ca ?? own.cert,
      servername: o.servername ?? 'localhost',
      rejectUnauthorized: o.rejectUnauthorized ?? true,
      ALPNProtocols: ['http/1.1'],
      ...(o.certificate === undefined ? {} : { cert: o.certificate.cert, key: o.certificate.key }),
    };
    const req = request(options);
    req.on('response', (res) => {
      const socket = res.socket as TLSSocket;
      const fingerprint = socket.getPeerX509Certificate()?.fingerprint256 ?? '';
      const alpn = typeof socket.alpnProtocol === 'string' ? socket.alpnProtocol : '';
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body, fingerprint, alpn }));
    });
    req.on('error', reject);
    req.end();
  });
}

const hello: Handler = {
  serveHTTP: (w, r) => void w.end(`${r.method} ${r.path} ${r.proto}`),
};

const transports: { name: string; make: (tls: TLSConfig | undefined, options?: { maxHeaderBytes?: number }) => Transport }[] = [
  { name: 'netpoll', make: (tls, options = {}) => netpollTransport({ ...options, tls, onHandlerError: () => undefined }) },
  { name: 'node', make: (tls, options = {}) => nodeTransport({ ...options, tls, onHandlerError: () => undefined }) },
];

for (const t of transports) {
  describe(`HTTPS on the ${t.name} transport`, function () {
    this.timeout(15000);
    let server: ServerHandle | undefined;

    afterEach(async () => {
      await server?.close({ graceful: false });
      server = undefined;
    });

    async function serve(tls: TLSConfig | undefined, options?: { maxHeaderBytes?: number }): Promise<ServerHandle> {
      server = await t.make(tls, options).serve(hello, { host: '127.0.0.1' });
      return server;
    }

    it('serves a request over TLS with ALPN http/1.1 and the configured certificate', async () => {
      const s = await serve(own);
      const seen = await get(s.port, '/hi');
      expect(seen).to.deep.equal({ status: 200, body: 'GET /hi HTTP/1.1', fingerprint: own.fingerprint256, alpn: 'http/1.1' });
    });

    it('keeps its limits over TLS: a head past maxHeaderBytes gets 431', async () => {
      const s = await serve(own, { maxHeaderBytes: 1024 });
      const seen = await get(s.port, `/${'a'.repeat(2000)}`);
      expect(seen.status).to.equal(431);
    });

    it('serves the certificate given to setSecureContext to the next connections, without a restart', async () => {
      const renewed = selfSignedCertificate();
      const s = await serve(own);
      expect((await get(s.port, '/')).fingerprint).to.equal(own.fingerprint256);
      s.setSecureContext?.(renewed);
      const after = await get(s.port, '/', { ca: renewed.cert });
      expect([after.status, after.fingerprint]).to.deep.equal([200, renewed.fingerprint256]);
    });

    it('keeps its certificate when setSecureContext is given a config that cannot work', async () => {
      const s = await serve(own);
      expect(() => s.setSecureContext?.({ key: own.key })).to.throw().with.property('code', 'ERR_TLS_CONFIG');
      expect((await get(s.port, '/')).fingerprint).to.equal(own.fingerprint256);
    });

    it('refuses setSecureContext on a server without TLS', async () => {
      const s = await serve(undefined);
      expect(() => s.setSecureContext?.(own)).to.throw().with.property('code', 'ERR_TLS_CONFIG');
    });

    it('refuses a TLS config that cannot work when the transport is made', () => {
      expect(() => t.make({})).to.throw().with.property('code', 'ERR_TLS_CONFIG');
    });

    it('picks each connection\'s certificate with getCertificate by SNI, and a reload through it', async () => {
      const ca = testCA();
      let current = ca.issue({ commonName: 'b.test' });
      const first = current;
      const s = await serve({ ...own, getCertificate: (h) => (h.serverName === 'b.test' ? current : undefined) });
      const b = await get(s.port, '/', { ca: ca.cert, servername: 'b.test' });
      const local = await get(s.port, '/', { servername: 'localhost' });
      expect([b.status, b.fingerprint, local.fingerprint]).to.deep.equal([200, first.fingerprint256, own.fingerprint256]);
      current = ca.issue({ commonName: 'b.test' });
      const reloaded = await get(s.port, '/', { ca: ca.cert, servername: 'b.test' });
      expect(reloaded.fingerprint).to.equal(current.fingerprint256).and.not.equal(first.fingerprint256);
    });

    it('serves a getCertificate given to setSecureContext', async () => {
      const other = selfSignedCertificate({ commonName: 'b.test' });
      const s = await serve(own);
      s.setSecureContext?.({ ...own, getCertificate: (h) => (h.serverName === 'b.test' ? other : undefined) });
      expect((await get(s.port, '/', { ca: other.cert, servername: 'b.test' })).fingerprint).to.equal(other.fingerprint256);
    });

    const policies: { clientAuth: NonNullable<TLSConfig['clientAuth']>; sends: 'none' | 'unverified' | 'verified'; served: boolean }[] = [
      { clientAuth: 'verify-if-given', sends: 'none', served: true },
      { clientAuth: 'verify-if-given', sends: 'unverified', served: false },
      { clientAuth: 'verify-if-given', sends: 'verified', served: true },
      { clientAuth: 'require-any', sends: 'none', served: false },
      { clientAuth: 'require-any', sends: 'unverified', served: true },
      { clientAuth: 'require-and-verify', sends: 'unverified', served: false },
    ];
    for (const p of policies) {
      it(`clientAuth ${p.clientAuth}: a client with ${{ none: 'no', unverified: 'an unverified', verified: 'a verified' }[p.sends]} certificate is ${p.served ? 'served' : 'refused'}`, async () => {
        const ca = testCA();
        const certificate = p.sends === 'none' ? undefined : p.sends === 'verified' ? ca.issue({ commonName: 'alice', usage: 'client' }) : selfSignedCertificate({ commonName: 'mallory', usage: 'client' });
        const s = await serve({ ...own, clientAuth: p.clientAuth, clientCAs: ca.cert });
        const outcome = await get(s.port, '/', certificate === undefined ? {} : { certificate }).then((r) => r.status, (e: unknown) => (e as Error).message);
        if (p.served) expect(outcome).to.equal(200);
        else expect(outcome).to.be.a('string');
      });
    }
  });
}
