// The JSON API, one table of cases run three ways: supertest over callback(), and over a real
// socket on the node and the netpoll transports. Expected values are written out by hand.
import { expect } from 'chai';
import { MODES, startHarness, transportMissing, type Harness, type Mode, type Req, type Res, type StoreChoice } from './support/harness.js';
import { postgresKind } from './support/stores.js';
import { pendingBecause } from './support/pending.js';

const JSON_TYPE = { 'content-type': 'application/json' };
const MERGE_PATCH = { 'content-type': 'application/merge-patch+json' };

interface Ctx {
  /** Ids of the users made by the case's setup, in order. */
  ids: number[];
  h: Harness;
  /** The tag added to this case's emails (`ada+c7@example.com`). */
  tag: string;
}

interface ApiCase {
  name: string;
  /** Users created through the store before the request; each email is made unique per mode. */
  users?: { name: string; email: string; age?: number | null; bio?: string | null }[];
  /** Updates applied to the first user before the request (to move its version on). */
  bumps?: number;
  req: (x: Ctx) => Req;
  check: (res: Res, x: Ctx) => void | Promise<void>;
}

function post(body: unknown, headers: Record<string, string> = JSON_TYPE): Req {
  return { method: 'POST', path: '/api/users', headers, body: typeof body === 'string' ? body : JSON.stringify(body) };
}

function issues(res: Res): [string, string][] {
  const b = res.json as { details: { in: string; path: string }[] };
  return b.details.map((d) => [d.in, d.path]);
}

function errorCode(res: Res): string {
  return (res.json as { error: string }).error;
}

const ADA = { name: 'Ada', email: 'ada@example.com' };

const CASES: ApiCase[] = [
  {
    name: 'POST creates a user: 201, Location, ETag, email trimmed and lower-cased',
    req: () => post({ name: ' Ada Lovelace ', email: '  Ada@Example.COM ', age: 36 }),
    check: (res) => {
      expect(res.status).to.equal(201);
      const u = res.json as { id: number; name: string; email: string; age: number; bio: null; version: number; createdAt: string };
      expect(res.headers.location).to.equal(`/api/users/${u.id}`);
      expect(res.headers.etag).to.equal(`"${u.id}.1"`);
      expect(u).to.include({ name: 'Ada Lovelace', email: 'ada@example.com', age: 36, bio: null, version: 1 });
      expect(u.createdAt).to.match(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    },
  },
  {
    name: 'POST with bad fields: 400 naming each of them',
    req: () => post({ name: '   ', email: 'not-an-email', age: -3, bio: 7 }),
    check: (res) => {
      expect(res.status).to.equal(400);
      expect(errorCode(res)).to.equal('validation');
      expect(issues(res).map((i) => i[1]).sort()).to.deep.equal(['/age', '/bio', '/email', '/name']);
    },
  },
  {
    name: 'POST with bad fields: the messages are the ones the forms show, never a raw pattern',
    req: () => post({ name: '', email: 'nope', age: 200, bio: 7, admin: true }),
    check: (res) => {
      expect(res.status).to.equal(400);
      const body = res.json as { message: string; details: { in: string; path: string; message: string }[] };
      expect(body.details).to.deep.equal([
        { in: 'body', path: '/admin', message: 'is not a field of a user' },
        { in: 'body', path: '/name', message: 'is required' },
        { in: 'body', path: '/email', message: 'must be an email address, like ada@example.com' },
        { in: 'body', path: '/age', message: 'must be a whole number from 0 to 150' },
        { in: 'body', path: '/bio', message: 'must be text' },
      ]);
      expect(body.message).to.equal('body/admin is not a field of a user');
    },
  },
  {
    name: 'POST with a body that is not an object: 400',
    req: () => post('[1,2]'),
    check: (res) => {
      expect(res.status).to.equal(400);
      expect((res.json as { details: unknown[] }).details).to.deep.equal([{ in: 'body', path: '', message: 'must be an object' }]);
    },
  },
  {
    name: 'POST without the required fields: 400 naming name and email',
    req: () => post({ age: 3 }),
    check: (res) => {
      expect(res.status).to.equal(400);
      expect(issues(res)).to.deep.equal([['body', '/name'], ['body', '/email']]);
    },
  },
  {
    name: 'POST with unparsable JSON: 400',
    req: () => post('{"name": "Ada",'),
    check: (res) => {
      expect(res.status).to.equal(400);
      expect(errorCode(res)).to.equal('ERR_CORE_INVALID_JSON');
    },
  },
  {
    name: 'POST as text/plain: 415',
    req: () => post(JSON.stringify(ADA), { 'content-type': 'text/plain' }),
    check: async (res, x) => {
      expect(res.status).to.equal(415);
      expect(errorCode(res)).to.equal('ERR_CORE_UNSUPPORTED_MEDIA_TYPE');
      expect(await x.h.repo.count(`+${x.tag}@`)).to.equal(0);
    },
  },
  {
    name: 'POST as a form: 415',
    req: () => post('name=Ada&email=ada%40example.com', { 'content-type': 'application/x-www-form-urlencoded' }),
    check: (res) => {
      expect(res.status).to.equal(415);
    },
  },
  {
    name: 'POST as a merge patch: 415 (merge patches are for PATCH)',
    req: () => post(ADA, MERGE_PATCH),
    check: (res) => {
      expect(res.status).to.equal(415);
    },
  },
  {
    name: 'POST over the body limit: 413',
    req: () => post({ name: 'Big', email: 'big@example.com', bio: 'x'.repeat(70_000) }),
    check: (res) => {
      expect(res.status).to.equal(413);
    },
  },
  {
    name: 'POST with an email taken in another case: 409',
    users: [ADA],
    req: () => post({ name: 'Other', email: ' ADA@EXAMPLE.com' }),
    check: (res) => {
      expect(res.status).to.equal(409);
      expect(errorCode(res)).to.equal('ERR_EMAIL_TAKEN');
    },
  },
  {
    name: 'GET one user: 200 with its ETag',
    users: [{ ...ADA, age: 36, bio: 'engine' }],
    req: (x) => ({ method: 'GET', path: `/api/users/${x.ids[0]}` }),
    check: (res, x) => {
      expect(res.status).to.equal(200);
      expect(res.headers.etag).to.equal(`"${x.ids[0]}.1"`);
      expect(res.json).to.include({ id: x.ids[0], name: 'Ada', email: 'ada@example.com', age: 36, bio: 'engine', version: 1 });
    },
  },
  {
    name: 'GET an unknown id: 404',
    req: () => ({ method: 'GET', path: '/api/users/987654' }),
    check: (res) => {
      expect(res.status).to.equal(404);
      expect(errorCode(res)).to.equal('ERR_USER_NOT_FOUND');
    },
  },
  {
    name: 'GET a malformed id: 400 naming the param',
    req: () => ({ method: 'GET', path: '/api/users/abc' }),
    check: (res) => {
      expect(res.status).to.equal(400);
      expect(issues(res)).to.deep.equal([['params', '/id']]);
    },
  },
  {
    name: 'GET with If-None-Match of the current ETag: 304 without a body',
    users: [ADA],
    req: (x) => ({ method: 'GET', path: `/api/users/${x.ids[0]}`, headers: { 'if-none-match': `"${x.ids[0]}.1"` } }),
    check: (res, x) => {
      expect(res.status).to.equal(304);
      expect(res.headers.etag).to.equal(`"${x.ids[0]}.1"`);
      expect(res.text).to.equal('');
    },
  },
  {
    name: 'GET with If-None-Match of an old ETag: 200',
    users: [ADA],
    bumps: 1,
    req: (x) => ({ method: 'GET', path: `/api/users/${x.ids[0]}`, headers: { 'if-none-match': `"${x.ids[0]}.1"` } }),
    check: (res, x) => {
      expect(res.status).to.equal(200);
      expect(res.headers.etag).to.equal(`"${x.ids[0]}.2"`);
    },
  },
  {
    name: 'PUT replaces every field; an omitted one becomes null',
    users: [{ ...ADA, age: 36, bio: 'engine' }],
    req: (x) => ({ method: 'PUT', path: `/api/users/${x.ids[0]}`, headers: JSON_TYPE, body: JSON.stringify({ name: 'Ada L.', email: 'ADA@example.com', age: 37 }) }),
    check: (res, x) => {
      expect(res.status).to.equal(200);
      expect(res.headers.etag).to.equal(`"${x.ids[0]}.2"`);
      expect(res.json).to.include({ name: 'Ada L.', email: 'ada@example.com', age: 37, bio: null, version: 2 });
    },
  },
  {
    name: 'PUT with If-Match of the current ETag: 200',
    users: [ADA],
    req: (x) => ({ method: 'PUT', path: `/api/users/${x.ids[0]}`, headers: { ...JSON_TYPE, 'if-match': `"${x.ids[0]}.1"` }, body: JSON.stringify({ ...ADA, age: 1 }) }),
    check: (res) => {
      expect(res.status).to.equal(200);
    },
  },
  {
    name: 'PUT with If-Match of an old ETag: 412, nothing changed',
    users: [ADA],
    bumps: 1,
    req: (x) => ({ method: 'PUT', path: `/api/users/${x.ids[0]}`, headers: { ...JSON_TYPE, 'if-match': `"${x.ids[0]}.1"` }, body: JSON.stringify({ name: 'Lost', email: ADA.email }) }),
    check: async (res, x) => {
      expect(res.status).to.equal(412);
      expect(errorCode(res)).to.equal('ERR_CORE_PRECONDITION_FAILED');
      const u = await x.h.repo.get(x.ids[0]!);
      expect(u?.name).to.equal('Ada');
      expect(u?.version).to.equal(2);
    },
  },
  {
    name: 'GET with a weak If-None-Match of the current ETag: 304 (If-None-Match compares weakly)',
    users: [ADA],
    req: (x) => ({ method: 'GET', path: `/api/users/${x.ids[0]}`, headers: { 'if-none-match': `"1.9", W/"${x.ids[0]}.1"` } }),
    check: (res, x) => {
      expect(res.status).to.equal(304);
      expect(res.headers.etag).to.equal(`"${x.ids[0]}.1"`);
    },
  },
  {
    name: 'PUT with If-Match: * on an existing user: 200',
    users: [ADA],
    bumps: 2,
    req: (x) => ({ method: 'PUT', path: `/api/users/${x.ids[0]}`, headers: { ...JSON_TYPE, 'if-match': '*' }, body: JSON.stringify({ ...ADA, age: 2 }) }),
    check: (res) => {
      expect(res.status).to.equal(200);
      expect(res.json).to.include({ age: 2, version: 4 });
    },
  },
  {
    name: 'PATCH with If-Match listing the current ETag among others: 200',
    users: [ADA],
    bumps: 1,
    req: (x) => ({ method: 'PATCH', path: `/api/users/${x.ids[0]}`, headers: { ...MERGE_PATCH, 'if-match': `"${x.ids[0]}.1", "${x.ids[0]}.2"` }, body: '{"age":3}' }),
    check: (res) => {
      expect(res.status).to.equal(200);
      expect(res.json).to.include({ age: 3, version: 3 });
    },
  },
  {
    name: 'PUT with If-Match of another user\'s ETag: 412, nothing changed',
    users: [ADA, { name: 'Bob', email: 'bob@example.com' }],
    req: (x) => ({ method: 'PUT', path: `/api/users/${x.ids[0]}`, headers: { ...JSON_TYPE, 'if-match': `"${x.ids[1]}.1"` }, body: JSON.stringify({ name: 'Lost', email: ADA.email }) }),
    check: async (res, x) => {
      expect(res.status).to.equal(412);
      expect(errorCode(res)).to.equal('ERR_CORE_PRECONDITION_FAILED');
      expect((await x.h.repo.get(x.ids[0]!))?.version).to.equal(1);
    },
  },
  {
    name: 'PUT with If-None-Match: * on an existing user: 412',
    users: [ADA],
    req: (x) => ({ method: 'PUT', path: `/api/users/${x.ids[0]}`, headers: { ...JSON_TYPE, 'if-none-match': '*' }, body: JSON.stringify(ADA) }),
    check: (res) => {
      expect(res.status).to.equal(412);
    },
  },
  {
    name: 'DELETE an unknown id with If-Match: 404, not 412 (preconditions of a missing user are ignored)',
    req: () => ({ method: 'DELETE', path: '/api/users/987655', headers: { 'if-match': '"987655.1"' } }),
    check: (res) => {
      expect(res.status).to.equal(404);
      expect(errorCode(res)).to.equal('ERR_USER_NOT_FOUND');
    },
  },
  {
    name: 'GET a list: a weak ETag of its body, 304 when If-None-Match names it',
    users: [ADA],
    req: () => ({ method: 'GET', path: '/api/users?q=ada%2Bc&limit=1' }),
    check: async (res, x) => {
      expect(res.status).to.equal(200);
      const tag = String(res.headers.etag);
      expect(tag).to.match(/^W\/"[0-9a-f-]+"$/);
      const again = await x.h.send({ method: 'GET', path: '/api/users?q=ada%2Bc&limit=1', headers: { 'if-none-match': tag } });
      expect(again.status).to.equal(304);
      expect(again.text).to.equal('');
    },
  },
  {
    name: 'PUT with a weak If-Match: 412 (If-Match compares strongly)',
    users: [ADA],
    req: (x) => ({ method: 'PUT', path: `/api/users/${x.ids[0]}`, headers: { ...JSON_TYPE, 'if-match': `W/"${x.ids[0]}.1"` }, body: JSON.stringify(ADA) }),
    check: (res) => {
      expect(res.status).to.equal(412);
    },
  },
  {
    name: 'PUT on an unknown id: 404',
    req: () => ({ method: 'PUT', path: '/api/users/987654', headers: JSON_TYPE, body: JSON.stringify(ADA) }),
    check: (res) => {
      expect(res.status).to.equal(404);
    },
  },
  {
    name: 'PUT taking another user\'s email: 409',
    users: [ADA, { name: 'Bob', email: 'bob@example.com' }],
    req: (x) => ({ method: 'PUT', path: `/api/users/${x.ids[1]}`, headers: JSON_TYPE, body: JSON.stringify({ name: 'Bob', email: 'Ada@example.com' }) }),
    check: (res) => {
      expect(res.status).to.equal(409);
    },
  },
  {
    name: 'PATCH with a merge patch changes the given fields and null removes one',
    users: [{ ...ADA, age: 36, bio: 'engine' }],
    req: (x) => ({ method: 'PATCH', path: `/api/users/${x.ids[0]}`, headers: MERGE_PATCH, body: JSON.stringify({ age: 37, bio: null }) }),
    check: (res, x) => {
      expect(res.status).to.equal(200);
      expect(res.headers.etag).to.equal(`"${x.ids[0]}.2"`);
      expect(res.json).to.include({ name: 'Ada', email: 'ada@example.com', age: 37, bio: null, version: 2 });
    },
  },
  {
    name: 'PATCH as application/json is a merge patch too',
    users: [ADA],
    req: (x) => ({ method: 'PATCH', path: `/api/users/${x.ids[0]}`, headers: JSON_TYPE, body: JSON.stringify({ email: ' NEW@example.com ' }) }),
    check: (res) => {
      expect(res.status).to.equal(200);
      expect(res.json).to.include({ name: 'Ada', email: 'new@example.com' });
    },
  },
  {
    name: 'PATCH as text/plain: 415 with Accept-Patch',
    users: [ADA],
    req: (x) => ({ method: 'PATCH', path: `/api/users/${x.ids[0]}`, headers: { 'content-type': 'text/plain' }, body: '{"age":1}' }),
    check: (res) => {
      expect(res.status).to.equal(415);
      expect(res.headers['accept-patch']).to.equal('application/merge-patch+json, application/json');
    },
  },
  {
    name: 'PATCH with a bad value: 400 naming the field',
    users: [ADA],
    req: (x) => ({ method: 'PATCH', path: `/api/users/${x.ids[0]}`, headers: MERGE_PATCH, body: JSON.stringify({ age: 151 }) }),
    check: (res) => {
      expect(res.status).to.equal(400);
      expect(issues(res)).to.deep.equal([['body', '/age']]);
    },
  },
  {
    name: 'PATCH removing a required field: 400 naming it',
    users: [ADA],
    req: (x) => ({ method: 'PATCH', path: `/api/users/${x.ids[0]}`, headers: MERGE_PATCH, body: JSON.stringify({ name: null }) }),
    check: (res) => {
      expect(res.status).to.equal(400);
      expect(issues(res)).to.deep.equal([['body', '/name']]);
    },
  },
  {
    name: 'PATCH with If-Match of an old ETag: 412',
    users: [ADA],
    bumps: 2,
    req: (x) => ({ method: 'PATCH', path: `/api/users/${x.ids[0]}`, headers: { ...MERGE_PATCH, 'if-match': `"${x.ids[0]}.2"` }, body: '{"age":1}' }),
    check: (res) => {
      expect(res.status).to.equal(412);
    },
  },
  {
    name: 'DELETE: 204, then the user is gone',
    users: [ADA],
    req: (x) => ({ method: 'DELETE', path: `/api/users/${x.ids[0]}` }),
    check: async (res, x) => {
      expect(res.status).to.equal(204);
      expect(res.text).to.equal('');
      expect((await x.h.send({ method: 'GET', path: `/api/users/${x.ids[0]}` })).status).to.equal(404);
    },
  },
  {
    name: 'DELETE with If-Match of an old ETag: 412, the user stays',
    users: [ADA],
    bumps: 1,
    req: (x) => ({ method: 'DELETE', path: `/api/users/${x.ids[0]}`, headers: { 'if-match': `"${x.ids[0]}.1"` } }),
    check: async (res, x) => {
      expect(res.status).to.equal(412);
      expect(await x.h.repo.get(x.ids[0]!)).to.not.equal(null);
    },
  },
  {
    name: 'DELETE an unknown id: 404',
    req: () => ({ method: 'DELETE', path: '/api/users/987654' }),
    check: (res) => {
      expect(res.status).to.equal(404);
    },
  },
  {
    name: 'GET /healthz: 200 ok',
    req: () => ({ method: 'GET', path: '/healthz' }),
    check: (res) => {
      expect(res.status).to.equal(200);
      expect(res.json).to.deep.equal({ status: 'ok' });
    },
  },
  {
    name: 'GET /openapi.json: the OpenAPI 3.1 document of the API and the pages, its named schemas referenced (checked in full by openapi.test.ts)',
    req: () => ({ method: 'GET', path: '/openapi.json' }),
    check: (res) => {
      expect(res.status).to.equal(200);
      type Op = { operationId?: string; requestBody?: { content: Record<string, { schema: unknown }> } };
      const doc = res.json as { openapi: string; paths: Record<string, Record<string, Op>> };
      expect(doc.openapi).to.equal('3.1.0');
      const ops = Object.values(doc.paths).flatMap((p) => Object.values(p).map((o) => o.operationId)).filter((o) => o !== undefined && !o.endsWith('Page')).sort();
      expect(ops).to.deep.equal(['createUser', 'deleteUser', 'getUser', 'health', 'home', 'listUsers', 'patchUser', 'replaceUser']);
      const patch = doc.paths['/api/users/{id}']!['patch']!;
      expect(patch.requestBody?.content).to.deep.equal({
        'application/merge-patch+json': { schema: { $ref: '#/components/schemas/UserPatch' } },
        'application/json': { schema: { $ref: '#/components/schemas/UserPatch' } },
      });
    },
  },
  {
    name: 'a form POST with _method=DELETE does not reach the API\'s DELETE (no CSRF token guards it): 405',
    users: [ADA],
    req: (x) => ({ method: 'POST', path: `/api/users/${x.ids[0]}`, headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: '_method=DELETE' }),
    check: async (res, x) => {
      expect(res.status).to.equal(405);
      expect(await x.h.repo.get(x.ids[0]!)).to.not.equal(null);
    },
  },
  {
    name: 'a known path under another method: 405 in JSON with Allow',
    req: () => ({ method: 'DELETE', path: '/api/users' }),
    check: (res) => {
      expect(res.status).to.equal(405);
      expect(res.headers.allow).to.equal('GET, HEAD, OPTIONS, POST');
      expect(errorCode(res)).to.equal('ERR_METHOD_NOT_ALLOWED');
    },
  },
  {
    name: 'an unknown API path: 404 in JSON',
    req: () => ({ method: 'GET', path: '/api/nothing' }),
    check: (res) => {
      expect(res.status).to.equal(404);
      expect(errorCode(res)).to.equal('ERR_NOT_FOUND');
    },
  },
];

/** Six users whose names share a marker, for the list cases: by name they sort a, B, c, D, e, F. */
const LIST_NAMES = ['c', 'a', 'F', 'D', 'B', 'e'];

interface ListCase {
  name: string;
  query: string;
  status: number;
  /** The names on the first page, without the marker. */
  names?: string[];
  total?: number;
  hasNext?: boolean;
  code?: string;
}

const LIST_CASES: ListCase[] = [
  { name: 'sorted by name by default, limit 20', query: '', status: 200, names: ['a', 'B', 'c', 'D', 'e', 'F'], total: 6, hasNext: false },
  { name: 'limit=2 gives two and a next link', query: 'limit=2', status: 200, names: ['a', 'B'], total: 6, hasNext: true },
  { name: 'sort=-name reverses', query: 'sort=-name&limit=3', status: 200, names: ['F', 'e', 'D'], total: 6, hasNext: true },
  { name: 'sort=createdAt is creation order', query: 'sort=createdAt', status: 200, names: ['c', 'a', 'F', 'D', 'B', 'e'], total: 6, hasNext: false },
  { name: 'offset skips', query: 'offset=4&limit=5', status: 200, names: ['e', 'F'], total: 6, hasNext: false },
  { name: 'limit=0 is refused', query: 'limit=0', status: 400, code: 'validation' },
  { name: 'limit=101 is refused', query: 'limit=101', status: 400, code: 'validation' },
  { name: 'an unknown sort is refused', query: 'sort=age', status: 400, code: 'validation' },
  { name: 'cursor with offset is refused', query: 'cursor=abc&offset=2', status: 400, code: 'validation' },
  { name: 'a forged cursor is refused', query: 'cursor=bm90LWEtY3Vyc29y', status: 400, code: 'ERR_INVALID_CURSOR' },
];

const RUNS: { mode: Mode; store: StoreChoice; title: string }[] = [
  ...MODES.map((mode) => ({ mode, store: 'sqlite' as const, title: mode === 'callback' ? 'callback() with supertest' : `a real socket on the ${mode} transport` })),
  { mode: 'callback', store: 'postgres', title: 'callback() with supertest, on PostgreSQL' },
];

for (const { mode, store, title } of RUNS) {
  describe(`JSON API over ${title}`, function () {
    let h: Harness;
    let n = 0;

    before(async function () {
      const missing = store === 'postgres' ? postgresKind.missing() : null;
      if (missing !== null) pendingBecause(this, 'postgresql', missing);
      const noTransport = await transportMissing(mode);
      if (noTransport !== null) throw new Error(noTransport);
      h = await startHarness(mode, {}, store);
    });
    after(async () => {
      await h?.close();
    });

    for (const c of CASES) {
      it(c.name, async () => {
        // Each case writes emails of its own so cases share one store without colliding.
        const tag = `c${++n}`;
        const ids: number[] = [];
        for (const u of c.users ?? []) {
          const made = await h.repo.create({ age: null, bio: null, ...u, email: u.email.replace('@', `+${tag}@`) });
          ids.push(made.id);
        }
        for (let i = 0; i < (c.bumps ?? 0); i++) {
          const u = (await h.repo.get(ids[0]!))!;
          await h.repo.update(u.id, { name: u.name, email: u.email, age: u.age, bio: u.bio });
        }
        const x: Ctx = { ids, h, tag };
        const req = c.req(x);
        if (req.body !== undefined) req.body = req.body.replace(/@example\.com/gi, (m) => `+${tag}${m}`);
        const res = await h.send(req);
        await c.check(withoutTag(res, tag), x);
      });
    }

    describe('listing', () => {
      const marker = `zq${mode}${store}`;
      before(async () => {
        for (const name of LIST_NAMES) await h.repo.create({ name: `${name} ${marker}`, email: `${name.toLowerCase()}.${marker}@list.test`, age: null, bio: null });
      });

      for (const c of LIST_CASES) {
        it(`GET /api/users?${c.query}: ${c.name}`, async () => {
          const res = await h.send({ method: 'GET', path: `/api/users?q=${marker}&${c.query}` });
          expect(res.status).to.equal(c.status);
          if (c.code !== undefined) {
            expect(errorCode(res)).to.equal(c.code);
            return;
          }
          const body = res.json as { items: { name: string }[]; total: number; next: string | null };
          expect(body.items.map((u) => u.name.replace(` ${marker}`, ''))).to.deep.equal(c.names);
          expect(body.total).to.equal(c.total);
          expect(body.next !== null).to.equal(c.hasNext);
          if (body.next !== null) expect(res.headers.link).to.equal(`<${body.next}>; rel="next"`);
        });
      }

      it('following the next links visits every match once, in order', async () => {
        const seen: string[] = [];
        let next: string | null = `/api/users?q=${marker}&limit=4&sort=-name`;
        while (next !== null) {
          const res = await h.send({ method: 'GET', path: next });
          expect(res.status).to.equal(200);
          const body = res.json as { items: { name: string }[]; next: string | null };
          seen.push(...body.items.map((u) => u.name.replace(` ${marker}`, '')));
          next = body.next;
        }
        expect(seen).to.deep.equal(['F', 'e', 'D', 'c', 'B', 'a']);
      });

      it('searches email as well as name, case-insensitively', async () => {
        const res = await h.send({ method: 'GET', path: `/api/users?q=D.${marker.toUpperCase()}@LIST` });
        expect((res.json as { items: { name: string }[] }).items.map((u) => u.name)).to.deep.equal([`D ${marker}`]);
      });
    });
  });
}

/** Takes a case's email tag back out of a response, so checks compare the emails they wrote. */
function withoutTag(res: Res, tag: string): Res {
  const text = res.text.split(`+${tag}@`).join('@');
  let json: unknown = res.json;
  if (json !== null) json = JSON.parse(text);
  return { ...res, text, json };
}
