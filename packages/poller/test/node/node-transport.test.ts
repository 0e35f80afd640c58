import { expect } from 'chai';
import { connect } from 'node:net';
import { HttpError } from '../../src/http/errors.js';
import type { Handler, Request, ResponseWriter, ServerHandle } from '../../src/http/handler.js';
import { nodeTransport, type NodeTransportOptions } from '../../src/node/index.js';
import { dial } from '../../src/net/dial.js';
import { DeadlineExceededError, ListenError } from '../../src/net/errors.js';
import { exchange, parseResponses, type WireResponse } from './wire.js';

type Serve = (w: ResponseWriter, r: Request) => void | Promise<void>;

interface Served {
  handle: ServerHandle;
  errors: unknown[];
}

async function serve(fn: Serve, options: NodeTransportOptions = {}): Promise<Served> {
  const errors: unknown[] = [];
  const handler: Handler = { serveHTTP: fn };
  const handle = await nodeTransport({ onHandlerError: (err) => errors.push(err), ...options }).serve(handler, { host: '127.0.0.1' });
  return { handle, errors };
}

async function roundTrip(s: Served, request: string, quietMs = 100): Promise<{ responses: WireResponse[]; closed: boolean; raw: string }> {
  const { raw, closed } = await exchange(s.handle.port, request, quietMs);
  return { responses: parseResponses(raw, request.startsWith('HEAD')), closed, raw };
}

const GET = (target: string, extra = ''): string => `GET ${target} HTTP/1.1\r\nHost: example.test\r\n${extra}\r\n`;

interface Case {
  name: string;
  options?: NodeTransportOptions;
  handler: Serve;
  request: string;
  status: number;
  body?: string | RegExp;
  headers?: Record<string, string | undefined>;
  closed?: boolean;
  /** The handler must not have run (the transport refused the request first). */
  refusedBeforeHandler?: boolean;
}

const echoFields: Serve = (w, r) => {
  void w.end(JSON.stringify({ method: r.method, url: r.url, path: r.path, rawQuery: r.rawQuery, proto: r.proto, contentLength: r.contentLength, headers: [...r.headers] }));
};

let handlerRan = false;
const marking = (fn: Serve): Serve => (w, r) => {
  handlerRan = true;
  return fn(w, r);
};

const cases: Case[] = [
  { name: 'hello world gets 200 with a Content-Length', handler: (w) => void w.end('hello world'), request: GET('/'), status: 200, body: 'hello world', headers: { 'content-length': '11' } },
  {
    name: 'request fields: method, target, path, query, proto, headers in wire order with repeats',
    handler: echoFields,
    request: 'GET /a/b%20c?x=1&y=2#frag HTTP/1.1\r\nHost: example.test\r\nX-Rep: one\r\nAccept: */*\r\nx-rep: two\r\n\r\n',
    status: 200,
    body: JSON.stringify({
      method: 'GET',
      url: '/a/b%20c?x=1&y=2#frag',
      path: '/a/b%20c',
      rawQuery: 'x=1&y=2',
      proto: 'HTTP/1.1',
      contentLength: 0,
      headers: [['Host', 'example.test'], ['X-Rep', 'one'], ['Accept', '*/*'], ['x-rep', 'two']],
    }),
  },
  {
    name: 'absolute-form target: path and query of the URL',
    handler: (w, r) => void w.end(`${r.path}|${r.rawQuery}`),
    request: 'GET http://example.test/p/q?k=v HTTP/1.1\r\nHost: example.test\r\n\r\n',
    status: 200,
    body: '/p/q|k=v',
  },
  {
    name: 'HTTP/1.0 request is served and closed',
    handler: (w, r) => void w.end(r.proto),
    request: 'GET / HTTP/1.0\r\n\r\n',
    status: 200,
    body: 'HTTP/1.0',
    closed: true,
  },
  {
    name: 'a Content-Length body is read whole with text()',
    handler: async (w, r) => void w.end(`${r.contentLength}:${await r.body.text()}`),
    request: 'POST /p HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello',
    status: 200,
    body: '5:hello',
  },
  {
    name: 'a chunked body has length -1 and is read by iteration',
    handler: async (w, r) => {
      const parts: string[] = [];
      for await (const c of r.body) parts.push(Buffer.from(c).toString());
      void w.end(`${r.contentLength}:${parts.join('')}`);
    },
    request: 'POST /p HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n',
    status: 200,
    body: '-1:abcde',
  },
  {
    name: 'json() parses the body',
    handler: async (w, r) => void w.end(JSON.stringify(await r.body.json())),
    request: 'POST /p HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 13\r\n\r\n{"a":[1,2,3]}',
    status: 200,
    body: '{"a":[1,2,3]}',
  },
  {
    name: 'a Content-Length over the body limit gets 413 before the handler runs',
    options: { maxBodyBytes: 4 },
    handler: marking((w) => void w.end('no')),
    request: 'POST /p HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello',
    status: 413,
    closed: true,
    refusedBeforeHandler: true,
  },
  {
    name: 'a chunked body growing past the limit fails the read with 413',
    options: { maxBodyBytes: 4 },
    handler: async (w, r) => void w.end(await r.body.text()),
    request: 'POST /p HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n3\r\ndef\r\n0\r\n\r\n',
    status: 413,
    closed: true,
  },
  {
    name: 'iterating a chunked body past the limit fails with 413, which still reaches the client',
    options: { maxBodyBytes: 4 },
    handler: async (w, r) => {
      let n = 0;
      for await (const c of r.body) n += c.length;
      void w.end(String(n));
    },
    request: 'POST /p HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n3\r\ndef\r\n0\r\n\r\n',
    status: 413,
    closed: true,
  },
  {
    name: 'leaving a body iteration early does not break the response',
    handler: async (w, r) => {
      for await (const c of r.body) {
        void w.end(`first ${c.length}`);
        break;
      }
    },
    request: 'POST /p HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nabc',
    status: 200,
    body: 'first 3',
  },
  {
    name: 'json() of an empty body is a 400 HttpError',
    handler: async (w, r) =>
      void w.end(await r.body.json().then(() => 'parsed', (e: unknown) => `${(e as HttpError).status} ${(e as HttpError).code}`)),
    request: GET('/'),
    status: 200,
    body: '400 ERR_HTTP_INVALID_JSON',
  },
  {
    name: 'an empty body iterates to nothing',
    handler: async (w, r) => {
      let n = 0;
      for await (const _c of r.body) n++;
      void w.end(String(n));
    },
    request: GET('/'),
    status: 200,
    body: '0',
  },
  {
    name: 'a lower per-read limit applies',
    handler: async (w, r) => void w.end(await r.body.text({ limit: 2 })),
    request: 'POST /p HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nabc',
    status: 413,
  },
  { name: 'a method outside the registry gets 501', handler: marking((w) => void w.end()), request: 'PURGE / HTTP/1.1\r\nHost: x\r\n\r\n', status: 501, refusedBeforeHandler: true },
  { name: 'the methods option admits a custom method', options: { methods: ['GET', 'PURGE'] }, handler: (w, r) => void w.end(r.method), request: 'PURGE / HTTP/1.1\r\nHost: x\r\n\r\n', status: 200, body: 'PURGE' },
  { name: 'a registry method left out of the methods option gets 501', options: { methods: ['GET'] }, handler: (w) => void w.end(), request: 'DELETE / HTTP/1.1\r\nHost: x\r\n\r\n', status: 501 },
  { name: 'a duplicate Host gets 400', handler: marking((w) => void w.end()), request: 'GET / HTTP/1.1\r\nHost: a\r\nHost: b\r\n\r\n', status: 400, refusedBeforeHandler: true, closed: true },
  { name: 'a missing Host on HTTP/1.1 gets 400', handler: (w) => void w.end(), request: 'GET / HTTP/1.1\r\n\r\n', status: 400, closed: true },
  { name: 'an unknown transfer coding before chunked gets 501', handler: marking((w) => void w.end()), request: 'POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip, chunked\r\n\r\n0\r\n\r\n', status: 501, refusedBeforeHandler: true, closed: true },
  { name: 'a target over maxUriBytes gets 414', options: { maxUriBytes: 64 }, handler: (w) => void w.end(), request: GET('/' + 'a'.repeat(100)), status: 414, closed: true },
  { name: 'a header section over maxHeaderBytes gets 431', options: { maxHeaderBytes: 1024 }, handler: (w) => void w.end(), request: GET('/', `X-Big: ${'b'.repeat(2000)}\r\n`), status: 431, closed: true },
  // Request line (16 bytes) + Host field (20) + X-Big field (9 + n): 45 + n bytes of head.
  { name: 'a head of 1015 bytes fits maxHeaderBytes 1024', options: { maxHeaderBytes: 1024 }, handler: (w) => void w.end('fits'), request: GET('/', `X-Big: ${'b'.repeat(970)}\r\n`), status: 200, body: 'fits' },
  { name: 'a head of 1035 bytes exceeds maxHeaderBytes 1024: 431', options: { maxHeaderBytes: 1024 }, handler: marking((w) => void w.end()), request: GET('/', `X-Big: ${'b'.repeat(990)}\r\n`), status: 431, closed: true, refusedBeforeHandler: true },
  { name: 'a 40 KiB target gets 414, not node:http\'s 431', handler: (w) => void w.end(), request: GET('/' + 'a'.repeat(40 * 1024)), status: 414, closed: true },
  {
    name: 'a handler that throws gets 500 and the connection closes',
    handler: () => {
      throw new Error('boom');
    },
    request: GET('/'),
    status: 500,
    closed: true,
  },
  {
    name: 'a handler that rejects gets 500',
    handler: () => Promise.reject(new Error('boom')),
    request: GET('/'),
    status: 500,
    closed: true,
  },
  {
    name: 'a header value with CR LF is an error in the handler, never bytes on the wire',
    handler: (w) => {
      w.header().set('X-Split', 'a\r\nSet-Cookie: evil=1');
      void w.end('unreachable');
    },
    request: GET('/'),
    status: 500,
    headers: { 'set-cookie': undefined },
  },
  {
    name: 'writeHeader sets the status; a second call is ignored',
    handler: (w) => {
      w.writeHeader(201);
      w.writeHeader(202);
      void w.end('made');
    },
    request: GET('/'),
    status: 201,
    body: 'made',
  },
  {
    name: 'writes without a length switch to chunked',
    handler: async (w) => {
      await w.write('a');
      await w.write(new TextEncoder().encode('b'));
      await w.end('c');
    },
    request: GET('/'),
    status: 200,
    body: 'abc',
    headers: { 'transfer-encoding': 'chunked', 'content-length': undefined },
  },
  {
    name: 'HTTP/1.0 writes without a length are close-delimited',
    handler: async (w) => {
      await w.write('a');
      await w.end('b');
    },
    request: 'GET / HTTP/1.0\r\n\r\n',
    status: 200,
    body: 'ab',
    headers: { 'transfer-encoding': undefined, 'content-length': undefined },
    closed: true,
  },
  {
    name: 'flush sends the header before any body',
    handler: async (w) => {
      w.header().set('X-Early', '1');
      w.flush();
      const sent = w.headersSent;
      await w.end(String(sent));
    },
    request: GET('/'),
    status: 200,
    body: 'true',
    headers: { 'x-early': '1' },
  },
  {
    name: 'an invalid status is a RangeError in the handler',
    handler: (w) => {
      try {
        w.writeHeader(42);
      } catch (err) {
        void w.end(err instanceof RangeError ? 'range error' : 'other');
      }
    },
    request: GET('/'),
    status: 200,
    body: 'range error',
  },
  {
    name: 'a handler that returns without ending gets its response ended',
    handler: (w) => {
      w.header().set('X-Seen', 'yes');
    },
    request: GET('/'),
    status: 200,
    body: '',
    headers: { 'x-seen': 'yes', 'content-length': '0' },
  },
  {
    name: 'answering Expect: 100-continue without reading the body sends no 100 and closes',
    handler: (w) => {
      w.writeHeader(403);
      void w.end('no');
    },
    request: 'POST / HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 4\r\n\r\n',
    status: 403,
    body: 'no',
    closed: true,
  },
  {
    name: 'an unknown expectation gets 417',
    handler: (w) => void w.end(),
    request: 'POST / HTTP/1.1\r\nHost: x\r\nExpect: teapot\r\nContent-Length: 0\r\n\r\n',
    status: 417,
  },
];

describe('node transport: requests and responses on the wire', () => {
  for (const c of cases) {
    it(c.name, async () => {
      handlerRan = false;
      const s = await serve(c.handler, c.options);
      try {
        const { responses, closed } = await roundTrip(s, c.request);
        expect(responses.length, 'responses').to.be.greaterThan(0);
        const res = responses[0]!;
        expect(res.status).to.equal(c.status);
        if (typeof c.body === 'string') expect(res.body).to.equal(c.body);
        else if (c.body instanceof RegExp) expect(res.body).to.match(c.body);
        for (const [name, value] of Object.entries(c.headers ?? {})) expect(res.get(name), name).to.equal(value);
        if (c.closed !== undefined) expect(closed, 'connection closed').to.equal(c.closed);
        if (c.refusedBeforeHandler === true) expect(handlerRan, 'handler ran').to.equal(false);
      } finally {
        await s.handle.close({ graceful: false });
      }
    });
  }
});

describe('node transport: connection behaviour', () => {
  it('keeps the connection alive and answers pipelined requests in order', async () => {
    const s = await serve((w, r) => void w.end(r.path));
    try {
      const { responses, closed } = await roundTrip(s, GET('/1') + GET('/2') + GET('/3'));
      expect(responses.map((r) => r.body)).to.deep.equal(['/1', '/2', '/3']);
      expect(closed).to.equal(false);
    } finally {
      await s.handle.close();
    }
  });

  it('the answer to Expect: 100-continue comes before the final response', async () => {
    const s = await serve(async (w, r) => void w.end(await r.body.text()));
    try {
      const { responses } = await roundTrip(s, 'POST / HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: 2\r\n\r\nok');
      expect(responses.map((r) => [r.status, r.body])).to.deep.equal([
        [100, ''],
        [200, 'ok'],
      ]);
    } finally {
      await s.handle.close();
    }
  });

  it('writing past the declared Content-Length fails with ERR_HTTP_CONTENT_LENGTH_MISMATCH and drops the connection', async () => {
    let code = '';
    const s = await serve(async (w) => {
      w.header().set('Content-Length', '2');
      await w.write('ab');
      const err = await w.write('c').catch((e: unknown) => e);
      code = err instanceof HttpError ? err.code : 'none';
      throw err;
    });
    try {
      const { responses, closed } = await roundTrip(s, GET('/'));
      expect(code).to.equal('ERR_HTTP_CONTENT_LENGTH_MISMATCH');
      expect(responses[0]?.body).to.equal('ab');
      expect(closed).to.equal(true);
    } finally {
      await s.handle.close();
    }
  });

  it('a client error the handler passes on is answered with its status, not reported', async () => {
    const s = await serve(async (w, r) => void w.end(await r.body.text()), { maxBodyBytes: 2 });
    try {
      const { responses } = await roundTrip(s, 'POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n');
      expect(responses[0]?.status).to.equal(413);
      expect(s.errors).to.deep.equal([]);
    } finally {
      await s.handle.close();
    }
  });

  it('a port in use fails serve with ListenError EADDRINUSE', async () => {
    const s = await serve((w) => void w.end());
    try {
      const err = await nodeTransport()
        .serve({ serveHTTP: (w) => void w.end() }, { host: '127.0.0.1', port: s.handle.port })
        .catch((e: unknown) => e);
      expect(err).to.be.instanceOf(ListenError);
      expect((err as ListenError).errno).to.equal('EADDRINUSE');
    } finally {
      await s.handle.close();
    }
  });

  it('reports handler errors to onHandlerError as ERR_HTTP_HANDLER_FAILED, with what was thrown as the cause', async () => {
    const thrown = new Error('reported');
    const s = await serve(() => {
      throw thrown;
    });
    try {
      const { responses } = await roundTrip(s, GET('/'));
      expect(responses.map((r) => r.status)).to.deep.equal([500]);
      expect(s.errors.map((e) => (e instanceof HttpError ? [e.code, e.cause] : e))).to.deep.equal([['ERR_HTTP_HANDLER_FAILED', thrown]]);
    } finally {
      await s.handle.close();
    }
  });

  it('a write below the high-water mark settles at once', async () => {
    let settledAtOnce: unknown;
    const s = await serve(async (w) => {
      const p = w.write('small');
      settledAtOnce = await Promise.race([p, Promise.resolve('pending')]);
      await w.end();
    });
    try {
      await roundTrip(s, GET('/'));
      expect(settledAtOnce).to.equal(undefined);
    } finally {
      await s.handle.close();
    }
  });

  it('a write over the high-water mark waits until the client reads', async () => {
    let parked: Promise<string> | undefined;
    const s = await serve(async (w) => {
      w.header().set('Content-Type', 'application/octet-stream');
      // Fill node's buffer and the socket's: with a client that does not read, a write parks.
      for (let i = 0; i < 400; i++) {
        const p = w.write(Buffer.alloc(256 * 1024));
        const first = await Promise.race([p.then(() => 'settled'), new Promise<string>((resolve) => setTimeout(() => resolve('parked'), 20))]);
        if (first === 'parked') {
          parked = p.then(() => 'resolved after reading');
          break;
        }
      }
      await parked;
      await w.end();
    }, { writeHighWaterMark: 16 * 1024 });
    try {
      const client = await dial('tcp', `127.0.0.1:${s.handle.port}`, { readHighWaterMark: 16 * 1024 });
      await client.write(new TextEncoder().encode(GET('/', 'Connection: close\r\n')));
      while (parked === undefined) await new Promise((resolve) => setTimeout(resolve, 10));
      let total = 0;
      for (let c = await client.read(); c !== null; c = await client.read()) total += c.length;
      expect(await parked).to.equal('resolved after reading');
      expect(total).to.be.greaterThan(256 * 1024);
      client.close();
    } finally {
      await s.handle.close();
    }
  });

  it('a write the client does not take within sendTimeout fails, drops the connection, and is not reported', async () => {
    let failed: unknown = null;
    const chunk = Buffer.alloc(64 * 1024, 'x');
    const s = await serve(
      async (w) => {
        try {
          for (;;) await w.write(chunk);
        } catch (err) {
          failed = err;
          throw err;
        }
      },
      { sendTimeout: 200 },
    );
    try {
      const client = connect({ port: s.handle.port, host: '127.0.0.1' });
      client.pause();
      const closed = new Promise<void>((resolve) => client.once('close', () => resolve()));
      client.on('error', () => undefined);
      client.write(GET('/'));
      const until = Date.now() + 4000;
      while (failed === null && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 20));
      expect(failed).to.be.instanceOf(DeadlineExceededError);
      client.resume();
      await closed;
      expect(s.errors).to.deep.equal([]);
    } finally {
      await s.handle.close();
    }
  });

  it('the signal aborts when the client goes away, and not after a completed response', async () => {
    let aborted: Promise<boolean> | undefined;
    let completedSignal: AbortSignal | undefined;
    const s = await serve(async (w, r) => {
      if (r.path === '/done') {
        completedSignal = r.signal;
        await w.end('done');
        return;
      }
      aborted = new Promise((resolve) => r.signal.addEventListener('abort', () => resolve(true)));
      await aborted;
    });
    try {
      await roundTrip(s, GET('/done'));
      const client = connect({ port: s.handle.port, host: '127.0.0.1' });
      client.write(GET('/wait'));
      await new Promise((resolve) => setTimeout(resolve, 50));
      client.destroy();
      expect(await aborted).to.equal(true);
      expect(completedSignal?.aborted).to.equal(false);
    } finally {
      await s.handle.close();
    }
  });

  it('gives the client address as remoteAddr after the client has gone', async () => {
    const seen: string[] = [];
    const s = await serve(async (_w, r) => {
      await new Promise<void>((resolve) => r.signal.addEventListener('abort', () => resolve()));
      // Read once the socket is destroyed: node no longer knows its peer then.
      await new Promise((resolve) => setTimeout(resolve, 50));
      seen.push(r.remoteAddr);
    });
    try {
      const client = connect({ port: s.handle.port, host: '127.0.0.1' });
      await new Promise((resolve) => client.once('connect', resolve));
      const local = `127.0.0.1:${client.localPort!}`;
      client.write(GET('/wait'));
      await new Promise((resolve) => setTimeout(resolve, 50));
      client.destroy();
      for (let i = 0; i < 100 && seen.length === 0; i++) await new Promise((resolve) => setTimeout(resolve, 10));
      expect(seen).to.deep.equal([local]);
    } finally {
      await s.handle.close();
    }
  });

  it('closes a keep-alive connection idle past idleTimeout', async () => {
    const s = await serve((w) => void w.end('x'), { idleTimeout: 100 });
    try {
      const start = Date.now();
      const { closed } = await roundTrip(s, GET('/'), 3000);
      expect(closed).to.equal(true);
      expect(Date.now() - start).to.be.within(80, 2500);
    } finally {
      await s.handle.close();
    }
  });

  it('answers 408 when a body does not arrive within requestTimeout', async () => {
    const s = await serve(async (w, r) => void w.end(await r.body.text().catch(() => 'failed')), { requestTimeout: 300, headerTimeout: 300 });
    try {
      const start = Date.now();
      const { responses, closed } = await roundTrip(s, 'POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\nabc', 3000);
      expect(responses.map((r) => r.status)).to.deep.equal([408]);
      expect(closed).to.equal(true);
      expect(Date.now() - start).to.be.within(250, 2500);
    } finally {
      await s.handle.close();
    }
  });

  it('drops connections over maxConnections', async () => {
    const s = await serve((w) => void w.end('served'), { maxConnections: 1 });
    try {
      const first = await dial('tcp', `127.0.0.1:${s.handle.port}`);
      await first.write(new TextEncoder().encode(GET('/')));
      expect(Buffer.from((await first.read())!).toString()).to.contain('served');
      const { raw, closed } = await exchange(s.handle.port, GET('/'));
      expect(raw).to.equal('');
      expect(closed).to.equal(true);
      first.close();
    } finally {
      await s.handle.close();
    }
  });

  it('answers 408 when the header section does not arrive within headerTimeout', async () => {
    const s = await serve((w) => void w.end('x'), { headerTimeout: 150 });
    try {
      const { responses, closed } = await roundTrip(s, 'GET / HTTP/1.1\r\nHost: x\r\n', 3000);
      expect(responses[0]?.status).to.equal(408);
      expect(closed).to.equal(true);
    } finally {
      await s.handle.close();
    }
  });
});

describe('node transport: hijack', () => {
  it('a client that resets during an Upgrade the handler has not taken does not bring the server down', async () => {
    let ran = false;
    const s = await serve(async (w) => {
      await new Promise((resolve) => setTimeout(resolve, 100));
      ran = true;
      // Rejects with ClosedError: the client is gone. The handler lets it propagate.
      await w.write('x'.repeat(256 * 1024));
    });
    try {
      const client = connect({ port: s.handle.port, host: '127.0.0.1' });
      client.write('GET / HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\nUpgrade: echo\r\n\r\n');
      await new Promise((resolve) => setTimeout(resolve, 30));
      client.resetAndDestroy();
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(ran, 'the handler ran').to.equal(true);
      const { responses } = await roundTrip(s, GET('/'));
      expect(responses.length, 'still serving').to.equal(1);
      expect(s.errors, 'a client leaving is not reported as a handler failure').to.deep.equal([]);
    } finally {
      await s.handle.close();
    }
  });
});

describe('node transport: close', () => {
  it('graceful close finishes the in-flight request with Connection: close, then resolves', async () => {
    let release!: () => void;
    const gate = new Promise<void>((resolve) => {
      release = resolve;
    });
    let started!: () => void;
    const inFlight = new Promise<void>((resolve) => {
      started = resolve;
    });
    const s = await serve(async (w) => {
      started();
      await gate;
      await w.end('finished');
    });
    const reply = roundTrip(s, GET('/'), 2000);
    await inFlight;
    const closing = s.handle.close();
    let closed = false;
    void closing.then(() => {
      closed = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(closed, 'resolved before the request finished').to.equal(false);
    release();
    const { responses } = await reply;
    await closing;
    expect(responses[0]?.body).to.equal('finished');
    expect(responses[0]?.get('connection')).to.equal('close');
    const refused = await exchange(s.handle.port, GET('/')).catch((e: unknown) => e);
    expect((refused as NodeJS.ErrnoException).code).to.equal('ECONNREFUSED');
  });

  it('graceful close closes idle keep-alive connections at once', async () => {
    const s = await serve((w) => void w.end('x'));
    const c = await dial('tcp', `127.0.0.1:${s.handle.port}`);
    await c.write(new TextEncoder().encode(GET('/')));
    await c.read();
    const start = Date.now();
    await s.handle.close();
    expect(Date.now() - start).to.be.below(1000);
    // The server closed the idle connection: the client reads EOF, not a hang.
    expect(await c.read()).to.equal(null);
    c.close();
  });

  it('graceful close gives up on a stuck request after its timeout, aborting it', async () => {
    let signal: AbortSignal | undefined;
    const s = await serve(async (_w, r) => {
      signal = r.signal;
      await new Promise((resolve) => r.signal.addEventListener('abort', resolve));
    });
    const reply = exchange(s.handle.port, GET('/'), 2000);
    while (signal === undefined) await new Promise((resolve) => setTimeout(resolve, 5));
    const start = Date.now();
    await s.handle.close({ graceful: true, timeout: 150 });
    expect(Date.now() - start).to.be.within(100, 2000);
    expect(signal.aborted).to.equal(true);
    expect((await reply).closed).to.equal(true);
  });

  it('close without grace aborts in-flight requests', async () => {
    let signal: AbortSignal | undefined;
    const s = await serve(async (_w, r) => {
      signal = r.signal;
      await new Promise((resolve) => r.signal.addEventListener('abort', resolve));
    });
    const reply = exchange(s.handle.port, GET('/'), 2000);
    while (signal === undefined) await new Promise((resolve) => setTimeout(resolve, 5));
    await s.handle.close({ graceful: false });
    expect(signal.aborted).to.equal(true);
    expect((await reply).closed).to.equal(true);
  });

  it('graceful close does not wait for hijacked connections, which stay usable', async () => {
    const s = await serve(async (w) => {
      const conn = w.hijack();
      for (let chunk = await conn.read(); chunk !== null; chunk = await conn.read()) await conn.write(chunk);
      conn.close();
    });
    const c = await dial('tcp', `127.0.0.1:${s.handle.port}`);
    await c.write(new TextEncoder().encode('GET / HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\nUpgrade: echo\r\n\r\n'));
    await new Promise((resolve) => setTimeout(resolve, 50));
    const start = Date.now();
    await s.handle.close();
    expect(Date.now() - start).to.be.below(1000);
    await c.write(new TextEncoder().encode('still here'));
    expect(Buffer.from((await c.read())!).toString()).to.equal('still here');
    c.close();
  });
});
