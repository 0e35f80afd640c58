// `npm run bench demo`: the demo app on SQLite under a mixed load, once per transport. The app
// runs as its own process (src/main.ts, request logs off); four autocannon runs load it at the
// same time for a fixed time, one per operation: read one user, list a page, create, update.
// Printed per operation: req/s, p99 latency, errors (non-2xx, socket errors, timeouts: must be 0).
// Then the store's row count is checked against the seeded users plus the acknowledged creates.
//
//   node --import tsx bench/demo.bench.ts [--seconds 5] [--connections 4] [--transports netpoll,node]
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const MAIN = path.join(ROOT, 'apps', 'demo-crud', 'src', 'main.ts');
const SEEDED = 200;

// autocannon ships no types: the part used here.
interface AcRequest {
  method: string;
  path: string;
  headers?: Record<string, string>;
  body?: string;
}
interface AcOptions {
  url: string;
  connections: number;
  duration: number;
  requests: (AcRequest & { setupRequest?: (req: AcRequest) => AcRequest; onResponse?: (status: number) => void })[];
}
interface AcResult {
  requests: { average: number; total: number };
  latency: { p99: number };
  non2xx: number;
  errors: number;
  timeouts: number;
}
type Autocannon = (o: AcOptions) => Promise<AcResult>;
const autocannon = createRequire(import.meta.url)('autocannon') as Autocannon;

function option(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] !== undefined ? process.argv[i + 1]! : fallback;
}

interface App {
  child: ChildProcess;
  url: string;
}

/** A TCP port free right now on 127.0.0.1. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

/** Starts the app (pinned to core 0 when taskset exists) and waits until /healthz answers. */
async function startApp(transport: string, dbPath: string): Promise<App> {
  const port = await freePort();
  const pin = spawnSync('taskset', ['--version']).status === 0;
  const cmd = pin ? 'taskset' : process.execPath;
  const args = [...(pin ? ['-c', '0', process.execPath] : []), '--import', 'tsx', MAIN];
  const child = spawn(cmd, args, {
    cwd: ROOT,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', TRANSPORT: transport, LOG_LEVEL: 'warn', DATABASE_PATH: dbPath, DATABASE_URL: '', WRITE_RATE_LIMIT: 'off' },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 20000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the app exited with ${child.exitCode}`);
    if ((await fetch(`${url}/healthz`).catch(() => null))?.ok === true) return { child, url };
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGKILL');
  throw new Error('the app did not answer /healthz within 20 s');
}

async function seed(url: string): Promise<void> {
  for (let i = 1; i <= SEEDED; i++) {
    const res = await fetch(`${url}/api/users`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name: `Seed ${i}`, email: `seed${i}@bench.test`, age: i % 90 }),
    });
    if (res.status !== 201) throw new Error(`seeding failed: ${res.status} ${await res.text()}`);
  }
}

function randomId(): number {
  return 1 + Math.floor(Math.random() * SEEDED);
}

interface OpResult {
  op: string;
  rps: number;
  p99: number;
  errors: number;
  total: number;
}

interface Mixed {
  ops: OpResult[];
  /** Creates sent, and answered 201. */
  sentCreates: number;
  acknowledgedCreates: number;
  /** In every created email: `load<n>.<tag>@bench.test`. */
  tag: string;
}

async function runMixed(url: string, seconds: number, connections: number): Promise<Mixed> {
  let creates = 0;
  let acknowledgedCreates = 0;
  const tag = Date.now().toString(36);
  const load: Record<string, AcOptions['requests']> = {
    'read one user': [{ method: 'GET', path: '/api/users/1', setupRequest: (r) => ({ ...r, path: `/api/users/${randomId()}` }) }],
    'list a page': [{ method: 'GET', path: '/api/users?limit=20', setupRequest: (r) => ({ ...r, path: `/api/users?limit=20&offset=${Math.floor(Math.random() * 180)}&sort=${Math.random() < 0.5 ? 'name' : '-createdAt'}` }) }],
    create: [{
      method: 'POST',
      path: '/api/users',
      headers: { 'content-type': 'application/json' },
      setupRequest: (r) => ({ ...r, body: JSON.stringify({ name: `Load ${++creates}`, email: `load${creates}.${tag}@bench.test` }) }),
      onResponse: (status) => {
        if (status === 201) acknowledgedCreates++;
      },
    }],
    update: [{
      method: 'PATCH',
      path: '/api/users/1',
      headers: { 'content-type': 'application/merge-patch+json' },
      setupRequest: (r) => ({ ...r, path: `/api/users/${randomId()}`, body: JSON.stringify({ age: Math.floor(Math.random() * 100) }) }),
    }],
  };
  const results = await Promise.all(Object.entries(load).map(async ([op, requests]) => {
    const r = await autocannon({ url, connections, duration: seconds, requests });
    return { op, rps: r.requests.average, p99: r.latency.p99, errors: r.non2xx + r.errors + r.timeouts, total: r.requests.total };
  }));
  return { ops: results, sentCreates: creates, acknowledgedCreates, tag };
}

function pad(s: string, n: number): string {
  return s.length >= n ? s : s + ' '.repeat(n - s.length);
}

async function main(): Promise<void> {
  const seconds = Number(option('seconds', '5'));
  const connections = Number(option('connections', '4'));
  const transports = option('transports', 'netpoll,node').split(',');
  console.log(`demo-crud on SQLite: ${SEEDED} users seeded, then ${seconds}s of mixed load, ${connections} connections per operation (${connections * 4} in all)`);
  let failed = false;
  for (const transport of transports) {
    const dir = mkdtempSync(path.join(tmpdir(), 'sloe-demo-bench-'));
    const app = await startApp(transport, path.join(dir, 'demo.db'));
    try {
      await seed(app.url);
      const { ops, sentCreates, acknowledgedCreates, tag } = await runMixed(app.url, seconds, connections);
      const rows = ((await (await fetch(`${app.url}/api/users?limit=1`)).json()) as { total: number }).total;
      const created = ((await (await fetch(`${app.url}/api/users?limit=1&q=.${tag}@`)).json()) as { total: number }).total;
      console.log(`\ntransport ${transport}`);
      console.log(`  ${pad('operation', 16)}${pad('req/s', 10)}${pad('p99 ms', 9)}errors`);
      for (const o of ops) console.log(`  ${pad(o.op, 16)}${pad(o.rps.toFixed(0), 10)}${pad(String(o.p99), 9)}${o.errors}`);
      const sum = ops.reduce((a, o) => a + o.rps, 0);
      const errors = ops.reduce((a, o) => a + o.errors, 0);
      console.log(`  ${pad('all', 16)}${pad(sum.toFixed(0), 10)}${pad('', 9)}${errors}`);
      // The load stops with up to `connections` creates in flight: stored, but never answered.
      const ok = rows === SEEDED + created && created >= acknowledgedCreates && created <= sentCreates;
      console.log(
        `  rows: ${rows} = ${SEEDED} seeded + ${created} created; acknowledged creates ${acknowledgedCreates} (all found: ${created >= acknowledgedCreates ? 'yes' : 'NO'}), ` +
          `${created - acknowledgedCreates} more were in flight when the load stopped (sent ${sentCreates}): ${ok ? 'ok' : 'MISMATCH'}`,
      );
      if (!ok || errors > 0) failed = true;
    } finally {
      app.child.kill('SIGTERM');
      await new Promise((r) => app.child.once('exit', r));
      rmSync(dir, { recursive: true, force: true });
    }
  }
  if (failed) {
    console.error('\nFAILED: errors or a row count mismatch');
    process.exitCode = 1;
  }
}

await main();
