// `npm run bench router`: lookups per second of @sloe/router, find-my-way, @medley/router and
// memoirist on the GitHub API route set (test/data/routes/github.json), in four scenarios. Each
// lookup is followed by reading every param of the route by name, as a handler does
// (`c.param('owner')`), so that a router which defers work to the reads pays for it here.
// Each router runs in a fresh child process, several times; the parent prints the medians, the
// ratio to find-my-way and the heap each router holds with the route set registered.
//
//   node --import tsx bench/router.bench.ts [--runs 5] [--ms 400] [--only sloe,find-my-way]
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import FindMyWay from 'find-my-way';
import { Memoirist } from 'memoirist';
import { Router } from '../packages/router/src/index.js';

const DATA = fileURLToPath(new URL('../test/data/routes/', import.meta.url));
const ROUTERS = ['@sloe/router', 'find-my-way', '@medley/router', 'memoirist'] as const;
type RouterName = (typeof ROUTERS)[number];

interface Request {
  method: string;
  path: string;
}

/** A request of the benchmark: the names of its route's params, as each router spells them. */
interface Lookup {
  method: string;
  path: string;
  /** The names in @sloe/router's spelling (a catch-all by its name). */
  names: string[];
  /** The names for routers that know only a bare "*": the catch-all is "*". */
  bareNames: string[];
}

interface RecordedRequest extends Request {
  route: string;
  params: Record<string, string>;
}

const one = (path: string): Lookup[] => {
  const q = githubRequests().find((r) => r.method === 'GET' && r.path === path);
  if (q === undefined) throw new Error(`GET ${path} is not in github.requests.json`);
  return [q];
};

const SCENARIOS: { name: string; requests: () => Lookup[] }[] = [
  { name: 'round-robin (all GitHub requests)', requests: () => githubRequests() },
  { name: 'static GET /user/repos', requests: () => one('/user/repos') },
  { name: '1 param GET /users/defunkt/repos', requests: () => one('/users/defunkt/repos') },
  { name: '4 params GET /legacy/issues/search/octocat/linguist/open/crash', requests: () => one('/legacy/issues/search/octocat/linguist/open/crash') },
];

/**
 * A router reduced to what the benchmark needs: a lookup, then a read of each of `names` by name;
 * the total length of the values read, or -1 when nothing matched.
 */
type LookupAndRead = (method: string, path: string, names: readonly string[]) => number;

function githubRoutes(): Request[] {
  return (JSON.parse(readFileSync(DATA + 'github.json', 'utf8')) as { routes: Request[] }).routes;
}

function githubRequests(): Lookup[] {
  const { requests } = JSON.parse(readFileSync(DATA + 'github.requests.json', 'utf8')) as { requests: RecordedRequest[] };
  return requests.map((q) => {
    const names = Object.keys(q.params);
    const catchAll = /\*(\w+)$/.exec(q.route)?.[1];
    return { method: q.method, path: q.path, names, bareNames: names.map((n) => (n === catchAll ? '*' : n)) };
  });
}

// The catch-all syntax of the routers that only know a bare "*".
const bareCatchAll = (path: string): string => path.replace(/\*\w+$/, '*');

interface MedleyRouter {
  register(path: string): Record<string, unknown>;
  find(url: string): { store: Record<string, unknown>; params: Record<string, string> } | null;
}

// Reads each of `names` from a params object: the keyed loads a framework's `param(name)` makes.
function readObject(params: Record<string, string | undefined>, names: readonly string[]): number {
  let n = 0;
  for (let i = 0; i < names.length; i++) n += params[names[i]!]!.length;
  return n;
}

function build(name: RouterName, routes: Request[]): LookupAndRead {
  switch (name) {
    case '@sloe/router': {
      const r = new Router<string>();
      for (const { method, path } of routes) r.add(method, path, path);
      return (method, path, names) => {
        const m = r.find(method, path);
        if (m === null) return -1;
        let n = 0;
        for (let i = 0; i < names.length; i++) n += m.params.get(names[i]!)!.length;
        return n;
      };
    }
    case 'find-my-way': {
      const r = FindMyWay();
      for (const { method, path } of routes) r.on(method as 'GET', bareCatchAll(path), () => undefined, path);
      return (method, path, names) => {
        const m = r.find(method as 'GET', path);
        return m === null ? -1 : readObject(m.params, names);
      };
    }
    case '@medley/router': {
      const MedleyRouterClass = createRequire(import.meta.url)('@medley/router') as new () => MedleyRouter;
      const r = new MedleyRouterClass();
      for (const { method, path } of routes) r.register(bareCatchAll(path))[method] = path;
      return (method, path, names) => {
        const found = r.find(path);
        return found === null || found.store[method] === undefined ? -1 : readObject(found.params, names);
      };
    }
    case 'memoirist': {
      const r = new Memoirist<string>();
      for (const { method, path } of routes) r.add(method, bareCatchAll(path), path);
      return (method, path, names) => {
        const m = r.find(method, path);
        return m === null ? -1 : readObject(m.params, names);
      };
    }
  }
}

// Runs `requests` round-robin for about `ms` milliseconds of this process's CPU time; lookups per
// CPU second. CPU time rather than wall time: on a shared machine, time spent waiting for a core is
// not the router's.
function measure(lookup: LookupAndRead, requests: Lookup[], bare: boolean, ms: number): number {
  let misses = 0;
  let read = 0;
  const n = requests.length;
  const batch = 10000;
  let done = 0;
  let k = 0;
  const start = process.cpuUsage();
  let used = 0;
  while (used < ms * 1000) {
    for (let i = 0; i < batch; i++) {
      const q = requests[k]!;
      const got = lookup(q.method, q.path, bare ? q.bareNames : q.names);
      if (got < 0) misses++;
      else read += got;
      k = k + 1 === n ? 0 : k + 1;
    }
    done += batch;
    const d = process.cpuUsage(start);
    used = d.user + d.system;
  }
  if (misses > 0) throw new Error(`${misses} lookups missed`);
  // Every lookup read something, except on the static route: the reads were not optimised away.
  if (read === 0 && requests.some((q) => q.names.length > 0)) throw new Error('no param was read');
  return (done * 1e6) / used;
}

function heapUsed(): number {
  const gc = (globalThis as { gc?: () => void }).gc;
  gc?.();
  gc?.();
  return process.memoryUsage().heapUsed;
}

interface ChildResult {
  rates: number[];
  heap: number;
}

function child(name: RouterName, ms: number): void {
  const routes = githubRoutes();
  const before = heapUsed();
  const lookup = build(name, routes);
  const heap = heapUsed() - before;
  const scenarios = SCENARIOS.map((s) => s.requests());
  const bare = name !== '@sloe/router';
  // Warm-up over every scenario first, so that optimised code (and the background compilation
  // that the process's CPU time would count) is done before anything is measured.
  for (const requests of scenarios) measure(lookup, requests, bare, ms);
  const rates = scenarios.map((requests) => measure(lookup, requests, bare, ms));
  const result: ChildResult = { rates, heap };
  process.stdout.write(JSON.stringify(result));
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

function parent(runs: number, ms: number, only: RouterName[]): void {
  if (!existsSync(DATA + 'github.json')) {
    console.log(`skipped: ${DATA}github.json is missing`);
    return;
  }
  const self = fileURLToPath(import.meta.url);
  const results = new Map<RouterName, ChildResult[]>();
  // Interleaved, so a noisy moment of the machine is shared by every router.
  for (let run = 0; run < runs; run++) {
    for (const name of only) {
      const out = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', self, '--child', name, '--ms', String(ms)], { encoding: 'utf8' });
      if (out.status !== 0) throw new Error(`${name}: ${out.stderr}`);
      results.set(name, [...(results.get(name) ?? []), JSON.parse(out.stdout) as ChildResult]);
    }
  }
  const medians = new Map(only.map((name) => [name, SCENARIOS.map((_, i) => median(results.get(name)!.map((r) => r.rates[i]!)))]));
  const base = medians.get('find-my-way');
  console.log(`GitHub API routes (${githubRoutes().length}), median of ${runs} processes per router, ~${ms} ms of CPU time per scenario, Node ${process.version}\n`);
  for (const [i, s] of SCENARIOS.entries()) {
    console.log(s.name);
    for (const name of only) {
      const rate = medians.get(name)![i]!;
      const ratio = base === undefined ? '' : `  ${(rate / base[i]!).toFixed(2)}x find-my-way`;
      console.log(`  ${name.padEnd(16)} ${(rate / 1e6).toFixed(2).padStart(7)} M lookups/s (CPU, params read)${ratio}`);
    }
  }
  console.log('heap used with the route set registered');
  for (const name of only) {
    console.log(`  ${name.padEnd(16)} ${(median(results.get(name)!.map((r) => r.heap)) / 1024).toFixed(0).padStart(7)} KiB`);
  }
}

const argv = process.argv.slice(2);
const flag = (n: string): string | undefined => {
  const i = argv.indexOf(n);
  return i >= 0 ? argv[i + 1] : undefined;
};
const ms = Number(flag('--ms') ?? 400);
const childName = flag('--child');
if (childName !== undefined) {
  child(childName as RouterName, ms);
} else {
  const only = (flag('--only')?.split(',') ?? [...ROUTERS]) as RouterName[];
  parent(Number(flag('--runs') ?? 5), ms, only);
}
