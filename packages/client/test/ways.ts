// The ways a client reaches an app, each one run through the same cases: over a socket (the app
// listening on a port, the global fetch), through the Engine's inject() (no socket: a Request
// turned into inject's options and its answer into a Response), and through app.fetch().
import type { Engine } from '@sloe/core';

/** Where a client of the app sends its requests. */
export interface Reached {
  /** The base URL to give the client. */
  readonly base: string;
  /** The fetch to give the client; undefined for the global fetch. */
  readonly fetch: ((request: Request) => Promise<Response>) | undefined;
  /** Stops serving (closes the listener, if any). */
  close(): Promise<void>;
}

/** A way of reaching an app. */
export interface Way {
  readonly name: string;
  /** Whether requests cross a socket, so that a closed server refuses them. */
  readonly socket: boolean;
  reach(app: Engine): Promise<Reached>;
}

// A Request served by inject(), its answer given back as a Response.
async function throughInject(app: Engine, request: Request): Promise<Response> {
  const body = request.body === null ? undefined : new Uint8Array(await request.arrayBuffer());
  const res = await app.inject({ method: request.method, url: request.url, headers: [...request.headers], ...(body === undefined ? {} : { body }) });
  const nullBody = res.status === 204 || res.status === 205 || res.status === 304 || request.method === 'HEAD';
  return new Response(nullBody ? null : res.rawBody, { status: res.status, headers: Object.entries(res.headers) });
}

export const ways: readonly Way[] = [
  {
    name: 'over a socket',
    socket: true,
    async reach(app) {
      const server = await app.listen({ host: '127.0.0.1', port: 0 });
      return { base: `http://127.0.0.1:${server.port}`, fetch: undefined, close: () => server.close() };
    },
  },
  {
    name: 'through inject()',
    socket: false,
    reach(app) {
      return Promise.resolve({ base: 'http://sloe.test', fetch: (request: Request) => throughInject(app, request), close: () => Promise.resolve() });
    },
  },
  {
    name: 'through app.fetch()',
    socket: false,
    reach(app) {
      return Promise.resolve({ base: 'http://sloe.test', fetch: (request: Request) => app.fetch(request), close: () => Promise.resolve() });
    },
  },
];
