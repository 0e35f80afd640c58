// The typed client and its command line against the app on a real socket (node transport).
import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { runCli } from '../src/cli.js';
import { UserClient } from '../src/client.js';
import { ApiError } from '../src/errors.js';
import { startHarness, type Harness } from './support/harness.js';

/** A loopback port nothing listens on: one the system just gave out and took back. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function apiError(p: Promise<unknown>): Promise<ApiError> {
  try {
    await p;
  } catch (err) {
    if (err instanceof ApiError) return err;
    throw err;
  }
  throw new Error('expected an ApiError');
}

describe('UserClient', () => {
  let h: Harness;
  let client: UserClient;

  before(async () => {
    h = await startHarness('node');
    client = new UserClient(h.url!);
  });
  after(async () => {
    await h.close();
  });

  it('creates, gets, patches, replaces and deletes a user, carrying ETags', async () => {
    const made = await client.create({ name: 'Grace', email: ' Grace@Example.com ' });
    expect(made.user).to.include({ name: 'Grace', email: 'grace@example.com', version: 1 });
    expect(made.etag).to.equal(`"${made.user.id}.1"`);
    const got = await client.get(made.user.id);
    expect(got).to.deep.equal(made);
    const patched = await client.update(made.user.id, { age: 85 }, { ifMatch: got.etag });
    expect(patched.user).to.include({ name: 'Grace', age: 85, version: 2 });
    const replaced = await client.replace(made.user.id, { name: 'Grace Hopper', email: 'grace@example.com' });
    expect(replaced.user).to.include({ name: 'Grace Hopper', age: null, version: 3 });
    await client.delete(made.user.id, { ifMatch: replaced.etag });
    expect((await apiError(client.get(made.user.id))).status).to.equal(404);
  });

  it('throws ApiError with the status and the server\'s code', async () => {
    const cases: { name: string; call: () => Promise<unknown>; status: number; code: string }[] = [
      { name: 'unknown id', call: () => client.get(999999), status: 404, code: 'ERR_USER_NOT_FOUND' },
      { name: 'invalid body', call: () => client.create({ name: 'X', email: 'nope' }), status: 400, code: 'validation' },
      { name: 'stale If-Match', call: async () => {
        const u = await client.create({ name: 'Y', email: 'y@example.com' });
        await client.update(u.user.id, { age: 1 });
        return client.update(u.user.id, { age: 2 }, { ifMatch: u.etag });
      }, status: 412, code: 'ERR_CORE_PRECONDITION_FAILED' },
      { name: 'duplicate email', call: async () => {
        await client.create({ name: 'Z', email: 'z@example.com' });
        return client.create({ name: 'Z2', email: 'Z@example.com' });
      }, status: 409, code: 'ERR_EMAIL_TAKEN' },
    ];
    for (const c of cases) {
      const err = await apiError(c.call());
      expect([c.name, err.status, err.code]).to.deep.equal([c.name, c.status, c.code]);
    }
  });

  it('lists one page, and all() follows the next links through every match', async () => {
    for (const n of ['k1', 'k2', 'k3', 'k4', 'k5']) await client.create({ name: `${n} lister`, email: `${n}@lister.test` });
    const page = await client.list({ q: 'lister', limit: 2, sort: '-name' });
    expect(page.items.map((u) => u.name)).to.deep.equal(['k5 lister', 'k4 lister']);
    expect(page.total).to.equal(5);
    const names: string[] = [];
    for await (const u of client.all({ q: 'lister', limit: 2 })) names.push(u.name);
    expect(names).to.deep.equal(['k1 lister', 'k2 lister', 'k3 lister', 'k4 lister', 'k5 lister']);
  });
});

describe('the typed client underneath UserClient', () => {
  let h: Harness;

  before(async () => {
    h = await startHarness('node');
  });
  after(async () => {
    await h.close();
  });

  it('calls the routes typed from UsersApi: each answer a union by status, the body typed by its schema', async () => {
    const users = new UserClient(h.url!);
    const made = await users.create({ name: 'Barbara', email: 'barbara@example.com' });
    const res = await users.api.api.users[':id'].$get({ param: { id: made.user.id } });
    if (res.status !== 200) return expect.fail(`status ${res.status}`);
    const name: string = res.body.name;
    expect([name, res.headers.get('etag')]).to.deep.equal(['Barbara', made.etag]);
    const missing = await users.api.api.users[':id'].$get({ param: { id: 999999 } });
    if (missing.status !== 404) return expect.fail(`status ${missing.status}`);
    expect(missing.body.error).to.equal('ERR_USER_NOT_FOUND');
    // @ts-expect-error -- the route's param is named id
    const refused = () => users.api.api.users[':id'].$get({ param: { userId: 1 } });
    // @ts-expect-error -- the list's limit is an integer
    const badLimit = () => users.list({ limit: 'ten' });
    expect([typeof refused, typeof badLimit]).to.deep.equal(['function', 'function']);
  });
});

describe('client command line', () => {
  let h: Harness;

  before(async () => {
    h = await startHarness('node');
  });
  after(async () => {
    await h.close();
  });

  async function run(...args: string[]): Promise<{ code: number; out: unknown }> {
    const lines: string[] = [];
    const code = await runCli(['--url', h.url!, ...args], {}, (l) => lines.push(l));
    const text = lines.join('\n');
    try {
      return { code, out: JSON.parse(text) as unknown };
    } catch {
      return { code, out: text };
    }
  }

  it('creates, updates (age= removes the age), gets, lists and deletes', async () => {
    const created = await run('create', 'name=Ken Thompson', 'email=KEN@bell-labs.test', 'age=81');
    expect(created.code).to.equal(0);
    const id = (created.out as { id: number }).id;
    expect(created.out).to.include({ name: 'Ken Thompson', email: 'ken@bell-labs.test', age: 81 });
    expect((await run('update', String(id), 'age=', 'bio=Unix')).out).to.include({ age: null, bio: 'Unix', version: 2 });
    expect((await run('get', String(id))).out).to.include({ id, bio: 'Unix' });
    expect(((await run('list', 'q=bell-labs')).out as { total: number }).total).to.equal(1);
    expect((await run('delete', String(id))).code).to.equal(0);
    const gone = await run('get', String(id));
    expect(gone.code).to.equal(1);
    expect(gone.out).to.include({ error: 'ERR_USER_NOT_FOUND' });
  });

  const USAGE_CASES: { args: string[]; message: string }[] = [
    { args: [], message: 'no command' },
    { args: ['frobnicate'], message: 'unknown command "frobnicate"' },
    { args: ['get', 'x'], message: 'expected a user id, got "x"' },
    { args: ['create', 'name'], message: 'expected key=value, got "name"' },
  ];
  it('lists every sort value in its usage, descending ones included', async () => {
    const r = await run();
    const line = String(r.out).split('\n').find((l) => l.trim().startsWith('list'));
    expect(line).to.contain('sort=name|-name|email|-email|createdAt|-createdAt|updatedAt|-updatedAt]');
  });

  it('answers an unreachable server with one line and status 1, never a stack', async () => {
    const port = await closedPort();
    const lines: string[] = [];
    const code = await runCli(['--url', `http://127.0.0.1:${port}`, 'list'], {}, (l) => lines.push(`out: ${l}`), (l) => lines.push(`err: ${l}`));
    expect(code).to.equal(1);
    expect(lines).to.deep.equal([`err: sloe-users: cannot reach http://127.0.0.1:${port}: connect ECONNREFUSED 127.0.0.1:${port}`]);
  });

  it('runs as its own program: the sloe-users bin prints the one line on stderr and exits 1', async () => {
    const port = await closedPort();
    const bin = fileURLToPath(new URL('../src/client-main.ts', import.meta.url));
    const r = spawnSync(process.execPath, ['--import', 'tsx', bin, 'get', '1'], { env: { ...process.env, SLOE_URL: `http://127.0.0.1:${port}` }, encoding: 'utf8', timeout: 30_000 });
    expect(r.status).to.equal(1);
    expect(r.stdout).to.equal('');
    expect(r.stderr).to.equal(`sloe-users: cannot reach http://127.0.0.1:${port}: connect ECONNREFUSED 127.0.0.1:${port}\n`);
  });

  it('is declared as the package\'s bin, apart from the library module', () => {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { bin: Record<string, string>; main: string };
    expect(pkg.bin).to.deep.equal({ 'sloe-users': './dist/client-main.js' });
    expect(pkg.main).to.equal('./dist/index.js');
  });

  for (const c of USAGE_CASES) {
    it(`answers usage and status 2 for ${JSON.stringify(c.args.join(' '))}`, async () => {
      const r = await run(...c.args);
      expect(r.code).to.equal(2);
      expect(String(r.out).split('\n')[0]).to.equal(c.message);
    });
  }
});
