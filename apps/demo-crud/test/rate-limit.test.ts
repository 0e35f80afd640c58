// The limit on writes: each client may write WRITE_RATE_LIMIT times a minute, API and forms
// together; reads are never counted; behind trusted proxies the client is the forwarded one; on
// PostgreSQL every instance counts in the database, so the limit holds across instances.
import { expect } from 'chai';
import pg from 'pg';
import request from 'supertest';
import { createApp } from '../src/app.js';
import { PostgresUserRepository } from '../src/store/postgres.js';
import { startHarness, type Harness, type Res } from './support/harness.js';
import { pendingBecause, runId } from './support/pending.js';
import { postgresKind } from './support/stores.js';

const JSON_TYPE = { 'content-type': 'application/json' };

/**
 * Waits, when the minute is about to turn, for the next one: the limit counts in fixed windows
 * starting at each whole minute, and a test's writes must fall in one.
 */
async function awayFromWindowEdge(): Promise<void> {
  const left = 60_000 - (Date.now() % 60_000);
  if (left < 10_000) await new Promise((resolve) => setTimeout(resolve, left + 50));
}

describe('the write rate limit', function () {
  this.timeout(30_000);
  let h: Harness;
  let n = 0;

  beforeEach(awayFromWindowEdge);

  afterEach(async () => {
    await h?.close();
  });

  function create(headers: Record<string, string> = {}): Promise<Res> {
    n++;
    return h.send({ method: 'POST', path: '/api/users', headers: { ...JSON_TYPE, ...headers }, body: JSON.stringify({ name: `Writer ${n}`, email: `writer${n}@limit.test` }) });
  }

  it('answers the write past the limit 429 with Retry-After and the RateLimit headers; reads go on', async () => {
    h = await startHarness('callback', { writeRateLimit: 3 });
    const statuses = [];
    for (let i = 0; i < 3; i++) statuses.push((await create()).status);
    expect(statuses).to.deep.equal([201, 201, 201]);
    const refused = await create();
    expect(refused.status).to.equal(429);
    expect(Number(refused.headers['retry-after'])).to.be.within(1, 60);
    expect(refused.headers['ratelimit-policy']).to.equal('"default";q=3;w=60');
    expect(refused.headers.ratelimit).to.match(/^"default";r=0;t=\d+$/);
    expect(await h.repo.count('limit.test')).to.equal(3);
    const read = await h.send({ method: 'GET', path: '/api/users?q=limit.test' });
    expect(read.status).to.equal(200);
    expect(read.headers.ratelimit, 'reads are not counted').to.equal(undefined);
  });

  it('counts the forms\' writes with the API\'s', async () => {
    h = await startHarness('callback', { writeRateLimit: 2 });
    expect((await create()).status).to.equal(201);
    expect((await create()).status).to.equal(201);
    const form = await h.send({ method: 'POST', path: '/users', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'name=Late&email=late%40limit.test' });
    expect(form.status).to.equal(429);
  });

  it('counts each forwarded client apart behind a trusted proxy, and no one behind an untrusted one', async () => {
    h = await startHarness('netpoll', { writeRateLimit: 1, trustedProxies: ['127.0.0.1'] });
    expect((await create({ 'x-forwarded-for': '192.0.2.1' })).status).to.equal(201);
    expect((await create({ 'x-forwarded-for': '192.0.2.2' })).status).to.equal(201);
    expect((await create({ 'x-forwarded-for': '192.0.2.1' })).status).to.equal(429);
    await h.close();
    h = await startHarness('netpoll', { writeRateLimit: 1 });
    expect((await create({ 'x-forwarded-for': '192.0.2.1' })).status).to.equal(201);
    expect((await create({ 'x-forwarded-for': '192.0.2.2' })).status, 'a forged X-Forwarded-For is no new client').to.equal(429);
  });
});

describe('the write rate limit on PostgreSQL, shared by instances', function () {
  this.timeout(30_000);
  const schema = `sloe_limit_${runId()}`;
  let repos: PostgresUserRepository[] = [];

  before(async function () {
    const missing = postgresKind.missing();
    if (missing !== null) pendingBecause(this, 'postgresql', missing);
    const open = (): Promise<PostgresUserRepository> => PostgresUserRepository.open({ connectionString: process.env.TEST_DATABASE_URL!, schema, synchronousCommit: false });
    repos = [await open(), await open()];
  });
  beforeEach(awayFromWindowEdge);
  after(async () => {
    for (const r of repos) await r.close();
    if (repos.length === 0) return;
    const client = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL! });
    await client.connect();
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`).finally(() => client.end());
  });

  it('counts a client\'s writes on one instance against its writes on the other', async () => {
    const [one, two] = repos.map((r) => createApp(r, { sessionSecret: 'shared', writeRateLimit: 2, pages: false }));
    const create = (app: typeof one, i: number) => request(app!.callback()).post('/api/users').send({ name: `Shared ${i}`, email: `shared${i}@limit.test` });
    expect((await create(one, 1)).status).to.equal(201);
    expect((await create(two, 2)).status).to.equal(201);
    expect((await request(one!.callback()).get('/api/users?q=limit.test')).status, 'reads are not counted').to.equal(200);
    const third = await create(two, 3);
    expect(third.status).to.equal(429);
    expect(third.headers['ratelimit']).to.match(/^"default";r=0;t=\d+$/);
    expect((await create(one, 4)).status).to.equal(429);
    expect(await repos[0]!.count('limit.test')).to.equal(2);
  });

  it('answers each window\'s count and the one before, and forgets older windows', async () => {
    const store = repos[0]!.rateLimitStore;
    const key = `k${runId()}`;
    expect(await store.increment(key, 60_000, 60_000)).to.deep.equal({ current: 1, previous: 0 });
    expect(await repos[1]!.rateLimitStore.increment(key, 60_000, 60_000)).to.deep.equal({ current: 2, previous: 0 });
    expect(await store.increment(key, 120_000, 60_000)).to.deep.equal({ current: 1, previous: 2 });
    expect(await store.increment(key, 240_000, 60_000), 'a window two back is not the previous one').to.deep.equal({ current: 1, previous: 0 });
    const client = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL! });
    await client.connect();
    try {
      const rows = await client.query<{ window_start: string }>(`SELECT window_start FROM "${schema}".rate_limit_hits WHERE key = $1 ORDER BY window_start`, [key]);
      expect(rows.rows.map((r) => Number(r.window_start)), 'windows before the previous one are swept').to.deep.equal([240_000]);
    } finally {
      await client.end();
    }
  });
});
