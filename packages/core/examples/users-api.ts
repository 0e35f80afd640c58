// A small users API: routes, a group with middleware, validation with TypeBox, and an HTML page.
//   node --import tsx packages/core/examples/users-api.ts   (after npm run build)
import { fileURLToPath } from 'node:url';
import { Type } from '@sinclair/typebox';
import { Engine, HttpError, type Context } from '../src/index.js';

interface User {
  id: number;
  name: string;
  email: string;
}

const users = new Map<number, User>([[1, { id: 1, name: 'Ann', email: 'ann@example.com' }]]);
const NewUser = Type.Object({ name: Type.String({ minLength: 1 }), email: Type.String({ format: 'email' }) });
const UserId = Type.Object({ id: Type.Integer({ minimum: 1 }) });

/** Only requests with the right token reach the admin routes. */
function requireToken(c: Context): void {
  if (c.header('authorization') !== 'Bearer secret') c.abortWithStatusJSON(401, { error: 'unauthorized' });
}

/** The app, built apart from listening so tests can inject requests into it. */
export function buildApp(): Engine {
  const app = Engine.default({ openapi: { path: '/openapi.json', info: { title: 'Users', version: '1.0.0' } } });
  app.loadHTMLGlob(fileURLToPath(new URL('../test/fixtures/views/**/*.html', import.meta.url)));

  app.get('/', (c) => c.json(200, { hello: 'world' }));
  app.get('/users', (c) => c.html(200, 'users/list.html', [...users.values()].map((u) => u.name)));

  const api = app.group('/api');
  api.get('/users/:id', { schema: { params: UserId } }, (c) => {
    const user = users.get(c.valid('params').id);
    if (user === undefined) throw new HttpError(404, `no user ${c.param('id')}`);
    c.json(200, user);
  });

  const admin = api.group('/admin', requireToken);
  admin.post('/users', { schema: { body: NewUser }, summary: 'Create a user' }, (c) => {
    const user = { id: users.size + 1, ...c.valid('body') };
    users.set(user.id, user);
    c.json(201, user);
  });
  return app;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const app = buildApp();
  const server = await app.listen({ port: Number(process.env['PORT'] ?? 8080) });
  app.logger.info(`listening on ${server.address}`);
  process.once('SIGINT', () => void app.close());
}
