// `npm run bench router-floor`: how far each router's param lookup is from the floor, a matcher
// written by hand for exactly the route it is asked for (no tree, no backtracking, the params
// object a literal with its keys in the source). The floor, @sloe/router and find-my-way run in
// one process on the GitHub API route set, in alternating slices of CPU time, and the parent
// prints the median CPU nanoseconds per lookup of each; every lookup is followed by reading each
// param by name, as in `npm run bench router`.
//
//   node --import tsx bench/router-floor.bench.ts [--rounds 15] [--lookups 500000]
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import FindMyWay from 'find-my-way';
import { Router } from '../packages/router/src/index.js';

const DATA = fileURLToPath(new URL('../test/data/routes/github.json', import.meta.url));

interface Route {
  method: string;
  path: string;
}

interface Scenario {
  name: string;
  path: string;
  /** The route's param names. */
  names: string[];
  /** The hand-written matcher: the route's params for `path`, or null. */
  floor: (path: string) => { value: string; params: Record<string, string>; pattern: string } | null;
}

// Whether `text` occurs in `path` at `i`, compared as the routers compare it: code unit by unit.
function hasAt(path: string, text: string, i: number): boolean {
  if (i + text.length > path.length) return false;
  for (let k = 0; k < text.length; k++) {
    if (path.charCodeAt(i + k) !== text.charCodeAt(k)) return false;
  }
  return true;
}

// The end of the segment that starts at `i`.
function segmentEnd(path: string, i: number): number {
  const end = path.indexOf('/', i);
  return end === -1 ? path.length : end;
}

const SCENARIOS: Scenario[] = [
  {
    name: '1 param GET /users/defunkt/repos',
    path: '/users/defunkt/repos',
    names: ['user'],
    floor: (path) => {
      if (!hasAt(path, '/users/', 0)) return null;
      const end = segmentEnd(path, 7);
      if (end === 7 || !hasAt(path, '/repos', end) || end + 6 !== path.length) return null;
      return { value: '/users/:user/repos', params: { user: path.slice(7, end) }, pattern: '/users/:user/repos' };
    },
  },
  {
    name: '4 params GET /legacy/issues/search/octocat/linguist/open/crash',
    path: '/legacy/issues/search/octocat/linguist/open/crash',
    names: ['owner', 'repository', 'state', 'keyword'],
    floor: (path) => {
      if (!hasAt(path, '/legacy/issues/search/', 0)) return null;
      const a = segmentEnd(path, 22);
      const b = segmentEnd(path, a + 1);
      const c = segmentEnd(path, b + 1);
      const d = segmentEnd(path, c + 1);
      if (d !== path.length || a === 22 || b === a + 1 || c === b + 1 || d === c + 1) return null;
      const pattern = '/legacy/issues/search/:owner/:repository/:state/:keyword';
      const params = { owner: path.slice(22, a), repository: path.slice(a + 1, b), state: path.slice(b + 1, c), keyword: path.slice(c + 1, d) };
      return { value: pattern, params, pattern };
    },
  },
];

/** A lookup of `path` and a read of each of `names`: the total length read, or -1 on a miss. */
type Lookup = (path: string, names: readonly string[]) => number;

// Reads each of `names` from a params object by name.
function readObject(params: Record<string, string | undefined>, names: readonly string[]): number {
  let n = 0;
  for (let i = 0; i < names.length; i++) n += params[names[i]!]!.length;
  return n;
}

// CPU nanoseconds per lookup (and reads) over `n` lookups of `path`.
function slice(lookup: Lookup, path: string, names: readonly string[], n: number): number {
  const start = process.cpuUsage();
  for (let i = 0; i < n; i++) {
    if (lookup(path, names) < 0) throw new Error(`no match for ${path}`);
  }
  const d = process.cpuUsage(start);
  return ((d.user + d.system) * 1000) / n;
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

function main(rounds: number, lookups: number): void {
  if (!existsSync(DATA)) {
    console.log(`skipped: ${DATA} is missing`);
    return;
  }
  const routes = (JSON.parse(readFileSync(DATA, 'utf8')) as { routes: Route[] }).routes;
  const sloe = new Router<string>();
  const fmw = FindMyWay();
  for (const { method, path } of routes) {
    sloe.add(method, path, path);
    fmw.on(method as 'GET', path.replace(/\*\w+$/, '*'), () => undefined, path);
  }
  console.log(`CPU ns per lookup, median of ${rounds} alternating slices of ${lookups} lookups, Node ${process.version}\n`);
  for (const s of SCENARIOS) {
    // The floor must answer what the routers answer, or the comparison means nothing.
    const m = sloe.find('GET', s.path);
    const expected = JSON.stringify(m === null ? null : { value: m.value, params: m.params.toObject(), pattern: m.pattern });
    if (JSON.stringify(s.floor(s.path)) !== expected || JSON.stringify(fmw.find('GET', s.path)?.params) !== JSON.stringify(m?.params.toObject())) {
      throw new Error(`${s.name}: the matchers disagree`);
    }
    const contenders: [string, Lookup][] = [
      [
        'hand-written floor',
        (p, names) => {
          const f = s.floor(p);
          return f === null ? -1 : readObject(f.params, names);
        },
      ],
      [
        '@sloe/router',
        (p, names) => {
          const f = sloe.find('GET', p);
          if (f === null) return -1;
          let n = 0;
          for (let i = 0; i < names.length; i++) n += f.params.get(names[i]!)!.length;
          return n;
        },
      ],
      [
        'find-my-way',
        (p, names) => {
          const f = fmw.find('GET', p);
          return f === null ? -1 : readObject(f.params, names);
        },
      ],
    ];
    for (const [, lookup] of contenders) slice(lookup, s.path, s.names, lookups);
    const times = new Map<string, number[]>(contenders.map(([name]) => [name, []]));
    for (let r = 0; r < rounds; r++) {
      for (const [name, lookup] of contenders) times.get(name)!.push(slice(lookup, s.path, s.names, lookups));
    }
    console.log(s.name);
    const fmwTime = median(times.get('find-my-way')!);
    for (const [name] of contenders) {
      const t = median(times.get(name)!);
      console.log(`  ${name.padEnd(20)} ${t.toFixed(0).padStart(5)} ns   ${(fmwTime / t).toFixed(2)}x find-my-way`);
    }
  }
}

const argv = process.argv.slice(2);
const flag = (n: string): string | undefined => {
  const i = argv.indexOf(n);
  return i >= 0 ? argv[i + 1] : undefined;
};
main(Number(flag('--rounds') ?? 15), Number(flag('--lookups') ?? 500000));
