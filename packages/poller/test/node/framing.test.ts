// What node's parser decides unseen, held to netpoll's answers by the node transport: empty
// lines between requests, HTTP/1.0 with Transfer-Encoding, and a target past node's head limit.
import { connect, type Socket } from 'node:net';
import { expect } from 'chai';
import type { ServerHandle } from '../../src/http/handler.js';
import { nodeTransport, type NodeTransportOptions } from '../../src/node/index.js';
import { exchange, parseResponses } from './wire.js';

const delay = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

async function serve(options: NodeTransportOptions = {}, served: string[] = []): Promise<ServerHandle> {
  return nodeTransport({ onHandlerError: () => undefined, ...options }).serve(
    {
      serveHTTP(w, r) {
        served.push(r.url);
        void w.end('ok');
      },
    },
    { host: '127.0.0.1' },
  );
}

/** A connection that records what it receives and when it is closed. */
function open(port: number): Promise<{ socket: Socket; received: () => string; closedAt: () => number | undefined }> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let got = '';
    let closedAt: number | undefined;
    socket.setEncoding('latin1');
    socket.on('data', (d: string) => (got += d));
    socket.on('error', () => undefined);
    socket.on('close', () => (closedAt = Date.now()));
    socket.once('connect', () => resolve({ socket, received: () => got, closedAt: () => closedAt }));
    socket.once('error', reject);
  });
}

describe('node transport: framing node:http decides unseen', () => {
  it('closes a connection that sends only empty lines after a request at the idle timeout', async () => {
    const h = await serve({ idleTimeout: 300 });
    try {
      const c = await open(h.port);
      c.socket.write('GET / HTTP/1.1\r\nHost: t\r\n\r\n');
      await delay(50);
      expect(c.received()).to.match(/^HTTP\/1\.1 200 /);
      const idleFrom = Date.now();
      // An empty line every 100 ms, each well inside the idle timeout.
      const drip = setInterval(() => {
        if (!c.socket.destroyed) c.socket.write('\r\n');
      }, 100);
      for (let i = 0; i < 30 && c.closedAt() === undefined; i++) await delay(50);
      clearInterval(drip);
      expect(c.closedAt(), 'closed').to.not.equal(undefined);
      expect(c.closedAt()! - idleFrom).to.be.below(900);
    } finally {
      await h.close({ graceful: false });
    }
  });

  it('still serves a request that follows empty lines within the idle timeout', async () => {
    const h = await serve({ idleTimeout: 1000 });
    try {
      const { raw } = await exchange(h.port, 'GET /a HTTP/1.1\r\nHost: t\r\n\r\n\r\n\r\nGET /b HTTP/1.1\r\nHost: t\r\n\r\n', 200);
      expect(parseResponses(raw).map((r) => r.status)).to.deep.equal([200, 200]);
    } finally {
      await h.close({ graceful: false });
    }
  });

  it('closes an HTTP/1.0 connection after a request with Transfer-Encoding, serving nothing after it', async () => {
    const served: string[] = [];
    const h = await serve({}, served);
    try {
      const first = 'POST /first HTTP/1.0\r\nHost: t\r\nConnection: keep-alive\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n';
      const second = 'GET /second HTTP/1.0\r\nHost: t\r\nConnection: keep-alive\r\n\r\n';
      const { raw, closed } = await exchange(h.port, first + second, 300);
      const responses = parseResponses(raw);
      expect(responses.map((r) => r.status)).to.deep.equal([200]);
      expect(responses[0]!.get('connection')).to.equal('close');
      expect(closed).to.equal(true);
      expect(served).to.deep.equal(['/first']);
    } finally {
      await h.close({ graceful: false });
    }
  });

  for (const [name, size] of [
    ['a 70 KB target sent at once', 70 * 1024],
    ['a 200 KB target', 200 * 1024],
  ] as const) {
    it(`answers ${name} past node's own head limit with 414, not 431`, async () => {
      const h = await serve();
      try {
        const { raw, closed } = await exchange(h.port, `GET /${'a'.repeat(size)} HTTP/1.1\r\nHost: t\r\n\r\n`, 300);
        expect(parseResponses(raw).map((r) => r.status)).to.deep.equal([414]);
        expect(closed).to.equal(true);
      } finally {
        await h.close({ graceful: false });
      }
    });
  }

  it("answers a field past node's own head limit with 431", async () => {
    const h = await serve();
    try {
      const { raw } = await exchange(h.port, `GET / HTTP/1.1\r\nHost: t\r\nX-Big: ${'a b '.repeat(20 * 1024)}\r\n\r\n`, 300);
      expect(parseResponses(raw).map((r) => r.status)).to.deep.equal([431]);
    } finally {
      await h.close({ graceful: false });
    }
  });

  it('answers a long target after a served request on the same connection with 414', async () => {
    const h = await serve();
    try {
      const { raw } = await exchange(h.port, `GET / HTTP/1.1\r\nHost: t\r\n\r\nGET /${'a'.repeat(70 * 1024)} HTTP/1.1\r\nHost: t\r\n\r\n`, 300);
      expect(parseResponses(raw).map((r) => r.status)).to.deep.equal([200, 414]);
    } finally {
      await h.close({ graceful: false });
    }
  });
});
