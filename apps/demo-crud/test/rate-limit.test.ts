// The limit on writes: each client may write WRITE_RATE_LIMIT times a minute, API and forms
// together; reads are never counted; behind trusted proxies the client is the forwarded one.
import { expect } from 'chai';
import { startHarness, type Harness, type Res } from './support/harness.js';

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
