// fileServer and serveContent over real sockets, read with the package's own client.
import { expect } from 'chai';
import { mkdtempSync, writeFileSync, rmSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { ServerHandle } from '../../src/http/handler.js';
import { netpollTransport } from '../../src/http/netpoll.js';
import { fileServer } from '../../src/nethttp/file-server.js';
import { serveContent } from '../../src/nethttp/serve-content.js';
import { stripPrefix } from '../../src/nethttp/strip-prefix.js';
import { ServeMux } from '../../src/nethttp/serve-mux.js';
import { Client } from '../../src/client/client.js';
import { ClientTransport } from '../../src/client/transport.js';
import { newRequest } from '../../src/client/request.js';

describe('fileServer over sockets', () => {
  let dir: string;
  let server: ServerHandle;
  let base: string;
  const transport = new ClientTransport();
  const client = new Client({ transport });
  const big = Buffer.alloc(300_000);
  for (let i = 0; i < big.length; i++) big[i] = i % 251;

  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'sloe-fs-'));
    mkdirSync(path.join(dir, 'public'));
    writeFileSync(path.join(dir, 'public', 'big.bin'), big);
    writeFileSync(path.join(dir, 'secret.txt'), 'outside the root');
    const mux = new ServeMux();
    mux.handle('/static/', stripPrefix('/static', fileServer(path.join(dir, 'public'))));
    mux.handleFunc('/mem', (w, r) => serveContent(w, r, 'x.json', new Date('2021-05-06T07:08:09Z'), Buffer.from('{"in":"memory"}')));
    server = await netpollTransport().serve(mux, { host: '127.0.0.1', port: 0 });
    base = `http://127.0.0.1:${server.port}`;
  });
  after(async () => {
    transport.closeIdleConnections();
    await server.close({ graceful: false });
    rmSync(dir, { recursive: true, force: true });
  });

  it('streams a large file whole, and a range of it', async () => {
    const res = await client.get(`${base}/static/big.bin`);
    expect([res.statusCode, res.header.get('content-type'), res.contentLength]).to.deep.equal([200, 'application/octet-stream', big.length]);
    expect(Buffer.from(await res.body.bytes()).equals(big)).to.equal(true);
    const req = newRequest('GET', `${base}/static/big.bin`);
    req.header.set('Range', 'bytes=100000-199999');
    const part = await client.do(req);
    expect([part.statusCode, part.header.get('content-range')]).to.deep.equal([206, `bytes 100000-199999/${big.length}`]);
    expect(Buffer.from(await part.body.bytes()).equals(big.subarray(100000, 200000))).to.equal(true);
  });

  it('never serves a file outside its root, however the path is spelled', async () => {
    for (const p of ['/static/../secret.txt', '/static/%2e%2e/secret.txt', '/static/..%2fsecret.txt', '/static/%2e%2e%2fsecret.txt']) {
      const res = await client.get(`${base}${p}`);
      const body = await res.body.text();
      expect(body, p).to.not.include('outside the root');
    }
  });

  it('serveContent serves bytes with the type of the name, Last-Modified and If-Modified-Since', async () => {
    const res = await client.get(`${base}/mem`);
    expect([res.header.get('content-type'), res.header.get('last-modified'), await res.body.text()]).to.deep.equal([
      'application/json',
      'Thu, 06 May 2021 07:08:09 GMT',
      '{"in":"memory"}',
    ]);
    const req = newRequest('GET', `${base}/mem`);
    req.header.set('If-Modified-Since', 'Thu, 06 May 2021 07:08:09 GMT');
    const nm = await client.do(req);
    expect([nm.statusCode, await nm.body.text()]).to.deep.equal([304, '']);
  });
});
