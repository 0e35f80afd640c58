// The HTTP/2 transport through the shared transport suite over HTTP/2 without TLS (h2c): the
// suite's HTTP/1.1 cases go through a gateway on node:http2's client, and the cases that differ
// are named in differences.ts.
import { http2Transport } from '../../src/http2/index.js';
import { http2Connect } from '../transport/http2-gateway.js';
import { transportSuite } from '../transport/suite.js';
import { http2Differences } from './differences.js';

transportSuite('http2 (h2c)', (options) => http2Transport({ ...options, h2c: true, onHandlerError: () => undefined }), {
  connect: http2Connect(),
  expectedDifferences: http2Differences,
});
