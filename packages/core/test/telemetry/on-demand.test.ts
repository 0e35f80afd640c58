// The packages behind optional features are loaded when a feature is asked for, never by
// importing @sloe/core or serving requests without it.
import { expect } from 'chai';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';

const run = promisify(execFile);

// A child process that imports @sloe/core, serves a request, then runs `then`, and prints the
// packages it loaded before and after: ESM loads seen by a resolve hook, CJS ones in require.cache.
const probe = (then: string): string => `
import { register, createRequire } from 'node:module';
import { MessageChannel } from 'node:worker_threads';
const { port1, port2 } = new MessageChannel();
const urls = new Set();
port1.on('message', (u) => urls.add(u));
port1.unref();
const hook = 'let port; export function initialize(d) { port = d.port; } export async function resolve(s, c, next) { const r = await next(s, c); port.postMessage(r.url); return r; }';
register('data:text/javascript,' + encodeURIComponent(hook), { data: { port: port2 }, transferList: [port2] });
const require = createRequire(import.meta.url);
const packages = () => {
  const all = [...urls, ...Object.keys(require.cache)].map((p) => /node_modules\\/((?:@[^/]+\\/)?[^/]+)/.exec(p)?.[1]).filter(Boolean);
  return [...new Set(all)].sort();
};
const core = await import('@sloe/core');
const app = new core.Engine();
app.get('/', (c) => c.json(200, { ok: true }));
await app.inject('/');
await new Promise((r) => setTimeout(r, 50));
const before = packages();
${then}
await new Promise((r) => setTimeout(r, 50));
console.log(JSON.stringify({ before, after: packages() }));
`;

async function loaded(then: string): Promise<{ before: string[]; after: string[] }> {
  const { stdout } = await run(process.execPath, ['--input-type=module', '-e', probe(then)], { cwd: process.cwd() });
  return JSON.parse(stdout.trim().split('\n').at(-1)!) as { before: string[]; after: string[] };
}

describe('optional features load their packages on demand', function () {
  this.timeout(20_000);
  const optional = ['prom-client', '@opentelemetry/api', 'jose', 'ws', 'fast-json-stringify'];

  it('importing @sloe/core and serving a request loads none of them', async () => {
    const { before } = await loaded('');
    expect(before).to.include('pino');
    for (const name of optional) expect(before, name).to.not.include(name);
  });

  it('metrics() loads prom-client (which loads @opentelemetry/api for its exemplars)', async () => {
    const { before, after } = await loaded('core.metrics({ registry: new (createRequire(import.meta.url)("prom-client").Registry)() });');
    expect(before).to.not.include('prom-client');
    expect(after).to.include('prom-client');
    for (const name of ['jose', 'ws', 'fast-json-stringify']) expect(after, name).to.not.include(name);
  });

  it('tracing() loads @opentelemetry/api, and only it', async () => {
    const { after } = await loaded('core.tracing();');
    expect(after).to.include('@opentelemetry/api');
    expect(after).to.not.include('prom-client');
  });
});
