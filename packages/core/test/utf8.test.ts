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
