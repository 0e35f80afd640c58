// ServeMux with the patterns of Go 1.22 and later: methods, wildcards, {$}, precedence,
// conflicts, 405 with Allow, and r.pathValue. The expectations are Go's documented behaviour
// (net/http ServeMux docs and pattern tests), written out by hand.
import { expect } from 'chai';
import { ServeMux } from '../../src/nethttp/serve-mux.js';
import { MuxError } from '../../src/nethttp/mux-error.js';
import { fakeRequest, Recorder } from './recorder.js';

function muxOf(...patterns: string[]): ServeMux {
  const mux = new ServeMux();
  for (const p of patterns) {
    mux.handleFunc(p, (w, r) => {
      const vals = ['id', 'name', 'rest', 'a', 'b'].filter((n) => r.pathValue(n) !== '').map((n) => `${n}=${r.pathValue(n)}`);
      return w.end([r.pattern, ...vals].join(' '));
    });
  }
  return mux;
}

async function serve(mux: ServeMux, method: string, target: string, host = 'example.com'): Promise<Recorder> {
  const w = new Recorder();
  await mux.serveHTTP(w, fakeRequest(method, target, host));
  return w;
}

describe('ServeMux patterns (Go 1.22)', () => {
  it('matches methods, with GET matching HEAD', async () => {
    const mux = muxOf('GET /items', 'POST /items', '/any');
    expect((await serve(mux, 'GET', '/items')).body).to.equal('GET /items');
    expect((await serve(mux, 'HEAD', '/items')).body).to.equal('GET /items');
    expect((await serve(mux, 'POST', '/items')).body).to.equal('POST /items');
    expect((await serve(mux, 'PATCH', '/any')).body).to.equal('/any');
  });

  it('answers 405 with the sorted Allow list when only the method differs', async () => {
    const mux = muxOf('GET /items', 'POST /items', 'DELETE /items/{id}');
    const w = await serve(mux, 'PUT', '/items');
    expect(w.status).to.equal(405);
    expect(w.header().get('allow')).to.equal('GET, HEAD, POST');
    expect(w.body).to.equal('Method Not Allowed\n');
    expect((await serve(mux, 'GET', '/nothing')).status).to.equal(404);
  });

  it('binds {name} to one segment, unescaped, and {name...} to the rest', async () => {
    const mux = muxOf('GET /items/{id}', '/files/{rest...}');
    expect((await serve(mux, 'GET', '/items/42')).body).to.equal('GET /items/{id} id=42');
    expect((await serve(mux, 'GET', '/items/a%2Fb')).body).to.equal('GET /items/{id} id=a/b');
    expect((await serve(mux, 'GET', '/items/42/x')).status).to.equal(404);
    expect((await serve(mux, 'GET', '/files/a/b/c.txt')).body).to.equal('/files/{rest...} rest=a/b/c.txt');
    expect((await serve(mux, 'GET', '/files/')).body).to.equal('/files/{rest...}');
  });

  it('{$} matches only the path ending in the slash', async () => {
    const mux = muxOf('/{$}', '/a/{$}');
    expect((await serve(mux, 'GET', '/')).body).to.equal('/{$}');
    expect((await serve(mux, 'GET', '/a/')).body).to.equal('/a/{$}');
    expect((await serve(mux, 'GET', '/x')).status).to.equal(404);
    expect((await serve(mux, 'GET', '/a/b')).status).to.equal(404);
    const w = await serve(mux, 'GET', '/a?x=1');
    expect([w.status, w.header().get('location')]).to.deep.equal([301, '/a/?x=1']);
  });

  it('the most specific pattern wins, whatever the order of registration', async () => {
    const mux = muxOf('/items/{id}', '/items/latest', '/items/', 'GET /items/latest');
    expect((await serve(mux, 'GET', '/items/latest')).body).to.equal('GET /items/latest');
    expect((await serve(mux, 'POST', '/items/latest')).body).to.equal('/items/latest');
    expect((await serve(mux, 'GET', '/items/7')).body).to.equal('/items/{id} id=7');
    expect((await serve(mux, 'GET', '/items/7/x')).body).to.equal('/items/');
  });

  it('a pattern with a host wins over one without', async () => {
    const mux = muxOf('/{name}', 'api.example.com/{name}');
    expect((await serve(mux, 'GET', '/x', 'api.example.com:443')).body).to.equal('api.example.com/{name} name=x');
    expect((await serve(mux, 'GET', '/x', 'other')).body).to.equal('/{name} name=x');
  });

  it('sets r.pattern and r.pathValue, and setPathValue overrides', () => {
    const mux = new ServeMux();
    let seen = '';
    mux.handleFunc('GET /u/{a}/{b}', (w, r) => {
      r.setPathValue('b', 'changed');
      seen = `${r.pattern}|${r.pathValue('a')}|${r.pathValue('b')}|${r.pathValue('missing')}`;
    });
    void mux.serveHTTP(new Recorder(), fakeRequest('GET', '/u/1/2'));
    expect(seen).to.equal('GET /u/{a}/{b}|1|changed|');
  });

  it('handler(r) returns the handler and the pattern', () => {
    const mux = muxOf('GET /items/{id}');
    expect(mux.handler(fakeRequest('GET', '/items/3')).pattern).to.equal('GET /items/{id}');
    expect(mux.handler(fakeRequest('GET', '/none')).pattern).to.equal('');
  });

  const conflicting: [string, string][] = [
    ['/a', '/a'],
    ['GET /a/{x}', 'GET /a/{y}'],
    ['/a/{x}', '/{y}/b'],
    ['GET /{x}', '/a'],
    ['/items/{id...}', '/items/'],
  ];
  for (const [p1, p2] of conflicting) {
    it(`refuses ${p2} after ${p1}: ERR_MUX_PATTERN_CONFLICT`, () => {
      const mux = muxOf(p1);
      expect(() => mux.handle(p2, { serveHTTP: () => undefined }))
        .to.throw(MuxError)
        .with.property('code', 'ERR_MUX_PATTERN_CONFLICT');
    });
  }

  it('accepts patterns that only look alike', () => {
    expect(() => muxOf('/a/{x}', '/a/b', 'GET /a/b', 'POST /a/b', '/a/{x}/{$}', 'h.example/a/{x}', '/b/{x}', 'GET /{x}', '/a/')).not.to.throw();
  });

  const invalid = ['', 'GET', '/{a}/{a}', '/{x...}/y', '/a{b}', '/{1x}', '/{$}/x', 'GE(T /', 'GET /a/../b', '{x}/'];
  for (const p of invalid) {
    it(`refuses ${JSON.stringify(p)}: ERR_MUX_INVALID_PATTERN`, () => {
      expect(() => new ServeMux().handle(p, { serveHTTP: () => undefined }))
        .to.throw(MuxError)
        .with.property('code', 'ERR_MUX_INVALID_PATTERN');
    });
  }

  it('answers "*" with 400 and closes', async () => {
    const w = await serve(muxOf('/'), 'OPTIONS', '*');
    expect(w.status).to.equal(400);
    expect(w.header().get('connection')).to.equal('close');
  });
});
