import { expect } from 'chai';
import { Hono } from 'hono';
import { bodyLimit as honoBodyLimit } from 'hono/body-limit';
import net from 'node:net';
import { CoreError, Engine, bodyLimit, type Context } from '../../src/index.js';
import { injectWay, socketWay } from '../ways.js';
import { expectSame, honoAnswer, sloeAnswer, type SideCase } from './side.js';

const echo = async (c: Context): Promise<void> => {
  c.json(200, { bytes: (await c.body.bytes()).length });
};

// An Engine whose own limit is 100 bytes, a group that lowers it to 10 and one that raises it to 1000.
function app(handled: string[] = []): Engine {
  const a = new Engine({ bodyLimit: 100 });
  const seen = (c: Context): void => void handled.push(c.fullPath());
  a.post('/engine', seen, echo);
  a.group('/small', bodyLimit(10)).post('/in', seen, echo);
  a.group('/large', bodyLimit(1000)).post('/in', seen, echo);
  a.post('/route', bodyLimit(1000), seen, echo);
  a.group('/own', bodyLimit(1000)).post('/in', { bodyLimit: 20 }, async (c) => {
    handled.push(c.fullPath());
    c.json(200, { bytes: (await c.body.bytes()).length });
  });
  return a;
}

const body = (n: number): string => 'x'.repeat(n);

describe('bodyLimit', () => {
  it('checks its limit', () => {
    expect(() => bodyLimit(-1)).to.throw(CoreError, 'whole number of bytes');
    expect(() => bodyLimit(1.5)).to.throw(CoreError, 'whole number of bytes');
    expect(() => bodyLimit('1mb' as never)).to.throw(CoreError, 'whole number of bytes');
  });

  const cases: [string, string, number, number][] = [
    ['the Engine limit holds elsewhere', '/engine', 101, 413],
    ['a smaller group limit refuses what the Engine allows', '/small/in', 11, 413],
    ['a smaller group limit allows up to itself', '/small/in', 10, 200],
    ['a larger group limit allows what the Engine refuses', '/large/in', 1000, 200],
    ['a larger group limit still refuses past itself', '/large/in', 1001, 413],
    ['on one route', '/route', 500, 200],
    ["a route's own bodyLimit option wins over the group's", '/own/in', 21, 413],
  ];
  for (const way of [injectWay(), socketWay('node'), socketWay('netpoll')]) {
    describe(way.name, () => {
      const handled: string[] = [];
      before(() => way.start(app(handled)));
      after(() => way.stop());
      for (const [name, url, size, status] of cases) {
        it(`${name} (${size} bytes: ${status})`, async () => {
          handled.length = 0;
          const r = await way.send({ method: 'POST', url, headers: { 'content-type': 'text/plain' }, body: body(size) });
          expect(r.status).to.equal(status);
          if (status === 200) expect(r.body).to.equal(`{"bytes":${size}}`);
          // A declared length over the limit never reaches the handlers.
          else expect(handled).to.deep.equal([]);
        });
      }
    });
  }

  for (const transport of ['node', 'netpoll'] as const) {
    it(`answers 413 before reading a body declared too large, and a chunked one past the limit (${transport})`, async () => {
      const listening = await app().listen({ host: '127.0.0.1', transport });
      try {
        // 10 MB announced, none of it sent: the answer cannot wait for the body.
        const declared = await exchange(listening.port, 'POST /small/in HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\nContent-Length: 10000000\r\n\r\n');
        expect(declared).to.match(/^HTTP\/1\.1 413 /);
        const chunked = await exchange(listening.port, `POST /small/in HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\n\r\n8\r\n${body(8)}\r\n8\r\n${body(8)}\r\n`);
        expect(chunked).to.match(/^HTTP\/1\.1 413 /);
        const larger = await exchange(listening.port, `POST /large/in HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\nTransfer-Encoding: chunked\r\n\r\n1f4\r\n${body(500)}\r\n0\r\n\r\n`);
        expect(larger).to.match(/^HTTP\/1\.1 200 /);
        expect(larger).to.include('{"bytes":500}');
      } finally {
        await listening.close();
      }
    });
  }

  it('answers as Hono does on the same limits', async () => {
    const sloe = new Engine().post('/', bodyLimit(10), echo);
    const hono = new Hono().post('/', honoBodyLimit({ maxSize: 10 }), async (c) => c.json({ bytes: (await c.req.arrayBuffer()).byteLength }));
    const cases: SideCase[] = [
      { name: 'under', method: 'POST', url: '/', headers: { 'content-type': 'text/plain' }, body: body(10) },
      { name: 'over', method: 'POST', url: '/', headers: { 'content-type': 'text/plain' }, body: body(11) },
    ];
    for (const c of cases) expectSame(c, await sloeAnswer(sloe, c, []), await honoAnswer(hono, c, []));
  });
});

/** Writes raw bytes on a new connection; resolves with what comes back within 300 ms. */
function exchange(port: number, bytes: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    let received = '';
    socket.on('data', (d: Buffer) => (received += d.toString('latin1')));
    socket.on('error', (err: NodeJS.ErrnoException) => (err.code === 'ECONNRESET' ? resolve(received) : reject(err)));
    socket.write(bytes);
    setTimeout(() => {
      socket.destroy();
      resolve(received);
    }, 300);
  });
}
