// `npm run bench cluster`: requests per second of the JSON hello route (GET / -> {"hello":"world"})
// served by @sloe/core with listen({ workers: 1 }) and listen({ workers: 2 }), on the netpoll and
// node transports, with the CPU time the server side (primary and workers) and wrk each used.
// wrk runs on the same machine as the server, competing with it for the same cores: the figures
// compare the two setups with each other, not with a server that has the machine to itself.
//
//   node --import tsx bench/cluster.bench.ts [--seconds 5] [--connections 64] [--threads 1] [--transports netpoll,node]
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import cluster from 'node:cluster';
import { readFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';

const TICKS_PER_SECOND = 100;

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? fallback : (process.argv[i + 1] ?? fallback);
}

// ---- the server: the primary and, run again by node:cluster, each worker ----

async function serve(workers: number, transport: 'netpoll' | 'node'): Promise<void> {
  const { Engine } = await import('../packages/core/src/index.js');
  const app = new Engine();
  app.get('/', (c) => {
    c.json(200, { hello: 'world' });
  });
  const l = await app.listen({ port: 0, host: '127.0.0.1', transport, workers });
  if (cluster.isPrimary) console.log(JSON.stringify({ port: l.port }));
}

// ---- the driver ----

/** user + system CPU seconds of a process, from /proc. */
function cpuOf(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
  } catch {
    return 0;
  }
}

/** CPU seconds of this process's waited-for children (wrk, once it has exited). */
function childrenCpu(): number {
  const stat = readFileSync('/proc/self/stat', 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return (Number(fields[13]) + Number(fields[14])) / TICKS_PER_SECOND;
}

function childPids(pid: number): number[] {
  const r = spawnSync('pgrep', ['-P', String(pid)], { encoding: 'utf8' });
  return r.stdout.split('\n').filter((l) => l !== '').map(Number);
}

async function startServer(workers: number, transport: string): Promise<{ proc: ChildProcess; port: number }> {
  const self = fileURLToPath(import.meta.url);
  const proc = spawn(process.execPath, ['--import', 'tsx', self, '--serve', String(workers), transport], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    proc.stdout!.on('data', (b: Buffer) => {
      out += b.toString('utf8');
      const m = /"port":(\d+)/.exec(out);
      if (m !== null) resolve(Number(m[1]));
    });
    proc.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
  return { proc, port };
}

interface Result {
  transport: string;
  workers: number;
  rps: number;
  serverCpu: number;
  wrkCpu: number;
  seconds: number;
}

async function measure(workers: number, transport: string, seconds: number, connections: number, threads: number): Promise<Result> {
  const { proc, port } = await startServer(workers, transport);
  const url = `http://127.0.0.1:${port}/`;
  // Warm-up: JIT and connection setup out of the measured run.
  spawnSync('wrk', ['-t1', '-c8', '-d1s', url]);
  const pids = [proc.pid!, ...childPids(proc.pid!)];
  const serverBefore = pids.reduce((s, p) => s + cpuOf(p), 0);
  const wrkBefore = childrenCpu();
  const r = spawnSync('wrk', [`-t${threads}`, `-c${connections}`, `-d${seconds}s`, url], { encoding: 'utf8' });
  const wrkCpu = childrenCpu() - wrkBefore;
  const serverCpu = pids.reduce((s, p) => s + cpuOf(p), 0) - serverBefore;
  proc.kill('SIGTERM');
  await new Promise((resolve) => proc.once('exit', resolve));
  const m = /Requests\/sec:\s+([\d.]+)/.exec(r.stdout);
  if (m === null) throw new Error(`wrk said: ${r.stdout}${r.stderr}`);
  const errors = /Non-2xx or 3xx responses: (\d+)|Socket errors: .*/.exec(r.stdout);
  if (errors !== null) console.log(`  (${transport}, ${workers} worker(s): ${errors[0]})`);
  return { transport, workers, rps: Number(m[1]), serverCpu, wrkCpu, seconds };
}

async function main(): Promise<void> {
  if (spawnSync('wrk', ['--version']).error !== undefined) throw new Error('wrk is not installed (apt-get install wrk)');
  const seconds = Number(arg('seconds', '5'));
  const connections = Number(arg('connections', '64'));
  const threads = Number(arg('threads', '1'));
  const transports = arg('transports', 'netpoll,node').split(',');
  console.log(`GET / -> {"hello":"world"}, wrk -t${threads} -c${connections} -d${seconds}s on the same machine as the server (${availableParallelism()} CPUs shared by both; other load on the machine counts too)`);
  console.log('transport  workers     req/s   server CPU s (cores)   wrk CPU s (cores)');
  for (const transport of transports) {
    for (const workers of [1, 2]) {
      const r = await measure(workers, transport, seconds, connections, threads);
      const cores = (cpu: number) => `${cpu.toFixed(1)} (${(cpu / r.seconds).toFixed(2)})`;
      console.log(`${r.transport.padEnd(9)}  ${String(r.workers).padStart(7)}  ${r.rps.toFixed(0).padStart(8)}   ${cores(r.serverCpu).padStart(20)}   ${cores(r.wrkCpu).padStart(17)}`);
    }
  }
}

const serveAt = process.argv.indexOf('--serve');
if (serveAt !== -1) await serve(Number(process.argv[serveAt + 1]), process.argv[serveAt + 2] === 'node' ? 'node' : 'netpoll');
else await main();
