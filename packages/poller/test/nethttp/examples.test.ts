// The net/http examples run as a Go course runs them: each server in its own process, the client
// example against it, and the REST server driven with the package's client.
import { expect } from 'chai';
import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { Client } from '../../src/client/client.js';
import { newRequest } from '../../src/client/request.js';
import { ClientTransport } from '../../src/client/transport.js';

const examples = fileURLToPath(new URL('../../examples/', import.meta.url));

function start(script: string, args: string[]): { child: ChildProcess; output: () => string; exited: Promise<number | null> } {
  const child = spawn(process.execPath, ['--import', 'tsx', examples + script, ...args], { cwd: examples, stdio: ['ignore', 'pipe', 'inherit'] });
  let out = '';
  child.stdout!.setEncoding('utf8');
  child.stdout!.on('data', (s: string) => {
    out += s;
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  return { child, output: () => out, exited };
}

async function listening(p: { output: () => string }): Promise<number> {
  const end = Date.now() + 20000;
  for (;;) {
    const m = /listening on .*:(\d+)/.exec(p.output());
    if (m !== null) return Number(m[1]);
    if (Date.now() > end) throw new Error('the server did not start');
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function stop(p: { child: ChildProcess; exited: Promise<number | null> }): Promise<void> {
  p.child.kill('SIGTERM');
  await p.exited;
}

describe('examples: net/http', function () {
  this.timeout(40000);

  it('http-client against mux-server: GET with a query decoded from JSON, postForm, a JSON POST', async () => {
    const server = start('mux-server.ts', ['127.0.0.1:0']);
    try {
      const port = await listening(server);
      const client = start('http-client.ts', [`http://127.0.0.1:${port}`]);
      expect(await client.exited).to.equal(0);
      expect(client.output().trim().split('\n')).to.deep.equal([
        'search go: go gopher',
        'login: 200 OK: welcome gopher (admin, dev)',
        'echo: 200 OK: {"received":{"hello":"world","n":42}}',
      ]);
    } finally {
      await stop(server);
    }
  });

  it('rest-server: a Router of httprouter Handles as the Handler, with its 301, 405 and 404', async () => {
    const server = start('rest-server.ts', ['127.0.0.1:0']);
    const transport = new ClientTransport();
    const c = new Client({ transport, checkRedirect: (_req, via) => (via.length >= 1 ? new Error('no redirects here') : undefined) });
    try {
      const base = `http://127.0.0.1:${await listening(server)}`;
      let res = await c.get(`${base}/books`);
      expect(await res.body.json()).to.deep.equal([{ id: '1', title: 'The Go Programming Language' }]);
      res = await c.post(`${base}/books`, 'application/json', JSON.stringify({ title: 'Concurrency in Go' }));
      expect([res.statusCode, res.header.get('location'), await res.body.json()]).to.deep.equal([201, '/books/2', { id: '2', title: 'Concurrency in Go' }]);
      res = await c.get(`${base}/books/2`);
      expect(await res.body.json()).to.deep.equal({ id: '2', title: 'Concurrency in Go' });
      res = await c.do(newRequest('DELETE', `${base}/books/2`));
      expect(res.statusCode).to.equal(204);
      res = await c.get(`${base}/books/2`);
      expect([res.statusCode, await res.body.json()]).to.deep.equal([404, { error: 'no such book' }]);
      res = await c.do(newRequest('PUT', `${base}/books/1`));
      expect([res.statusCode, res.header.get('allow')]).to.deep.equal([405, 'DELETE, GET']);
      res.body.close();
      const last = new Client({ transport, checkRedirect: () => new Error('stop') });
      const err = await last.get(`${base}/books/`).catch((e: unknown) => e);
      expect(err).to.have.property('code', 'ERR_CLIENT_REDIRECT_REFUSED');
      res = await c.get(`${base}/nothing`);
      expect(res.statusCode).to.equal(404);
      res.body.close();
    } finally {
      transport.closeIdleConnections();
      await stop(server);
    }
  });
});
