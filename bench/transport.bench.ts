// Hello-world throughput of the HTTP transports: bare node:http (the anchor), the node transport
// and the netpoll transport, loaded by wrk (autocannon when wrk is absent) over loopback with
// keep-alive and with 16-deep pipelining. Server and load generator are pinned to different
// cores with taskset when it exists; rounds are interleaved and medians reported.
//
// A fourth server, `node:net ceiling`, is a reference rather than a transport: a node:net server
// that parses nothing and answers every request head with the same bytes. It is what any
// transport written on node:net costs at the least, so it shows how much of node:http's time a
// JavaScript transport can win at all on the machine at hand.
//
//   npm run bench transport            ROUNDS=5 DURATION=5 CONNECTIONS=50 to change the run
//   SERVERS=netpoll MODES=keep-alive npm run bench transport   only those (and node:http)
//   PROFILE=netpoll npm run bench transport   writes a --cpu-prof of that server to ./profiles
import { spawn, spawnSync } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync, existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { createServer as createNetServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

type ServerKind = 'node:http' | 'node transport' | 'netpoll' | 'node:net ceiling';
type Mode = 'keep-alive' | 'pipelined';

interface Sample {
  rps: number;
  p99ms: number;
  /** Server CPU time (user + system) per request in microseconds; NaN where unmeasurable. */
  cpuUs: number;
}

const ALL_SERVERS: ServerKind[] = ['node:http', 'node transport', 'netpoll', 'node:net ceiling'];
const ALL_MODES: Mode[] = ['keep-alive', 'pipelined'];
// SERVERS=netpoll and MODES=keep-alive shorten a run (node:http, the anchor, always runs).
const SERVERS = ALL_SERVERS.filter((k) => k === 'node:http' || listed(process.env.SERVERS, k));
const MODES = ALL_MODES.filter((m) => listed(process.env.MODES, m));
const BODY = 'Hello, World!';
const self = fileURLToPath(import.meta.url);

// The ceiling: counts the ends of request heads (the blank line, found across chunk boundaries)
// and writes one fixed response for each. No parsing, no validation, no bodies: a measuring stick.
function serveCeiling(port: number): Promise<void> {
  const response = Buffer.from(`HTTP/1.1 200 OK\r\nContent-Length: ${BODY.length}\r\nDate: ${new Date().toUTCString()}\r\n\r\n${BODY}`, 'latin1');
  const server = createNetServer({ noDelay: true }, (socket) => {
    let tail = 0; // how many bytes of "\r\n\r\n" the previous chunk ended with
    socket.on('data', (chunk: Buffer) => {
      let heads = 0;
      for (let i = 0; i < chunk.length; i++) {
        const byte = chunk[i]!;
        tail = byte === (tail % 2 === 0 ? 13 : 10) ? tail + 1 : byte === 13 ? 1 : 0;
        if (tail === 4) {
          heads++;
          tail = 0;
        }
      }
      if (heads === 1) socket.write(response);
      else if (heads > 1) socket.write(Buffer.concat(new Array<Buffer>(heads).fill(response)));
    });
    socket.on('error', () => undefined);
  });
  return new Promise((resolve) => server.listen(port, '127.0.0.1', resolve));
}

// Server mode: `transport.bench.ts --serve <kind> <port>`.
async function serve(kind: ServerKind, port: number): Promise<void> {
  if (kind === 'node:net ceiling') {
    await serveCeiling(port);
  } else if (kind === 'node:http') {
    const server = createServer((_req, res) => {
      res.end(BODY);
    });
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  } else {
    const poller = await import('../packages/poller/src/index.js');
    const transport = kind === 'netpoll' ? poller.netpollTransport() : poller.nodeTransport();
    await transport.serve(
      {
        serveHTTP(w) {
          void w.end(BODY);
        },
      },
      { port, host: '127.0.0.1' },
    );
  }
  process.stdout.write('ready\n');
  process.on('SIGTERM', () => process.exit(0));
}

function listed(list: string | undefined, name: string): boolean {
  return list === undefined || list.split(',').some((x) => x.trim() === name || x.trim() === name.replace(' ', '-'));
}

function has(cmd: string): boolean {
  return spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;
}

const pin = has('taskset');
const useWrk = has('wrk');

function startServer(kind: ServerKind, port: number): Promise<ChildProcess> {
  const nodeArgs = ['--import', 'tsx'];
  if (process.env.PROFILE === kind.replace(' ', '-') || process.env.PROFILE === kind) {
    nodeArgs.push('--cpu-prof', `--cpu-prof-dir=${path.resolve('profiles')}`);
  }
  const args = [...nodeArgs, self, '--serve', kind, String(port)];
  const child = pin ? spawn('taskset', ['-c', '0', process.execPath, ...args]) : spawn(process.execPath, args);
  return new Promise((resolve, reject) => {
    child.stdout!.on('data', (d: Buffer) => {
      if (d.toString().includes('ready')) resolve(child);
    });
    child.stderr!.on('data', (d: Buffer) => process.stderr.write(d));
    child.once('exit', (code) => reject(new Error(`${kind} server exited with ${code}`)));
  });
}

function stopServer(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    child.removeAllListeners('exit');
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

const pipelineScript = (dir: string): string => {
  const file = path.join(dir, 'pipeline16.lua');
  writeFileSync(
    file,
    [
      'init = function(args)',
      '  local r = {}',
      '  for i = 1, 16 do r[i] = wrk.format(nil, "/") end',
      '  req = table.concat(r)',
      'end',
      'request = function() return req end',
      '',
    ].join('\n'),
  );
  return file;
};

function parseWrk(out: string): { rps: number; p99ms: number; requests: number } {
  const rps = /Requests\/sec:\s+([\d.]+)/.exec(out);
  const p99 = /\s99%\s+([\d.]+)(us|ms|s)/.exec(out);
  const total = /(\d+) requests in/.exec(out);
  if (rps === null || p99 === null || total === null) throw new Error(`cannot read wrk output:\n${out}`);
  const scale = p99[2] === 'us' ? 0.001 : p99[2] === 's' ? 1000 : 1;
  return { rps: Number(rps[1]), p99ms: Number(p99[1]) * scale, requests: Number(total[1]) };
}

// The CPU time a process has used, in microseconds (Linux /proc; NaN elsewhere). On a machine
// shared with other work, CPU per request is steadier than requests per second.
function cpuMicros(pid: number | undefined): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'latin1').split(') ')[1]!.split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1e6) / 100;
  } catch {
    return NaN;
  }
}

async function load(port: number, mode: Mode, seconds: number, connections: number, lua: string, pid?: number): Promise<Sample> {
  const cpu0 = cpuMicros(pid);
  if (useWrk) {
    const wrkArgs = ['-t1', `-c${connections}`, `-d${seconds}s`, '--latency'];
    if (mode === 'pipelined') wrkArgs.push('-s', lua);
    wrkArgs.push(`http://127.0.0.1:${port}/`);
    const r = pin ? spawnSync('taskset', ['-c', '1', 'wrk', ...wrkArgs]) : spawnSync('wrk', wrkArgs);
    const w = parseWrk(r.stdout.toString());
    return { rps: w.rps, p99ms: w.p99ms, cpuUs: (cpuMicros(pid) - cpu0) / w.requests };
  }
  // autocannon ships no types: describe the part used here.
  type Autocannon = (o: Record<string, unknown>) => Promise<{ requests: { average: number; total: number }; latency: { p99: number } }>;
  const moduleName = 'autocannon';
  const { default: autocannon } = (await import(moduleName)) as { default: Autocannon };
  const result = await autocannon({
    url: `http://127.0.0.1:${port}/`,
    connections,
    duration: seconds,
    pipelining: mode === 'pipelined' ? 16 : 1,
  });
  return { rps: result.requests.average, p99ms: result.latency.p99, cpuUs: (cpuMicros(pid) - cpu0) / result.requests.total };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

async function main(): Promise<void> {
  const rounds = Number(process.env.ROUNDS ?? 3);
  const seconds = Number(process.env.DURATION ?? 5);
  const connections = Number(process.env.CONNECTIONS ?? 50);
  const dir = mkdtempSync(path.join(tmpdir(), 'sloe-bench-'));
  const lua = pipelineScript(dir);
  console.log(
    `hello world, ${useWrk ? 'wrk' : 'autocannon'} -c${connections}, ${seconds}s x ${rounds} interleaved rounds, ` +
      (pin ? 'server on core 0, load on core 1' : 'not pinned (no taskset)'),
  );
  const ports: Record<ServerKind, number> = { 'node:http': 18301, 'node transport': 18302, netpoll: 18303, 'node:net ceiling': 18304 };
  const children = new Map<ServerKind, ChildProcess>();
  for (const kind of SERVERS) children.set(kind, await startServer(kind, ports[kind]));
  const samples = new Map<string, Sample[]>();
  try {
    for (const kind of SERVERS) for (const mode of MODES) await load(ports[kind], mode, 1, connections, lua);
    for (let round = 0; round < rounds; round++) {
      for (const mode of MODES) {
        for (const kind of SERVERS) {
          const s = await load(ports[kind], mode, seconds, connections, lua, children.get(kind)!.pid);
          const key = `${kind}|${mode}`;
          samples.set(key, [...(samples.get(key) ?? []), s]);
          console.log(
            `  round ${round + 1} ${mode.padEnd(10)} ${kind.padEnd(15)} ${s.rps.toFixed(0).padStart(8)} req/s  ` +
              `p99 ${s.p99ms.toFixed(2)} ms  cpu ${s.cpuUs.toFixed(1)} us/req`,
          );
        }
      }
    }
  } finally {
    for (const child of children.values()) await stopServer(child);
  }
  console.log('\nmedians:');
  console.log(
    `${'mode'.padEnd(11)}${'server'.padEnd(18)}${'req/s'.padStart(10)}${'p99 ms'.padStart(9)}${'x node:http'.padStart(13)}` +
      `${'per round'.padStart(11)}${'cpu us/req'.padStart(12)}${'x node:http'.padStart(13)}`,
  );
  for (const mode of MODES) {
    const base = samples.get(`node:http|${mode}`)!;
    const baseRps = median(base.map((s) => s.rps));
    const baseCpu = median(base.map((s) => s.cpuUs));
    for (const kind of SERVERS) {
      const ss = samples.get(`${kind}|${mode}`)!;
      const rps = median(ss.map((s) => s.rps));
      const p99 = median(ss.map((s) => s.p99ms));
      const cpu = median(ss.map((s) => s.cpuUs));
      // Rounds are interleaved, so each round's ratio compares servers under the same conditions.
      const perRound = median(ss.map((s, i) => s.rps / base[i]!.rps));
      console.log(
        `${mode.padEnd(11)}${kind.padEnd(18)}${rps.toFixed(0).padStart(10)}${p99.toFixed(2).padStart(9)}` +
          `${(rps / baseRps).toFixed(2).padStart(13)}${perRound.toFixed(2).padStart(11)}${cpu.toFixed(1).padStart(12)}${(baseCpu / cpu).toFixed(2).padStart(13)}`,
      );
    }
  }
  console.log("('per round' is the median of the rounds' own ratios; the last column is node:http's CPU per request over this server's)");
  if (existsSync('profiles')) console.log('\nprofiles written to ./profiles');
}

const at = process.argv.indexOf('--serve');
if (at >= 0) {
  await serve(process.argv[at + 1] as ServerKind, Number(process.argv[at + 2]));
} else {
  await main();
}
