// `npm run bench http`: requests per second and p99 latency of @sloe/core (on the netpoll and
// node transports) next to Fastify, Hono (@hono/node-server), Express and bare node:http. Each
// server runs in its own child process pinned to one core, the load generator (wrk, else
// autocannon) on another; rounds are interleaved and medians reported. Three scenarios:
//
//   routes    GET / -> {"hello":"world"}; GET /users/:id -> a small object; POST /users with a
//             JSON body validated (name: non-empty string, email: an email address) -> 201 with
//             the user. Request logging off everywhere; each server's ratio to Fastify.
//   stack     GET / bare and behind the production middleware (request id and a silent logger,
//             CORS, security headers, ETag, compression with the body under its threshold; see
//             bench/http-stacks.ts), requested as a browser does (Origin, Accept-Encoding). The
//             header sets are compared first and printed; then each stack's ratio to its bare
//             route and sloe's stack against Hono's and Fastify's, as medians of per-round ratios.
//   compress  GET /big, about 100 KB of JSON, with Accept-Encoding br and gzip: sloe's compress()
//             against @fastify/compress (and Hono's compress(), which has no br).
//
//   npm run bench http -- [--scenario routes,stack,compress] [--rounds 3] [--seconds 3]
//                         [--connections 50] [--only sloe-netpoll,fastify]
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';
import { bigBody, HELLO, serveCompress, serveStack, type Framework } from './http-stacks.js';

const SERVERS = ['sloe-netpoll', 'sloe-node', 'fastify', 'hono', 'express', 'node-http'] as const satisfies readonly Framework[];
type ServerName = (typeof SERVERS)[number];

/** What a server process serves: the three plain routes, the hello route behind a middleware stack, or a large body behind compression. */
type Setup = 'bare' | 'stack' | 'compress';

interface Route {
  name: string;
  method: 'GET' | 'POST';
  path: string;
  headers?: Readonly<Record<string, string>>;
}

const ROUTES: readonly Route[] = [
  { name: 'GET /', method: 'GET', path: '/' },
  { name: 'GET /users/:id', method: 'GET', path: '/users/42' },
  { name: 'POST /users', method: 'POST', path: '/users' },
];

// What a browser sends with a fetch from another origin: the stack's middleware all have work.
const BROWSER = { origin: 'http://client.example', 'accept-encoding': 'gzip, deflate, br' } as const;

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

async function serve(name: ServerName, setup: Setup, port: number): Promise<void> {
  if (setup === 'stack') return serveStack(name, port);
  if (setup === 'compress') return serveCompress(name, port);
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

type ScenarioName = 'routes' | 'stack' | 'compress';
const SCENARIOS: readonly ScenarioName[] = ['routes', 'stack', 'compress'];

interface Options {
  scenarios: ScenarioName[];
  rounds: number;
  seconds: number;
  connections: number;
  only: ServerName[];
}

function parseArgs(argv: string[]): Options {
  const o: Options = { scenarios: [...SCENARIOS], rounds: 3, seconds: 3, connections: 50, only: [...SERVERS] };
  for (let i = 0; i < argv.length; i++) {
    const v = argv[i + 1] ?? '';
    switch (argv[i]) {
      case '--scenario':
        o.scenarios = v.split(',').filter((s): s is ScenarioName => (SCENARIOS as readonly string[]).includes(s));
        i++;
        break;
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

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

function request(port: number, method: string, p: string, options: { body?: string; headers?: Readonly<Record<string, string>> } = {}): Promise<Answer> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, method, path: p, headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (d: Buffer) => chunks.push(d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on('error', reject);
    req.end(options.body);
  });
}

async function waitUp(port: number, p: string): Promise<void> {
  for (let i = 0; i < 100; i++) {
    try {
      await request(port, 'GET', p);
      return;
    } catch {
      await new Promise((r) => setTimeout(r, 100));
    }
  }
  throw new Error(`server on port ${port} did not start`);
}

function sameJson(body: Buffer, expected: unknown): boolean {
  try {
    return JSON.stringify(JSON.parse(body.toString('utf8'))) === JSON.stringify(expected);
  } catch {
    return false;
  }
}

/** Every server must answer the three routes the same way before it is measured. */
async function verifyRoutes(name: string, port: number): Promise<void> {
  const checks = [
    { r: await request(port, 'GET', '/'), status: 200, body: HELLO },
    { r: await request(port, 'GET', '/users/42'), status: 200, body: userOf('42') },
    { r: await request(port, 'POST', '/users', { body: POST_BODY }), status: 201, body: { id: 1, name: 'Ann', email: 'ann@example.com' } },
    { r: await request(port, 'POST', '/users', { body: '{"name":"Ann","email":"nope"}' }), status: 400, body: undefined },
  ];
  for (const c of checks) {
    if (c.r.status !== c.status || (c.body !== undefined && !sameJson(c.r.body, c.body))) {
      throw new Error(`${name} answered ${c.r.status} ${c.r.body.toString()}, expected ${c.status} ${JSON.stringify(c.body)}`);
    }
  }
}

// The headers every stack must send on the hello route, and those none may send (the body is
// under the compression threshold; HSTS and a CSP are off, see bench/http-stacks.ts).
const STACK_HEADERS = [
  'content-type',
  'x-request-id',
  'access-control-allow-origin',
  'etag',
  'cross-origin-opener-policy',
  'cross-origin-resource-policy',
  'origin-agent-cluster',
  'referrer-policy',
  'x-content-type-options',
  'x-dns-prefetch-control',
  'x-download-options',
  'x-frame-options',
  'x-permitted-cross-domain-policies',
  'x-xss-protection',
];
const NOT_STACK_HEADERS = ['content-encoding', 'strict-transport-security', 'content-security-policy'];
// Per connection, not the stack's.
const TRANSPORT_HEADERS = new Set(['date', 'connection', 'keep-alive', 'content-length', 'transfer-encoding']);

/** The stacks' answers to the browser's hello request, header by header; throws when one lacks a required header or compressed, and when one misses its 304. */
async function verifyStacks(ports: Map<string, number>): Promise<void> {
  const answers = new Map<string, http.IncomingHttpHeaders>();
  for (const [key, port] of ports) {
    const r = await request(port, 'GET', '/', { headers: BROWSER });
    if (r.status !== 200 || !sameJson(r.body, HELLO)) throw new Error(`${key} answered ${r.status} ${r.body.toString()}`);
    if (!key.endsWith('+stack')) continue;
    answers.set(key, r.headers);
    const tag = r.headers.etag;
    const again = await request(port, 'GET', '/', { headers: { ...BROWSER, 'if-none-match': tag ?? '' } });
    if (again.status !== 304 || again.body.length !== 0) throw new Error(`${key} answered ${again.status} to If-None-Match: ${tag}, not 304`);
  }
  const names = new Set<string>();
  for (const h of answers.values()) for (const n of Object.keys(h)) if (!TRANSPORT_HEADERS.has(n)) names.add(n);
  const keys = [...answers.keys()];
  console.log('\nstack headers on GET / (Origin and Accept-Encoding sent; x = present, 304 to If-None-Match checked):');
  console.log(`  ${''.padEnd(34)}${keys.map((k) => k.replace('+stack', '').padStart(14)).join('')}`);
  for (const n of [...names].sort()) {
    const row = keys.map((k) => (answers.get(k)?.[n] === undefined ? '-' : 'x').padStart(14)).join('');
    const note = STACK_HEADERS.includes(n) ? '' : NOT_STACK_HEADERS.includes(n) ? '  (must be absent)' : '  (not compared)';
    console.log(`  ${n.padEnd(34)}${row}${note}`);
  }
  for (const [key, h] of answers) {
    const missing = STACK_HEADERS.filter((n) => h[n] === undefined);
    const extra = NOT_STACK_HEADERS.filter((n) => h[n] !== undefined);
    if (missing.length > 0 || extra.length > 0) throw new Error(`${key} is not the same stack: missing ${missing.join(', ') || 'none'}, unexpected ${extra.join(', ') || 'none'}`);
  }
  console.log('  every stack sends the compared headers and no Content-Encoding');
}

const BIG = bigBody();

/** Each compression server answers /big with the coding asked for, and the bytes decode to the body. */
async function verifyCompress(ports: Map<string, number>, routes: readonly Route[]): Promise<void> {
  console.log(`\ncompressed GET /big (${JSON.stringify(BIG).length} bytes of JSON):`);
  for (const route of routes) {
    const coding = route.headers?.['accept-encoding'] ?? '';
    for (const [key, port] of ports) {
      if (!servesRoute(key, route)) continue;
      const r = await request(port, 'GET', route.path, { headers: route.headers });
      const decoded = coding === 'br' ? zlib.brotliDecompressSync(r.body) : zlib.gunzipSync(r.body);
      if (r.status !== 200 || r.headers['content-encoding'] !== coding || !sameJson(decoded, BIG)) {
        throw new Error(`${key} answered ${r.status} with Content-Encoding ${r.headers['content-encoding']} to ${coding}`);
      }
      console.log(`  ${coding.padEnd(5)} ${key.replace('+compress', '').padEnd(14)} ${String(r.body.length).padStart(7)} bytes`);
    }
  }
}

// Hono's compress() offers gzip and deflate only.
function servesRoute(key: string, route: Route): boolean {
  return !(key.startsWith('hono') && route.headers?.['accept-encoding'] === 'br');
}

interface Sample {
  rps: number;
  p99ms: number;
  /** The server's CPU time (user and system) per request in µs; NaN where /proc is not readable. */
  cpuUs: number;
}

const CLOCK_TICKS = Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout) || 100;

// The CPU time a process has used, in µs (Linux /proc; NaN elsewhere). Unlike req/s, CPU per
// request hardly moves when other jobs share the machine: it is the figure to compare there.
function cpuTimeUs(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1e6) / CLOCK_TICKS;
  } catch {
    return NaN;
  }
}

function parseWrkLatency(s: string): number {
  const m = /^([\d.]+)(us|ms|s)$/.exec(s.trim());
  if (m === null) return NaN;
  const v = Number(m[1]);
  return m[2] === 'us' ? v / 1000 : m[2] === 's' ? v * 1000 : v;
}

function load(server: { port: number; pid: number }, route: Route, o: Options, luaPost: string): Sample {
  const url = `http://127.0.0.1:${server.port}${route.path}`;
  const cpuBefore = cpuTimeUs(server.pid);
  const headers = Object.entries(route.headers ?? {});
  if (hasWrk) {
    const args = ['-t1', `-c${o.connections}`, `-d${o.seconds}s`, '--latency'];
    if (route.method === 'POST') args.push('-s', luaPost);
    for (const [k, v] of headers) args.push('-H', `${k}: ${v}`);
    const [cmd, full] = pinned(1, 'wrk', [...args, url]);
    const out = spawnSync(cmd, full, { encoding: 'utf8' });
    const rps = /Requests\/sec:\s+([\d.]+)/.exec(out.stdout)?.[1];
    const p99 = /^\s+99%\s+(\S+)/m.exec(out.stdout)?.[1];
    const errors = /Non-2xx or 3xx responses: (\d+)/.exec(out.stdout)?.[1];
    if (errors !== undefined) throw new Error(`wrk saw ${errors} error responses on ${url}`);
    const requests = Number(/(\d+) requests in/.exec(out.stdout)?.[1]);
    return { rps: Number(rps), p99ms: p99 === undefined ? NaN : parseWrkLatency(p99), cpuUs: (cpuTimeUs(server.pid) - cpuBefore) / requests };
  }
  const ac = createRequire(import.meta.url).resolve('autocannon/autocannon.js');
  const args = [ac, '-j', '-c', String(o.connections), '-d', String(o.seconds), '-m', route.method];
  if (route.method === 'POST') args.push('-H', 'content-type=application/json', '-b', POST_BODY);
  for (const [k, v] of headers) args.push('-H', `${k}=${v}`);
  const [cmd, full] = pinned(1, process.execPath, [...args, url]);
  const out = spawnSync(cmd, full, { encoding: 'utf8' });
  const r = JSON.parse(out.stdout) as { requests: { average: number; total: number }; latency: { p99: number } };
  return { rps: r.requests.average, p99ms: r.latency.p99, cpuUs: (cpuTimeUs(server.pid) - cpuBefore) / r.requests.total };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** The samples of one scenario: route name → server key → one sample per round. */
class Samples {
  readonly #m = new Map<string, Sample[]>();

  add(route: string, server: string, s: Sample): void {
    const key = `${route}|${server}`;
    this.#m.set(key, [...(this.#m.get(key) ?? []), s]);
  }

  of(route: string, server: string): Sample[] {
    return this.#m.get(`${route}|${server}`) ?? [];
  }

  rps(route: string, server: string): number {
    return median(this.of(route, server).map((s) => s.rps));
  }

  /** The median over rounds of a's req/s over b's in the same round: machine noise between rounds cancels out. */
  ratio(route: string, a: string, b: string): number {
    const as = this.of(route, a);
    const bs = this.of(route, b);
    const rs = as.map((s, i) => s.rps / (bs[i]?.rps ?? NaN)).filter((r) => Number.isFinite(r));
    return rs.length === 0 ? NaN : median(rs);
  }

  /** The same by CPU time per request: b's µs over a's, the req/s ratio a CPU-bound server would show. */
  cpuRatio(route: string, a: string, b: string): number {
    const as = this.of(route, a);
    const bs = this.of(route, b);
    const rs = as.map((s, i) => (bs[i]?.cpuUs ?? NaN) / s.cpuUs).filter((r) => Number.isFinite(r));
    return rs.length === 0 ? NaN : median(rs);
  }

  table(route: Route, servers: readonly string[], base: string | undefined): void {
    const hasBase = base !== undefined && this.of(route.name, base).length > 0;
    console.log(`\n${route.name}`);
    console.log(`  ${'server'.padEnd(24)}${'req/s'.padStart(10)}${'p99 ms'.padStart(10)}${'CPU µs/req'.padStart(12)}${hasBase ? `x ${base}`.padStart(20) + 'by CPU'.padStart(8) : ''}`);
    for (const server of servers) {
      const ss = this.of(route.name, server);
      if (ss.length === 0) continue;
      const ratios = hasBase ? this.ratio(route.name, server, base).toFixed(2).padStart(20) + this.cpuRatio(route.name, server, base).toFixed(2).padStart(8) : '';
      const cpu = median(ss.map((s) => s.cpuUs));
      console.log(`  ${server.padEnd(24)}${this.rps(route.name, server).toFixed(0).padStart(10)}${median(ss.map((s) => s.p99ms)).toFixed(2).padStart(10)}${cpu.toFixed(1).padStart(12)}${ratios}`);
    }
  }
}

interface Scenario {
  /** The server processes, as `framework` or `framework+setup`. */
  servers: string[];
  routes: readonly Route[];
  /** The path a server answers once it is up. */
  probe: string;
  verify(ports: Map<string, number>): Promise<void>;
  report(samples: Samples): void;
}

const STACK_FRAMEWORKS: readonly ServerName[] = ['sloe-netpoll', 'sloe-node', 'hono', 'fastify'];
const COMPRESS_FRAMEWORKS: readonly ServerName[] = ['sloe-netpoll', 'sloe-node', 'fastify', 'hono'];

function verdict(ok: boolean): string {
  return ok ? 'met' : 'MISSED';
}

function scenarioOf(name: ScenarioName, only: readonly ServerName[]): Scenario {
  switch (name) {
    case 'routes':
      return {
        servers: [...only],
        routes: ROUTES,
        probe: '/',
        verify: async (ports) => {
          for (const [key, port] of ports) await verifyRoutes(key, port);
        },
        report: (samples) => {
          for (const route of ROUTES) samples.table(route, only, only.includes('fastify') ? 'fastify' : undefined);
          if (!only.includes('fastify')) return;
          console.log('\ntargets: sloe-netpoll >= 1.30x fastify, sloe-node >= 1.00x fastify, on every route');
          for (const route of ROUTES) {
            const np = samples.ratio(route.name, 'sloe-netpoll', 'fastify');
            const nd = samples.ratio(route.name, 'sloe-node', 'fastify');
            console.log(`  ${route.name.padEnd(16)} netpoll ${np.toFixed(2)}x ${verdict(np >= 1.3)}   node ${nd.toFixed(2)}x ${verdict(nd >= 1)}`);
          }
        },
      };
    case 'stack': {
      const frameworks = STACK_FRAMEWORKS.filter((f) => only.includes(f));
      const route: Route = { name: 'GET / (browser headers)', method: 'GET', path: '/', headers: BROWSER };
      return {
        // Each stack next to its bare route, so the pair is measured seconds apart.
        servers: frameworks.flatMap((f) => [f, `${f}+stack`]),
        routes: [route],
        probe: '/',
        verify: verifyStacks,
        report: (samples) => {
          samples.table(route, frameworks.flatMap((f) => [f, `${f}+stack`]), undefined);
          console.log('\nstack / bare, by req/s and by CPU per request (medians of per-round ratios; target for sloe: >= 0.85, at most 15% lost)');
          for (const f of frameworks) {
            const r = samples.ratio(route.name, `${f}+stack`, f);
            const cpu = samples.cpuRatio(route.name, `${f}+stack`, f);
            const mark = (x: number): string => (f.startsWith('sloe') ? ` ${verdict(x >= 0.85)}` : '');
            console.log(`  ${f.padEnd(14)} ${r.toFixed(2)}${mark(r).padEnd(8)} by CPU ${cpu.toFixed(2)}${mark(cpu)}`);
          }
          console.log('\nsloe stack / other stack, by req/s and by CPU per request (target: > 1.00)');
          for (const s of frameworks.filter((f) => f.startsWith('sloe'))) {
            for (const other of frameworks.filter((f) => !f.startsWith('sloe'))) {
              const r = samples.ratio(route.name, `${s}+stack`, `${other}+stack`);
              const cpu = samples.cpuRatio(route.name, `${s}+stack`, `${other}+stack`);
              console.log(`  ${`${s} / ${other}`.padEnd(24)} ${r.toFixed(2)} ${verdict(r > 1).padEnd(7)} by CPU ${cpu.toFixed(2)} ${verdict(cpu > 1)}`);
            }
          }
        },
      };
    }
    case 'compress': {
      const frameworks = COMPRESS_FRAMEWORKS.filter((f) => only.includes(f));
      const routes: Route[] = ['br', 'gzip'].map((coding) => ({ name: `GET /big (${coding})`, method: 'GET', path: '/big', headers: { 'accept-encoding': coding } }));
      const servers = frameworks.map((f) => `${f}+compress`);
      return {
        servers,
        routes,
        probe: '/big',
        verify: (ports) => verifyCompress(ports, routes),
        report: (samples) => {
          const base = frameworks.includes('fastify') ? 'fastify+compress' : undefined;
          for (const route of routes) samples.table(route, servers, base);
          if (base === undefined) return;
          console.log('\nsloe compress() / @fastify/compress, by req/s and by CPU per request (medians of per-round ratios)');
          for (const route of routes) {
            for (const s of frameworks.filter((f) => f.startsWith('sloe'))) {
              console.log(`  ${route.name.padEnd(16)} ${s.padEnd(14)} ${samples.ratio(route.name, `${s}+compress`, base).toFixed(2)}   by CPU ${samples.cpuRatio(route.name, `${s}+compress`, base).toFixed(2)}`);
            }
          }
        },
      };
    }
  }
}

async function runScenario(name: ScenarioName, o: Options, self: string, luaPost: string): Promise<void> {
  const scenario = scenarioOf(name, o.only);
  console.log(`\n== ${name} ==`);
  const children: ChildProcess[] = [];
  const ports = new Map<string, number>();
  const pids = new Map<string, number>();
  try {
    let port = 39100 + Math.floor(Math.random() * 500);
    for (const key of scenario.servers) {
      const [framework, setup = 'bare'] = key.split('+');
      const p = port++;
      const [cmd, args] = pinned(0, process.execPath, ['--import', 'tsx', self, '--serve', framework!, setup, String(p)]);
      const child = spawn(cmd, args, { stdio: ['ignore', 'inherit', 'inherit'] });
      children.push(child);
      await waitUp(p, scenario.probe);
      ports.set(key, p);
      // taskset execs the server, so the child's pid is the server's.
      pids.set(key, child.pid ?? NaN);
    }
    await scenario.verify(ports);
    const samples = new Samples();
    for (let round = 0; round < o.rounds; round++) {
      for (const route of scenario.routes) {
        const servers = scenario.servers.filter((s) => servesRoute(s, route));
        // Rotate the order each round so no server always runs first or last.
        const order = [...servers.slice(round % servers.length), ...servers.slice(0, round % servers.length)];
        for (const key of order) {
          const server = { port: ports.get(key)!, pid: pids.get(key)! };
          if (round === 0) load(server, route, { ...o, seconds: 1 }, luaPost);
          samples.add(route.name, key, load(server, route, o, luaPost));
        }
      }
    }
    scenario.report(samples);
  } finally {
    for (const c of children) c.kill();
  }
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
  for (const name of o.scenarios) await runScenario(name, o, self, luaPost);
}

if (process.argv[2] === '--serve') {
  await serve(process.argv[3] as ServerName, process.argv[4] as Setup, Number(process.argv[5]));
} else {
  await main();
}
