// The netpoll transport through the shared transport suite: it has no expected differences.
// Handler errors the suite provokes on purpose are not printed.
import { expect } from 'chai';
import { HttpError } from '../../src/http/errors.js';
import { netpollTransport } from '../../src/http/netpoll.js';
import { DeadlineExceededError } from '../../src/net/errors.js';
import { exchange, open, parseResponses } from '../transport/raw-client.js';
import { transportSuite } from '../transport/suite.js';

transportSuite('netpoll', (options) => netpollTransport({ ...options, onHandlerError: () => undefined }), {
  expectedDifferences: {
    'upgrade-empty-body':
      "netpoll frames an Upgrade request's body by its Content-Length, as Go does: r.body holds it and the hijacked Conn gets only what follows; node:http stops parsing at the head",
  },
});

describe('netpoll transport: handler errors', () => {
  const boom = new Error('boom');
  const cases: { name: string; fails: () => Promise<void>; status: number; reported: [string, unknown][] }[] = [
    {
      name: 'a thrown Error is answered 500 and reported as ERR_HTTP_HANDLER_FAILED with it as the cause',
      fails: () => Promise.reject(boom),
      status: 500,
      reported: [['ERR_HTTP_HANDLER_FAILED', boom]],
    },
    {
      name: 'a thrown non-Error value is wrapped the same way',
      fails: () => Promise.reject('plain string'),
      status: 500,
      reported: [['ERR_HTTP_HANDLER_FAILED', 'plain string']],
    },
    {
      name: 'a server-side HttpError is answered with its status and reported as it is',
      fails: () => Promise.reject(HttpError.of('ERR_HTTP_CONTENT_LENGTH_MISMATCH', 'short')),
      status: 500,
      reported: [['ERR_HTTP_CONTENT_LENGTH_MISMATCH', undefined]],
    },
    {
      name: 'a client error the handler passes on is answered with its status, not reported',
      fails: () => Promise.reject(HttpError.of('ERR_HTTP_BODY_TOO_LARGE', 'too large')),
      status: 413,
      reported: [],
    },
  ];
  for (const c of cases) {
    it(c.name, async () => {
      const seen: [string, unknown][] = [];
      const h = await netpollTransport({
        onHandlerError: (err, req) => {
          expect(`${req.method} ${req.url}`).to.equal('GET /x');
          seen.push(err instanceof HttpError ? [err.code, err.cause] : ['not an HttpError', err]);
        },
      }).serve({ serveHTTP: c.fails }, { port: 0, host: '127.0.0.1' });
      try {
        const x = await exchange(h.port, 'GET /x HTTP/1.1\r\nHost: t\r\n\r\n');
        expect(x.responses.map((r) => r.status)).to.deep.equal([c.status]);
        expect(x.closed).to.equal(true);
        expect(x.responses[0]!.body.toString()).to.not.include('boom');
        expect(seen).to.deep.equal(c.reported);
      } finally {
        await h.close({ graceful: false });
      }
    });
  }
});

describe('netpoll transport: a dropped client', () => {
  it('does not report the failed write of a handler whose client was dropped for not reading', async () => {
    const reported: unknown[] = [];
    let failed: unknown = null;
    const chunk = Buffer.alloc(64 * 1024, 'x');
    const h = await netpollTransport({ sendTimeout: 200, onHandlerError: (err) => reported.push(err) }).serve(
      {
        async serveHTTP(w) {
          try {
            for (;;) await w.write(chunk);
          } catch (err) {
            failed = err;
            throw err;
          }
        },
      },
      { port: 0, host: '127.0.0.1' },
    );
    try {
      const s = await open(h.port);
      s.pause();
      s.write('GET / HTTP/1.1\r\nHost: t\r\n\r\n');
      const until = Date.now() + 4000;
      while (failed === null && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 20));
      await new Promise((resolve) => setTimeout(resolve, 50));
      s.destroy();
      expect(failed).to.be.instanceOf(DeadlineExceededError);
      expect(reported).to.deep.equal([]);
    } finally {
      await h.close({ graceful: false });
    }
  });
});

describe('netpoll transport: batched writes', () => {
  it('writes the responses of pipelined requests that are ready together in one write', async () => {
    const h = await netpollTransport().serve({ serveHTTP: (w, r) => void w.end(r.url) }, { port: 0, host: '127.0.0.1' });
    try {
      const s = await open(h.port);
      const chunks: Buffer[] = [];
      const got = new Promise<void>((resolve) => {
        s.on('data', (d: Buffer) => {
          chunks.push(d);
          if (parseResponses(Buffer.concat(chunks), []).responses.length === 5) resolve();
        });
      });
      s.write(['/1', '/2', '/3', '/4', '/5'].map((p) => `GET ${p} HTTP/1.1\r\nHost: t\r\n\r\n`).join(''));
      await got;
      s.destroy();
      expect(chunks.length, 'chunks received').to.equal(1);
      expect(parseResponses(chunks[0]!, []).responses.map((r) => r.body.toString())).to.deep.equal(['/1', '/2', '/3', '/4', '/5']);
    } finally {
      await h.close({ graceful: false });
    }
  });
});
