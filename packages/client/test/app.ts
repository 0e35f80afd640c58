// The API both client tests call: TypeBox schemas for bodies, queries, headers and responses,
// registered as one chain so that its type carries every route.
import { Type } from '@sinclair/typebox';
import { Engine, HttpError } from '@sloe/core';

export const User = Type.Object({ id: Type.Integer(), name: Type.String(), email: Type.String() });
export const NewUser = Type.Object({ name: Type.String({ minLength: 1 }), email: Type.String() });
export const Problem = Type.Object({ error: Type.String(), message: Type.String() });
export const Page = Type.Object({ items: Type.Array(User), total: Type.Integer() });
export const ListQuery = Type.Object({ q: Type.Optional(Type.String()), limit: Type.Optional(Type.Integer({ minimum: 1 })), tag: Type.Optional(Type.Array(Type.String())) });

/** The app and its API chain, over an in-memory list of users. */
export function makeApp() {
  const users = new Map<number, { id: number; name: string; email: string }>([[1, { id: 1, name: 'ada', email: 'ada@example.com' }]]);
  let next = 2;
  const app = new Engine();
  const api = app
    .group('/api')
    .get('/users', { schema: { query: ListQuery, response: { 200: Page } } }, (c) => {
      const { q, limit, tag } = c.valid('query');
      const items = [...users.values()].filter((u) => q === undefined || u.name.includes(q)).slice(0, limit ?? 100);
      c.setHeader('X-Tags', (tag ?? []).join(','));
      c.json(200, { items, total: items.length });
    })
    .post('/users', { schema: { body: NewUser, response: { 201: User, 409: Problem } } }, (c) => {
      const body = c.valid('body');
      if ([...users.values()].some((u) => u.email === body.email)) {
        c.json(409, { error: 'ERR_EMAIL_TAKEN', message: `${body.email} is taken` });
        return;
      }
      const user = { id: next++, ...body };
      users.set(user.id, user);
      c.json(201, user);
    })
    .get('/users/:id', { schema: { response: { 200: User, 404: Problem } } }, (c) => {
      const user = users.get(Number(c.param('id')));
      if (user === undefined) {
        c.json(404, { error: 'ERR_NOT_FOUND', message: `user ${c.param('id')} not found` });
        return;
      }
      c.json(200, user);
    })
    .delete('/users/:id', { schema: { headers: Type.Object({ 'x-confirm': Type.Literal('yes') }), response: { 204: Type.Null(), 404: Problem } } }, (c) => {
      if (!users.delete(Number(c.param('id')))) {
        c.json(404, { error: 'ERR_NOT_FOUND', message: 'no such user' });
        return;
      }
      c.noContent();
    })
    .get('/files/*path', (c) => {
      c.string(200, `file:${c.param('path')}`);
    })
    .get('/posts/:id?', (c) => {
      c.json(200, { id: c.param('id') ?? null });
    })
    .get('/boom', { schema: { response: { 200: User } } }, () => {
      throw new HttpError(503, 'down for maintenance');
    })
    .get('/echo', (c) => {
      c.json(200, { authorization: c.header('authorization') ?? null, accept: c.header('accept') ?? null, trace: c.header('x-trace') ?? null });
    });
  return { app, api };
}

/** The type a client of the test API is made from. */
export type Api = ReturnType<typeof makeApp>['api'];
