import { expect } from 'chai';
import FindMyWay from 'find-my-way';
import { Router } from '../src/index.js';
import { prng } from '../../../test/support/prng.js';

type Rand = () => number;
const pick = <T>(rand: Rand, xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;

const WORDS = ['a', 'b', 'ab', 'abc', 'b-c', 'user', 'users', 'u', 'x.y'];
// Percent sequences find-my-way keeps encoded while matching (reserved characters, and "%25"),
// malformed ones, and UTF-8 ones that decode to characters no static part contains.
const ESCAPES = ['%2F', '%2f', '%3A', '%40', '%25', '%2B', '%20', '%C3%A9', '%E2%82%AC', '%', '%z', '%G0', '%FF', '%E0%A4%A'];
const VALUES = ['1', 'a', 'ab', 'abc', 'users', 'x-y', 'x.y', 'é', '🙂', '', 'a+b', '@', "'"];

// A pattern in the syntax both routers share: static words, ":pN" params (named by position, so
// names never clash), "-"-separated param pairs and a final bare "*".
function randomPattern(rand: Rand): string {
  const depth = 1 + Math.floor(rand() * 4);
  let p = '';
  for (let i = 0; i < depth; i++) {
    const r = rand();
    if (r < 0.55) p += '/' + pick(rand, WORDS);
    else if (r < 0.85) p += `/:p${i}`;
    else if (r < 0.92) p += `/:p${i}-:q${i}`;
    else {
      p += '/*';
      break;
    }
  }
  return rand() < 0.15 && !p.endsWith('*') ? p + '/' : p;
}

function randomValue(rand: Rand): string {
  let v = '';
  const n = Math.floor(rand() * 3);
  for (let i = 0; i <= n; i++) v += rand() < 0.25 ? pick(rand, ESCAPES) : pick(rand, VALUES);
  return v;
}

// A path aimed at `pattern`: params filled with random values, sometimes mutated.
function pathFor(rand: Rand, pattern: string): string {
  let p = pattern.replace(/:[pq]\d+/g, () => randomValue(rand)).replace(/\*$/, () => (rand() < 0.5 ? randomValue(rand) : `${randomValue(rand)}/${randomValue(rand)}`));
  const r = rand();
  if (r < 0.1) p += '/';
  else if (r < 0.2) p = p.replace(/\/[^/]*$/, '');
  else if (r < 0.25) p += '/' + pick(rand, WORDS);
  else if (r < 0.3) p = p.toUpperCase();
  return p.startsWith('/') ? p : '/' + p;
}

function randomBytes(rand: Rand): string {
  let s = rand() < 0.8 ? '/' : '';
  const n = Math.floor(rand() * 24);
  for (let i = 0; i < n; i++) {
    const r = rand();
    s += r < 0.5 ? String.fromCharCode(32 + Math.floor(rand() * 95)) : r < 0.7 ? '/' : r < 0.85 ? pick(rand, ESCAPES) : String.fromCharCode(Math.floor(rand() * 0x10000));
  }
  return s;
}

interface Outcome {
  pattern: string;
  params: Record<string, string>;
}

// find-my-way reads "?" and "#" as the start of a query string; sloe is given paths without one.
const comparable = (path: string): boolean => !/[?#]/.test(path);

// sloe deliberately refuses an empty last param that find-my-way matches (see the README).
function isEmptyLastParam(fmw: Outcome | null, path: string): boolean {
  return fmw !== null && path.endsWith('/') && Object.entries(fmw.params).some(([k, v]) => k !== '*' && v === '');
}

describe('fuzz: @sloe/router against find-my-way', function () {
  this.timeout(30000);
  const SETS = 1500;
  const PATHS = 30;

  it(`agrees with find-my-way on ${SETS} random route sets, ${PATHS} paths each, except for named differences`, () => {
    const deadline = Date.now() + 20000;
    let compared = 0;
    let matched = 0;
    const disagreements: string[] = [];
    for (let seed = 1; seed <= SETS && Date.now() < deadline; seed++) {
      const rand = prng(seed);
      const sloe = new Router<string>();
      const fmw = FindMyWay();
      const patterns: string[] = [];
      for (let i = 0, n = 1 + Math.floor(rand() * 12); i < n; i++) {
        const pattern = randomPattern(rand);
        let accepted = true;
        try {
          sloe.add('GET', pattern, pattern);
        } catch {
          accepted = false;
        }
        let fmwAccepted = true;
        try {
          if (accepted) fmw.on('GET', pattern, () => undefined, pattern);
        } catch {
          fmwAccepted = false;
        }
        if (accepted && !fmwAccepted) disagreements.push(`seed ${seed}: find-my-way refuses ${pattern}, sloe accepts it`);
        if (accepted) patterns.push(pattern);
      }
      if (patterns.length === 0) continue;
      for (let k = 0; k < PATHS; k++) {
        const path = rand() < 0.8 ? pathFor(rand, pick(rand, patterns)) : randomBytes(rand);
        if (!comparable(path)) continue;
        const a = sloe.find('GET', path);
        const b = fmw.find('GET', path);
        const got: Outcome | null = a === null ? null : { pattern: a.pattern, params: a.params.toObject() };
        const want: Outcome | null = b === null ? null : { pattern: b.store as string, params: { ...b.params } as Record<string, string> };
        compared++;
        if (want !== null) matched++;
        if (JSON.stringify(got) === JSON.stringify(want) || isEmptyLastParam(want, path)) continue;
        if (got !== null && want !== null && got.pattern === want.pattern && sameEntries(got.params, want.params)) continue;
        disagreements.push(`seed ${seed}: GET ${JSON.stringify(path)} in [${patterns.join(' ')}]: sloe ${JSON.stringify(got)}, find-my-way ${JSON.stringify(want)}`);
      }
    }
    expect(disagreements.slice(0, 10)).to.deep.equal([]);
    expect(compared).to.be.greaterThan(10000);
    // Most paths are aimed at a route: a fuzz that only compared misses would prove little.
    expect(matched).to.be.greaterThan(compared / 4);
  });

  it('never throws on random paths, under every option', () => {
    const optionSets = [{}, { caseSensitive: false }, { ignoreTrailingSlash: true }, { redirectFixedPath: true }, { maxParamLength: 3 }];
    let lookups = 0;
    for (const [n, options] of optionSets.entries()) {
      const rand = prng(1000 + n);
      const r = new Router<string>(options);
      for (let i = 0; i < 40; i++) {
        const pattern = randomPattern(rand);
        try {
          r.add(pick(rand, ['GET', 'POST']), pattern, pattern);
        } catch {
          // refused patterns are covered elsewhere
        }
      }
      r.add('GET', '/re/:id(^\\d+$)', 're');
      for (let k = 0; k < 4000; k++) {
        const path = randomBytes(rand);
        const method = pick(rand, ['GET', 'POST', 'PUT', 'CONNECT']);
        expect(() => r.find(method, path), JSON.stringify(path)).to.not.throw();
        expect(() => r.match(method, path), JSON.stringify(path)).to.not.throw();
        lookups++;
      }
    }
    expect(lookups).to.equal(20000);
  });
});

function sameEntries(a: Record<string, string>, b: Record<string, string>): boolean {
  const ka = Object.keys(a).sort();
  const kb = Object.keys(b).sort();
  return ka.length === kb.length && ka.every((k, i) => k === kb[i] && a[k] === b[k]);
}
