// ServerHandle.stats() on the HTTP/2 transport: connections, and streams refused by the rules.
import { expect } from 'chai';
import { connect, type ClientHttp2Session } from 'node:http2';
import type { Handler, ServerHandle } from '../../src/http/handler.js';
import { http2Transport } from '../../src/http2/transport.js';

const ok: Handler = { serveHTTP: (w) => w.end('ok') };

function status(session: ClientHttp2Session, path: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = session.request({ ':path': path });
    req.on('response', (h) => resolve(Number(h[':status'])));
    req.on('error', reject);
    req.resume();
    req.end();
  });
}

describe('ServerHandle.stats (http2)', () => {
  let server: ServerHandle;
  beforeEach(async () => {
    server = await http2Transport({ h2c: true, maxUriBytes: 64, onHandlerError: () => undefined }).serve(ok, { host: '127.0.0.1' });
  });
  afterEach(async () => {
    await server.close({ graceful: false });
  });

  it('counts connections and the streams refused before any handler', async () => {
    expect(server.stats?.()).to.deep.equal({ connections: 0, accepted: 0, parseErrors: 0 });
    const session = connect(`http://127.0.0.1:${server.port}`);
    try {
      expect(await status(session, '/')).to.equal(200);
      expect(await status(session, `/${'x'.repeat(100)}`)).to.equal(414);
      expect(server.stats?.()).to.deep.equal({ connections: 1, accepted: 1, parseErrors: 1 });
    } finally {
      session.destroy();
    }
  });
});
