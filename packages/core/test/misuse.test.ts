// No handler and no client can make sloe's code throw an uncaught exception or leave a rejected
// promise unhandled: every writer misuse, on both transports, is answered or cut short, logged
// once with the request id, and the server keeps answering.
import { expect } from 'chai';
import net from 'node:net';
import { pino } from 'pino';
import { Engine, type Context, type Listening, type TransportName } from '../src/index.js';

interface Misuse {
  name: string;
  handler: (c: Context) => void | Promise<void>;
  /** Extra request header lines. */
  headers?: string;
  /** How many failures must be logged for the request (besides the access line). */
  logged: 0 | 1;
  /** Only on these transports (node hands a connection over only on Upgrade). */
  only?: TransportName;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

const misuses: Misuse[] = [
  {
    name: 'a declared length the body falls short of, ended by the Engine',
    handler: async (c) => {
      c.setHeader('Content-Length', '10');
      await c.writer.write('abc');
    },
    logged: 1,
  },
  {
    name: 'a declared length the writes overrun',
    handler: async (c) => {
      c.setHeader('Content-Length', '2');
      await c.writer.write('abc');
    },
    logged: 1,
  },
  {
    name: 'a declared length a helper body overruns',
    handler: (c) => {
      c.setHeader('Content-Length', '3');
      c.string(200, 'hello');
    },
    logged: 1,
  },
  {
    name: 'a declared length a helper body falls short of',
    handler: (c) => {
      c.setHeader('Content-Length', '30');
      c.string(200, 'hello');
    },
    logged: 1,
  },
  {
    name: 'end() short of the declared length, awaited by the handler',
    handler: async (c) => {
      c.setHeader('Content-Length', '10');
      await c.writer.end('abc');
    },
    logged: 1,
  },
  {
    name: 'a write after end()',
    handler: async (c) => {
      await c.writer.end('done');
      await c.writer.write('more');
    },
    logged: 1,
  },
  {
    name: 'end() twice',
    handler: async (c) => {
      await c.writer.end('one');
      await c.writer.end('two');
    },
    logged: 0,
  },
  {
    name: 'a helper answer after the writer ended the response',
    handler: async (c) => {
      await c.writer.end('one');
      c.string(200, 'two');
    },
    logged: 0,
  },
  {
    name: 'answering twice through the helpers',
    handler: (c) => {
      c.string(200, 'one');
      c.string(200, 'two');
    },
    logged: 1,
  },
  {
    name: 'a header set after the first write',
    handler: async (c) => {
      await c.writer.write('a');
      c.setHeader('X-Late', '1');
      c.writer.header().set('X-Later', '2');
    },
    logged: 0,
  },
  {
    name: 'a body on a 204',
    handler: async (c) => {
      c.writer.writeHeader(204);
      await c.writer.write('x');
    },
    logged: 1,
  },
  {
    name: 'a throw after the body started',
    handler: async (c) => {
      await c.writer.write('partial');
      throw new Error('late failure');
    },
    logged: 1,
  },
  {
    name: 'an error whose status cannot be sent',
    handler: () => {
      throw Object.assign(new Error('odd'), { status: 1000 });
    },
    logged: 1,
  },
  {
    name: 'hijack, then writes through the writer and the helpers',
    headers: 'Connection: Upgrade\r\nUpgrade: test\r\n',
    handler: async (c) => {
      const conn = c.writer.hijack();
      try {
        await conn.write(new TextEncoder().encode('HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nUpgrade: test\r\n\r\n'));
        c.string(200, 'after hijack');
        await c.writer.write('x');
      } finally {
        conn.close();
      }
    },
    logged: 1,
  },
  {
    name: 'hijack, then the Engine ends the response',
    headers: 'Connection: Upgrade\r\nUpgrade: test\r\n',
    handler: (c) => {
      c.writer.hijack().close();
    },
    logged: 0,
  },
  {
    name: 'hijack twice',
    headers: 'Connection: Upgrade\r\nUpgrade: test\r\n',
    handler: (c) => {
      c.writer.hijack().close();
      c.writer.hijack();
    },
    logged: 1,
  },
  {
    name: 'hijack of a request that is not an Upgrade',
    handler: (c) => {
      c.writer.hijack();
    },
    logged: 1,
    only: 'node',
  },
];

/** Sends raw bytes, reads until the server closes, and returns what came back. */
function exchange(port: number, bytes: string, closeAfterMs?: number): Promise<string> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    const chunks: Buffer[] = [];
    const done = (): void => resolve(Buffer.concat(chunks).toString('latin1'));
    socket.on('data', (d: Buffer) => chunks.push(d));
    socket.on('error', done);
    socket.on('close', done);
    socket.write(bytes);
    if (closeAfterMs !== undefined) setTimeout(() => socket.destroy(), closeAfterMs);
    else setTimeout(() => socket.destroy(), 3000);
  });
}

function capturingLogger(): { log: pino.Logger; lines: Record<string, unknown>[] } {
  const lines: Record<string, unknown>[] = [];
  const log = pino({ level: 'info' }, { write: (s: string) => void lines.push(JSON.parse(s) as Record<string, unknown>) });
  return { log, lines };
}

for (const transport of ['node', 'netpoll'] as const) {
  describe(`writer misuse on the ${transport} transport`, function () {
    const escaped: unknown[] = [];
    const record = (err: unknown): void => {
      escaped.push(err);
    };
    const { log, lines } = capturingLogger();
    let app: Engine;
    let server: Listening;

    before(async function () {
      process.on('unhandledRejection', record);
      process.on('uncaughtException', record);
      app = Engine.default({ logger: log });
      misuses.forEach((m, i) => app.get(`/m/${i}`, m.handler));
      app.get('/slow-stream', (c) =>
        c.stream(200, 'text/plain', (async function* () {
          for (let i = 0; i < 400; i++) {
            await sleep(2);
            yield 'x'.repeat(16384);
          }
        })()),
      );
      app.get('/sse', async (c) => {
        const s = c.sse();
        for (let i = 0; i < 200; i++) {
          await s.send({ data: 'y'.repeat(16384) });
          await sleep(2);
        }
      });
      app.post('/upload', async (c) => {
        c.string(200, 'got %d', (await c.body.bytes()).length);
      });
      app.get('/ok', (c) => c.string(200, 'ok'));
      server = await app.listen({ host: '127.0.0.1', transport });
    });

    after(async function () {
      process.off('unhandledRejection', record);
      process.off('uncaughtException', record);
      await server.close();
    });

    async function expectStillServing(): Promise<void> {
      // Give any stray rejection a turn to surface first.
      await sleep(20);
      expect(escaped.map(String)).to.deep.equal([]);
      const reply = await exchange(server.port, 'GET /ok HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
      expect(reply).to.match(/^HTTP\/1\.1 200 OK\r\n[\s\S]*\r\n\r\nok$/);
    }

    misuses.forEach((m, i) => {
      if (m.only !== undefined && m.only !== transport) return;
      it(m.name, async function () {
        const reqId = `misuse-${transport}-${i}`;
        await exchange(server.port, `GET /m/${i} HTTP/1.1\r\nHost: x\r\nX-Request-Id: ${reqId}\r\n${m.headers ?? 'Connection: close\r\n'}\r\n`);
        await expectStillServing();
        const failures = lines.filter((l) => l['reqId'] === reqId && l['msg'] !== 'request');
        expect(failures.map((l) => l['msg']), 'failures logged').to.have.length(m.logged);
      });
    });

    it('a client that disconnects in the middle of a streamed body', async function () {
      const reqId = `gone-stream-${transport}`;
      await exchange(server.port, `GET /slow-stream HTTP/1.1\r\nHost: x\r\nX-Request-Id: ${reqId}\r\n\r\n`, 30);
      await sleep(100);
      await expectStillServing();
      expect(lines.filter((l) => l['reqId'] === reqId && l['msg'] !== 'request').length).to.be.at.most(1);
    });

    it('a client that disconnects in the middle of an event stream', async function () {
      await exchange(server.port, 'GET /sse HTTP/1.1\r\nHost: x\r\n\r\n', 30);
      await sleep(100);
      await expectStillServing();
    });

    it('a client that disconnects in the middle of its request body', async function () {
      await exchange(server.port, `POST /upload HTTP/1.1\r\nHost: x\r\nContent-Length: 100000\r\n\r\n${'z'.repeat(1000)}`, 30);
      await sleep(50);
      await expectStillServing();
    });
  });
}
