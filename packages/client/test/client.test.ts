// The client against the test API, reached each way (over a socket, through inject(), through
// app.fetch()): paths, params, query, headers, JSON bodies, every documented status, and the
// errors it throws.
import { expect } from 'chai';
import { client, ClientError, type Client } from '../src/index.js';
import { makeApp, type Api } from './app.js';
import { ways, type Reached } from './ways.js';

async function caught(p: Promise<unknown>): Promise<unknown> {
  return p.then(
    () => expect.fail('resolved'),
    (e: unknown) => e,
  );
}

for (const way of ways) {
  describe(`client ${way.name}`, () => {
    let reached: Reached;
    let api: Client<Api>;
    const make = (base = reached.base) => client<Api>(base, reached.fetch === undefined ? {} : { fetch: reached.fetch });

    beforeEach(async () => {
      reached = await way.reach(makeApp().app);
      api = make();
    });

    afterEach(() => reached.close());

    it('gets a user by its param, the body typed by the 200 schema', async () => {
      const res = await api.api.users[':id'].$get({ param: { id: 1 } });
      if (res.status !== 200) return expect.fail(`status ${res.status}`);
      expect(res.ok).to.equal(true);
      expect(res.body).to.deep.equal({ id: 1, name: 'ada', email: 'ada@example.com' });
      expect(res.headers.get('content-type')).to.match(/^application\/json/);
      expect(res.url.href).to.equal(`${reached.base}/api/users/1`);
    });

    it('answers a documented error as a value, discriminated by status', async () => {
      const res = await api.api.users[':id'].$get({ param: { id: 99 } });
      switch (res.status) {
        case 404:
          expect(res.ok).to.equal(false);
          expect(res.body).to.deep.equal({ error: 'ERR_NOT_FOUND', message: 'user 99 not found' });
          break;
        default:
          expect.fail(`expected 404, got ${res.status}`);
      }
    });

    it('posts a JSON body, 201 on create and the documented 409 on a conflict', async () => {
      const created = await api.api.users.$post({ json: { name: 'grace', email: 'grace@example.com' } });
      expect([created.status, created.body]).to.deep.equal([201, { id: 2, name: 'grace', email: 'grace@example.com' }]);
      const again = await api.api.users.$post({ json: { name: 'grace', email: 'grace@example.com' } });
      if (again.status !== 409) return expect.fail(`status ${again.status}`);
      expect(again.body.error).to.equal('ERR_EMAIL_TAKEN');
    });

    it('answers the schema validation 400 with its details', async () => {
      const res = await api.api.users.$post({ json: { name: '', email: 'x@example.com' } });
      if (res.status !== 400) return expect.fail(`status ${res.status}`);
      expect(res.body.error).to.equal('validation');
      expect(res.body.details[0]).to.deep.include({ in: 'body', path: '/name' });
    });

    it('writes the query, repeated names for arrays, coerced back by the schema', async () => {
      await api.api.users.$post({ json: { name: 'adam', email: 'adam@example.com' } });
      const res = await api.api.users.$get({ query: { q: 'ad', limit: 1, tag: ['a', 'b'] } });
      if (res.status !== 200) return expect.fail(`status ${res.status}`);
      expect(res.body.total).to.equal(1);
      expect(res.headers.get('x-tags')).to.equal('a,b');
      expect(res.url.search).to.equal('?q=ad&limit=1&tag=a&tag=b');
    });

    it('sends typed headers, and gives 204 a null body', async () => {
      const deleted = await api.api.users[':id'].$delete({ param: { id: 1 }, header: { 'x-confirm': 'yes' } });
      expect([deleted.status, deleted.body]).to.deep.equal([204, null]);
      const gone = await api.api.users[':id'].$get({ param: { id: 1 } });
      expect(gone.status).to.equal(404);
    });

    it('fills catch-all and optional params, percent-encoding each segment', async () => {
      const file = await api.api.files['*path'].$get({ param: { path: 'a b/c?.txt' } });
      expect(file.body).to.equal('file:/a b/c?.txt');
      expect(file.url.pathname).to.equal('/api/files/a%20b/c%3F.txt');
      // The value the router gave the handler, leading slash included, is accepted back.
      const same = await api.api.files['*path'].$get({ param: { path: '/a b/c?.txt' } });
      expect(same.url.pathname).to.equal('/api/files/a%20b/c%3F.txt');
      expect((await api.api.posts[':id?'].$get({ param: { id: 'x/y' } })).body).to.deep.equal({ id: 'x/y' });
      expect((await api.api.posts[':id?'].$get({ param: {} })).body).to.deep.equal({ id: null });
    });

    it('gives a server error the route does not document as a value, never thrown', async () => {
      const res = await api.api.boom.$get();
      expect([res.status, res.ok]).to.deep.equal([503, false]);
      expect(res.body).to.have.property('message').that.is.a('string');
    });

    it("sends the options' headers (a function: per request), then the call's, and Accept: application/json", async () => {
      let n = 0;
      const authed = client<Api>(reached.base, {
        headers: () => ({ authorization: `Bearer t${++n}`, 'x-trace': 'default' }),
        ...(reached.fetch === undefined ? {} : { fetch: reached.fetch }),
      });
      const first = await authed.api.echo.$get();
      const second = await authed.api.echo.$get({ header: { 'x-trace': 'call' } }, { headers: { authorization: 'Bearer init' } });
      expect(first.body).to.deep.equal({ authorization: 'Bearer t1', accept: 'application/json', trace: 'default' });
      expect(second.body).to.deep.equal({ authorization: 'Bearer init', accept: 'application/json', trace: 'call' });
    });

    it("prefixes the base URL's path, and sends through the fetch it is given", async () => {
      const seen: string[] = [];
      const send = reached.fetch ?? ((request: Request) => fetch(request));
      const prefixed = client<Api>(`${reached.base}/v2/`, {
        fetch: (request) => {
          seen.push(`${request.method} ${request.url}`);
          return send(new Request(request.url.replace('/v2', ''), request));
        },
      });
      const res = await prefixed.api.users[':id'].$get({ param: { id: 1 } });
      expect(res.status).to.equal(200);
      expect(seen).to.deep.equal([`GET ${reached.base}/v2/api/users/1`]);
    });

    it('is not a thenable: awaiting a path node gives the node', async () => {
      const node = await Promise.resolve(api.api.users);
      expect(typeof node.$get).to.equal('function');
    });

    it('throws ERR_CLIENT_BODY for an answer that says JSON and is not', async () => {
      const broken = client<Api>(reached.base, { fetch: () => Promise.resolve(new Response('{nope', { status: 200, headers: { 'content-type': 'application/json' } })) });
      const err = await caught(broken.api.echo.$get());
      expect(err).to.be.instanceOf(ClientError).with.property('code', 'ERR_CLIENT_BODY');
    });

    it('throws ERR_CLIENT_PARAM for a missing param, before sending anything', async () => {
      let sent = 0;
      const counted = client<Api>(reached.base, { fetch: (r) => (sent++, fetch(r)) });
      const err = await caught(counted.api.users[':id'].$get({ param: {} as { id: string } }));
      expect(err).to.be.instanceOf(ClientError).with.property('code', 'ERR_CLIENT_PARAM');
      expect(sent).to.equal(0);
    });

    if (way.socket) {
      it('throws ERR_CLIENT_FETCH with the cause when the server is unreachable', async () => {
        await reached.close();
        reached = { ...reached, close: () => Promise.resolve() };
        const err = await caught(api.api.echo.$get());
        expect(err).to.be.instanceOf(ClientError).with.property('code', 'ERR_CLIENT_FETCH');
        expect((err as ClientError).cause).to.be.instanceOf(Error);
      });
    }
  });
}

describe('client()', () => {
  it('throws ERR_CLIENT_BASE_URL for a relative or non-http base URL', () => {
    expect(() => client<Api>('/api')).to.throw(ClientError).with.property('code', 'ERR_CLIENT_BASE_URL');
    expect(() => client<Api>('ftp://example.com')).to.throw(ClientError).with.property('code', 'ERR_CLIENT_BASE_URL');
  });
});
