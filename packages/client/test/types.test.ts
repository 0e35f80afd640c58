// What the client's types accept and refuse, checked by the compiler when the tests are
// type-checked (`npm run typecheck`): each `@ts-expect-error` line is a call that must not
// compile (an unused directive is itself an error), and each assertType an exact type. The
// accepted calls run, against a fetch that records them; the refused ones are only compiled.
import { expect } from 'chai';
import { Type } from '@sinclair/typebox';
import { Engine } from '@sloe/core';
import { client, type ClientResponse, type UntypedResponse, type ValidationErrorBody } from '../src/index.js';
import type { Api } from './app.js';

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const assertType = <T extends true>(_: T): void => undefined;
/** A call that must not compile: never made. */
const refused = (_call: () => unknown): void => undefined;

interface UserBody {
  id: number;
  name: string;
  email: string;
}

// Answers every request with `status` and `body` and records what was asked.
function recording(status: number, body: unknown): { seen: string[]; fetch: (r: Request) => Promise<Response> } {
  const seen: string[] = [];
  return {
    seen,
    fetch: async (r) => {
      seen.push(`${r.method} ${new URL(r.url).pathname}${new URL(r.url).search}${r.body === null ? '' : ` ${await r.text()}`}`);
      return new Response(status === 204 ? null : JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
    },
  };
}

describe('client types', () => {
  it('refuses a wrong, missing or extra param, and a path the API does not have', async () => {
    const rec = recording(200, { id: 1, name: 'a', email: 'e' });
    const api = client<Api>('http://sloe.test', { fetch: rec.fetch });
    await api.api.users[':id'].$get({ param: { id: 1 } });
    await api.api.users[':id'].$get({ param: { id: '2' } });
    // @ts-expect-error -- the param is named id
    refused(() => api.api.users[':id'].$get({ param: { userId: 3 } }));
    // @ts-expect-error -- a route with a param needs its input
    refused(() => api.api.users[':id'].$get());
    // @ts-expect-error -- a param value is a string or a number
    refused(() => api.api.users[':id'].$get({ param: { id: { n: 4 } } }));
    // @ts-expect-error -- no route /api/user
    void api.api.user;
    // @ts-expect-error -- /api/users/:id answers no PATCH
    void api.api.users[':id'].$patch;
    // An optional param may be left out.
    await api.api.posts[':id?'].$get({ param: {} });
    expect(rec.seen).to.deep.equal(['GET /api/users/1', 'GET /api/users/2', 'GET /api/posts']);
  });

  it('refuses a body, query or header the schemas refuse', async () => {
    const rec = recording(201, { id: 2, name: 'b', email: 'f' });
    const api = client<Api>('http://sloe.test', { fetch: rec.fetch });
    await api.api.users.$post({ json: { name: 'b', email: 'f' } });
    // @ts-expect-error -- name is a string
    refused(() => api.api.users.$post({ json: { name: 1, email: 'f' } }));
    // @ts-expect-error -- email is required
    refused(() => api.api.users.$post({ json: { name: 'b' } }));
    // @ts-expect-error -- the body is required
    refused(() => api.api.users.$post({}));
    // @ts-expect-error -- limit is an integer
    refused(() => api.api.users.$get({ query: { limit: 'ten' } }));
    // @ts-expect-error -- the confirmation header must say yes
    refused(() => api.api.users[':id'].$delete({ param: { id: 1 }, header: { 'x-confirm': 'no' } }));
    await api.api.users.$get({ query: { limit: 10, tag: ['x'] } });
    await api.api.users[':id'].$delete({ param: { id: 1 }, header: { 'x-confirm': 'yes' } });
    expect(rec.seen).to.deep.equal(['POST /api/users {"name":"b","email":"f"}', 'GET /api/users?limit=10&tag=x', 'DELETE /api/users/1']);
  });

  it('types each answer by its status, and refuses a status the route cannot answer', async () => {
    const api = client<Api>('http://sloe.test', { fetch: recording(200, { id: 1, name: 'a', email: 'e' }).fetch });
    const res = await api.api.users[':id'].$get({ param: { id: 1 } });
    type Problem = { error: string; message: string };
    assertType<
      Equal<
        typeof res,
        ClientResponse<200, UserBody> | ClientResponse<404, Problem> | ClientResponse<500 | 502 | 503 | 504, unknown>
      >
    >(true);
    // @ts-expect-error -- the body is a user only once the status says 200
    void res.body.name;
    // @ts-expect-error -- this route answers no 418
    if (res.status === 418) expect.fail('unreachable');
    if (res.status === 200) {
      assertType<Equal<typeof res.body, UserBody>>(true);
      assertType<Equal<typeof res.ok, true>>(true);
      expect(res.body.name).to.equal('a');
    }
    const posting = client<Api>('http://sloe.test', { fetch: recording(201, { id: 2, name: 'b', email: 'f' }).fetch });
    const created = await posting.api.users.$post({ json: { name: 'b', email: 'f' } });
    // A route with a body schema also answers the validation 400.
    assertType<Equal<Extract<typeof created, { status: 400 }>, ClientResponse<400, ValidationErrorBody>>>(true);
    assertType<Equal<Extract<typeof created, { status: 404 }>, never>>(true);
    expect(created.status).to.equal(201);
  });

  it('gives a chain without routes (statement-style) an untyped client', async () => {
    const app = new Engine();
    app.get('/users/:id', (c) => c.json(200, { id: c.param('id') }));
    const loose = client<typeof app>('http://sloe.test', { fetch: (r) => app.fetch(r) });
    // Any segment and method compiles; under noUncheckedIndexedAccess each may be undefined.
    const res = await loose.users!['7']!.$get!();
    assertType<Equal<typeof res, UntypedResponse>>(true);
    expect(res.body).to.deep.equal({ id: '7' });
  });

  it('reads plain JSON Schemas written as const, as core does', async () => {
    const app = new Engine();
    const _api = app.post(
      '/sum',
      {
        schema: {
          body: { type: 'object', properties: { a: { type: 'number' }, b: { type: 'number' } }, required: ['a', 'b'] } as const,
          response: { 200: Type.Object({ sum: Type.Number() }) },
        },
      },
      (c) => {
        const { a, b } = c.valid('body');
        c.json(200, { sum: a + b });
      },
    );
    const sums = client<typeof _api>('http://sloe.test', { fetch: (r) => app.fetch(r) });
    // @ts-expect-error -- b is required
    refused(() => sums.sum.$post({ json: { a: 1 } }));
    // A query property with a default may be left out: the server fills it in.
    const _paged = app.get('/page', { schema: { query: { type: 'object', properties: { limit: { type: 'integer', default: 20 }, q: { type: 'string' } }, required: ['q'] } as const } }, (c) => {
      c.json(200, c.valid('query'));
    });
    const paging = client<typeof _paged>('http://sloe.test', { fetch: (r) => app.fetch(r) });
    expect((await paging.page.$get({ query: { q: 'x' } })).body).to.deep.equal({ q: 'x', limit: 20 });
    // @ts-expect-error -- q is required, and has no default
    refused(() => paging.page.$get({ query: { limit: 5 } }));
    const res = await sums.sum.$post({ json: { a: 1, b: 2 } });
    if (res.status !== 200) return expect.fail(`status ${res.status}`);
    assertType<Equal<typeof res.body, { sum: number }>>(true);
    expect(res.body.sum).to.equal(3);
  });
});
