import { expect } from 'chai';
import { netpollTransport } from '@sloe/poller';
import type { Request, ResponseWriter } from '@sloe/poller';
import { Router } from '../src/index.js';
import type { Handle, HandleRequest, HandleWriter } from '../src/index.js';

// A writer that records what it was told.
class FakeWriter implements HandleWriter {
  readonly headers = new Map<string, string>();
  status = 0;
  body = '';
  header(): { set(name: string, value: string): void } {
    return { set: (name, value) => void this.headers.set(name.toLowerCase(), value) };
  }
  writeHeader(status: number): void {
    this.status = status;
  }
  end(chunk?: string): void {
    if (this.status === 0) this.status = 200;
    this.body += chunk ?? '';
  }
}

function fakeRouter(): Router<Handle<FakeWriter>> {
  const r = new Router<Handle<FakeWriter>>();
  r.add('GET', '/users/:id', (w, _r, ps) => w.end(`user ${ps.get('id')}`));
  r.add('POST', '/users/:id', (w, _r, ps) => w.end(`post ${ps.get('id')}`));
  r.add('GET', '/dir/', (w) => w.end('dir'));
  r.add('POST', '/form', (w) => w.end('form'));
  return r;
}

interface Case {
  name: string;
  method: string;
  target: string;
  status: number;
  body: string;
  headers?: Record<string, string>;
}

const cases: Case[] = [
  { name: 'the route is called with its params', method: 'GET', target: '/users/42', status: 200, body: 'user 42' },
  { name: 'params are decoded when read', method: 'GET', target: '/users/caf%C3%A9', status: 200, body: 'user café' },
  { name: 'trailing slash: 301 for GET, the query kept', method: 'GET', target: '/users/42/?x=1', status: 301, body: 'Moved Permanently\n', headers: { location: '/users/42?x=1' } },
  { name: 'trailing slash: 308 for other methods', method: 'POST', target: '/form/', status: 308, body: 'Permanent Redirect\n', headers: { location: '/form' } },
  { name: 'a missing trailing slash is added', method: 'GET', target: '/dir', status: 301, body: 'Moved Permanently\n', headers: { location: '/dir/' } },
  { name: '405 with Allow', method: 'DELETE', target: '/users/1', status: 405, body: 'Method Not Allowed\n', headers: { allow: 'GET, POST' } },
  { name: '404', method: 'GET', target: '/nowhere', status: 404, body: '404 page not found\n', headers: { 'content-type': 'text/plain; charset=utf-8' } },
  { name: '400 for a malformed escape', method: 'GET', target: '/users/%zz', status: 400, body: 'Bad Request: malformed percent-encoding in the path\n' },
];

function requestOf(method: string, target: string): HandleRequest {
  const q = target.indexOf('?');
  return { method, path: q === -1 ? target : target.slice(0, q), rawQuery: q === -1 ? '' : target.slice(q + 1) };
}

describe('Router as a Handler (serveHTTP)', () => {
  for (const c of cases) {
    it(`${c.name} (fake writer)`, async () => {
      const w = new FakeWriter();
      await fakeRouter().serveHTTP(w, requestOf(c.method, c.target));
      expect({ status: w.status, body: w.body }).to.deep.equal({ status: c.status, body: c.body });
      for (const [k, v] of Object.entries(c.headers ?? {})) expect(w.headers.get(k), k).to.equal(v);
    });
  }

  it('is a Handler only when its values are Handles', () => {
    const r = new Router<string>();
    // @ts-expect-error -- a Router<string> has no handle to call
    expect(() => r.serveHTTP(new FakeWriter(), requestOf('GET', '/'))).to.not.throw();
  });

  it('returns the handle\'s promise, so the caller sees its failure', async () => {
    const r = new Router<Handle>();
    r.add('GET', '/fail', () => Promise.reject(new Error('boom')));
    let err: unknown = null;
    try {
      await r.serveHTTP(new FakeWriter(), requestOf('GET', '/fail'));
    } catch (e) {
      err = e;
    }
    expect((err as Error).message).to.equal('boom');
  });

  it('serves a real @sloe/poller server, httprouter style', async () => {
    const router = new Router<Handle<ResponseWriter, Request>>();
    router.add('GET', '/hello/:name', (w, _r, ps) => {
      w.header().set('Content-Type', 'text/plain');
      void w.end(`hello, ${ps.get('name')}!`);
    });
    router.add('PUT', '/hello/:name', (w) => void w.end('put'));
    const server = await netpollTransport().serve(router, { port: 0, host: '127.0.0.1' });
    try {
      const base = `http://127.0.0.1:${server.port}`;
      const ok = await fetch(`${base}/hello/gopher`);
      expect([ok.status, await ok.text()]).to.deep.equal([200, 'hello, gopher!']);
      const moved = await fetch(`${base}/hello/gopher/?a=b`, { redirect: 'manual' });
      expect([moved.status, moved.headers.get('location')]).to.deep.equal([301, '/hello/gopher?a=b']);
      await moved.text();
      const notAllowed = await fetch(`${base}/hello/gopher`, { method: 'DELETE' });
      expect([notAllowed.status, notAllowed.headers.get('allow'), await notAllowed.text()]).to.deep.equal([405, 'GET, PUT', 'Method Not Allowed\n']);
      const missing = await fetch(`${base}/nope`);
      expect([missing.status, await missing.text()]).to.deep.equal([404, '404 page not found\n']);
    } finally {
      await server.close();
    }
  });
});
