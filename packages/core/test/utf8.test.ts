import { expect } from 'chai';
import { Type } from '@sinclair/typebox';
import { Engine } from '../src/index.js';

const Named = Type.Object({ name: Type.String({ maxLength: 100 }) });

function app(options = {}): Engine {
  const e = new Engine(options);
  e.post('/', { schema: { body: Named } }, (c) => c.json(200, c.valid('body')));
  e.post('/text', async (c) => c.string(200, await c.body.text()));
  return e;
}

const send = (body: string | Uint8Array, type = 'application/json') => ({ method: 'POST', url: '/', headers: { 'content-type': type }, body });

describe('text that is not what it seems', () => {
  it('answers a JSON name of 100 lone surrogates with 400', async () => {
    const r = await app().inject(send(JSON.stringify({ name: '\ud800'.repeat(100) })));
    expect(r.status).to.equal(400);
    expect(r.json()).to.deep.include({ details: [{ in: 'body', path: '/name', message: 'must not contain a lone surrogate' }] });
  });

  it('names a lone surrogate in a property name, and accepts a surrogate pair', async () => {
    const e = new Engine();
    e.post('/', { schema: { body: Type.Record(Type.String(), Type.String()) } }, (c) => c.json(200, c.valid('body')));
    expect((await e.inject(send('{"a\\udc00":"x"}'))).json()).to.deep.include({ details: [{ in: 'body', path: '/a\udc00', message: 'name must not contain a lone surrogate' }] });
    expect((await e.inject(send(JSON.stringify({ a: '😀' })))).status).to.equal(200);
  });

  it('lets lone surrogates through with allowLoneSurrogates', async () => {
    expect((await app({ allowLoneSurrogates: true }).inject(send('{"name":"\\ud800"}'))).status).to.equal(200);
  });

  const invalid: [string, string][] = [
    ['a JSON body', 'application/json'],
    ['an urlencoded body', 'application/x-www-form-urlencoded'],
  ];
  for (const [name, type] of invalid) {
    it(`answers invalid UTF-8 in ${name} with 400 ERR_CORE_INVALID_UTF8`, async () => {
      const bytes = type === 'application/json' ? Buffer.from([0x7b, 0x22, 0x6e, 0x61, 0x6d, 0x65, 0x22, 0x3a, 0x22, 0xff, 0x22, 0x7d]) : Buffer.from([0x6e, 0x61, 0x6d, 0x65, 0x3d, 0xc3, 0x28]);
      const r = await app().inject(send(bytes, type));
      expect(r.status).to.equal(400);
      expect(r.json()).to.include({ error: 'ERR_CORE_INVALID_UTF8' });
    });
  }

  it('answers invalid UTF-8 in a text body and in a multipart field with 400', async () => {
    const text = await app().inject({ method: 'POST', url: '/text', headers: { 'content-type': 'text/plain' }, body: Buffer.from([0x61, 0xed, 0xa0, 0x80]) });
    expect(text.status).to.equal(400);
    const part = Buffer.concat([Buffer.from('--b\r\nContent-Disposition: form-data; name="name"\r\n\r\n'), Buffer.from([0xc0, 0xaf]), Buffer.from('\r\n--b--\r\n')]);
    const multi = await app().inject(send(part, 'multipart/form-data; boundary=b'));
    expect(multi.status).to.equal(400);
    expect(multi.json()).to.include({ error: 'ERR_CORE_INVALID_UTF8' });
  });
});

describe('urlencoded forms decoded strictly', () => {
  function echo(): Engine {
    const e = new Engine();
    e.post('/', async (c) => c.json(200, (await c.body.form()).toObject()));
    return e;
  }
  const form = (body: string) => ({ method: 'POST', url: '/', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body });

  const same = ['a=1&b=2', 'a+b=c+d', 'e=%C3%A9&f=%e2%82%ac', 'p=%zz&q=%4&r=%', 'a=1&a=2&&=x', 'flag&x=', 'k=%F0%9F%98%80', 'x=%2B%26%3D'];
  for (const body of same) {
    it(`reads ${JSON.stringify(body)} as URLSearchParams does`, async () => {
      const want: Record<string, string | string[]> = {};
      for (const k of new Set(new URLSearchParams(body).keys())) {
        const all = new URLSearchParams(body).getAll(k);
        want[k] = all.length === 1 ? all[0]! : all;
      }
      expect((await echo().inject(form(body))).json()).to.deep.equal(want);
    });
  }

  for (const body of ['name=%FF', 'name=%C3', 'name=%ED%A0%80', '%C0%AF=x']) {
    it(`answers ${body} with 400 ERR_CORE_INVALID_UTF8`, async () => {
      const r = await echo().inject(form(body));
      expect(r.status).to.equal(400);
      expect(r.json()).to.include({ error: 'ERR_CORE_INVALID_UTF8' });
    });
  }
});

describe('names that are also Object.prototype members', () => {
  it('reads query names toString and __proto__ as fields', async () => {
    const e = new Engine();
    e.get('/', { schema: { query: { type: 'object', properties: { toString: { type: 'integer' } } } } }, (c) => c.json(200, c.valid('query')));
    const r = await e.inject('/?toString=1&__proto__=x&__proto__=y');
    expect(r.status).to.equal(200);
    expect(r.body).to.equal('{"toString":1,"__proto__":["x","y"]}');
  });

  it('reads a form field named __proto__ as a field, and a constructor header as a header', async () => {
    const e = new Engine();
    e.post('/', { schema: { body: { type: 'object', required: ['__proto__'] }, headers: { type: 'object', required: ['constructor'] } } }, (c) => c.json(200, c.valid('body')));
    const r = await e.inject({ method: 'POST', url: '/', headers: { 'content-type': 'application/x-www-form-urlencoded', constructor: 'x' }, body: '__proto__=a&__proto__=b' });
    expect(r.status).to.equal(200);
    expect(r.body).to.equal('{"__proto__":["a","b"]}');
  });
});
