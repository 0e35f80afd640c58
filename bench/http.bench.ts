// `npm run bench http`: requests per second and p99 latency of the same three routes served by
// @sloe/core (on the netpoll and node transports), Fastify, Hono (@hono/node-server), Express
// and bare node:http. Each server runs in its own child process pinned to one core, the load
// generator (wrk, else autocannon) on another; rounds are interleaved and medians reported,
// with the ratio of each to Fastify. Request logging is off everywhere.
//
//   node --import tsx bench/http.bench.ts [--rounds 3] [--seconds 3] [--connections 50] [--only sloe-netpoll,fastify]
//
// The routes: GET / -> {"hello":"world"}; GET /users/:id -> a small object; POST /users with a
// JSON body validated (name: non-empty string, email: an email address) -> 201 with the user.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const SERVERS = ['sloe-netpoll', 'sloe-node', 'fastify', 'hono', 'express', 'node-http'] as const;
type ServerName = (typeof SERVERS)[number];

const ROUTES = [
  { name: 'GET /', method: 'GET', path: '/' },
  { name: 'GET /users/:id', method: 'GET', path: '/users/42' },
  { name: 'POST /users', method: 'POST', path: '/users' },
] as const;

const POST_BODY = '{"name":"Ann","email":"ann@example.com"}';
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

const userSchema = {
  type: 'object',
  properties: { name: { type: 'string', minLength: 1 }, email: { type: 'string', format: 'email' } },
  required: ['name', 'email'],
  additionalProperties: false,
} as const;

function userOf(id: string): { id: string; name: string; active: boolean } {
  return { id, name: `user ${id}`, active: true };
}

/** A hand-written check of the POST body, for the servers without a schema validator. */
function validUser(v: unknown): v is { name: string; email: string } {
  if (typeof v !== 'object' || v === null) return false;
  const u = v as Record<string, unknown>;
  return Object.keys(u).length === 2 && typeof u['name'] === 'string' && u['name'].length > 0 && typeof u['email'] === 'string' && EMAIL.test(u['email']);
}

// ---- the servers (run in the child process) ----

async function serve(name: ServerName, port: number): Promise<void> {
  switch (name) {
    case 'sloe-netpoll':
    case 'sloe-node': {
      const { Engine } = await import('../packages/core/src/index.js');
      const app = new Engine();
      app.get('/', (c) => c.json(200, { hello: 'world' }));
      app.get('/users/:id', (c) => c.json(200, userOf(c.param('id'))));
      app.post('/users', { schema: { body: userSchema } }, (c) => c.json(201, { id: 1, ...(c.valid('body') as object) }));
      await app.listen({ port, host: '127.0.0.1', transport: name === 'sloe-netpoll' ? 'netpoll' : 'node' });
      return;
    }
    case 'fastify': {
      const { default: Fastify } = await import('fastify');
      const app = Fastify({ logger: false });
      app.get('/', async () => ({ hello: 'world' }));
      app.get<{ Params: { id: string } }>('/users/:id', async (req) => userOf(req.params.id));
      app.post('/users', { schema: { body: userSchema } }, async (req, reply) => {
        reply.code(201);
        return { id: 1, ...(req.body as object) };
      });
      await app.listen({ port, host: '127.0.0.1' });
      return;
    }
    case 'hono': {
      const { Hono } = await import('hono');
      const { serve: honoServe } = await import('@hono/node-server');
      const app = new Hono();
      app.get('/', (c) => c.json({ hello: 'world' }));
      app.get('/users/:id', (c) => c.json(userOf(c.req.param('id'))));
      app.post('/users', async (c) => {
        let body: unknown;
        try {
          body = await c.req.json();
        } catch {
          return c.json({ error: 'invalid JSON' }, 400);
        }
        if (!validUser(body)) return c.json({ error: 'validation' }, 400);
        return c.json({ id: 1, ...body }, 201);
      });
      honoServe({ fetch: app.fetch, port, hostname: '127.0.0.1' });
      return;
    }
    case 'express': {
      const { default: express } = await import('express');
      const app = express();
      app.disable('x-powered-by');
      app.disable('etag');
      app.use(express.json());
      app.get('/', (_req, res) => {
        res.json({ hello: 'world' });
      });
      app.get('/users/:id', (req, res) => {
        res.json(userOf(req.params['id'] ?? ''));
      });
      app.post('/users', (req, res) => {
        if (!validUser(req.body)) {
          res.status(400).json({ error: 'validation' });
          return;
        }
        res.status(201).json({ id: 1, ...req.body });
      });
      await new Promise<void>((resolve) => app.listen(port, '127.0.0.1', () => resolve()));
      return;
    }
    case 'node-http': {
      const server = http.createServer((req, res) => {
        const send = (status: number, obj: unknown): void => {
          const body = JSON.stringify(obj);
          res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(body) });
          res.end(body);
        };
        const url = req.url ?? '/';
        if (req.method === 'GET' && url === '/') return send(200, { hello: 'world' });
        if (req.method === 'GET' && url.startsWith('/users/')) return send(200, userOf(url.slice(7)));
        if (req.method === 'POST' && url === '/users') {
          const chunks: Buffer[] = [];
          req.on('data', (c: Buffer) => chunks.push(c));
          req.on('end', () => {
            let body: unknown;
            try {
              body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
            } catch {
              return send(400, { error: 'invalid JSON' });
            }
            if (!validUser(body)) return send(400, { error: 'validation' });
            send(201, { id: 1, ...body });
          });
          return;
        }
        send(404, { error: 'not found' });
      });
      await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', () => resolve()));
      return;
    }
  }
}

// ---- the parent: start servers, check them, load them, report ----

interface Options {
  rounds: number;
  seconds: number;
  connections: number;
  only: ServerName[];
}

function parseArgs(argv: string[]): Options {
  const o: Options = { rounds: 3, seconds: 3, connections: 50, only: [...SERVERS] };
  for (let i = 0; i < argv.length; i++) {
    const v = argv[i + 1] ?? '';
    switch (argv[i]) {
      case '--rounds':
        o.rounds = Number(v);
        i++;
        break;
      case '--seconds':
        o.seconds = Number(v);
        i++;
        break;
      case '--connections':
        o.connections = Number(v);
        i++;
        break;
      case '--only':
        o.only = v.split(',').filter((s): s is ServerName => (SERVERS as readonly string[]).includes(s));
        i++;
        break;
    }
  }
  return o;
}

const hasTaskset = spawnSync('taskset', ['-V']).status === 0;
const hasWrk = spawnSync('wrk', ['-v']).error === undefined;

function pinned(core: number, cmd: string, args: string[]): [string, string[]] {
  return hasTaskset ? ['taskset', ['-c', String(core), cmd, ...args]] : [cmd, args];
}

function request(port: number, method: string, p: string, body?: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method, path: p, headers: body === undefined ? {} : { 'content-type': 'application/json' }, agent: false }, (res) => {
      let data = '';
      res.on('data', (d: Buffer) => (data += d.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: data }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

async function waitUp(port: number): Promise<void> {
  for (let i = 0; i < 100; i++) {
    try {
      await request(port, 'GET', '/');
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new Error(`server on port ${port} did not start`);
}

/** Every server must answer the three routes the same way before it is measured. */
async function verify(name: ServerName, port: number): Promise<void> {
  const checks = [
    { r: await request(port, 'GET', '/'), status: 200, body: { hello: 'world' } },
    { r: await request(port, 'GET', '/users/42'), status: 200, body: userOf('42') },
    { r: await request(port, 'POST', '/users', POST_BODY), status: 201, body: { id: 1, name: 'Ann', email: 'ann@example.com' } },
    { r: await request(port, 'POST', '/users', '{"name":"Ann","email":"nope"}'), status: 400, body: undefined },
  ];
  for (const c of checks) {
    if (c.r.status !== c.status || (c.body !== undefined && JSON.stringify(JSON.parse(c.r.body)) !== JSON.stringify(c.body))) {
      throw new Error(`${name} answered ${c.r.status} ${c.r.body}, expected ${c.status} ${JSON.stringify(c.body)}`);
    }
  }
}

interface Sample {
  rps: number;
  p99ms: number;
}

function parseWrkLatency(s: string): number {
  const m = /^([\d.]+)(us|ms|s)$/.exec(s.trim());
  if (m === null) return NaN;
  const v = Number(m[1]);
  return m[2] === 'us' ? v / 1000 : m[2] === 's' ? v * 1000 : v;
}

function load(port: number, route: (typeof ROUTES)[number], o: Options, luaPost: string): Sample {
  const url = `http://127.0.0.1:${port}${route.path}`;
  if (hasWrk) {
    const args = ['-t1', `-c${o.connections}`, `-d${o.seconds}s`, '--latency'];
    if (route.method === 'POST') args.push('-s', luaPost);
    const [cmd, full] = pinned(1, 'wrk', [...args, url]);
    const out = spawnSync(cmd, full, { encoding: 'utf8' });
    const rps = /Requests\/sec:\s+([\d.]+)/.exec(out.stdout)?.[1];
    const p99 = /^\s+99%\s+(\S+)/m.exec(out.stdout)?.[1];
    const errors = /Non-2xx or 3xx responses: (\d+)/.exec(out.stdout)?.[1];
    if (errors !== undefined) throw new Error(`wrk saw ${errors} error responses on ${url}`);
    return { rps: Number(rps), p99ms: p99 === undefined ? NaN : parseWrkLatency(p99) };
  }
  const ac = createRequire(import.meta.url).resolve('autocannon/autocannon.js');
  const args = [ac, '-j', '-c', String(o.connections), '-d', String(o.seconds), '-m', route.method];
  if (route.method === 'POST') args.push('-H', 'content-type=application/json', '-b', POST_BODY);
  const [cmd, full] = pinned(1, process.execPath, [...args, url]);
  const out = spawnSync(cmd, full, { encoding: 'utf8' });
  const r = JSON.parse(out.stdout) as { requests: { average: number }; latency: { p99: number } };
  return { rps: r.requests.average, p99ms: r.latency.p99 };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

async function main(): Promise<void> {
  const o = parseArgs(process.argv.slice(2));
  const self = fileURLToPath(import.meta.url);
  const dir = mkdtempSync(path.join(tmpdir(), 'sloe-http-bench-'));
  const luaPost = path.join(dir, 'post.lua');
  writeFileSync(luaPost, `wrk.method = "POST"\nwrk.body = '${POST_BODY}'\nwrk.headers["Content-Type"] = "application/json"\n`);
  if (!existsSync(path.join(path.dirname(self), '../packages/poller/dist/index.js'))) {
    throw new Error('build the workspace first: npm run build');
  }
  console.log(`load: ${hasWrk ? 'wrk' : 'autocannon'}, ${o.connections} connections, ${o.seconds}s per run, ${o.rounds} interleaved rounds; ${hasTaskset ? 'server on core 0, load on core 1' : 'taskset missing: not pinned'}`);
  const children: ChildProcess[] = [];
  const ports = new Map<ServerName, number>();
  try {
    let port = 39100 + Math.floor(Math.random() * 500);
    for (const name of o.only) {
      const p = port++;
      const [cmd, args] = pinned(0, process.execPath, ['--import', 'tsx', self, '--serve', name, String(p)]);
      const child = spawn(cmd, args, { stdio: ['ignore', 'inherit', 'inherit'] });
      children.push(child);
      await waitUp(p);
      await verify(name, p);
      ports.set(name, p);
    }
    const samples = new Map<string, Sample[]>();
    for (let round = 0; round < o.rounds; round++) {
      for (const route of ROUTES) {
        // Rotate the order each round so no server always runs first or last.
        const order = [...o.only.slice(round % o.only.length), ...o.only.slice(0, round % o.only.length)];
        for (const name of order) {
          if (round === 0) load(ports.get(name)!, route, { ...o, seconds: 1 }, luaPost);
          const s = load(ports.get(name)!, route, o, luaPost);
          const key = `${route.name}|${name}`;
          samples.set(key, [...(samples.get(key) ?? []), s]);
        }
      }
    }
    for (const route of ROUTES) {
      console.log(`\n${route.name}`);
      console.log(`  ${'server'.padEnd(14)}${'req/s'.padStart(10)}${'p99 ms'.padStart(10)}${'x fastify'.padStart(11)}`);
      const fastify = median((samples.get(`${route.name}|fastify`) ?? []).map((s) => s.rps));
      for (const name of o.only) {
        const ss = samples.get(`${route.name}|${name}`) ?? [];
        const rps = median(ss.map((s) => s.rps));
        const p99 = median(ss.map((s) => s.p99ms));
        const ratio = Number.isNaN(fastify) || fastify === 0 ? '' : (rps / fastify).toFixed(2);
        console.log(`  ${name.padEnd(14)}${rps.toFixed(0).padStart(10)}${p99.toFixed(2).padStart(10)}${ratio.padStart(11)}`);
      }
    }
    if (o.only.includes('fastify')) {
      console.log('\ntargets: sloe-netpoll >= 1.30x fastify, sloe-node >= 1.00x fastify, on every route');
      for (const route of ROUTES) {
        const f = median((samples.get(`${route.name}|fastify`) ?? []).map((s) => s.rps));
        const np = median((samples.get(`${route.name}|sloe-netpoll`) ?? []).map((s) => s.rps)) / f;
        const nd = median((samples.get(`${route.name}|sloe-node`) ?? []).map((s) => s.rps)) / f;
        console.log(`  ${route.name.padEnd(16)} netpoll ${np.toFixed(2)}x ${np >= 1.3 ? 'met' : 'MISSED'}   node ${nd.toFixed(2)}x ${nd >= 1 ? 'met' : 'MISSED'}`);
      }
    }
  } finally {
    for (const c of children) c.kill();
  }
}

if (process.argv[2] === '--serve') {
  await serve(process.argv[3] as ServerName, Number(process.argv[4]));
} else {
  await main();
}
