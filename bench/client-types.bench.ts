// Type-checking cost of a typed client: `tsc --noEmit` wall time and peak memory on an app of the
// 203 routes of the GitHub API (test/data/routes/github.json) with one typed call on every route,
// for sloe (a chain of registrations, `client<typeof api>()` from @sloe/client) against Hono (a
// chained `new Hono()`, `hc<typeof app>()`), the same routes, the same JSON answer per route, the
// same use of each call's answer. Each app is also checked alone (no client), so that the cost of
// the client itself shows. The four projects are generated into a temporary directory and
// checked one after another, in a rotated order each round; medians are reported, with the
// ratios hc / sloe.
//
//   npm run bench client-types           ROUNDS=5 to change the run; KEEP=1 keeps the projects
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, symlinkSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROUNDS = Number(process.env.ROUNDS ?? 5);
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const tsc = path.join(root, 'node_modules', 'typescript', 'bin', 'tsc');

interface Route {
  method: string;
  path: string;
}

const routes = (JSON.parse(readFileSync(path.join(root, 'test/data/routes/github.json'), 'utf8')) as { routes: Route[] }).routes;

/** `client.a.b[':id']` for `/a/b/:id`: identifiers as properties, other segments in brackets. */
function access(pattern: string): string {
  return pattern
    .split('/')
    .slice(1)
    .map((s) => (/^[A-Za-z_$][\w$]*$/.test(s) ? `.${s}` : `[${JSON.stringify(s)}]`))
    .join('');
}

/** `{ param: { owner: 'x', repo: 'x' } }` for the params of a pattern, or nothing. */
function paramInput(pattern: string): string {
  const names = [...pattern.matchAll(/:(\w+)/g)].map((m) => m[1]!);
  return names.length === 0 ? '' : `{ param: { ${names.map((n) => `${n}: 'x'`).join(', ')} } }`;
}

function calls(body: (i: number) => string): string {
  const lines = routes.map((r, i) => `  const r${i} = await api${access(r.path)}.$${r.method.toLowerCase()}(${paramInput(r.path)});\n  if (r${i}.status === 200) use(${body(i)});`);
  return `export async function calls(): Promise<void> {\n${lines.join('\n')}\n}\n`;
}

const USE = 'function use(ok: boolean): void {\n  if (!ok) throw new Error("not ok");\n}\n';

/** The sloe app, and with `withClient` a typed call on every route. */
function sloeSource(withClient: boolean): string {
  const chain = routes.map((r) => `  .${r.method.toLowerCase()}(${JSON.stringify(r.path)}, { schema }, (c) => c.json(200, { ok: true }))`).join('\n');
  return [
    "import { Engine } from '@sloe/core';",
    withClient ? "import { client } from '@sloe/client';" : '',
    "const Ok = { type: 'object', properties: { ok: { type: 'boolean' } }, required: ['ok'] } as const;",
    'const schema = { response: { 200: Ok } };',
    `export const app = new Engine()\n${chain};`,
    withClient ? `const api = client<typeof app>('http://localhost:8080');\n${USE}${calls((i) => `r${i}.body.ok`)}` : '',
  ].join('\n');
}

/** The Hono app, and with `withClient` an `hc` call on every route. */
function honoSource(withClient: boolean): string {
  const chain = routes.map((r) => `  .${r.method.toLowerCase()}(${JSON.stringify(r.path)}, (c) => c.json({ ok: true }, 200))`).join('\n');
  return [
    "import { Hono } from 'hono';",
    withClient ? "import { hc } from 'hono/client';" : '',
    `export const app = new Hono()\n${chain};`,
    withClient ? `const api = hc<typeof app>('http://localhost:8080');\n${USE}${calls((i) => `(await r${i}.json()).ok`)}` : '',
  ].join('\n');
}

const tsconfig = {
  compilerOptions: {
    target: 'ES2022',
    lib: ['ES2023', 'DOM'],
    module: 'NodeNext',
    moduleResolution: 'NodeNext',
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    types: ['node'],
  },
  files: ['app.ts'],
};

interface Project {
  name: string;
  dir: string;
}

interface Sample {
  /** Wall time of the tsc process. */
  seconds: number;
  /** CPU time (user + system): what the checker did, whatever else the machine is running. */
  cpuSeconds: number;
  maxRssMiB: number;
  instantiations: number;
}

function makeProjects(work: string): Project[] {
  // One node_modules for all: the repository's, where @sloe/* link to the built packages.
  symlinkSync(path.join(root, 'node_modules'), path.join(work, 'node_modules'), 'dir');
  writeFileSync(path.join(work, 'package.json'), JSON.stringify({ name: 'client-types-bench', private: true, type: 'module' }));
  const sources: Record<string, string> = {
    'sloe app': sloeSource(false),
    'sloe app + client': sloeSource(true),
    'hono app': honoSource(false),
    'hono app + hc': honoSource(true),
  };
  return Object.entries(sources).map(([name, source]) => {
    const dir = path.join(work, name.replace(/[^a-z]+/g, '-'));
    mkdirSync(dir);
    writeFileSync(path.join(dir, 'app.ts'), source);
    writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify(tsconfig, null, 2));
    return { name, dir };
  });
}

// One `tsc --noEmit` under GNU time: wall and CPU time, peak resident memory, and tsc's count of
// type instantiations. A project that does not type-check fails the benchmark.
function check(p: Project): Sample {
  const timeFile = path.join(p.dir, 'time.txt');
  const start = process.hrtime.bigint();
  const r = spawnSync('/usr/bin/time', ['-f', '%U %S %M', '-o', timeFile, process.execPath, tsc, '-p', p.dir, '--extendedDiagnostics'], { encoding: 'utf8' });
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  if (r.status !== 0) throw new Error(`${p.name}: tsc failed\n${r.stdout}${r.stderr}`);
  const instantiations = Number(/Instantiations:\s+(\d+)/.exec(r.stdout)?.[1] ?? NaN);
  const [user, system, maxRssKiB] = readFileSync(timeFile, 'utf8').trim().split('\n').pop()!.split(' ').map(Number) as [number, number, number];
  return { seconds, cpuSeconds: user + system, maxRssMiB: maxRssKiB / 1024, instantiations };
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

function main(): void {
  if (spawnSync('/usr/bin/time', ['-f', '%M', 'true']).status !== 0) throw new Error('/usr/bin/time (GNU time) is needed for peak memory');
  const work = mkdtempSync(path.join(tmpdir(), 'sloe-client-types-'));
  try {
    const projects = makeProjects(work);
    const samples = new Map<string, Sample[]>(projects.map((p) => [p.name, []]));
    console.log(`tsc --noEmit on ${routes.length} routes, ${ROUNDS} rounds (projects in ${work})`);
    for (let round = 0; round < ROUNDS; round++) {
      const order = projects.map((_, i) => projects[(i + round) % projects.length]!);
      for (const p of order) {
        const s = check(p);
        samples.get(p.name)!.push(s);
        console.log(`  round ${round + 1}  ${p.name.padEnd(18)} ${s.seconds.toFixed(2)} s wall  ${s.cpuSeconds.toFixed(2)} s cpu  ${s.maxRssMiB.toFixed(0)} MiB`);
      }
    }
    const med = (name: string, k: 'seconds' | 'cpuSeconds' | 'maxRssMiB'): number => median(samples.get(name)!.map((s) => s[k]));
    console.log('\nmedians');
    console.log(`  ${'project'.padEnd(18)} ${'wall s'.padStart(8)} ${'cpu s'.padStart(8)} ${'peak MiB'.padStart(9)} ${'instantiations'.padStart(15)}`);
    for (const p of projects) {
      const cells = [med(p.name, 'seconds').toFixed(2).padStart(8), med(p.name, 'cpuSeconds').toFixed(2).padStart(8), med(p.name, 'maxRssMiB').toFixed(0).padStart(9)];
      console.log(`  ${p.name.padEnd(18)} ${cells.join(' ')} ${String(samples.get(p.name)![0]!.instantiations).padStart(15)}`);
    }
    // Ratios of the two projects measured in the same round, then their median.
    const ratio = (a: string, b: string, k: 'seconds' | 'cpuSeconds' | 'maxRssMiB'): number =>
      median(samples.get(a)!.map((s, i) => s[k] / samples.get(b)![i]![k]));
    // The client's own cost: a project with the calls minus the same app without them, per round.
    const own = (full: string, app: string, k: 'seconds' | 'cpuSeconds'): number[] => samples.get(full)!.map((s, i) => s[k] - samples.get(app)![i]![k]);
    const ownRatio = (k: 'seconds' | 'cpuSeconds'): number => {
      const hc = own('hono app + hc', 'hono app', k);
      return median(own('sloe app + client', 'sloe app', k).map((x, i) => hc[i]! / x));
    };
    console.log('\nhc / sloe (median of per-round ratios; above 1: sloe is faster or smaller)');
    console.log(`  app + client calls:  ${ratio('hono app + hc', 'sloe app + client', 'seconds').toFixed(2)}x wall  ${ratio('hono app + hc', 'sloe app + client', 'cpuSeconds').toFixed(2)}x cpu  ${ratio('hono app + hc', 'sloe app + client', 'maxRssMiB').toFixed(2)}x peak memory`);
    console.log(`  the client alone:    ${ownRatio('seconds').toFixed(2)}x wall  ${ownRatio('cpuSeconds').toFixed(2)}x cpu  (app + calls minus app: sloe ${median(own('sloe app + client', 'sloe app', 'cpuSeconds')).toFixed(2)} s cpu, hc ${median(own('hono app + hc', 'hono app', 'cpuSeconds')).toFixed(2)} s cpu)`);
    console.log(`  the app alone:       ${ratio('hono app', 'sloe app', 'seconds').toFixed(2)}x wall  ${ratio('hono app', 'sloe app', 'cpuSeconds').toFixed(2)}x cpu`);
  } finally {
    if (process.env.KEEP !== '1') rmSync(work, { recursive: true, force: true });
  }
}

main();
