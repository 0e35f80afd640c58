// WebSocket routes, on every way a socket reaches an Engine: over a port on the node and netpoll
// transports (with the ws client), and without a port through app.injectWS.
import { expect } from 'chai';
import { spawnSync } from 'node:child_process';
import { once } from 'node:events';
import type { IncomingMessage } from 'node:http';
import { fileURLToPath } from 'node:url';
import WsClient from 'ws';
import { Engine, HttpError, WebSocket, type Context, type Listening, type TransportName, type WebSocketCloseInfo, type WebSocketMessage } from '../src/index.js';

interface OpenOptions {
  headers?: Record<string, string>;
  protocols?: string[];
  perMessageDeflate?: boolean;
  /** Answer the server's pings (the ws client's default). Ports only. */
  autoPong?: boolean;
}

/** One way of opening a WebSocket to an app. */
interface SocketWay {
  name: string;
  /** Whether the client can be told not to answer pings (the dead-peer case). */
  mutableClient: boolean;
  start(app: Engine): Promise<void>;
  open(path: string, options?: OpenOptions): Promise<WebSocket>;
  /** The status of a refused upgrade. */
  refusal(path: string, headers?: Record<string, string>): Promise<number>;
  stop(): Promise<void>;
}

const CLIENT = { pingInterval: 0, pongTimeout: 1, maxQueuedMessages: 16 };

function portWay(transport: TransportName): SocketWay {
  let app: Engine;
  let l: Listening;
  return {
    name: transport,
    mutableClient: true,
    async start(a) {
      app = a;
      l = await app.listen({ port: 0, host: '127.0.0.1', transport });
    },
    async open(path, o = {}) {
      const raw = new WsClient(`ws://127.0.0.1:${l.port}${path}`, o.protocols ?? [], { headers: o.headers ?? {}, perMessageDeflate: o.perMessageDeflate ?? false, autoPong: o.autoPong ?? true });
      // Wrapped as it opens: messages sent with the 101 come before a promise continuation.
      return new Promise((resolve, reject) => {
        raw.once('open', () => resolve(new WebSocket(raw, CLIENT)));
        raw.once('error', reject);
      });
    },
    async refusal(path, headers = {}) {
      const raw = new WsClient(`ws://127.0.0.1:${l.port}${path}`, { headers });
      const [req, res] = (await once(raw, 'unexpected-response')) as [{ destroy(): void }, IncomingMessage];
      req.destroy();
      return res.statusCode ?? 0;
    },
    async stop() {
      await app.close();
    },
  };
}

function injectWay(): SocketWay {
  let app: Engine;
  return {
    name: 'injectWS',
    mutableClient: false,
    async start(a) {
      app = a;
    },
    open(path, o = {}) {
      return app.injectWS(path, o);
    },
    async refusal(path, headers = {}) {
      try {
        await app.injectWS(path, { headers });
      } catch (err) {
        if (err instanceof HttpError) return err.status;
        throw err;
      }
      throw new Error('the upgrade was not refused');
    },
    async stop() {
      await app.close();
    },
  };
}

const ways = [portWay('node'), portWay('netpoll'), injectWay()];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function take(ws: WebSocket, n: number): Promise<WebSocketMessage[]> {
  const out: WebSocketMessage[] = [];
  if (n === 0) return out;
  for await (const m of ws) {
    out.push(m);
    if (out.length === n) break;
  }
  return out;
}

// The iterator's `return` closes the socket: reading a few messages without ending it needs next().
async function next(ws: WebSocket): Promise<WebSocketMessage | undefined> {
  const r = await ws[Symbol.asyncIterator]().next();
  return r.done === true ? undefined : r.value;
}

for (const way of ways) {
  describe(`WebSocket routes (${way.name})`, () => {
    let app: Engine;
    // What the server side saw, per test.
    let seen: { closed?: WebSocketCloseInfo; messages: WebSocketMessage[]; ended: boolean; sent: number };

    async function start(setup: (app: Engine) => void, closeTimeout = 10000): Promise<void> {
      app = new Engine({ closeTimeout });
      seen = { messages: [], ended: false, sent: 0 };
      setup(app);
      await way.start(app);
    }

    afterEach(async () => {
      await way.stop();
    });

    it('a text frame arrives as a string and a binary frame as a Uint8Array, both ways', async () => {
      await start((a) =>
        a.ws('/echo', async (_c, ws) => {
          for await (const m of ws) await ws.send(m);
        }),
      );
      const ws = await way.open('/echo');
      await ws.send('héllo');
      expect(await next(ws)).to.equal('héllo');
      await ws.send(new Uint8Array([0, 1, 255]));
      const bin = await next(ws);
      expect(bin).to.be.instanceOf(Uint8Array);
      expect([...(bin as Uint8Array)]).to.deep.equal([0, 1, 255]);
      expect(await ws.close()).to.deep.equal({ code: 1000, reason: '' });
    });

    it('the handler gets the Context first: params, query and what middleware set', async () => {
      const auth = (c: Context): void => {
        c.set('user', c.req.headers.get('authorization') ?? 'nobody');
      };
      await start((a) =>
        a.group('/rooms').ws('/:room', auth, async (c, ws) => {
          await ws.send(`${c.param('room')} ${c.query('lang')} ${String(c.get('user'))}`);
        }),
      );
      const ws = await way.open('/rooms/kitchen?lang=fr', { headers: { authorization: 'ann' } });
      expect(await take(ws, 1)).to.deep.equal(['kitchen fr ann']);
    });

    it('the iteration on the server ends when the client closes, with its code and reason', async () => {
      let done!: () => void;
      const ended = new Promise<void>((r) => (done = r));
      await start((a) =>
        a.ws('/chat', async (_c, ws) => {
          for await (const m of ws) seen.messages.push(m);
          seen.closed = await ws.closed;
          done();
        }),
      );
      const ws = await way.open('/chat');
      await ws.send('a');
      await ws.send('b');
      await ws.close(4001, 'leaving');
      await ended;
      expect(seen.messages).to.deep.equal(['a', 'b']);
      expect(seen.closed).to.deep.equal({ code: 4001, reason: 'leaving' });
    });

    it('the iteration on the client ends when the server closes; the handler returning closes with 1000', async () => {
      await start((a) => {
        a.ws('/bye', async (_c, ws) => {
          await ws.send('one');
          await ws.close(4000, 'bye');
        });
        a.ws('/done', async (_c, ws) => {
          await ws.send('only');
        });
      });
      const bye = await way.open('/bye');
      const got: WebSocketMessage[] = [];
      for await (const m of bye) got.push(m);
      expect(got).to.deep.equal(['one']);
      expect(await bye.closed).to.deep.equal({ code: 4000, reason: 'bye' });
      const done = await way.open('/done');
      expect(await take(done, 1)).to.deep.equal(['only']);
      expect((await done.closed).code).to.equal(1000);
    });

    it('send() resolves only as the peer reads: a client that does not read holds the sender back', async () => {
      const total = 200;
      const chunk = new Uint8Array(64 * 1024);
      await start((a) =>
        a.ws('/flood', async (_c, ws) => {
          for (let i = 0; i < total; i++) {
            await ws.send(chunk);
            seen.sent++;
          }
          for await (const _ of ws);
        }),
      );
      const ws = await way.open('/flood');
      await sleep(300);
      // 200 × 64 KiB is 12.5 MiB: the client's queue (16 messages), the socket buffers and the
      // kernel windows hold a fraction of it.
      expect(seen.sent).to.be.greaterThan(0);
      expect(seen.sent).to.be.lessThan(total);
      for (let i = 0; i < total; i++) expect((await next(ws))?.length).to.equal(chunk.length);
      for (let i = 0; i < 100 && seen.sent < total; i++) await sleep(10);
      expect(seen.sent).to.equal(total);
      await ws.close();
    });

    it('a message over maxMessageSize closes the socket with 1009 and ends the iteration', async () => {
      let done!: () => void;
      const ended = new Promise<void>((r) => (done = r));
      await start((a) =>
        a.ws('/small', { maxMessageSize: 1024 }, async (_c, ws) => {
          for await (const m of ws) seen.messages.push(m);
          seen.closed = await ws.closed;
          done();
        }),
      );
      const ws = await way.open('/small');
      await ws.send('x'.repeat(1024));
      await ws.send('y'.repeat(1025));
      expect((await ws.closed).code).to.equal(1009);
      await ended;
      expect(seen.messages).to.deep.equal(['x'.repeat(1024)]);
      expect(seen.closed?.code).to.equal(1009);
    });

    it('keep-alive pings keep a live peer open and drop one that stops answering (1006)', async function () {
      await start((a) =>
        a.ws('/live', { pingInterval: 40, pongTimeout: 80 }, async (_c, ws) => {
          for await (const _ of ws);
          seen.closed = await ws.closed;
        }),
      );
      const live = await way.open('/live');
      await sleep(300);
      expect(live.readyState).to.equal('open');
      await live.close();
      if (!way.mutableClient) return;
      const mute = await way.open('/live', { autoPong: false });
      const closed = await mute.closed;
      expect(closed.code).to.equal(1006);
      await sleep(20);
      expect(seen.closed?.code).to.equal(1006);
    });

    it('middleware that answers refuses the upgrade with its answer; the handler never runs', async () => {
      let ran = false;
      const auth = (c: Context): void => {
        if (c.req.headers.get('authorization') !== 'Bearer ok') c.abortWithStatusJSON(401, { error: 'unauthorized' });
      };
      await start((a) =>
        a.ws('/private', auth, () => {
          ran = true;
        }),
      );
      expect(await way.refusal('/private')).to.equal(401);
      const ok = await way.open('/private', { headers: { authorization: 'Bearer ok' } });
      await ok.closed;
      expect(ran).to.equal(true);
    });

    it('a request that is not an upgrade is answered 426 with Upgrade: websocket', async () => {
      await start((a) => a.ws('/ws', () => undefined));
      const r = await app.inject('/ws');
      expect([r.status, r.headers['upgrade'], r.headers['sec-websocket-version']]).to.deep.equal([426, 'websocket', '13']);
    });

    it('headers middleware set go out with the 101; a subprotocol and permessage-deflate are negotiated when offered', async () => {
      await start((a) => {
        a.use((c) => {
          c.setHeader('X-Request-Id', 'r-1');
        });
        a.ws('/plain', () => undefined);
        a.ws('/chat', { protocols: ['chat.v2', 'chat.v1'], perMessageDeflate: true }, async (_c, ws) => {
          await ws.send(`${ws.protocol}|${ws.extensions.startsWith('permessage-deflate') ? 'deflate' : 'none'}`);
        });
      });
      const chat = await way.open('/chat', { protocols: ['chat.v1', 'chat.v2'], perMessageDeflate: true });
      expect(chat.protocol).to.equal('chat.v2');
      expect(await take(chat, 1)).to.deep.equal(['chat.v2|deflate']);
      const plain = await way.open('/plain', { perMessageDeflate: true });
      expect([plain.protocol, plain.extensions]).to.deep.equal(['', '']);
      await plain.closed;
    });

    it('engine.close() closes open sockets with 1001 and resolves once they closed', async () => {
      await start((a) =>
        a.ws('/stay', async (_c, ws) => {
          for await (const _ of ws);
          seen.closed = await ws.closed;
        }),
      );
      const ws = await way.open('/stay');
      await ws.send('here');
      await app.close();
      expect(seen.closed).to.deep.equal({ code: 1001, reason: 'server shutting down' });
      expect(await ws.closed).to.deep.equal({ code: 1001, reason: 'server shutting down' });
    });

    it('engine.close() drops a socket whose peer does not answer the close within closeTimeout', async () => {
      await start(
        (a) =>
          a.ws('/stuck', async (_c, ws) => {
            for (;;) {
              if (ws.readyState !== 'open') break;
              await ws.send(new Uint8Array(64 * 1024)).catch(() => undefined);
              seen.sent++;
            }
            seen.closed = await ws.closed;
          }),
        300,
      );
      // The client never reads: the close frame waits behind megabytes it does not take.
      const ws = await way.open('/stuck');
      await sleep(100);
      const t0 = performance.now();
      await app.close();
      const took = performance.now() - t0;
      expect(took).to.be.greaterThan(250);
      expect(took).to.be.lessThan(3000);
      expect(seen.closed?.code).to.equal(1006);
      ws.terminate();
    });
  });
}

describe('WebSocket support costs nothing unused', () => {
  it('ws is loaded only once a WebSocket route is registered', () => {
    const core = fileURLToPath(new URL('../src/index.ts', import.meta.url));
    const script = `
      import { createRequire } from 'node:module';
      const require = createRequire(import.meta.url);
      const loaded = () => Object.keys(require.cache).some((k) => /[\\\\/]node_modules[\\\\/]ws[\\\\/]/.test(k));
      const { Engine } = await import(${JSON.stringify(core)});
      const app = new Engine();
      app.get('/', (c) => c.string(200, 'hi'));
      await app.inject('/');
      const before = loaded();
      app.ws('/ws', () => undefined);
      await new Promise((r) => setTimeout(r, 200));
      console.log(JSON.stringify([before, loaded()]));
    `;
    const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { encoding: 'utf8' });
    expect(r.stderr).to.equal('');
    expect(JSON.parse(r.stdout)).to.deep.equal([false, true]);
  });
});
