import { expect } from 'chai';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { CoreError, Engine } from '../../src/index.js';
import { injectWay, socketWay, type Way } from '../ways.js';

const publicDir = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'fixtures', 'public');

for (const make of [injectWay, () => socketWay('node'), () => socketWay('netpoll')]) {
  const way: Way = make();
  describe(`static options (${way.name})`, () => {
    before(async () => {
      const app = new Engine();
      app.static('/plain', publicDir);
      app.static('/aged', publicDir, { maxAge: 3600 });
      app.static('/hashed', publicDir, {
        maxAge: 31536000,
        immutable: true,
        cacheControl: [
          [/\.html$/, 'no-cache'],
          [/^\/sub\//, ''],
        ],
      });
      await way.start(app);
    });
    after(() => way.stop());

    const get = (url: string, headers?: Record<string, string>) => way.send({ method: 'GET', url, headers });

    it('sends no Cache-Control unless asked', async () => {
      const r = await get('/plain/hello.txt');
      expect(r.status).to.equal(200);
      expect(r.headers['cache-control']).to.equal(undefined);
    });

    it('maxAge gives public, max-age, also on a 304 and a 206', async () => {
      const r = await get('/aged/hello.txt');
      expect(r.headers['cache-control']).to.equal('public, max-age=3600');
      const etag = r.headers['etag'] ?? '';
      const notModified = await get('/aged/hello.txt', { 'if-none-match': etag });
      expect(notModified.status).to.equal(304);
      expect(notModified.headers['cache-control']).to.equal('public, max-age=3600');
      const partial = await get('/aged/hello.txt', { range: 'bytes=0-1' });
      expect(partial.status).to.equal(206);
      expect(partial.headers['cache-control']).to.equal('public, max-age=3600');
    });

    it('immutable is added to maxAge, and the first matching pattern wins over both', async () => {
      expect((await get('/hashed/hello.txt')).headers['cache-control']).to.equal('public, max-age=31536000, immutable');
      // The directory's index.html is matched by its own name.
      const index = await get('/hashed/');
      expect(index.status).to.equal(200);
      expect(index.headers['cache-control']).to.equal('no-cache');
      const css = await get('/hashed/sub/site.css');
      expect(css.status).to.equal(200);
      expect(css.headers['cache-control']).to.equal(undefined);
    });

    it('a 404 gets no Cache-Control', async () => {
      const r = await get('/aged/missing.txt');
      expect(r.status).to.equal(404);
      expect(r.headers['cache-control']).to.equal(undefined);
    });
  });
}

describe('static options', () => {
  it('are checked: unknown or invalid keys throw ERR_CORE_OPTIONS naming them', () => {
    const bad: [unknown, RegExp][] = [
      [{ maxage: 10 }, /unknown option "maxage"/],
      [{ maxAge: -1 }, /"maxAge" must be/],
      [{ maxAge: 1.5 }, /"maxAge" must be/],
      [{ immutable: true }, /"immutable" needs "maxAge"/],
      [{ cacheControl: [['*.html', 'no-cache']] }, /"cacheControl" must be/],
      [{ cacheControl: [[/x/, 'a\r\nSet-Cookie: x']] }, /"cacheControl" must be/],
    ];
    for (const [o, message] of bad) {
      expect(() => new Engine().static('/s', publicDir, o as never)).to.throw(CoreError, message).with.property('code', 'ERR_CORE_OPTIONS');
    }
  });
});
