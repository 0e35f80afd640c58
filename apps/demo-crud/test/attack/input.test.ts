// Hostile input against the running app, on loopback and bounded: a body built to make the
// email pattern backtrack, numbers that overflow or are spelled oddly, lookalike emails,
// invisible characters, tampered signed cookies. Each must be a 4xx (never a 500) and cheap.
import { expect } from 'chai';
import { EMAIL_PATTERN } from '../../src/domain/user-input.js';
import { startHarness, type Harness, type Res } from '../support/harness.js';

const JSON_TYPE = { 'content-type': 'application/json' };

function details(res: Res): { in: string; path: string; message: string }[] {
  return (res.json as { details?: { in: string; path: string; message: string }[] }).details ?? [];
}

describe('attack: hostile input to the demo', function () {
  let h: Harness;

  before(async () => {
    h = await startHarness('callback');
  });
  after(async () => {
    await h?.close();
  });

  describe('a body built to make the email pattern backtrack', () => {
    // 65,400 dots between two @: the former pattern `[^\s@]+\.[^\s@]+` tried every split of
    // the dots, 9.8 s for this body.
    const hostile = `a@${'.'.repeat(65_400)}@`;

    it('the email pattern decides a 64 KiB string in under 50 ms', () => {
      const re = new RegExp(EMAIL_PATTERN);
      for (const text of [hostile, `a@${'a.'.repeat(32_000)}`, `${'a'.repeat(65_000)}@`, `a@b${'.c'.repeat(32_000)} x`]) {
        const start = performance.now();
        re.test(text);
        expect(performance.now() - start, `${text.slice(0, 8)}…`).to.be.below(50);
      }
    });

    it('is refused at once, and a health check behind it is not held up', async () => {
      const start = performance.now();
      const [res, health] = await Promise.all([
        h.send({ method: 'POST', path: '/api/users', headers: JSON_TYPE, body: JSON.stringify({ name: 'x', email: hostile }) }),
        h.send({ method: 'GET', path: '/healthz' }),
      ]);
      const took = performance.now() - start;
      expect(res.status).to.equal(400);
      expect(details(res).map((d) => d.path)).to.deep.equal(['/email']);
      expect(health.status).to.equal(200);
      // Generous for a loaded 2-core machine; the quadratic pattern took seconds.
      expect(took).to.be.below(1000);
    });
  });

  describe('numbers: out of range or not written in digits', () => {
    const QUERIES = [
      'offset=1e20', 'offset=9223372036854775808', 'offset=1e308', 'offset=Infinity', 'offset=-1', 'offset=0x10', 'offset=1000001',
      'limit=1e2', 'limit=0x10', 'limit=%2010', 'limit=10.0', 'limit=NaN', 'limit=1&limit=2',
    ];
    for (const q of QUERIES) {
      it(`GET /api/users?${q} is a 400 naming the field`, async () => {
        const res = await h.send({ method: 'GET', path: `/api/users?${q}` });
        expect(res.status).to.equal(400);
        expect(details(res).map((d) => d.in)).to.include('query');
      });
    }

    it('the largest offset is a 200 (an empty page)', async () => {
      const res = await h.send({ method: 'GET', path: '/api/users?offset=1000000' });
      expect(res.status).to.equal(200);
      expect((res.json as { items: unknown[] }).items).to.deep.equal([]);
    });

    const IDS = ['0x1', '%201', '1.0', '01', '+1', '1e0', '0', '-1', '2147483648', '99999999999999999999', 'Infinity'];
    for (const [i, id] of IDS.entries()) {
      it(`/api/users/${id} is a 400, never user 1`, async () => {
        const made = await h.repo.create({ name: 'One', email: `one.${i}@ids.test`, age: null, bio: null });
        expect(made.id).to.be.above(0);
        for (const method of ['GET', 'PATCH', 'PUT', 'DELETE'] as const) {
          const res = await h.send({ method, path: `/api/users/${id}`, headers: JSON_TYPE, body: method === 'PATCH' || method === 'PUT' ? '{"name":"Hacked","email":"h@x.io"}' : undefined });
          expect(res.status, method).to.equal(400);
          // Every issue names the id (the schema may report more than one check of it).
          expect([...new Set(details(res).map((d) => `${d.in}${d.path}`))], method).to.deep.equal(['params/id']);
        }
        expect((await h.repo.get(1))?.name).to.not.equal('Hacked');
      });
    }

    it('an HTML page past the end redirects to the last one', async () => {
      const res = await h.send({ method: 'GET', path: '/users?q=nobody-matches-this&page=999999' });
      expect(res.status).to.equal(302);
      expect(res.headers.location).to.equal('/users?q=nobody-matches-this&sort=name');
    });
  });

  describe('lookalike emails and invisible characters', () => {
    const post = (body: unknown): Promise<Res> => h.send({ method: 'POST', path: '/api/users', headers: JSON_TYPE, body: JSON.stringify(body) });

    const TWINS: { name: string; first: string; second: string; stored: string }[] = [
      { name: 'é precomposed, then decomposed', first: 'jos\u00e9@example.com', second: 'jose\u0301@example.com', stored: 'jos\u00e9@example.com' },
      { name: 'é decomposed, then precomposed', first: 'rene\u0301@example.com', second: 'ren\u00e9@example.com', stored: 'ren\u00e9@example.com' },
      { name: 'fullwidth letters', first: 'ada2@example.com', second: '\uff41da2@example.com', stored: 'ada2@example.com' },
      { name: 'a fullwidth @', first: 'ada3@example.com', second: 'ada3\uff20example.com', stored: 'ada3@example.com' },
      { name: 'a Kelvin sign', first: 'kate@example.com', second: '\u212Aate@example.com', stored: 'kate@example.com' },
    ];
    for (const t of TWINS) {
      it(`one user per email: ${t.name} is taken (409)`, async () => {
        const a = await post({ name: 'First', email: t.first });
        expect(a.status).to.equal(201);
        expect((a.json as { email: string }).email).to.equal(t.stored);
        const b = await post({ name: 'Second', email: t.second });
        expect(b.status).to.equal(409);
        expect((b.json as { error: string }).error).to.equal('ERR_EMAIL_TAKEN');
      });
    }

    const INVISIBLE: { name: string; body: { name: string; email: string }; field: string }[] = [
      { name: 'a zero-width space in the email', body: { name: 'Z', email: 'ada2\u200b@example.com' }, field: '/email' },
      { name: 'a right-to-left override in the email', body: { name: 'Z', email: 'moc.elpmaxe\u202e@ada' }, field: '/email' },
      { name: 'a BOM inside the email', body: { name: 'Z', email: 'a\ufeffda@example.com' }, field: '/email' },
      { name: 'a name of zero-width spaces only', body: { name: '\u200b\u200b\u200b', email: 'zw1@example.com' }, field: '/name' },
      { name: 'a name of joiners only', body: { name: '\u200d\u200c', email: 'zw2@example.com' }, field: '/name' },
      { name: 'a name with a right-to-left override', body: { name: 'Ada \u202eecalevol', email: 'zw3@example.com' }, field: '/name' },
      { name: 'a name with a word joiner', body: { name: 'A\u2060da', email: 'zw4@example.com' }, field: '/name' },
    ];
    for (const c of INVISIBLE) {
      it(`refuses ${c.name}: 400 naming the field, in words`, async () => {
        const res = await post(c.body);
        expect(res.status).to.equal(400);
        expect(details(res)).to.deep.equal([{ in: 'body', path: c.field, message: 'must not contain invisible formatting characters' }]);
      });
    }

    it('keeps a zero-width joiner between visible characters (emoji sequences, Persian and Indic names)', async () => {
      const res = await post({ name: 'Dev \u{1F469}\u200d\u{1F4BB}', email: 'zwj@example.com' });
      expect(res.status).to.equal(201);
    });

    it('a merge patch cannot bring an invisible character in either', async () => {
      const made = await h.repo.create({ name: 'Patchy', email: 'patchy@example.com', age: null, bio: null });
      const res = await h.send({ method: 'PATCH', path: `/api/users/${made.id}`, headers: JSON_TYPE, body: JSON.stringify({ name: '\u200b' }) });
      expect(res.status).to.equal(400);
      expect((await h.repo.get(made.id))?.name).to.equal('Patchy');
    });
  });

  describe('signed cookies', () => {
    const B64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    // The session cookie of a real form post, carrying its flash message.
    let signed = '';

    function cookieOf(res: Res, name: string): string {
      const all = ([] as string[]).concat(res.headers['set-cookie'] ?? []);
      const line = all.find((l) => l.startsWith(`${name}=`));
      if (line === undefined) throw new Error(`no ${name} cookie in ${JSON.stringify(all)}`);
      return line.slice(name.length + 1).split(';')[0]!;
    }

    before(async () => {
      const form = await h.send({ method: 'GET', path: '/users/new' });
      const csrf = cookieOf(form, 'csrf');
      const token = /name="_csrf" value="([^"]+)"/.exec(form.text)![1]!;
      const body = new URLSearchParams({ _csrf: token, name: 'Planted', email: 'planted@cookies.test' }).toString();
      const made = await h.send({ method: 'POST', path: '/users', headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: `csrf=${csrf}` }, body });
      expect(made.status).to.equal(303);
      signed = cookieOf(made, 'session');
    });

    it('shows a flash whose signature is exact', async () => {
      const res = await h.send({ method: 'GET', path: '/users', headers: { cookie: `session=${signed}` } });
      expect(res.text).to.contain('Planted was created.');
    });
    const tampered: [string, () => string][] = [
      // A 32-byte MAC is 43 base64url characters: the last carries 2 unused bits, so this other
      // character decodes to the same bytes.
      ['a signature whose last character decodes to the same bytes', () => signed.slice(0, -1) + B64URL[B64URL.indexOf(signed.at(-1)!) ^ 1]!],
      ['"!!" after its signature', () => `${signed}!!`],
      ['"=" after its signature', () => `${signed}=`],
      ['a changed value under its signature', () => `${signed.slice(0, 4)}${signed[4] === 'A' ? 'B' : 'A'}${signed.slice(5)}`],
    ];
    for (const [name, cookie] of tampered) {
      it(`ignores a session cookie with ${name}`, async () => {
        const res = await h.send({ method: 'GET', path: '/users', headers: { cookie: `session=${cookie()}` } });
        expect(res.status).to.equal(200);
        expect(res.text).to.not.contain('Planted was created.');
      });
    }

    it('ignores a session signed with another SESSION_SECRET', async () => {
      const other = await startHarness('callback', { sessionSecret: 'another-secret' });
      try {
        const res = await other.send({ method: 'GET', path: '/users', headers: { cookie: `session=${signed}` } });
        expect(res.status).to.equal(200);
        expect(res.text).to.not.contain('Planted was created.');
      } finally {
        await other.close();
      }
    });
  });

  describe('forms that cannot be read', () => {
    const CASES: { name: string; type: string; body: string; status: number }[] = [
      { name: 'a urlencoded form over the body limit', type: 'application/x-www-form-urlencoded', body: `name=${'x'.repeat(70_000)}`, status: 413 },
      { name: 'a multipart form without its closing boundary', type: 'multipart/form-data; boundary=XyZ', body: '--XyZ\r\nContent-Disposition: form-data; name="name"\r\n\r\nAda', status: 400 },
      { name: 'a JSON body', type: 'application/json', body: '{"name":"Ada"}', status: 415 },
    ];
    for (const c of CASES) {
      it(`POST /users with ${c.name}: the HTML error page, ${c.status}`, async () => {
        const res = await h.send({ method: 'POST', path: '/users', headers: { 'content-type': c.type }, body: c.body });
        expect(res.status).to.equal(c.status);
        expect(String(res.headers['content-type'])).to.match(/^text\/html/);
        expect(res.text).to.contain(`<h1>${c.status} `);
      });
    }
  });
});
