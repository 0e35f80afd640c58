import { expect } from 'chai';
import { Type } from '@sinclair/typebox';
import { Engine } from '../src/index.js';

interface Failure {
  details: { in: string; path: string; message: string }[];
}

function listApp(): Engine {
  const app = new Engine();
  const query = Type.Object({ offset: Type.Optional(Type.Integer({ minimum: 0 })), ratio: Type.Optional(Type.Number()) });
  app.get('/users/:id', { schema: { params: Type.Object({ id: Type.Integer({ minimum: 1 }) }), query } }, (c) => c.json(200, { ...c.valid('params'), ...c.valid('query') }));
  return app;
}

describe('numbers read from text', () => {
  const refused: [string, string, string][] = [
    ['offset=1e20', 'query', '/offset'],
    ['offset=9223372036854775808', 'query', '/offset'],
    ['offset=1e308', 'query', '/offset'],
    ['offset=Infinity', 'query', '/offset'],
    ['offset=-Infinity', 'query', '/offset'],
    ['offset=NaN', 'query', '/offset'],
    ['offset=0x1', 'query', '/offset'],
    ['offset=%201', 'query', '/offset'],
    ['offset=1%20', 'query', '/offset'],
    ['offset=1.0', 'query', '/offset'],
    ['offset=1e2', 'query', '/offset'],
    ['offset=+1', 'query', '/offset'],
    ['ratio=1e20', 'query', '/ratio'],
    ['ratio=1e308', 'query', '/ratio'],
    ['ratio=Infinity', 'query', '/ratio'],
    ['ratio=0x10', 'query', '/ratio'],
    ['ratio=%201.5', 'query', '/ratio'],
  ];
  for (const [query, part, path] of refused) {
    it(`answers ?${query} with 400 naming ${part}${path}`, async () => {
      const r = await listApp().inject(`/users/1?${query}`);
      expect(r.status).to.equal(400);
      expect(r.json<Failure>().details.map((d) => `${d.in}${d.path}`)).to.include(`${part}${path}`);
    });
  }

  for (const id of ['0x1', '%201', '1.0', '1e2', '9007199254740993', 'Infinity']) {
    it(`answers the path id ${id} with 400`, async () => {
      const r = await listApp().inject(`/users/${id}`);
      expect(r.status).to.equal(400);
      expect(r.json<Failure>().details[0]).to.include({ in: 'params', path: '/id' });
    });
  }

  const accepted: [string, object][] = [
    ['/users/7?offset=0', { id: 7, offset: 0 }],
    ['/users/9007199254740991?offset=-0', { id: 9007199254740991, offset: 0 }],
    ['/users/1?ratio=1.5e3', { id: 1, ratio: 1500 }],
    ['/users/1?ratio=-.5', { id: 1, ratio: -0.5 }],
    ['/users/1?ratio=12', { id: 1, ratio: 12 }],
  ];
  for (const [url, want] of accepted) {
    it(`accepts ${url}`, async () => {
      const r = await listApp().inject(url);
      expect(r.status).to.equal(200);
      expect(r.json()).to.deep.equal(want);
    });
  }

  it('checks every value of a repeated query name', async () => {
    const app = new Engine();
    app.get('/', { schema: { query: Type.Object({ n: Type.Array(Type.Integer()) }) } }, (c) => c.json(200, c.valid('query')));
    expect((await app.inject('/?n=1&n=2')).json()).to.deep.equal({ n: [1, 2] });
    const r = await app.inject('/?n=1&n=0x2');
    expect(r.status).to.equal(400);
    expect(r.json<Failure>().details).to.deep.equal([{ in: 'query', path: '/n/1', message: 'must be integer in decimal digits' }]);
  });

  it('refuses a JSON body number out of range only as its schema says, never Infinity', async () => {
    const app = new Engine();
    app.post('/', { schema: { body: Type.Object({ n: Type.Number() }) } }, (c) => c.json(200, c.valid('body')));
    const r = await app.inject({ method: 'POST', url: '/', headers: { 'content-type': 'application/json' }, body: '{"n":1e400}' });
    expect(r.status).to.equal(400);
  });
});

describe('form fields coerced by their schema', () => {
  const Person = Type.Object({ name: Type.String(), age: Type.Integer({ minimum: 0 }), tags: Type.Optional(Type.Array(Type.String())) });

  function formApp(): Engine {
    const app = new Engine();
    app.post('/', { schema: { body: Person } }, (c) => c.json(200, c.valid('body')));
    return app;
  }

  it('coerces an urlencoded field age=5 to the integer 5', async () => {
    const r = await formApp().inject({ method: 'POST', url: '/', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'name=ann&age=5&tags=a' });
    expect(r.status).to.equal(200);
    expect(r.json()).to.deep.equal({ name: 'ann', age: 5, tags: ['a'] });
  });

  it('coerces a multipart text field age=5 to the integer 5', async () => {
    const body = ['--b', 'Content-Disposition: form-data; name="name"', '', 'ann', '--b', 'Content-Disposition: form-data; name="age"', '', '5', '--b--', ''].join('\r\n');
    const r = await formApp().inject({ method: 'POST', url: '/', headers: { 'content-type': 'multipart/form-data; boundary=b' }, body });
    expect(r.status).to.equal(200);
    expect(r.json()).to.deep.equal({ name: 'ann', age: 5 });
  });

  it('refuses age=0x5 and age=abc in a form as it does in a query', async () => {
    for (const age of ['0x5', 'abc', '1e2']) {
      const r = await formApp().inject({ method: 'POST', url: '/', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `name=ann&age=${age}` });
      expect(r.status, age).to.equal(400);
      expect(r.json<Failure>().details[0]).to.include({ in: 'body', path: '/age' });
    }
  });

  it('keeps a JSON body uncoerced: "5" is not an integer there', async () => {
    const r = await formApp().inject({ method: 'POST', url: '/', headers: { 'content-type': 'application/json' }, body: '{"name":"ann","age":"5"}' });
    expect(r.status).to.equal(400);
  });
});
