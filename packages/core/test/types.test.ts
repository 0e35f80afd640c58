import { expect } from 'chai';
import { Type } from '@sinclair/typebox';
import { Engine, type ParamNames, type ParamsOf } from '../src/index.js';

type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const assertType = <T extends true>(_: T): void => undefined;

describe('types from patterns and schemas', () => {
  it('reads param names from a pattern', () => {
    assertType<Equal<ParamNames<'/users/:id'>, 'id'>>(true);
    assertType<Equal<ParamNames<'/a/:x/b/:y'>, 'x' | 'y'>>(true);
    assertType<Equal<ParamNames<'/files/*filepath'>, 'filepath'>>(true);
    assertType<Equal<ParamNames<'/range/:from-:to'>, 'from' | 'to'>>(true);
    assertType<Equal<ParamNames<'/n/:id(^\\d+$)'>, 'id'>>(true);
    assertType<Equal<ParamNames<'/static'>, never>>(true);
    assertType<Equal<ParamNames<'/escape/test\\:d2'>, never>>(true);
    assertType<Equal<ParamNames<'/at/:h\\:00/:m'>, 'h' | 'm'>>(true);
    assertType<Equal<ParamNames<'/a::b/:c'>, 'c'>>(true);
    assertType<Equal<ParamNames<'/a\\::b'>, 'b'>>(true);
    assertType<Equal<ParamNames<'/posts/:id?'>, 'id'>>(true);
    assertType<Equal<ParamsOf<'/posts/:id?'>, { id?: string }>>(true);
    assertType<Equal<ParamsOf<'/u/:user/posts/:id?/'>, { user: string; id?: string }>>(true);
    assertType<Equal<ParamsOf<'/r/:from-:to?'>, { from?: string; to?: string }>>(true);
    expect(true).to.equal(true);
  });

  it('types c.param() from the route and group patterns, and c.valid() from TypeBox schemas', async () => {
    const app = new Engine();
    const g = app.group('/orgs/:org');
    g.get('/users/:id', (c) => {
      const both: [string, string] = [c.param('org'), c.param('id')];
      // @ts-expect-error -- 'name' is not a param of /orgs/:org/users/:id
      c.param('name');
      c.json(200, both);
    });
    app.post('/t', { schema: { body: Type.Object({ n: Type.Number() }) } }, (c) => {
      const n: number = c.valid('body').n;
      // @ts-expect-error -- 'm' is not in the body schema
      void c.valid('body').m;
      c.json(200, n);
    });
    expect((await app.inject('/orgs/acme/users/7')).json()).to.deep.equal(['acme', '7']);
  });

  it('types an optional param as string | undefined, named without its "?"', async () => {
    const app = new Engine();
    app.get('/posts/:id?', (c) => {
      const id = c.param('id');
      assertType<Equal<typeof id, string | undefined>>(true);
      // @ts-expect-error -- the name is "id", not "id?"
      c.param('id?');
      c.json(200, { id: id ?? null });
    });
    app.get('/users/:name', (c) => {
      const name = c.param('name');
      assertType<Equal<typeof name, string>>(true);
      c.json(200, { name });
    });
    expect((await app.inject('/posts/7')).json()).to.deep.equal({ id: '7' });
    expect((await app.inject('/posts')).json()).to.deep.equal({ id: null });
  });

  it('reads an escaped colon as a literal colon, in the type and in the route', async () => {
    const app = new Engine();
    app.get('/escape/test\\:d2', (c) => {
      // @ts-expect-error -- `\:` starts no param
      c.param('d2');
      c.string(200, c.fullPath());
    });
    expect((await app.inject('/escape/test:d2')).body).to.equal('/escape/test\\:d2');
    expect((await app.inject('/escape/test%5Cabc')).status).to.equal(404);
    expect((await app.inject('/escape/test\\abc')).status).to.equal(404);
  });

  it('types a plain JSON Schema as const, a property with a default as present', async () => {
    const query = {
      type: 'object',
      required: ['q'],
      properties: {
        q: { type: 'string' },
        sort: { type: 'string', enum: ['name', '-name'], default: 'name' },
        limit: { type: 'integer', minimum: 1, default: 20 },
        offset: { type: 'integer' },
        tags: { type: 'array', items: { type: 'string' } },
        age: { type: ['integer', 'null'] },
        mode: { anyOf: [{ const: 'a' }, { const: 'b' }] },
      },
    } as const;
    const app = new Engine();
    app.get('/', { schema: { query } }, (c) => {
      const v = c.valid('query');
      assertType<
        Equal<
          typeof v,
          { q: string; sort: 'name' | '-name'; limit: number; offset?: number; tags?: string[]; age?: number | null; mode?: 'a' | 'b' }
        >
      >(true);
      c.json(200, { limit: v.limit + 1, sort: v.sort });
    });
    expect((await app.inject('/?q=x')).json()).to.deep.equal({ limit: 21, sort: 'name' });
  });

  it('leaves a schema it cannot read unknown', () => {
    const wide: { type: string } = { type: 'string' };
    const app = new Engine();
    app.post('/', { schema: { body: wide, query: { allOf: [{ type: 'object' }] } } }, (c) => {
      assertType<Equal<ReturnType<typeof c.valid<'body'>>, unknown>>(true);
      assertType<Equal<ReturnType<typeof c.valid<'query'>>, unknown>>(true);
      c.string(200, 'ok');
    });
    expect(app.routes().length).to.equal(1);
  });
  it('types c.json(status, body) by the schema of that status in schema.response, TypeBox or JSON Schema as const', async () => {
    const User = Type.Object({ id: Type.Integer(), name: Type.String() });
    const created = { type: 'object', required: ['id'], properties: { id: { type: 'integer' } } } as const;
    const app = new Engine();
    app.post('/users', { schema: { response: { 200: User, 201: created } } }, (c) => {
      assertType<Equal<Parameters<typeof c.json<200>>[1], { id: number; name: string }>>(true);
      assertType<Equal<Parameters<typeof c.json<201>>[1], { id: number }>>(true);
      // A status without a schema takes any body: error answers are not constrained.
      assertType<Equal<Parameters<typeof c.json<404>>[1], unknown>>(true);
      if (c.query('fail') !== undefined) {
        // @ts-expect-error -- name must be a string by the 200 schema
        c.json(200, { id: 1, name: 2 });
        // @ts-expect-error -- id is required by the 201 schema
        c.json(201, {});
      }
      c.json(201, { id: 7 });
    });
    app.get('/plain', (c) => {
      assertType<Equal<Parameters<typeof c.json<200>>[1], unknown>>(true);
      c.json(200, 'anything');
    });
    expect((await app.inject({ method: 'POST', url: '/users' })).json()).to.deep.equal({ id: 7 });
  });
});
