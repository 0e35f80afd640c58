// A client that pipelines requests and never reads the answers must not grow the server without
// bound: the node transport stops reading from it once its responses back up. The server runs
// in a child process with a 128 MB heap, so running out of memory fails this test, not the run.
import { spawn, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';

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
  let child: ChildProcess | undefined;
  const sockets: net.Socket[] = [];

  afterEach(() => {
    for (const s of sockets) s.destroy();
    child?.kill('SIGKILL');
  });

  it(`stays within a ${HEAP_MB} MB heap under ${CONNECTIONS} connections of ${REQUESTS} unread GETs each`, async () => {
    const script = fileURLToPath(new URL('./backlog-server.ts', import.meta.url));
    const c = spawn(process.execPath, [`--max-old-space-size=${HEAP_MB}`, '--import', 'tsx', script], { stdio: ['ignore', 'pipe', 'pipe'] });
    child = c;
    let stderr = '';
    c.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((resolve) => c.once('exit', (code) => resolve(code)));
    const samples: Sample[] = [];
    const lines = createInterface({ input: c.stdout! });
    const port = await new Promise<number>((resolve, reject) => {
      lines.on('line', (line) => {
        const m = JSON.parse(line) as { port?: number } & Partial<Sample>;
        if (m.port !== undefined) resolve(m.port);
        else samples.push(m as Sample);
      });
      c.once('exit', () => reject(new Error(`server exited before listening: ${stderr}`)));
    });
    const burst = 'GET /api/users?limit=100 HTTP/1.1\r\nHost: t\r\n\r\n'.repeat(REQUESTS);
    for (let i = 0; i < CONNECTIONS; i++) {
      const s = net.connect(port, '127.0.0.1');
      s.on('error', () => undefined);
      // Never read: the answers pile up on the server's side.
      s.pause();
      s.write(burst);
      sockets.push(s);
    }
    const outcome = await Promise.race([exited.then((code) => ({ exited: code })), new Promise<null>((r) => setTimeout(() => r(null), ATTACK_MS))]);
    expect(outcome, `the server died: ${stderr.slice(-500)}`).to.equal(null);
    expect(samples.length, 'memory samples').to.be.above(5);
    const peakHeap = Math.max(...samples.map((s) => s.heapUsed)) / 2 ** 20;
    const peakRss = Math.max(...samples.map((s) => s.rss)) / 2 ** 20;
    expect(peakHeap, 'peak heap MB').to.be.below(100);
    expect(peakRss, 'peak RSS MB').to.be.below(400);
  });
});
