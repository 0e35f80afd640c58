import { expect } from 'chai';
import { createRequire } from 'node:module';
import { CoreError, Engine } from '../src/index.js';
import { linearFormats } from '../src/validation/formats.js';

const require = createRequire(import.meta.url);
const { fullFormats } = require('ajv-formats/dist/formats') as { fullFormats: Record<string, unknown> };

const EMAIL = String.raw`^\s*[^\s@]+@[^\s@]+\.[^\s@]+\s*$`;
// JavaScript's RegExp needs about 10 s for the first and, for the second, longer than the age
// of the universe: a bound of 1 s still fails on it by orders of magnitude.
const BOUND_MS = 1000;

const post = (body: unknown) => ({ method: 'POST', url: '/', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

function appWith(field: object, options: { backtrackingPatterns?: boolean } = {}): Engine {
  const app = new Engine();
  app.post('/', { ...options, schema: { body: { type: 'object', properties: { v: field } } } }, (c) => c.string(200, 'ok'));
  return app;
}

async function status(app: Engine, v: unknown): Promise<number> {
  return (await app.inject(post({ v }))).status;
}

describe('schema patterns run in linear time', () => {
  const hostile: [string, object, string][] = [
    ['the quadratic email pattern on "a@" + 65,400 dots + "@"', { type: 'string', maxLength: 254, pattern: EMAIL }, `a@${'.'.repeat(65_400)}@`],
    ['the exponential (a+)+$ on 65,400 a and a !', { type: 'string', pattern: '(a+)+$' }, `${'a'.repeat(65_400)}!`],
  ];
  for (const [name, field, value] of hostile) {
    it(`answers ${name} with 400 within ${BOUND_MS} ms`, async () => {
      const app = appWith(field);
      const t0 = performance.now();
      const r = await app.inject(post({ name: 'x', v: value }));
      expect(performance.now() - t0).to.be.below(BOUND_MS);
      expect(r.status).to.equal(400);
    });
  }

  it('runs patternProperties on the same engine', async () => {
    const app = appWith({ type: 'object', patternProperties: { '^(a|aa)+$': { type: 'integer' } } });
    const t0 = performance.now();
    expect(await status(app, { [`${'a'.repeat(65_400)}!`]: 'x' })).to.equal(200);
    expect(performance.now() - t0).to.be.below(BOUND_MS);
    expect(await status(app, { aaa: 'x' })).to.equal(400);
  });

  // Each pattern and input as JavaScript's RegExp (with the u flag, as ajv uses) sees it.
  const table: [string, string][] = [
    [String.raw`^\s$`, '\u00a0'],
    [String.raw`^\s$`, '\ufeff'],
    [String.raw`^\s$`, '\u2028'],
    [String.raw`^\S$`, '\u00a0'],
    [String.raw`^[^\s@]+$`, 'a\u3000b'],
    [String.raw`^[\S]+$`, 'ab'],
    [String.raw`^[\s\d]+$`, '1\u00a02'],
    ['^.$', '\r'],
    ['^.$', '\n'],
    ['^.$', '\u2029'],
    ['^.$', '\u{1F600}'],
    ['^[^]$', '\n'],
    ['^a[]$', 'a'],
    [String.raw`^\u{1F600}$`, '\u{1F600}'],
    [String.raw`^\uD83D\uDE00$`, '\u{1F600}'],
    [String.raw`^\u00e9$`, 'é'],
    [String.raw`^[\b]$`, '\b'],
    [String.raw`a\bb`, 'ab'],
    [String.raw`^\cJ$`, '\n'],
    [String.raw`^\0$`, '\0'],
    [String.raw`^\d+$`, '٣'],
    [String.raw`^\w+$`, 'é'],
    [String.raw`^\p{L}+$`, 'éß'],
    [String.raw`^(?<year>\d{4})-$`, '2024-'],
    [String.raw`(?<=a)b`, 'ab'],
    [String.raw`(?<!a)b`, 'ab'],
    [String.raw`^[a\-z]+$`, '-'],
    ['^a{2,3}$', 'aaaa'],
    [String.raw`^\/x$`, '/x'],
    ['x$', 'x\n'],
  ];
  for (const [pattern, input] of table) {
    it(`matches ${JSON.stringify(input)} against /${pattern}/ as JavaScript does`, async () => {
      const want = new RegExp(pattern, 'u').test(input) ? 200 : 400;
      expect(await status(appWith({ type: 'string', pattern }), input)).to.equal(want);
    });
  }

  for (const pattern of ['^(?=a)a', '^(?!b)a', String.raw`^(a)\1$`, String.raw`^(?<x>a)\k<x>$`]) {
    it(`refuses /${pattern}/ at registration with ERR_CORE_UNSAFE_PATTERN unless the route opts out`, async () => {
      expect(() => appWith({ type: 'string', pattern })).to.throw(CoreError, /cannot run in linear time/).with.property('code', 'ERR_CORE_UNSAFE_PATTERN');
      const app = appWith({ type: 'string', pattern }, { backtrackingPatterns: true });
      const want = new RegExp(pattern, 'u').test('aa') ? 200 : 400;
      expect(await status(app, 'aa')).to.equal(want);
    });
  }

  it('lets the Engine opt every route out, and a route opt back in', () => {
    const app = new Engine({ backtrackingPatterns: true });
    const body = { type: 'object', properties: { v: { type: 'string', pattern: '^(?=a)' } } };
    app.post('/a', { schema: { body } }, (c) => c.string(200, 'ok'));
    expect(() => app.post('/b', { backtrackingPatterns: false, schema: { body } }, (c) => c.string(200, 'ok'))).to.throw(CoreError, /linear time/);
  });

  it('refuses a pattern JavaScript refuses with ERR_CORE_SCHEMA', () => {
    expect(() => appWith({ type: 'string', pattern: '(?i)a' })).to.throw(CoreError).with.property('code', 'ERR_CORE_SCHEMA');
  });

  it('still reports every failing field', async () => {
    const app = new Engine();
    const s = { type: 'string', maxLength: 10, pattern: '^[a-z]+$' };
    app.post('/', { schema: { body: { type: 'object', properties: { a: s, b: s } } } }, (c) => c.string(200, 'ok'));
    const r = await app.inject(post({ a: '1'.repeat(20), b: '2' }));
    expect(r.json()).to.have.property('details').that.deep.equals([
      { in: 'body', path: '/a', message: 'must NOT have more than 10 characters' },
      { in: 'body', path: '/a', message: 'must match pattern "^[a-z]+$"' },
      { in: 'body', path: '/b', message: 'must match pattern "^[a-z]+$"' },
    ]);
  });
});

describe('string formats run in linear time', () => {
  const samples = [
    '', 'P', 'PT', 'P1Y', 'PT1H', 'P1W', 'P1Y2M3DT4H5M6S', 'P1YT', 'PT1H1S', 'P1Y1W', 'PT1M2S', 'a@b.co', 'A@B.CO', 'a.b@c-d.e',
    '\u212a@b.co', 'ſ@b.co', 'x@\u017fb.co', 'a..b@c.d', 'a@b', 'example.com', 'example.com.', `${'a'.repeat(64)}.com`,
    `${'a'.repeat(60)}.`.repeat(5), `${'a'.repeat(61)}.`.repeat(4), '-a.com', 'a-.com', 'localhost', 'ex\u212aample.com',
    'http://example.com', 'http://10.0.0.1', 'http://127.0.0.1/x', 'http://11.0.0.1', 'http://169.254.1.1', 'http://169.253.1.1',
    'http://192.168.0.1:8080/', 'http://172.16.0.1', 'http://172.32.0.1', 'http://user:pw@10.1.1.1', 'http://user:pw@8.8.8.8',
    'https://été.fr/a b', 'https://été.fr/ab', 'ftp://x.y.zz', 'http://x', 'HTTP://EXAMPLE.COM', 'http://1.2.3.4', 'http://224.1.1.1',
    'http://a@b@c.com', 'http://ex\u212aample.com', '1.2.3.4', '256.1.1.1', '::1', '1::', '2001:db8::1', '::ffff:1.2.3.4',
    '123e4567-e89b-12d3-a456-426614174000', 'urn:uuid:123E4567-E89B-12D3-A456-426614174000', '/a~0b/c', '/a~2', '#/a/b', '#/%zz',
    '0#', '1/a', 'http://x/{a}', '{?x,y}', '{', '/a b', 'a:b', '//h/p?q#f', 'http://[::1]:80/', 'mailto:x@y', '[v1.x]',
  ];
  const octets = [0, 1, 9, 10, 11, 99, 100, 126, 127, 128, 160, 168, 169, 172, 191, 192, 193, 200, 223, 224, 254, 255, '01', '016'];
  for (const a of octets) for (const b of octets) samples.push(`http://${a}.${b}.1.1`, `http://u@${a}.${b}.0.254`);

  const ours = linearFormats();
  for (const [name, check] of Object.entries(ours)) {
    it(`${name} agrees with ajv-formats`, () => {
      const def = fullFormats[name] as RegExp;
      const wrong = samples.filter((s) => def.test(s) !== check(s));
      expect(wrong).to.deep.equal([]);
    });
  }

  it('email agrees with ajv-formats on 20,000 random near-addresses', () => {
    const def = fullFormats['email'] as RegExp;
    const check = ours['email']!;
    const odd = ['é', ' ', '@', '\ud800', '\u212a', 'ſ', '\n', '_', '!'];
    const local = ['a', 'Z', '0', '!', '~', '_', '.', '-'];
    const domain = ['a', 'b', '0', 'Z', 'a', '-', '.', '.'];
    // mulberry32 from a fixed seed, so a failure reproduces.
    let seed = 12345;
    const next = (n: number): number => {
      seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return Math.floor((((t ^ (t >>> 14)) >>> 0) / 4294967296) * n);
    };
    const pick = (tokens: string[]): string => (next(20) === 0 ? odd[next(odd.length)]! : tokens[next(tokens.length)]!);
    const run = (tokens: string[], max: number): string => {
      let s = '';
      for (let n = next(max); n > 0; n--) s += pick(tokens);
      return s;
    };
    const wrong: string[] = [];
    let valid = 0;
    for (let i = 0; i < 20_000; i++) {
      const s = run(local, 5) + (next(10) === 0 ? '' : '@') + run(domain, 9);
      const want = def.test(s);
      if (want) valid++;
      if (want !== check(s)) wrong.push(s);
    }
    expect(wrong).to.deep.equal([]);
    expect(valid, 'addresses ajv-formats accepts among them').to.be.above(500);
  });

  const hostile: [string, string][] = [
    ['url', `http://${':'.repeat(65_400)}/`],
    ['url', `http://a${':'.repeat(65_400)}/`],
    ['email', `${'a--'.repeat(21_800)}!`],
    ['hostname', `${'a-'.repeat(32_700)}!`],
    ['uri', `a:${'1'.repeat(65_400)}!`],
    ['uri-reference', `${'P-a'.repeat(21_800)} `],
    ['uri-template', `${'a?'.repeat(32_700)}.`],
    ['date-time', `2020-01-01T${'T'.repeat(65_400)}`],
    ['ipv6', `${'1:'.repeat(32_700)}!`],
  ];
  for (const [format, value] of hostile) {
    it(`answers format ${format} on a hostile 64 KiB string within ${BOUND_MS} ms`, async () => {
      const app = appWith({ type: 'string', format });
      const t0 = performance.now();
      await status(app, value);
      expect(performance.now() - t0).to.be.below(BOUND_MS);
    });
  }
});
