import { expect } from 'chai';
import { existsSync } from 'node:fs';
import { Type } from '@sinclair/typebox';
import { Validator } from '@seriousme/openapi-schema-validator';
import { chromium } from 'playwright-core';
import { Engine, basicAuth, bearerAuth, csrf, documentMiddleware, jwt, rateLimit } from '../src/index.js';
import { skipBecause } from '../../../test/support/skip.js';

type Op = { responses: Record<string, { description: string; content?: Record<string, { schema: unknown }> }>; security?: unknown; deprecated?: boolean; requestBody?: { content: Record<string, unknown> }; operationId?: string; summary?: string; tags?: string[] };
type Doc = { paths: Record<string, Record<string, Op>>; components?: { schemas?: Record<string, unknown>; securitySchemes?: Record<string, unknown> } };

async function validate(doc: unknown): Promise<unknown> {
  const result = await new Validator().validate(doc as Parameters<Validator['validate']>[0]);
  return result.valid ? true : result.errors;
}

function documentedApp(): Engine {
  const app = new Engine({ openapi: { info: { title: 'Shop', version: '2.0.0' }, schemas: { Problem: ProblemSchema }, securitySchemes: { apiKey: { type: 'apiKey', name: 'X-Key', in: 'header' } } } });
  const admin = app.group('/admin', basicAuth({ username: 'a', password: 'b' }));
  admin.get('/stats', { operationId: 'stats', summary: 'Statistics', tags: ['admin'], schema: { response: { 200: Type.Object({ n: Type.Integer() }) } } }, (c) => c.json(200, { n: 1 }));
  const api = app.group('/api', rateLimit({ limit: 10, windowMs: 60000 }), csrf());
  api.get('/items/:id', { description: 'One item', deprecated: true, schema: { params: Type.Object({ id: Type.Integer() }), response: { 200: Item, 404: ProblemSchema } } }, (c) => c.json(200, { id: 1, name: 'x' }));
  api.post('/items', { schema: { body: Item, response: { 201: Item } }, responses: { 201: { description: 'Created', headers: { Location: { description: 'The new item' } } } } }, (c) => c.json(201, { id: 1, name: 'x' }));
  api.patch('/items/:id', { consumes: ['application/merge-patch+json'], responses: { 204: 'Changed' } }, (c) => c.noContent());
  app.get('/tokens', { security: [{ apiKey: [] }], responses: { 200: { description: 'Tokens', mediaTypes: ['text/plain'] } } }, (c) => c.string(200, 't'));
  app.get('/me', bearerAuth({ token: 't' }), (c) => c.json(200, {}));
  app.get('/jwt', jwt({ secret: 'a-secret-of-enough-length', alg: 'HS256' }), (c) => c.json(200, {}));
  return app;
}

const Item = Type.Object({ id: Type.Integer(), name: Type.String() }, { $id: 'Item' });
const ProblemSchema = { type: 'object', required: ['error'], properties: { error: { type: 'string' } } } as const;

describe('the OpenAPI document', () => {
  it('validates against the OpenAPI 3.1 schema', async () => {
    expect(await validate(documentedApp().openapi())).to.equal(true);
  });

  it('puts named schemas (TypeBox $id, or named in the options) in components and references them', () => {
    const doc = documentedApp().openapi() as unknown as Doc;
    expect(doc.components?.schemas).to.deep.equal({
      Item: { type: 'object', properties: { id: { type: 'integer' }, name: { type: 'string' } }, required: ['id', 'name'] },
      Problem: { type: 'object', required: ['error'], properties: { error: { type: 'string' } } },
    });
    const get = doc.paths['/api/items/{id}']!['get']!;
    expect(get.responses['200']!.content).to.deep.equal({ 'application/json': { schema: { $ref: '#/components/schemas/Item' } } });
    expect(get.responses['404']!.content).to.deep.equal({ 'application/json': { schema: { $ref: '#/components/schemas/Problem' } } });
  });

  it('resolves a $ref written by $id (TypeBox Type.Ref) to the component', async () => {
    const app = new Engine();
    app.get('/a', { schema: { response: { 200: Item } } }, (c) => c.json(200, { id: 1, name: 'a' }));
    app.get('/list', { responses: { 200: 'ok' }, schema: { response: { 200: Type.Array(Type.Ref(Item)) } } }, (c) => c.json(200, []));
    const doc = app.openapi() as unknown as Doc;
    expect(doc.paths['/list']!['get']!.responses['200']!.content!['application/json']!.schema).to.deep.equal({ type: 'array', items: { $ref: '#/components/schemas/Item' } });
    expect(await validate(doc)).to.equal(true);
  });

  it('lists the security schemes of the auth middleware, and those declared by hand', () => {
    const doc = documentedApp().openapi() as unknown as Doc;
    expect(doc.components?.securitySchemes).to.deep.equal({
      apiKey: { type: 'apiKey', name: 'X-Key', in: 'header' },
      basicAuth: { type: 'http', scheme: 'basic' },
      bearerAuth: { type: 'http', scheme: 'bearer' },
      jwt: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' },
    });
    expect(doc.paths['/admin/stats']!['get']!.security).to.deep.equal([{ basicAuth: [] }]);
    expect(doc.paths['/me']!['get']!.security).to.deep.equal([{ bearerAuth: [] }]);
    expect(doc.paths['/jwt']!['get']!.security).to.deep.equal([{ jwt: [] }]);
    expect(doc.paths['/tokens']!['get']!.security).to.deep.equal([{ apiKey: [] }]);
    expect(doc.paths['/api/items/{id}']!['get']!.security).to.equal(undefined);
  });

  it('lists exactly the statuses a route answers: its schemas, validation, body limits and its middleware', () => {
    const doc = documentedApp().openapi() as unknown as Doc;
    const statuses = (path: string, method: string): string[] => Object.keys(doc.paths[path]![method]!.responses);
    expect(statuses('/admin/stats', 'get')).to.deep.equal(['200', '401']);
    // csrf answers 403 only on unsafe methods; rateLimit 429 on all.
    expect(statuses('/api/items/{id}', 'get')).to.deep.equal(['200', '400', '404', '429']);
    expect(statuses('/api/items', 'post')).to.deep.equal(['201', '400', '403', '413', '415', '429']);
    expect(statuses('/api/items/{id}', 'patch')).to.deep.equal(['204', '403', '429']);
    expect(statuses('/me', 'get')).to.deep.equal(['200', '400', '401']);
  });

  it('writes request and response media types, headers, summary, description, tags, deprecated and operationId', () => {
    const doc = documentedApp().openapi() as unknown as Doc;
    const stats = doc.paths['/admin/stats']!['get']!;
    expect([stats.operationId, stats.summary, stats.tags]).to.deep.equal(['stats', 'Statistics', ['admin']]);
    const get = doc.paths['/api/items/{id}']!['get']!;
    expect([get.deprecated, (get as { description?: string }).description]).to.deep.equal([true, 'One item']);
    expect(Object.keys(doc.paths['/api/items']!['post']!.requestBody!.content)).to.deep.equal(['application/json', 'application/x-www-form-urlencoded', 'multipart/form-data']);
    expect(Object.keys(doc.paths['/api/items/{id}']!['patch']!.requestBody!.content)).to.deep.equal(['application/merge-patch+json']);
    expect(doc.paths['/api/items/{id}']!['patch']!.responses['204']).to.deep.equal({ description: 'Changed' });
    expect(doc.paths['/tokens']!['get']!.responses['200']).to.deep.equal({ description: 'Tokens', content: { 'text/plain': { schema: {} } } });
    expect(doc.paths['/api/items']!['post']!.responses['201']).to.deep.equal({
      description: 'Created',
      headers: { Location: { description: 'The new item', schema: { type: 'string' } } },
      content: { 'application/json': { schema: { $ref: '#/components/schemas/Item' } } },
    });
  });

  it('publishes a body the route checks itself (requestBody), under its media types, with 413 and no 400 of its own', async () => {
    const app = new Engine();
    app.post('/a', { requestBody: { schema: Item, description: 'An item' } }, (c) => c.json(200, {}));
    app.patch('/a/:id', { consumes: ['application/merge-patch+json', 'application/json'], requestBody: { schema: ProblemSchema } }, (c) => c.noContent());
    const doc = app.openapi() as unknown as Doc;
    const post = doc.paths['/a']!['post']!;
    expect(post.requestBody).to.deep.equal({ required: true, description: 'An item', content: { 'application/json': { schema: { $ref: '#/components/schemas/Item' } } } });
    expect(Object.keys(post.responses)).to.deep.equal(['200', '413']);
    expect(Object.keys(doc.paths['/a/{id}']!['patch']!.requestBody!.content)).to.deep.equal(['application/merge-patch+json', 'application/json']);
    expect(await validate(doc)).to.equal(true);
    // Documented only: the route still takes any body.
    expect((await app.inject({ method: 'POST', url: '/a', headers: { 'content-type': 'application/json' }, body: '{"x":1}' })).status).to.equal(200);
  });

  it('gives a parameter the description of its schema, which viewers show', () => {
    const app = new Engine();
    app.get('/a/:id', { schema: { params: Type.Object({ id: Type.Integer({ description: 'The id' }) }), query: Type.Object({ q: Type.Optional(Type.String()) }) } }, (c) => c.json(200, {}));
    const op = (app.openapi() as unknown as { paths: Record<string, Record<string, { parameters: unknown[] }>> }).paths['/a/{id}']!['get']!;
    expect(op.parameters).to.deep.equal([
      { name: 'id', in: 'path', required: true, schema: { type: 'integer', description: 'The id' }, description: 'The id' },
      { name: 'q', in: 'query', required: false, schema: { type: 'string' } },
    ]);
  });

  it('takes the statuses of a hand-documented middleware', () => {
    const app = new Engine();
    const tenant = documentMiddleware(async function tenant() {}, { responses: { 402: 'Payment required' } });
    app.get('/x', tenant, (c) => c.json(200, {}));
    expect(Object.keys((app.openapi() as unknown as Doc).paths['/x']!['get']!.responses)).to.deep.equal(['200', '402']);
  });
});

describe('app.docs()', function () {
  this.timeout(60000);

  it('serves the page, the swagger-ui-dist files and the document, each with the policy, none in the document', async () => {
    const app = new Engine();
    app.get('/ping', (c) => c.string(200, 'pong'));
    app.docs('/docs');
    const page = await app.inject('/docs');
    expect(page.status).to.equal(200);
    expect(page.headers['content-security-policy']).to.equal("default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'self'");
    expect(page.body).to.include('data-url="/docs/openapi.json"').and.not.match(/https?:\/\//);
    for (const file of ['swagger-ui.css', 'swagger-ui-bundle.js', 'init.js', 'openapi.json']) {
      expect((await app.inject(`/docs/${file}`)).status, file).to.equal(200);
    }
    expect(Object.keys(app.openapi().paths)).to.deep.equal(['/ping']);
  });

  it('renders the document in headless Chromium with no request to another origin and no policy violation', async function () {
    if (!existsSync('/usr/bin/chromium')) skipBecause(this, 'chromium', '/usr/bin/chromium is not installed');
    const app = new Engine({ openapi: { info: { title: 'Shop', version: '2.0.0' } } });
    app.get('/items/:id', { summary: 'Get an item', schema: { response: { 200: Item } } }, (c) => c.json(200, { id: 1, name: 'x' }));
    app.docs('/docs');
    const server = await app.listen({ port: 0, host: '127.0.0.1' });
    const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: ['--no-sandbox', '--disable-gpu'] });
    try {
      const page = await browser.newPage();
      const origin = `http://127.0.0.1:${server.port}`;
      const foreign: string[] = [];
      const violations: string[] = [];
      page.on('request', (r) => {
        if (!r.url().startsWith(origin) && !r.url().startsWith('data:')) foreign.push(r.url());
      });
      page.on('console', (m) => {
        if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
      });
      await page.goto(`${origin}/docs`);
      await page.waitForSelector('.opblock-summary-path', { timeout: 30000 });
      expect(await page.textContent('.info .title')).to.match(/Shop/);
      expect(await page.textContent('.opblock-summary-path')).to.equal('/items/{id}');
      expect({ foreign, violations }).to.deep.equal({ foreign: [], violations: [] });
    } finally {
      await browser.close();
      await server.close();
    }
  });
});
