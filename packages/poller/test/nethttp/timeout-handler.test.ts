// timeoutHandler: the buffered response of a handler in time, 503 and an aborted signal past it.
import { expect } from 'chai';
import { timeoutHandler, HandlerTimeoutError } from '../../src/nethttp/timeout-handler.js';
import { fakeRequest, Recorder } from './recorder.js';

const delay = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

describe('timeoutHandler', () => {
  it('sends the response of a handler that finishes in time, header, status and body', async () => {
    const h = timeoutHandler({
      async serveHTTP(w) {
        w.header().set('X-A', '1');
        w.writeHeader(201);
        await w.write('a');
        await w.end('b');
      },
    }, 200);
    const w = new Recorder();
    await h.serveHTTP(w, fakeRequest('GET', '/'));
    expect([w.status, w.header().get('x-a'), w.body]).to.deep.equal([201, '1', 'ab']);
  });

  it('answers 503 with the message past the limit, aborts the signal and refuses later writes', async () => {
    let aborted = false;
    let late: unknown;
    const done = delay(120);
    const h = timeoutHandler({
      async serveHTTP(w, r) {
        r.signal.addEventListener('abort', () => (aborted = true));
        await delay(100);
        late = await w.write('late').catch((e: unknown) => e);
      },
    }, 20, 'too slow');
    const w = new Recorder();
    await h.serveHTTP(w, fakeRequest('GET', '/'));
    expect([w.status, w.body]).to.deep.equal([503, 'too slow']);
    expect(aborted).to.equal(true);
    await done;
    expect(late).to.be.instanceOf(HandlerTimeoutError).and.have.property('code', 'ERR_HTTP_HANDLER_TIMEOUT');
  });

  it("uses Go's HTML page when no message is given", async () => {
    const w = new Recorder();
    await timeoutHandler({ serveHTTP: () => delay(50) }, 5).serveHTTP(w, fakeRequest('GET', '/'));
    expect(w.body).to.equal('<html><head><title>Timeout</title></head><body><h1>Timeout</h1></body></html>');
    expect(w.header().get('content-type')).to.equal('text/html; charset=utf-8');
  });
});
