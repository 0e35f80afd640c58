import { expect } from 'chai';
import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { LookupFunction } from 'node:net';
import type { Conn, Listener } from '../../src/net/conn.js';
import { dial } from '../../src/net/dial.js';
import { ClosedError, DialError, ListenError, SocketError, UnknownNetworkError } from '../../src/net/errors.js';
import { listen } from '../../src/net/listen.js';
import { bytes, text } from './helpers.js';

/** A lookup that never answers, so a dial hangs until its timeout or signal. */
const hangingLookup = (() => undefined) as unknown as LookupFunction;

/** Accepts one connection, echoes it until EOF, then half-closes. */
async function echoOnce(ln: Listener): Promise<void> {
  const c = await ln.accept();
  for (let chunk = await c.read(); chunk !== null; chunk = await c.read()) await c.write(chunk);
  await c.closeWrite();
  c.close();
}

async function roundTrip(c: Conn, msg: string): Promise<string> {
  await c.write(bytes(msg));
  await c.closeWrite();
  let got = '';
  for (let chunk = await c.read(); chunk !== null; chunk = await c.read()) got += text(chunk);
  return got;
}

const listenForms: { name: string; network: string; address: string; dialNetwork: string; dialAddress: (port: number) => string; addr: RegExp }[] = [
  { name: 'tcp on 127.0.0.1:0', network: 'tcp', address: '127.0.0.1:0', dialNetwork: 'tcp', dialAddress: (p) => `127.0.0.1:${p}`, addr: /^127\.0\.0\.1:[1-9]\d*$/ },
  { name: 'tcp4 on :0 (all IPv4 interfaces)', network: 'tcp4', address: ':0', dialNetwork: 'tcp4', dialAddress: (p) => `127.0.0.1:${p}`, addr: /^0\.0\.0\.0:[1-9]\d*$/ },
  { name: 'tcp on :0 (all interfaces), dialled by IPv4', network: 'tcp', address: ':0', dialNetwork: 'tcp', dialAddress: (p) => `127.0.0.1:${p}`, addr: /:[1-9]\d*$/ },
  { name: 'tcp on :0, dialled with an empty host (local system)', network: 'tcp', address: ':0', dialNetwork: 'tcp', dialAddress: (p) => `:${p}`, addr: /:[1-9]\d*$/ },
  { name: 'tcp6 on [::1]:0', network: 'tcp6', address: '[::1]:0', dialNetwork: 'tcp6', dialAddress: (p) => `[::1]:${p}`, addr: /^\[::1\]:[1-9]\d*$/ },
];

describe('listen and dial', () => {
  for (const f of listenForms) {
    it(`round-trips over ${f.name}`, async function () {
      let ln: Listener;
      try {
        ln = await listen(f.network, f.address);
      } catch (err) {
        if (err instanceof ListenError && err.errno === 'EADDRNOTAVAIL') this.skip(); // no IPv6 loopback here
        throw err;
      }
      try {
        expect(ln.addr.toString()).to.match(f.addr);
        const port = Number(ln.addr.toString().split(':').pop());
        const served = echoOnce(ln);
        const c = await dial(f.dialNetwork, f.dialAddress(port));
        expect(await roundTrip(c, `hello over ${f.name}`)).to.equal(`hello over ${f.name}`);
        c.close();
        await served;
      } finally {
        await ln.close();
      }
    });
  }

  it('a dual-stack listener reports an IPv4 peer in IPv4 form, as Go does', async () => {
    const ln = await listen('tcp', ':0');
    try {
      const port = Number(ln.addr.toString().split(':').pop());
      const c = await dial('tcp', `127.0.0.1:${port}`);
      const s = await ln.accept();
      expect(s.remoteAddr.toString()).to.equal(c.localAddr.toString());
      expect(s.localAddr.toString()).to.equal(`127.0.0.1:${port}`);
      c.close();
      s.close();
    } finally {
      await ln.close();
    }
  });

  it('hands out connections in arrival order through for await', async () => {
    const ln = await listen('tcp', '127.0.0.1:0');
    const clients: Conn[] = [];
    for (let i = 0; i < 3; i++) {
      const c = await dial('tcp', ln.addr.toString());
      await c.write(bytes(String(i)));
      clients.push(c);
    }
    const seen: string[] = [];
    for await (const conn of ln) {
      seen.push(text(await conn.read())!);
      conn.close();
      if (seen.length === 3) break;
    }
    expect(seen).to.deep.equal(['0', '1', '2']);
    for (const c of clients) c.close();
    await ln.close();
  });

  it('close rejects a pending accept with ClosedError and ends iteration', async () => {
    const ln = await listen('tcp', '127.0.0.1:0');
    const pending = ln.accept().catch((e: unknown) => e);
    const iterating = (async () => {
      let n = 0;
      for await (const _conn of ln) n++;
      return n;
    })();
    await ln.close();
    expect(await pending).to.be.instanceOf(ClosedError);
    expect(await iterating).to.equal(0);
    expect(await ln.accept().catch((e: unknown) => e)).to.be.instanceOf(ClosedError);
    await ln.close();
  });

  it('close drops connections nobody accepted; accepted ones live on', async () => {
    const ln = await listen('tcp', '127.0.0.1:0');
    const kept = await dial('tcp', ln.addr.toString());
    const server = await ln.accept();
    const orphan = await dial('tcp', ln.addr.toString());
    // Let the orphan reach the listener's queue before closing.
    await new Promise((resolve) => setTimeout(resolve, 30));
    await ln.close();
    const orphanEnd = await orphan.read().catch((e: unknown) => e);
    expect(orphanEnd === null || orphanEnd instanceof SocketError, 'orphan sees EOF or a reset').to.equal(true);
    await kept.write(bytes('still served'));
    expect(text(await server.read())).to.equal('still served');
    for (const c of [kept, server, orphan]) c.close();
  });

  it('close releases the port: dialling it is refused', async () => {
    const ln = await listen('tcp', '127.0.0.1:0');
    const address = ln.addr.toString();
    await ln.close();
    const err = await dial('tcp', address).catch((e: unknown) => e);
    expect(err).to.be.instanceOf(DialError);
    expect((err as DialError).errno).to.equal('ECONNREFUSED');
    expect((err as DialError).failure).to.equal('system');
  });

  it('listening on a port in use fails with EADDRINUSE', async () => {
    const ln = await listen('tcp', '127.0.0.1:0');
    try {
      const err = await listen('tcp', ln.addr.toString()).catch((e: unknown) => e);
      expect(err).to.be.instanceOf(ListenError);
      expect((err as ListenError).errno).to.equal('EADDRINUSE');
      expect((err as ListenError).code).to.equal('ERR_NET_LISTEN');
    } finally {
      await ln.close();
    }
  });

  it('rejects an unknown network', async () => {
    expect(() => dial('udp', '127.0.0.1:1')).to.throw(UnknownNetworkError);
    const err = await listen('ip4', '127.0.0.1:0').catch((e: unknown) => e);
    expect(err).to.be.instanceOf(UnknownNetworkError).with.property('code', 'ERR_NET_UNKNOWN_NETWORK');
  });
});

describe('dial timeout and abort', () => {
  const cases: { name: string; options: () => { timeout?: number; signal?: AbortSignal }; failure: string; timeout: boolean }[] = [
    { name: 'a timeout fails a hanging dial', options: () => ({ timeout: 30 }), failure: 'timeout', timeout: true },
    {
      name: 'an abort signal fails a hanging dial',
      options: () => {
        const ac = new AbortController();
        setTimeout(() => ac.abort(), 30);
        return { signal: ac.signal };
      },
      failure: 'aborted',
      timeout: false,
    },
    { name: 'an already aborted signal fails at once', options: () => ({ signal: AbortSignal.abort() }), failure: 'aborted', timeout: false },
  ];
  for (const c of cases) {
    it(c.name, async () => {
      const start = Date.now();
      const err = await dial('tcp', 'never-resolves.invalid:80', { ...c.options(), lookup: hangingLookup }).catch((e: unknown) => e);
      expect(err).to.be.instanceOf(DialError);
      const dialErr = err as DialError;
      expect(dialErr.code).to.equal('ERR_NET_DIAL');
      expect(dialErr.failure).to.equal(c.failure);
      expect(dialErr.timeout()).to.equal(c.timeout);
      expect(Date.now() - start).to.be.below(2000);
    });
  }

  it('a zero timeout means no timeout, as in Go', async () => {
    const ln = await listen('tcp', '127.0.0.1:0');
    const c = await dial('tcp', ln.addr.toString(), { timeout: 0 });
    c.close();
    await ln.close();
  });

  it('a dial that connects in time is not affected by its timeout afterwards', async () => {
    const ln = await listen('tcp', '127.0.0.1:0');
    const c = await dial('tcp', ln.addr.toString(), { timeout: 20 });
    const s = await ln.accept();
    await new Promise((resolve) => setTimeout(resolve, 40));
    await c.write(bytes('alive'));
    expect(text(await s.read())).to.equal('alive');
    c.close();
    s.close();
    await ln.close();
  });
});

describe('unix domain sockets', () => {
  let dir: string;
  before(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'sloe-net-'));
  });
  after(() => {
    rmSync(dir, { recursive: true, force: true });
  });

  it('round-trips and reports the socket path as addresses', async () => {
    const sock = path.join(dir, 'echo.sock');
    const ln = await listen('unix', sock);
    expect(ln.addr.network).to.equal('unix');
    expect(ln.addr.toString()).to.equal(sock);
    const served = echoOnce(ln);
    const c = await dial('unix', sock);
    expect(c.remoteAddr.toString()).to.equal(sock);
    expect(await roundTrip(c, 'over a unix socket')).to.equal('over a unix socket');
    c.close();
    await served;
    await ln.close();
  });

  it('dialling a missing socket fails with ENOENT', async () => {
    const err = await dial('unix', path.join(dir, 'missing.sock')).catch((e: unknown) => e);
    expect(err).to.be.instanceOf(DialError);
    expect((err as DialError).errno).to.equal('ENOENT');
  });

  it('close removes the socket file', async () => {
    const sock = path.join(dir, 'gone.sock');
    const ln = await listen('unix', sock);
    expect(existsSync(sock)).to.equal(true);
    await ln.close();
    expect(existsSync(sock)).to.equal(false);
  });
});
