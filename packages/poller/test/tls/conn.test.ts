// tls.listen and tls.dial: TLS connections with the Conn contract, their handshake, what it
// agreed on (ALPN, SNI, the peer's certificates) and how it fails, each over a real connection.
import { expect } from 'chai';
import { connect, type Socket } from 'node:net';
import { tls, TLSConn, type TLSConfig, type TLSListener } from '../../src/index.js';
import { isPollable } from '../../src/net/pollable.js';
import { listen as listenTCP } from '../../src/net/listen.js';
import { localhostCertificate, selfSignedCertificate, testCA } from '../../../../test/support/tls-cert.js';

const own = localhostCertificate();
const trusting: TLSConfig = { rootCAs: own.cert };

describe('tls.listen and tls.dial', () => {
  const open: { close(): unknown }[] = [];
  afterEach(async () => {
    for (const c of open.splice(0)) await c.close();
  });

  async function server(config: TLSConfig): Promise<TLSListener> {
    const ln = await tls.listen('tcp', '127.0.0.1:0', config);
    open.push(ln);
    return ln;
  }

  /** A listener whose connections are all accepted (and handshake), as a server loop does. */
  async function accepting(config: TLSConfig): Promise<TLSListener> {
    const ln = await server(config);
    void (async () => {
      for await (const conn of ln) {
        open.push(conn);
        conn.handshake().catch(() => undefined);
      }
    })();
    return ln;
  }

  async function pair(serverConfig: TLSConfig, clientConfig: TLSConfig = trusting): Promise<{ ln: TLSListener; s: TLSConn; c: TLSConn }> {
    const ln = await server(serverConfig);
    const [s, c] = await Promise.all([ln.accept(), tls.dial('tcp', ln.addr.toString(), clientConfig)]);
    open.push(s, c);
    return { ln, s, c };
  }

  function rawDial(address: string): Promise<Socket> {
    const [host, port] = address.split(':');
    const socket = connect({ host, port: Number(port) });
    socket.on('error', () => undefined);
    open.push({ close: () => socket.destroy() });
    return new Promise((resolve) => socket.once('connect', () => resolve(socket)));
  }

  it('carries bytes both ways over a TLSConn that is a Pollable Conn', async () => {
    const { s, c } = await pair(own);
    expect(c).to.be.instanceOf(TLSConn);
    expect(isPollable(s) && isPollable(c)).to.equal(true);
    await c.write(Buffer.from('ping'));
    expect(Buffer.from((await s.read())!).toString()).to.equal('ping');
    await s.writeText('pong');
    expect(Buffer.from((await c.read())!).toString()).to.equal('pong');
    await c.closeWrite();
    expect(await s.read()).to.equal(null);
    expect(s.remoteAddr.toString()).to.equal(c.localAddr.toString());
  });

  it('resolves dial after the handshake; the accepted side completes it on handshake()', async () => {
    const ln = await server(own);
    const accepted = ln.accept();
    const c = await tls.dial('tcp', ln.addr.toString(), trusting);
    open.push(c);
    expect(c.connectionState().handshakeComplete).to.equal(true);
    const s = await accepted;
    open.push(s);
    await s.handshake();
    expect(s.connectionState().handshakeComplete).to.equal(true);
  });

  it('reports the version, the ALPN protocol, the SNI name and the peer certificates on both sides', async () => {
    const ca = testCA();
    const client = ca.issue({ commonName: 'alice', usage: 'client' });
    const { s, c } = await pair(
      { ...own, nextProtos: ['h2', 'acme/1'], clientAuth: 'require-and-verify', clientCAs: ca.cert },
      { rootCAs: own.cert, serverName: 'localhost', nextProtos: ['acme/1'], certificates: [client] },
    );
    await s.handshake();
    const cs = c.connectionState();
    const ss = s.connectionState();
    expect([cs.version, cs.negotiatedProtocol, cs.serverName, cs.verified]).to.deep.equal(['TLSv1.3', 'acme/1', 'localhost', true]);
    expect(cs.cipherSuite).to.match(/^TLS_/);
    expect(cs.peerCertificates.map((x) => x.fingerprint256)).to.deep.equal([own.fingerprint256]);
    expect([ss.negotiatedProtocol, ss.serverName, ss.verified]).to.deep.equal(['acme/1', 'localhost', true]);
    expect(ss.peerCertificates[0]?.fingerprint256).to.equal(client.fingerprint256);
    expect(ss.peerCertificates[0]?.subject).to.equal('CN=alice');
  });

  it('lists as peerCertificates the chain the peer sent, never an authority of the local trust store', async () => {
    const ca = testCA();
    const leaf = ca.issue({ commonName: 'localhost' });
    const sentAlone = await pair({ cert: leaf.cert, key: leaf.key }, { rootCAs: ca.cert, serverName: 'localhost' });
    expect(sentAlone.c.connectionState().peerCertificates.map((x) => x.fingerprint256)).to.deep.equal([leaf.fingerprint256]);
    const sentWithCA = await pair({ cert: leaf.cert + ca.cert, key: leaf.key }, { rootCAs: ca.cert, serverName: 'localhost' });
    expect(sentWithCA.c.connectionState().peerCertificates.map((x) => x.fingerprint256)).to.deep.equal([leaf.fingerprint256, ca.fingerprint256]);
    expect(sentWithCA.c.connectionState().verified).to.equal(true);
  });

  it('keeps the state the handshake agreed on after either side closed, the same object on every call', async () => {
    const { s, c } = await pair({ ...own, nextProtos: ['acme/1'] }, { ...trusting, serverName: 'localhost', nextProtos: ['acme/1'] });
    await s.handshake();
    const first = s.connectionState();
    c.close();
    expect(await s.read()).to.equal(null);
    s.close();
    const after = s.connectionState();
    expect(after).to.equal(first);
    expect(after).to.include({ handshakeComplete: true, version: 'TLSv1.3', negotiatedProtocol: 'acme/1', serverName: 'localhost' });
    expect(c.connectionState()).to.include({ handshakeComplete: true, version: 'TLSv1.3', negotiatedProtocol: 'acme/1' });
    expect(c.connectionState().peerCertificates[0]?.fingerprint256).to.equal(own.fingerprint256);
  });

  it('reports no state before the handshake, and no server name for an IP address', async () => {
    const ln = await server(own);
    const accepted = ln.accept();
    const raw = await rawDial(ln.addr.toString());
    const s = await accepted;
    open.push(s);
    expect(s.connectionState()).to.include({ handshakeComplete: false, negotiatedProtocol: '', version: '' });
    raw.destroy();
    const [s2, c] = await Promise.all([ln.accept(), tls.dial('tcp', ln.addr.toString(), { ...trusting })]);
    open.push(s2, c);
    expect(c.connectionState().serverName).to.equal('');
  });

  it('picks the certificate with getCertificate by the name the client asked for', async () => {
    const other = selfSignedCertificate({ commonName: 'b.test' });
    const names: string[] = [];
    const ln = await accepting({
      ...own,
      getCertificate: (hello) => {
        names.push(hello.serverName);
        return hello.serverName === 'b.test' ? other : undefined;
      },
    });
    const b = await tls.dial('tcp', ln.addr.toString(), { rootCAs: other.cert, serverName: 'b.test' });
    const local = await tls.dial('tcp', ln.addr.toString(), { rootCAs: own.cert, serverName: 'localhost' });
    open.push(b, local);
    expect(b.connectionState().peerCertificates[0]?.fingerprint256).to.equal(other.fingerprint256);
    expect(local.connectionState().peerCertificates[0]?.fingerprint256).to.equal(own.fingerprint256);
    expect(names).to.deep.equal(['b.test', 'localhost']);
  });

  it('serves the certificate of setConfig to the connections accepted after it', async () => {
    const next = selfSignedCertificate();
    const ln = await accepting(own);
    const before = await tls.dial('tcp', ln.addr.toString(), { insecureSkipVerify: true });
    ln.setConfig(next);
    const after = await tls.dial('tcp', ln.addr.toString(), { insecureSkipVerify: true });
    open.push(before, after);
    expect(before.connectionState().peerCertificates[0]?.fingerprint256).to.equal(own.fingerprint256);
    expect(after.connectionState().peerCertificates[0]?.fingerprint256).to.equal(next.fingerprint256);
    expect(after.connectionState().verified).to.equal(false);
    expect(() => ln.setConfig({})).to.throw().with.property('code', 'ERR_TLS_CONFIG');
  });

  it('refuses a config without a certificate before binding, with ERR_TLS_CONFIG', async () => {
    const err = await tls.listen('tcp', '127.0.0.1:0', {}).catch((e: unknown) => e);
    expect(err).to.have.property('code', 'ERR_TLS_CONFIG');
  });

  const unverified: { name: string; config: () => TLSConfig; reason: string }[] = [
    { name: 'a self-signed certificate not in rootCAs', config: () => ({}), reason: 'DEPTH_ZERO_SELF_SIGNED_CERT' },
    { name: 'a certificate for another name', config: () => ({ rootCAs: own.cert, serverName: 'other.test' }), reason: 'ERR_TLS_CERT_ALTNAME_INVALID' },
    { name: 'a certificate signed by an unknown authority', config: () => ({ rootCAs: testCA().cert }), reason: 'DEPTH_ZERO_SELF_SIGNED_CERT' },
  ];
  it('fails dial on an IP address the certificate does not name, checking the address dialed', async () => {
    const ln = await tls.listen('tcp', '127.0.0.2:0', own);
    open.push(ln);
    void (async () => {
      for await (const conn of ln) {
        open.push(conn);
        conn.handshake().catch(() => undefined);
      }
    })();
    const err = await tls.dial('tcp', ln.addr.toString(), trusting).catch((e: unknown) => e);
    expect(err).to.include({ code: 'ERR_TLS_CERTIFICATE_VERIFICATION', reason: 'ERR_TLS_CERT_ALTNAME_INVALID' });
  });

  for (const u of unverified) {
    it(`fails dial on ${u.name} with CertificateVerificationError (${u.reason})`, async () => {
      const ln = await accepting(own);
      const err = await tls.dial('tcp', ln.addr.toString(), u.config()).catch((e: unknown) => e);
      expect(err).to.include({ code: 'ERR_TLS_CERTIFICATE_VERIFICATION', reason: u.reason });
    });
  }

  it('fails both sides with HandshakeError when no ALPN protocol is common', async () => {
    const ln = await server({ ...own, nextProtos: ['h2'] });
    const accepted = ln.accept();
    const err = await tls.dial('tcp', ln.addr.toString(), { ...trusting, nextProtos: ['acme/1'] }).catch((e: unknown) => e);
    expect(err).to.have.property('code', 'ERR_TLS_HANDSHAKE');
    const s = await accepted;
    open.push(s);
    const serverErr = await s.handshake().catch((e: unknown) => e);
    expect(serverErr).to.include({ code: 'ERR_TLS_HANDSHAKE', reason: 'ERR_SSL_NO_APPLICATION_PROTOCOL' });
    // A read after a failed handshake fails the same way, as Go's Read returns the handshake error.
    expect(await s.read().catch((e: unknown) => e)).to.equal(serverErr);
  });

  it('fails the handshake of a client that speaks plain HTTP', async () => {
    const ln = await server(own);
    const accepted = ln.accept();
    const raw = await rawDial(ln.addr.toString());
    raw.write('GET / HTTP/1.1\r\nHost: x\r\n\r\n');
    const s = await accepted;
    open.push(s);
    expect(await s.handshake().catch((e: unknown) => e)).to.have.property('code', 'ERR_TLS_HANDSHAKE');
  });

  const policies: { clientAuth: NonNullable<TLSConfig['clientAuth']>; sends: 'none' | 'unverified' | 'verified'; ok: boolean }[] = [
    { clientAuth: 'require-any', sends: 'none', ok: false },
    { clientAuth: 'require-any', sends: 'unverified', ok: true },
    { clientAuth: 'verify-if-given', sends: 'none', ok: true },
    { clientAuth: 'verify-if-given', sends: 'unverified', ok: false },
    { clientAuth: 'verify-if-given', sends: 'verified', ok: true },
    { clientAuth: 'require-and-verify', sends: 'none', ok: false },
    { clientAuth: 'require-and-verify', sends: 'unverified', ok: false },
    { clientAuth: 'require-and-verify', sends: 'verified', ok: true },
    { clientAuth: 'request', sends: 'unverified', ok: true },
  ];
  for (const p of policies) {
    it(`clientAuth ${p.clientAuth} ${p.ok ? 'accepts' : 'refuses'} a client with ${{ none: 'no', unverified: 'an unverified', verified: 'a verified' }[p.sends]} certificate`, async () => {
      const ca = testCA();
      const certificates = p.sends === 'none' ? [] : [p.sends === 'verified' ? ca.issue({ commonName: 'alice', usage: 'client' }) : selfSignedCertificate({ commonName: 'mallory', usage: 'client' })];
      const ln = await server({ ...own, clientAuth: p.clientAuth, clientCAs: ca.cert });
      const accepted = ln.accept();
      const c = await tls.dial('tcp', ln.addr.toString(), { ...trusting, certificates }).catch((e: unknown) => e);
      if (c instanceof TLSConn) open.push(c);
      const s = await accepted;
      open.push(s);
      const outcome = await s.handshake().then(() => 'ok', (e: unknown) => (e as { code: string }).code);
      if (p.ok) expect(outcome).to.equal('ok');
      else expect(outcome).to.match(/^ERR_TLS_(HANDSHAKE|CERTIFICATE_VERIFICATION)$/);
    });
  }

  it('bounds handshake() and reads by the read deadline; the handshake then goes on', async () => {
    const ln = await server(own);
    const accepted = ln.accept();
    const raw = await rawDial(ln.addr.toString());
    const s = await accepted;
    open.push(s);
    s.setReadDeadline(Date.now() + 30);
    const [hs, rd] = await Promise.all([s.handshake().catch((e: unknown) => e), s.read().catch((e: unknown) => e)]);
    expect(hs).to.include({ code: 'ERR_NET_DEADLINE_EXCEEDED', op: 'handshake' });
    expect((hs as { timeout(): boolean }).timeout()).to.equal(true);
    expect(rd).to.have.property('code', 'ERR_NET_DEADLINE_EXCEEDED');
    raw.destroy();
  });

  it('keeps a TLS connection usable after a read deadline passed, as any Conn', async () => {
    const { s, c } = await pair(own);
    s.setReadDeadline(Date.now() + 20);
    expect(await s.read().catch((e: unknown) => e)).to.have.property('code', 'ERR_NET_DEADLINE_EXCEEDED');
    s.setReadDeadline(null);
    await c.write(Buffer.from('late'));
    expect(Buffer.from((await s.read())!).toString()).to.equal('late');
  });

  it('fails dial with a timeout DialError when the server never answers the handshake', async () => {
    const silent = await listenTCP('tcp', '127.0.0.1:0');
    open.push(silent);
    const held = silent.accept();
    const err = await tls.dial('tcp', silent.addr.toString(), trusting, { timeout: 50 }).catch((e: unknown) => e);
    expect(err).to.include({ code: 'ERR_NET_DIAL', failure: 'timeout' });
    (await held).close();
  });

  it('fails a pending handshake() with ClosedError on close()', async () => {
    const ln = await server(own);
    const accepted = ln.accept();
    await rawDial(ln.addr.toString());
    const s = await accepted;
    const pending = s.handshake().catch((e: unknown) => e);
    s.close();
    expect(await pending).to.have.property('code', 'ERR_NET_CLOSED');
  });
});
