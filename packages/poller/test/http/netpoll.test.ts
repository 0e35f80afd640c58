// The netpoll transport through the shared transport suite: it has no expected differences.
// Handler errors the suite provokes on purpose are not printed.
import { expect } from 'chai';
import { netpollTransport } from '../../src/http/netpoll.js';
import { exchange } from '../transport/raw-client.js';
import { transportSuite } from '../transport/suite.js';

transportSuite('netpoll', (options) => netpollTransport({ ...options, onHandlerError: () => undefined }));

describe('netpoll transport: handler errors', () => {
  it('reports what a handler throws to onHandlerError with the request, and answers 500', async () => {
    const seen: string[] = [];
    const h = await netpollTransport({ onHandlerError: (err, req) => seen.push(`${req.method} ${req.url}: ${String(err)}`) }).serve(
      {
        serveHTTP() {
          throw new Error('boom');
        },
      },
      { port: 0, host: '127.0.0.1' },
    );
    try {
      const x = await exchange(h.port, 'GET /x HTTP/1.1\r\nHost: t\r\n\r\n');
      expect(x.responses.map((r) => r.status)).to.deep.equal([500]);
      expect(seen).to.deep.equal(['GET /x: Error: boom']);
    } finally {
      await h.close({ graceful: false });
    }
  });
});
