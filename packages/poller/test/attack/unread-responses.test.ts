// A client that pipelines requests and never reads the answers must not grow the server without
// bound: the node transport stops reading from it once its responses back up. The server runs
// in a child process with a 128 MB heap, so running out of memory fails this test, not the run.
import net from 'node:net';
import { expect } from 'chai';
import { startChild, type Child } from './child.js';

const CONNECTIONS = 16;
const REQUESTS = 10_000;
const ATTACK_MS = 8000;
const HEAP_MB = 128;

interface Sample {
  heapUsed: number;
  rss: number;
}

describe('attack: pipelined requests whose answers are never read (node transport)', function () {
  this.timeout(30_000);
  let child: Child | undefined;
  const sockets: net.Socket[] = [];

  afterEach(() => {
    for (const s of sockets) s.destroy();
    child?.process.kill('SIGKILL');
  });

  it(`stays within a ${HEAP_MB} MB heap under ${CONNECTIONS} connections of ${REQUESTS} unread GETs each`, async () => {
    const c = await startChild('./backlog-server.ts', [], [`--max-old-space-size=${HEAP_MB}`]);
    child = c;
    const samples = c.lines as Sample[];
    const port = c.port;
    const burst = 'GET /api/users?limit=100 HTTP/1.1\r\nHost: t\r\n\r\n'.repeat(REQUESTS);
    for (let i = 0; i < CONNECTIONS; i++) {
      const s = net.connect(port, '127.0.0.1');
      s.on('error', () => undefined);
      // Never read: the answers pile up on the server's side.
      s.pause();
      s.write(burst);
      sockets.push(s);
    }
    const outcome = await Promise.race([c.exited.then((code) => ({ exited: code })), new Promise<null>((r) => setTimeout(() => r(null), ATTACK_MS))]);
    expect(outcome, `the server died: ${c.stderr().slice(-500)}`).to.equal(null);
    expect(samples.length, 'memory samples').to.be.above(5);
    const peakHeap = Math.max(...samples.map((s) => s.heapUsed)) / 2 ** 20;
    const peakRss = Math.max(...samples.map((s) => s.rss)) / 2 ** 20;
    expect(peakHeap, 'peak heap MB').to.be.below(100);
    expect(peakRss, 'peak RSS MB').to.be.below(400);
  });
});
