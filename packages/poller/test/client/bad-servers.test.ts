// The client against servers that misbehave, written byte by byte on node:net: what it reports,
// and that a connection that went wrong is never reused.
import { expect } from 'chai';
import { createServer, type Server, type Socket } from 'node:net';
import { Client } from '../../src/client/client.js';
import { ClientTransport } from '../../src/client/transport.js';
import { ClientError } from '../../src/client/errors.js';

/** A server that answers each request head it receives with `answer(socket, n)` (n counts requests on all connections). */
interface Scripted {
  url: string;
  connections: number;
  requests: number;
  close(): Promise<void>;
}

async function scripted(answer: (socket: Socket, n: number, connRequests: number) => void): Promise<Scripted> {
  const sockets = new Set<Socket>();
  const state = { connections: 0, requests: 0 };
  const server: Server = createServer((socket) => {
    state.connections++;
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => undefined);
    let seen = '';
    let mine = 0;
    socket.on('data', (d: Buffer) => {
      seen += d.toString('latin1');
      let end: number;
      while ((end = seen.indexOf('\r\n\r\n')) >= 0) {
        seen = seen.slice(end + 4);
        state.requests++;
        answer(socket, state.requests, ++mine);
      }
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  return {
    url: `http://127.0.0.1:${port}/`,
    get connections() {
      return state.connections;
    },
    get requests() {
      return state.requests;
    },
    close: () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  };
}

async function rejection(p: Promise<unknown>): Promise<ClientError> {
  try {
    await p;
  } catch (err) {
    expect(err).to.be.instanceOf(ClientError);
    return err as ClientError;
  }
  throw new Error('expected a rejection');
}

const OK = (body: string): string => `HTTP/1.1 200 OK\r\nContent-Length: ${body.length}\r\n\r\n${body}`;

describe('HTTP client against bad servers', () => {
  let s: Scripted | null = null;
  let t: ClientTransport;
  let c: Client;
  beforeEach(() => {
    t = new ClientTransport();
    c = new Client({ transport: t });
  });
  afterEach(async () => {
    t.closeIdleConnections();
    await s?.close();
    s = null;
  });

  it('a response longer than its Content-Length: the length is read, the connection not reused', async () => {
    s = await scripted((sock) => sock.write('HTTP/1.1 200 OK\r\nContent-Length: 5\r\n\r\nhello world'));
    expect(await (await c.get(s.url)).body.text()).to.equal('hello');
    expect(t.idleConnections(s.url.slice(0, -1))).to.equal(0);
    expect(await (await c.get(s.url)).body.text()).to.equal('hello');
    expect(s.connections).to.equal(2);
  });

  it('a reset in the middle of the body fails the body read', async () => {
    s = await scripted((sock) => {
      sock.write('HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n0123456789', () => setTimeout(() => sock.resetAndDestroy(), 20));
    });
    const res = await c.get(s.url);
    const err = await rejection(res.body.text());
    expect(err.code).to.equal('ERR_CLIENT_CONNECTION');
    expect(err.cause).to.have.property('errno', 'ECONNRESET');
  });

  it('a close in the middle of the body: ERR_CLIENT_CONNECTION_CLOSED', async () => {
    s = await scripted((sock) => sock.end('HTTP/1.1 200 OK\r\nContent-Length: 100\r\n\r\n0123456789'));
    const res = await c.get(s.url);
    expect((await rejection(res.body.text())).code).to.equal('ERR_CLIENT_CONNECTION_CLOSED');
  });

  it('a server that never answers: the Client timeout, or the transport responseHeaderTimeout', async () => {
    s = await scripted(() => undefined);
    const started = Date.now();
    const err = await rejection(new Client({ transport: t, timeout: 200 }).get(s.url));
    expect([err.code, err.timeout()]).to.deep.equal(['ERR_CLIENT_TIMEOUT', true]);
    expect(Date.now() - started).to.be.within(150, 2000);
    const rht = new Client({ transport: new ClientTransport({ responseHeaderTimeout: 150 }) });
    expect((await rejection(rht.get(s.url))).code).to.equal('ERR_CLIENT_TIMEOUT');
  });

  const malformed: [string, string, string][] = [
    ['a status line that is not HTTP', 'SSH-2.0-OpenSSH_9.0\r\n', 'ERR_HTTP_INVALID_VERSION'],
    ['a four-digit status', 'HTTP/1.1 2000 OK\r\nContent-Length: 0\r\n\r\n', 'ERR_HTTP_INVALID_STATUS_LINE'],
    ['a status without digits', 'HTTP/1.1 OK\r\n\r\n', 'ERR_HTTP_INVALID_STATUS_LINE'],
    ['bare LF line endings', 'HTTP/1.1 200 OK\nContent-Length: 0\n\n', 'ERR_HTTP_INVALID_STATUS_LINE'],
    ['an invalid header name', 'HTTP/1.1 200 OK\r\nBad Name: x\r\n\r\n', 'ERR_HTTP_INVALID_HEADER_NAME'],
    ['Content-Length and chunked together', 'HTTP/1.1 200 OK\r\nContent-Length: 2\r\nTransfer-Encoding: chunked\r\n\r\n', 'ERR_HTTP_CONTENT_LENGTH_WITH_TRANSFER_ENCODING'],
  ];
  for (const [name, wire, cause] of malformed) {
    it(`${name}: ERR_CLIENT_MALFORMED_RESPONSE caused by ${cause}`, async () => {
      s = await scripted((sock) => sock.write(wire));
      const err = await rejection(c.get(s.url));
      expect(err.code).to.equal('ERR_CLIENT_MALFORMED_RESPONSE');
      expect(err.cause).to.have.property('code', cause);
    });
  }

  it('too many header bytes: refused past maxResponseHeaderBytes (default 1 MiB)', async () => {
    const fields = 'X-Filler: ' + 'x'.repeat(90) + '\r\n';
    s = await scripted((sock) => sock.write(`HTTP/1.1 200 OK\r\n${fields.repeat(12_000)}\r\n`));
    const err = await rejection(c.get(s.url));
    expect(err.code).to.equal('ERR_CLIENT_MALFORMED_RESPONSE');
    expect(err.cause).to.have.property('code', 'ERR_HTTP_HEADERS_TOO_LARGE');
    const small = new Client({ transport: new ClientTransport({ maxResponseHeaderBytes: 4096 }) });
    const e2 = await rejection(small.get(s.url));
    expect(e2.cause).to.have.property('code', 'ERR_HTTP_HEADERS_TOO_LARGE');
  });

  it('more than five 1xx responses before the final one are refused; up to five are skipped', async () => {
    const interim = 'HTTP/1.1 103 Early Hints\r\nLink: </s.css>\r\n\r\n';
    s = await scripted((sock, n) => sock.write(interim.repeat(n === 1 ? 5 : 6) + OK('fine')));
    expect(await (await c.get(s.url)).body.text()).to.equal('fine');
    const err = await rejection(c.get(s.url));
    expect([err.code, err.message]).to.satisfy(([code, msg]: [string, string]) => code === 'ERR_CLIENT_MALFORMED_RESPONSE' && msg.includes('1xx'));
  });

  it('a body delimited by the end of the connection', async () => {
    s = await scripted((sock) => sock.end('HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\nuntil the end'));
    const res = await c.get(s.url);
    expect([res.contentLength, res.close, await res.body.text()]).to.deep.equal([-1, true, 'until the end']);
  });

  it('a close before any response on a new connection: ERR_CLIENT_CONNECTION_CLOSED', async () => {
    s = await scripted((sock) => sock.end());
    expect((await rejection(c.get(s.url))).code).to.equal('ERR_CLIENT_CONNECTION_CLOSED');
  });

  it('a kept-alive connection the server drops as it is reused: the request is retried on a new one', async () => {
    s = await scripted((sock, _n, mine) => {
      if (mine === 1) sock.write(OK('first'));
      else sock.destroy();
    });
    expect(await (await c.get(s.url)).body.text()).to.equal('first');
    expect(await (await c.get(s.url)).body.text()).to.equal('first');
    expect(s.connections).to.equal(2);
  });

  it('an idle connection the server closes is dropped from the pool', async () => {
    s = await scripted((sock) => sock.write(OK('x'), () => setTimeout(() => sock.end(), 10)));
    await (await c.get(s.url)).body.text();
    expect(t.idleConnections(s.url.slice(0, -1))).to.equal(1);
    await new Promise((r) => setTimeout(r, 100));
    expect(t.idleConnections(s.url.slice(0, -1))).to.equal(0);
  });

  it('a POST is not retried on a dropped keep-alive connection', async () => {
    s = await scripted((sock, _n, mine) => {
      if (mine === 1) sock.write(OK('first'));
      else sock.destroy();
    });
    await (await c.get(s.url)).body.text();
    const err = await rejection(c.post(s.url, 'text/plain', 'x'));
    expect(['ERR_CLIENT_CONNECTION_CLOSED', 'ERR_CLIENT_CONNECTION']).to.include(err.code);
    expect(s.connections).to.equal(1);
  });
});
