// The OpenAPI document against the app it describes: valid OpenAPI 3.1 (the validator core's
// tests use), exactly the router's routes, and for every operation a request provoking each
// status it lists, each answer's status listed and its body matching the listed schema, so a
// status the app answers but does not list, or lists but cannot answer, fails here.
import { Validator } from '@seriousme/openapi-schema-validator';
import type { Engine, InjectResponse } from '@sloe/core';
import { expect } from 'chai';
import { mkdtempSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createApp, type AppOptions } from '../src/app.js';
import type { UserRepository } from '../src/store/repository.js';
import { SqliteUserRepository } from '../src/store/sqlite.js';

// The ajv (8, JSON Schema 2020-12) and formats core validates with, as core resolves them.
const coreRequire = createRequire(import.meta.resolve('@sloe/core'));
interface Ajv {
  addSchema(schema: object): unknown;
  validate(schema: object, data: unknown): boolean;
  errorsText(): string;
}
const { Ajv2020 } = coreRequire('ajv/dist/2020') as { Ajv2020: new (options: object) => Ajv };
const addFormats = coreRequire('ajv-formats') as (ajv: Ajv) => Ajv;

type Content = Record<string, { schema: object }>;
interface Operation {
  operationId?: string;
  responses: Record<string, { description: string; content?: Content }>;
}
interface Document {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, object> };
}

/** The routes that serve the document and its page, which core leaves out of it. */
const DOCUMENTATION_ROUTES = ['GET /openapi.json', 'GET /docs', 'GET /docs/init.js', 'GET /docs/swagger-ui.css', 'GET /docs/swagger-ui-bundle.js', 'GET /docs/favicon-32x32.png'];

const JSON_TYPE = { 'content-type': 'application/json' };
const FORM_TYPE = { 'content-type': 'application/x-www-form-urlencoded' };
/** One byte over the app's 64 KiB body limit, declared in Content-Length. */
const TOO_LARGE = 'x'.repeat(65537);

/** A store whose every call fails, as a database that went away. */
function failingStore(repo: UserRepository): UserRepository {
  return new Proxy(repo, {
    get(target, key, receiver) {
      const value: unknown = Reflect.get(target, key, receiver);
      if (key === 'rateLimitStore' || key === 'close' || typeof value !== 'function') return value;
      return () => Promise.reject(new Error('the store is down'));
    },
  });
}

/** An app over a store of its own, with a cookie jar for the pages' forms. */
class Client {
  readonly app: Engine;
  readonly repo: UserRepository;
  readonly #jar = new Map<string, string>();
  #token: string | undefined;

  constructor(repo: UserRepository, store: UserRepository, options: AppOptions) {
    this.repo = repo;
    this.app = createApp(store, { sessionSecret: 'a secret long enough for the tests of the document', ...options });
  }

  async send(method: string, url: string, headers: Record<string, string> = {}, body?: string): Promise<InjectResponse> {
    const cookie = [...this.#jar].map(([k, v]) => `${k}=${v}`).join('; ');
    const res = await this.app.inject({ method, url, headers: cookie === '' ? headers : { cookie, ...headers }, ...(body === undefined ? {} : { body }) });
    for (const c of res.cookies) {
      const [pair] = c.split(';');
      const eq = pair!.indexOf('=');
      this.#jar.set(pair!.slice(0, eq), pair!.slice(eq + 1));
    }
    return res;
  }

  /** The CSRF token of the forms, from the create page (which reads no store). */
  async token(): Promise<string> {
    if (this.#token === undefined) {
      const page = await this.send('GET', '/users/new');
      this.#token = /name="_csrf" value="([^"]+)"/.exec(page.body)![1]!;
    }
    return this.#token;
  }

  /** A form write: POST with `_method` for PUT and DELETE, as the pages' forms send it. */
  async form(method: 'POST' | 'PUT' | 'DELETE', url: string, fields: Record<string, string>, token = true): Promise<InjectResponse> {
    const all: Record<string, string> = { ...fields };
    if (method !== 'POST') all['_method'] = method;
    if (token) all['_csrf'] = await this.token();
    return this.send('POST', url, FORM_TYPE, new URLSearchParams(all).toString());
  }

  async user(email: string): Promise<{ id: number; etag: string }> {
    const u = await this.repo.create({ name: 'Ada', email, age: null, bio: null });
    return { id: u.id, etag: `"${u.id}.${u.version}"` };
  }
}

/** The apps a case runs on: the default one, one allowing a single write a minute, one over a failed store. */
interface Apps {
  app: Client;
  limited: Client;
  failing: Client;
}

interface Case {
  /** `GET /api/users/{id}` as the document writes it. */
  op: string;
  status: number;
  /** Provokes the answer. */
  run: (a: Apps) => Promise<InjectResponse>;
}

let seq = 0;
function email(): string {
  seq += 1;
  return `user${seq}@example.com`;
}
const USER = (): string => JSON.stringify({ name: 'Ada', email: email() });
const FIELDS = (): Record<string, string> => ({ name: 'Ada', email: email(), age: '', bio: '' });

/** Two writes in a row to the app allowing one: the second is refused, whatever the first got. */
async function twice(write: () => Promise<InjectResponse>): Promise<InjectResponse> {
  await write();
  return write();
}

const CASES: Case[] = [
  { op: 'GET /healthz', status: 200, run: ({ app }) => app.send('GET', '/healthz') },
  { op: 'GET /healthz', status: 503, run: ({ failing }) => failing.send('GET', '/healthz') },
  { op: 'GET /', status: 302, run: ({ app }) => app.send('GET', '/') },

  { op: 'GET /api/users', status: 200, run: ({ app }) => app.send('GET', '/api/users') },
  {
    op: 'GET /api/users',
    status: 304,
    run: async ({ app }) => app.send('GET', '/api/users', { 'if-none-match': (await app.send('GET', '/api/users')).headers['etag']! }),
  },
  { op: 'GET /api/users', status: 400, run: ({ app }) => app.send('GET', '/api/users?limit=0') },
  { op: 'GET /api/users', status: 500, run: ({ failing }) => failing.send('GET', '/api/users') },

  { op: 'POST /api/users', status: 201, run: ({ app }) => app.send('POST', '/api/users', JSON_TYPE, USER()) },
  { op: 'POST /api/users', status: 400, run: ({ app }) => app.send('POST', '/api/users', JSON_TYPE, '{"name":""}') },
  {
    op: 'POST /api/users',
    status: 409,
    run: async ({ app }) => {
      const body = USER();
      await app.send('POST', '/api/users', JSON_TYPE, body);
      return app.send('POST', '/api/users', JSON_TYPE, body);
    },
  },
  { op: 'POST /api/users', status: 415, run: ({ app }) => app.send('POST', '/api/users', { 'content-type': 'text/plain' }, USER()) },
  { op: 'POST /api/users', status: 429, run: ({ limited }) => twice(() => limited.send('POST', '/api/users', JSON_TYPE, USER())) },
  { op: 'POST /api/users', status: 500, run: ({ failing }) => failing.send('POST', '/api/users', JSON_TYPE, USER()) },

  { op: 'GET /api/users/{id}', status: 200, run: async ({ app }) => app.send('GET', `/api/users/${(await app.user(email())).id}`) },
  {
    op: 'GET /api/users/{id}',
    status: 304,
    run: async ({ app }) => {
      const u = await app.user(email());
      return app.send('GET', `/api/users/${u.id}`, { 'if-none-match': u.etag });
    },
  },
  { op: 'GET /api/users/{id}', status: 400, run: ({ app }) => app.send('GET', '/api/users/0x1') },
  { op: 'GET /api/users/{id}', status: 404, run: ({ app }) => app.send('GET', '/api/users/999999') },
  { op: 'GET /api/users/{id}', status: 412, run: async ({ app }) => app.send('GET', `/api/users/${(await app.user(email())).id}`, { 'if-match': '"0.0"' }) },
  { op: 'GET /api/users/{id}', status: 500, run: ({ failing }) => failing.send('GET', '/api/users/1') },

  ...(['PUT', 'PATCH'] as const).flatMap((method): Case[] => {
    const op = `${method} /api/users/{id}`;
    const type = method === 'PATCH' ? { 'content-type': 'application/merge-patch+json' } : JSON_TYPE;
    return [
      { op, status: 200, run: async ({ app }) => app.send(method, `/api/users/${(await app.user(email())).id}`, type, USER()) },
      { op, status: 400, run: async ({ app }) => app.send(method, `/api/users/${(await app.user(email())).id}`, type, '{"email":"nope"}') },
      { op, status: 404, run: ({ app }) => app.send(method, '/api/users/999999', type, USER()) },
      {
        op,
        status: 409,
        run: async ({ app }) => {
          const taken = email();
          await app.user(taken);
          return app.send(method, `/api/users/${(await app.user(email())).id}`, type, JSON.stringify({ name: 'Ada', email: taken }));
        },
      },
      { op, status: 412, run: async ({ app }) => app.send(method, `/api/users/${(await app.user(email())).id}`, { ...type, 'if-match': '"0.0"' }, USER()) },
      { op, status: 415, run: async ({ app }) => app.send(method, `/api/users/${(await app.user(email())).id}`, { 'content-type': 'text/plain' }, USER()) },
      { op, status: 429, run: ({ limited }) => twice(() => limited.send(method, '/api/users/1', type, USER())) },
      { op, status: 500, run: ({ failing }) => failing.send(method, '/api/users/1', type, USER()) },
    ];
  }),

  { op: 'DELETE /api/users/{id}', status: 204, run: async ({ app }) => app.send('DELETE', `/api/users/${(await app.user(email())).id}`) },
  { op: 'DELETE /api/users/{id}', status: 400, run: ({ app }) => app.send('DELETE', '/api/users/01') },
  { op: 'DELETE /api/users/{id}', status: 404, run: ({ app }) => app.send('DELETE', '/api/users/999999') },
  { op: 'DELETE /api/users/{id}', status: 412, run: async ({ app }) => app.send('DELETE', `/api/users/${(await app.user(email())).id}`, { 'if-match': '"0.0"' }) },
  { op: 'DELETE /api/users/{id}', status: 429, run: ({ limited }) => twice(() => limited.send('DELETE', '/api/users/999999')) },
  { op: 'DELETE /api/users/{id}', status: 500, run: ({ failing }) => failing.send('DELETE', '/api/users/1') },

  { op: 'GET /users', status: 200, run: ({ app }) => app.send('GET', '/users') },
  { op: 'GET /users', status: 302, run: ({ app }) => app.send('GET', '/users?page=999') },
  { op: 'GET /users', status: 500, run: ({ failing }) => failing.send('GET', '/users') },
  { op: 'GET /users/new', status: 200, run: ({ app }) => app.send('GET', '/users/new') },
  ...(['/users/{id}', '/users/{id}/edit', '/users/{id}/delete'] as const).flatMap((pattern): Case[] => {
    const op = `GET ${pattern}`;
    const url = (id: number | string): string => pattern.replace('{id}', String(id));
    return [
      { op, status: 200, run: async ({ app }) => app.send('GET', url((await app.user(email())).id)) },
      { op, status: 404, run: ({ app }) => app.send('GET', url('nope')) },
      { op, status: 500, run: ({ failing }) => failing.send('GET', url(1)) },
    ];
  }),

  ...(['POST', 'PUT', 'DELETE'] as const).flatMap((method): Case[] => {
    const op = `${method} ${method === 'POST' ? '/users' : '/users/{id}'}`;
    const target = async (c: Client): Promise<string> => (method === 'POST' ? '/users' : `/users/${(await c.user(email())).id}`);
    const fields = (): Record<string, string> => (method === 'DELETE' ? {} : FIELDS());
    const cases: Case[] = [
      { op, status: 303, run: async ({ app }) => app.form(method, await target(app), fields()) },
      {
        op,
        status: 400,
        // Sent with the route's own method: a POST carrying `_method` in a form that cannot be read stays a POST.
        run: async ({ app }) => app.send(method, await target(app), { 'content-type': 'multipart/form-data; boundary=x' }, 'not a multipart body'),
      },
      { op, status: 403, run: async ({ app }) => app.form(method, await target(app), fields(), false) },
      { op, status: 415, run: async ({ app }) => app.send(method, await target(app), JSON_TYPE, USER()) },
      { op, status: 429, run: ({ limited }) => twice(() => limited.form(method, method === 'POST' ? '/users' : '/users/1', fields())) },
      { op, status: 500, run: async ({ failing }) => failing.form(method, method === 'POST' ? '/users' : '/users/1', fields()) },
    ];
    if (method !== 'POST') cases.push({ op, status: 404, run: ({ app }) => app.form(method, '/users/999999', fields()) });
    if (method !== 'DELETE') {
      cases.push({ op, status: 422, run: async ({ app }) => app.form(method, await target(app), { ...FIELDS(), email: 'nope' }) });
      cases.push({
        op,
        status: 409,
        run: async ({ app }) => {
          const taken = email();
          await app.user(taken);
          return app.form(method, await target(app), { ...FIELDS(), email: taken });
        },
      });
    }
    return cases;
  }),
];

/** Every operation of the document answers 413 to a declared Content-Length over the limit, before it runs. */
function tooLargeCase(op: string): Case {
  const [method, pattern] = op.split(' ') as [string, string];
  const url = pattern.replace('{id}', '1');
  // A page's write must be a form to get past its form check, which runs first.
  const type = method !== 'GET' && pattern.startsWith('/users') ? FORM_TYPE : JSON_TYPE;
  return { op, status: 413, run: ({ app }) => app.send(method, url, type, TOO_LARGE) };
}

function operations(doc: Document): string[] {
  return Object.entries(doc.paths).flatMap(([p, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`));
}

describe('the OpenAPI document', function () {
  this.timeout(120000);
  const dirs: string[] = [];
  const repos: UserRepository[] = [];
  let apps: Apps;
  let doc: Document;

  function open(options: AppOptions, failing = false): Client {
    const dir = mkdtempSync(path.join(tmpdir(), 'sloe-demo-openapi-'));
    dirs.push(dir);
    const repo = SqliteUserRepository.open({ path: path.join(dir, 'demo.db') });
    repos.push(repo);
    return new Client(repo, failing ? failingStore(repo) : repo, options);
  }

  before(async () => {
    // Every app limits writes, as by default, so that each document lists the 429 of the writes.
    apps = { app: open({ writeRateLimit: 100000 }), limited: open({ writeRateLimit: 1 }), failing: open({ writeRateLimit: 100000 }, true) };
    const res = await apps.app.send('GET', '/openapi.json');
    expect(res.status).to.equal(200);
    doc = res.json<Document>();
  });
  after(async () => {
    for (const r of repos) await r.close();
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it('validates against the OpenAPI 3.1 schema', async () => {
    const result = await new Validator().validate(doc as unknown as Parameters<Validator['validate']>[0]);
    expect(result.errors).to.equal(undefined);
    expect(result.valid).to.equal(true);
  });

  it('has an operation for every route of the router and no other, less the document and its page', () => {
    const routes = apps.app.app.routes().map((r) => `${r.method} ${r.path.replace(/:([a-z]+)/g, '{$1}')}`);
    expect(routes).to.include.members(DOCUMENTATION_ROUTES);
    expect(operations(doc).sort()).to.deep.equal(routes.filter((r) => !DOCUMENTATION_ROUTES.includes(r)).sort());
  });

  it('lists no 429 when writes are not limited', async () => {
    const unlimited = (await open({ writeRateLimit: false }).send('GET', '/openapi.json')).json<Document>();
    const statuses = Object.values(unlimited.paths).flatMap((ops) => Object.values(ops).flatMap((o) => Object.keys(o.responses)));
    expect(statuses).to.include('413').and.not.include('429');
    const limited = Object.values(doc.paths).flatMap((ops) => Object.values(ops).flatMap((o) => Object.keys(o.responses)));
    expect(limited).to.include('429');
  });

  it('lists only the statuses the app answers, and the app answers each as listed', async () => {
    const ajv = new Ajv2020({ strict: false, allErrors: true });
    addFormats(ajv);
    ajv.addSchema({ $id: 'doc', components: doc.components });
    const provoked = new Map<string, Set<string>>();
    for (const c of [...CASES, ...operations(doc).map(tooLargeCase)]) {
      const res = await c.run(apps);
      const where = `${c.op} answering ${c.status}`;
      expect(res.status, `${where}: ${res.body.slice(0, 300)}`).to.equal(c.status);
      const [method, pattern] = c.op.split(' ') as [string, string];
      const documented = doc.paths[pattern]?.[method.toLowerCase()]?.responses[String(c.status)];
      expect(documented, `${where}: not in the document`).to.not.equal(undefined);
      const type = (res.headers['content-type'] ?? '').split(';')[0]!;
      if (documented!.content === undefined) {
        expect(res.body, `${where}: a body the document does not list`).to.equal('');
      } else {
        expect(Object.keys(documented!.content), `${where}: its media type`).to.include(type);
        if (type === 'application/json') {
          const schema = JSON.parse(JSON.stringify(documented!.content[type]!.schema).replaceAll('"#/components/', '"doc#/components/')) as object;
          const valid = ajv.validate(schema, res.json());
          expect(valid, `${where}: ${ajv.errorsText()} in ${res.body.slice(0, 300)}`).to.equal(true);
        }
      }
      const seen = provoked.get(c.op) ?? new Set<string>();
      seen.add(String(c.status));
      provoked.set(c.op, seen);
    }
    // Every status the document lists was provoked: none is listed that the app cannot answer.
    const listed = operations(doc).map((op) => {
      const [method, pattern] = op.split(' ') as [string, string];
      return [op, Object.keys(doc.paths[pattern]![method.toLowerCase()]!.responses).sort()];
    });
    expect(listed).to.deep.equal(operations(doc).map((op) => [op, [...(provoked.get(op) ?? [])].sort()]));
  });
});
