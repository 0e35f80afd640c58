import { expect } from 'chai';
import { CoreError, Engine, HttpError, recovery, type Context } from '../src/index.js';

/** An app that records the error escaping its chain, if any. */
function capture(): { app: Engine; errors: unknown[] } {
  const errors: unknown[] = [];
  const app = new Engine();
  app.use(async (c) => {
    try {
      await c.next();
    } catch (err) {
      errors.push(err);
      if (!c.written) c.string(500, 'caught');
    }
  });
  return { app, errors };
}

function codeOf(err: unknown): string | undefined {
  return err instanceof CoreError ? err.code : undefined;
}

describe('the middleware chain', () => {
  it('runs in onion order: code after await c.next() runs after the inner handlers', async () => {
    const app = new Engine();
    const trace: string[] = [];
    app.use(async (c) => {
      trace.push('a>');
      await c.next();
      trace.push('<a');
    });
    app.use(async (c) => {
      trace.push('b>');
      await new Promise((r) => setTimeout(r, 5));
      await c.next();
      trace.push('<b');
    });
    app.get('/', (c) => {
      trace.push('h');
      c.string(200, 'ok');
    });
    const r = await app.inject('/');
    expect(r.body).to.equal('ok');
    expect(trace).to.deep.equal(['a>', 'b>', 'h', '<b', '<a']);
  });

  it('runs middleware that never calls next() and then the handler (gin style)', async () => {
    const app = new Engine();
    app.use((c) => c.set('k', 'v'));
    app.get('/', (c) => c.string(200, String(c.get('k'))));
    expect((await app.inject('/')).body).to.equal('v');
  });

  it('abort() stops the chain after the current handler', async () => {
    const app = new Engine();
    let reached = false;
    app.use((c) => c.abortWithStatusJSON(401, { error: 'unauthorized' }));
    app.get('/', () => {
      reached = true;
    });
    const r = await app.inject('/');
    expect(r.status).to.equal(401);
    expect(r.json()).to.deep.equal({ error: 'unauthorized' });
    expect(reached).to.equal(false);
  });

  it('isAborted() reports an abort', async () => {
    const app = new Engine();
    app.use(async (c) => {
      await c.next();
      c.setHeader('X-Aborted', String(c.isAborted()));
    });
    app.get('/', (c) => c.abortWithStatus(403));
    const r = await app.inject('/');
    expect(r.status).to.equal(403);
  });

  it('answers 200 with an empty body when no handler writes', async () => {
    const app = new Engine();
    app.get('/', () => undefined);
    const r = await app.inject('/');
    expect([r.status, r.body, r.headers['content-length']]).to.deep.equal([200, '', '0']);
  });

  it('answers the status set with c.status() when no body is written', async () => {
    const app = new Engine();
    app.get('/', (c) => {
      c.status(202);
    });
    expect((await app.inject('/')).status).to.equal(202);
  });

  const mistakes: { name: string; code: string; handler: (c: Context) => void | Promise<void> }[] = [
    {
      name: 'calling next() twice from one handler is ERR_CORE_NEXT_TWICE',
      code: 'ERR_CORE_NEXT_TWICE',
      handler: async (c) => {
        await c.next();
        await c.next();
      },
    },
    {
      name: 'answering twice is ERR_CORE_RESPONSE_WRITTEN (Fastify #4921)',
      code: 'ERR_CORE_RESPONSE_WRITTEN',
      handler: (c) => {
        c.json(200, { a: 1 });
        c.json(200, { a: 2 });
      },
    },
    {
      name: 'a handler that answers and returns a value is ERR_CORE_HANDLER_RETURNED_VALUE (Fastify #4921)',
      code: 'ERR_CORE_HANDLER_RETURNED_VALUE',
      handler: (async (c: Context) => {
        c.json(200, { a: 1 });
        return { a: 2 };
      }) as unknown as (c: Context) => Promise<void>,
    },
    {
      name: 'a sync handler returning a value is ERR_CORE_HANDLER_RETURNED_VALUE',
      code: 'ERR_CORE_HANDLER_RETURNED_VALUE',
      handler: (() => 42) as unknown as (c: Context) => void,
    },
  ];
  for (const m of mistakes) {
    it(m.name, async () => {
      const { app, errors } = capture();
      app.get('/', m.handler);
      const r = await app.inject('/');
      expect(errors.map(codeOf)).to.deep.equal([m.code]);
      expect(r.status).to.be.oneOf([200, 500]);
      if (m.code === 'ERR_CORE_RESPONSE_WRITTEN') expect(r.body).to.equal('{"a":1}');
    });
  }

  it('detects next() called twice at any depth of a 40-handler chain', async () => {
    for (const twice of [0, 29, 30, 31, 38]) {
      const { app, errors } = capture();
      let reached = 0;
      const chain = Array.from({ length: 40 }, (_, i) => async (c: Context): Promise<void> => {
        reached++;
        if (i === 39) {
          c.string(200, 'end');
          return;
        }
        await c.next();
        if (i === twice) await c.next();
      });
      app.get('/', ...chain);
      await app.inject('/');
      expect(errors.map(codeOf), `handler #${twice}`).to.deep.equal(['ERR_CORE_NEXT_TWICE']);
      expect(reached, `handler #${twice}`).to.equal(40);
    }
  });

  it('a gin-style handler that never calls next() does not count as a call', async () => {
    const { app, errors } = capture();
    const chain = Array.from({ length: 40 }, (_, i) => (i % 2 === 0 ? (c: Context) => c.set(`k${i}`, i) : async (c: Context) => c.next()));
    app.get('/', ...chain, (c) => c.string(200, String(c.get('k38'))));
    const r = await app.inject('/');
    expect(errors).to.deep.equal([]);
    expect(r.body).to.equal('38');
  });

  it('answering after the request ended is ERR_CORE_CONTEXT_ENDED', async () => {
    const app = new Engine();
    let late: unknown;
    let saved: Context | undefined;
    app.get('/', (c) => {
      saved = c;
      c.string(200, 'done');
    });
    await app.inject('/');
    try {
      saved!.json(200, {});
    } catch (err) {
      late = err;
    }
    expect(codeOf(late)).to.equal('ERR_CORE_CONTEXT_ENDED');
    let lateNext: unknown;
    await saved!.next().catch((err: unknown) => (lateNext = err));
    expect(codeOf(lateNext)).to.equal('ERR_CORE_CONTEXT_ENDED');
  });

  it('an error without recovery is answered 500 and the app keeps serving', async () => {
    const app = new Engine();
    app.get('/boom', () => {
      throw new Error('x');
    });
    app.get('/ok', (c) => c.string(200, 'ok'));
    expect((await app.inject('/boom')).status).to.equal(500);
    expect((await app.inject('/ok')).body).to.equal('ok');
  });

  it('a handler that throws unwinds the chain: after recovery answers, no later handler runs', async () => {
    for (const throwing of ['sync', 'async'] as const) {
      const app = new Engine();
      app.use(recovery());
      const ran: string[] = [];
      app.get(
        '/',
        throwing === 'sync'
          ? () => {
              throw new HttpError(403, 'no');
            }
          : async () => {
              await Promise.resolve();
              throw new HttpError(403, 'no');
            },
        (c) => {
          ran.push('after');
          c.string(200, 'reached');
        },
      );
      const r = await app.inject('/');
      expect(r.status, throwing).to.equal(403);
      expect(ran, throwing).to.deep.equal([]);
    }
  });

  it('c.error() collects errors for later middleware', async () => {
    const app = new Engine();
    app.use(async (c) => {
      await c.next();
      c.json(200, c.errors.map((e) => (e as Error).message));
    });
    app.get('/', (c) => {
      c.error(new Error('one'));
      c.error(new Error('two'));
    });
    expect((await app.inject('/')).json()).to.deep.equal(['one', 'two']);
  });
});
