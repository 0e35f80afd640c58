// Publishing each package on its own is a first-class use: pack every package under packages/,
// install the tarballs together into an empty project (from the npm cache `npm ci` filled), and
// use them there from ESM and from type-checked TypeScript.
import { expect } from 'chai';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const packagesDir = path.join(root, 'packages');
const packages = readdirSync(packagesDir).sort();
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';

interface PackEntry {
  filename: string;
  files: { path: string }[];
}

function run(cmd: string, args: string[], cwd: string): string {
  return execFileSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/** What a consumer writes first with each package; checked by tsc against the packed declarations. */
const consumer = `
import { Router, RouteError } from '@sloe/router';
import { Template, HTMLTemplate, sprintf } from '@sloe/template';
import { listen, dial, netpollTransport, nodeTransport } from '@sloe/poller';
import type { Handler, Conn } from '@sloe/poller';
import { Engine } from '@sloe/core';

const router = new Router<string>();
router.add('GET', '/users/:id', 'user');
const hit = router.find('GET', '/users/7');
const id: string | undefined = hit?.params['id'];
const routeErrorCode: string = new RouteError('ROUTE_DUPLICATE', 'x').code;

const page: string = new Template('t').parse('{{.}}').execute('x');
const safe: string = new HTMLTemplate('h').parse('<b>{{.}}</b>').execute('<x>');
const line: string = sprintf('%05.1f|%q', 3.14159, 'go');

const handler: Handler = { serveHTTP(w) { w.end('ok'); } };
async function net(): Promise<void> {
  const ln = await listen('tcp', '127.0.0.1:0');
  const c: Conn = await dial('tcp', ln.addr.toString());
  await c.write(new TextEncoder().encode('hi'));
  c.close();
  await ln.close();
}

const app = new Engine();
app.get('/hello/:name', (c) => { c.json(200, { hello: c.param('name') }); });
void [id, routeErrorCode, page, safe, line, handler, net, netpollTransport, nodeTransport, app];
`;

describe('packing every package and installing the tarballs into an empty project', function () {
  this.timeout(240_000);
  let work = '';
  let consumerDir = '';
  const packed = new Map<string, PackEntry>();

  before(function () {
    work = mkdtempSync(path.join(tmpdir(), 'sloe-pack-'));
    const tarballs = path.join(work, 'tarballs');
    consumerDir = path.join(work, 'consumer');
    for (const dir of [tarballs, consumerDir]) execFileSync('mkdir', ['-p', dir]);
    for (const name of packages) {
      const out = run(npm, ['pack', '--json', '--pack-destination', tarballs], path.join(packagesDir, name));
      const [entry] = JSON.parse(out) as PackEntry[];
      if (!entry) throw new Error(`npm pack of packages/${name} printed no entry`);
      packed.set(name, entry);
    }
    writeFileSync(
      path.join(consumerDir, 'package.json'),
      JSON.stringify({ name: 'consumer', version: '1.0.0', private: true, type: 'module' }, null, 2),
    );
    const files = [...packed.values()].map((e) => path.join(tarballs, e.filename));
    run(npm, ['install', '--prefer-offline', '--no-audit', '--no-fund', '--ignore-scripts', ...files], consumerDir);
  });

  after(() => {
    if (work) rmSync(work, { recursive: true, force: true });
  });

  for (const name of packages) {
    it(`@sloe/${name}: the tarball holds only dist, README, LICENSE and package.json`, () => {
      const entry = packed.get(name);
      expect(entry, `packed ${name}`).to.not.equal(undefined);
      const stray = entry!.files
        .map((f) => f.path)
        .filter((p) => !p.startsWith('dist/') && !['README.md', 'LICENSE', 'package.json'].includes(p));
      expect(stray).to.deep.equal([]);
      const names = entry!.files.map((f) => f.path);
      expect(names).to.include.members(['README.md', 'LICENSE', 'package.json', 'dist/index.js', 'dist/index.d.ts']);
    });

    it(`@sloe/${name}: its source maps carry their sources`, () => {
      const map = JSON.parse(
        readFileSync(path.join(consumerDir, 'node_modules', '@sloe', name, 'dist', 'index.js.map'), 'utf8'),
      ) as { sourcesContent?: unknown[] };
      expect(map.sourcesContent ?? []).to.have.length.greaterThan(0);
    });

    it(`@sloe/${name}: imports from ESM in the consumer project`, () => {
      const out = run(
        process.execPath,
        ['--input-type=module', '-e', `const m = await import('@sloe/${name}'); console.log(Object.keys(m).length);`],
        consumerDir,
      );
      expect(Number(out.trim())).to.be.greaterThan(0);
    });
  }

  it('a TypeScript consumer type-checks against the packed declarations', () => {
    writeFileSync(path.join(consumerDir, 'consumer.ts'), consumer);
    writeFileSync(
      path.join(consumerDir, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          target: 'ES2022',
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          strict: true,
          noEmit: true,
          skipLibCheck: false,
          typeRoots: [path.join(root, 'node_modules', '@types')],
          types: ['node'],
        },
        files: ['consumer.ts'],
      }),
    );
    const tsc = path.join(root, 'node_modules', 'typescript', 'bin', 'tsc');
    try {
      run(process.execPath, [tsc, '-p', 'tsconfig.json'], consumerDir);
    } catch (err) {
      const e = err as { stdout?: string; stderr?: string };
      throw new Error(`tsc failed in the consumer project:\n${e.stdout ?? ''}${e.stderr ?? ''}`, { cause: err });
    }
  });
});
