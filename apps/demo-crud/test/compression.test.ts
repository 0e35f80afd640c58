// Compression by core's compress(): the pages and the lists go out in the coding the client
// weighs highest, and a user's own answer never does, so its version ETag stays strong and
// usable in If-Match. Through inject, which hands over the bytes as sent.
import { expect } from 'chai';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { startHarness, type Harness } from './support/harness.js';

describe('compression', () => {
  let h: Harness;
  const bio = 'Wrote the first compiler, and much else. '.repeat(45);
  let id = 0;

  before(async () => {
    h = await startHarness('callback');
    for (let i = 0; i < 30; i++) {
      const u = await h.repo.create({ name: `Squeezed ${String(i).padStart(2, '0')}`, email: `squeezed${i}@zip.test`, age: i, bio });
      id = u.id;
    }
  });
  after(async () => {
    await h?.close();
  });

  it('sends a page of the list in brotli when the client prefers it, and says it varies', async () => {
    const res = await h.app.inject({ url: '/users?q=squeezed', headers: { 'accept-encoding': 'gzip;q=0.5, br' } });
    expect(res.status).to.equal(200);
    expect(res.headers['content-encoding']).to.equal('br');
    expect(res.headers.vary).to.match(/accept-encoding/i);
    const html = brotliDecompressSync(res.rawBody).toString('utf8');
    expect(html).to.contain('Squeezed 00');
    expect(res.rawBody.length).to.be.below(html.length / 2);
  });

  it('sends a JSON list in gzip, whole and parseable', async () => {
    const res = await h.app.inject({ url: '/api/users?q=zip.test&limit=30', headers: { 'accept-encoding': 'gzip' } });
    expect(res.headers['content-encoding']).to.equal('gzip');
    const body = JSON.parse(gunzipSync(res.rawBody).toString('utf8')) as { items: { bio: string }[] };
    expect(body.items).to.have.length(30);
    expect(body.items[0]!.bio).to.equal(bio);
  });

  it('sends identity to a client that accepts no coding', async () => {
    const res = await h.app.inject({ url: '/api/users?q=zip.test', headers: { 'accept-encoding': 'identity' } });
    expect(res.headers['content-encoding']).to.equal(undefined);
    expect(res.json<{ total: number }>().total).to.equal(30);
  });

  it('never transforms a user\'s answer: its strong version ETag works in If-Match', async () => {
    const got = await h.app.inject({ url: `/api/users/${id}`, headers: { 'accept-encoding': 'br, gzip' } });
    expect(got.rawBody.length, 'over the 1 KiB threshold').to.be.above(1024);
    expect(got.headers['content-encoding']).to.equal(undefined);
    expect(got.headers['cache-control']).to.equal('no-cache, no-transform');
    expect(got.headers.etag).to.equal(`"${id}.1"`);
    const patched = await h.app.inject({
      method: 'PATCH',
      url: `/api/users/${id}`,
      headers: { 'accept-encoding': 'br, gzip', 'content-type': 'application/merge-patch+json', 'if-match': got.headers.etag! },
      body: '{"age":99}',
    });
    expect(patched.status).to.equal(200);
    expect(patched.headers['content-encoding']).to.equal(undefined);
    expect(patched.headers.etag).to.equal(`"${id}.2"`);
  });
});
