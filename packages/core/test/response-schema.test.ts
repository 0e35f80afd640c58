import { expect } from 'chai';
import { execFileSync } from 'node:child_process';
import { pino } from 'pino';
import { Type } from '@sinclair/typebox';
import { Engine, type EngineOptions } from '../src/index.js';

function capturingLogger(): { log: pino.Logger; lines: Record<string, unknown>[] } {
  const lines: Record<string, unknown>[] = [];
  const log = pino({ level: 'info' }, { write: (s: string) => void lines.push(JSON.parse(s) as Record<string, unknown>) });
  return { log, lines };
}

const User = Type.Object({ id: Type.Integer(), name: Type.String(), joined: Type.Optional(Type.String({ format: 'date-time' })) });

/** An app whose GET /user answers 200 with `body` under the User schema. */
function appSending(body: unknown, options: EngineOptions = {}): Engine {
  const app = new Engine(options);
  app.get('/user', { schema: { response: { 200: User } } }, (c) => c.json(200, body as { id: number; name: string }));
  return app;
}

describe('response schemas', () => {
  it('serialize a body with the compiled serializer: the schema order of fields, a Date as its date-time', async () => {
    const app = appSending({ name: 'Ada', joined: new Date(Date.UTC(2026, 0, 2)), id: 1 });
    const r = await app.inject('/user');
    expect(r.status).to.equal(200);
    expect(r.headers['content-type']).to.equal('application/json; charset=utf-8');
    expect(r.body).to.equal('{"id":1,"name":"Ada","joined":"2026-01-02T00:00:00.000Z"}');
  });

  it('leave a status without a schema to JSON.stringify', async () => {
    const app = new Engine();
    app.get('/x', { schema: { response: { 200: User } } }, (c) => c.json(404, { name: 'Ada', id: 1, extra: true }));
    expect((await app.inject('/x')).body).to.equal('{"name":"Ada","id":1,"extra":true}');
  });

  const mismatches: { name: string; body: unknown; field: RegExp }[] = [
    { name: 'a field the schema does not declare, though additionalProperties is not false', body: { id: 1, name: 'Ada', password: 'x' }, field: /\/password is not in the schema: the serializer drops it/ },
    { name: 'a missing required field', body: { id: 1 }, field: /\/name must have required property 'name'/ },
    { name: 'a field of the wrong type', body: { id: 1.5, name: 'Ada' }, field: /\/id must be integer/ },
    { name: 'a body of the wrong kind', body: [{ id: 1, name: 'Ada' }], field: /\/ must be object/ },
  ];
  for (const m of mismatches) {
    it(`outside production answer 500 ERR_CORE_RESPONSE_MISMATCH naming the field, and log it: ${m.name}`, async () => {
      const { log, lines } = capturingLogger();
      const app = Engine.default({ logger: log, responseCheck: 'error' });
      app.get('/user', { schema: { response: { 200: User } } }, (c) => c.json(200, m.body as { id: number; name: string }));
      const r = await app.inject('/user');
      expect(r.status).to.equal(500);
      const answer = r.json<{ error: string; message: string }>();
      expect(answer.error).to.equal('ERR_CORE_RESPONSE_MISMATCH');
      expect(answer.message).to.match(/^the 200 response of GET \/user does not match its schema: /);
      expect(answer.message).to.match(m.field);
      const failure = lines.find((l) => l['level'] === 50);
      expect((failure?.['err'] as { message: string } | undefined)?.message).to.match(m.field);
    });
  }

  it('check nested objects, arrays and the undeclared fields inside them', async () => {
    const List = Type.Object({ items: Type.Array(User) });
    const app = new Engine({ responseCheck: 'error' });
    const body: unknown = { items: [{ id: 1, name: 'a' }, { id: 2, name: 'b', secret: 's' }] };
    app.get('/users', { schema: { response: { 200: List } } }, (c) => c.json(200, body as { items: { id: number; name: string }[] }));
    const r = await app.inject('/users');
    expect(r.status).to.equal(500);
    expect(r.json<{ message: string }>().message).to.match(/\/items\/1\/secret is not in the schema/);
  });

  it("with responseCheck 'log', send the body as the schema says and log the mismatch once per route", async () => {
    const { log, lines } = capturingLogger();
    const app = appSending({ id: 1, name: 'Ada', password: 'x' }, { logger: log, responseCheck: 'log' });
    for (let i = 0; i < 3; i++) {
      const r = await app.inject('/user');
      expect(r.status).to.equal(200);
      expect(r.body).to.equal('{"id":1,"name":"Ada"}');
    }
    const warnings = lines.filter((l) => l['level'] === 40);
    expect(warnings).to.have.length(1);
    expect(warnings[0]).to.include({ route: 'GET /user', status: 200 });
    expect(warnings[0]!['fields']).to.deep.equal(['/password is not in the schema: the serializer drops it']);
  });

  it("with responseCheck 'log', still answer 500 for a body the serializer cannot write at all", async () => {
    const app = appSending({ id: 1 }, { responseCheck: 'log' });
    const r = await app.inject('/user');
    expect(r.status).to.equal(500);
    expect(r.json<{ error: string }>().error).to.equal('ERR_CORE_RESPONSE_MISMATCH');
  });

  it("with responseCheck 'off', only serialize, logging nothing", async () => {
    const { log, lines } = capturingLogger();
    const app = appSending({ id: 1, name: 'Ada', password: 'x' }, { logger: log, responseCheck: 'off' });
    expect((await app.inject('/user')).body).to.equal('{"id":1,"name":"Ada"}');
    expect(lines).to.deep.equal([]);
  });

  it("check 'log' by default under NODE_ENV=production, 'error' otherwise", async () => {
    const before = process.env['NODE_ENV'];
    try {
      process.env['NODE_ENV'] = 'production';
      expect((await appSending({ id: 1, name: 'Ada', password: 'x' }).inject('/user')).body).to.equal('{"id":1,"name":"Ada"}');
      process.env['NODE_ENV'] = 'development';
      expect((await appSending({ id: 1, name: 'Ada', password: 'x' }).inject('/user')).status).to.equal(500);
    } finally {
      if (before === undefined) delete process.env['NODE_ENV'];
      else process.env['NODE_ENV'] = before;
    }
  });

  it('check bodies sent by abortWithStatusJSON too', async () => {
    const app = new Engine({ responseCheck: 'error' });
    const Denied = Type.Object({ error: Type.String() });
    app.get('/x', { schema: { response: { 403: Denied } } }, (c) => c.abortWithStatusJSON(403, { error: 'no', why: 'secret' }));
    const r = await app.inject('/x');
    expect(r.status).to.equal(500);
    expect(r.json<{ message: string }>().message).to.match(/\/why is not in the schema/);
  });

  it('load fast-json-stringify only when a route has a response schema', () => {
    const probe = (withSchema: boolean): string =>
      execFileSync(
        process.execPath,
        [
          '--input-type=module',
          '-e',
          `import { createRequire } from 'node:module';
           import { Engine } from '@sloe/core';
           const app = new Engine();
           app.get('/', ${withSchema ? "{ schema: { response: { 200: { type: 'object' } } } }, " : ''}(c) => c.json(200, {}));
           await app.inject('/');
           const loaded = Object.keys(createRequire(import.meta.url).cache).some((k) => k.includes('fast-json-stringify'));
           process.stdout.write(String(loaded));`,
        ],
        { encoding: 'utf8', cwd: new URL('.', import.meta.url) },
      );
    expect([probe(false), probe(true)]).to.deep.equal(['false', 'true']);
  });
});
