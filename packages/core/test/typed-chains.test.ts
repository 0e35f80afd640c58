// Types that flow through registrations: the routes a chain carries (read by @sloe/client), an
// Engine's declared Variables, and the values a middleware provides to the handlers after it.
import { expect } from 'chai';
import { SignJWT } from 'jose';
import { Type } from '@sinclair/typebox';
import { Engine, jwt, provides, type Context, type JwtPayload, type RoutesOf } from '../src/index.js';

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const assertType = <T extends true>(_: T): void => undefined;

interface User {
  id: number;
  name: string;
}

const secret = 'a-hmac-secret-long-enough-for-hs256';
const bearer = async (sub: string): Promise<string> =>
  `Bearer ${await new SignJWT({ sub }).setProtectedHeader({ alg: 'HS256' }).sign(new TextEncoder().encode(secret))}`;

describe('typed chains', () => {
  describe('the routes a chain carries', () => {
    it('accumulates each route by full pattern and lower-case method, with its schema', async () => {
      const Body = Type.Object({ name: Type.String() });
      const app = new Engine();
      const _api = app
        .group('/api')
        .get('/users/:id', (c) => {
          c.json(200, { id: c.param('id') });
        })
        .post('/users', { schema: { body: Body } }, (c) => {
          c.json(201, c.valid('body'));
        })
        .put('/users/:id', (c) => {
          c.status(204);
        });
      type R = RoutesOf<typeof _api>;
      assertType<Equal<keyof R, '/api/users/:id' | '/api/users'>>(true);
      assertType<Equal<keyof R['/api/users/:id'], 'get' | 'put'>>(true);
      assertType<Equal<R['/api/users']['post'], { body: typeof Body }>>(true);
      // The chain is the same group at run time: every route is registered.
      expect(app.routes().map((r) => `${r.method} ${r.path}`)).to.deep.equal(['GET /api/users/:id', 'POST /api/users', 'PUT /api/users/:id']);
      expect((await app.inject({ method: 'POST', url: '/api/users', headers: { 'content-type': 'application/json' }, body: '{"name":"a"}' })).status).to.equal(201);
    });

    it('keeps the Engine type along an Engine chain, and leaves a statement-style app without routes', () => {
      const app = new Engine();
      const chained = app.get('/a', (c) => c.string(200, 'a')).any('/b', (c) => c.string(200, 'b')).handle('PROPFIND', '/c', (c) => c.string(207, 'c'));
      assertType<Equal<keyof RoutesOf<typeof chained>, '/a' | '/b' | '/c'>>(true);
      assertType<Equal<keyof RoutesOf<typeof chained>['/c'], 'propfind'>>(true);
      assertType<Equal<keyof RoutesOf<typeof chained>['/b'], 'get' | 'post' | 'put' | 'patch' | 'head' | 'options' | 'delete' | 'connect' | 'trace'>>(true);
      // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- a statement-style app carries nothing
      assertType<Equal<RoutesOf<typeof app>, {}>>(true);
      expect(typeof chained.listen).to.equal('function');
      expect(chained).to.equal(app);
    });

    it('starts a subgroup with its own routes, its prefix joined', () => {
      const app = new Engine();
      const v1 = app.group('/v1').get('/health', (c) => c.string(200, 'ok'));
      const _orgs = v1.group('/orgs/:org').get('/members', (c) => c.json(200, [c.param('org')]));
      assertType<Equal<keyof RoutesOf<typeof _orgs>, '/v1/orgs/:org/members'>>(true);
      assertType<Equal<keyof RoutesOf<typeof v1>, '/v1/health'>>(true);
      expect(app.routes().map((r) => r.path)).to.deep.equal(['/v1/health', '/v1/orgs/:org/members']);
    });
  });

  describe('declared Variables', () => {
    it('types c.get and c.set by the Engine\'s Variables and refuses an unknown key', async () => {
      const app = new Engine<{ Variables: { user: User; tenant: string } }>();
      app.use(async (c) => {
        c.set('user', { id: 1, name: 'ada' });
        c.set('tenant', 'acme');
        // @ts-expect-error -- a user is not a string
        if (c.path === '/never') c.set('tenant', 1);
        // @ts-expect-error -- 'nope' is not a declared variable
        if (c.path === '/never') c.set('nope', 1);
        await c.next();
      });
      app.get('/me', (c) => {
        const user = c.get('user');
        assertType<Equal<typeof user, User>>(true);
        // @ts-expect-error -- 'nope' is not a declared variable
        c.get('nope');
        // @ts-expect-error -- naming a type does not open the set of keys
        c.get<number>('nope');
        // core's own keys stay readable, possibly absent
        const _payload = c.get('jwtPayload');
        assertType<Equal<typeof _payload, JwtPayload | undefined>>(true);
        c.json(200, { user, tenant: c.get('tenant') });
      });
      expect((await app.inject('/me')).json()).to.deep.equal({ user: { id: 1, name: 'ada' }, tenant: 'acme' });
    });

    it('leaves c.get<T>(key) open where no Variables are declared', async () => {
      const app = new Engine();
      app.use(async (c) => {
        c.set('anything', 42);
        await c.next();
      });
      app.get('/', (c) => {
        const n = c.get<number>('anything');
        assertType<Equal<typeof n, number | undefined>>(true);
        const _u = c.get('other');
        assertType<Equal<typeof _u, unknown>>(true);
        c.json(200, n);
      });
      expect((await app.inject('/')).json()).to.equal(42);
    });

    it('carries the Variables into groups and Engine.default()', () => {
      const app = Engine.default<{ Variables: { user: User } }>({ logger: undefined });
      app.group('/admin').get('/', (c) => {
        const u = c.get('user');
        assertType<Equal<typeof u, User>>(true);
        // @ts-expect-error -- unknown key
        c.get('role');
        c.json(200, u);
      });
      expect(app.routes().map((r) => r.path)).to.include('/admin/');
    });
  });

  describe('values a middleware provides', () => {
    it('types c.get in the same registration: jwt() before the handler', async () => {
      const app = new Engine();
      app.get('/me', jwt({ secret, alg: 'HS256' }), (c) => {
        const payload = c.get('jwtPayload');
        assertType<Equal<typeof payload, JwtPayload>>(true);
        c.json(200, { sub: payload.sub });
      });
      // Without jwt() before it, the payload may be absent.
      app.get('/open', (c) => {
        const _payload = c.get('jwtPayload');
        assertType<Equal<typeof _payload, JwtPayload | undefined>>(true);
        c.string(200, 'open');
      });
      const r = await app.inject({ url: '/me', headers: { authorization: await bearer('ada') } });
      expect(r.json()).to.deep.equal({ sub: 'ada' });
      expect((await app.inject('/me')).status).to.equal(401);
    });

    it('types c.get along a chain: group().use(jwt()).get()', async () => {
      const app = new Engine();
      const api = app
        .group('/api')
        .use(jwt({ secret, alg: 'HS256' }))
        .get('/me', (c) => {
          const payload = c.get('jwtPayload');
          assertType<Equal<typeof payload, JwtPayload>>(true);
          c.json(200, { sub: payload.sub });
        });
      void api;
      const r = await app.inject({ url: '/api/me', headers: { authorization: await bearer('grace') } });
      expect(r.json()).to.deep.equal({ sub: 'grace' });
    });

    it('types an application middleware declared with provides(), in a registration and a group', async () => {
      const loadUser = provides<{ user: User }>()(async (c: Context) => {
        c.set('user', { id: Number(c.query('id') ?? 0), name: 'ada' });
        await c.next();
      });
      const app = new Engine();
      app.get('/user', loadUser, (c) => {
        const user = c.get('user');
        assertType<Equal<typeof user, User>>(true);
        // other keys stay open where no Variables are declared
        c.json(200, { name: user.name, other: c.get<string>('other') ?? null });
      });
      app.group('/g', loadUser).get('/', (c) => c.json(200, c.get('user').id));
      expect((await app.inject('/user?id=3')).json()).to.deep.equal({ name: 'ada', other: null });
      expect((await app.inject('/g/?id=5')).json()).to.equal(5);
    });

    it('adds provided values to declared Variables without opening them', () => {
      const app = new Engine<{ Variables: { tenant: string } }>();
      app.get('/me', jwt({ secret, alg: 'HS256' }), (c) => {
        const both: [string, JwtPayload] = [c.get('tenant'), c.get('jwtPayload')];
        // @ts-expect-error -- still closed
        c.get('user');
        c.json(200, both);
      });
      expect(app.routes()).to.have.length(1);
    });
  });
});
