import { expect } from 'chai';
import { statSync } from 'node:fs';
import { etagOf } from '../src/render/file.js';
import { buildApp, cases, publicDir } from './cases.js';
import { http2Way, injectWay, sendRaw, socketWay, supertestWay, type Way } from './ways.js';

const ways: Way[] = [injectWay(), supertestWay(), socketWay('node'), socketWay('netpoll'), http2Way()];

for (const way of ways) {
  describe(`HTTP behaviour over ${way.name}`, function () {
    before(async function () {
      await way.start(buildApp());
    });
    after(async function () {
      await way.stop();
    });

    for (const tc of cases) {
      it(tc.name, async function () {
        const r = await way.send(tc.req);
        expect(r.status, `status (body: ${r.body})`).to.equal(tc.status);
        for (const [k, v] of Object.entries(tc.headers ?? {})) {
          if (v instanceof RegExp) expect(r.headers[k], k).to.match(v);
          else expect(r.headers[k], k).to.equal(v);
        }
        if (typeof tc.body === 'string') expect(r.body).to.equal(tc.body);
        else if (tc.body instanceof RegExp) expect(r.body).to.match(tc.body);
        if (tc.json !== undefined) expect(JSON.parse(r.body)).to.deep.equal(tc.json);
        tc.check?.(r);
      });
    }

    it('answers 304 to a matching If-None-Match', async function () {
      const etag = etagOf(statSync(`${publicDir}/hello.txt`));
      const r = await way.send({ method: 'GET', url: '/assets/hello.txt', headers: { 'if-none-match': etag } });
      expect(r.status).to.equal(304);
      expect(r.body).to.equal('');
    });
  });
}

describe('raw socket helper', () => {
  it('reports a refused connection', async () => {
    let failed = false;
    await sendRaw(1, { method: 'GET', url: '/' }).catch(() => (failed = true));
    expect(failed).to.equal(true);
  });
});
