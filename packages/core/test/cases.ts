// One app and one table of HTTP cases, run over every way (inject, supertest, sockets).
import { fileURLToPath } from 'node:url';
import { Engine, HttpError, recovery } from '../src/index.js';
import type { CaseRequest, CaseResponse } from './ways.js';

export const publicDir = fileURLToPath(new URL('./fixtures/public/', import.meta.url));

const userBody = {
  type: 'object',
  properties: { name: { type: 'string', minLength: 1 }, email: { type: 'string', format: 'email' } },
  required: ['name', 'email'],
  additionalProperties: false,
} as const;

/** The app every case runs against. */
export function buildApp(): Engine {
  const app = new Engine({ bodyLimit: 1024 });
  app.use(recovery());
  app.get('/', (c) => c.json(200, { hello: 'world' }));
  app.get('/users/:id', (c) => c.json(200, { id: c.param('id') }));
  app.delete('/users/:id', (c) => c.noContent());
  app.post('/users', { schema: { body: userBody } }, (c) => c.json(201, c.valid('body')));
  app.get('/items/:id', { schema: { params: { type: 'object', properties: { id: { type: 'integer', minimum: 1 } } } } }, (c) => c.json(200, { id: c.valid('params') }));
  app.get('/search', (c) => c.json(200, { q: c.query('q') ?? null, ids: c.queryArray('id'), page: c.defaultQuery('page', '1'), filter: c.queryMap('f') }));
  app.post('/echo', async (c) => {
    const first = await c.body.text();
    const second = await c.body.text();
    c.string(200, '%s|%s', first, second);
  });
  app.get('/boom', () => {
    throw new Error('secret detail');
  });
  app.get('/teapot', async () => {
    await Promise.resolve();
    throw new HttpError(418, 'short and stout');
  });
  app.handle('PURGE', '/cache', (c) => c.string(200, 'purged'));
  app.get('/ip', (c) => c.string(200, c.clientIP()));
  app.get('/cookie', (c) => {
    c.setCookie('seen', c.cookie('visit') ?? 'none', { maxAge: 60 });
    c.string(200, 'ok');
  });
  const v1 = app.group('/v1');
  v1.get('/who', (c) => c.json(200, { user: c.get<string>('user') ?? null }));
  v1.use((c) => {
    c.set('user', 'alice');
    return c.next();
  });
  app.static('/assets', publicDir);
  return app;
}

/** A case: a request and what the response must hold. */
export interface HttpCase {
  name: string;
  req: CaseRequest;
  status: number;
  headers?: Record<string, string | RegExp>;
  body?: string | RegExp;
  json?: unknown;
  /** Extra checks on the response. */
  check?: (r: CaseResponse) => void;
}

const json = { 'content-type': 'application/json' };

export const cases: HttpCase[] = [
  { name: 'GET / answers JSON', req: { method: 'GET', url: '/' }, status: 200, headers: { 'content-type': 'application/json; charset=utf-8', 'content-length': '17' }, body: '{"hello":"world"}' },
  { name: 'route params are decoded', req: { method: 'GET', url: '/users/j%C3%BCrgen' }, status: 200, json: { id: 'jürgen' } },
  { name: 'HEAD is answered from GET without a body', req: { method: 'HEAD', url: '/users/42' }, status: 200, headers: { 'content-length': '11' }, body: '' },
  { name: 'OPTIONS is answered with Allow', req: { method: 'OPTIONS', url: '/users/42' }, status: 204, headers: { allow: 'DELETE, GET, HEAD, OPTIONS' } },
  { name: 'another method on a known path is 405 with Allow', req: { method: 'PUT', url: '/users/42' }, status: 405, headers: { allow: 'DELETE, GET, HEAD, OPTIONS' }, body: '405 method not allowed' },
  { name: 'a trailing slash redirects with 301 for GET', req: { method: 'GET', url: '/users/42/?x=1' }, status: 301, headers: { location: '/users/42?x=1' } },
  { name: 'an unknown path is 404', req: { method: 'GET', url: '/nope' }, status: 404, body: '404 page not found' },
  { name: 'a valid body passes validation', req: { method: 'POST', url: '/users', headers: json, body: '{"name":"Ann","email":"ann@example.com"}' }, status: 201, json: { name: 'Ann', email: 'ann@example.com' } },
  {
    name: 'an invalid body gets the 400 body of DESIGN.md',
    req: { method: 'POST', url: '/users', headers: json, body: '{"name":"Ann","email":"nope"}' },
    status: 400,
    json: { error: 'validation', message: 'body/email must match format "email"', details: [{ in: 'body', path: '/email', message: 'must match format "email"' }] },
  },
  {
    name: 'a missing field is named in the 400 body',
    req: { method: 'POST', url: '/users', headers: json, body: '{"email":"ann@example.com"}' },
    status: 400,
    json: { error: 'validation', message: "body/name must have required property 'name'", details: [{ in: 'body', path: '/name', message: "must have required property 'name'" }] },
  },
  { name: 'malformed JSON is 400, not 500', req: { method: 'POST', url: '/users', headers: json, body: '{"name":' }, status: 400, body: /ERR_CORE_INVALID_JSON/ },
  { name: 'an unreadable Content-Type is 415', req: { method: 'POST', url: '/users', headers: { 'content-type': 'text/csv' }, body: 'a,b' }, status: 415, body: /ERR_CORE_UNSUPPORTED_MEDIA_TYPE/ },
  { name: 'a body over the limit is 413', req: { method: 'POST', url: '/users', headers: json, body: `{"name":"${'x'.repeat(2000)}"}` }, status: 413, body: /ERR_CORE_BODY_TOO_LARGE/ },
  { name: 'params are coerced and validated', req: { method: 'GET', url: '/items/7' }, status: 200, json: { id: { id: 7 } } },
  { name: 'an invalid param is 400', req: { method: 'GET', url: '/items/0' }, status: 400, json: { error: 'validation', message: 'params/id must be >= 1', details: [{ in: 'params', path: '/id', message: 'must be >= 1' }] } },
  { name: 'query helpers read single, repeated, default and map values', req: { method: 'GET', url: '/search?q=a+b&id=1&id=2&f[x]=1&f[y]=2' }, status: 200, json: { q: 'a b', ids: ['1', '2'], page: '1', filter: { x: '1', y: '2' } } },
  { name: 'reading the body twice gives the same bytes (gin #4110)', req: { method: 'POST', url: '/echo', headers: { 'content-type': 'text/plain' }, body: 'hi' }, status: 200, body: 'hi|hi' },
  { name: 'a thrown error is a 500 without its message', req: { method: 'GET', url: '/boom', headers: { accept: 'application/json' } }, status: 500, json: { error: 'ERR_CORE_INTERNAL', message: 'Internal Server Error' } },
  { name: 'a 500 is text when Accept prefers text', req: { method: 'GET', url: '/boom', headers: { accept: 'text/plain' } }, status: 500, body: 'Internal Server Error' },
  { name: 'an HttpError answers its status and message', req: { method: 'GET', url: '/teapot' }, status: 418, json: { error: 'ERR_HTTP', message: 'short and stout' } },
  { name: 'a custom method is routed', req: { method: 'PURGE', url: '/cache' }, status: 200, body: 'purged' },
  { name: 'X-Forwarded-For is ignored without trusted proxies (gin #2809)', req: { method: 'GET', url: '/ip', headers: { 'x-forwarded-for': '6.6.6.6' } }, status: 200, body: /^(127\.0\.0\.1|::1|::ffff:127\.0\.0\.1)$/ },
  { name: 'cookies are read and set', req: { method: 'GET', url: '/cookie', headers: { cookie: 'visit=a%20b' } }, status: 200, headers: { 'set-cookie': 'seen=a%20b; Max-Age=60; Path=/; HttpOnly; SameSite=Lax' } },
  { name: 'group middleware added after a route still applies (gin #1224)', req: { method: 'GET', url: '/v1/who' }, status: 200, json: { user: 'alice' } },
  { name: 'static files have Content-Type, ETag and Last-Modified', req: { method: 'GET', url: '/assets/hello.txt' }, status: 200, headers: { 'content-type': 'text/plain; charset=utf-8', etag: /^W\/"/, 'last-modified': /GMT$/ }, body: 'hello static' },
  { name: 'a static directory serves its index.html', req: { method: 'GET', url: '/assets/' }, status: 200, body: '<h1>index</h1>\n' },
  { name: 'a static byte range is 206', req: { method: 'GET', url: '/assets/hello.txt', headers: { range: 'bytes=6-' } }, status: 206, headers: { 'content-range': 'bytes 6-11/12' }, body: 'static' },
  { name: 'an unsatisfiable range is 416', req: { method: 'GET', url: '/assets/hello.txt', headers: { range: 'bytes=50-' } }, status: 416 },
  { name: 'static path traversal is refused', req: { method: 'GET', url: '/assets/%2e%2e/secret.txt' }, status: 404 },
  { name: 'static dotfiles are not served', req: { method: 'GET', url: '/assets/.env' }, status: 404 },
  { name: 'a static file asked for with a trailing slash is not found', req: { method: 'GET', url: '/assets/hello.txt/' }, status: 404 },
  { name: 'a static file asked for as a directory by a dot segment is not found', req: { method: 'GET', url: '/assets/hello.txt/.' }, status: 404 },
];
