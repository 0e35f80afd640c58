// Publishing each package on its own is a first-class use. For every package under packages/:
// its package.json has what a registry page and a consumer need; publint and
// `attw --pack --profile esm-only` find nothing; and its tarball, installed into an empty project
// together with only the tarballs of its own @sloe dependencies (third-party dependencies come
// from the npm cache that `npm ci` filled: `--prefer-offline` asks the registry only for what the
// cache lacks), type-checks and runs a consumer program there.
import { expect } from 'chai';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const packagesDir = path.join(root, 'packages');
const packages = readdirSync(packagesDir)
  .filter((name) => existsSync(path.join(packagesDir, name, 'package.json')))
  .sort();
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const bin = (name: string): string => path.join(root, 'node_modules', '.bin', name);
const rootManifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as Manifest;

interface Manifest {
  name: string;
  version: string;
  private?: boolean;
  repository?: { type?: string; url?: string; directory?: string };
  homepage?: string;
  bugs?: { url?: string };
  keywords?: string[];
  sideEffects?: boolean;
  exports?: Record<string, Record<string, string> | string>;
  files?: string[];
  license?: string;
  engines?: { node?: string };
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
}

interface PackEntry {
  filename: string;
  files: { path: string }[];
}

function manifest(name: string): Manifest {
  return JSON.parse(readFileSync(path.join(packagesDir, name, 'package.json'), 'utf8')) as Manifest;
}

function run(cmd: string, args: string[], cwd: string): string {
  try {
    return execFileSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (err) {
    const e = err as { stdout?: string; stderr?: string };
    throw new Error(`${path.basename(cmd)} ${args.join(' ')} failed in ${cwd}:\n${e.stdout ?? ''}${e.stderr ?? ''}`, { cause: err });
  }
}

/**
 * The directory names of the @sloe packages `name` depends on, directly or through another, peer
 * dependencies included (`@sloe/client` reads `@sloe/core`'s types): a consumer installs them
 * beside it, and npm would otherwise look for them on the registry.
 */
function sloeDependencies(name: string, seen = new Set<string>()): Set<string> {
  const m = manifest(name);
  for (const dep of Object.keys({ ...m.dependencies, ...m.peerDependencies })) {
    if (!dep.startsWith('@sloe/')) continue;
    const dir = dep.slice('@sloe/'.length);
    if (seen.has(dir)) continue;
    seen.add(dir);
    sloeDependencies(dir, seen);
  }
  return seen;
}

/**
 * What a consumer writes first with each package, and what it prints. The program is
 * type-checked against the packed declarations, compiled, and run in the consumer project.
 */
const consumers: Readonly<Record<string, { program: string; prints: unknown }>> = {
  router: {
    program: `
import { Router, RouteError } from '@sloe/router';
const router = new Router<string>();
router.add('GET', '/users/:id', 'user');
const hit = router.find('GET', '/users/7');
let refused = false;
try {
  router.add('GET', '/users/:id', 'again');
} catch (err) {
  refused = err instanceof RouteError && typeof err.code === 'string';
}
console.log(JSON.stringify({ value: hit?.value, pattern: hit?.pattern, redirect: router.match('GET', '/users/7/').kind, refused }));
`,
    prints: { value: 'user', pattern: '/users/:id', redirect: 'redirect', refused: true },
  },
  template: {
    program: `
import { Template, HTMLTemplate, sprintf } from '@sloe/template';
const text: string = new Template('t').parse('Hello, {{.}}!').execute('world');
const html: string = new HTMLTemplate('h').parse('<b>{{.}}</b>').execute('<x>');
console.log(JSON.stringify({ text, html, fmt: sprintf('%05.1f|%q', 3.14159, 'go') }));
`,
    prints: { text: 'Hello, world!', html: '<b>&lt;x&gt;</b>', fmt: '003.1|"go"' },
  },
  poller: {
    program: `
import { listen, dial, netpollTransport, nodeTransport } from '@sloe/poller';
import type { Conn, Handler } from '@sloe/poller';
const handler: Handler = { async serveHTTP(w, r) { await w.end('hello ' + r.path); } };
const answers: string[] = [];
for (const transport of [netpollTransport(), nodeTransport()]) {
  const server = await transport.serve(handler, { host: '127.0.0.1', port: 0 });
  const res = await fetch('http://127.0.0.1:' + server.port + '/x');
  answers.push(res.status + ' ' + (await res.text()));
  await server.close();
}
const ln = await listen('tcp', '127.0.0.1:0');
const accepted = ln.accept();
const c: Conn = await dial('tcp', ln.addr.toString());
const s = await accepted;
await c.write(new TextEncoder().encode('ping'));
const got = await s.read();
c.close();
s.close();
await ln.close();
console.log(JSON.stringify({ answers, echoed: got === null ? null : new TextDecoder().decode(got) }));
`,
    prints: { answers: ['200 hello /x', '200 hello /x'], echoed: 'ping' },
  },
  core: {
    program: `
import { Engine } from '@sloe/core';
const app = new Engine();
app.get('/hello/:name', (c) => { c.json(200, { hello: c.param('name') }); });
const injected = await app.inject({ method: 'GET', url: '/hello/inject' });
const server = await app.listen({ host: '127.0.0.1', port: 0 });
const res = await fetch('http://127.0.0.1:' + server.port + '/hello/socket');
const overSocket: unknown = await res.json();
await server.close();
console.log(JSON.stringify({ injected: [injected.status, injected.json()], socket: [res.status, overSocket] }));
`,
    prints: { injected: [200, { hello: 'inject' }], socket: [200, { hello: 'socket' }] },
  },
  client: {
    program: `
import { Engine } from '@sloe/core';
import { client, ClientError } from '@sloe/client';
const Hello = { type: 'object', properties: { hello: { type: 'string' } }, required: ['hello'] } as const;
const app = new Engine();
const api = app.group('/api').get('/hello/:name', { schema: { response: { 200: Hello } } }, (c) => { c.json(200, { hello: c.param('name') }); });
const server = await app.listen({ host: '127.0.0.1', port: 0 });
const res = await client<typeof api>('http://127.0.0.1:' + server.port).api.hello[':name'].$get({ param: { name: 'socket' } });
await server.close();
const greeting: string = res.status === 200 ? res.body.hello : 'status ' + res.status;
const inMemory = await client<typeof api>('http://app.test', { fetch: (r) => app.fetch(r) }).api.hello[':name'].$get({ param: { name: 'memory' } });
let refused = '';
try {
  client<typeof api>('/relative');
} catch (err) {
  if (err instanceof ClientError) refused = err.code;
}
console.log(JSON.stringify({ greeting, inMemory: [inMemory.status, inMemory.body], refused }));
`,
    prints: { greeting: 'socket', inMemory: [200, { hello: 'memory' }], refused: 'ERR_CLIENT_BASE_URL' },
  },
};

/** For a package without an entry above: it imports, and exports something. */
function genericConsumer(name: string): { program: string; prints: unknown } {
  return {
    program: `
import * as m from '@sloe/${name}';
console.log(JSON.stringify({ exports: Object.keys(m).length > 0 }));
`,
    prints: { exports: true },
  };
}

const tsconfig = {
  compilerOptions: {
    target: 'ES2022',
    module: 'NodeNext',
    moduleResolution: 'NodeNext',
    strict: true,
    skipLibCheck: false,
    typeRoots: [path.join(root, 'node_modules', '@types')],
    types: ['node'],
  },
  files: ['consumer.ts'],
};

describe('publishing each package on its own', function () {
  this.timeout(300_000);
  let work = '';
  let tarballs = '';
  const packed = new Map<string, PackEntry>();

  before(function () {
    this.timeout(120_000);
    work = mkdtempSync(path.join(tmpdir(), 'sloe-pack-'));
    tarballs = path.join(work, 'tarballs');
    mkdirSync(tarballs);
    for (const name of packages) {
      const out = run(npm, ['pack', '--json', '--pack-destination', tarballs], path.join(packagesDir, name));
      const [entry] = JSON.parse(out) as PackEntry[];
      if (!entry) throw new Error(`npm pack of packages/${name} printed no entry`);
      packed.set(name, entry);
    }
  });

  after(() => {
    if (work) rmSync(work, { recursive: true, force: true });
  });

  for (const name of packages) {
    describe(`@sloe/${name}`, () => {
      const m = manifest(name);
      let consumerDir = '';

      it('has the metadata a registry and a consumer need', () => {
        expect(m.name).to.equal(`@sloe/${name}`);
        expect(m.private, 'private').to.not.equal(true);
        expect(m.license).to.equal('MIT');
        expect(m.repository).to.deep.equal({ ...rootManifest.repository, directory: `packages/${name}` });
        expect(m.homepage).to.match(/^https:\/\//);
        expect(m.bugs).to.deep.equal(rootManifest.bugs);
        expect(m.keywords ?? []).to.include('sloe').and.to.have.length.greaterThan(3);
        expect(m.sideEffects).to.equal(false);
        expect(m.engines?.node).to.equal(rootManifest.engines?.node);
        expect(m.files).to.include.members(['dist', 'CHANGELOG.md']);
        for (const [subpath, target] of Object.entries(m.exports ?? {})) {
          if (typeof target === 'string') continue;
          expect(Object.keys(target)[0], `exports["${subpath}"] names its types first`).to.equal('types');
        }
        expect(Object.keys(m.exports ?? {})).to.include('.');
        expect(readFileSync(path.join(packagesDir, name, 'CHANGELOG.md'), 'utf8')).to.contain(`## ${m.version}`);
      });

      it('passes publint', () => {
        run(bin('publint'), ['--strict'], path.join(packagesDir, name));
      });

      it('passes attw --pack --profile esm-only', () => {
        run(bin('attw'), ['--pack', '--profile', 'esm-only', '--format', 'ascii'], path.join(packagesDir, name));
      });

      it('packs only dist, README, LICENSE, CHANGELOG and package.json', () => {
        const entry = packed.get(name);
        expect(entry, `packed ${name}`).to.not.equal(undefined);
        const names = entry!.files.map((f) => f.path);
        const stray = names.filter((p) => !p.startsWith('dist/') && !['README.md', 'LICENSE', 'CHANGELOG.md', 'package.json'].includes(p));
        expect(stray).to.deep.equal([]);
        expect(names).to.include.members(['README.md', 'LICENSE', 'CHANGELOG.md', 'package.json', 'dist/index.js', 'dist/index.d.ts']);
      });

      describe('installed into an empty project with only the tarballs of its own @sloe dependencies', () => {
        before(function () {
          this.timeout(180_000);
          consumerDir = path.join(work, `consumer-${name}`);
          mkdirSync(consumerDir);
          writeFileSync(
            path.join(consumerDir, 'package.json'),
            JSON.stringify({ name: `consumer-${name}`, version: '1.0.0', private: true, type: 'module' }, null, 2),
          );
          const own = [name, ...sloeDependencies(name)].map((dir) => {
            const entry = packed.get(dir);
            if (entry === undefined) throw new Error(`@sloe/${name} depends on @sloe/${dir}, which is not a package of packages/`);
            return path.join(tarballs, entry.filename);
          });
          run(npm, ['install', '--prefer-offline', '--no-audit', '--no-fund', '--ignore-scripts', ...own], consumerDir);
        });

        it('holds no other @sloe package', () => {
          const installed = readdirSync(path.join(consumerDir, 'node_modules', '@sloe')).sort();
          expect(installed).to.deep.equal([name, ...sloeDependencies(name)].sort());
        });

        it('its source maps carry their sources', () => {
          const map = JSON.parse(
            readFileSync(path.join(consumerDir, 'node_modules', '@sloe', name, 'dist', 'index.js.map'), 'utf8'),
          ) as { sourcesContent?: unknown[] };
          expect(map.sourcesContent ?? []).to.have.length.greaterThan(0);
        });

        it('a TypeScript consumer type-checks against the packed declarations, compiles and runs', () => {
          const consumer = consumers[name] ?? genericConsumer(name);
          writeFileSync(path.join(consumerDir, 'consumer.ts'), consumer.program);
          writeFileSync(path.join(consumerDir, 'tsconfig.json'), JSON.stringify(tsconfig));
          run(process.execPath, [path.join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.json'], consumerDir);
          const out = run(process.execPath, ['consumer.js'], consumerDir);
          expect(JSON.parse(out.trim()) as unknown).to.deep.equal(consumer.prints);
        });
      });
    });
  }
});
