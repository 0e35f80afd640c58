// The handler the transport suite serves: each path exercises one part of the contract and
// reports what it saw, so the suite can check both the wire and the handler's view.
import type { Handler, Request, ResponseWriter } from '../../src/http/handler.js';
import { HttpError } from '../../src/http/errors.js';

/** What the probe records across requests, for checks that cannot be seen on the wire. */
export interface ProbeLog {
  /** Paths of every request the handler was called for, in order. */
  served: string[];
  /** Paths whose signal aborted. */
  aborted: string[];
  /** Errors the handler caught, by code. */
  caught: string[];
}

function delay(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** The body `/big/<KiB>` answers with: that many KiB of `x`. */
export function bigBody(kib: number): Buffer {
  return Buffer.alloc(kib * 1024, 'x');
}

const bodies = new Map<number, Buffer>();

function json(w: ResponseWriter, value: unknown): Promise<void> {
  w.header().set('Content-Type', 'application/json');
  return w.end(JSON.stringify(value));
}

/** A probe handler and its log. */
export function probe(): { handler: Handler; log: ProbeLog } {
  const log: ProbeLog = { served: [], aborted: [], caught: [] };
  const routes: Record<string, (w: ResponseWriter, r: Request) => void | Promise<void>> = {
    '/info': (w, r) =>
      json(w, {
        method: r.method,
        url: r.url,
        path: r.path,
        rawQuery: r.rawQuery,
        proto: r.proto,
        headers: [...r.headers],
        remoteAddr: r.remoteAddr,
        contentLength: r.contentLength,
      }),
    '/echo': async (w, r) => {
      try {
        const b = await r.body.bytes();
        w.header().set('Content-Type', 'application/octet-stream');
        await w.end(b);
      } catch (err) {
        if (err instanceof HttpError) log.caught.push(err.code);
        throw err;
      }
    },
    // Text bodies are UTF-8; field values go out one byte per character (Latin-1, obs-text).
    '/text': (w) => w.end('h\u00e9llo \u{1f642}'),
    '/text-latin1-field': (w) => {
      w.header().set('X-Name', 'caf\u00e9');
      return w.end('h\u00e9llo \u{1f642}');
    },
    '/empty-latin1-field': (w) => {
      w.header().set('X-Name', 'caf\u00e9');
      w.writeHeader(204);
      return w.end();
    },
    '/stream-latin1-field': async (w) => {
      w.header().set('X-Name', 'caf\u00e9');
      await w.write('h\u00e9llo');
      await w.end(' \u{1f642}');
    },
    '/stream': async (w) => {
      await w.write('hello, ');
      await w.write('world');
      await w.end();
    },
    '/fixed': (w) => {
      w.header().set('X-Probe', 'fixed');
      void w.end('12345');
    },
    '/status/204': (w) => {
      w.writeHeader(204);
      void w.end();
    },
    '/status/304': (w) => {
      w.writeHeader(304);
      void w.end();
    },
    // The README's example handler, as written there.
    '/readme': async (w, r) => {
      if (r.method === 'POST') {
        const body = await r.body.json();
        w.header().set('Content-Type', 'application/json');
        await w.end(JSON.stringify({ got: body }));
        return;
      }
      w.header().set('Content-Type', 'text/plain; charset=utf-8');
      await w.end(`hello ${r.path} ${r.rawQuery}\n`);
    },
    // The signal is read, as static files and streams do, then the answer comes later.
    '/signal-read': async (w, r) => {
      void r.signal;
      await delay(5);
      await w.end('ok');
    },
    '/signal-read-big': async (w, r) => {
      void r.signal;
      await delay(5);
      await w.end(bigBody(264).subarray(0, 269_335));
    },
    '/silent': () => undefined,
    '/flood': async (w) => {
      // Writes until a write fails: a client that does not read makes it wait, then fail.
      const chunk = bigBody(64);
      try {
        for (;;) await w.write(chunk);
      } catch (err) {
        log.caught.push(typeof err === 'object' && err !== null && 'code' in err ? String(err.code) : String(err));
        throw err;
      }
    },
    '/throw': () => {
      throw new Error('probe failure');
    },
    '/bad-header': (w) => {
      for (const [name, value] of [['X-Split', 'a\r\nInjected: yes'], ['X-Nul', 'a\0b'], ['Bad Name', 'v']] as const) {
        try {
          w.header().set(name, value);
        } catch (err) {
          if (err instanceof HttpError) log.caught.push(err.code);
        }
      }
      void w.end('checked');
    },
    '/abort': async (w, r) => {
      // The signal is asked for only after the handler has gone asynchronous.
      await delay(10);
      const signal = r.signal;
      await new Promise<void>((resolve) => {
        signal.addEventListener('abort', () => resolve());
        setTimeout(resolve, 2000);
      });
      if (signal.aborted) log.aborted.push(r.path);
      void w.end('late');
    },
    '/upgrade': (w, r) => {
      const conn = w.hijack();
      void (async () => {
        await conn.write(Buffer.from('HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nUpgrade: echo\r\n\r\n'));
        for (let b = await conn.read(); b !== null; b = await conn.read()) {
          await conn.write(Buffer.from(`echo:${Buffer.from(b).toString('latin1')}`, 'latin1'));
          if (Buffer.from(b).toString('latin1').includes('bye')) break;
        }
        conn.close();
      })();
      log.served.push(`hijacked ${r.method}`);
    },
  };
  const code = (err: unknown): void => {
    log.caught.push(typeof err === 'object' && err !== null && 'code' in err ? String(err.code) : String(err));
  };
  // Bodies that contradict the Content-Length the handler declared, on every path of the writer.
  const lengthMisuse: Record<string, (w: ResponseWriter) => Promise<void>> = {
    'end-long': async (w) => {
      w.header().set('Content-Length', '3');
      void w.end('hello');
    },
    'end-short': (w) => {
      w.header().set('Content-Length', '10');
      return w.end('hello').catch(code);
    },
    'end-bytes-long': (w) => {
      w.header().set('Content-Length', '3');
      return w.end(Buffer.from('hello')).catch(code);
    },
    'write-long': async (w) => {
      w.header().set('Content-Length', '3');
      await w.write('hello').catch(code);
      await w.end().catch(code);
    },
    'write-short': async (w) => {
      w.header().set('Content-Length', '10');
      await w.write('hel');
      await w.end('lo').catch(code);
    },
    'stream-long': async (w) => {
      w.header().set('Content-Length', '6');
      await w.write('abc');
      w.flush();
      await delay(5);
      await w.write('defg').catch(code);
      await w.end().catch(code);
    },
  };
  // Misuses of the writer whose rejections the handler ignores: none may crash the process.
  const writerMisuse: Record<string, (w: ResponseWriter) => Promise<void>> = {
    'long-ignored': async (w) => {
      w.header().set('Content-Length', '3');
      void w.end('hello');
    },
    'short-ignored': async (w) => {
      w.header().set('Content-Length', '10');
      void w.write('abc');
    },
    'write-after-end': async (w) => {
      await w.end('a');
      void w.write('b');
    },
    'end-twice': async (w) => {
      void w.end('a');
      void w.end('b');
    },
    'header-after-write': async (w) => {
      await w.write('a');
      w.header().set('X-Late', 'y');
      w.writeHeader(500);
      void w.end();
    },
    'hijack-then-write': async (w) => {
      const c = w.hijack();
      void w.write('x');
      void w.end('y');
      c.close();
    },
    'client-gone-mid-body': async (w) => {
      const chunk = bigBody(64);
      for (let i = 0; i < 40; i++) {
        void w.write(chunk);
        await delay(5);
      }
      void w.end();
    },
  };
  // Each checks one rule of the writer, request body or hijack contract and reports the error
  // code it met (or 'none') in log.caught; those that can still answer also send it as the body.
  const caught = (err: unknown): string => (err instanceof HttpError ? err.code : `not an HttpError: ${String(err)}`);
  // A hijack the contract refuses: the code it threw is logged and, as nothing was taken over,
  // sent as the body.
  const hijackRefused = async (w: ResponseWriter): Promise<void> => {
    let got = 'none';
    try {
      w.hijack().close();
    } catch (err) {
      got = caught(err);
    }
    log.caught.push(got);
    if (got !== 'none') await w.end(got);
  };
  const contract: Record<string, (w: ResponseWriter, r: Request) => Promise<void>> = {
    'hijack-not-upgrade': (w) => hijackRefused(w),
    'hijack-after-header': (w) => {
      w.flush();
      return hijackRefused(w);
    },
    'hijack-twice': async (w) => {
      const conn = w.hijack();
      let got = 'none';
      try {
        w.hijack();
      } catch (err) {
        got = caught(err);
      }
      log.caught.push(got);
      await conn.write(Buffer.from(got));
      await conn.closeWrite();
      conn.close();
    },
    ...Object.fromEntries(
      [101, 103, 204, 304].map((status) => [
        `body-not-allowed-${status}`,
        async (w: ResponseWriter): Promise<void> => {
          w.writeHeader(status);
          log.caught.push(await w.write('x').then(() => 'none', caught));
          if (status >= 200) await w.end();
        },
      ]),
    ),
    'body-consumed': async (w, r) => {
      await r.body.bytes();
      const got = await r.body.bytes().then(() => 'none', caught);
      log.caught.push(got);
      await w.end(got);
    },
    'body-consumed-empty': async (w, r) => {
      const first = (await r.body.bytes()).length;
      const got = await r.body.text().then(() => 'none', caught);
      log.caught.push(got);
      await w.end(`${first} ${got}`);
    },
    'request-aborted': async (w, r) => {
      await new Promise((resolve) => r.signal.addEventListener('abort', resolve));
      log.caught.push(await r.body.bytes().then(() => 'none', caught));
      void w.end().catch(() => undefined);
    },
    'write-after-end': async (w) => {
      await w.end('a');
      log.caught.push(await w.write('b').then(() => 'none', caught));
    },
    'write-after-hijack': async (w) => {
      const conn = w.hijack();
      log.caught.push(await w.write('b').then(() => 'none', caught));
      await conn.write(Buffer.from('hijacked'));
      await conn.closeWrite();
      conn.close();
    },
    'upgrade-empty-body': async (w, r) => {
      const body = await r.body.text();
      const conn = w.hijack();
      const first = await conn.read();
      await conn.write(Buffer.from(`${r.contentLength}:${body.length}:${Buffer.from(first ?? new Uint8Array()).toString()}`));
      await conn.closeWrite();
      conn.close();
    },
    'upgrade-client-reset': async (w) => {
      await delay(100);
      // Rejects: the client is gone. The handler lets it propagate.
      await w.write('x'.repeat(256 * 1024));
    },
  };
  const handler: Handler = {
    serveHTTP(w, r) {
      log.served.push(r.path);
      if (r.path.startsWith('/contract/')) return contract[r.path.slice('/contract/'.length)]!(w, r);
      if (r.method === 'CONNECT' && r.url === 'tunnel.test:443') {
        const conn = w.hijack();
        return (async () => {
          await conn.write(Buffer.from(`HTTP/1.1 200 Connection Established\r\n\r\n${r.url}`));
          await conn.closeWrite();
          conn.close();
        })();
      }
      if (r.path.startsWith('/length/')) return lengthMisuse[r.path.slice('/length/'.length)]!(w);
      if (r.path.startsWith('/misuse/')) return writerMisuse[r.path.slice('/misuse/'.length)]!(w);
      const slow = /^\/slow\/(\d+)$/.exec(r.path);
      if (slow !== null) {
        return delay(Number(slow[1])).then(() => w.end(r.path));
      }
      const big = /^\/big\/(\d+)$/.exec(r.path);
      if (big !== null) {
        const kib = Number(big[1]);
        let body = bodies.get(kib);
        if (body === undefined) bodies.set(kib, (body = bigBody(kib)));
        void w.end(body);
        return;
      }
      const route = routes[r.path];
      if (route !== undefined) return route(w, r);
      if (r.method === 'CONNECT') return;
      void w.end('ok');
    },
  };
  return { handler, log };
}
