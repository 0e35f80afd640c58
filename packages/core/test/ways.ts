// The ways a test request reaches an Engine: in memory, through supertest on callback(), and
// over real sockets on the node and netpoll transports, and over HTTP/2 (h2c) on the http2 one.
import http from 'node:http';
import http2 from 'node:http2';
import request from 'supertest';
import type { Engine, Listening, TransportName } from '../src/index.js';

/** A request in the shared case table. */
export interface CaseRequest {
  method: string;
  url: string;
  headers?: Record<string, string>;
  body?: string | Buffer;
}

/** A response as every way reports it. */
export interface CaseResponse {
  status: number;
  /** Lower-case names; repeated values joined with `, `. */
  headers: Record<string, string>;
  body: string;
}

/** One way of sending requests to an app. */
export interface Way {
  name: string;
  start(app: Engine): Promise<void>;
  send(req: CaseRequest): Promise<CaseResponse>;
  stop(): Promise<void>;
}

function flatten(h: Record<string, string | string[] | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(h)) if (v !== undefined) out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : v;
  return out;
}

/** In memory, through `app.inject`. */
export function injectWay(): Way {
  let app: Engine;
  return {
    name: 'inject',
    async start(a) {
      app = a;
    },
    async send(req) {
      const r = await app.inject({ method: req.method, url: req.url, headers: req.headers, body: req.body });
      return { status: r.status, headers: r.headers, body: r.body };
    },
    async stop() {},
  };
}

/** Through supertest on `app.callback()`. */
export function supertestWay(): Way {
  let server: http.Server;
  return {
    name: 'supertest',
    async start(a) {
      server = http.createServer(a.callback());
    },
    async send(req) {
      const agent = request(server);
      let t = agent[req.method.toLowerCase() as 'get'](req.url);
      if (!['get', 'post', 'put', 'patch', 'delete', 'head', 'options'].includes(req.method.toLowerCase())) {
        t = request(server).get(req.url);
        t.method = req.method;
      }
      for (const [k, v] of Object.entries(req.headers ?? {})) t = t.set(k, v);
      t = t.buffer(true).parse((res, cb) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => cb(null, Buffer.concat(chunks).toString('utf8')));
      });
      if (req.body !== undefined) t = t.send(req.body);
      const r = await t.ok(() => true);
      return { status: r.status, headers: flatten(r.headers as Record<string, string | string[]>), body: typeof r.body === 'string' ? r.body : '' };
    },
    async stop() {},
  };
}

/** Sends one request over a socket with node:http (no agent: a connection per request). */
export function sendRaw(port: number, req: CaseRequest): Promise<CaseResponse> {
  return new Promise((resolve, reject) => {
    const r = http.request({ host: '127.0.0.1', port, method: req.method, path: req.url, headers: req.headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: flatten(res.headers), body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    r.on('error', reject);
    if (req.body !== undefined) r.end(req.body);
    else r.end();
  });
}

/** Over a real socket on one of the named transports. */
export function socketWay(transport: TransportName): Way {
  let listening: Listening;
  return {
    name: `${transport} socket`,
    async start(a) {
      listening = await a.listen({ port: 0, host: '127.0.0.1', transport });
    },
    send(req) {
      return sendRaw(listening.port, req);
    },
    async stop() {
      await listening.close();
    },
  };
}

/** Sends one request over HTTP/2 with node:http2's client, on a session of its own. */
export function sendHttp2(port: number, req: CaseRequest): Promise<CaseResponse> {
  return new Promise((resolve, reject) => {
    const session = http2.connect(`http://127.0.0.1:${port}`);
    session.on('error', reject);
    // As node:http's client and browsers do, a body whose length is known declares it.
    const length = req.body === undefined ? {} : { 'content-length': String(Buffer.byteLength(req.body)) };
    const s = session.request({ ':method': req.method, ':path': req.url, ...length, ...req.headers }, { endStream: req.body === undefined });
    let status = 0;
    let headers: Record<string, string> = {};
    s.on('response', (h) => {
      status = Number(h[':status']);
      const { ':status': _, ...rest } = h;
      headers = flatten(rest as Record<string, string | string[] | undefined>);
    });
    const chunks: Buffer[] = [];
    s.on('data', (c: Buffer) => chunks.push(c));
    s.on('end', () => {
      session.close();
      resolve({ status, headers, body: Buffer.concat(chunks).toString('utf8') });
    });
    s.on('error', reject);
    if (req.body !== undefined) s.end(req.body);
  });
}

/** Over HTTP/2 without TLS (h2c) on the http2 transport. */
export function http2Way(): Way {
  let listening: Listening;
  return {
    name: 'http2 (h2c) socket',
    async start(a) {
      listening = await a.listen({ port: 0, host: '127.0.0.1', transport: 'http2', transportOptions: { h2c: true } });
    },
    send(req) {
      return sendHttp2(listening.port, req);
    },
    async stop() {
      await listening.close();
    },
  };
}
