// ServerHandle.stats() on both transports: open connections, accepted ones, and requests the
// transport refused before any handler saw them.
import { expect } from 'chai';
import type { Socket } from 'node:net';
import type { Handler, ServerHandle, Transport } from '../../src/http/handler.js';
import { netpollTransport } from '../../src/http/netpoll.js';
import { nodeTransport } from '../../src/node/transport.js';
import { exchange, open } from '../transport/raw-client.js';

const ok: Handler = {
  serveHTTP: (w) => w.end('ok'),
};

async function until(check: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((r) => setTimeout(r, 10));
}

const transports: [string, () => Transport][] = [
  ['netpoll', () => netpollTransport({ onHandlerError: () => undefined })],
  ['node', () => nodeTransport({ onHandlerError: () => undefined })],
];

for (const [name, make] of transports) {
  describe(`ServerHandle.stats (${name})`, () => {
    let server: ServerHandle;
    const sockets: Socket[] = [];
    beforeEach(async () => {
      server = await make().serve(ok, { host: '127.0.0.1' });
    });
    afterEach(async () => {
      for (const s of sockets.splice(0)) s.destroy();
      await server.close({ graceful: false });
    });

    it('counts open and accepted connections', async () => {
      expect(server.stats?.()).to.deep.equal({ connections: 0, accepted: 0, parseErrors: 0 });
      sockets.push(await open(server.port), await open(server.port));
      await until(() => server.stats?.().connections === 2);
      expect(server.stats?.()).to.include({ connections: 2, accepted: 2 });
      sockets.pop()!.destroy();
      await until(() => server.stats?.().connections === 1);
      expect(server.stats?.()).to.include({ connections: 1, accepted: 2 });
    });

    it('counts requests refused as malformed, and not those served', async () => {
      const good = await exchange(server.port, 'GET / HTTP/1.1\r\nHost: t\r\n\r\n', { responses: 1 });
      expect(good.responses[0]?.status).to.equal(200);
      const bad = await exchange(server.port, 'GET / HTTP/1.1\r\nHost: t\r\nBad Header: x\r\n\r\n', { responses: 1 });
      expect(bad.responses[0]?.status).to.equal(400);
      const noHost = await exchange(server.port, 'GET / HTTP/1.1\r\n\r\n', { responses: 1 });
      expect(noHost.responses[0]?.status).to.equal(400);
      expect(server.stats?.().parseErrors).to.equal(2);
      expect(server.stats?.().accepted).to.equal(3);
    });
  });
}
