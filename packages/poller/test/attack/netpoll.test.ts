// Attacks on the netpoll transport over loopback, each bounded in time: a client that keeps a
// connection open with empty lines, and a handler's body that tries to desynchronise a
// pipelined connection.
import { expect } from 'chai';
import type { Socket } from 'node:net';
import { netpollTransport } from '../../src/http/netpoll.js';
import type { Handler, ServerHandle } from '../../src/http/handler.js';
import { exchange, open } from '../transport/raw-client.js';

const delay = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

describe('attack: netpoll', function () {
  this.timeout(10000);
  let server: ServerHandle;
  const handler: Handler = {
    async serveHTTP(w, r) {
      if (r.path === '/smuggle') {
        // Declares 3 bytes, sends 5: the 2 extra bytes would read as the start of the next response.
        w.header().set('Content-Length', '3');
        void w.end('hello');
        return;
      }
      await w.end('ok');
    },
  };
  before(async () => {
    server = await netpollTransport({ headerTimeout: 400, idleTimeout: 400, onHandlerError: () => undefined }).serve(handler, { port: 0, host: '127.0.0.1' });
  });
  after(() => server.close({ graceful: false }));

  it('20 connections sending only CRLF every 100 ms are all closed within the header timeout', async () => {
    const sockets: Socket[] = await Promise.all(Array.from({ length: 20 }, () => open(server.port)));
    const closedAt: number[] = [];
    const started = Date.now();
    for (const s of sockets) {
      s.on('error', () => undefined);
      s.once('close', () => closedAt.push(Date.now() - started));
    }
    for (let i = 0; i < 15 && closedAt.length < sockets.length; i++) {
      for (const s of sockets) if (!s.destroyed) s.write('\r\n');
      await delay(100);
    }
    for (const s of sockets) s.destroy();
    expect(closedAt.length).to.equal(sockets.length);
    expect(Math.max(...closedAt), 'ms until the last was closed').to.be.below(1200);
  });

  it('a body longer than its Content-Length never reaches a pipelined client', async () => {
    const x = await exchange(server.port, 'GET /smuggle HTTP/1.1\r\nHost: t\r\n\r\nGET / HTTP/1.1\r\nHost: t\r\n\r\n', { timeout: 2000 });
    expect(x.raw.toString('latin1')).to.not.match(/\r\n\r\nhe|loHTTP|\r\n\r\nok/);
    expect(x.closed).to.equal(true);
  });
});
