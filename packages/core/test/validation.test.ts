import { expect } from 'chai';
import { Type } from '@sinclair/typebox';
import { Engine, HttpError } from '../src/index.js';
import { SchemaCompiler } from '../src/validation/schema.js';

const User = Type.Object({ name: Type.String({ minLength: 1 }), age: Type.Optional(Type.Integer({ minimum: 0 })) });

const post = (body: string, type = 'application/json') => ({ method: 'POST', url: '/', headers: { 'content-type': type }, body });

describe('binding and validation', () => {
  it('bindJSON resolves the typed value of a valid body', async () => {
    const app = new Engine();
    app.post('/', async (c) => {
      const u = await c.bindJSON(User);
      if (u === undefined) return;
      c.json(200, { name: u.name.toUpperCase(), age: u.age ?? null });
    });
    expect((await app.inject(post('{"name":"ann","age":3}'))).json()).to.deep.equal({ name: 'ANN', age: 3 });
  });

  it('bindJSON answers 400 naming every failing field, aborts, and resolves undefined', async () => {
    const app = new Engine();
    let after = false;
    let value: unknown = 'unset';
    app.post(
      '/',
      async (c) => {
        value = await c.bindJSON(User);
      },
      () => {
        after = true;
      },
    );
    const r = await app.inject(post('{"name":"","age":-1}'));
    expect(r.status).to.equal(400);
    expect(r.json()).to.deep.equal({
      error: 'validation',
      message: 'body/name must NOT have fewer than 1 characters',
      details: [
        { in: 'body', path: '/name', message: 'must NOT have fewer than 1 characters' },
        { in: 'body', path: '/age', message: 'must be >= 0' },
      ],
    });
    expect(value).to.equal(undefined);
    expect(after).to.equal(false);
  });

  it('names a property the schema does not allow, and a missing one, by their own paths', async () => {
    const app = new Engine();
    const Strict = { type: 'object', required: ['name'], additionalProperties: false, properties: { name: { type: 'string' } } };
    app.post('/', { schema: { body: Strict } }, (c) => c.json(200, c.valid('body')));
    const r = await app.inject(post('{"id":7,"a/b":1}'));
    expect(r.status).to.equal(400);
    expect(r.json<{ details: unknown[] }>().details).to.deep.equal([
      { in: 'body', path: '/name', message: "must have required property 'name'" },
      { in: 'body', path: '/id', message: 'must NOT have additional properties' },
      { in: 'body', path: '/a~1b', message: 'must NOT have additional properties' },
    ]);
  });

  it('shouldBindJSON returns the error without answering', async () => {
    const app = new Engine();
    app.post('/', async (c) => {
      const r = await c.shouldBindJSON(User);
      c.json(200, r.error === undefined ? { ok: true } : { status: r.error.status, code: r.error.code });
    });
    expect((await app.inject(post('{'))).json()).to.deep.equal({ status: 400, code: 'ERR_CORE_INVALID_JSON' });
    expect((await app.inject(post('a=b', 'application/x-www-form-urlencoded'))).json()).to.deep.equal({ status: 415, code: 'ERR_CORE_UNSUPPORTED_MEDIA_TYPE' });
  });

  it('binding twice reads the cached body (gin #4110)', async () => {
    const app = new Engine();
    app.post('/', async (c) => {
      const a = await c.bindJSON(User);
      const b = await c.bindJSON(User);
      c.json(200, [a, b]);
    });
    expect((await app.inject(post('{"name":"x"}'))).json()).to.deep.equal([{ name: 'x' }, { name: 'x' }]);
  });

  it('compiles a schema once per schema object', () => {
    const compiler = new SchemaCompiler();
    const schema = { type: 'object' };
    expect(compiler.compile(schema, 'body')).to.equal(compiler.compile(schema, 'body'));
    expect(compiler.compile(schema, 'body')).to.not.equal(compiler.compile({ type: 'object' }, 'body'));
  });

  it('refuses an invalid schema at registration with ERR_CORE_SCHEMA', () => {
    const app = new Engine();
    expect(() => app.post('/', { schema: { body: { type: 'nonsense' } } }, () => undefined)).to.throw(/invalid body schema/);
  });

  it('validates query and headers from route options, coercing text to the schema types', async () => {
    const app = new Engine();
    const query = Type.Object({ page: Type.Integer({ minimum: 1 }), tag: Type.Optional(Type.Array(Type.String())) });
    const headers = Type.Object({ 'x-api-key': Type.String({ minLength: 3 }) });
    app.get('/', { schema: { query, headers } }, (c) => {
      const q = c.valid('query');
      c.json(200, { page: q.page + 1, tag: q.tag ?? [], key: c.valid('headers')['x-api-key'] });
    });
    const ok = await app.inject({ url: '/?page=2&tag=a', headers: { 'X-Api-Key': 'abc' } });
    expect(ok.json()).to.deep.equal({ page: 3, tag: ['a'], key: 'abc' });
    const bad = await app.inject({ url: '/?page=zero', headers: { 'X-Api-Key': 'abc' } });
    expect(bad.status).to.equal(400);
    expect(bad.json<{ details: unknown[] }>().details).to.deep.equal([{ in: 'query', path: '/page', message: 'must be integer' }]);
    const noKey = await app.inject({ url: '/?page=1' });
    expect(noKey.json<{ message: string }>().message).to.equal("headers/x-api-key must have required property 'x-api-key'");
  });

  it('validates an urlencoded form body against the body schema', async () => {
    const app = new Engine();
    app.post('/', { schema: { body: Type.Object({ name: Type.String() }) } }, (c) => c.json(200, c.valid('body')));
    expect((await app.inject(post('name=ann', 'application/x-www-form-urlencoded'))).json()).to.deep.equal({ name: 'ann' });
  });

  it('accepts plain JSON Schema objects, typed from them when written as const', async () => {
    const app = new Engine();
    app.post('/', { schema: { body: { type: 'object', required: ['n'], properties: { n: { type: 'number' } } } as const } }, (c) => {
      c.json(200, c.valid('body').n * 2);
    });
    expect((await app.inject(post('{"n":21}'))).body).to.equal('42');
  });

  it('fills a defaulted TypeBox property before required is checked, so its type may say present', async () => {
    const app = new Engine();
    app.get('/', { schema: { query: Type.Object({ limit: Type.Integer({ default: 20 }) }) } }, (c) => c.json(200, c.valid('query').limit + 1));
    expect((await app.inject('/')).body).to.equal('21');
  });

  it('an empty body on a route with a body schema is a validation error', async () => {
    const app = new Engine();
    app.post('/', { schema: { body: User } }, (c) => c.json(200, c.valid('body')));
    const r = await app.inject({ method: 'POST', url: '/' });
    expect(r.status).to.equal(400);
    expect(r.json<{ details: unknown[] }>().details).to.deep.equal([{ in: 'body', path: '', message: 'must be object' }]);
  });

  it('HttpError carries its status, code and exposure', () => {
    const e = new HttpError(503, 'down', { code: 'ERR_DOWN' });
    expect([e.status, e.code, e.expose]).to.deep.equal([503, 'ERR_DOWN', false]);
  });
});
