// The HTML pages through supertest's cookie-keeping agent over callback(): forms, CSRF, the
// flash cookie, `_method` override, errors beside fields, escaping.
import { expect } from 'chai';
import request from 'supertest';
import { startHarness, type Harness } from './support/harness.js';

type Agent = ReturnType<typeof request.agent>;
const FORM = 'application/x-www-form-urlencoded';

function mainOf(html: string): string {
  return html.replace(/^[\s\S]*<main>/, '').replace(/<\/main>[\s\S]*$/, '');
}

/** The `_csrf` value of the first form on a page. */
function token(html: string): string {
  const m = /name="_csrf" value="([^"]+)"/.exec(html);
  if (m === null) throw new Error('no CSRF field on the page');
  return m[1]!;
}

function form(fields: Record<string, string>): string {
  return new URLSearchParams(fields).toString();
}

describe('HTML pages', () => {
  let h: Harness;
  let agent: Agent;
  let csrf: string;

  before(async () => {
    h = await startHarness('callback');
  });
  after(async () => {
    await h.close();
  });
  beforeEach(async () => {
    agent = request.agent(h.app.callback());
    csrf = token((await agent.get('/users/new').expect(200)).text);
  });

  async function create(name: string, email: string): Promise<number> {
    const res = await agent.post('/users').type(FORM).send(form({ _csrf: csrf, name, email, age: '', bio: '' })).expect(303);
    return Number(/\/users\/(\d+)$/.exec(res.headers.location!)![1]);
  }

  it('redirects / to the list', async () => {
    const res = await agent.get('/').expect(302);
    expect(res.headers.location).to.equal('/users');
  });

  it('creates a user from the form: 303 to its page, which shows the flash once', async () => {
    const res = await agent.post('/users').type(FORM).send(form({ _csrf: csrf, name: 'Hedy Lamarr', email: 'HEDY@example.com', age: '38', bio: 'inventor' })).expect(303);
    expect(res.headers.location).to.match(/^\/users\/\d+$/);
    const page = mainOf((await agent.get(res.headers.location!).expect(200)).text);
    expect(page).to.contain('<p class="flash flash-success" role="status">Hedy Lamarr was created.</p>');
    expect(page).to.contain('<h1>Hedy Lamarr</h1>');
    expect(page).to.contain('hedy@example.com');
    expect(mainOf((await agent.get(res.headers.location!).expect(200)).text)).to.not.contain('flash-success');
  });

  it('shows each error beside its field and keeps the input: 422', async () => {
    const res = await agent.post('/users').type(FORM).send(form({ _csrf: csrf, name: ' ', email: 'not mail', age: 'old', bio: 'kept "bio"' })).expect(422);
    const page = mainOf(res.text);
    expect(page).to.contain('<p class="field-error" id="name-error">Name is required</p>');
    expect(page).to.contain('<p class="field-error" id="email-error">Email must be an email address, like ada@example.com</p>');
    expect(page).to.contain('<p class="field-error" id="age-error">Age must be a whole number from 0 to 150</p>');
    expect(page).to.contain('value="not mail"');
    expect(page).to.contain('value="old"');
    expect(page).to.contain('>kept &#34;bio&#34;</textarea>');
    expect(await h.repo.count('not mail')).to.equal(0);
  });

  it('answers 409 beside the email when it is taken', async () => {
    await create('First', 'taken@example.com');
    const res = await agent.post('/users').type(FORM).send(form({ _csrf: csrf, name: 'Second', email: 'Taken@Example.com', age: '', bio: '' })).expect(409);
    expect(mainOf(res.text)).to.contain('<p class="field-error" id="email-error">Email is already taken by another user</p>');
  });

  const CSRF_CASES: { name: string; body: (t: string) => Record<string, string>; fresh: boolean }[] = [
    { name: 'without a token', body: () => ({ name: 'Eve', email: 'eve1@example.com' }), fresh: false },
    { name: 'with a wrong token', body: () => ({ _csrf: 'forged', name: 'Eve', email: 'eve2@example.com' }), fresh: false },
    { name: 'with a valid token but no cookie', body: (t) => ({ _csrf: t, name: 'Eve', email: 'eve3@example.com' }), fresh: true },
  ];
  for (const c of CSRF_CASES) {
    it(`refuses a POST ${c.name}: 403, nothing stored`, async () => {
      const client = c.fresh ? request(h.app.callback()) : agent;
      const res = await client.post('/users').type(FORM).send(form(c.body(csrf))).expect(403);
      expect(mainOf(res.text)).to.contain('<h1>403 Forbidden</h1>');
      expect(await h.repo.count('eve')).to.equal(0);
    });
  }

  it('refuses a form DELETE (through _method) without the token', async () => {
    const id = await create('Kept', 'kept@example.com');
    await agent.post(`/users/${id}`).type(FORM).send(form({ _method: 'DELETE' })).expect(403);
    expect(await h.repo.get(id)).to.not.equal(null);
  });

  it('edits through _method=PUT: 303 with a flash; the version moves on', async () => {
    const id = await create('Alan', 'alan@example.com');
    const edit = (await agent.get(`/users/${id}/edit`).expect(200)).text;
    expect(edit).to.contain('<input type="hidden" name="_method" value="PUT">');
    expect(edit).to.contain('<input type="hidden" name="version" value="1">');
    const res = await agent.post(`/users/${id}`).type(FORM).send(form({ _csrf: token(edit), _method: 'PUT', version: '1', name: 'Alan Turing', email: 'alan@example.com', age: '41', bio: '' })).expect(303);
    expect(res.headers.location).to.equal(`/users/${id}`);
    const page = mainOf((await agent.get(`/users/${id}`).expect(200)).text);
    expect(page).to.contain('Alan Turing was saved.');
    expect(await h.repo.get(id)).to.include({ name: 'Alan Turing', age: 41, version: 2 });
  });

  it('keeps an editor\'s input when someone else saved meanwhile: 409, based on the new version', async () => {
    const id = await create('Barbara', 'barbara@example.com');
    await h.repo.update(id, { name: 'Barbara Liskov', email: 'barbara@example.com', age: null, bio: null });
    const res = await agent.post(`/users/${id}`).type(FORM).send(form({ _csrf: csrf, _method: 'PUT', version: '1', name: 'Mine', email: 'barbara@example.com', age: '', bio: '' })).expect(409);
    const page = mainOf(res.text);
    expect(page).to.contain('Someone else changed this user while you were editing.');
    expect(page).to.contain('value="Mine"');
    expect(page).to.contain('<input type="hidden" name="version" value="2">');
    expect((await h.repo.get(id))?.name).to.equal('Barbara Liskov');
  });

  it('deletes after the confirmation page, through _method=DELETE', async () => {
    const id = await create('Doomed', 'doomed@example.com');
    const confirm = (await agent.get(`/users/${id}/delete`).expect(200)).text;
    expect(mainOf(confirm)).to.contain('<h1>Delete Doomed?</h1>');
    const res = await agent.post(`/users/${id}`).type(FORM).send(form({ _csrf: token(confirm), _method: 'DELETE', version: '1' })).expect(303);
    expect(res.headers.location).to.equal('/users');
    expect(mainOf((await agent.get('/users').expect(200)).text)).to.contain('Doomed was deleted.');
    expect(await h.repo.get(id)).to.equal(null);
  });

  it('shows markup typed by a user as text on every page', async () => {
    const id = await create('<script>alert(1)</script>', 'xss@example.com');
    for (const path of [`/users/${id}`, `/users/${id}/edit`, `/users/${id}/delete`, '/users?q=xss']) {
      const html = (await agent.get(path).expect(200)).text;
      expect(html, path).to.not.contain('<script>alert(1)</script>');
      expect(html, path).to.contain('&lt;script&gt;alert(1)&lt;/script&gt;');
    }
  });

  it('searches and pages the list, 20 to a page', async () => {
    for (let i = 0; i < 23; i++) await h.repo.create({ name: `Pager ${String(i).padStart(2, '0')}`, email: `pager${i}@example.com`, age: null, bio: null });
    const first = mainOf((await agent.get('/users?q=pager').expect(200)).text);
    expect(first).to.contain('1–20 of 23');
    expect(first).to.contain('<a href="/users?q=pager&amp;sort=name&amp;page=2" rel="next">');
    const second = mainOf((await agent.get('/users?q=pager&sort=name&page=2').expect(200)).text);
    expect(second).to.contain('21–23 of 23');
    expect(second.match(/Pager \d\d/g)).to.deep.equal(['Pager 20', 'Pager 21', 'Pager 22']);
    expect(second).to.contain('rel="prev"');
  });

  it('redirects a page past the end of the list to the last page', async () => {
    for (let i = 0; i < 45; i++) await h.repo.create({ name: `Last ${String(i).padStart(2, '0')}`, email: `last${i}@example.com`, age: null, bio: null });
    for (const page of ['4', '999', '999999']) {
      const res = await agent.get(`/users?q=last&page=${page}`).expect(302);
      expect(res.headers.location, page).to.equal('/users?q=last&sort=name&page=3');
    }
    const last = mainOf((await agent.get('/users?q=last&sort=name&page=3').expect(200)).text);
    expect(last).to.contain('41–45 of 45');
    expect(last).to.not.contain('rel="next"');
    const none = await agent.get('/users?q=nobody-is-called-this&page=2').expect(302);
    expect(none.headers.location).to.equal('/users?q=nobody-is-called-this&sort=name');
  });

  it('ignores a forged session cookie', async () => {
    const payload = { i: 'x', e: Date.now() + 60_000, d: { __flash: { flash: [{ kind: 'success', message: 'forged' }] } } };
    const forged = Buffer.from(JSON.stringify(payload)).toString('base64url');
    const html = (await request(h.app.callback()).get('/users').set('Cookie', `session=${forged}.${'A'.repeat(43)}`).expect(200)).text;
    expect(html).to.not.contain('forged');
  });

  it('keeps the flash in the signed session cookie, not in the page\'s memory: another app with the same secret shows it', async () => {
    const res = await agent.post('/users').type(FORM).send(form({ _csrf: csrf, name: 'Radia Perlman', email: 'radia@example.com', age: '', bio: '' })).expect(303);
    const cookie = ([] as string[]).concat(res.headers['set-cookie'] ?? []).find((c) => c.startsWith('session='))!.split(';')[0]!;
    const other = await startHarness('callback');
    try {
      const page = mainOf((await request(other.app.callback()).get('/users').set('Cookie', cookie).expect(200)).text);
      expect(page).to.contain('Radia Perlman was created.');
    } finally {
      await other.close();
    }
  });

  it('refuses with 403 a form whose token and cookie agree but were signed with another secret', async () => {
    const other = await startHarness('callback', { sessionSecret: 'another-secret' });
    try {
      const page = await request(other.app.callback()).get('/users/new').expect(200);
      const cookie = ([] as string[]).concat(page.headers['set-cookie'] ?? []).find((c) => c.startsWith('csrf='))!.split(';')[0]!;
      const res = await request(h.app.callback()).post('/users').set('Cookie', cookie).type(FORM).send(form({ _csrf: token(page.text), name: 'Eve', email: 'eve4@example.com' })).expect(403);
      expect(mainOf(res.text)).to.contain('The form has expired or did not come from this site');
      expect(await h.repo.count('eve4')).to.equal(0);
    } finally {
      await other.close();
    }
  });

  it('refuses with 403 a form posted from another site, token or not', async () => {
    const res = await agent.post('/users').set('Origin', 'https://evil.example').set('Sec-Fetch-Site', 'cross-site').type(FORM).send(form({ _csrf: csrf, name: 'Eve', email: 'eve5@example.com' })).expect(403);
    expect(mainOf(res.text)).to.contain('<h1>403 Forbidden</h1>');
    expect(await h.repo.count('eve5')).to.equal(0);
  });

  it('sends a Content-Security-Policy whose nonce is the one on the page\'s stylesheet, fresh per request', async () => {
    const nonces: string[] = [];
    for (let i = 0; i < 2; i++) {
      const res = await agent.get('/users').expect(200);
      const csp = String(res.headers['content-security-policy']);
      const nonce = /style-src 'nonce-([A-Za-z0-9_-]+)'/.exec(csp)?.[1];
      expect(nonce, csp).to.be.a('string');
      expect(res.text).to.contain(`<style nonce="${nonce!}">`);
      expect(csp).to.contain(`script-src 'nonce-${nonce!}'`);
      expect(res.headers['x-content-type-options']).to.equal('nosniff');
      expect(res.headers['x-frame-options']).to.equal('DENY');
      nonces.push(nonce!);
    }
    expect(nonces[0]).to.not.equal(nonces[1]);
    const missing = await agent.get('/nowhere').expect(404);
    expect(missing.text).to.match(/<style nonce="[A-Za-z0-9_-]{22}">/);
  });

  it('answers the error page with 404 for an unknown user or page', async () => {
    for (const path of ['/users/999999', '/users/abc', '/nowhere']) {
      const res = await agent.get(path).expect(404);
      expect(mainOf(res.text), path).to.contain('<h1>404 Not Found</h1>');
    }
  });
});
