// What the HTTP/2 transport does that the shared suite cannot see through its HTTP/1.1 gateway:
// HTTP/2's own settings and limits, stream resets, flow control, GOAWAY, and how it is set up.
import { expect } from 'chai';
import { connect, constants, type ClientHttp2Session, type ClientHttp2Stream, type IncomingHttpHeaders, type OutgoingHttpHeaders } from 'node:http2';
import type { Handler, ServerHandle } from '../../src/http/handler.js';
import { http2Transport, type Http2TransportOptions } from '../../src/http2/index.js';

interface Answer {
  status: number;
  headers: IncomingHttpHeaders;
  body: string;
  rstCode: number | undefined;
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

async function waitFor(cond: () => boolean, ms = 2000): Promise<void> {
  const until = Date.now() + ms;
  while (!cond() && Date.now() < until) await delay(10);
}

/** Sends one request on `session` and collects its answer (or its reset). */
function request(session: ClientHttp2Session, headers: OutgoingHttpHeaders, body?: string): Promise<Answer> {
  return new Promise((resolve) => {
    const s = session.request(headers, { endStream: body === undefined });
    const answer: Answer = { status: 0, headers: {}, body: '', rstCode: undefined };
    s.on('response', (h) => {
      answer.status = Number(h[':status']);
      answer.headers = h;
    });
    s.setEncoding('utf8');
    s.on('data', (d: string) => (answer.body += d));
    s.on('error', () => undefined);
    s.on('close', () => {
      answer.rstCode = s.rstCode;
      resolve(answer);
    });
    if (body !== undefined) s.end(body);
  });
}

function opened(port: number): Promise<ClientHttp2Session> {
  return new Promise((resolve, reject) => {
    const session = connect(`http://127.0.0.1:${port}`);
    session.once('connect', () => resolve(session));
    session.once('error', reject);
  });
}

describe('http2 transport', function () {
  this.timeout(10000);
  const servers: ServerHandle[] = [];
  const sessions: ClientHttp2Session[] = [];

  async function serve(handler: Handler, options: Http2TransportOptions = {}): Promise<{ server: ServerHandle; session: ClientHttp2Session }> {
    const server = await http2Transport({ h2c: true, onHandlerError: () => undefined, ...options }).serve(handler, { port: 0, host: '127.0.0.1' });
    servers.push(server);
    const session = await opened(server.port);
    session.on('error', () => undefined);
    sessions.push(session);
    return { server, session };
  }

  afterEach(async () => {
    for (const s of sessions.splice(0)) s.destroy();
    await Promise.all(servers.splice(0).map((s) => s.close({ graceful: false })));
  });

  it('refuses to start without tls or h2c, and with both', () => {
    expect(() => http2Transport({})).to.throw(TypeError, /needs `tls`/);
    expect(() => http2Transport({ h2c: true, tls: { key: 'k', cert: 'c' } })).to.throw(TypeError, /not both/);
  });

  it('gives the handler the pseudo-header fields as method, url and proto, and :authority as host', async () => {
    const { session } = await serve({
      serveHTTP: (w, r) => void w.end(JSON.stringify({ method: r.method, url: r.url, path: r.path, rawQuery: r.rawQuery, proto: r.proto, headers: [...r.headers], contentLength: r.contentLength })),
    });
    const a = await request(session, { ':method': 'POST', ':path': '/p/q?x=1', ':authority': 'example.test', 'x-b': '2' }, 'abc');
    expect(JSON.parse(a.body)).to.deep.equal({
      method: 'POST',
      url: '/p/q?x=1',
      path: '/p/q',
      rawQuery: 'x=1',
      proto: 'HTTP/2.0',
      headers: [['host', 'example.test'], ['x-b', '2']],
      contentLength: -1,
    });
    const get = await request(session, { ':path': '/' });
    expect((JSON.parse(get.body) as { contentLength: number }).contentLength, 'a request whose HEADERS end the stream').to.equal(0);
  });

  it('leaves out the connection-specific fields a handler sets, and keeps repeated ones', async () => {
    const { session } = await serve({
      serveHTTP(w) {
        const h = w.header();
        h.set('Connection', 'close');
        h.set('Keep-Alive', 'timeout=5');
        h.set('Transfer-Encoding', 'chunked');
        h.append('Set-Cookie', 'a=1');
        h.append('Set-Cookie', 'b=2');
        void w.end('ok');
      },
    });
    const a = await request(session, { ':path': '/' });
    expect(a.status).to.equal(200);
    expect(a.body).to.equal('ok');
    expect(a.headers.connection).to.equal(undefined);
    expect(a.headers['keep-alive']).to.equal(undefined);
    expect(a.headers['transfer-encoding']).to.equal(undefined);
    expect(a.headers['set-cookie']).to.deep.equal(['a=1', 'b=2']);
    expect(a.headers['content-length']).to.equal('2');
  });

  it('aborts the request signal when the client resets the stream, and the connection serves on', async () => {
    const aborted: string[] = [];
    const { session } = await serve({
      async serveHTTP(w, r) {
        if (r.path === '/wait') {
          await new Promise<void>((resolve) => {
            r.signal.addEventListener('abort', () => resolve());
            setTimeout(resolve, 3000);
          });
          if (r.signal.aborted) aborted.push(r.path);
          return;
        }
        await w.end('next');
      },
    });
    const s = session.request({ ':path': '/wait' });
    s.on('error', () => undefined);
    await delay(50);
    s.close(constants.NGHTTP2_CANCEL);
    await waitFor(() => aborted.length > 0);
    expect(aborted).to.deep.equal(['/wait']);
    expect((await request(session, { ':path': '/' })).body).to.equal('next');
  });

  it('gives the client address as remoteAddr after the stream was reset and after the connection was destroyed', async () => {
    const seen: string[] = [];
    const { session } = await serve({
      async serveHTTP(_w, r) {
        await new Promise<void>((resolve) => {
          r.signal.addEventListener('abort', () => resolve());
          setTimeout(resolve, 3000);
        });
        // Read once the stream is gone (and, for /gone, its whole connection).
        await delay(50);
        seen.push(`${r.path} ${r.remoteAddr}`);
      },
    });
    const client = `127.0.0.1:${session.socket.localPort!}`;
    const s = session.request({ ':path': '/reset' });
    s.on('error', () => undefined);
    await delay(50);
    s.close(constants.NGHTTP2_CANCEL);
    await waitFor(() => seen.length === 1);
    const other = await opened(servers[0]!.port);
    other.on('error', () => undefined);
    const otherClient = `127.0.0.1:${other.socket.localPort!}`;
    const gone = other.request({ ':path': '/gone' });
    gone.on('error', () => undefined);
    await delay(50);
    other.destroy();
    await waitFor(() => seen.length === 2);
    expect(seen).to.deep.equal([`/reset ${client}`, `/gone ${otherClient}`]);
  });

  it('holds a write until the client opens its flow-control window, and resolves it when it reads', async () => {
    let settled = false;
    const { session } = await serve(
      {
        async serveHTTP(w) {
          // More than the stream's initial window (65535) and the high-water mark together.
          await w.write(Buffer.alloc(200_000, 'x'));
          settled = true;
          await w.end();
        },
      },
      { writeHighWaterMark: 1024 },
    );
    const s: ClientHttp2Stream = session.request({ ':path': '/' });
    s.pause();
    await delay(300);
    expect(settled, 'the write waits while the client does not read').to.equal(false);
    let received = 0;
    s.on('data', (d: Buffer) => (received += d.length));
    s.resume();
    await waitFor(() => settled && received === 200_000);
    expect(settled).to.equal(true);
    expect(received).to.equal(200_000);
  });

  it('resets a stream whose client does not read within sendTimeout, and no other', async () => {
    const caught: string[] = [];
    const { session } = await serve(
      {
        async serveHTTP(w, r) {
          if (r.path !== '/flood') return void w.end('other');
          try {
            for (;;) await w.write(Buffer.alloc(64 * 1024, 'x'));
          } catch (err) {
            caught.push((err as { code: string }).code);
          }
        },
      },
      { sendTimeout: 300 },
    );
    const s = session.request({ ':path': '/flood' });
    s.on('error', () => undefined);
    s.pause();
    await waitFor(() => caught.length > 0, 3000);
    expect(caught).to.deep.equal(['ERR_NET_DEADLINE_EXCEEDED']);
    await waitFor(() => s.closed);
    expect(s.rstCode).to.equal(constants.NGHTTP2_CANCEL);
    expect((await request(session, { ':path': '/other' })).body, 'the connection goes on').to.equal('other');
  });

  it('advertises maxConcurrentStreams and never runs more handlers at once on a connection', async () => {
    let running = 0;
    let most = 0;
    const { session } = await serve(
      {
        async serveHTTP(w) {
          most = Math.max(most, ++running);
          await delay(50);
          running--;
          await w.end('ok');
        },
      },
      { maxConcurrentStreams: 2 },
    );
    await waitFor(() => session.remoteSettings.maxConcurrentStreams === 2);
    expect(session.remoteSettings.maxConcurrentStreams).to.equal(2);
    const answers = await Promise.all(Array.from({ length: 6 }, () => request(session, { ':path': '/' })));
    expect(most, 'handlers at once').to.be.at.most(2);
    // Streams past the limit are refused (REFUSED_STREAM), never served beyond it.
    for (const a of answers) expect(a.status === 200 || a.rstCode === constants.NGHTTP2_REFUSED_STREAM, JSON.stringify(a)).to.equal(true);
  });

  it('answers 431 past maxHeaderBytes, and resets a header list past maxHeaderListSize before any handler', async () => {
    const served: string[] = [];
    const { session } = await serve(
      {
        serveHTTP(w, r) {
          served.push(r.path);
          void w.end('ok');
        },
      },
      { maxHeaderBytes: 1024, maxHeaderListSize: 4096 },
    );
    await waitFor(() => session.remoteSettings.maxHeaderListSize === 4096);
    const over = await request(session, { ':path': '/431', 'x-big': 'b'.repeat(2000) });
    expect(over.status).to.equal(431);
    const way = await request(session, { ':path': '/reset', 'x-big': 'b'.repeat(8000) });
    expect(way.status).to.equal(0);
    expect(way.rstCode).to.equal(constants.NGHTTP2_ENHANCE_YOUR_CALM);
    expect(served).to.deep.equal([]);
    expect((await opened(servers[0]!.port).then((s) => (sessions.push(s), request(s, { ':path': '/fine' })))).status).to.equal(200);
  });

  it('closes gracefully with GOAWAY: the stream in flight finishes, then the connection closes', async () => {
    const { server, session } = await serve({
      async serveHTTP(w) {
        await delay(200);
        await w.end('done');
      },
    });
    let goaway = -1;
    session.on('goaway', (code: number) => (goaway = code));
    const inflight = request(session, { ':path': '/' });
    await delay(50);
    const closing = server.close({ graceful: true });
    const a = await inflight;
    await closing;
    expect(a.body).to.equal('done');
    expect(goaway).to.equal(constants.NGHTTP2_NO_ERROR);
    await waitFor(() => session.closed || session.destroyed);
    expect(session.closed || session.destroyed, 'the session is closed').to.equal(true);
  });

  it('closes a connection left without a stream for idleTimeout with GOAWAY', async () => {
    const { session } = await serve({ serveHTTP: (w) => void w.end('ok') }, { idleTimeout: 300 });
    let goaway = -1;
    session.on('goaway', (code: number) => (goaway = code));
    const started = Date.now();
    await request(session, { ':path': '/' });
    await waitFor(() => session.closed || session.destroyed, 3000);
    expect(goaway).to.equal(constants.NGHTTP2_NO_ERROR);
    expect(Date.now() - started).to.be.within(250, 2500);
  });

  it('closes a connection that opens no stream within headerTimeout', async () => {
    const { session } = await serve({ serveHTTP: (w) => void w.end('ok') }, { headerTimeout: 300, idleTimeout: 5000 });
    const started = Date.now();
    await waitFor(() => session.closed || session.destroyed, 3000);
    expect(session.closed || session.destroyed).to.equal(true);
    expect(Date.now() - started).to.be.within(200, 2500);
  });

  it('answers 100 Continue to a request that expects it once the handler reads the body', async () => {
    const { session } = await serve({ serveHTTP: async (w, r) => void (await w.end(await r.body.text())) });
    const s = session.request({ ':method': 'POST', ':path': '/', expect: '100-continue' });
    let continued = false;
    s.on('continue', () => {
      continued = true;
      s.end('body');
    });
    let body = '';
    s.setEncoding('utf8');
    s.on('data', (d: string) => (body += d));
    await new Promise((resolve) => s.on('close', resolve));
    expect(continued).to.equal(true);
    expect(body).to.equal('body');
  });
});
