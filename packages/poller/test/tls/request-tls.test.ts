// Request.tls (Go's r.TLS) on every way the poller serves HTTP: null over a plain connection; over
// TLS the connection's state (version, ALPN protocol, SNI name, the client's certificate), the
// same frozen object for every request of a connection, and still there once the client has gone.
import { expect } from 'chai';
import { createServer as createHttpServer, request as httpRequest, Agent as HttpAgent, type Server } from 'node:http';
import { connect as connectHttp2, type ClientHttp2Session } from 'node:http2';
import { createServer as createHttpsServer, request as httpsRequest, Agent as HttpsAgent } from 'node:https';
import { connect as connectTcp } from 'node:net';
import { connect as connectTls } from 'node:tls';
import type { Handler, Request } from '../../src/http/handler.js';
import { netpollTransport } from '../../src/http/netpoll.js';
import { http2Transport } from '../../src/http2/index.js';
import { nodeListener } from '../../src/node/listener.js';
import { nodeTransport } from '../../src/node/transport.js';
import type { ConnectionState, TLSConfig } from '../../src/tls/config.js';
import { localhostCertificate, testCA } from '../../../../test/support/tls-cert.js';

const own = localhostCertificate();
const ca = testCA();
const alice = ca.issue({ commonName: 'alice', usage: 'client' });
/** The server side: its certificate, and a client certificate required and verified. */
const serverTLS: TLSConfig = { key: own.key, cert: own.cert, clientAuth: 'require-and-verify', clientCAs: ca.cert };
/** The client side, as node:https and node:http2 take it. */
const clientTLS = { ca: own.cert, servername: 'localhost', cert: alice.cert, key: alice.key };

/** A running server, however it was started. */
interface Running {
  port: number;
  close(): Promise<void>;
}

/** How requests reach the handler: the server, and the client that speaks to it. */
interface Way {
  name: string;
  /** The ALPN protocol a TLS client agrees on with it. */
  alpn: string;
  serve(handler: Handler, secure: boolean): Promise<Running>;
  /** GETs each path in turn on one connection, resolving when every response has ended. */
  requests(port: number, secure: boolean, paths: readonly string[]): Promise<void>;
  /** Sends a GET on a new connection and drops the connection before any answer. */
  abandon(port: number, secure: boolean): Promise<void>;
}

async function fromHandle(start: Promise<{ port: number; close(o?: { graceful?: boolean }): Promise<void> }>): Promise<Running> {
  const s = await start;
  return { port: s.port, close: () => s.close({ graceful: false }) };
}

async function listening(server: Server): Promise<Running> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('not bound to TCP');
  return {
    port: address.port,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** HTTP/1.1 with node's client, every request on one keep-alive connection. */
async function http1Requests(port: number, secure: boolean, paths: readonly string[]): Promise<void> {
  const agent = secure ? new HttpsAgent({ keepAlive: true, maxSockets: 1, ...clientTLS, ALPNProtocols: ['http/1.1'] }) : new HttpAgent({ keepAlive: true, maxSockets: 1 });
  try {
    for (const path of paths) {
      await new Promise<void>((resolve, reject) => {
        const answered = (res: import('node:http').IncomingMessage): void => {
          res.resume();
          res.on('end', resolve);
        };
        const req = secure
          ? httpsRequest({ host: '127.0.0.1', port, path, agent }, answered)
          : httpRequest({ host: '127.0.0.1', port, path, agent }, answered);
        req.on('error', reject);
        req.end();
      });
    }
  } finally {
    agent.destroy();
  }
}

/** A GET written on a new HTTP/1.1 connection, which is then closed. */
async function http1Abandon(port: number, secure: boolean): Promise<void> {
  const socket = await new Promise<import('node:net').Socket>((resolve, reject) => {
    const s = secure ? connectTls({ host: '127.0.0.1', port, ...clientTLS, ALPNProtocols: ['http/1.1'] }, () => resolve(s)) : connectTcp({ host: '127.0.0.1', port }, () => resolve(s));
    s.once('error', reject);
  });
  socket.write('GET /gone HTTP/1.1\r\nHost: localhost\r\n\r\n');
  await new Promise((resolve) => setTimeout(resolve, 50));
  socket.destroy();
}

function http2Session(port: number, secure: boolean): ClientHttp2Session {
  const session = secure ? connectHttp2(`https://localhost:${port}`, clientTLS) : connectHttp2(`http://127.0.0.1:${port}`);
  session.on('error', () => undefined);
  return session;
}

/** HTTP/2, every request a stream of one session. */
async function http2Requests(port: number, secure: boolean, paths: readonly string[]): Promise<void> {
  const session = http2Session(port, secure);
  try {
    for (const path of paths) {
      await new Promise<void>((resolve, reject) => {
        const stream = session.request({ ':path': path });
        stream.resume();
        stream.on('end', resolve);
        stream.on('error', reject);
      });
    }
  } finally {
    session.destroy();
  }
}

async function http2Abandon(port: number, secure: boolean): Promise<void> {
  const session = http2Session(port, secure);
  session.request({ ':path': '/gone' }).on('error', () => undefined);
  await new Promise((resolve) => setTimeout(resolve, 50));
  session.destroy();
}

const ways: Way[] = [
  {
    name: 'netpoll transport',
    alpn: 'http/1.1',
    serve: (h, secure) => fromHandle(netpollTransport({ tls: secure ? serverTLS : undefined }).serve(h, { host: '127.0.0.1' })),
    requests: http1Requests,
    abandon: http1Abandon,
  },
  {
    name: 'node transport',
    alpn: 'http/1.1',
    serve: (h, secure) => fromHandle(nodeTransport({ tls: secure ? serverTLS : undefined }).serve(h, { host: '127.0.0.1' })),
    requests: http1Requests,
    abandon: http1Abandon,
  },
  {
    name: "nodeListener on the caller's http / https server",
    alpn: 'http/1.1',
    serve: (h, secure) =>
      listening(
        secure
          ? createHttpsServer({ key: own.key, cert: own.cert, ca: ca.cert, requestCert: true, rejectUnauthorized: true, ALPNProtocols: ['http/1.1'] }, nodeListener(h))
          : createHttpServer(nodeListener(h)),
      ),
    requests: http1Requests,
    abandon: http1Abandon,
  },
  {
    name: 'http2 transport (h2c / TLS with ALPN h2)',
    alpn: 'h2',
    serve: (h, secure) => fromHandle(http2Transport(secure ? { tls: serverTLS } : { h2c: true }).serve(h, { host: '127.0.0.1' })),
    requests: http2Requests,
    abandon: http2Abandon,
  },
  {
    name: "http2 transport's HTTP/1.1 side (h2c / TLS with ALPN http/1.1)",
    alpn: 'http/1.1',
    serve: (h, secure) => fromHandle(http2Transport(secure ? { tls: serverTLS, allowHTTP1: true } : { h2c: true }).serve(h, { host: '127.0.0.1' })),
    requests: (port, secure, paths) => (secure ? http1Requests(port, secure, paths) : http2Requests(port, secure, paths)),
    abandon: (port, secure) => (secure ? http1Abandon(port, secure) : http2Abandon(port, secure)),
  },
];

/** A handler that keeps what each request's `tls` was, read as the handler starts. */
function recorder(): { handler: Handler; seen: (ConnectionState | null)[] } {
  const seen: (ConnectionState | null)[] = [];
  return { seen, handler: { serveHTTP: (w, r: Request) => void (seen.push(r.tls), w.end('ok')) } };
}

for (const way of ways) {
  describe(`Request.tls on the ${way.name}`, function () {
    this.timeout(15000);
    let server: Running | undefined;
    afterEach(async () => {
      await server?.close();
      server = undefined;
    });

    it('is null on a plain connection', async () => {
      const { handler, seen } = recorder();
      server = await way.serve(handler, false);
      await way.requests(server.port, false, ['/a']);
      expect(seen).to.deep.equal([null]);
    });

    it("gives the connection's state over TLS: version, ALPN, SNI name and the verified client certificate", async () => {
      const { handler, seen } = recorder();
      server = await way.serve(handler, true);
      await way.requests(server.port, true, ['/a']);
      const state = seen[0];
      expect(state).to.be.an('object');
      expect(state).to.include({ handshakeComplete: true, version: 'TLSv1.3', negotiatedProtocol: way.alpn, serverName: 'localhost', didResume: false, verified: true });
      expect(state?.cipherSuite).to.match(/^TLS_/);
      expect(state?.peerCertificates.map((x) => [x.subject, x.fingerprint256])).to.deep.equal([['CN=alice', alice.fingerprint256]]);
    });

    it('is the same frozen object for every request of a connection', async () => {
      const { handler, seen } = recorder();
      server = await way.serve(handler, true);
      await way.requests(server.port, true, ['/a', '/b']);
      expect(seen).to.have.length(2);
      expect(seen[0]).to.equal(seen[1]);
      expect(Object.isFrozen(seen[0]) && Object.isFrozen(seen[0]?.peerCertificates)).to.equal(true);
    });

    it('is still the state when first read after the client has gone', async () => {
      let gone: (state: ConnectionState | null) => void = () => undefined;
      const read = new Promise<ConnectionState | null>((resolve) => (gone = resolve));
      const handler: Handler = {
        serveHTTP: async (_w, r) => {
          const signal = r.signal;
          if (!signal.aborted) await new Promise((resolve) => signal.addEventListener('abort', resolve, { once: true }));
          // Let the transport see the socket closed, as a handler busy elsewhere would.
          await new Promise((resolve) => setTimeout(resolve, 20));
          gone(r.tls);
        },
      };
      server = await way.serve(handler, true);
      await way.abandon(server.port, true);
      const state = await read;
      expect(state).to.include({ handshakeComplete: true, version: 'TLSv1.3', negotiatedProtocol: way.alpn, serverName: 'localhost' });
      expect(state?.peerCertificates[0]?.fingerprint256).to.equal(alice.fingerprint256);
    });
  });
}
