// app.callback() is the node transport's own listener: under supertest a request gets what it
// gets from listen(): the same limits, refusals, remote address format and hijack().
import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { expect } from 'chai';
import request from 'supertest';
import { Engine } from '../src/index.js';

function app(): Engine {
  const a = new Engine();
  a.post('/upload', async (c) => {
    const body = await c.req.body.bytes();
    c.string(200, 'got %d', body.length);
  });
  a.get('/addr', (c) => {
    c.string(200, '%s', c.req.remoteAddr);
  });
  a.get('/echo', async (c) => {
    const conn = c.writer.hijack();
    await conn.write(Buffer.from('HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nUpgrade: echo\r\n\r\n'));
    const got = await conn.read();
    if (got !== null) await conn.write(got);
    conn.close();
  });
  return a;
}

interface Answer {
  status: number;
  text: string;
}

async function viaListen(a: Engine, send: (agent: request.SuperTest<request.Test>) => request.Test): Promise<Answer> {
  const l = await a.listen({ port: 0, host: '127.0.0.1' });
  try {
    const r = await send(request(`http://127.0.0.1:${l.port}`) as unknown as request.SuperTest<request.Test>).ok(() => true);
    return { status: r.status, text: r.text };
  } finally {
    await l.close();
  }
}

async function viaCallback(a: Engine, send: (agent: request.SuperTest<request.Test>) => request.Test): Promise<Answer> {
  const r = await send(request(a.callback()) as unknown as request.SuperTest<request.Test>).ok(() => true);
  return { status: r.status, text: r.text };
}

// Writes `head`, answers what a hijacked echo sends back after `payload`.
function upgradeEcho(port: number, payload: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const s = net.connect(port, '127.0.0.1');
    let got = '';
    s.setEncoding('latin1');
    s.on('error', reject);
    s.on('data', (d: string) => {
      const before = got;
      got += d;
      if (!before.includes('\r\n\r\n') && got.includes('\r\n\r\n')) s.write(payload);
    });
    s.on('close', () => resolve(got));
    s.write('GET /echo HTTP/1.1\r\nHost: t\r\nConnection: Upgrade\r\nUpgrade: echo\r\n\r\n');
  });
}

describe('app.callback()', () => {
  it('holds the transport body limit: a Content-Length over it is 413 before the handler, as under listen()', async () => {
    const big = Buffer.alloc(2 * 1024 * 1024, 0x61);
    const send = (agent: request.SuperTest<request.Test>): request.Test => agent.post('/upload').set('Content-Type', 'application/octet-stream').send(big);
    const cb = await viaCallback(app(), send);
    const ln = await viaListen(app(), send);
    expect(cb.status).to.equal(413);
    expect(cb).to.deep.equal(ln);
  });

  it('refuses as the transports do, with the same status and text', async () => {
    const send = (agent: request.SuperTest<request.Test>): request.Test => agent.get('/addr').set('Host', 'a b');
    const cb = await viaCallback(app(), send);
    const ln = await viaListen(app(), send);
    expect(cb.status).to.equal(400);
    expect(cb).to.deep.equal(ln);
    expect(cb.text).to.equal('400 Bad Request: invalid Host\n');
  });

  it('gives the remote address as host:port, an IPv4 client without its IPv6 mapping', async () => {
    // Listening on all interfaces, node reports an IPv4 client as ::ffff:127.0.0.1.
    const server = http.createServer(app().callback());
    await new Promise<void>((resolve) => server.listen(0, '::', resolve));
    try {
      const r = await request(`http://127.0.0.1:${(server.address() as AddressInfo).port}`).get('/addr');
      expect(r.text).to.match(/^127\.0\.0\.1:\d+$/);
    } finally {
      server.close();
    }
  });

  it('hands the connection over to hijack() on an Upgrade request', async () => {
    const listener = app().callback();
    const server = http.createServer(listener);
    listener.attach(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const got = await upgradeEcho((server.address() as AddressInfo).port, 'ping');
      expect(got).to.match(/^HTTP\/1\.1 101 Switching Protocols\r\n/);
      expect(got.endsWith('\r\n\r\nping')).to.equal(true);
    } finally {
      server.close();
    }
  });

  it('attaches its Upgrade handling to a server on the first request it serves', async () => {
    const server = http.createServer(app().callback());
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      await request(server).get('/addr').expect(200);
      const got = await upgradeEcho((server.address() as AddressInfo).port, 'pong');
      expect(got.endsWith('\r\n\r\npong')).to.equal(true);
    } finally {
      server.close();
    }
  });
});
