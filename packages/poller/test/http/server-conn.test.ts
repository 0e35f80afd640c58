// The netpoll connection loop over a scripted connection: batched writes, and a client that
// does not read its responses. Without the kernel's socket buffers in between, the caps of
// maxPipelinedRequests and maxBufferedResponseBytes show as exact handler counts.
import { expect } from 'chai';
import type { Handler } from '../../src/http/handler.js';
import { resolveTransportOptions } from '../../src/http/options.js';
import type { TransportOptions } from '../../src/http/options.js';
import { ServerConn } from '../../src/http/server-conn.js';
import type { Conn } from '../../src/net/conn.js';
import { isPollable } from '../../src/net/pollable.js';
import { ScriptedConn } from './scripted-conn.js';

const GET = 'GET / HTTP/1.1\r\nHost: t\r\n\r\n';

/** Lets the loop run until it parks: a few turns of the event loop. */
async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise((resolve) => setImmediate(resolve));
}

/** Serves `conn` with a handler answering `body`; returns the count of handler calls. */
function serve(conn: Conn, options: TransportOptions, body: string): { calls: () => number } {
  let calls = 0;
  const handler: Handler = {
    serveHTTP(w) {
      calls++;
      void w.end(body);
    },
  };
  const sc = new ServerConn(conn, {
    options: resolveTransportOptions(options),
    handler,
    closing: false,
    reportError: () => undefined,
    release: () => undefined,
    countParseError: () => undefined,
  });
  void sc.serve();
  return { calls: () => calls };
}

interface CapCase {
  name: string;
  options: TransportOptions;
  body: string;
  /** Handler calls after each round: the client reads nothing, then takes what was written. */
  rounds: number[];
}

const cases: CapCase[] = [
  {
    name: 'answers maxPipelinedRequests requests ahead of a client that takes none, then as many more each time it takes them',
    options: { maxPipelinedRequests: 4 },
    body: 'ok',
    rounds: [4, 8, 12],
  },
  {
    name: 'stops after the response that takes the unsent bytes past maxBufferedResponseBytes',
    // Each answer is flushed at once (over writeHighWaterMark) and is about 700 bytes: the
    // second one passes 1000 unsent bytes.
    options: { maxPipelinedRequests: 100, maxBufferedResponseBytes: 1000, writeHighWaterMark: 512 },
    body: 'b'.repeat(600),
    rounds: [2, 4, 6],
  },
];

describe('netpoll connection: pipelining', () => {
  for (const c of cases) {
    it(c.name, async () => {
      const conn = new ScriptedConn();
      conn.reading = false;
      conn.feed(GET.repeat(20));
      const { calls } = serve(conn, c.options, c.body);
      const seen: number[] = [];
      for (let i = 0; i < c.rounds.length; i++) {
        await settle();
        seen.push(calls());
        conn.take();
      }
      expect(seen).to.deep.equal(c.rounds);
      conn.reading = true;
      conn.take();
      await settle();
      expect(calls(), 'all served once the client reads').to.equal(20);
      conn.close();
    });
  }

  it('serves a reading client straight through, one write per maxPipelinedRequests responses', async () => {
    const conn = new ScriptedConn();
    conn.feed(GET.repeat(20));
    const { calls } = serve(conn, { maxPipelinedRequests: 4 }, 'ok');
    await settle();
    expect(calls()).to.equal(20);
    expect(conn.writes).to.equal(5);
    const text = Buffer.concat(conn.written).toString('latin1');
    expect(text.match(/HTTP\/1\.1 200 OK/g)?.length).to.equal(20);
    conn.close();
  });

  it('writes the responses of requests that are ready together in one write', async () => {
    const conn = new ScriptedConn();
    conn.feed(GET.repeat(5));
    serve(conn, {}, 'ok');
    await settle();
    expect(conn.writes).to.equal(1);
    expect(conn.written.length).to.equal(5);
    conn.feed(GET.repeat(3));
    await settle();
    expect(conn.writes).to.equal(2);
    conn.close();
  });
});

// A Conn with the contract's members only: the server must give it the Pollable ones itself.
function plain(c: ScriptedConn): Conn {
  return {
    read: () => c.read(),
    tryRead: () => c.tryRead(),
    write: (bytes) => c.write(bytes),
    writev: (chunks) => c.writev(chunks),
    closeWrite: () => c.closeWrite(),
    close: () => {
      c.close();
    },
    get closed() {
      return c.closed;
    },
    localAddr: c.localAddr,
    remoteAddr: c.remoteAddr,
    get readBuffered() {
      return c.readBuffered;
    },
    get writeBuffered() {
      return c.writeBuffered;
    },
    setDeadline: (t) => {
      c.setDeadline(t);
    },
    setReadDeadline: (t) => {
      c.setReadDeadline(t);
    },
    setWriteDeadline: (t) => {
      c.setWriteDeadline(t);
    },
    setNoDelay: () => undefined,
  };
}

describe('netpoll connection: the Pollable path', () => {
  it('the scripted connection is Pollable, as TCPConn is, so it takes the production path', () => {
    expect(isPollable(new ScriptedConn())).to.equal(true);
    expect(isPollable(plain(new ScriptedConn()))).to.equal(false);
  });

  it('drops a client that does not take a stalled write within sendTimeout, discarding what it holds (linger 0)', async () => {
    const conn = new ScriptedConn();
    conn.reading = false;
    conn.feed(GET);
    serve(conn, { sendTimeout: 50, writeHighWaterMark: 16 }, 'x'.repeat(100));
    await settle();
    expect(conn.closed).to.equal(false);
    await new Promise((resolve) => setTimeout(resolve, 120));
    expect([conn.closed, conn.linger]).to.deep.equal([true, 0]);
  });

  it('serves a Conn without the Pollable members, pipelined requests in one write, text and bytes alike', async () => {
    const conn = new ScriptedConn();
    conn.feed(GET.repeat(3));
    const { calls } = serve(plain(conn), {}, 'ok');
    await settle();
    expect(calls()).to.equal(3);
    expect(conn.writes).to.equal(1);
    conn.feed(GET);
    await settle();
    expect(calls()).to.equal(4);
    const text = Buffer.concat(conn.written).toString('latin1');
    expect(text.match(/HTTP\/1\.1 200 OK\r\n[^]*?\r\n\r\nok/g)?.length).to.equal(4);
    conn.close();
  });
});
