import { expect } from 'chai';
import { buildApp } from '../examples/users-api.js';

describe('the users-api example', () => {
  const app = buildApp();
  app.logger.level = 'silent';

  const cases: { name: string; req: Parameters<typeof app.inject>[0]; status: number; body?: unknown; text?: RegExp }[] = [
    { name: 'hello world', req: '/', status: 200, body: { hello: 'world' } },
    { name: 'a user by id', req: '/api/users/1', status: 200, body: { id: 1, name: 'Ann', email: 'ann@example.com' } },
    { name: 'an unknown user is 404', req: '/api/users/99', status: 404, body: { error: 'ERR_HTTP', message: 'no user 99' } },
    { name: 'an invalid id is 400', req: '/api/users/x', status: 400 },
    { name: 'the admin group needs a token', req: { method: 'POST', url: '/api/admin/users', json: { name: 'Bo', email: 'bo@example.com' } }, status: 401 },
    { name: 'creating a user', req: { method: 'POST', url: '/api/admin/users', headers: { authorization: 'Bearer secret' }, json: { name: 'Bo', email: 'bo@example.com' } }, status: 201, body: { id: 2, name: 'Bo', email: 'bo@example.com' } },
    { name: 'the HTML page lists users, escaped', req: '/users', status: 200, text: /<li>Ann<\/li><li>Bo<\/li>/ },
    { name: 'the OpenAPI document is served', req: '/openapi.json', status: 200, text: /"\/api\/admin\/users":\{"post":\{"summary":"Create a user"/ },
  ];
  for (const tc of cases) {
    it(tc.name, async () => {
      const r = await app.inject(tc.req);
      expect(r.status, r.body).to.equal(tc.status);
      if (tc.body !== undefined) expect(r.json()).to.deep.equal(tc.body);
      if (tc.text !== undefined) expect(r.body).to.match(tc.text);
    });
  }
});
