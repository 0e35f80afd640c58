// HTTP client throughput: requests per second over keep-alive to a local server with 50
// requests in flight, for @sloe/poller's Client (its own HTTP/1.1 stack on the net layer),
// undici's request() and Node's global fetch. The server (netpoll, hello-world) runs in its own
// process pinned to core 0; each client runs for DURATION seconds in a fresh process pinned to
// core 1; rounds are interleaved and medians reported, with the median of the per-round ratios.
//
//   npm run bench client             ROUNDS=5 DURATION=3 CONCURRENCY=50 to change the run
import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

type ClientKind = 'sloe' | 'undici.request' | 'fetch';
const CLIENTS: ClientKind[] = ['sloe', 'undici.request', 'fetch'];
const ROUNDS = Number(process.env.ROUNDS ?? 5);
const DURATION = Number(process.env.DURATION ?? 3);
const CONCURRENCY = Number(process.env.CONCURRENCY ?? 50);
const BODY = 'Hello, World!';
const self = fileURLToPath(import.meta.url);

// Server mode: `client.bench.ts --serve` prints `ready <port>` once listening on a free port.
async function serve(): Promise<void> {
  const { netpollTransport } = await import('../packages/poller/src/index.js');
  const server = await netpollTransport().serve(
    {
      serveHTTP(w) {
        w.header().set('Content-Type', 'text/plain');
        void w.end(BODY);
      },
    },
    { port: 0, host: '127.0.0.1' },
  );
  process.stdout.write(`ready ${server.port}\n`);
  process.on('SIGTERM', () => process.exit(0));
}

// Client mode: `client.bench.ts --client <kind> <url>` prints the requests completed in DURATION.
async function load(kind: ClientKind, url: string): Promise<void> {
  let one: () => Promise<string>;
  if (kind === 'sloe') {
    const { Client, ClientTransport } = await import('../packages/poller/src/index.js');
    // As many idle connections as requests in flight, as undici's pool keeps.
    const client = new Client({ transport: new ClientTransport({ maxIdleConnsPerHost: CONCURRENCY }) });
    one = async () => (await client.get(url)).body.text();
  } else if (kind === 'undici.request') {
    const { request } = await import('undici');
    one = async () => (await request(url)).body.text();
  } else {
    one = async () => (await fetch(url)).text();
  }
  const run = async (until: number): Promise<number> => {
    let n = 0;
    const worker = async (): Promise<void> => {
      while (Date.now() < until) {
        const text = await one();
        if (text !== BODY) throw new Error(`unexpected body ${JSON.stringify(text)}`);
        n++;
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    return n;
  };
  await run(Date.now() + 500); // warm-up: connections made, code optimized
  const start = Date.now();
  const n = await run(start + DURATION * 1000);
  process.stdout.write(`${JSON.stringify({ rps: n / ((Date.now() - start) / 1000) })}\n`);
  process.exit(0);
}

const pin = spawnSync('sh', ['-c', 'command -v taskset']).status === 0;

function node(core: number, args: string[]): ChildProcess {
  const full = ['--import', 'tsx', self, ...args];
  return pin ? spawn('taskset', ['-c', String(core), process.execPath, ...full]) : spawn(process.execPath, full);
}

function startServer(): Promise<{ child: ChildProcess; port: number }> {
  const child = node(0, ['--serve']);
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => {
      const m = /ready (\d+)/.exec(d.toString());
      if (m !== null) resolve({ child, port: Number(m[1]) });
    });
    child.stderr!.on('data', (d: Buffer) => process.stderr.write(d));
    child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
  });
}

function measure(kind: ClientKind, url: string): Promise<number> {
  const child = node(1, ['--client', kind, url]);
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => process.stderr.write(d));
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => {
      if (code !== 0) reject(new Error(`${kind} client exited with ${code}`));
      else resolve((JSON.parse(out.trim().split('\n').pop()!) as { rps: number }).rps);
    });
  });
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

async function main(): Promise<void> {
  const { child: server, port } = await startServer();
  const url = `http://127.0.0.1:${port}/`;
  const samples = new Map<ClientKind, number[]>(CLIENTS.map((k) => [k, []]));
  try {
    for (let round = 1; round <= ROUNDS; round++) {
      // Rotate the order so that no client always runs first in a round.
      const order = CLIENTS.map((_, i) => CLIENTS[(i + round) % CLIENTS.length]!);
      const line: string[] = [];
      for (const kind of order) {
        const rps = await measure(kind, url);
        samples.get(kind)!.push(rps);
        line.push(`${kind} ${Math.round(rps)}`);
      }
      console.log(`round ${round}: ${line.join(', ')}`);
    }
  } finally {
    server.kill('SIGTERM');
  }
  const sloe = samples.get('sloe')!;
  console.log(`\n${CONCURRENCY} concurrent requests, keep-alive, ${ROUNDS} rounds of ${DURATION} s (${pin ? 'server on core 0, client on core 1' : 'not pinned'})`);
  console.log('| client | req/s (median) | sloe / this (median of per-round ratios) |');
  console.log('|---|---|---|');
  for (const kind of CLIENTS) {
    const xs = samples.get(kind)!;
    const ratios = xs.map((x, i) => sloe[i]! / x);
    console.log(`| ${kind} | ${Math.round(median(xs))} | ${median(ratios).toFixed(2)} |`);
  }
}

const [mode, a, b] = process.argv.slice(2);
if (mode === '--serve') await serve();
else if (mode === '--client') await load(a as ClientKind, b!);
else await main();
