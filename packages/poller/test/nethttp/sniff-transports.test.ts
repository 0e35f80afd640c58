// Both transports give a response without a Content-Type the type sniffed from its first body
// bytes, as Go's server does, and leave alone a response that names its type or encoding, or
// has no body.
import { expect } from 'chai';
import type { Handler, ResponseWriter, Transport } from '../../src/http/handler.js';
import { netpollTransport } from '../../src/http/netpoll.js';
import { nodeTransport } from '../../src/node/index.js';

const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');

const routes: Record<string, (w: ResponseWriter) => Promise<void>> = {
  '/html-string': (w) => w.end('<!DOCTYPE html><html></html>'),
  '/png-bytes': (w) => w.end(PNG),
  '/streamed-xml': async (w) => {
    await w.write('  <?xml version="1.0"?>');
    await w.write('<a/>');
    await w.end();
  },
  '/binary': (w) => w.end(Buffer.from([1, 2, 3])),
  '/typed': (w) => {
    w.header().set('Content-Type', 'application/json');
    return w.end('<html>');
  },
  '/encoded': (w) => {
    w.header().set('Content-Encoding', 'gzip');
    return w.end(Buffer.from([0x1f, 0x8b, 8, 0]));
  },
  '/empty': (w) => w.end(),
  '/no-content': (w) => {
    w.writeHeader(204);
    return w.end();
  },
};

const handler: Handler = {
  serveHTTP: (w, r) => routes[r.path]!(w),
};

for (const [name, make] of [
  ['netpoll', () => netpollTransport()],
  ['node', () => nodeTransport()],
] as [string, () => Transport][]) {
  describe(`content sniffing on the ${name} transport`, () => {
    let port = 0;
    let close: () => Promise<void> = () => Promise.resolve();
    before(async () => {
      const h = await make().serve(handler, { host: '127.0.0.1' });
      port = h.port;
      close = () => h.close({ graceful: false });
    });
    after(() => close());

    const typeOf = async (path: string, method = 'GET'): Promise<string | null> => {
      const res = await fetch(`http://127.0.0.1:${port}${path}`, { method, headers: { 'accept-encoding': 'identity' } });
      await res.arrayBuffer();
      return res.headers.get('content-type');
    };

    const cases: [string, string | null][] = [
      ['/html-string', 'text/html; charset=utf-8'],
      ['/png-bytes', 'image/png'],
      ['/streamed-xml', 'text/xml; charset=utf-8'],
      ['/binary', 'application/octet-stream'],
      ['/typed', 'application/json'],
      ['/encoded', null],
      ['/empty', null],
      ['/no-content', null],
    ];
    for (const [path, want] of cases) {
      it(`${path}: ${want ?? 'no Content-Type'}`, async () => {
        expect(await typeOf(path)).to.equal(want);
      });
    }

    it('sniffs the body a HEAD handler writes, as for GET', async () => {
      expect(await typeOf('/png-bytes', 'HEAD')).to.equal('image/png');
    });
  });
}
