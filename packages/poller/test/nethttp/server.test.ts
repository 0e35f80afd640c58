// Server, listenAndServe on the default mux, stripPrefix and maxBytesHandler over real sockets
// and the recorder.
import { expect } from 'chai';
import { handleFunc, defaultServeMux } from '../../src/nethttp/default-mux.js';
import { listenAndServe, Server } from '../../src/nethttp/server.js';
import { ServeMux } from '../../src/nethttp/serve-mux.js';
import { stripPrefix } from '../../src/nethttp/strip-prefix.js';
import { maxBytesHandler } from '../../src/nethttp/max-bytes-handler.js';
import { fakeRequest, Recorder } from './recorder.js';

describe('Server and listenAndServe', () => {
  it('listenAndServe(addr) serves the default mux', async () => {
    handleFunc('GET /hello/{name}', (w, r) => w.end(`hello ${r.pathValue('name')}\n`));
    const h = await listenAndServe('127.0.0.1:0');
    try {
      const res = await fetch(`http://127.0.0.1:${h.port}/hello/gopher`);
      expect([res.status, await res.text()]).to.deep.equal([200, 'hello gopher\n']);
      expect(defaultServeMux.handler(fakeRequest('GET', '/hello/x')).pattern).to.equal('GET /hello/{name}');
    } finally {
      await h.close({ graceful: false });
    }
  });

  it('maps Go field names to the transport options (milliseconds)', () => {
    const s = new Server({ readTimeout: 5000, writeTimeout: 7000, maxHeaderBytes: 4096 });
    expect(s.transportOptions()).to.deep.equal({ requestTimeout: 5000, headerTimeout: 5000, sendTimeout: 7000, idleTimeout: 5000, maxHeaderBytes: 4096 });
    const t = new Server({ readTimeout: 5000, readHeaderTimeout: 1000, idleTimeout: 9000 });
    expect(t.transportOptions()).to.deep.equal({ requestTimeout: 5000, headerTimeout: 1000, idleTimeout: 9000 });
  });

  it('shutdown() lets a request in flight finish', async () => {
    const mux = new ServeMux();
    let release: () => void = () => undefined;
    const started = new Promise<void>((resolve) => {
      mux.handleFunc('/slow', async (w) => {
        resolve();
        await new Promise<void>((r) => (release = r));
        await w.end('done');
      });
    });
    const s = new Server({ addr: '127.0.0.1:0', handler: mux });
    const h = await s.listenAndServe();
    const res = fetch(`http://127.0.0.1:${h.port}/slow`).then((r) => r.text());
    await started;
    const stopped = s.shutdown();
    release();
    expect(await res).to.equal('done');
    await stopped;
  });

  it('shutdown(signal) closes what is left when the signal aborts, and rejects with its reason', async () => {
    const mux = new ServeMux();
    const started = new Promise<void>((resolve) => {
      mux.handleFunc('/hang', (_w, r) => {
        resolve();
        return new Promise<void>((done) => r.signal.addEventListener('abort', () => done()));
      });
    });
    const s = new Server({ addr: '127.0.0.1:0', handler: mux });
    const h = await s.listenAndServe();
    const res = fetch(`http://127.0.0.1:${h.port}/hang`).catch((e: unknown) => e);
    await started;
    const err = await s.shutdown(AbortSignal.timeout(100)).catch((e: unknown) => e);
    expect(err).to.have.property('name', 'TimeoutError');
    expect(await res).to.be.instanceOf(Error);
  });
});

describe('stripPrefix and maxBytesHandler', () => {
  it('stripPrefix serves the rest of the path, and 404 without the prefix', async () => {
    let seen = '';
    const h = stripPrefix('/static', { serveHTTP: (w, r) => ((seen = r.path), w.end()) });
    await h.serveHTTP(new Recorder(), fakeRequest('GET', '/static/css/a.css?v=1'));
    expect(seen).to.equal('/css/a.css');
    const w = new Recorder();
    await h.serveHTTP(w, fakeRequest('GET', '/other'));
    expect([w.status, w.body]).to.deep.equal([404, '404 page not found\n']);
  });

  it('maxBytesHandler fails a body read past the limit with 413', async () => {
    const h = maxBytesHandler({ serveHTTP: async (w, r) => w.end(await r.body.text()) }, 4);
    const ok = new Recorder();
    await h.serveHTTP(ok, fakeRequest('POST', '/', 'h', 'abcd'));
    expect(ok.body).to.equal('abcd');
    const err = await Promise.resolve(h.serveHTTP(new Recorder(), fakeRequest('POST', '/', 'h', 'abcde'))).catch((e: unknown) => e);
    expect(err).to.have.property('code', 'ERR_HTTP_BODY_TOO_LARGE');
    const it = maxBytesHandler({ serveHTTP: async (w, r) => { for await (const c of r.body) void c; await w.end(); } }, 4);
    const err2 = await Promise.resolve(it.serveHTTP(new Recorder(), fakeRequest('POST', '/', 'h', 'abcde'))).catch((e: unknown) => e);
    expect(err2).to.have.property('status', 413);
  });
});
