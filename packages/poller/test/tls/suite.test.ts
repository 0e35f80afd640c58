// The shared transport suite over TLS on the netpoll and node transports: the suite's client
// speaks the same HTTP/1.1 bytes through a TLS connection (ALPN http/1.1) instead of TCP. Each
// transport keeps the differences it has over TCP; what TLS changes is named below.
import { connect as connectTcp, type Socket } from 'node:net';
import { connect as connectTls } from 'node:tls';
import { netpollTransport } from '../../src/http/netpoll.js';
import { nodeTransport } from '../../src/node/transport.js';
import { localhostCertificate } from '../../../../test/support/tls-cert.js';
import { transportSuite } from '../transport/suite.js';
import { nodeDifferences } from '../node/differences.js';

const certificate = localhostCertificate();
const tls = { key: certificate.key, cert: certificate.cert };

/**
 * A TLS connection offering HTTP/1.1 through ALPN, trusting the test certificate. Its
 * `resetAndDestroy()` resets the TCP connection under it (a TLS socket cannot itself).
 */
function overTls(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const tcp = connectTcp({ port, host: '127.0.0.1' });
    const s = connectTls({ socket: tcp, servername: 'localhost', ca: certificate.cert, ALPNProtocols: ['http/1.1'] }, () => resolve(s));
    s.resetAndDestroy = () => {
      tcp.resetAndDestroy();
      return s;
    };
    s.once('error', reject);
  });
}

/** What TLS itself changes, on both transports. */
const tlsDifferences: Record<string, string> = {
  'max-connections':
    'the connection past maxConnections is closed on accept, before the TLS handshake, so the client fails to connect rather than seeing a closed connection',
};

transportSuite('netpoll (TLS)', (options) => netpollTransport({ ...options, tls, onHandlerError: () => undefined }), {
  connect: overTls,
  expectedDifferences: {
    ...tlsDifferences,
    'upgrade-empty-body':
      "netpoll frames an Upgrade request's body by its Content-Length, as Go does: r.body holds it and the hijacked Conn gets only what follows; node:http stops parsing at the head",
  },
});

transportSuite('node (TLS)', (options) => nodeTransport({ ...options, tls, onHandlerError: () => undefined }), {
  connect: overTls,
  expectedDifferences: {
    ...nodeDifferences,
    ...tlsDifferences,
    'pipelined-unread-paused':
      "over TLS the node transport's hold on a client that pipelines without reading is not lifted when the client reads again: the requests after the first few are never served (a defect of the node transport's pipelining bound on TLS sockets, as the HTTP/2 transport's HTTP/1.1 side shows; netpoll serves them)",
  },
});
