// A body refused at its head (Content-Length over maxBodyBytes) is answered 413 before it has
// been sent. Both transports then close as Go's server does: the response goes out, the rest
// of the body is read and dropped for a moment, then the connection closes; so a client still
// sending reads the 413 instead of a reset (EPIPE, ECONNRESET). The server runs in its own
// process: sharing the client's event loop hides the race.
import { expect } from 'chai';
import { startChild, type Child } from './child.js';

const RUNS = 5;
const BODY = new Uint8Array(10 * 1024 * 1024);

describe('attack: a large body refused at its head', function () {
  this.timeout(60_000);
  let child: Child | undefined;
  afterEach(() => {
    child?.process.kill('SIGKILL');
  });

  for (const name of ['node', 'netpoll']) {
    it(`${name}: fetch reads the 413 in ${RUNS} runs of ${RUNS}`, async () => {
      child = await startChild('./refusal-server.ts', [name]);
      const outcomes: string[] = [];
      for (let i = 0; i < RUNS; i++) {
        try {
          const r = await fetch(`http://127.0.0.1:${child.port}/upload`, { method: 'POST', body: BODY });
          await r.arrayBuffer();
          outcomes.push(String(r.status));
        } catch (err) {
          const cause = (err as { cause?: { code?: string } }).cause;
          outcomes.push(cause?.code ?? String(err));
        }
      }
      expect(outcomes).to.deep.equal(Array<string>(RUNS).fill('413'));
    });
  }
});
