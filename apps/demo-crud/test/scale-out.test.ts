// Scale-out as deployed: PostgreSQL, two instances of the app (one on each transport) on one
// database with one SESSION_SECRET, and nginx from the system in front of them on loopback, its
// config generated from docs/nginx.conf.template. Skipped only without TEST_DATABASE_URL (failing
// under CI=true); without nginx it fails, saying so.
import { expect } from 'chai';
import pg from 'pg';
import request from 'supertest';
import { startApp, stopApp, type AppProcess } from './support/app-process.js';
import { findNginx, startNginx, type Nginx } from './support/nginx.js';
import { pendingBecause, runId } from './support/pending.js';

const SECRET = 'the secret every instance behind the balancer shares';
const FORM = 'application/x-www-form-urlencoded';

interface UserJson {
  id: number;
  name: string;
  email: string;
  age: number | null;
  bio: string | null;
  createdAt: string;
  updatedAt: string;
  version: number;
}

/** The database URL with the schema of this run first on the search path. */
function withSchema(url: string, schema: string): string {
  const u = new URL(url);
  u.searchParams.set('options', `-c search_path=${schema}`);
  return u.toString();
}

/** The `name=value` of a Set-Cookie for `name` in a supertest response. */
function cookie(res: request.Response, name: string): string {
  const all = ([] as string[]).concat(res.headers['set-cookie'] ?? []);
  const line = all.find((l) => l.startsWith(`${name}=`));
  if (line === undefined) throw new Error(`no ${name} cookie in ${JSON.stringify(all)}`);
  return line.split(';')[0]!;
}

function csrfField(html: string): string {
  const m = /name="_csrf" value="([^"]+)"/.exec(html);
  if (m === null) throw new Error('no CSRF field on the page');
  return m[1]!;
}

function flashOf(html: string): string | null {
  return /<p class="flash flash-\w+" role="status">([^<]*)<\/p>/.exec(html)?.[1] ?? null;
}

describe('scale-out: two instances on one PostgreSQL database behind nginx', function () {
  this.timeout(180_000);
  let admin: pg.Pool | undefined;
  let schema = '';
  let a: AppProcess | undefined;
  let b: AppProcess | undefined;
  let nginx: Nginx | undefined;
  const lines = { a: [] as string[], b: [] as string[] };

  before(async function () {
    const url = process.env.TEST_DATABASE_URL;
    if (url === undefined || url === '') pendingBecause(this, 'postgresql', 'TEST_DATABASE_URL is not set');
    const binary = findNginx();
    if (binary === null) throw new Error('nginx is not installed (not on PATH nor in /usr/sbin): install it, e.g. apt-get install nginx, as .ci/run does');
    schema = `sloe_scale_${runId()}`;
    admin = new pg.Pool({ connectionString: url, max: 2 });
    await admin.query(`CREATE SCHEMA "${schema}"`);
    const env = {
      DATABASE_URL: withSchema(url, schema),
      SESSION_SECRET: SECRET,
      TRUSTED_PROXIES: '127.0.0.1',
      // The write load comes from one client; the limit has tests of its own.
      WRITE_RATE_LIMIT: 'off',
    };
    // Started together: the migrations are serialised by PostgreSQL's advisory lock.
    [a, b] = await Promise.all([startApp({ ...env, TRANSPORT: 'netpoll' }, lines.a), startApp({ ...env, TRANSPORT: 'node' }, lines.b)]);
    nginx = await startNginx(binary, [`127.0.0.1:${a.port}`, `127.0.0.1:${b.port}`]);
  });

  after(async () => {
    await nginx?.stop();
    if (a !== undefined) await stopApp(a.child);
    if (b !== undefined) await stopApp(b.child, 'SIGTERM');
    if (admin !== undefined) {
      await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
      await admin.end();
    }
  });

  it('reads, edits with If-Match and deletes through one instance a user created through the other', async () => {
    const created = await request(a!.url).post('/api/users').send({ name: 'Ada Lovelace', email: 'ada@scale.test', age: 36 }).expect(201);
    const user = created.body as UserJson;
    const etag = String(created.headers.etag);
    expect(etag).to.equal(`"${user.id}.1"`);

    const read = await request(b!.url).get(`/api/users/${user.id}`).expect(200);
    expect(read.body).to.deep.equal(user);
    expect(read.headers.etag).to.equal(etag);

    const edited = await request(b!.url).patch(`/api/users/${user.id}`).set('If-Match', etag).set('Content-Type', 'application/merge-patch+json').send('{"bio":"First programmer"}').expect(200);
    expect(edited.body).to.include({ bio: 'First programmer', version: 2 });
    const current = String(edited.headers.etag);
    expect(current).to.equal(`"${user.id}.2"`);
    // The first instance sees the edit: its old tag no longer matches, the new one does.
    await request(a!.url).patch(`/api/users/${user.id}`).set('If-Match', etag).set('Content-Type', 'application/merge-patch+json').send('{"age":1}').expect(412);
    await request(a!.url).get(`/api/users/${user.id}`).set('If-None-Match', current).expect(304);

    await request(b!.url).delete(`/api/users/${user.id}`).set('If-Match', etag).expect(412);
    await request(b!.url).delete(`/api/users/${user.id}`).set('If-Match', current).expect(204);
    await request(a!.url).get(`/api/users/${user.id}`).expect(404);
  });

  it('accepts on one instance a form served by the other: the CSRF token and the flash hold across instances', async () => {
    // What nginx forwards for a browser on its address: its Host, the browser's Origin.
    const site = `127.0.0.1:${nginx!.port}`;
    const browser = { Host: site, Origin: `http://${site}`, 'Sec-Fetch-Site': 'same-origin' };

    const form = await request(a!.url).get('/users/new').set(browser).expect(200);
    const csrf = cookie(form, 'csrf');
    const created = await request(b!.url).post('/users').set(browser).set('Cookie', csrf).type(FORM)
      .send(new URLSearchParams({ _csrf: csrfField(form.text), name: 'Grace Hopper', email: 'grace@scale.test', age: '85', bio: '' }).toString())
      .expect(303);
    const location = String(created.headers.location);
    expect(location).to.match(/^\/users\/\d+$/);
    let session = cookie(created, 'session');

    const shown = await request(a!.url).get(location).set(browser).set('Cookie', `${csrf}; ${session}`).expect(200);
    expect(flashOf(shown.text)).to.equal('Grace Hopper was created.');
    session = cookie(shown, 'session');
    const again = await request(b!.url).get(location).set(browser).set('Cookie', `${csrf}; ${session}`).expect(200);
    expect(flashOf(again.text), 'a flash shows once').to.equal(null);

    const edit = await request(b!.url).get(`${location}/edit`).set(browser).set('Cookie', csrf).expect(200);
    const saved = await request(a!.url).post(location).set(browser).set('Cookie', csrf).type(FORM)
      .send(new URLSearchParams({ _csrf: csrfField(edit.text), _method: 'PUT', version: '1', name: 'Grace Brewster Hopper', email: 'grace@scale.test', age: '85', bio: '' }).toString())
      .expect(303);
    const page = await request(b!.url).get(location).set(browser).set('Cookie', cookie(saved, 'session')).expect(200);
    expect(flashOf(page.text)).to.equal('Grace Brewster Hopper was saved.');

    // A forged token is refused.
    await request(b!.url).post('/users').set(browser).set('Cookie', 'csrf=forged.AAAA').type(FORM).send('_csrf=forged.AAAA&name=Eve&email=eve%40scale.test').expect(403);
  });

  it('serves forms through nginx, whichever instance answers each request', async () => {
    const agent = request.agent(nginx!.url);
    const origin = { Origin: nginx!.url, 'Sec-Fetch-Site': 'same-origin' };
    for (let i = 0; i < 4; i++) {
      const form = await agent.get('/users/new').set(origin).expect(200);
      const res = await agent.post('/users').set(origin).type(FORM)
        .send(new URLSearchParams({ _csrf: csrfField(form.text), name: `Through nginx ${i}`, email: `nginx${i}@scale.test`, age: '', bio: '' }).toString())
        .expect(303);
      const page = await agent.get(String(res.headers.location)).set(origin).expect(200);
      expect(flashOf(page.text)).to.equal(`Through nginx ${i} was created.`);
    }
    // nginx balanced the forms' requests over both instances.
    const served = nginx!.accessLog().split('\n').filter((l) => l.includes('"POST /users HTTP') || l.includes('"GET /users/new HTTP'));
    const upstreams = new Set(served.map((l) => /upstream=(\S+)/.exec(l)?.[1]));
    expect([...upstreams].sort()).to.deep.equal([`127.0.0.1:${a!.port}`, `127.0.0.1:${b!.port}`].sort());
  });

  it('keeps every acknowledged write when an instance is killed under write load, and nginx serves on through the survivor', async () => {
    const aAddress = `127.0.0.1:${a!.port}`;
    interface Outcome { what: string; started: number; ended: number; status: number }
    const outcomes: Outcome[] = [];
    /**
     * Per user: the state its last acknowledged write answered (null: deleted), and the write
     * after it whose answer was lost, if any (its writer then leaves the user alone).
     */
    const users = new Map<number, { acked: UserJson | null; lost: 'patch' | 'delete' | null }>();
    let killedAt = Number.POSITIVE_INFINITY;
    let stopAt = Number.POSITIVE_INFINITY;

    async function send(what: string, method: string, path: string, headers: Record<string, string>, body?: string): Promise<{ status: number; json: unknown; etag: string | null }> {
      const started = performance.now();
      let status: number;
      let json: unknown = null;
      let etag: string | null = null;
      try {
        const res = await fetch(`${nginx!.url}${path}`, { method, headers, body, signal: AbortSignal.timeout(20_000) });
        status = res.status;
        etag = res.headers.get('etag');
        const text = await res.text();
        json = /json/.test(res.headers.get('content-type') ?? '') && text !== '' ? JSON.parse(text) : null;
      } catch {
        // No answer (or not all of it): the write's fate is unknown, as for a 502.
        status = 0;
      }
      outcomes.push({ what, started, ended: performance.now(), status });
      return { status, json, etag };
    }

    async function writer(w: number): Promise<void> {
      for (let i = 0; performance.now() < stopAt; i++) {
        const made = await send('create', 'POST', '/api/users', { 'content-type': 'application/json' }, JSON.stringify({ name: `Writer ${w}.${i}`, email: `w${w}.${i}@load.test`, age: i % 150 }));
        if (made.status !== 201) continue;
        const user = made.json as UserJson;
        const entry: { acked: UserJson | null; lost: 'patch' | 'delete' | null } = { acked: user, lost: null };
        users.set(user.id, entry);
        let etag = made.etag!;
        for (let k = 1; k <= 2 && entry.lost === null; k++) {
          const patched = await send('patch', 'PATCH', `/api/users/${user.id}`, { 'content-type': 'application/merge-patch+json', 'if-match': etag }, JSON.stringify({ bio: `edit ${k}` }));
          if (patched.status === 200) {
            entry.acked = patched.json as UserJson;
            etag = patched.etag!;
          } else entry.lost = 'patch';
        }
        if (entry.lost !== null || i % 3 !== 0) continue;
        const deleted = await send('delete', 'DELETE', `/api/users/${user.id}`, { 'if-match': etag });
        if (deleted.status === 204) entry.acked = null;
        else entry.lost = 'delete';
      }
    }

    const load = Promise.all(Array.from({ length: 8 }, (_, w) => writer(w)));
    // Kill the first instance once it has acknowledged writes through nginx, mid-load.
    const deadline = performance.now() + 30_000;
    while (nginx!.accessLog().split('\n').filter((l) => l.includes('"POST /api/users HTTP') && l.includes(`upstream=${aAddress} `) && / 201 /.test(l)).length < 5) {
      if (performance.now() > deadline) throw new Error(`the first instance acknowledged no writes in 30 s:\n${nginx!.accessLog()}`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await new Promise((resolve) => setTimeout(resolve, 300));
    killedAt = performance.now();
    await stopApp(a!.child, 'SIGKILL');
    stopAt = performance.now() + 4000;
    await load;

    // The kill landed in the middle of the load: writes were in flight.
    expect(outcomes.filter((o) => o.started < killedAt && o.ended > killedAt).length, 'requests in flight at the kill').to.be.above(0);
    // nginx served on through the survivor: every request begun a second after the kill succeeded.
    const after = outcomes.filter((o) => o.started > killedAt + 1000);
    expect(after.length, 'requests after the kill').to.be.above(0);
    expect(after.filter((o) => o.status < 200 || o.status >= 300), 'failures after the kill').to.deep.equal([]);
    // Only a write the dead instance had received may fail, with nginx's 502 (it resends no POST or PATCH once sent).
    const failed = outcomes.filter((o) => o.status < 200 || o.status >= 300);
    expect(failed.filter((o) => o.status !== 502 || o.started > killedAt + 1000), 'failures other than a 502 for a write in flight').to.deep.equal([]);
    expect(outcomes.filter((o) => o.what === 'create' && o.status === 201 && o.started > killedAt).length, 'creates after the kill').to.be.above(0);
    // And once the load is over, one request after another, reads and writes alike.
    for (let i = 0; i < 6; i++) {
      const read = await fetch(`${nginx!.url}/api/users?limit=1`);
      expect(read.status, `read ${i} after the kill`).to.equal(200);
      await read.arrayBuffer();
      const made = await fetch(`${nginx!.url}/api/users`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ name: `After ${i}`, email: `after${i}@survivor.test` }) });
      expect(made.status, `create ${i} after the kill`).to.equal(201);
      await made.arrayBuffer();
    }

    // Every acknowledged write is in the database.
    const rows = new Map<number, UserJson>();
    for (const r of (await admin!.query<{ id: number; name: string; email: string; age: number | null; bio: string | null; created_at: Date; updated_at: Date; version: number }>(`SELECT id, name, email, age, bio, created_at, updated_at, version FROM "${schema}".users WHERE email LIKE '%@load.test'`)).rows) {
      rows.set(r.id, { id: r.id, name: r.name, email: r.email, age: r.age, bio: r.bio, createdAt: r.created_at.toISOString(), updatedAt: r.updated_at.toISOString(), version: r.version });
    }
    expect(users.size).to.be.above(20);
    for (const [id, { acked, lost }] of users) {
      const row = rows.get(id) ?? null;
      if (lost === null) expect(row, `user ${id}`).to.deep.equal(acked);
      // A patch whose answer was lost may have been made: the acknowledged one is there, or a later one.
      else if (lost === 'patch') expect(row?.version, `user ${id} after a lost patch`).to.be.at.least(acked!.version);
      // A delete whose answer was lost: the user is gone, or as acknowledged.
      else if (row !== null) expect(row, `user ${id} after a lost delete`).to.deep.equal(acked);
    }
  });
});
