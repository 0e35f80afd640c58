// The shared transport suite over TLS on the netpoll and node transports: the suite's client
// speaks the same HTTP/1.1 bytes through a TLS connection (ALPN http/1.1) instead of TCP. Each
// transport keeps the differences it has over TCP; what TLS changes is named below.
import { netpollTransport } from '../../src/http/netpoll.js';
import { nodeTransport } from '../../src/node/transport.js';
import { localhostCertificate } from '../../../../test/support/tls-cert.js';
import { transportSuite } from '../transport/suite.js';
import { http1OverTls, tlsDifferences } from '../transport/tls-client.js';
import { nodeDifferences } from '../node/differences.js';

const certificate = localhostCertificate();
const tls = { key: certificate.key, cert: certificate.cert };

const overTls = http1OverTls(certificate.cert);

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
