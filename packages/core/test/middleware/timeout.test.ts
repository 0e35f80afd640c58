import { expect } from 'chai';
import { Hono } from 'hono';
import { timeout as honoTimeout } from 'hono/timeout';
import net from 'node:net';
import { pino } from 'pino';
import { CoreError, Engine, HttpError, timeout, type Context, type Listening } from '../../src/index.js';
import { expectSame, honoAnswer, sloeAnswer, type SideCase } from './side.js';

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

// Deliberate difference from Hono's timeout:
const UNAVAILABLE = 'a handler that overran is the server being unavailable, 503 (as Go\'s TimeoutHandler answers); Hono answers 504, a gateway\'s status';

interface Logged {
  level: number;
  msg: string;
  err?: { code?: string };
}

function app(logs: Logged[], options?: { status?: number }): Engine {
  const log = pino({ level: 'info' }, { write: (s: string) => void logs.push(JSON.parse(s) as Logged) });
  const a = new Engine({ logger: log });
  a.use(timeout(60, options));
  a.get('/fast', (c) => c.json(200, { fast: true }));
  a.get('/late', async (c) => {
    await sleep(200);
    c.json(200, { late: true });
  });
  a.get('/stops', async (c: Context) => {
    await new Promise((r) => c.signal.addEventListener('abort', r));
    c.set('reason', c.signal.reason);
  });
  a.get('/stream', (c) =>
    c.stream(200, 'text/plain; charset=utf-8', (async function* () {
      for (let i = 0; i < 1000; i++) {
        yield `tick ${i}\n`;
        await sleep(10);
      }
    })()),
  );
  return a;
}

function honoApp(): Hono {
  const h = new Hono();
  h.use('*', honoTimeout(60));
  h.get('/fast', (c) => c.json({ fast: true }));
  h.get('/late', async (c) => {
    await sleep(200);
    return c.json({ late: true });
  });
  return h;
}

const warnings = (logs: Logged[]): Logged[] => logs.filter((l) => l.level === 40);

/** Sends raw requests on one connection; resolves with everything the server sent within `ms`. */
function rawExchange(port: number, requests: string[], gapMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    let received = '';
    socket.on('data', (d: Buffer) => (received += d.toString('latin1')));
    socket.on('error', reject);
    void (async () => {
      for (const r of requests) {
        socket.write(r);
        await sleep(gapMs);
      }
      socket.destroy();
      resolve(received);
    })();
  });
}

const get = (path: string): string => `GET ${path} HTTP/1.1\r\nHost: app.example\r\n\r\n`;

describe('timeout, side by side with Hono', () => {
  const cases: SideCase[] = [
    { name: 'a handler in time', method: 'GET', url: '/fast' },
    { name: 'a handler that overruns', method: 'GET', url: '/late', differs: { status: UNAVAILABLE }, sloe: { status: 503 } },
  ];
  for (const c of cases) {
    it(c.name, async () => {
      expectSame(c, await sloeAnswer(app([]), c, []), await honoAnswer(honoApp(), c, []));
    });
  }

  it('with status 504 both answer the same', async () => {
    const c: SideCase = { name: 'late', method: 'GET', url: '/late' };
    expectSame(c, await sloeAnswer(app([], { status: 504 }), c, []), await honoAnswer(honoApp(), c, []));
  });
});

describe('timeout', () => {
  it('checks its arguments', () => {
    expect(() => timeout(0)).to.throw(CoreError, 'positive whole number of milliseconds');
    expect(() => timeout(1.5)).to.throw(CoreError, 'positive whole number of milliseconds');
    expect(() => timeout(100, { status: 200 })).to.throw(CoreError, '"status" must be an error status');
    expect(() => timeout(100, { code: 504 } as never)).to.throw(CoreError, 'unknown option "code"');
  });

  it('a handler that answers after its timeout: 503 at once, its late answer dropped and logged once (inject)', async () => {
    const logs: Logged[] = [];
    const started = performance.now();
    const r = await app(logs).inject({ url: '/late', headers: { accept: 'application/json' } });
    expect(performance.now() - started).to.be.below(180);
    expect([r.status, r.json()]).to.deep.equal([503, { error: 'ERR_CORE_TIMEOUT', message: 'no answer within 60 ms' }]);
    await sleep(250);
    expect(warnings(logs).map((l) => l.err?.code)).to.deep.equal(['ERR_CORE_CONTEXT_ENDED']);
  });

  it('aborts c.signal with ERR_CORE_TIMEOUT; a handler that stops on it is not logged', async () => {
    const logs: Logged[] = [];
    const a = app(logs);
    let reason: unknown;
    a.use(async (c) => {
      await c.next();
      reason = c.get('reason');
    });
    const r = await a.inject('/stops');
    expect(r.status).to.equal(503);
    await sleep(20);
    expect(reason).to.be.instanceOf(HttpError).and.to.include({ code: 'ERR_CORE_TIMEOUT', status: 503 });
    expect(warnings(logs)).to.deep.equal([]);
  });

  it('a handler in time is answered by itself, and nothing is logged after', async () => {
    const logs: Logged[] = [];
    const r = await app(logs).inject('/fast');
    await sleep(100);
    expect([r.status, r.body, warnings(logs)]).to.deep.equal([200, '{"fast":true}', []]);
  });

  for (const transport of ['node', 'netpoll'] as const) {
    describe(`over a ${transport} socket`, () => {
      let listening: Listening;
      const logs: Logged[] = [];
      before(async () => {
        listening = await app(logs).listen({ host: '127.0.0.1', transport });
      });
      after(() => listening.close());

      it('a handler that answers after its timeout: one response, 503, and the connection still serves the next request', async () => {
        logs.length = 0;
        const sent = await rawExchange(listening.port, [get('/late'), get('/fast')], 300);
        const statuses = [...sent.matchAll(/HTTP\/1\.1 (\d{3})/g)].map((m) => m[1]);
        expect(statuses).to.deep.equal(['503', '200']);
        expect(sent).to.not.include('"late"');
        expect(sent).to.include('{"fast":true}');
        expect(warnings(logs).map((l) => l.err?.code)).to.deep.equal(['ERR_CORE_CONTEXT_ENDED']);
      });

      it('a response already streaming is not replaced: the stream stops on the aborted signal and ends', async () => {
        const sent = await rawExchange(listening.port, [get('/stream')], 300);
        expect([...sent.matchAll(/HTTP\/1\.1 (\d{3})/g)].map((m) => m[1])).to.deep.equal(['200']);
        expect(sent).to.include('tick 0');
        // The chunked body ended (its last chunk) long before the thousand ticks.
        expect(sent.endsWith('\r\n0\r\n\r\n')).to.equal(true);
        expect(sent).to.not.include('tick 100\n');
      });
    });
  }
});
