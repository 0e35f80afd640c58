// The HTTP client against real servers: the netpoll transport and node:http (through the node
// transport), one table of cases run against each.
import { expect } from 'chai';
import type { ServerHandle, Transport } from '../../src/http/handler.js';
import { netpollTransport } from '../../src/http/netpoll.js';
import { nodeTransport } from '../../src/node/transport.js';
import { Client, errUseLastResponse, get, head, post, postForm } from '../../src/client/client.js';
import { ClientTransport } from '../../src/client/transport.js';
import { newRequest } from '../../src/client/request.js';
import { ClientError } from '../../src/client/errors.js';
import { MemoryCookieJar } from '../../src/client/cookie-jar.js';
import { defaultTransport } from '../../src/client/transport.js';
import { clientTestMux } from './routes.js';

async function rejection(p: Promise<unknown>): Promise<ClientError> {
  try {
    await p;
  } catch (err) {
    expect(err).to.be.instanceOf(ClientError);
    return err as ClientError;
  }
  throw new Error('expected a rejection');
}

const servers: [string, () => Transport][] = [
  ['netpoll', () => netpollTransport()],
  ['node:http', () => nodeTransport()],
];

for (const [name, make] of servers) {
  describe(`HTTP client against ${name}`, () => {
    let server: ServerHandle;
    let base: string;
    let origin: string;
    before(async () => {
      server = await make().serve(clientTestMux(), { host: '127.0.0.1', port: 0 });
      origin = `http://127.0.0.1:${server.port}`;
      base = origin;
    });
    after(async () => {
      defaultTransport.closeIdleConnections();
      await server.close({ graceful: false });
    });

    it('get: status, header and a JSON body, query parameters as sent', async () => {
      const res = await get(`${base}/json?name=a%20b&n=1`);
      expect([res.status, res.statusCode, res.proto]).to.deep.equal(['200 OK', 200, 'HTTP/1.1']);
      expect(res.header.get('content-type')).to.equal('application/json');
      expect(await res.body.json()).to.deep.include({ method: 'GET', path: '/json', query: { name: 'a b', n: '1' } });
    });

    it('head: the length a GET would get, no body', async () => {
      const res = await head(`${base}/big`);
      expect(res.statusCode).to.equal(200);
      expect(res.contentLength).to.equal(1 << 20);
      expect((await res.body.bytes()).length).to.equal(0);
    });

    it('post: the body with its Content-Type and Content-Length', async () => {
      const res = await post(`${base}/echo`, 'application/json', JSON.stringify({ a: 1 }));
      expect(await res.body.json()).to.deep.equal({ method: 'POST', contentType: 'application/json', length: '7', te: null, body: '{"a":1}' });
    });

    it('postForm: a record in key order (arrays repeated), URLSearchParams as given', async () => {
      let res = await postForm(`${base}/echo`, { z: 'last', a: ['1', '2'], m: 'x y&' });
      expect(await res.body.json()).to.deep.include({ contentType: 'application/x-www-form-urlencoded', body: 'a=1&a=2&m=x+y%26&z=last' });
      res = await postForm(`${base}/echo`, new URLSearchParams([['z', '1'], ['a', '2']]));
      expect(await res.body.json()).to.deep.include({ body: 'z=1&a=2' });
    });

    it('reads a chunked body chunk by chunk as it arrives', async () => {
      const res = await get(`${base}/stream`);
      expect(res.contentLength).to.equal(-1);
      const parts: string[] = [];
      for await (const chunk of res.body) parts.push(Buffer.from(chunk).toString());
      expect(parts.join('')).to.equal('one,two,three');
      expect(parts.length).to.be.greaterThan(1);
    });

    it('reads a large body', async () => {
      const body = await (await get(`${base}/big`)).body.bytes();
      expect(body.length).to.equal(1 << 20);
      expect(body.every((b) => b === 0x61)).to.equal(true);
    });

    it('204 and 304 have no body; a 4xx is a response, not an error', async () => {
      for (const code of [204, 304, 404, 500]) {
        const res = await get(`${base}/status/${code}`);
        expect(res.statusCode).to.equal(code);
        expect(await res.body.text()).to.equal('');
      }
    });

    it('reuses a keep-alive connection for sequential requests', async () => {
      const t = new ClientTransport();
      const c = new Client({ transport: t });
      const a = await (await c.get(`${base}/remote`)).body.text();
      const b = await (await c.get(`${base}/remote`)).body.text();
      expect(b).to.equal(a);
      expect(t.idleConnections(origin)).to.equal(1);
      t.closeIdleConnections();
    });

    it('keeps at most maxIdleConnsPerHost idle connections', async () => {
      const t = new ClientTransport({ maxIdleConnsPerHost: 2 });
      const c = new Client({ transport: t });
      const ports = await Promise.all(Array.from({ length: 5 }, async () => (await c.get(`${base}/remote`)).body.text()));
      expect(new Set(ports).size).to.equal(5);
      expect(t.idleConnections(origin)).to.equal(2);
      t.closeIdleConnections();
      expect(t.idleConnections(origin)).to.equal(0);
    });

    it('closes idle connections after idleConnTimeout', async () => {
      const t = new ClientTransport({ idleConnTimeout: 100 });
      const c = new Client({ transport: t });
      const first = await (await c.get(`${base}/remote`)).body.text();
      expect(t.idleConnections(origin)).to.equal(1);
      await new Promise((r) => setTimeout(r, 250));
      expect(t.idleConnections(origin)).to.equal(0);
      const second = await (await c.get(`${base}/remote`)).body.text();
      expect(second).to.not.equal(first);
      t.closeIdleConnections();
    });

    it('a body closed unread: the connection is dropped unless the rest had arrived', async () => {
      const t = new ClientTransport();
      const c = new Client({ transport: t });
      const big = await c.get(`${base}/big`);
      big.body.close();
      expect(t.idleConnections(origin)).to.equal(0);
      const small = await c.get(`${base}/json`);
      await new Promise((r) => setTimeout(r, 20));
      small.body.close();
      expect(t.idleConnections(origin)).to.equal(1);
      t.closeIdleConnections();
    });

    it('Expect: 100-continue sends the body once the server asks for it', async () => {
      const req = newRequest('PUT', `${base}/echo`, 'payload');
      req.header.set('Expect', '100-continue');
      const c = new Client({ transport: new ClientTransport({ expectContinueTimeout: 5000 }) });
      const started = Date.now();
      const res = await c.do(req);
      expect(await res.body.json()).to.deep.include({ method: 'PUT', body: 'payload' });
      expect(Date.now() - started).to.be.lessThan(4000);
    });

    it('streams a request body chunked, or with the declared length', async () => {
      async function* parts(): AsyncGenerator<string> {
        yield 'ab';
        yield 'cd';
      }
      let res = await new Client().do(newRequest('POST', `${base}/echo`, parts()));
      expect(await res.body.json()).to.deep.include({ te: 'chunked', length: null, body: 'abcd' });
      res = await new Client().do(newRequest('POST', `${base}/echo`, parts(), { contentLength: 4 }));
      expect(await res.body.json()).to.deep.include({ te: null, length: '4', body: 'abcd' });
    });

    describe('redirects', () => {
      it('follows up to 10 requests in a row (9 redirects), and sets Referer', async () => {
        const res = await get(`${base}/redirect/8`);
        expect(res.request.url.pathname).to.equal('/json');
        expect(await res.body.json()).to.deep.include({ referer: `${base}/redirect/0` });
        const err = await rejection(get(`${base}/redirect/9`));
        expect(err.code).to.equal('ERR_CLIENT_TOO_MANY_REDIRECTS');
        expect(err.message).to.include('stopped after 10 redirects');
      });

      for (const code of [301, 302, 303]) {
        it(`${code} turns a POST into a GET without body`, async () => {
          const res = await post(`${base}/to?code=${code}&loc=/echo`, 'text/plain', 'data');
          expect(await res.body.json()).to.deep.include({ method: 'GET', body: '', length: null });
        });
      }

      for (const code of [307, 308]) {
        it(`${code} keeps the method and the body`, async () => {
          const res = await post(`${base}/to?code=${code}&loc=/echo`, 'text/plain', 'data');
          expect(await res.body.json()).to.deep.include({ method: 'POST', body: 'data', contentType: 'text/plain' });
        });
      }

      it('307 with a body that cannot be replayed returns the redirect itself', async () => {
        async function* once(): AsyncGenerator<string> {
          yield 'x';
        }
        const res = await new Client().do(newRequest('POST', `${base}/to?code=307&loc=/echo`, once()));
        expect(res.statusCode).to.equal(307);
        res.body.close();
      });

      it('checkRedirect: errUseLastResponse gives the redirect; an error refuses it', async () => {
        const last = new Client({ checkRedirect: () => errUseLastResponse });
        const res = await last.get(`${base}/redirect/1`);
        expect([res.statusCode, res.header.get('location')]).to.deep.equal([302, '/redirect/0']);
        res.body.close();
        const seen: string[] = [];
        const refuse = new Client({
          checkRedirect: (req, via) => {
            seen.push(`${via.length}:${req.url.pathname}`);
            return via.length >= 2 ? new Error('enough') : undefined;
          },
        });
        const err = await rejection(refuse.get(`${base}/redirect/5`));
        expect([err.code, (err.cause as Error).message]).to.deep.equal(['ERR_CLIENT_REDIRECT_REFUSED', 'enough']);
        expect(seen).to.deep.equal(['1:/redirect/4', '2:/redirect/3']);
      });
    });

    it('keeps cookies in a jar, by path, across redirects', async () => {
      const c = new Client({ jar: new MemoryCookieJar() });
      (await c.get(`${base}/setcookie`)).body.close();
      expect(await (await c.get(`${base}/json`)).body.json()).to.deep.include({ cookie: 'scoped=1; session=abc' });
      expect(await (await c.get(`${base}/echo`)).body.json()).to.deep.include({ method: 'GET' });
      const res = await c.get(`${base}/setcookie-redirect`);
      expect(await res.body.json()).to.deep.include({ cookie: 'scoped=1; session=abc; hop=1' });
      const none = await new Client().get(`${base}/json`);
      expect(await none.body.json()).to.deep.include({ cookie: null });
    });

    it('timeout bounds the wait for the response', async () => {
      const c = new Client({ timeout: 200 });
      const started = Date.now();
      const err = await rejection(c.get(`${base}/slow`));
      expect([err.code, err.timeout()]).to.deep.equal(['ERR_CLIENT_TIMEOUT', true]);
      expect(Date.now() - started).to.be.within(150, 2000);
    });

    it('timeout covers reading the body', async () => {
      const c = new Client({ timeout: 300 });
      const res = await c.get(`${base}/slowbody`);
      const err = await rejection(res.body.text());
      expect([err.code, err.timeout()]).to.deep.equal(['ERR_CLIENT_TIMEOUT', true]);
    });

    it('the request signal aborts it (a TimeoutError is a timeout)', async () => {
      const ac = new AbortController();
      const pending = new Client().do(newRequest('GET', `${base}/slow`, null, { signal: ac.signal }));
      setTimeout(() => ac.abort(new Error('changed my mind')), 50);
      const err = await rejection(pending);
      expect([err.code, err.timeout(), (err.cause as Error).message]).to.deep.equal(['ERR_CLIENT_ABORTED', false, 'changed my mind']);
      const t = await rejection(new Client().do(newRequest('GET', `${base}/slow`, null, { signal: AbortSignal.timeout(100) })));
      expect([t.code, t.timeout()]).to.deep.equal(['ERR_CLIENT_TIMEOUT', true]);
    });

    it('a body is read once; a limit refuses a larger body', async () => {
      const res = await get(`${base}/json`);
      await res.body.text();
      expect((await rejection(res.body.text())).code).to.equal('ERR_CLIENT_BODY_CLOSED');
      const big = await get(`${base}/big`);
      expect((await rejection(big.body.bytes({ limit: 1000 }))).code).to.equal('ERR_CLIENT_BODY_TOO_LARGE');
    });

    it('a streamed body shorter than its contentLength fails the request', async () => {
      async function* short(): AsyncGenerator<string> {
        yield 'ab';
      }
      const err = await rejection(new Client().do(newRequest('POST', `${base}/echo`, short(), { contentLength: 5 })));
      expect(['ERR_CLIENT_CONTENT_LENGTH_MISMATCH', 'ERR_CLIENT_CONNECTION', 'ERR_CLIENT_ABORTED']).to.include(err.code);
    });
  });
}

describe('HTTP client requests it refuses', () => {
  it('schemes other than http and https: ERR_CLIENT_UNSUPPORTED_PROTOCOL', async () => {
    for (const url of ['ftp://127.0.0.1/x', 'ws://127.0.0.1/x']) {
      const err = await rejection(get(url));
      expect(err.code).to.equal('ERR_CLIENT_UNSUPPORTED_PROTOCOL');
      expect(err.op).to.equal('Get');
    }
  });

  it('an invalid method or URL: ERR_CLIENT_INVALID_REQUEST', () => {
    expect(() => newRequest('GE T', 'http://a/')).to.throw(ClientError).with.property('code', 'ERR_CLIENT_INVALID_REQUEST');
    expect(() => newRequest('GET', 'not a url')).to.throw(ClientError).with.property('code', 'ERR_CLIENT_INVALID_REQUEST');
    expect(() => newRequest('GET', 'http://a/', null, { header: { 'X-A': 'b\r\nc' } })).to.throw(ClientError).with.property('code', 'ERR_CLIENT_INVALID_REQUEST');
  });

  it('a refused connection: ERR_CLIENT_CONNECTION with the dial error as cause', async () => {
    const err = await rejection(get('http://127.0.0.1:1/'));
    expect(err.code).to.equal('ERR_CLIENT_CONNECTION');
    expect(err.cause).to.have.property('code', 'ERR_NET_DIAL');
  });
});
