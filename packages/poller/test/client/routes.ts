// The routes the client tests talk to, one ServeMux served by each server under test.
import { ServeMux } from '../../src/nethttp/serve-mux.js';
import { redirect } from '../../src/nethttp/redirect.js';

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

/** A mux answering what the client tests ask. */
export function clientTestMux(): ServeMux {
  const mux = new ServeMux();
  mux.handleFunc('/json', (w, r) => {
    w.header().set('Content-Type', 'application/json');
    const query = Object.fromEntries(new URLSearchParams(r.rawQuery));
    return w.end(JSON.stringify({ method: r.method, path: r.path, query, cookie: r.headers.get('cookie'), referer: r.headers.get('referer') }));
  });
  mux.handleFunc('/echo', async (w, r) => {
    const body = await r.body.text();
    w.header().set('Content-Type', 'application/json');
    await w.end(JSON.stringify({ method: r.method, contentType: r.headers.get('content-type'), length: r.headers.get('content-length'), te: r.headers.get('transfer-encoding'), body }));
  });
  mux.handleFunc('/stream', async (w) => {
    w.header().set('Content-Type', 'text/plain');
    await w.write('one,');
    w.flush();
    await sleep(5);
    await w.write('two,');
    await w.end('three');
  });
  mux.handleFunc('/big', (w) => w.end(Buffer.alloc(1 << 20, 0x61)));
  mux.handleFunc('/status/{code}', (w, r) => {
    w.writeHeader(Number(r.pathValue('code')));
    return w.end();
  });
  mux.handleFunc('/remote', (w, r) => w.end(r.remoteAddr));
  mux.handleFunc('/redirect/{n}', (w, r) => {
    const n = Number(r.pathValue('n'));
    redirect(w, r, n <= 0 ? '/json' : `/redirect/${n - 1}`, 302);
  });
  mux.handleFunc('/to', (w, r) => {
    const q = new URLSearchParams(r.rawQuery);
    redirect(w, r, q.get('loc') ?? '/echo', Number(q.get('code') ?? 302));
  });
  mux.handleFunc('/setcookie', (w) => {
    w.header().append('Set-Cookie', 'session=abc; Path=/');
    w.header().append('Set-Cookie', 'scoped=1; Path=/json');
    return w.end('set');
  });
  mux.handleFunc('/setcookie-redirect', (w, r) => {
    w.header().append('Set-Cookie', 'hop=1; Path=/');
    redirect(w, r, '/json', 302);
  });
  mux.handleFunc('/slow', async (w, r) => {
    await new Promise<void>((resolve) => {
      const t = setTimeout(resolve, 3000);
      r.signal.addEventListener('abort', () => {
        clearTimeout(t);
        resolve();
      });
    });
    if (!r.signal.aborted) await w.end('late');
  });
  mux.handleFunc('/slowbody', async (w, r) => {
    w.header().set('Content-Length', '10');
    await w.write('12345');
    w.flush();
    await new Promise<void>((resolve) => {
      const t = setTimeout(resolve, 3000);
      r.signal.addEventListener('abort', () => {
        clearTimeout(t);
        resolve();
      });
    });
    if (!r.signal.aborted) await w.end('67890');
  });
  return mux;
}
