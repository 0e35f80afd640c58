// listen({ workers }) with real processes: the fixture entry script runs in a primary that forks
// two workers, on each transport. The fixture runs the built package (npm run build first).
import { expect } from 'chai';
import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import { fileURLToPath } from 'node:url';
import { restartDelay } from '../src/cluster/restart-delay.js';
import { workerCount } from '../src/cluster/listen.js';
import { CoreError } from '../src/index.js';

const fixture = fileURLToPath(new URL('./fixtures/cluster/app.mjs', import.meta.url));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Cluster {
  proc: ChildProcess;
  port: number;
  primary: number;
  /** Every JSON line the primary and the workers printed. */
  lines: Record<string, unknown>[];
  exited: Promise<number | null>;
}

function startCluster(transport: string): Promise<Cluster> {
  const proc = spawn(process.execPath, [fixture], { env: { ...process.env, TRANSPORT: transport, WORKERS: '2', LOG_LEVEL: 'info' }, stdio: ['ignore', 'pipe', 'inherit'] });
  const lines: Record<string, unknown>[] = [];
  const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    let rest = '';
    proc.stdout!.on('data', (b: Buffer) => {
      rest += b.toString('utf8');
      const parts = rest.split('\n');
      rest = parts.pop()!;
      for (const p of parts) {
        if (p.trim() === '') continue;
        const line = JSON.parse(p) as Record<string, unknown>;
        lines.push(line);
        if (typeof line['primary'] === 'number') resolve({ proc, port: line['port'] as number, primary: line['primary'], lines, exited });
      }
    });
    void exited.then((code) => reject(new Error(`the cluster exited with ${code} before it listened`)));
  });
}

interface Served {
  status: number;
  worker: number;
  pid: number;
}

function get(port: number, path: string, agent: http.Agent | false = false): Promise<Served> {
  return new Promise((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port, path, agent }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d: string) => (body += d));
      res.on('end', () => {
        const j = JSON.parse(body) as { worker: number; pid: number };
        resolve({ status: res.statusCode ?? 0, worker: j.worker, pid: j.pid });
      });
    });
    // A connection neither answered nor closed is a failure to report, not a test to hang.
    req.setTimeout(30_000, () => req.destroy(new Error(`no answer to ${path} in 30 s`)));
    req.on('error', reject);
  });
}

async function pidsServing(port: number, want: number, tries = 40): Promise<Set<number>> {
  const pids = new Set<number>();
  for (let i = 0; i < tries && pids.size < want; i++) pids.add((await get(port, '/')).pid);
  return pids;
}

async function until(cond: () => boolean | Promise<boolean>, ms: number): Promise<void> {
  const end = Date.now() + ms;
  while (!(await cond())) {
    if (Date.now() > end) throw new Error('timed out');
    await sleep(50);
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('listen({ workers }): choices', () => {
  it("'auto' is one worker per CPU; anything but a whole number of at least 1 is refused", () => {
    expect(workerCount('auto')).to.be.greaterThan(0);
    expect(workerCount(3)).to.equal(3);
    for (const bad of [0, -1, 1.5, Number.NaN]) expect(() => workerCount(bad)).to.throw(CoreError, /workers/);
  });

  it('a dead worker is replaced at once after a stable run, then with a doubling delay up to 10 s', () => {
    expect([0, 1, 2, 3, 4, 8, 20].map(restartDelay)).to.deep.equal([0, 100, 200, 400, 800, 10_000, 10_000]);
  });
});

for (const transport of ['node', 'netpoll']) {
  describe(`listen({ workers: 2 }) on ${transport}`, function () {
    // Each test starts three node processes: slow on a loaded machine.
    this.timeout(180_000);
    let c: Cluster | undefined;

    afterEach(async () => {
      if (c !== undefined && c.proc.exitCode === null) {
        c.proc.kill('SIGTERM');
        await c.exited;
      }
      c = undefined;
    });

    it('the primary resolves with the shared port once both listen; requests reach both; log lines name the worker', async () => {
      c = await startCluster(transport);
      const served: Served[] = [];
      for (let i = 0; i < 20; i++) served.push(await get(c.port, '/'));
      const workers = new Set(served.map((s) => s.worker));
      expect(workers.size).to.equal(2);
      expect(served.every((s) => s.status === 200 && s.pid !== c!.primary)).to.equal(true);
      await sleep(200);
      const logged = new Set(c.lines.filter((l) => l['msg'] === 'request').map((l) => l['worker']));
      expect([...logged].sort()).to.deep.equal([...workers].sort());
    });

    it('a worker killed with SIGKILL is replaced', async () => {
      c = await startCluster(transport);
      const before = await pidsServing(c.port, 2);
      expect(before.size).to.equal(2);
      const victim = [...before][0]!;
      process.kill(victim, 'SIGKILL');
      await until(() => c!.lines.some((l) => l['msg'] === 'worker died' && l['pid'] === victim), 30_000);
      await until(async () => {
        const now = await pidsServing(c!.port, 2, 10);
        return now.size === 2 && !now.has(victim);
      }, 60_000);
    });

    it('SIGHUP replaces every worker, one at a time, and no request of a steady load of new connections fails', async () => {
      c = await startCluster(transport);
      const before = await pidsServing(c.port, 2);
      // A connection per request: a keep-alive connection the draining worker closes while idle
      // can cross a request sent on it, which clients retry (Go's, undici) and node's agent does not.
      const agent = false;
      let stop = false;
      let ok = 0;
      const failures: unknown[] = [];
      const after = new Set<number>();
      const loop = async (): Promise<void> => {
        while (!stop) {
          try {
            const r = await get(c!.port, '/', agent);
            if (r.status === 200) ok++;
            else failures.push(r.status);
            after.add(r.pid);
          } catch (err) {
            failures.push(err);
          }
          // A steady load, not a flood: new workers must start on this shared machine meanwhile.
          await sleep(5);
        }
      };
      const load = Promise.all([loop(), loop()]);
      await sleep(300);
      process.kill(c.primary, 'SIGHUP');
      await until(() => c!.lines.some((l) => l['msg'] === 'rolling restart done'), 150_000);
      after.clear();
      await sleep(500);
      stop = true;
      await load;
      expect(failures.map(String)).to.deep.equal([]);
      expect(ok).to.be.greaterThan(20);
      expect(after.size).to.equal(2);
      expect([...after].filter((p) => before.has(p))).to.deep.equal([]);
    });

    it('SIGTERM drains: a request in flight is answered, then every process exits', async () => {
      c = await startCluster(transport);
      const pids = await pidsServing(c.port, 2);
      const slow = get(c.port, '/slow?ms=800');
      await sleep(300);
      c.proc.kill('SIGTERM');
      expect((await slow).status).to.equal(200);
      expect(await c.exited).to.equal(0);
      await until(() => [...pids].every((p) => !alive(p)), 15_000);
    });
  });
}
