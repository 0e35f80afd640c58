// The HTTP client over https: connections made by tls.dial, verified against the transport's
// rootCAs and the URL's host, pooled as http connections are, against both HTTPS transports.
import { expect } from 'chai';
import type { Handler, ServerHandle, Transport } from '../../src/http/handler.js';
import { netpollTransport } from '../../src/http/netpoll.js';
import { nodeTransport } from '../../src/node/transport.js';
import type { TLSConfig } from '../../src/tls/config.js';
import { Client } from '../../src/client/client.js';
import { ClientError } from '../../src/client/errors.js';
import { ClientTransport } from '../../src/client/transport.js';
import { get } from '../../src/client/client.js';
import { localhostCertificate, selfSignedCertificate } from '../../../../test/support/tls-cert.js';

const own = localhostCertificate();

const echo: Handler = {
  serveHTTP: (w, r) => void w.end(`${r.method} ${r.url} ${r.headers.get('host') ?? ''}`),
};

const servers: { name: string; make: (tls: TLSConfig) => Transport }[] = [
  { name: 'netpoll', make: (tls) => netpollTransport({ tls }) },
  { name: 'node', make: (tls) => nodeTransport({ tls }) },
];

for (const s of servers) {
  describe(`HTTP client over https to the ${s.name} transport`, function () {
    this.timeout(15000);
    let server: ServerHandle | undefined;
    /** The server names (SNI) the server was asked for, in order. */
    let names: string[] = [];

    beforeEach(async () => {
      names = [];
      const tls: TLSConfig = {
        ...own,
        getCertificate: (hello) => {
          names.push(hello.serverName);
          return undefined;
        },
      };
      server = await s.make(tls).serve(echo, { host: '127.0.0.1' });
    });

    afterEach(async () => {
      await server?.close({ graceful: false });
    });

    it('GETs through a transport trusting the server, verifying the URL\'s host sent as SNI', async () => {
      const transport = new ClientTransport({ tlsClientConfig: { rootCAs: own.cert } });
      const res = await new Client({ transport }).get(`https://localhost:${server!.port}/a?b=1`);
      expect([res.statusCode, await res.body.text()]).to.deep.equal([200, `GET /a?b=1 localhost:${server!.port}`]);
      expect(names).to.deep.equal(['localhost']);
      transport.closeIdleConnections();
    });

    it('pools an https connection and reuses it for the next request', async () => {
      const transport = new ClientTransport({ tlsClientConfig: { rootCAs: own.cert } });
      const client = new Client({ transport });
      const origin = `https://localhost:${server!.port}`;
      for (const path of ['/1', '/2', '/3']) {
        const res = await client.get(origin + path);
        await res.body.text();
      }
      expect(transport.idleConnections(origin)).to.equal(1);
      expect(server!.stats?.().accepted).to.equal(1);
      expect(names).to.have.length(1);
      transport.closeIdleConnections();
    });

    it('refuses a server its roots do not trust, with the CertificateVerificationError as cause', async () => {
      const transport = new ClientTransport({ tlsClientConfig: { rootCAs: selfSignedCertificate().cert } });
      const err = await new Client({ transport }).get(`https://localhost:${server!.port}/`).catch((e: unknown) => e);
      expect(err).to.be.instanceOf(ClientError).with.property('code', 'ERR_CLIENT_CONNECTION');
      expect((err as ClientError).cause).to.have.property('code', 'ERR_TLS_CERTIFICATE_VERIFICATION');
    });

    it('refuses a host the certificate does not name, unless insecureSkipVerify', async () => {
      await server?.close({ graceful: false });
      server = await s.make(own).serve(echo, { host: '127.0.0.2' });
      const strict = new ClientTransport({ tlsClientConfig: { rootCAs: own.cert } });
      const err = await new Client({ transport: strict }).get(`https://127.0.0.2:${server.port}/`).catch((e: unknown) => e);
      expect((err as ClientError).cause).to.include({ code: 'ERR_TLS_CERTIFICATE_VERIFICATION', reason: 'ERR_TLS_CERT_ALTNAME_INVALID' });
      const lax = new ClientTransport({ tlsClientConfig: { insecureSkipVerify: true } });
      const res = await new Client({ transport: lax }).get(`https://127.0.0.2:${server.port}/`);
      expect(res.statusCode).to.equal(200);
      await res.body.text();
      lax.closeIdleConnections();
    });

    it('fails get() with the default transport on a self-signed server', async () => {
      const err = await get(`https://localhost:${server!.port}/`).catch((e: unknown) => e);
      expect((err as ClientError).cause).to.include({ code: 'ERR_TLS_CERTIFICATE_VERIFICATION', reason: 'DEPTH_ZERO_SELF_SIGNED_CERT' });
    });
  });
}
