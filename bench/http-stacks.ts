// The servers of `bench/http.bench.ts`'s "stack" and "compress" scenarios: the same JSON routes
// behind each framework's own production middleware, set up to answer with the same headers.
//
// The stack, in this order on every framework: a request id echoed in X-Request-Id and a
// request logger that writes nothing (sloe: logger() over pino at `silent`; Fastify: its pino
// logger at `silent`, which binds the request id to a child logger per request; Hono:
// requestId() and logger() printing to a function that drops the line, Hono's logger having no
// level), CORS for any origin, the security headers, a weak ETag, and compression whose 1 KiB
// threshold the hello body stays under. Deliberate settings, so the header sets match:
// helmet's and Hono's Strict-Transport-Security is off (sloe sends it on HTTPS only and the
// bench is plain HTTP), helmet's Content-Security-Policy is off (sloe and Hono send none by
// default), and the Hono route declares its Content-Length, without which Hono's compress()
// cannot see that the body is under its threshold and compresses it.
import { Buffer } from 'node:buffer';

/** A framework the scenarios run. */
export type Framework = 'sloe-netpoll' | 'sloe-node' | 'fastify' | 'hono' | 'express' | 'node-http';

/** The hello route's object. */
export const HELLO = { hello: 'world' } as const;

/** A user of the large body. */
interface BenchUser {
  id: number;
  name: string;
  email: string;
  active: boolean;
  score: number;
  tags: string[];
}

/**
 * About 100 KB of JSON: users with pseudo-random but fixed fields, so it compresses like real
 * data rather than like one repeated string.
 */
export function bigBody(): { users: BenchUser[] } {
  let seed = 42;
  // MINSTD: small enough a multiplier that every step is exact in a double.
  const next = (): number => (seed = (seed * 48271) % 2147483647);
  const word = (): string => Array.from({ length: 4 + (next() % 6) }, () => String.fromCharCode(97 + (next() % 26))).join('');
  const users: BenchUser[] = [];
  let size = 12;
  while (size < 100 * 1024) {
    const name = `${word()} ${word()}`;
    const user: BenchUser = { id: users.length + 1, name, email: `${name.replace(' ', '.')}@${word()}.com`, active: next() % 2 === 0, score: next() % 10000, tags: [word(), word()] };
    users.push(user);
    size += JSON.stringify(user).length + 1;
  }
  return { users };
}

/** Serves GET / (the hello object) behind `name`'s middleware stack. */
export async function serveStack(name: Framework, port: number): Promise<void> {
  switch (name) {
    case 'sloe-netpoll':
    case 'sloe-node': {
      const { Engine, logger, cors, secureHeaders, etag, compress } = await import('../packages/core/src/index.js');
      const { pino } = await import('pino');
      const app = new Engine({ logger: pino({ level: 'silent' }) });
      app.use(logger(), cors(), secureHeaders(), etag(), compress());
      app.get('/', (c) => c.json(200, HELLO));
      await app.listen({ port, host: '127.0.0.1', transport: name === 'sloe-netpoll' ? 'netpoll' : 'node' });
      return;
    }
    case 'fastify': {
      const { default: Fastify } = await import('fastify');
      const { default: cors } = await import('@fastify/cors');
      const { default: helmet } = await import('@fastify/helmet');
      const { default: etag } = await import('@fastify/etag');
      const { default: compress } = await import('@fastify/compress');
      const app = Fastify({ logger: { level: 'silent' }, requestIdHeader: 'x-request-id' });
      // Fastify takes the request id from X-Request-Id but does not echo it: the one hook the stack needs.
      app.addHook('onRequest', async (req, reply) => {
        void reply.header('x-request-id', req.id);
      });
      await app.register(cors);
      await app.register(helmet, { contentSecurityPolicy: false, strictTransportSecurity: false });
      await app.register(etag, { weak: true });
      await app.register(compress);
      app.get('/', async () => HELLO);
      await app.listen({ port, host: '127.0.0.1' });
      return;
    }
    case 'hono': {
      const { Hono } = await import('hono');
      const { requestId } = await import('hono/request-id');
      const { logger } = await import('hono/logger');
      const { cors } = await import('hono/cors');
      const { secureHeaders } = await import('hono/secure-headers');
      const { etag } = await import('hono/etag');
      const { compress } = await import('hono/compress');
      const { serve } = await import('@hono/node-server');
      const app = new Hono();
      app.use(
        requestId({ headerName: 'X-Request-Id' }),
        logger(() => undefined),
        cors(),
        secureHeaders({ strictTransportSecurity: false }),
        etag({ weak: true }),
        compress(),
      );
      app.get('/', (c) => {
        const body = JSON.stringify(HELLO);
        return c.body(body, 200, { 'Content-Type': 'application/json', 'Content-Length': String(Buffer.byteLength(body)) });
      });
      serve({ fetch: app.fetch, port, hostname: '127.0.0.1' });
      return;
    }
    case 'express':
    case 'node-http':
      throw new Error(`no stack for ${name}`);
  }
}

/** Serves GET /big (about 100 KB of JSON) behind `name`'s compression middleware alone. */
export async function serveCompress(name: Framework, port: number): Promise<void> {
  const big = bigBody();
  switch (name) {
    case 'sloe-netpoll':
    case 'sloe-node': {
      const { Engine, compress } = await import('../packages/core/src/index.js');
      const app = new Engine();
      app.use(compress());
      app.get('/big', (c) => c.json(200, big));
      await app.listen({ port, host: '127.0.0.1', transport: name === 'sloe-netpoll' ? 'netpoll' : 'node' });
      return;
    }
    case 'fastify': {
      const { default: Fastify } = await import('fastify');
      const { default: compress } = await import('@fastify/compress');
      const app = Fastify({ logger: false });
      await app.register(compress);
      app.get('/big', async () => big);
      await app.listen({ port, host: '127.0.0.1' });
      return;
    }
    case 'hono': {
      const { Hono } = await import('hono');
      const { compress } = await import('hono/compress');
      const { serve } = await import('@hono/node-server');
      const app = new Hono();
      app.use(compress());
      app.get('/big', (c) => c.json(big));
      serve({ fetch: app.fetch, port, hostname: '127.0.0.1' });
      return;
    }
    case 'express':
    case 'node-http':
      throw new Error(`no compress server for ${name}`);
  }
}
